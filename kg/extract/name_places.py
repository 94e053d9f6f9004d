"""Whether a place named inside a name, or right before one, says where it lies.

A name that holds a place is located in it (兴县经开区 → 兴县, 山东临沂造纸厂 → 临沂市), and a
place written right after a larger one lies in it (兴县蔡家崖). Many names hold a place that
is not where the thing is: a brand, a namesake, a street named after a city, a country's
part of a like-named region. :func:`name_locates` and :func:`not_inside` hold those
verdicts for :mod:`kg.extract.relations`.

Examples
--------
>>> from kg.records import Mention
>>> road = Mention(0, 6, "南京东路", "Place", "Street", source="tagger")
>>> city = Mention(0, 2, "南京", "Place", "City", rule="lexicon:cpca:short", ref="adcode:320100000000")
>>> name_locates("南京东路", road, city)
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.reference import reference_lexicon
from kg.extract.run_on_names import BODY_CHARS
from kg.records import Mention

__all__ = ["CONTAINERS", "DIVISIONS", "elsewhere_places", "listed", "name_locates", "not_inside", "superseded"]

#: Classes of places that hold what is named after them.
CONTAINERS = frozenset({"Country", "Province", "City", "County", "District", "CountyLevelCity",
                        "Township", "Village", "DevelopmentZone", "ScenicArea", "Region"})
_AREAS = frozenset({"ScenicArea", "Region"})
#: Administrative divisions.
DIVISIONS = frozenset({"Province", "City", "County", "District", "CountyLevelCity", "Township",
                       "Village"})
# What makes a place's name the name of its whole area, not of something in it.
_SAME_AREA = re.compile(r"(?:地区|一带|全境|境内|市区|城区|全市|全县|全省|特区|特别行政区|国|"
                        r"[\u4e00-\u9fff]{0,6}(?:共和国|王国|联邦|合众国))")
# A route between two places: 佳木斯至鹤岗公路, 太原—中卫铁路.
_ROUTE = re.compile(r"[\u4e00-\u9fff](?:至|到|—|－|-)[\u4e00-\u9fff]")
# A road written after the start of its route (同江到海南岛|三亚高速公路): it runs there.
_ROUTE_END = re.compile(r"[至到—－-][\u4e00-\u9fff]{0,4}$")
_ROAD = re.compile(r"(?:公路|铁路|高速|快速路|线)$")
# A title conferred (被命名为“北京市花园式学校”) names an honour, not a body of the place.
_AWARDED = re.compile(r"(?:命名为|评为|授予|誉为|称为)[“「『]$")
# A street, gate or strait named after a place (上海南京东路警察署, 南京的汉中门, 台湾海峡)
# names it, not where it is; an address writes the city's full name (北京市朝阳路).
_NAMED_AFTER = re.compile(r"[东西南北中]?(?:路|街|大街|大道|门|巷)|海峡")


def not_inside(a: Mention, b: Mention) -> bool:
    """Whether ``b``, a known place written right after the place ``a``, is known not to lie
    in it: a foreign country's part of a like name (美国|东部地区 is no part of China's), a
    region it is about (美国|亚洲基金会), or a division the reference puts elsewhere (甘肃|河西区
    is the Hexi corridor, not Tianjin's district)."""
    lex = reference_lexicon()
    if a.ref not in lex.entries or b.ref not in lex.entries:
        return False
    above = {e.key for e in lex.ancestors(b.ref)}
    if a.ref in above:
        return False
    return (a.cls == "Country" and a.canonical != "中国") or (bool(above) and b.cls in DIVISIONS)


# Bodies that run a landmark or keep order in it: named after it and in it (颐和园管理处).
_KEEPERS = re.compile(r"管理|管委会|委员会|办事处|派出所|保护|林场|景区")


def _landmark_brand(outer: Mention, m: Mention, before: Mention | None) -> bool:
    """Whether the body ``outer`` only bears the name of the landmark ``m``, as firms do
    (长城饭店 in Johannesburg, 西湖电子集团, 广元市|长城宾馆), instead of lying in it: ``m``
    opens the name, or follows a division ``before`` it is not in (北京市|颐和园邮局 is in it)."""
    if outer.core != "Institution" or m.cls in DIVISIONS or m.cls in ("Country", "DevelopmentZone") \
            or _KEEPERS.search(outer.text):
        return False
    if m.start == outer.start:
        return True
    lex = reference_lexicon()
    return (before is not None and before.ref in lex.entries and m.ref in lex.entries
            and before.ref not in {e.key for e in lex.ancestors(m.ref)})


def listed(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is an item of a list written with 、."""
    return text[start - 1:start] == "、" or text[end:end + 1] == "、"


# A body tagged with no head whose name is a country's and a name with no body's character
# (澳大利亚托普, 美国斯特里特 in a list of swimmers) is no body of that country: most often a
# person the tagger misread.


def _headless_national(m: Mention) -> bool:
    if m.source != "tagger" or "+head:" in m.rule or m.core != "Institution":
        return False
    lex = reference_lexicon()
    for k in range(min(len(m.text) - 2, 6), 1, -1):
        if any(e.cls == "Country" for e in lex.by_name(m.text[:k])):
            return not BODY_CHARS & set(m.text[k:])
    return False


def name_locates(text: str, outer: Mention, m: Mention, before: Mention | None = None) -> bool:
    """Whether the place ``m`` named inside the name ``outer`` (in ``text``) is where the
    thing ``outer`` names lies; ``before`` is the division written right before ``m`` in the
    name, if any.

    吕梁山护工 is a brand named after a mountain range, not something located in it:
    only divisions and zones inside a name locate it.
    A scenic area named after its mountain is that mountain's area, not inside it.
    A person's name is no place's (陈贵州); 张家口地区 is 张家口 itself; a road 佳木斯至
    鹤岗 runs between its ends rather than lying in one; 瑞士驻华大使馆 stands where it is
    sent, not in the country that sends it. A continent or macro-region after a name's
    start is its scope (美国|亚洲|基金会), not its place. A division ending another
    division's name is a namesake (大兴县 holds no 兴县), and so is a city's short name
    with a village's level word (北海|村); nor is 北爱尔兰 in 爱尔兰.
    """
    lex = reference_lexicon()
    return (outer.core not in ("Program", "Person") and m.cls in CONTAINERS
            and not (outer.core == "Place" and m.cls in _AREAS)
            and not _SAME_AREA.fullmatch(text, m.end, outer.end)
            and not _ROUTE.search(text, outer.start, outer.end)
            and not (m.start == outer.start and outer.core == "Project" and _ROAD.search(outer.text)
                     and _ROUTE_END.search(text, max(0, outer.start - 6), outer.start))
            and not _AWARDED.search(text, max(0, outer.start - 4), outer.start)
            and text[m.end:m.end + 1] != "驻"
            and not _headless_national(outer)
            and not (m.cls == "Region" and m.start > outer.start and m.ref in lex.entries
                     and lex.entries[m.ref].parent is None)
            and not (m.end == outer.end and m.cls in DIVISIONS and outer.core == "Place")
            and not _landmark_brand(outer, m, before)
            and not (outer.cls in ("Village", "Township") and m.start == outer.start
                     and m.rule.endswith(":short") and len(outer.text) == len(m.text) + 1)
            and not (m.cls == "Country" and outer.end == m.end and outer.start == m.start - 1
                     and outer.text[0] in "东西南北")
            and not (m.rule.endswith(":short") and _NAMED_AFTER.match(text, m.end, outer.end)))


def elsewhere_places(mentions: list[Mention], home: Mention) -> list[Mention]:
    """The divisions named in a document that neither hold its place ``home`` nor lie in it.

    A site in a sentence that names one may be there as well as in the document's place
    (拉萨海关受西藏自治区人民政府委托，与卓玛拉康寺的代表一同赴香港, in an item about Hong Kong):
    the document's place is no fallback there.
    """
    lex = reference_lexicon()
    related = {home.ref, *(e.key for e in lex.ancestors(home.ref))} if home.ref in lex.entries else {home.ref}
    return [p for p in mentions
            if p.core == "Place" and p.ref in lex.entries and p.cls in DIVISIONS
            and p.ref not in related and home.ref not in {e.key for e in lex.ancestors(p.ref)}]


def _weak(x: Mention) -> bool:
    return x.rule.endswith(":short") and x.cls in ("County", "District", "CountyLevelCity")


def superseded(divisions: Iterable[Mention], m: Mention) -> bool:
    """Whether the division ``m`` named inside a name gives way to another of the name's
    ``divisions``: a later one that is not in it says where the thing is (黄冈中学|吕梁学校,
    北京大学|深圳研究生院), and a county's short form after a division it is not in is a
    word (天津|滨江商厦 is no Hangzhou district's).
    """
    lex = reference_lexicon()
    for x in divisions:
        if x.ref != m.ref and x.ref in lex.entries and m.ref in lex.entries and (
                (x.start > m.start and not _weak(x) and m.ref not in {a.key for a in lex.ancestors(x.ref)})
                or (x.start < m.start and _weak(m) and x.ref not in {a.key for a in lex.ancestors(m.ref)})):
            return True
    return False
