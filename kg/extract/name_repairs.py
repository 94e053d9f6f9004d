"""Candidate spans cut to well-formed names before selection chooses among them.

Finders propose spans that run past a name (东临|黄河, 中央红军|长征出发纪念馆 read from its
middle, 某某公司|公关部, CEO|史玉柱, a stray quote mark) or join several names (穆村镇沙曲村, an
address chain; 都灵vsAC米兰, a match). Each repair below cuts or splits such a span; selection
(:mod:`kg.extract.select`) then sees names only.

Examples
--------
>>> from kg.records import Mention
>>> m = Mention(0, 7, "穆村镇沙曲村", "Place", "Village", source="tagger")
>>> [x.text for x in repaired([m])]
['穆村镇', '沙曲村']
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.classify import head_of
from kg.extract.name_places import DIVISIONS
from kg.extract.reference import reference_lexicon
from kg.extract.run_on_names import (
    cut_at_clause_time,
    split_body_person,
    split_committee_government,
    split_known_bodies,
    split_nationals,
    split_project_runs,
    without_photo_credit,
    without_trailing_title,
)
from kg.extract.wordlists import head_table, surnames
from kg.records import Mention

__all__ = ["division_chain", "repaired", "memorials_from_tagged_names", "outside_epithets", "with_date_numerals",
           "with_route_sections"]

_LEVEL_ENDS = frozenset("省市县区旗盟镇乡")
_CHAIN_ENDS = ("省", "市", "县", "区", "旗", "盟", "镇", "乡", "村", "社区", "街道")


def division_chain(name: str) -> list[str] | None:
    """The parts of an address chain written as one name, or None when ``name`` is none.

    A part ends at a division level and has two characters at least; a level character
    followed by another (西乡|县) ends no part, and a part that ends in two of them must be
    a known division (西乡县, not 济南市市|中区). A zone is no part (吕梁市经济技术开发区,
    兴县经开区), but the last part may be a settlement of another kind (三交镇|孟门古镇).

    Examples
    --------
    >>> division_chain("湄潭县兴隆镇田家沟村")
    ['湄潭县', '兴隆镇', '田家沟村']
    >>> division_chain("西乡县城关镇")
    ['西乡县', '城关镇']
    >>> division_chain("乡宁县") is None, division_chain("浙江海宁市区") is None
    (True, True)
    >>> division_chain("吕梁市经济技术开发区") is None, division_chain("兴县经开区") is None
    (True, True)
    >>> division_chain("永乡镇阿寺村")
    ['永乡镇', '阿寺村']
    >>> division_chain("三交镇孟门古镇")
    ['三交镇', '孟门古镇']
    >>> division_chain("内蒙古锡林郭勒盟苏尼特左旗")
    ['内蒙古', '锡林郭勒盟', '苏尼特左旗']
    """
    if not name.endswith(_CHAIN_ENDS):
        return None
    # a province's short name opens a chain with no level word (内蒙古|锡林郭勒盟…)
    for k in (3, 2):
        if any(e.cls == "Province" for e in reference_lexicon().by_name(name[:k])) and name[k:k + 1] not in _LEVEL_ENDS:
            rest = division_chain(name[k:])
            if rest is not None:
                return [name[:k], *rest]
    known = reference_lexicon().surfaces
    parts, begin = [], 0
    for k in range(2, len(name) - 1):
        if name[k - 1] not in _LEVEL_ENDS or name[k] in _LEVEL_ENDS or k - begin < 2:
            continue
        part = name[begin:k]
        if part[-2] in _LEVEL_ENDS and part not in known and not part.endswith("乡镇"):
            continue  # (永乡镇 is a town: no 镇 of a 乡 opens a name)
        parts.append(part)
        begin = k
    if not parts or len(name) - begin < 2:
        return None
    parts.append(name[begin:])
    heads, lex = head_table(), reference_lexicon()
    for k, p in enumerate(parts):
        h = head_of(p)
        if any(e.cls in DIVISIONS for e in lex.by_name(p)):
            continue  # a known division (锡林郭勒盟, 苏尼特左旗)
        # every part a division; the last may be a settlement of another kind (三交镇|孟门古镇)
        if h is None or p in heads or not (
                h.cls in DIVISIONS or k == len(parts) - 1 and h.head.endswith(("镇", "村"))):
            return None
    return parts


# Levels of the place a county's name may run into (准格尔旗纳|日松镇 for 准格尔旗|纳日松镇).
_LOCAL_ENDS = ("镇", "乡", "村", "街道", "苏木", "嘎查", "社区")


def _chain_boundaries(candidates: list[Mention]) -> list[Mention]:
    """A tagged place that is a known division and a character or two, right before a
    tagged town or village, gives those characters back to it (准格尔旗纳|日松镇 is
    准格尔旗|纳日松镇); the division itself is the lexicon's."""
    lex = reference_lexicon()
    after = {c.start: c for c in candidates if c.core == "Place" and c.text.endswith(_LOCAL_ENDS)}
    drop: set[int] = set()
    grown: dict[int, Mention] = {}
    for i, a in enumerate(candidates):
        b = after.get(a.end)
        if a.core != "Place" or a.source != "tagger" or b is None or b.source != "tagger":
            continue
        for k in (1, 2):
            division, extra = a.text[:-k], a.text[-k:]
            if len(division) >= 2 and extra[-1] not in _LEVEL_ENDS \
                    and any(e.cls in DIVISIONS for e in lex.by_name(division)):
                drop.add(i)
                grown[id(b)] = replace(b, start=b.start - k, text=extra + b.text)
                break
    return [grown.get(id(c), c) for i, c in enumerate(candidates) if i not in drop]


def _split_division_chains(candidates: list[Mention]) -> list[Mention]:
    """A place found as one address chain (穆村镇沙曲村) is as many places as it has parts:
    the guide names each and locates each in the one before it."""
    out, split = [], []
    for m in candidates:
        # (the tagger reads some chains as a body: 内蒙古锡林郭勒盟苏尼特左旗)
        chain_like = m.core == "Place" or (m.core == "Institution" and "+head:" not in m.rule)
        parts = division_chain(m.text) if chain_like and m.source in ("tagger", "grammar") else None
        if parts is None:
            out.append(m)
            continue
        pos = m.start
        for part in parts:
            h = head_of(part)
            out.append(replace(m, start=pos, end=pos + len(part), text=part, core="Place",
                               cls=h.cls if h is not None else "Place"))
            split.append((pos, pos + len(part)))
            pos += len(part)
    if not split:
        return out
    # and a place found with a piece of one part (镇沙曲村 of 穆村镇|沙曲村) is no place
    return [m for m in out if not (m.core == "Place" and m.source in ("tagger", "grammar") and any(
        a < m.start < b or a < m.end < b for a, b in split))]


# A numeral and a classifier, or a demonstrative, inside a "name": a description of one
# thing of a kind (广东省花都市一个蔬菜基地, 这家企业), which the guide does not name.
_DESCRIBED = re.compile(r"[一两几这那每某][个家所座处批些]")
_NAMED_KINDS = frozenset({"Place", "Institution", "Project", "Memorial"})
# The schools of a place taken together (庄河市中小学校): a class, no one body.
_COLLECTIVE = re.compile(r"(?:中小学校?|大中专院校|大中小学)$")


def _without_descriptions(candidates: list[Mention]) -> list[Mention]:
    """Candidates of the rules that describe a thing instead of naming it go, and any that
    names a thing 某 (郑州市某交通局) or a place's schools together (庄河市中小学校); a
    program's or event's name may hold such words (“一个都不能少”).

    Examples
    --------
    >>> m = Mention(0, 12, "广东省花都市一个蔬菜基地", "Project", "Project", source="grammar")
    >>> n = Mention(0, 6, "吕梁一中项目", "Project", "Project", source="grammar")
    >>> [x.text for x in _without_descriptions([m, n])]
    ['吕梁一中项目']
    """
    return [m for m in candidates
            if not (m.core in _NAMED_KINDS and (m.source == "grammar" and _DESCRIBED.search(m.text)
                                                 or "某" in m.text[1:] or _COLLECTIVE.search(m.text)))]


# Sites a mountain holds, named after the mountain in news (卦山|天宁寺, 五台山|显通寺).
_SITE_HEADS = ("寺", "庙", "观", "宫", "塔", "祠", "庵", "书院", "石窟")
_SITE_HOLDERS = frozenset({"Mountain", "ScenicArea"})


def _split_mountain_sites(candidates: list[Mention]) -> list[Mention]:
    """A site found with the mountain or scenic area it stands in (卦山天宁寺) is the site
    alone, when the reference knows the mountain or area: the guide
    names both and places the site on the mountain, as it does 兴县|蔡家崖."""
    lex = reference_lexicon()
    out = []
    for m in candidates:
        if m.core in ("Place", "Memorial") and m.source in ("tagger", "grammar") and m.text.endswith(_SITE_HEADS):
            for k in range(min(len(m.text) - 3, 5), 1, -1):
                keys = lex.surfaces.get(m.text[:k], ())
                rest = m.text[k:]
                if keys and all(lex.entries[key].cls in _SITE_HOLDERS for key in keys) and rest not in head_table():
                    m = replace(m, start=m.start + k, text=rest)
                    break
        out.append(m)
    return out


# 东濒东海，西依括苍山: a compass point and a verb of adjacency open the clause that names a
# neighbour; they are never the start of the neighbour's name.
_ADJACENCY = re.compile(r"^[东西南北][临濒依倚靠接邻连傍枕抵望]")
_BYLINE = re.compile(r"^(?:本报讯|本报电|新华社讯|据新华社|据报道)")


def _without_adjacency_lead(candidates: list[Mention]) -> list[Mention]:
    """Candidates with a leading 东临/西依/南濒… cut off (names of two characters or more
    remain; a person's name is left alone), and with a news item's opening (本报讯山东烟台
    开发区).

    Examples
    --------
    >>> m = Mention(0, 4, "西依苍山", "Place", "Place", source="tagger")
    >>> _without_adjacency_lead([m])[0].text
    '苍山'
    """
    out = []
    for m in candidates:
        if m.core != "Person" and len(m.text) >= 4 and _ADJACENCY.match(m.text):
            m = replace(m, start=m.start + 2, text=m.text[2:])
        lead = _BYLINE.match(m.text)
        if lead is not None and len(m.text) - lead.end() >= 2:
            m = replace(m, start=m.start + lead.end(), text=m.text[lead.end():])
        out.append(m)
    return out


# The last character of a place that holds another: a division, a road or street.
_PLACE_ENDS = frozenset("省市县区旗镇乡村路街道")


def _known_place(name: str) -> bool:
    return any(e.core == "Place" for e in reference_lexicon().by_name(name))


def _without_possessor(candidates: list[Mention]) -> list[Mention]:
    """A tagged name written ``X的Y``, X a place by its head or a known place and Y a name
    with a head of the head table, cut to Y: the tagger reads a place and a named thing in it
    as one (乾州街道的幸福家园社区, 南京东路的世纪广场, 张掖的西路军烈士陵园). What follows 的 in a name is no such
    name (波罗的海), and a place described by what it is near (巴塞附近的比奇小镇) is one
    description, not a place in a place.

    Examples
    --------
    >>> m = Mention(0, 9, "南京东路的世纪广场", "Place", "Facility", source="tagger")
    >>> n = Mention(0, 4, "波罗的海", "Place", "Place", source="tagger")
    >>> o = Mention(0, 9, "巴塞附近的比奇小镇", "Place", "Place", source="tagger")
    >>> [x.text for x in _without_possessor([m, n, o])]
    ['世纪广场', '波罗的海', '巴塞附近的比奇小镇']
    """
    out = []
    for m in candidates:
        k = m.text.rfind("的")
        rest = m.text[k + 1:]
        if (m.source == "tagger" and m.core in _NAMED_KINDS and k >= 2 and len(rest) >= 3 and head_of(rest)
                and (m.text[k - 1] in _PLACE_ENDS or head_of(m.text[:k]) or _known_place(m.text[:k]))):
            m = replace(m, start=m.start + k + 1, text=rest)
        out.append(m)
    return out


# Two sides of a match or a contest (都灵vsAC米兰): never one name.
_VERSUS = re.compile(r"\s*(?:vs|VS|Vs)\.?\s*")


def _split_versus(candidates: list[Mention]) -> list[Mention]:
    """A candidate holding ``vs`` between two names is the two names.

    Examples
    --------
    >>> m = Mention(0, 8, "都灵vsAC米兰", "Institution", "Institution", source="tagger")
    >>> [x.text for x in _split_versus([m])]
    ['都灵', 'AC米兰']
    >>> [x.text for x in _split_versus([Mention(0, 5, "vs卡尔斯", "Institution", "Institution", source="tagger")])]
    ['卡尔斯']
    """
    out = []
    for m in candidates:
        v = _VERSUS.search(m.text)
        if v is not None and v.start() == 0 and 2 <= len(m.text) - v.end() and not m.text[v.end()].isascii():
            m = replace(m, start=m.start + v.end(), text=m.text[v.end():])  # vs卡尔斯: the second side
            v = _VERSUS.search(m.text)
        if v is None or m.core == "Person" or v.start() == 0 or v.end() == len(m.text):
            out.append(m)
            continue
        out.append(replace(m, end=m.start + v.start(), text=m.text[:v.start()]))
        out.append(replace(m, start=m.start + v.end(), text=m.text[v.end():]))
    return out


# A department of a company or a bank (公关部, 信用卡部, 市场研究部, 营业部) is part of
# it, not a body of its own name: the company is the name.
_DEPARTMENT_OF_COMPANY = re.compile(r"(?:有限公司|公司|集团|银行|分行|支行)((?:[\u4e00-\u9fff]{1,5}部)+)$")


def _without_departments(candidates: list[Mention]) -> list[Mention]:
    """Bodies named as a company or bank + departments (北京某某有限公司公关部,
    工行福建省分行营业部信用卡部) cut to the company.

    Examples
    --------
    >>> m = Mention(0, 12, "交通银行深圳分行信用卡部", "Institution", "GovernmentBody", source="tagger")
    >>> [(x.text, x.cls) for x in _without_departments([m])]
    [('交通银行深圳分行', 'Bank')]
    """
    out = []
    for m in candidates:
        d = _DEPARTMENT_OF_COMPANY.search(m.text) if m.core == "Institution" and m.text.endswith("部") else None
        if d is not None and d.start(1) >= 2:
            text = m.text[:d.start(1)]
            h = head_of(text)
            m = replace(m, end=m.start + len(text), text=text,
                        cls=h.cls if h is not None and h.cls in ("Enterprise", "Bank") else "Enterprise")
        out.append(m)
    return out


def memorials_from_tagged_names(candidates: list[Mention]) -> list[Mention]:
    """A memorial the grammar read from inside a tagged body or person (中央|红军长征出发纪念馆
    against the tagged 中央红军) begins where that name begins: a memorial is named after whom
    or what it remembers.

    Examples
    --------
    >>> t = Mention(0, 4, "中央红军", "Institution", "Institution", source="tagger")
    >>> g = Mention(2, 11, "红军长征出发纪念馆", "Memorial", "MemorialHall", source="grammar")
    >>> [m.text for m in memorials_from_tagged_names([t, g])]
    ['中央红军', '中央红军长征出发纪念馆']
    """
    tagged = [m for m in candidates if m.source == "tagger" and m.core in ("Institution", "Person")]
    if not tagged:
        return candidates
    out = []
    for m in candidates:
        if m.source == "grammar" and m.core == "Memorial":
            t = next((t for t in tagged if t.start < m.start < t.end < m.end), None)
            if t is not None:
                m = replace(m, start=t.start, text=t.text[:m.start - t.start] + m.text)
        out.append(m)
    return out


# Titles written in Latin letters (董事会主席兼CEO史玉柱, 盖蒂信托CEO穆尼兹): next to a name,
# never part of it; the name after the title is a person's.
_LATIN_TITLE = re.compile(r"^(?:CEO|CFO|CTO|COO)(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?:CEO|CFO|CTO|COO)$", re.I)


def _without_titles(candidates: list[Mention]) -> list[Mention]:
    """Candidates with a Latin-letter title at either edge cut off.

    Examples
    --------
    >>> m = Mention(0, 6, "CEO史玉柱", "Institution", "Institution", source="tagger")
    >>> [(x.text, x.core) for x in _without_titles([m])]
    [('史玉柱', 'Person')]
    """
    out = []
    for m in candidates:
        t = _LATIN_TITLE.search(m.text)
        if t is not None and len(m.text) - len(t.group()) >= 2:
            if t.start() == 0:
                rest = m.text[t.end():]
                person = 2 <= len(rest) <= 4 and rest[0] in surnames()
                m = replace(m, start=m.start + t.end(), text=rest,
                            core="Person" if person else m.core, cls="Person" if person else m.cls)
            else:
                m = replace(m, end=m.start + t.start(), text=m.text[:t.start()])
        out.append(m)
    return out


def _without_stray_quotes(candidates: list[Mention]) -> list[Mention]:
    """A quote mark at a name's edge whose partner is not in the name (“行业协会) is
    outside it.

    Examples
    --------
    >>> [x.text for x in _without_stray_quotes([Mention(0, 5, "“行业协会", "Institution", "Association")])]
    ['行业协会']
    """
    out = []
    for m in candidates:
        if len(m.text) > 2 and m.text[0] in "“「《" and "”」》"["“「《".index(m.text[0])] not in m.text:
            m = replace(m, start=m.start + 1, text=m.text[1:])
        if len(m.text) > 2 and m.text[-1] in "”」》" and "“「《"["”」》".index(m.text[-1])] not in m.text:
            m = replace(m, end=m.end - 1, text=m.text[:-1])
        out.append(m)
    return out


# 被誉为“江南长城”, 素有“山海水城”之称: a quoted epithet likens a thing to places; it names
# none of them.
_EPITHET = re.compile(r"(?:被誉为|誉为|素有|号称|享有|被称为|被称作|人称|美称|美誉)[“\"]([^”\"]{1,16})[”\"]")


def outside_epithets(text: str, candidates: list[Mention]) -> list[Mention]:
    """Candidates without the places inside a quoted epithet.

    Examples
    --------
    >>> m = Mention(4, 6, "江南", "Place", "Region", source="lexicon")
    >>> outside_epithets("被誉为“江南长城”的城墙", [m])
    []
    """
    spans = [e.span(1) for e in _EPITHET.finditer(text)]
    if not spans:
        return candidates
    return [m for m in candidates
            if not (m.core == "Place" and any(a <= m.start and m.end <= b for a, b in spans))]


# 四八烈士, 三一八烈士, 五四运动: a date in bare numerals names the martyrs, movement or
# incident after it; a count would take a classifier (三名烈士).
_DATE_NUMERALS = re.compile(r"(?<![一二三四五六七八九十〇零两0-9０-９])[一二三四五六七八九十]{2,4}"
                            r"(?:[·•・][一二三四五六七八九十]{1,2})?$")
_DATED_HEADS = ("烈士", "运动", "惨案", "起义", "事变", "暴动")


def with_date_numerals(text: str, candidates: list[Mention]) -> list[Mention]:
    """A memorial or event read without the date that opens its name (烈士纪念馆 after 四八)
    begins at the date.

    Examples
    --------
    >>> m = Mention(5, 10, "烈士纪念碑", "Memorial", "MemorialHall", source="tagger")
    >>> [x.text for x in with_date_numerals("来到三一八烈士纪念碑前", [m])]
    ['三一八烈士纪念碑']
    >>> [x.text for x in with_date_numerals("三名烈士纪念碑", [Mention(2, 7, "烈士纪念碑", "Memorial", "MemorialHall")])]
    ['烈士纪念碑']
    """
    out = []
    for m in candidates:
        if m.core in ("Memorial", "Event") and m.text.startswith(_DATED_HEADS) and text[m.start:m.end] == m.text:
            d = _DATE_NUMERALS.search(text, max(0, m.start - 7), m.start)
            if d is not None:
                m = replace(m, start=d.start(), text=text[d.start():m.end])
        out.append(m)
    return out


# 太中银铁路吕梁至|太原南段…仪式: a name read from the far end of a section of a route.
_SECTION_FROM = re.compile(r"[\u4e00-\u9fff]{2,6}(?:至|到|—|-)$")
_ROUTE_ENDS = ("铁路", "高铁", "高速公路", "高速", "国道", "省道", "公路", "线", "管道")


def with_route_sections(text: str, candidates: list[Mention]) -> list[Mention]:
    """An event or project whose name begins with the far end of a route's section
    (太原南段…开通仪式 after 太中银铁路吕梁至) begins with the route.

    Examples
    --------
    >>> text = "太中银铁路吕梁至太原南段动车组列车开通仪式在吕梁火车站举行"
    >>> r = Mention(0, 5, "太中银铁路", "Project", "InfrastructureProject", source="grammar")
    >>> e = Mention(8, 21, "太原南段动车组列车开通仪式", "Event", "Ceremony", source="grammar")
    >>> [x.text for x in with_route_sections(text, [r, e])][1]
    '太中银铁路吕梁至太原南段动车组列车开通仪式'
    """
    routes: dict[int, Mention] = {}
    for m in candidates:
        if m.core == "Project" and m.text.endswith(_ROUTE_ENDS) and (
                m.end not in routes or m.length > routes[m.end].length):
            routes[m.end] = m
    if not routes:
        return candidates
    out = []
    for m in candidates:
        if m.core in ("Event", "Project") and "段" in m.text[1:8] and text[m.start:m.end] == m.text:
            f = _SECTION_FROM.search(text, max(0, m.start - 7), m.start)
            # the near end is a place named right after the route: 吕梁 of 太中银铁路吕梁至
            route = None
            if f is not None:
                route = next((routes[e] for e in range(f.start(), f.end() - 2) if e in routes), None)
            if route is not None and route is not m:
                m = replace(m, start=route.start, text=text[route.start:m.end])
        out.append(m)
    return out


def repaired(candidates: list[Mention]) -> list[Mention]:
    """Every repair that needs no other finder's spans, in order: a leading 东临/西依 or 本报讯
    goes, a run of names is cut back to names (:mod:`kg.extract.run_on_names`: a committee and
    its government written as a pair too), a
    description (一个…基地) goes, a tagged ``X的Y`` place becomes Y, a site its mountain's
    name opens the site alone, a county run into its town gives the town its characters back,
    an address chain its parts, a match its two sides, a company
    department the company, a Latin title, a stray quote mark, a photo credit and a trailing
    post leave the name."""
    steps = (_without_adjacency_lead, cut_at_clause_time, split_known_bodies, split_committee_government,
             split_nationals, split_body_person,
             split_project_runs,
             _without_descriptions, _without_possessor, _split_mountain_sites, _chain_boundaries,
             _split_division_chains,
             _split_versus, _without_departments, _without_titles, _without_stray_quotes,
             without_photo_credit, without_trailing_title)
    for step in steps:
        candidates = step(candidates)
    return candidates
