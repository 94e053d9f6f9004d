"""The reference lexicon: knowledge of the region, not of any article.

Two sources, each entry keeping its source id (documented in ``data/SOURCES.md``):

* ``cpca``: the national province/city/county table shipped by the cpca package
  (GB/T 2260 adcodes with coordinates), loaded at run time, never copied;
* ``data/reference.tsv``: a curated table of townships of Lüliang, regions, natural
  features, scenic areas, national/provincial/municipal bodies, universities, well-known
  people and historical events.

Examples
--------
>>> lex = reference_lexicon()
>>> e = lex.entries["adcode:141100000000"]
>>> e.name, e.cls, e.adcode, lex.entries[e.parent].name
('吕梁市', 'City', '141100000000', '山西省')
>>> [lex.entries[k].name for k in lex.surfaces["交城"]]
['交城县']
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import io
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from kg.extract.wordlists import jieba_dictionary, stopwords
from kg.records import RefEntry

__all__ = ["ReferenceLexicon", "reference_lexicon", "CLASS_CORE", "core_of"]

#: Most specific class → core class. Shared by every component that types a mention.
CLASS_CORE: dict[str, str] = {
    **{c: "Place" for c in (
        "Place", "Country", "Province", "City", "County", "District", "CountyLevelCity",
        "Township", "Village", "Region", "NaturalFeature", "River", "Mountain", "ScenicArea",
        "DevelopmentZone", "Street", "Facility", "AdministrativeDivision")},
    **{c: "Institution" for c in (
        "Institution", "GovernmentBody", "PartyOrgan", "University", "School",
        "ResearchInstitute", "Enterprise", "ServiceCentre", "Bank", "Media", "Association",
        "Hospital", "MilitaryUnit")},
    **{c: "Memorial" for c in (
        "Memorial", "MemorialHall", "RevolutionarySite", "MartyrsCemetery", "Museum")},
    **{c: "Program" for c in (
        "Program", "PovertyAlleviationProgram", "LabourBrand", "Campaign", "ReformPilot",
        "FinancialProduct", "Policy")},
    **{c: "Project" for c in (
        "Project", "InfrastructureProject", "IndustrialProject", "ITPlatform",
        "EcologicalProject", "EducationProject")},
    **{c: "Event" for c in ("Event", "Meeting", "Ceremony", "Exhibition", "HistoricalEvent")},
    "Person": "Person",
}

# Division names that are also ordinary words ("城区人口", "矿区"): never matched alone.
_GENERIC_DIVISIONS = frozenset({"市辖区", "城区", "郊区", "矿区", "县", "省直辖县级行政区划",
                                "自治区直辖县级行政区划", "新区", "老城区", "新城区", "城关区",
                                "开发区", "高新区", "经开区"})
# City short forms that are common words or idioms in news text.
_COMMON_WORD_SHORT_FORMS = frozenset({
    "东方", "安康", "开封", "三明", "中山", "来宾", "大庆", "朝阳", "通化", "白银", "玉树",
    "普洱", "山南", "白山", "黄山", "红河", "文山", "阿里", "吉安", "永安", "福安", "长春",
    "大理", "保山", "泰安", "淮安", "海东", "兴安", "定西", "金昌", "黑河", "鸡西",
})
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def core_of(cls: str) -> str:
    """The core class of an ontology class name.

    >>> core_of("County"), core_of("MemorialHall")
    ('Place', 'Memorial')
    """
    return CLASS_CORE.get(cls, cls)


@dataclass
class ReferenceLexicon:
    """Reference entries by key and by every surface form (normalised, simplified)."""

    entries: dict[str, RefEntry] = field(default_factory=dict)
    #: surface form → keys of the entries it can name (several for ambiguous names).
    surfaces: dict[str, list[str]] = field(default_factory=dict)
    #: surface forms that are abbreviations (matched with lower confidence).
    short_forms: set[str] = field(default_factory=set)

    def add(self, entry: RefEntry, *, short: tuple[str, ...] = ()) -> None:
        self.entries[entry.key] = entry
        for s in (entry.name, *entry.aliases):
            self._surface(s, entry.key)
        for s in short:
            if self._surface(s, entry.key):
                self.short_forms.add(s)

    def _surface(self, surface: str, key: str) -> bool:
        if not surface or len(surface) < 2:
            return False
        keys = self.surfaces.setdefault(surface, [])
        if key not in keys:
            keys.append(key)
        return True

    def by_name(self, name: str) -> list[RefEntry]:
        """Entries that ``name`` can denote (canonical names first)."""
        keys = self.surfaces.get(name, [])
        return sorted((self.entries[k] for k in keys), key=lambda e: (e.name != name, e.key))

    def ancestors(self, key: str) -> list[RefEntry]:
        """Containing places of entry ``key``, nearest first."""
        out = []
        seen = {key}
        parent = self.entries[key].parent
        while parent and parent in self.entries and parent not in seen:
            seen.add(parent)
            out.append(self.entries[parent])
            parent = self.entries[parent].parent
        return out


def _division_class(adcode: str, name: str) -> str:
    if adcode.endswith("0000000000"):
        return "Province"
    if adcode.endswith("00000000"):
        return "City"
    if name.endswith("区"):
        return "District"
    if name.endswith("市"):
        return "CountyLevelCity"
    return "County"


# The 55 minority nationalities and the Han (State Ethnic Affairs Commission list): the
# ethnic part of an autonomous prefecture's or county's name, which its short name drops
# (湘西土家族苗族自治州 → 湘西州, 湘西; 黔东南苗族侗族自治州 → 黔东南州).
_NATIONALITIES = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
    "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 "
    "裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:(?:%s)族)+自治(州|县)$" % "|".join(sorted(_NATIONALITIES, key=len, reverse=True)))


def _short_forms(adcode: str, name: str, cls: str) -> tuple[str, ...]:
    if cls == "Province":
        for suf in _PROVINCE_SUFFIXES:
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                base = name[: -len(suf)]
                # 内蒙古自治区 → 内蒙古; 新疆维吾尔自治区 → 新疆
                return (base,)
        return ()
    auto = _AUTONOMOUS.match(name)
    if auto is not None and len(auto.group(1)) >= 2:
        # 湘西土家族苗族自治州 → 湘西州, 湘西; 石柱土家族自治县 → 石柱县, 石柱: news writes an
        # autonomous division by its place name and level.
        base = auto.group(1)
        short = (base + auto.group(2), base)
        return tuple(x for x in short if x not in _COMMON_WORD_SHORT_FORMS)
    if cls == "City" and name.endswith("市") and len(name) >= 3:
        short = name[:-1]
        return () if short in _COMMON_WORD_SHORT_FORMS else (short,)
    # A county's name without 县/市/区/旗 (湄潭, 离石, 乌审), unless that is a common word (和平区 →
    # 和平, 新建区 → 新建): jieba's dictionary says how common, though not reliably of what
    # kind (it tags 新建 as a place name).
    if name[-1] in "县市区旗" and len(name) >= 3:
        short = name[:-1]
        # a banner named by its league's wing or colour (巴林右旗, 鄂托克前旗, 镶黄旗) has
        # no short name without 旗; 阿荣 reads as a nickname
        if name[-1] == "旗" and (short[-1] in "左右中前后" or short.endswith("自治") or "联合" in short
                                 or short[0] in "正镶" or len(short) == 2 and short[0] == "阿"):
            return ()
        freq, tag = jieba_dictionary().get(short, (0, ""))
        if freq >= _COMMON_WORD_FREQ or (tag != "ns" and freq >= _COMMON_OTHER_FREQ):
            return ()
        return (short,)
    return ()


#: jieba dictionary frequencies from which a short form is taken to be a common word:
#: any word (新建 1000, 朝阳 767) or one not tagged as a place name (和平 7998, 永和 317).
#: 离石 65, 平遥 239, 中阳 304 stay names.
_COMMON_WORD_FREQ = 500
_COMMON_OTHER_FREQ = 300


@functools.cache
def division_changes() -> dict[str, tuple[str, str]]:
    """Old 6-digit adcode → (new 6-digit adcode, new name), from ``data/division_changes.tsv``.

    >>> division_changes()["140227"]
    ('140215', '云州区')
    """
    text = _data_file("division_changes.tsv") or ""
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {r["old_adcode"]: (r["new_adcode"], r["new_name"])
            for r in csv.DictReader(io.StringIO("\n".join(rows)), delimiter="\t")}


def _load_cpca(lex: ReferenceLexicon) -> None:
    # Found without importing cpca, which builds its own address matcher as it loads (0.1 s).
    package = importlib.util.find_spec("cpca").submodule_search_locations[0]
    text = (Path(package) / "resources" / "adcodes.csv").read_text("utf-8")
    # Divisions renamed or merged since the table was made take their current name and
    # code; the old names stay as aliases. A merger's first row gives the coordinates.
    changes = division_changes()
    merged: dict[str, dict] = {}
    old_names: dict[str, set[str]] = {}
    for r in sorted(csv.DictReader(io.StringIO(text)), key=lambda r: r["adcode"]):
        r = dict(r, name=r["name"].strip())
        if r["adcode"][:6] in changes:
            new, new_name = changes[r["adcode"][:6]]
            old_names.setdefault(new + "000000", set()).add(r["name"])
            r = dict(r, adcode=new + "000000", name=new_name)
        merged.setdefault(r["adcode"], r)
    rows = sorted(merged.values(), key=lambda r: r["adcode"])
    # A municipality's 市辖区 row is no division of its own: its districts lie in the
    # municipality (河西区 in 天津市).
    codes = {r["adcode"] for r in rows if r["name"] not in _GENERIC_DIVISIONS}
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["name"]] = counts.get(r["name"], 0) + 1
    stop = stopwords()
    for r in rows:
        adcode, name = r["adcode"], r["name"]
        if name in _GENERIC_DIVISIONS:
            continue
        cls = _division_class(adcode, name)
        # Two-character county names starting with a function word (和县 in 市委和县委) are
        # read inside ordinary phrases far more often than they are meant.
        if cls in ("County", "District", "CountyLevelCity") and len(name) < 3 and name[0] in stop:
            continue
        parent = None
        if cls != "Province":
            city = adcode[:4] + "00000000"
            prov = adcode[:2] + "0000000000"
            parent = city if cls != "City" and city in codes and city != adcode else prov
            parent = f"adcode:{parent}" if parent != adcode else None
        lon = float(r["longitude"]) if r["longitude"] else None
        lat = float(r["latitude"]) if r["latitude"] else None
        aliases = tuple(sorted(n for n in old_names.get(adcode, ()) if n != name
                               and n not in _GENERIC_DIVISIONS and counts.get(n, 0) == 0))
        entry = RefEntry(
            key=f"adcode:{adcode}", name=name, cls=cls, core="Place", source="cpca",
            aliases=aliases, parent=parent, adcode=adcode, lon=lon, lat=lat,
        )
        lex.add(entry, short=_short_forms(adcode, name, cls) if counts[name] == 1 else ())


def _data_file(name: str) -> str | None:
    path = resources.files("kg.extract.data") / name
    return path.read_text("utf-8") if path.is_file() else None


def _load_curated(lex: ReferenceLexicon) -> None:
    text = _data_file("reference.tsv")
    if text is None:
        return
    rows = [r for r in csv.DictReader(io.StringIO(text), delimiter="\t") if r.get("name")]
    # Parents are written as names; resolve them after every row is known, preferring
    # a Lüliang/Shanxi division for a name that several divisions share.
    pending = []
    for r in rows:
        name = r["name"].strip()
        adcode = (r.get("adcode") or "").strip() or None
        key = f"adcode:{adcode.ljust(12, '0')}" if adcode else f"ref:{name}"
        if adcode and key in lex.entries:
            key = f"ref:{name}"
        aliases = tuple(a.strip() for a in (r.get("aliases") or "").split("|") if a.strip())
        pending.append((key, name, r["class"].strip(), aliases, (r.get("parent") or "").strip(),
                        adcode, (r.get("source") or "").strip()))
    # First every entry, then parents: a parent may come after its child in the file.
    for key, name, cls, aliases, _, adcode, source in pending:
        lex.add(RefEntry(key=key, name=name, cls=cls, core=core_of(cls), source=source,
                         aliases=aliases, adcode=adcode))
    for key, name, cls, aliases, parent_name, adcode, source in pending:
        if not parent_name:
            continue
        cands = [e for e in lex.by_name(parent_name) if e.core == "Place" and e.key != key]
        # A parent name several divisions share is resolved by the row's own code when it
        # has one (the parent's code is its prefix); otherwise the row names no parent.
        if adcode:
            cands = [e for e in cands if e.adcode and adcode.ljust(12, "0").startswith(e.adcode.rstrip("0"))] or cands
        if len(cands) == 1:
            lex.entries[key] = replace(lex.entries[key], parent=cands[0].key)


@functools.cache
def reference_lexicon() -> ReferenceLexicon:
    """The reference lexicon (built once per process)."""
    lex = ReferenceLexicon()
    _load_cpca(lex)
    _load_curated(lex)
    return lex
