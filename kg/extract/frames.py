"""Relations stated by clause frames of Chinese news, beyond name form and adjacency.

* operators: ``Y由A(、B)主办/承办/运营/建设/管理…``, ``由A主办的Y``, ``Y隶属于A``,
  ``主办单位：A`` (Y the program, project, event, memorial or site the clause is about;
  ``该项目``, ``本次活动`` stand for the last one named);
* containment: ``A境内(的)B、C``, ``A辖B、C``, ``A(内|里|中)的B``, and a natural or
  scenic area written right before a site (``卦山天宁寺``);
* positions: a person with an apposition (``王晓明，大同市教育局局长，``), a person
  taking up a post (``王晓明任大同市教育局局长``) and lists
  (``张建国、李红梅分别任太原市教育局局长、副局长``).

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> st = Pipeline(["lexicon", "grammar", "quoted", "select", "frames"])(read_text(
...     "平遥古城境内有双林寺。", doc_id="d"))
>>> [(s.subject.text, s.predicate, s.object.text, s.rule) for s in st.statements]
[('双林寺', 'locatedIn', '平遥古城', 'frames:within')]
"""

from __future__ import annotations

import functools
import re

from kg.extract.pipeline import DocState, register_component
from kg.extract.relations import PLACE_LEVEL, SITE_CLASSES, is_post, may_lie_in
from kg.extract.wordlists import title_table
from kg.records import Mention, Statement

__all__ = ["ClauseFrames"]

_RUNNABLE = frozenset({"Program", "Project", "Event", "Memorial"})
# Places that are sites something runs (a park, a station), not divisions.
_CLAUSE_END = "，,；;。！？!?\n"
_SENT_END = "。！？!?\n"
# 由A、B共同主办: the verbs of running, organising and building something.
_RUN_VERBS = ("主办", "承办", "协办", "联合主办", "共同主办", "运营", "运营管理", "管理", "建设", "投资建设",
              "负责建设", "承建", "开发", "实施", "组织", "举办", "发起", "牵头", "负责")
_BY = re.compile(r"由")
_RUN_AFTER = re.compile(r"(?:共同|联合|负责|牵头)?(" + "|".join(sorted(_RUN_VERBS, key=len, reverse=True)) + ")")
_UNIT = re.compile(r"(?:主办|承办|协办|运营|建设|管理)单位(?:为|是|：|:)")
# A sentence (after its date) opening at a place: 2月23日，在…，
_AT_OPENING = re.compile(r"(?:^|(?<=[。！？；;\n])|(?<=[0-9一二三四五六七八九十]日[，,]))\s*在")
_OPENS = re.compile(r"开工|建成|投产|竣工|落成|开业|开园|揭牌|投用|运行|启用|开馆|奠基|签约落地")
# Words describing a place between it and a site in it: 吕梁革命老区|四八烈士纪念馆.
_DESCRIBED = re.compile(r"(?:(?:革命老区|老区|革命根据地|根据地|市区|城区|县城|郊区|境内|城北|城南|城东|城西)(?:的)?"
                        r"|(?:的)?(?:著名|知名|重点|国家级|省级)?(?:旅游)?(?:景区|景点|风景区|名胜|红色景点))")
_BUILD_AT = re.compile(r"(?:建设|建成|新建|兴建|打造|落户|开工建设|投资建设|规划建设)(?:了)?[“「]?")
_ISSUES = re.compile(r"(?:联合|共同|先后|相继|正式)?(?:出台|印发|制定|发布|颁布|推出|实施)(?:了)?[《“「]?")
_GATHERS = re.compile(r"(?:已|先后|共|现已)?(?:集聚|聚集|汇聚|吸引|引进)(?:了)?")
_AS_BASE = re.compile(r"以[“「]?")
_AS_BASE_END = re.compile(r"[”」]?为(?:主阵地|主战场|主平台|载体|核心|龙头|依托|平台|基地|抓手)")
_COMPOSE = re.compile(r"(?:共同)?(?:组成|构成)(?:了)?")
_FORMERLY = re.compile(r"[（(]原")
_RELY_ON = re.compile(r"依托")
_FOUNDED = re.compile(r"(?:建设|建立|成立|组建|设立|共建|创办|运营)")
_BARE_HEAD = re.compile(r"(研究院|研究所|中心|基地|实验室|平台|园区)$")
_PART_OF = re.compile(r"(?:中|之中)?的(?:一段|一部分|一期|一期工程)|之一")
_DIVISION_ENDS = frozenset("县区旗镇乡村")
_SEAT = re.compile(r"(?:的)?(?:所在地|驻地)")
_AND_OTHERS = re.compile(r"(?:等(?:单位|部门|机构|企业|高校)?)?")
_BELONGS = re.compile(r"(?:隶属于|隶属|归属于|直属于)")
_LIST_GLUE = re.compile(r"^(?:、|和|及|与|以及|，)$")
# 该项目, 本次活动, 此次大会: a demonstrative standing for the last thing of its kind.
_ANAPHOR = re.compile(r"(?:该|本次|此次|这次|本届|这一|这个|本)[\u4e00-\u9fff]{0,3}?(项目|工程|活动|会|节|赛|展|"
                      r"论坛|纪念馆|基地|平台|计划|行动)(?![\u4e00-\u9fff]*[的之])")
# The kind of thing a demonstrative's head noun names.
_ANAPHOR_CORE = {"会": "Event", "节": "Event", "赛": "Event", "展": "Event", "论坛": "Event", "活动": "Event",
                 "纪念馆": "Memorial", "计划": "Program", "行动": "Program"}
# 境内, 辖: a division and what lies in it.
_WITHIN = re.compile(r"境内(?:的|有|共有|现有|分布着|坐落着)?")
_GOVERNS = re.compile(r"(?:下辖|辖|管辖)")
_INSIDE = re.compile(r"(?:景区|园区)?(?:内|里|中|之中)的")
# Mountains and scenic areas: what is on, under or by them (赤城山上的梁妃塔, 天台山南麓的国清寺).
_ON_AREA = re.compile(r"(?:上|下|脚下|[东南西北]?麓|之巅|顶上|畔|之畔)的")
# 景区内的南天顶: a bare head noun standing for the last area of that kind.
_BARE_AREA = re.compile(r"(景区|园区|开发区|保护区|公园|古镇|古城)(?:内|里|中)的")
# Sites whose name may follow the area they are in: temples, towers, halls, caves, bridges.
_SITE_HEAD = re.compile(r"(?:寺|庙|观|庵|塔|楼|阁|祠|宫|殿|馆|旧址|故居|碑|洞|桥|亭|石窟|书院)$")
_AREA_CLASSES = frozenset({"ScenicArea", "Mountain", "Park", "NatureReserve", "Region"})
_TAKE_POST = re.compile(r"(?:分别)?(?:担任|出任|兼任|任|当选为|当选|履新)")


def _level(m: Mention) -> int | None:
    return PLACE_LEVEL.get(m.cls) if m.core == "Place" else None


@functools.cache
def _titles_longest_first() -> tuple[str, ...]:
    return tuple(sorted(title_table(), key=len, reverse=True))


def _title_at(text: str, pos: int) -> str | None:
    """The longest post title starting at ``pos`` (see :func:`~kg.extract.relations.is_post`)."""
    return next((t for t in _titles_longest_first() if text.startswith(t, pos) and is_post(t)), None)


def _runnable(m: Mention) -> bool:
    return m.core in _RUNNABLE or (m.core == "Place" and m.cls in SITE_CLASSES)


@register_component("frames")
class ClauseFrames:
    """Add ``statements`` read from clause frames (operators, containment, positions)."""

    requires = ("mentions",)
    provides = ("statements",)

    def __call__(self, state: DocState) -> None:
        text = state.doc.text
        # A span across a full stop (健康研究院。研究院) is no name a frame can hold.
        top = [m for m in state.mentions if not m.nested and not m.implied
               and not any(ch in _SENT_END for ch in m.text)]
        starts: dict[int, list[Mention]] = {}
        for m in top:
            starts.setdefault(m.start, []).append(m)
        found: list[tuple[Mention, str, Mention, str, float, str | None]] = []
        nested = [m for m in state.mentions if m.nested and m.core == "Place"]

        def places_in(m: Mention) -> list[Mention]:
            return [p for p in nested if m.start <= p.start and p.end <= m.end]

        self._operators(text, top, starts, found, places_in)
        self._containment(text, top, starts, found, places_in)
        self._positions(text, top, starts, found)
        self._listed_holders(text, top, state.statements, found)
        self._renamed(text, top, starts, found)
        self._seat(text, top, found)
        seen = {(s.subject.span, s.predicate, s.object.span) for s in state.statements}
        for sub, pred, obj, rule, conf, role in found:
            key = (sub.span, pred, obj.span)
            if sub is obj or key in seen or (sub.text == obj.text and sub.parent == obj.parent):
                continue
            seen.add(key)
            idx = state.doc.sentence_index_at(sub.start)
            state.statements.append(Statement(sub, pred, obj, idx, f"frames:{rule}", conf, role=role))

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _list_from(text: str, starts: dict[int, list[Mention]], pos: int, ok) -> list[Mention]:
        """Mentions accepted by ``ok`` listed from ``pos`` on (A、B和C), first of each start."""
        out: list[Mention] = []
        while True:
            while text[pos:pos + 1] in ("“", "《", "「"):
                pos += 1
            m = next((x for x in starts.get(pos, ()) if ok(x)), None)
            if m is None:
                return out
            out.append(m)
            pos = m.end
            while text[pos:pos + 1] in ("”", "》", "」"):
                pos += 1
            glue = next((g for g in ("以及", "、", "和", "及", "与") if text.startswith(g, pos)), None)
            if glue is None:
                return out
            pos += len(glue)

    @staticmethod
    def _list_before(text: str, top: list[Mention], end: int, ok) -> list[Mention]:
        """Mentions accepted by ``ok`` listed right before ``end`` (A、B和C|end), in order."""
        out: list[Mention] = []
        pos = end
        for m in reversed([x for x in top if x.end <= end]):
            gap = text[m.end:pos].strip("”》」“《「")
            if out and not _LIST_GLUE.match(gap):
                break
            if not out and gap:
                break
            if not ok(m):
                break
            out.append(m)
            pos = m.start
        return out[::-1]

    @staticmethod
    def _clause_start(text: str, pos: int, stops: str = _CLAUSE_END) -> int:
        while pos > 0 and text[pos - 1] not in stops:
            pos -= 1
        return pos

    def _thing_before(self, text: str, top: list[Mention], pos: int) -> Mention | None:
        """What a 由/隶属 clause ending at ``pos`` is about: the last runnable thing named in
        its sentence, else the one a demonstrative of the sentence stands for."""
        s0 = self._clause_start(text, pos, _SENT_END)
        # Not a whole named only to place a part of it (…三亚高速公路中的一段，由…承建).
        inside = [m for m in top if s0 <= m.start and m.end <= pos and _runnable(m)
                  and not _PART_OF.match(text, m.end)]
        ana = _ANAPHOR.search(text, s0, pos)
        if inside and (ana is None or inside[-1].start > ana.start()):
            return inside[-1]
        if ana is not None:
            core = _ANAPHOR_CORE.get(ana.group(1))
            return next((m for m in reversed(top) if m.end <= s0 and s0 - m.end < 400 and _runnable(m)
                         and (core is None or m.core == core)), None)
        return None

    # ------------------------------------------------------------------ operators

    @staticmethod
    def _leading_places(owner: Mention, places_in) -> list[Mention]:
        """The division a name opens with (中阳县|东义集团…): where what it runs is."""
        # Only a division written in full (中阳县, not 大同 of 大同煤业集团): a company named
        # after a city may work far from it, one named after its county seldom does.
        return [p for p in places_in(owner) if p.start == owner.start and _level(p) is not None
                and p.cls not in SITE_CLASSES and p.text[-1:] in _DIVISION_ENDS][:1]

    def _operators(self, text, top, starts, found, places_in) -> None:
        org = lambda m: m.core == "Institution"  # noqa: E731
        for mt in _BY.finditer(text):
            bodies = self._list_from(text, starts, mt.end(), org)
            if not bodies:
                continue
            # 由A、B等单位主办
            verb = _RUN_AFTER.match(text, _AND_OTHERS.match(text, bodies[-1].end).end())
            if verb is None:
                continue
            after = verb.end()
            if text.startswith("的", after):
                # 由A主办的Y: the thing named right after.
                thing = next((m for m in starts.get(after + 1, ()) if _runnable(m)), None)
            else:
                thing = self._thing_before(text, top, mt.start())
            if thing is None:
                continue
            for b in bodies:
                found.append((thing, "operatedBy", b, "run-by", 0.8, None))
            # 由A主办，B、C承办: the next clauses name more bodies with their part.
            pos = after
            while text[pos:pos + 1] in ("，", ",", "；", ";"):
                more = self._list_from(text, starts, pos + 1, org)
                verb = _RUN_AFTER.match(text, _AND_OTHERS.match(text, more[-1].end).end()) if more else None
                if verb is None:
                    break
                for b in more:
                    found.append((thing, "operatedBy", b, "run-by", 0.8, None))
                pos = verb.end()
        for mt in _UNIT.finditer(text):
            # Only under a title line (short, no full stop): at the foot of an article,
            # 主办单位 names who runs the page, not the last program the text named.
            line_end = text.rfind("\n", 0, mt.start())
            prev = text[:max(line_end, 0)].rstrip("\n").rsplit("\n", 1)[-1]
            if line_end < 0 or len(prev) > 40 or prev.rstrip()[-1:] in _SENT_END + "；;，,":
                continue
            bodies = self._list_from(text, starts, mt.end(), org)
            # 主办单位 follows the title of what is organised: an event or a program named
            # just before (a line or two), never a site the title happens to mention.
            thing = next((m for m in reversed(top) if m.end <= mt.start() and mt.start() - m.end < 80
                          and m.core in ("Event", "Program")), None)
            for b in bodies if thing is not None else ():
                found.append((thing, "operatedBy", b, "run-by-unit", 0.75, None))
        # 中阳钢铁有限公司数字化生产系统, 东义集团煤气化有限公司鑫岩煤矿: a project or site named
        # right after the company runs it (and lies where the company's name places it).
        for m in top:
            split = m.rule.startswith("split-owner:")
            if not (m.core == "Project" or (m.core == "Place" and m.cls == "Facility") or split):
                continue
            owner = next((o for o in top if o.end == m.start and o.core == "Institution"), None)
            if owner is not None:
                found.append((m, "operatedBy", owner, "owner-before", 0.8, None))
                for p in self._leading_places(owner, places_in):
                    found.append((m, "locatedIn", p, "owner-place", 0.75, None))
        # 市委、市政府出台《…行动方案》: a policy is run by the bodies that issue it; 山西省委
        # “四为四高两同步”总体思路: a program written right after a body is that body's.
        for mt in _ISSUES.finditer(text):
            bodies = self._list_before(text, top, mt.start(), org)
            policy = next((m for m in starts.get(mt.end(), ()) if m.core == "Program"), None)
            for b in bodies if policy is not None else ():
                found.append((policy, "operatedBy", b, "issued-by", 0.75, None))
        for m in top:
            if m.core != "Program":
                continue
            pos = m.start - (1 if text[m.start - 1:m.start] in ("“", "《", "「") else 0)
            for b in self._list_before(text, top, pos, org):
                found.append((m, "operatedBy", b, "body-program", 0.7, None))
        # 研究院依托遵义医科大学建设: an institute built on a body is run by it.
        for mt in _RELY_ON.finditer(text):
            bodies = self._list_from(text, starts, mt.end(), org)
            if not bodies or not _FOUNDED.match(text, _AND_OTHERS.match(text, bodies[-1].end).end()):
                continue
            subj = self._list_before(text, top, mt.start(), lambda m: _runnable(m) or m.core == "Institution")
            if not subj:
                head = _BARE_HEAD.search(text, max(0, mt.start() - 6), mt.start())
                subj = [m for m in reversed(top) if head is not None and m.end <= head.start()
                        and head.start() - m.end < 400 and m.text.endswith(head.group(1))][:1]
            for sub in subj:
                for b in bodies:
                    if b is not sub:
                        found.append((sub, "operatedBy", b, "relies-on", 0.75, None))
        for mt in _BELONGS.finditer(text):
            bodies = self._list_from(text, starts, mt.end(), org)
            subj = self._list_before(text, top, mt.start(), _runnable)
            for s in subj:
                for b in bodies[:1]:
                    found.append((s, "operatedBy", b, "belongs-to", 0.8, None))

    # ------------------------------------------------------------------ containment

    def _containment(self, text, top, starts, found, places_in) -> None:
        place = lambda m: m.core == "Place"  # noqa: E731
        located = lambda m: m.core in ("Place", "Memorial", "Project", "Institution")  # noqa: E731
        for mt in _WITHIN.finditer(text):
            area = next((m for m in reversed(top) if m.end == mt.start() and m.core == "Place"), None)
            if area is None:
                continue
            for m in self._ended(text, self._list_from(text, starts, mt.end(), located)):
                if self._smaller(m, area):
                    found.append((m, "locatedIn", area, "within", 0.85, None))
        for mt in _GOVERNS.finditer(text):
            area = next((m for m in reversed(top) if m.end == mt.start() and m.core == "Place"), None)
            if area is None or _level(area) is None:
                continue
            for m in self._ended(text, self._list_from(text, starts, mt.end(), place)):
                if self._smaller(m, area):
                    found.append((m, "locatedIn", area, "governs", 0.85, None))
        for mt in _ON_AREA.finditer(text):
            area = next((m for m in reversed(top) if m.end == mt.start() and m.core == "Place"
                         and m.cls in _AREA_CLASSES), None)
            for m in self._list_from(text, starts, mt.end(), located) if area else ():
                # A division is not on a mountain (小北山下的潮阳市谷饶镇: the town is).
                if self._smaller(m, area) and not self._division(m):
                    found.append((m, "locatedIn", area, "on-area", 0.8, None))
        for mt in _BARE_AREA.finditer(text):
            if any(m.end == mt.end(1) for m in top):
                continue  # the head ends a name: the name rule below reads it
            area = next((m for m in reversed(top) if m.end <= mt.start() and mt.start() - m.end < 300
                         and m.core == "Place" and m.text.endswith(mt.group(1))), None)
            for m in self._list_from(text, starts, mt.end(), located) if area else ():
                if self._smaller(m, area):
                    found.append((m, "locatedIn", area, "inside", 0.75, None))
        for mt in _INSIDE.finditer(text):
            area = next((m for m in reversed(top) if m.end == mt.start() and m.core == "Place"), None)
            if area is None:
                continue
            # After 的 the name heads its phrase (景区内的马仑草原游人众多): no end needed.
            for m in self._list_from(text, starts, mt.end(), located):
                if self._smaller(m, area):
                    found.append((m, "locatedIn", area, "inside", 0.8, None))
        self._at_place(text, top, starts, found, places_in)
        # 吕梁革命老区四八烈士纪念馆, 五台县著名景区五台山: a place, words describing what
        # follows, a site.
        for m in top:
            if m.core not in ("Memorial", "Project") and not (
                    m.core == "Place" and (m.cls in SITE_CLASSES or m.cls in _AREA_CLASSES)):
                continue
            for p in (x for x in top if x.core == "Place" and 0 < m.start - x.end <= 8 and _level(x) is not None
                      and self._smaller(m, x)):
                if _DESCRIBED.fullmatch(text, p.end, m.start):
                    found.append((m, "locatedIn", p, "described-place", 0.8, None))
        by_end = {m.end: m for m in top if m.core == "Place" and m.cls in _AREA_CLASSES}
        for m in top:
            area = by_end.get(m.start)
            if (area is not None and m.core in ("Place", "Memorial") and m.cls not in _AREA_CLASSES - {"ScenicArea"}
                    and _SITE_HEAD.search(m.text)):
                found.append((m, "locatedIn", area, "area-prefix", 0.75, None))

    def _at_place(self, text, top, starts, found, places_in) -> None:
        """2月23日，在兴县经开区铝镁新材料产业园区，年产200万只…项目正式开工: a sentence that
        opens at a place puts what its next clause builds, opens or holds there. When the
        place is named as a park being built (a project), the zone its name opens with is
        the place (兴县经开区)."""
        for mt in _AT_OPENING.finditer(text):
            pos, last = mt.end(), None
            while (m := next((x for x in starts.get(pos, ()) if x.core == "Place"), None)) is not None:
                last, pos = m, m.end
            if last is None:
                park = next((x for x in starts.get(pos, ()) if x.core == "Project"), None)
                inner = [p for p in places_in(park) if p.cls in SITE_CLASSES] if park is not None else []
                if inner:
                    last, pos = max(inner, key=lambda p: (p.end, p.length)), park.end
            if last is None or not text.startswith(("，", ","), pos):
                continue
            end = next((k for k in range(pos + 1, len(text)) if text[k] in _CLAUSE_END), len(text))
            # Sites and lower divisions, not a name inside a quoted epithet (被誉为“江南长城”).
            things = [m for m in top if pos < m.start and m.end <= end
                      and (m.core in ("Project", "Memorial")
                           or (m.core == "Place" and (m.cls in SITE_CLASSES or _level(m) is not None)))
                      and text.count("“", pos, m.start) == text.count("”", pos, m.start)]
            if not things or not self._smaller(things[0], last) or things[0].cls in _AREA_CLASSES - {"ScenicArea"}:
                continue
            # A memorial or site stays where it is; a project is placed when the clause opens,
            # builds or runs it (在…开发区，…项目正式开工).
            if things[0].core != "Project" or _OPENS.search(text, things[0].end, end):
                found.append((things[0], "locatedIn", last, "at-place", 0.75, None))
        # 在贵州正安经济开发区建设吉他产业园: what is built at a place is there.
        for mt in re.finditer("在", text):
            pos, last = mt.end(), None
            while (m := next((x for x in starts.get(pos, ()) if x.core == "Place"), None)) is not None:
                last, pos = m, m.end
            verb = _BUILD_AT.match(text, pos) if last is not None else None
            if verb is None:
                continue
            thing = next((m for m in starts.get(verb.end(), ()) if m.core in ("Project", "Memorial")
                          or (m.core == "Place" and m.cls in SITE_CLASSES)), None)
            if thing is not None and self._smaller(thing, last):
                found.append((thing, "locatedIn", last, "built-at", 0.8, None))
        # 赣州经济技术开发区，已集聚A、B等企业: what a zone gathers is in it.
        for mt in _GATHERS.finditer(text):
            zone = next((m for m in reversed(top) if m.end <= mt.start() and mt.start() - m.end <= 2
                         and m.core == "Place" and m.cls in ("DevelopmentZone", "ScenicArea")), None)
            if zone is None:
                continue
            for m in self._list_from(text, starts, mt.end(), lambda x: x.core in ("Institution", "Project")):
                found.append((m, "locatedIn", zone, "gathers", 0.75, None))
        # 汾阳市以杏花村经济技术开发区为主阵地: a place's own zone or site, named as its base.
        for mt in _AS_BASE.finditer(text):
            place = next((m for m in reversed(top) if m.end <= mt.start() and mt.start() - m.end <= 4
                          and m.core == "Place" and _level(m) is not None), None)
            site = next((m for m in starts.get(mt.end(), ()) if m.core in ("Project", "Memorial")
                         or (m.core == "Place" and m.cls in SITE_CLASSES)), None)
            if place is not None and site is not None and _AS_BASE_END.match(text, site.end):
                found.append((site, "locatedIn", place, "as-base", 0.75, None))
        # A、B和C组成了…文化旅游区: the parts of an area are in it.
        for mt in _COMPOSE.finditer(text):
            area = next((m for m in starts.get(mt.end(), ()) if m.core == "Place"), None)
            if area is None:
                continue
            for m in self._list_before(text, top, mt.start(), lambda x: x.core in ("Place", "Memorial", "Project")):
                if self._smaller(m, area):
                    found.append((m, "locatedIn", area, "composes", 0.75, None))

    @staticmethod
    def _ended(text: str, items: list[Mention]) -> list[Mention]:
        """The list when its last name ends a phrase (境内有双林寺和镇国寺。), else nothing: a
        name that goes on (境内国民党驻军) only modifies what the clause is about."""
        if not items:
            return items
        end = items[-1].end
        while text[end:end + 1] in ("”", "》", "」"):
            end += 1
        return items if end >= len(text) or text[end] in _CLAUSE_END + "、等和及与）)" else []

    @staticmethod
    def _division(m: Mention) -> bool:
        return m.core == "Place" and _level(m) is not None and m.cls not in SITE_CLASSES

    @staticmethod
    def _smaller(m: Mention, area: Mention) -> bool:
        """Whether ``m`` can lie in ``area`` (:func:`~kg.extract.relations.may_lie_in`)."""
        return may_lie_in(m, area)

    def _seat(self, text, top, found) -> None:
        """吕梁…曾是…晋绥边区首府和中央后委机关所在地: the bodies whose seat a place was are
        located in it (the place opens the sentence, before 是)."""
        for mt in _SEAT.finditer(text):
            items = self._list_before(text, top, mt.start(), lambda m: m.core in ("Institution", "Memorial"))
            s0 = self._clause_start(text, mt.start(), _SENT_END)
            place = next((m for m in top if s0 <= m.start < mt.start() and m.core == "Place"), None)
            if place is None or not items or "是" not in text[place.end:items[0].start]:
                continue
            if place.start - s0 > 12:
                continue  # not the sentence's subject
            for m in items:
                found.append((m, "locatedIn", place, "seat", 0.75, None))

    # ------------------------------------------------------------------ positions

    @staticmethod
    def _renamed(text, top, starts, found) -> None:
        """遵义医科大学（原遵义医学院）: the old name, given in brackets, was renamed to the new."""
        for mt in _FORMERLY.finditer(text):
            new = next((m for m in reversed(top) if m.end == mt.start()), None)
            old = next((m for m in starts.get(mt.end(), ())), None)
            if (new is not None and old is not None and new.core == old.core
                    and text[old.end:old.end + 1] in ")）"):
                found.append((old, "renamedTo", new, "formerly", 0.8, None))

    def _positions(self, text, top, starts, found) -> None:
        person = lambda m: m.core == "Person"  # noqa: E731
        for mt in _TAKE_POST.finditer(text):
            people = self._list_before(text, top, mt.start(), person)
            if not people:
                continue
            posts = self._posts(text, starts, mt.end())
            if not posts:
                continue
            if len(people) == 1:
                # 王晓明任大同市教育局局长、党组书记: every post is the one person's.
                for org, title, _ in posts:
                    found.append((people[0], "heldPosition", org, "takes-post", 0.8, title))
            elif "分别" in text[mt.start():mt.end()] and len(posts) == len(people):
                # 张建国、李红梅分别任…局长、副局长: pairs in order.
                for p, (org, title, _) in zip(people, posts):
                    found.append((p, "heldPosition", org, "respectively", 0.8, title))
        for p in top:
            if p.core != "Person" or text[p.end:p.end + 1] not in "，,（(":
                continue
            posts = self._posts(text, starts, p.end + 1)
            if posts and text[posts[-1][2]:posts[-1][2] + 1] in "，,）)。":
                for org, title, _ in posts:
                    found.append((p, "heldPosition", org, "apposition", 0.75, title))

    def _listed_holders(self, text, top, statements, found) -> None:
        """An organisation and a title right before a name the title finder did not read
        (美联社记者斯坦因; 的 may stand between: …研究所的董事长…) are the name's post, and the
        post before a list of people is each one's (新华社记者王黎、李舫)."""
        people = [m for m in top if m.core == "Person"]
        orgs_by_end = {m.end: m for m in top if m.core == "Institution"}
        held = {}
        for s in statements:
            if s.predicate == "heldPosition":
                held.setdefault(s.subject.span, []).append((s.object, s.role))
        for f in found:
            if f[1] == "heldPosition":
                held.setdefault(f[0].span, []).append((f[2], f[5]))
        for p in people:
            if p.span in held:
                continue
            # 的 between the organisation and the title
            # (a calling such as 农民 is no post of the body before 的: only titles that go
            # with an organisation)
            title = next((t for t in _titles_longest_first() if text.endswith(t, 0, p.start) and is_post(t)
                          and (title_table()[t].kind != "profession" or title_table()[t].org_suffixes)), None)
            if title is not None:
                # 美联社记者斯坦因 (a name the tagger found, with no title read by the persons
                # finder), 弗劳恩霍夫研究所的专家…
                t0 = p.start - len(title)
                org = orgs_by_end.get(t0)
                if org is None and text[t0 - 1:t0] == "的":
                    org = orgs_by_end.get(t0 - 1)
                if org is not None:
                    found.append((p, "heldPosition", org, "org-title-person", 0.7, title))
                    held[p.span] = [(org, title)]
        for i, p in enumerate(people):
            if p.span not in held:
                continue
            # Later names of the list, with no title of their own, hold the same post.
            prev = p
            for q in people[i + 1:]:
                if text[prev.end:q.start] != "、" or q.span in held:
                    break
                for org, role in held[p.span]:
                    found.append((q, "heldPosition", org, "listed-holder", 0.7, role))
                prev = q

    def _posts(self, text, starts, pos):
        """``Org title(、(Org) title)…`` from ``pos``: (org, title[, end]) with the organisation
        carried over when a later title has none."""
        out = []
        org = None
        while True:
            m = next((x for x in starts.get(pos, ()) if x.core == "Institution"), None)
            if m is not None:
                org, pos = m, m.end
            title = _title_at(text, pos)
            if org is None or title is None:
                break
            pos += len(title)
            out.append((org, title, pos))
            if text[pos:pos + 1] != "、":
                break
            pos += 1
        return out
