"""Cooperation, operation and renaming read from clause patterns.

* ``partnerOf``: 与A、B等签订/共建/建立…; A、B在吕梁建立…基地; 引进/聘请A;
* ``operatedBy``: A组织/主办/举办/成立/建设/打造/实施/开设/开展… Y (Y a program, project,
  event or memorial in the same clause); 与A合作开办的Y;
* ``renamedTo``: A（…改称/更名为“B”）, A更名为B, with the date when one stands between.

The subject of a cooperation is the nearest place or institution before 与 in the clause,
else the document's main place (the city it mentions most).

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> st = Pipeline(["lexicon", "grammar", "quoted", "select", "cooperation"])(read_text(
...     "吕梁市与太原理工大学签订战略合作协议。", doc_id="d"))
>>> [(s.subject.text, s.predicate, s.object.text) for s in st.statements]
[('吕梁市', 'partnerOf', '太原理工大学')]
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from kg.extract.brackets import alias_end
from kg.extract.pipeline import DocState, register_component
from kg.records import Mention, Statement

__all__ = ["Cooperation", "main_place", "clear_home"]

_CLAUSE_END = re.compile(r"[，。；！？,;!?\n]")
_COOP = re.compile(r"签订|签署|签约|合作|共建|联合|携手|建立|设立|结对|对接|共同|协作|组建")
# What stands between 在 and the verb holds no other verb or name of a thing: in 在北京举办了
# “…法制建设研讨会” the body holds a meeting, and 建设 is a word of the meeting's name.
_HOST = re.compile(r"^(?:等\d*[所家个]?(?:高校|大学|单位|院校|企业)?)?(?:在|于)"
                   r"(?:(?!举办|召开|举行|主办|[“《\"])[^，。；！？、]){0,24}?(?:分别)?"
                   r"(?:建立|设立|共建|落户|挂牌|打造|建设|成立)")
_BRING = re.compile(r"(引进|聘请|邀请)$")
_BRING_AFTER = re.compile(r"(?:引进|聘请|邀请)")
# 县委县政府, 吕梁市委市政府, 市委、市政府: a place's leadership named as one.
_JOINT_LEADERSHIP = re.compile(r"[\u4e00-\u9fff]{0,6}?[省市县区]委[、和]?[\u4e00-\u9fff]{0,6}?[省市县区](?:人民)?政府")
_RUN = ("组织", "主办", "承办", "举办", "成立", "建设", "打造", "实施", "开设", "开展", "部署",
        "建立", "推出", "发起", "创建", "设立", "挂牌", "开办", "建成", "启动", "发展", "投用", "引进")
_PARTNER_END = re.compile(r"[、和及与等，,。；”）)]|签|合作|共建|共同|联合|携手|建立|设立|结对|对接|协作|就|在|开展|达成|举行|缔结")
_SIGN_RIGHT = re.compile(r"(?:正式|成功|现场|共同)?(?:签订|签署|签约|缔结)")
_AND_SUCH = re.compile(r"等[\u4e00-\u9fff]")
_BOTH_SIDES = re.compile(r"双方(?:将|还将|拟|计划)?(?:在[^，。；]{1,12})?(?:共建|合作建设|联合建设|共同建设|共同打造|联合打造|共同组建|联合组建|合作共建)")
_JOINT = re.compile(r"共建|合作建设|联合建设|共同建设|共同打造|联合打造")
_RUNNER_HEADS = ("专班", "领导小组", "指挥部", "办公室", "服务中心", "工作站", "中心")
_ANNIVERSARY = re.compile(r"[0-9０-９一二三四五六七八九十百零]+周年")
_FOUND = frozenset({"建立", "成立", "设立", "组建", "创建"})
_BUILDER_PLACES = ("City", "County", "District", "CountyLevelCity", "Township", "DevelopmentZone")
_RENAME = re.compile(r"(?:改称|更名为|改名为|更名|改为)")
_DATE = re.compile(r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?")
_LIST_SEP = set("、和及与等“”\"")
_DESCRIBED_PARTY = re.compile(r"[\u4e00-\u9fff]{2,8}的")
_PARTY = ("Place", "Institution")
# Places that can sign an agreement: administrations, not regions (京津冀) or rivers.
# A development zone signs through its management committee (台州湾新区与上海氢晨签约).
_PARTY_PLACES = frozenset({"Province", "City", "County", "District", "CountyLevelCity", "Township",
                           "DevelopmentZone"})


def _can_partner(m: Mention) -> bool:
    return m.core == "Institution" or (m.core == "Place" and m.cls in _PARTY_PLACES)
_RUNNABLE = ("Program", "Project", "Event", "Memorial")


_HOME_CLASSES = ("City", "Province", "County", "District", "CountyLevelCity")


def main_place(state: DocState, *, classes: tuple[str, ...] = _HOME_CLASSES) -> Mention | None:
    """The first mention of the division the document names most (a city wins a tie)."""
    counts: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for m in state.mentions:
        if m.core == "Place" and m.cls in classes and m.ref:
            counts[m.ref] += 1 if not m.nested else 0.5
            first.setdefault(m.ref, m)
    if not counts:
        return None
    ref = max(counts, key=lambda r: (counts[r], first[r].cls == "City", -first[r].start))
    return first[ref]


def clear_home(state: DocState) -> Mention | None:
    """The document's place when it has one: the division it names most, named at least
    twice and more often than any other. A news item that names seven cities once each
    (命名杭州西湖、南京中山陵、上海博物馆…), or one place once, is about none of them.

    Examples
    --------
    >>> from kg.text import read_text
    >>> from kg.extract.pipeline import Pipeline
    >>> st = Pipeline(["lexicon", "select"])(read_text("南京中山陵、上海博物馆和杭州西湖。", doc_id="d"))
    >>> clear_home(st) is None, main_place(st).text
    (True, '南京')
    >>> st = Pipeline(["lexicon", "select"])(read_text("台湾同美国杜邦公司建立了合作关系。", doc_id="d"))
    >>> clear_home(st) is None
    True
    >>> st = Pipeline(["lexicon", "select"])(read_text("吕梁市召开会议，兴县和吕梁市部署。", doc_id="d"))
    >>> clear_home(st).text
    '吕梁市'
    """
    counts: Counter[str] = Counter()
    for m in state.mentions:
        if m.core == "Place" and m.cls in _HOME_CLASSES and m.ref and not m.nested:
            counts[m.ref] += 1
    for m in state.mentions:
        if m.core == "Place" and m.cls in _HOME_CLASSES and m.ref and m.nested:
            counts[m.ref] += 0.5
    home = main_place(state)
    if home is None:
        return None
    top = counts[home.ref]
    others = [c for r, c in counts.items() if r != home.ref]
    return home if top >= 2 and all(c < top for c in others) else None


class _Clauses:
    """Clause boundaries of a text, found once (a clause ends at ，。； and line ends)."""

    def __init__(self, text: str) -> None:
        self.n = len(text)
        self.ends = [m.start() for m in _CLAUSE_END.finditer(text)]

    def __call__(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.ends, pos)
        start = self.ends[i - 1] + 1 if i > 0 else 0
        end = self.ends[i] if i < len(self.ends) else self.n
        return start, end


def _sentence_span(doc, pos: int) -> tuple[int, int]:
    sent = doc.sentence_at(pos)
    return (sent.start, sent.end) if sent else (pos, len(doc.text))


def _list_after(ms: list[Mention], text: str, pos: int, end: int, cores, described: bool = False) -> list[Mention]:
    """Mentions forming a 、-separated list starting at ``pos`` (after a few words ending
    in 的 when ``described``)."""
    out = []
    cur = pos
    for m in ms:
        if m.start < cur or m.start >= end:
            continue
        gap = text[cur:m.start]
        # 与隔河相望的…洪安镇签订: a few words of description before the first party.
        if gap and not set(gap) <= _LIST_SEP and not (described and not out and cur == pos and _DESCRIBED_PARTY.fullmatch(gap)):
            break
        if m.core in cores:
            out.append(m)
        cur = m.end
    return out


@register_component("cooperation")
class Cooperation:
    """Add partnerOf, operatedBy and renamedTo ``statements``."""

    requires = ("mentions",)
    provides = ("statements",)

    def __call__(self, state: DocState) -> None:
        doc = state.doc
        text = doc.text
        top = sorted((m for m in state.mentions if not m.nested), key=lambda m: m.start)
        home = clear_home(state)
        clause = _Clauses(text)
        # Mentions by position: every scan below looks at a window of ``top``, found by
        # bisection (scanning all of it per match was quadratic on large documents).
        starts = [m.start for m in top]
        longest = max((m.length for m in top), default=0)

        def between(lo: int, hi: int) -> list[Mention]:
            """Mentions of ``top`` starting in ``[lo, hi)``, in order."""
            return top[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        # The same over every mention, nested ones too (the longer first at one start).
        every = sorted(state.mentions, key=lambda m: (m.start, -m.length))
        every_starts = [m.start for m in every]
        seen: set[tuple] = set()

        def add(sub: Mention, pred: str, obj: Mention, rule: str, conf: float, date=None) -> None:
            key = (sub.start, pred, obj.start)
            # One name twice is one party, unless each is placed under another division
            # (湄潭县永兴镇与…名山区永兴镇签订).
            if sub is obj or key in seen or (sub.text == obj.text and sub.parent == obj.parent):
                return
            seen.add(key)
            idx = doc.sentence_index_at(obj.start)
            state.statements.append(Statement(sub, pred, obj, idx, rule, conf, date=date))

        # partnerOf: 与A、B等…签订/共建
        pairs: list[tuple[int, Mention, list[Mention]]] = []  # (where, subject, partners)
        for mt in re.finditer(r"[与同和]", text):
            cs, ce = clause(mt.start())
            tail = text[mt.end():ce]
            if not _COOP.search(tail):
                continue
            # Words describing the partner only after a named party (A与隔河相望的B): the
            # document's place as the tacit subject would be a guess.
            named = any(m.end == mt.start() and m.core in _PARTY for m in between(cs, mt.start()))
            partners = _list_after(between(mt.end(), ce), text, mt.end(), ce, _PARTY, named)
            if mt.group() == "和" and not (
                    partners and len(partners) == 1 and _SIGN_RIGHT.match(text, partners[-1].end)
                    and any(m.end == mt.start() and m.core in _PARTY for m in between(cs, mt.start()))):
                # A和B签订…协议: 和 joins two parties only right before the signing verb (A和B等
                # 单位, 农业和农村 join anything else).
                continue
            # 与上海氢晨签约: a place that goes on into a longer name is that name's modifier.
            partners = [p for p in partners if p.core != "Place" or _PARTNER_END.match(text, p.end)]
            # 与南京、湖南等一流科研机构: places listed before 等 + a noun modify the noun.
            if partners and _AND_SUCH.match(text, partners[-1].end):
                partners = [p for p in partners if p.core != "Place"]
            if not partners:
                continue
            before = [m for m in between(cs, mt.start()) if m.end <= mt.start() and m.core in _PARTY]
            # 湘西土家族苗族自治州人民医院（湘西州人民医院）与…: the full name signs, not
            # its short form in brackets.
            full = [m for m in before[:-1] if alias_end(text, m.end) == mt.start() > m.end]
            if full and before[-1].start > full[-1].end:
                before = before[:-1]
            subject = before[-1] if before else home
            # 县委县政府与…签订, 吕梁市委、市政府与…: a place's party committee and government
            # acting together are the place acting.
            if subject is not None and subject.core == "Institution" and before and subject is before[-1]:
                k = next((k for k in range(max(cs, mt.start() - 16), subject.start + 1)
                          if _JOINT_LEADERSHIP.fullmatch(text, k, mt.start())), None)
                if k is not None:
                    place = next((x for x in state.mentions if k <= x.start and x.end <= mt.start()
                                  and x.core == "Place" and x.cls in _PARTY_PLACES), None) or home
                    if place is not None:
                        subject = place
                        before = [x for x in before if x.end <= k] + [place]
            # 山西大学、太原理工大学与吕梁市签约: every party listed before 与 signs.
            subjects = [subject] if subject is not None else []
            if before and text[subject.end:mt.start()] == "":
                for m in reversed(before[:-1]):
                    if text[m.end:subjects[-1].start] not in ("、", "和", "及"):
                        break
                    subjects.append(m)
            for sub in subjects:
                for p in partners:
                    if _can_partner(p) and _can_partner(sub):
                        add(sub, "partnerOf", p, "relation:coop-with", 0.8)
            # 与A签订…协议，共建“零碳示范区”: what they build together is run by the partners.
            _, se = _sentence_span(doc, mt.start())
            for jm in _JOINT.finditer(text, partners[-1].end, se):
                # An institute the two found together (共建…研究院) is theirs to run as well.
                y = next((x for x in between(jm.end(), jm.end() + 3)
                          if (x.core in _RUNNABLE + ("Institution",) or x.cls in ("DevelopmentZone", "ScenicArea"))),
                         None)
                if y is not None:
                    for p in partners:
                        if p.core == "Institution":
                            add(y, "operatedBy", p, "relation:built-jointly", 0.7)
                    # The other party builds it too; a place that does is where it is.
                    if subject is not None and subject.core == "Institution":
                        add(y, "operatedBy", subject, "relation:built-jointly", 0.7)
                    elif subject is not None and y.core != "Place" and _can_partner(subject):
                        add(y, "locatedIn", subject, "relation:built-jointly-in", 0.7)
            if subject is not None and _can_partner(subject):
                pairs.append((mt.start(), subject, [p for p in partners if _can_partner(p)]))
            # 与A合作开办的Y: Y is run by A.
            after = text[partners[-1].end:ce]
            if re.match(r"^(合作)?(开办|创办|共建|兴办)的", after):
                runs = [m for m in between(partners[-1].end + 1, ce) if m.core in _RUNNABLE + ("Institution",)]
                if runs:
                    add(runs[0], "operatedBy", partners[-1], "relation:run-with", 0.75)
        # A联合B（b）等院校开展…: a body that joins others in a task is their partner.
        for mt in re.finditer("联合", text):
            sub = next((m for m in between(mt.start() - longest, mt.start())
                        if m.end == mt.start() and m.core == "Institution"), None)
            pos = mt.end()
            while sub is not None:
                p = next((m for m in between(pos, pos + 1) if m.core == "Institution"), None)
                if p is None:
                    break
                add(sub, "partnerOf", p, "relation:joins", 0.75)
                pos = alias_end(text, p.end)
                if text[pos:pos + 1] not in ("、", "和", "及"):
                    break
                pos += 1
        # 双方将共建Y: "both sides" are the parties of the agreement just stated.
        for mt in _BOTH_SIDES.finditer(text):
            last = next((p for p in reversed(pairs) if p[0] < mt.start() and mt.start() - p[0] < 200), None)
            if last is None or len(last[2]) != 1:
                continue
            y = next((x for x in between(mt.end(), mt.end() + 3)
                      if (x.core in _RUNNABLE + ("Institution",) or x.cls in ("DevelopmentZone", "ScenicArea"))), None)
            if y is not None:
                for party in (last[1], *last[2]):
                    if party.core == "Institution":
                        add(y, "operatedBy", party, "relation:built-by-both", 0.7)
        # partnerOf: A、B等在吕梁建立…基地 — institutions hosted by the document's place.
        for i, m in enumerate(top):
            if m.core != "Institution":
                continue
            lst = [m]
            j = i + 1
            while j < len(top) and set(text[lst[-1].end:top[j].start]) <= set("、和及") and text[lst[-1].end:top[j].start] \
                    and top[j].core == "Institution":
                lst.append(top[j])
                j += 1
            if m is not lst[0] or (i > 0 and text[top[i - 1].end:m.start] in ("、", "和")):
                continue
            host = _HOST.match(text[lst[-1].end:lst[-1].end + 40])
            if host is not None:
                # The place named first after 在 (吕梁市 of 在吕梁市方山县…高新区), else the
                # document's own.
                at = lst[-1].end
                # (nested ones too: 晋中市 of a place read whole, 晋中市榆次区大学城)
                lo, hi = (bisect.bisect_left(every_starts, at + k) for k in (0, host.end()))
                named = [x for x in every[lo:hi] if x.core == "Place" and _can_partner(x)]
                where = named[0] if named else home
                for p in lst if where is not None else ():
                    add(where, "partnerOf", p, "relation:hosted-in", 0.7)
            # 引进A, 从A聘请专家: a body whose people or teams are brought in is a partner.
            if (_BRING.search(text[max(0, m.start - 3):m.start])
                    or (text[m.start - 1:m.start] in ("从", "向") and _BRING_AFTER.match(text, m.end))):
                cs, _ = clause(m.start)
                before = [x for x in between(cs, m.start) if x.end <= m.start and x.core in _PARTY]
                if before or home is not None:
                    add(before[-1] if before else home, "partnerOf", m, "relation:bring-in", 0.7)
        # Y named inside a body's name is run by it: 能源革命综合改革试点|工作专班.
        programs = [x for x in top if x.core == "Program"]
        for m in top:
            if m.core == "Institution" and m.text.endswith(_RUNNER_HEADS):
                for y in programs:
                    if y.text in m.text and y.text != m.text:
                        add(y, "operatedBy", m, "relation:named-runner", 0.75)
        # operatedBy: A 组织/主办/建设… Y; a place that builds Y is where Y is. The subject
        # carries over the clauses of its sentence (共青团吕梁市委部署…，挂牌…基地).
        for m in top:
            if m.core not in ("Institution", "Place") or (m.core == "Place" and m.cls not in _BUILDER_PLACES):
                continue
            self._runs(m, top, text, clause, doc, add, between)
        # renamedTo: A（2018年5月改称“B”）
        for mt in _RENAME.finditer(text):
            prev = [m for m in between(mt.start() - 12 - longest, mt.start())
                    if m.end <= mt.start() and mt.start() - m.end <= 12]
            nxt = between(mt.end(), mt.end() + 3)
            if not prev or not nxt or prev[-1].core != nxt[0].core:
                continue
            date = _DATE.search(text, prev[-1].end, mt.start())
            add(prev[-1], "renamedTo", nxt[0], "relation:renamed", 0.85, date.group(0) if date else None)

    @staticmethod
    def _runs(m: Mention, top: list[Mention], text: str, clause, doc, add, window=None) -> None:
        if window is None:
            def window(lo: int, hi: int) -> list[Mention]:
                return [x for x in top if lo <= x.start < hi]

        _, se = _sentence_span(doc, m.end)
        cs, ce = clause(m.end)
        pos, first = m.end, True
        while pos < se:
            after = text[pos:ce]
            hits = [(after.find(v), v) for v in _RUN if after.find(v) >= 0]
            if hits:
                at, verb = min(hits)
                between = after[:at]
                inner = [x for x in window(pos, pos + at + 1) if x.end <= pos + at]
                # 北京理工大学在吕梁市方山县…打造了: only places may stand between subject and verb;
                # in a later clause nothing may (another subject starts there).
                ok = at <= 2 if first else at <= 1 and not inner
                if first and not ok and between[:1] in "在于" and inner and all(x.core == "Place" for x in inner):
                    ok = True
                vpos = pos + at + len(verb)
                if _ANNIVERSARY.match(text, vpos):
                    ok = False  # 中国共产党成立100周年: an anniversary, not a founding
                if ok:
                    for y in window(vpos, ce):
                        if m.core == "Institution":
                            facility = y.core == "Institution" and verb in _FOUND
                            if y.core in _RUNNABLE or facility or y.cls in ("DevelopmentZone", "ScenicArea"):
                                add(y, "operatedBy", m, f"relation:runs:{verb}", 0.7)
                                if inner and first:
                                    add(y, "locatedIn", inner[-1], f"relation:built-in:{verb}", 0.7)
                        elif y.core in ("Project", "Memorial") or y.cls in ("DevelopmentZone", "ScenicArea"):
                            add(y, "locatedIn", m, f"relation:place-builds:{verb}", 0.75)
            if ce >= se or any(x.core in _PARTY for x in window(ce + 1, ce + 3)):
                break
            pos, first = ce + 1, False
            _, ce = clause(pos)
