"""Containment frames: which place or area a site, body or project lies in.

``A境内(的)B、C``, ``A辖B、C``, ``A(内|里|中)的B``, a site built or opened at a place
(``在A…建成B``), a natural or scenic area written right before a site (``卦山天宁寺``),
and the seat of a body (``…的所在地``).

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> st = Pipeline()(read_text("恒山上的悬空寺游人如织。", doc_id="d"))
>>> [(s.subject.text, s.predicate, s.object.text) for s in st.statements if s.rule == "frames:on-area"]
[('悬空寺', 'locatedIn', '恒山')]
"""

from __future__ import annotations

import re

from kg.extract.frames.clauses import CLAUSE_END, SENT_END, clause_start, level, list_before, list_from
from kg.extract.relations import SITE_CLASSES, may_lie_in
from kg.extract.wordlists import DIVISION_ENDS
from kg.records import Mention

__all__ = ["containment", "seat"]


# A sentence (after its date) opening at a place: 2月23日，在…，
_AT_OPENING = re.compile(r"(?:^|(?<=[。！？；;\n])|(?<=[0-9一二三四五六七八九十]日[，,]))\s*在")
# Projects that are structures standing where they are built (矮寨大桥, …水库, …隧道).
_STRUCTURE = re.compile(r"(?:桥|隧道|水库|大坝|机场|码头|港区|火车站|高铁站)$")
_OPENS = re.compile(r"开工|建成|投产|竣工|落成|开业|开园|揭牌|投用|运行|启用|开馆|奠基|签约落地")
# Words describing a place between it and a site in it: 吕梁革命老区|四八烈士纪念馆.
_DESCRIBED = re.compile(r"(?:(?:革命老区|老区|革命根据地|根据地|市区|城区|县城|郊区|境内|城北|城南|城东|城西)(?:的)?"
                        r"|(?:的)?(?:著名|知名|重点|国家级|省级)?(?:旅游)?(?:景区|景点|风景区|名胜|红色景点))")
_BUILD_AT = re.compile(r"(?:建设|建成|新建|兴建|打造|落户|开工建设|投资建设|规划建设)(?:了)?[“「]?")


_GATHERS = re.compile(r"(?:已|先后|共|现已)?(?:集聚|聚集|汇聚|吸引|引进)(?:了)?")
_AS_BASE = re.compile(r"以[“「]?")
_AS_BASE_END = re.compile(r"[”」]?为(?:主阵地|主战场|主平台|载体|核心|龙头|依托|平台|基地|抓手)")
_COMPOSE = re.compile(r"(?:共同)?(?:组成|构成)(?:了)?")


_SEAT = re.compile(r"(?:的)?(?:所在地|驻地)")


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


def containment(text, top, starts, found, places_in) -> None:
    """Add to ``found`` what lies in what: 境内, 辖, 内的, on an area, at a place."""
    place = lambda m: m.core == "Place"  # noqa: E731
    located = lambda m: m.core in ("Place", "Memorial", "Project", "Institution")  # noqa: E731
    for mt in _WITHIN.finditer(text):
        area = next((m for m in reversed(top) if m.end == mt.start() and m.core == "Place"), None)
        if area is None:
            continue
        for m in _ended(text, list_from(text, starts, mt.end(), located)):
            if _smaller(m, area):
                found.append((m, "locatedIn", area, "within", 0.85, None))
    for mt in _GOVERNS.finditer(text):
        area = next((m for m in reversed(top) if m.end == mt.start() and m.core == "Place"), None)
        if area is None or level(area) is None:
            continue
        for m in _ended(text, list_from(text, starts, mt.end(), place)):
            if _smaller(m, area):
                found.append((m, "locatedIn", area, "governs", 0.85, None))
    for mt in _ON_AREA.finditer(text):
        area = next((m for m in reversed(top) if m.end == mt.start() and m.core == "Place"
                     and m.cls in _AREA_CLASSES), None)
        for m in list_from(text, starts, mt.end(), located) if area else ():
            # A division is not on a mountain (小北山下的潮阳市谷饶镇: the town is).
            if _smaller(m, area) and not _division(m):
                found.append((m, "locatedIn", area, "on-area", 0.8, None))
    for mt in _BARE_AREA.finditer(text):
        if any(m.end == mt.end(1) for m in top):
            continue  # the head ends a name: the name rule below reads it
        area = next((m for m in reversed(top) if m.end <= mt.start() and mt.start() - m.end < 300
                     and m.core == "Place" and m.text.endswith(mt.group(1))), None)
        for m in list_from(text, starts, mt.end(), located) if area else ():
            if _smaller(m, area):
                found.append((m, "locatedIn", area, "inside", 0.75, None))
    for mt in _INSIDE.finditer(text):
        area = next((m for m in reversed(top) if m.end == mt.start() and m.core == "Place"), None)
        if area is None:
            continue
        # After 的 the name heads its phrase (景区内的马仑草原游人众多): no end needed.
        for m in list_from(text, starts, mt.end(), located):
            if _smaller(m, area):
                found.append((m, "locatedIn", area, "inside", 0.8, None))
    _at_place(text, top, starts, found, places_in)
    _of_place(text, top, starts, found)
    _named_after_village(top, found)
    # 吕梁革命老区四八烈士纪念馆, 五台县著名景区五台山: a place, words describing what
    # follows, a site.
    for m in top:
        if m.core not in ("Memorial", "Project") and not (
                m.core == "Place" and (m.cls in SITE_CLASSES or m.cls in _AREA_CLASSES)):
            continue
        for p in (x for x in top if x.core == "Place" and 0 < m.start - x.end <= 8 and level(x) is not None
                  and _smaller(m, x)):
            if _DESCRIBED.fullmatch(text, p.end, m.start):
                found.append((m, "locatedIn", p, "described-place", 0.8, None))
    by_end = {m.end: m for m in top if m.core == "Place" and m.cls in _AREA_CLASSES}
    for m in top:
        area = by_end.get(m.start)
        if (area is not None and m.core in ("Place", "Memorial") and m.cls not in _AREA_CLASSES - {"ScenicArea"}
                and _SITE_HEAD.search(m.text)):
            found.append((m, "locatedIn", area, "area-prefix", 0.75, None))


def _at_place(text, top, starts, found, places_in) -> None:
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
        end = next((k for k in range(pos + 1, len(text)) if text[k] in CLAUSE_END), len(text))
        # Sites and lower divisions, not a name inside a quoted epithet (被誉为“江南长城”).
        things = [m for m in top if pos < m.start and m.end <= end
                  and (m.core in ("Project", "Memorial")
                       or (m.core == "Place" and (m.cls in SITE_CLASSES or level(m) is not None)))
                  and text.count("“", pos, m.start) == text.count("”", pos, m.start)]
        if not things or not _smaller(things[0], last) or things[0].cls in _AREA_CLASSES - {"ScenicArea"}:
            continue
        # A memorial or site stays where it is; a project is placed when the clause opens,
        # builds or runs it (在…开发区，…项目正式开工).
        if things[0].core != "Project" or _STRUCTURE.search(things[0].text) or _OPENS.search(text, things[0].end, end):
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
        if thing is not None and _smaller(thing, last):
            found.append((thing, "locatedIn", last, "built-at", 0.8, None))
    # 赣州经济技术开发区，已集聚A、B等企业: what a zone gathers is in it.
    for mt in _GATHERS.finditer(text):
        zone = next((m for m in reversed(top) if m.end <= mt.start() and mt.start() - m.end <= 2
                     and m.core == "Place" and m.cls in ("DevelopmentZone", "ScenicArea")), None)
        if zone is None:
            continue
        for m in list_from(text, starts, mt.end(), lambda x: x.core in ("Institution", "Project")):
            found.append((m, "locatedIn", zone, "gathers", 0.75, None))
    # 汾阳市以杏花村经济技术开发区为主阵地: a place's own zone or site, named as its base.
    for mt in _AS_BASE.finditer(text):
        place = next((m for m in reversed(top) if m.end <= mt.start() and mt.start() - m.end <= 4
                      and m.core == "Place" and level(m) is not None), None)
        site = next((m for m in starts.get(mt.end(), ()) if m.core in ("Project", "Memorial")
                     or (m.core == "Place" and m.cls in SITE_CLASSES)), None)
        if place is not None and site is not None and _AS_BASE_END.match(text, site.end):
            found.append((site, "locatedIn", place, "as-base", 0.75, None))
    # A、B和C组成了…文化旅游区: the parts of an area are in it.
    for mt in _COMPOSE.finditer(text):
        area = next((m for m in starts.get(mt.end(), ()) if m.core == "Place"), None)
        if area is None:
            continue
        for m in list_before(text, top, mt.start(), lambda x: x.core in ("Place", "Memorial", "Project")):
            if _smaller(m, area):
                found.append((m, "locatedIn", area, "composes", 0.75, None))


# 伊金霍洛旗的成吉思汗陵旅游区, 在双龙镇的金龙村: a division, 的, and what lies in it.
_OF = re.compile(r"的")
# What a division's 的 may place: sites, lower divisions, memorials, projects, and bodies
# only when named as a site is (博物馆, 会展中心 are often typed as bodies).
_OF_PLACED = frozenset({"Place", "Memorial", "Project"})


def _of_place(text, top, starts, found) -> None:
    """``A的B(、C)``: the sites, memorials and projects named right after a division and
    的 lie in it. Only a division written in full (康巴什区, not 鄂尔多斯 of a company's
    home market), not one a preposition makes a party (与吕梁市的…), and no body: what a
    place's 的 names of a company or school is as often its partner or visitor."""
    ends = {m.end: m for m in top if _division(m) and m.text[-1:] in DIVISION_ENDS + "村"}
    for mt in _OF.finditer(text):
        area = ends.get(mt.start())
        if area is None or text[area.start - 1:area.start] in ("与", "和", "同", "对", "给"):
            continue  # 与吕梁市的…: a party's name, the phrase may go on
        for m in list_from(text, starts, mt.end(), lambda x: x.core in _OF_PLACED):
            # A one-character name is a fragment (美国东部地区的华|侨华人社团).
            if m.length > 1 and _smaller(m, area) and not any(x.start < m.end < x.end for x in top):
                found.append((m, "locatedIn", area, "of-place", 0.75, None))


# A village or township as a name's opening word: 南沟村|果业专业合作社.
_VILLAGE_END = ("村", "镇", "乡", "嘎查", "苏木", "社区", "街道")
# Bodies of the village's own government or party branch are placed by the guide only when
# a sentence says so; a cooperative or company named after its village is there.
_OWN_BODIES = frozenset({"PartyOrgan", "GovernmentBody"})


def _named_after_village(top, found) -> None:
    """A cooperative or company whose name opens with a village or township the document
    names on its own (南沟村果业专业合作社 after 南沟村) lies in it; a county may come first
    (湄潭县兴隆镇田家沟村茶叶专业合作社 → 田家沟村)."""
    places = {m.text: m for m in top if m.core == "Place" and m.cls in ("Village", "Township")
              and m.text.endswith(_VILLAGE_END) and m.length > 2}
    for m in top:
        if m.core != "Institution" or m.cls in _OWN_BODIES:
            continue
        best = None
        for name, p in places.items():
            k = m.text.find(name)
            if k < 0 or len(m.text) - k - len(name) < 2:
                continue
            # At the start, or right after a division's name (…县|兴隆镇|田家沟村…).
            if k == 0 or m.text[k - 1] in DIVISION_ENDS:
                if best is None or k + len(name) > best[0]:
                    best = (k + len(name), p)
        if best is not None:
            found.append((m, "locatedIn", best[1], "named-after-village", 0.75, None))


def _ended(text: str, items: list[Mention]) -> list[Mention]:
    """The list when its last name ends a phrase (境内有双林寺和镇国寺。), else nothing: a
    name that goes on (境内国民党驻军) only modifies what the clause is about."""
    if not items:
        return items
    end = items[-1].end
    while text[end:end + 1] in ("”", "》", "」"):
        end += 1
    return items if end >= len(text) or text[end] in CLAUSE_END + "、等和及与）)" else []


def _division(m: Mention) -> bool:
    return m.core == "Place" and level(m) is not None and m.cls not in SITE_CLASSES


def _smaller(m: Mention, area: Mention) -> bool:
    """Whether ``m`` can lie in ``area`` (:func:`~kg.extract.relations.may_lie_in`)."""
    return may_lie_in(m, area)


def seat(text, top, found) -> None:
    """吕梁…曾是…晋绥边区首府和中央后委机关所在地: the bodies whose seat a place was are
    located in it (the place opens the sentence, before 是)."""
    for mt in _SEAT.finditer(text):
        items = list_before(text, top, mt.start(), lambda m: m.core in ("Institution", "Memorial"))
        s0 = clause_start(text, mt.start(), SENT_END)
        place = next((m for m in top if s0 <= m.start < mt.start() and m.core == "Place"), None)
        if place is None or not items or "是" not in text[place.end:items[0].start]:
            continue
        if place.start - s0 > 12:
            continue  # not the sentence's subject
        for m in items:
            found.append((m, "locatedIn", place, "seat", 0.75, None))
