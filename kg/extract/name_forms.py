"""Names found by their form rather than by a head word read leftwards.

Bodies listed before what they are (``上海申能、吉利汽车等86家企业``), offices
(``市委书记``), bodies credited as organisers (``主办单位：…``), places qualified by
their county in brackets, villages and their listed siblings (``冯家庄村、高家庄村``),
routes (``太中银铁路``), numbered events (``第十二届中博会``) and branches of known
bodies (``山西省农行``). :func:`formed_names` runs them all; the head-word grammar is
:mod:`kg.extract.grammar`.

Examples
--------
>>> [(m.text, m.cls) for m in formed_names("第三届碛口古镇文化旅游节开幕。", [])]
[('第三届碛口古镇文化旅游节', 'Exhibition')]
"""

from __future__ import annotations

import functools
import re

from kg.extract.lexicon import match_lexicon
from kg.extract.name_words import (
    COMMON_FREQ,
    COUNTERS,
    FUNCTION_CHARS,
    GENERIC_OPENERS,
    NUMERAL,
    PROJECT_VERBS,
    PROPER_TAGS,
    is_division,
    token_index,
)
from kg.extract.reference import core_of, reference_lexicon
from kg.extract.tokens import Token, word_freq, word_tag
from kg.extract.wordlists import head_table, stopwords
from kg.records import Mention

__all__ = ["formed_names"]


def formed_names(text: str, tokens: list[Token]) -> list[Mention]:
    """Names of ``text`` found by their form (``tokens`` are its word tokens), in finder order."""
    return (_branches(text) + _numbered_events(text) + _villages(text) + _list_siblings(text)
            + _routes(text, tokens) + _routes_between(text) + _zones(text) + _waters(text, tokens)
            + _party_committees(text)
            + _qualified_bodies(text)
            + _listed(text, tokens) + _offices(text) + _credited_bodies(text))


# X、Y等33个项目 / 等一批好项目 / 等重点工程: the items of the list are projects; X、Y等棚户区 /
# 等村: the items are places. The noun after 等 types names that carry no head of their own.
_LIST_TAIL = re.compile(
    r"等(?:首批|一批)?(?:[0-9一二三四五六七八九十百]+[个项批处])?(?:好|重点|重大|合作|产业|建设|民生)?(?P<project>项目|工程)"
    r"|等(?:[0-9一二三四五六七八九十]+个)?(?:著名|知名|热门|重点)?(?P<place>棚户区|老旧小区|小区|社区|村|村庄|街道|片区|景区|景点)"
    r"|等(?:一批|多家|[0-9一二三四五六七八九十百]+[多余]?家)?(?:龙头|重点|知名|骨干|头部|上下游)?(?P<body>企业|公司|车企|银行|医院|高校)")
# What a listed body is, by the noun after 等 (上海申能、吉利汽车等86家企业).
_LISTED_BODY = {"企业": "Enterprise", "公司": "Enterprise", "车企": "Enterprise", "银行": "Bank",
                "医院": "Hospital", "高校": "University"}
_CLAUSE_END = "，,。；;：:！？!?\n（）()“”"
# Tags that precede the first item of a list rather than belong to it.
_LEAD_TAGS = frozenset({"x", "p", "c", "d", "ad", "t", "vd", "r", "m", "q", "u", "uj"})


def _listed(text: str, tokens: list[Token]) -> list[Mention]:
    """Names listed before 等 + a noun that says what they are (引进X等一批好项目,
    推进A、B等项目建设, 货源街、凤山底等棚户区, 上海申能、吉利汽车等86家企业)."""
    out = []
    stop = stopwords()
    lex = reference_lexicon().surfaces
    by_start, _ = token_index(tokens)
    for m in _LIST_TAIL.finditer(text):
        begin = m.start()
        while begin > 0 and text[begin - 1] not in _CLAUSE_END:
            begin -= 1
        items = text[begin:m.start()].split("、")
        if not items or not items[0]:
            continue
        # The first item starts after the verb or function words that open the clause.
        first_end = begin + len(items[0])
        toks = [t for t in tokens if begin <= t.start and t.end <= first_end]
        cut, k0 = begin, 0
        while k0 < len(toks) - 1 and (toks[k0].word in stop or toks[k0].tag in _LEAD_TAGS
                                      or toks[k0].tag.startswith("v") or toks[k0].word in GENERIC_OPENERS):
            cut = toks[k0].end
            k0 += 1
        for t in toks[k0:-1]:
            # 今年吕梁市引进X: a verb that takes the list as its object; verbs inside an
            # item (产业延伸, 保护开发) are no such verbs.
            if t.word in PROJECT_VERBS or t.word in stop and t.tag.startswith("v") or t.word in GENERIC_OPENERS \
                    or (m.group("place") and t.word in lex):
                cut = t.end
            elif m.group("body") and (t.word in stop or t.tag in _LEAD_TAGS or t.tag.startswith("v")):
                cut = t.end  # 景区已与|山西大学、…等高校: a body's name holds no function word
        items[0] = text[cut:first_end]
        pos = cut
        for k, item in enumerate(items):
            start = pos
            pos += len(item) + 1
            if k == 0:
                pos = first_end + 1
            if not _listable(item, bool(m.group("place")), stop, lex, body=bool(m.group("body"))):
                continue
            if m.group("project"):
                out.append(Mention(start, start + len(item), item, "Project", "Project",
                                   rule="grammar:list:" + m.group("project"), confidence=0.9))
            elif m.group("body"):
                out.append(Mention(start, start + len(item), item, "Institution", _LISTED_BODY[m.group("body")],
                                   rule="grammar:list:" + m.group("body"), confidence=0.8))
            else:
                head = next((item[-n:] for n in range(min(len(item) - 1, 4), 0, -1) if item[-n:] in head_table()), None)
                cls = head_table()[head].cls if head and core_of(head_table()[head].cls) == "Place" else (
                    "ScenicArea" if m.group("place") in ("景区", "景点") else "Place")
                out.append(Mention(start, start + len(item), item, "Place", cls,
                                   rule="grammar:list:" + m.group("place"), confidence=0.7))
    return out


# A development zone is named by the division it lies in, an official name also by the
# province first, a bay or port or the level that designated it after the division: 贵州正安经济
# 开发区, 台州湾经济技术开发区, 杭州湾新区, 宁远县国家现代农业产业园. Its 管委会 is the body
# that runs it (台州湾新区管委会).
_ZONE = re.compile(r"经济技术开发区|高新技术产业开发区|经济开发区|高新区|经开区|新区|综合保税区|现代农业产业园")
_ZONE_BODY = re.compile(r"管委会|管理委员会")
_ZONE_LINK = ("湾", "港", "国家", "省级")


def _division_ending(text: str, end: int, *, province: bool = False) -> int | None:
    """Start of the longest reference division (a province only, with ``province``) that
    ends at ``end``."""
    lex = reference_lexicon()
    for n in range(min(7, end), 1, -1):
        word = text[end - n:end]
        keys = lex.surfaces.get(word, ())
        if province and any(lex.entries[k].cls == "Province" for k in keys) \
                or not province and is_division(word):
            return end - n
    return None


def _zones(text: str) -> list[Mention]:
    """Development zones named [province] + division + [湾/港/国家] + zone word; with the body after
    them (管委会), the body that runs the zone."""
    out = []
    for m in _ZONE.finditer(text):
        hs = m.start()
        link = next((w for w in _ZONE_LINK if text.endswith(w, 0, hs)), "")
        start = _division_ending(text, hs - len(link))
        if start is None:
            continue
        if m.group() == "新区" and link not in ("湾", "港"):
            continue  # 城区|新区, 兴县|新区: a county's new town, no zone
        lead = _division_ending(text, start, province=True)
        if lead is not None and lead < start:
            start = lead
        end = m.end()
        body = _ZONE_BODY.match(text, end)
        if body:
            out.append(Mention(start, body.end(), text[start:body.end()], "Institution", "GovernmentBody",
                               rule="grammar:zone:body", confidence=0.95))
        else:
            out.append(Mention(start, end, text[start:end], "Place", "DevelopmentZone",
                               rule="grammar:zone", confidence=0.95))
    return out


# A river or lake is named where its banks or its reach are (沱江两岸, 嘉陵江畔, 湘江之畔,
# 无定河流域); common nouns of the same shape are no names (运河 is tagged a noun; these are
# proper-tagged all the same).
_BANK = re.compile(r"两岸|[东西南北]岸|沿岸|岸边|流域|[上中下]游|之畔|[江河湖]?畔|干流|支流")
_WATER_ENDS = {"江": "River", "河": "River", "溪": "River", "湖": "NaturalFeature"}
_COMMON_WATERS = frozenset({"护城河", "母亲河", "大运河", "小河", "大河", "江河", "山河", "内河", "外河", "界河",
                            "大江", "长河", "银河", "冰河", "人工湖"})
# A word that opens with a verb of position is where something lies, not a name (沿河两岸,
# 隔河两岸, 滨湖之畔).
_NOT_WATER_LEAD = frozenset("沿隔滨临跨靠傍近过")


def _waters(text: str, tokens: list[Token]) -> list[Mention]:
    """Rivers and lakes named by a proper-tagged word before their banks or reach."""
    out = []
    for t in tokens:
        w = t.word
        if not (2 <= len(w) <= 4 and w[-1] in _WATER_ENDS and t.tag in PROPER_TAGS) or w in _COMMON_WATERS \
                or w[0] in _NOT_WATER_LEAD:
            continue
        if not _BANK.match(text, t.end) or not all("\u4e00" <= c <= "\u9fff" for c in w):
            continue
        out.append(Mention(t.start, t.end, w, "Place", _WATER_ENDS[w[-1]], rule="grammar:water", confidence=0.9))
    return out


# A division's party committee is its name + 委 (遵义市委, 于都县委, 浙江省委), whatever the
# tokenizer makes of 市委书记.
_COMMITTEE_LEVELS = "省市县区州旗盟"


def _party_committees(text: str) -> list[Mention]:
    """Party committees named by a reference division + 委."""
    out = []
    for k in range(2, len(text)):
        if text[k] != "委" or text[k - 1] not in _COMMITTEE_LEVELS or text.startswith("员", k + 1):
            continue
        start = _division_ending(text, k)
        if start is None or k - start < 2:
            continue
        out.append(Mention(start, k + 1, text[start:k + 1], "Institution", "PartyOrgan",
                           rule="grammar:party-committee", confidence=0.95))
    return out


def _listable(item: str, place: bool, stop, lex, *, body: bool = False) -> bool:
    """A list item that can be a name: no common word, no count, no function word. A
    listed body may be a word jieba knows as a rare name (比亚迪)."""
    if not (2 <= len(item) <= (8 if place else 30)) or item in lex:
        return False
    if word_freq(item) > 0 and not (body and word_tag(item) in PROPER_TAGS and word_freq(item) < COMMON_FREQ):
        return False
    if not all("\u4e00" <= c <= "\u9fff" or c.isalnum() or c in "·+（）()" for c in item):
        return False
    if item[0].isdigit() or item[0] in NUMERAL and item[1] in COUNTERS or item.startswith(tuple(GENERIC_OPENERS)):
        return False
    if place and (any(c in stop for c in item) or any(c in FUNCTION_CHARS for c in item[:1])):
        return False
    return True


# 中央联席办, 省扶贫办, 县乡村振兴办: an office named by its level and its field.
_OFFICE = re.compile(r"(?<![\u4e00-\u9fff])(中央|国务院|全国|省委|省政府|市委|市政府|县委|县政府|省|市|县|区)"
                     r"([\u4e00-\u9fff]{2,5}?)办(?![法理好事学公实成案结证件了过到完])")
# 交办, 督办, 通办: a verb with 办, not an office.
_NOT_OFFICE = frozenset("交承主协创开举兴包代帮领督查快通合要来去就再亲同")


def _offices(text: str) -> list[Mention]:
    out = []
    stop = stopwords()
    for m in _OFFICE.finditer(text):
        field = m.group(2)
        if field[-1] in _NOT_OFFICE or any(c in stop or c in FUNCTION_CHARS for c in field):
            continue
        out.append(Mention(m.start(), m.end(), m.group(0), "Institution", "GovernmentBody",
                           rule="grammar:office", confidence=0.75))
    return out


# 主办单位：全国…联盟 — the credit line of an article names organisations.
_CREDIT = re.compile(r"(?:主办|承办|协办|指导|支持|出品|监制|供稿)单位[:：]\s*([^\n]{2,80})")


def _credited_bodies(text: str) -> list[Mention]:
    out = []
    for m in _CREDIT.finditer(text):
        pos = m.start(1)
        for part in re.split(r"([、，,；;\s]+)", m.group(1)):
            if part and not re.fullmatch(r"[、，,；;\s]+", part) and 4 <= len(part) <= 40 \
                    and all("\u4e00" <= c <= "\u9fff" or c in "()（）·" for c in part):
                head = next((part[-n:] for n in range(min(len(part) - 1, 6), 0, -1) if part[-n:] in head_table()), None)
                cls = head_table()[head].cls if head and core_of(head_table()[head].cls) == "Institution" \
                    else "Institution"
                out.append(Mention(pos, pos + len(part), part, "Institution", cls,
                                   rule="grammar:credit", confidence=0.85))
            pos += len(part)
    return out


_VILLAGE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(庄村|村|镇|乡|庄(?![\u4e00-\u9fff]))")
_PARENTS = frozenset({"County", "District", "CountyLevelCity", "Township"})


_PAREN_PLACE = re.compile(r"[(（]([\u4e00-\u9fff]{2,4})[)）]")


def _qualified_bodies(text: str) -> list[Mention]:
    """中国矿业大学(北京): a known body and the campus or branch place in brackets."""
    lex = reference_lexicon()
    out = []
    for m in match_lexicon(text):
        if m.core != "Institution":
            continue
        p = _PAREN_PLACE.match(text, m.end)
        if p and any(e.core == "Place" for e in lex.by_name(p.group(1))):
            out.append(Mention(m.start, p.end(), text[m.start:p.end()], m.core, m.cls,
                               rule="grammar:qualified-body", confidence=0.85))
    return out


def _villages(text: str) -> list[Mention]:
    """中阳县武家庄村, 肖家庄镇八十堡村: right after a county or township, two or three
    characters and 村/镇/乡 name the place inside it (jieba cuts such names apart)."""
    stop = stopwords()
    out = []
    hits = match_lexicon(text)
    longest = {}
    for h in hits:
        if h.start not in longest or h.length > longest[h.start].length:
            longest[h.start] = h
    # A township found this way is a parent in turn (汾阳|肖家庄镇|八十堡村).
    pending = sorted(p.end for p in longest.values() if p.cls in _PARENTS and p.ref)
    seen: set[int] = set()
    while pending:
        end = pending.pop(0)
        if end in seen:
            continue
        seen.add(end)
        m = _VILLAGE.match(text, end)
        if m is None:
            continue
        name = m.group(0)
        if (any(ch in stop or ch in FUNCTION_CHARS for ch in m.group(1)) or name[0] in "省市县区"
                or name in reference_lexicon().surfaces):
            continue
        cls = "Village" if m.group(2)[-1] in "村庄" else "Township"
        out.append(Mention(m.start(), m.end(), name, "Place", cls, rule="grammar:village-after-parent",
                           confidence=0.75))
        if cls == "Township":
            pending.append(m.end())
    return out


# A list item that ends like a division: two or three characters and 乡/镇/村.
_SIBLING = re.compile(r"(?<=[、和与及])([\u4e00-\u9fff]{2,3}?)(乡|镇|村)(?=[、和与及等，。；])"
                      r"|([\u4e00-\u9fff]{2,3}?)(乡|镇|村)(?=[、和与及])")
_SIBLING_CLASS = {"乡": "Township", "镇": "Township", "村": "Village"}


def _list_siblings(text: str) -> list[Mention]:
    """穆村镇、薛村镇、陈家湾乡等地: an item shaped like a division, listed right next to a
    known division of the same level, or to another such item, is one too (no list holds
    陈家湾乡)."""
    stop = stopwords()
    known = [h for h in match_lexicon(text) if h.core == "Place" and h.cls in ("Township", "Village")]
    ends = {h.end: h.cls for h in known}
    starts = {h.start: h.cls for h in known}
    shaped = []
    for m in _SIBLING.finditer(text):
        stem, head = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        name = m.group(0)
        if (any(ch in stop or ch in FUNCTION_CHARS for ch in stem) or stem[0] in "省市县区"
                or name in reference_lexicon().surfaces or word_freq(name) > 0):
            continue
        shaped.append((m.start(), m.end(), name, _SIBLING_CLASS[head]))
    for a, b, _, cls in shaped:
        ends.setdefault(b, cls)
        starts.setdefault(a, cls)
    out = []
    for a, b, name, cls in shaped:
        before = ends.get(a - 1) if a > 0 and text[a - 1] in "、和与及" else None
        after = starts.get(b + 1) if text[b:b + 1] in ("、", "和", "与", "及") else None
        if cls in (before, after):
            out.append(Mention(a, b, name, "Place", cls, rule="grammar:list-sibling", confidence=0.75))
    return out


# Province abbreviations (GB/T 2260 简称) that start route names: 京沪高铁, 晋陕….
_PROVINCE_ABBREVIATIONS = "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云藏陕秦甘陇青宁新"
_ROUTE_HEADS = ("高速公路", "城际铁路", "铁路", "高铁", "高速")
_ROUTE_LEFT_TAGS = frozenset({"x", "p", "c", "u", "uj", "f", "v", "d"})


@functools.cache
def _route_initials() -> frozenset[str]:
    """First characters of the prefecture-level cities and the province abbreviations: a
    route is named by one character per end or stop (太中银 = 太原–中卫–银川)."""
    lex = reference_lexicon()
    cities = {e.name[0] for e in lex.entries.values() if e.cls == "City" and e.core == "Place"}
    return frozenset(cities | set(_PROVINCE_ABBREVIATIONS))


def _routes(text: str, tokens: list[Token]) -> list[Mention]:
    """太中银铁路, 青银高速, 京沪高铁: two to four city initials before a route head (jieba
    cuts 太|中银; no list need hold the route)."""
    initials = _route_initials()
    by_start, _ = token_index(tokens)
    out = []
    for head in _ROUTE_HEADS:
        for hm in re.finditer(head, text):
            hs = hm.start()
            for k in (4, 3, 2):
                b = hs - k
                if b < 0 or not all(ch in initials for ch in text[b:hs]) or b not in by_start:
                    continue
                i = by_start[b]
                if i > 0 and "\u4e00" <= text[b - 1] <= "\u9fff" and tokens[i - 1].tag not in _ROUTE_LEFT_TAGS:
                    continue
                if word_freq(text[b:hs]) >= 100:
                    continue  # a common word (中国, 全国) before the head
                out.append(Mention(b, hm.end(), text[b:hm.end()], "Project", "InfrastructureProject",
                                   rule="grammar:route", confidence=0.8))
                break
    return out


# A route named by its two ends (包头至银川高铁, 吉首至怀化高速公路, 孝义—汾阳快速通道);
# 从X至Y is a trip.
_ROUTE_BETWEEN = re.compile(r"(?:至|—|－|-)(?=[\u4e00-\u9fff]{2,7}?(?P<head>高速公路|城际铁路|高速铁路|铁路|高铁|快速通道|一级公路|公路))")


_ROUTE_WORKS = re.compile(r"(?:改扩建|扩建|改建|提质改造|改造|新建|建设)?(?:工程|项目)")


def _routes_between(text: str) -> list[Mention]:
    """Routes named by two divisions joined by 至 or a dash before a route head."""
    out = []
    for m in _ROUTE_BETWEEN.finditer(text):
        hs = text.find(m.group("head"), m.end())
        if _division_ending(text, hs) != m.end():
            continue
        start = _division_ending(text, m.start())
        while start is not None and text.endswith("至", 0, start):
            # 张家界至吉首至怀化高速铁路: a route through stops names each of them.
            before = _division_ending(text, start - 1)
            if before is None:
                break
            start = before
        if start is None or text.endswith(("从", "由"), 0, start):
            continue  # 从太原至北京: a trip, no route's name
        end = hs + len(m.group("head"))
        works = _ROUTE_WORKS.match(text, end)  # 延安至榆林高速公路改扩建工程: the works are the project
        if works is not None:
            end = works.end()
        out.append(Mention(start, end, text[start:end], "Project", "InfrastructureProject",
                           rule="grammar:route", confidence=0.9))
    return out


# Bodies elected or appointed for a term, numbered by it like events (第十一届全国人大常委会,
# 第三届理事会): the ordinal counts the term; the body is named without it.
_BODY_IN_TERM = ("委员会", "常委会", "理事会", "董事会", "监事会", "立法会")
_BODY_MEETING = re.compile(r"(?:第[0-9一二三四五六七八九十百]+次)?(?:全体会议|会议|年会|全会)")
_NUMBERED_EVENT = re.compile(
    r"第[0-9一二三四五六七八九十百]+[届次](?:[\u4e00-\u9fff·“”（）()]{1,16}?)(?:博览会|交易会|运动会|大会|论坛|峰会|会|节|展|赛)"
    r"(?![\u4e00-\u9fff]{0,1}(?:上|期间|开幕))?")


def _numbered_events(text: str) -> list[Mention]:
    """第十二届中博会, 第三届碛口古镇文化旅游节: an ordinal edition names an event."""
    out = []
    for m in _NUMBERED_EVENT.finditer(text):
        name = m.group(0)
        end = m.end()
        if name.endswith(_BODY_IN_TERM):
            meeting = _BODY_MEETING.match(text, end)
            if meeting is None:
                continue  # 第十一届全国人大常委会: a body in its eleventh term, no event
            end = meeting.end()  # 第三十四届理事会年会: the body's meeting is the event
            name = text[m.start():end]
        cls = "Meeting" if name.endswith(("大会", "论坛", "峰会", "会议", "年会", "全会")) else "Exhibition"
        out.append(Mention(m.start(), end, name, "Event", cls,
                           rule="grammar:numbered-event", confidence=0.8))
    return out


def _branches(text: str) -> list[Mention]:
    """A known body or memorial right after a place: 山西省农行 (a branch), 石楼红军东征纪念馆."""
    hits = match_lexicon(text)
    division_ends = {m.end: m for m in hits if m.ref and is_division(m.text)}
    out = []
    for m in hits:
        if m.core not in ("Institution", "Memorial"):
            continue
        prev = division_ends.get(m.start)
        start = prev.start if prev is not None else (m.start - 2 if text[max(0, m.start - 2):m.start] == "国家" else None)
        if start is None:
            continue
        out.append(Mention(start, m.end, text[start:m.end], m.core, m.cls,
                           rule="grammar:branch", confidence=0.8))
    return out
