"""Checks of the curated reference data in ``kg/extract/data``.

The files are read straight from the source tree (SOURCES.md is documentation and is not
shipped as package data), so these tests need no installed package.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "kg" / "extract" / "data"

PLACE_CLASSES = {
    "Country", "Province", "City", "County", "District", "CountyLevelCity", "Township",
    "Village", "Region", "River", "Mountain", "ScenicArea", "DevelopmentZone",
}
MEMORIAL_CLASSES = {"MemorialHall", "RevolutionarySite", "MartyrsCemetery", "Museum"}
REFERENCE_CLASSES = PLACE_CLASSES | MEMORIAL_CLASSES | {
    "GovernmentBody", "PartyOrgan", "University", "School", "ResearchInstitute",
    "Enterprise", "Bank", "Media", "Association", "Hospital", "MilitaryUnit", "Person",
    "HistoricalEvent",
    # Well-known national and Shanxi programs (source gov-cn-policy).
    "PovertyAlleviationProgram", "Campaign", "ReformPilot", "FinancialProduct", "Policy",
}
HEAD_CLASSES = REFERENCE_CLASSES | {"NaturalFeature",
    "ServiceCentre", "Street", "Facility", "InfrastructureProject", "IndustrialProject",
    "ITPlatform", "EcologicalProject", "EducationProject", "PovertyAlleviationProgram",
    "LabourBrand", "Campaign", "ReformPilot", "FinancialProduct", "Policy", "Meeting",
    "Ceremony", "Exhibition",
}
TITLE_KINDS = {"government", "party", "academic", "enterprise", "media", "profession", "honour"}
#: Names legitimately shared by two entries (different parent and adcode).
SHARED_NAMES: set[str] = set()


def _tsv(name: str, columns: list[str]) -> list[dict[str, str]]:
    text = (DATA / name).read_text("utf-8")
    assert not text.startswith("\ufeff"), f"{name} has a BOM"
    lines = text.splitlines()
    assert lines[0].split("\t") == columns, f"{name} header is {lines[0]!r}"
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        assert line.strip(), f"{name}:{n} is blank"
        fields = line.split("\t")
        assert len(fields) == len(columns), f"{name}:{n} has {len(fields)} fields: {line!r}"
        assert all(f == f.strip() for f in fields), f"{name}:{n} has padded fields"
        rows.append(dict(zip(columns, fields)))
    # csv agrees with the plain split (no quoting surprises)
    parsed = list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert parsed == rows
    return rows


def _words(name: str) -> list[str]:
    out = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            assert len(line.split()) == 1, f"{name}: one entry per line, got {line!r}"
            out.append(line)
    return out


@pytest.fixture(scope="module")
def reference() -> list[dict[str, str]]:
    return _tsv("reference.tsv", ["name", "class", "aliases", "parent", "adcode", "source"])


@pytest.fixture(scope="module")
def cpca_names() -> set[str]:
    text = (resources.files("cpca") / "resources/adcodes.csv").read_text("utf-8")
    return {r["name"].strip() for r in csv.DictReader(io.StringIO(text))}


@pytest.fixture(scope="module")
def source_ids() -> set[str]:
    text = (DATA / "SOURCES.md").read_text("utf-8")
    return set(re.findall(r"^\| `([a-z0-9-]+)` \|", text, flags=re.M))


# --- reference.tsv ---------------------------------------------------------------------


def test_reference_sorted_and_unique(reference):
    keys = [(r["name"], r["parent"]) for r in reference]
    assert keys == sorted(keys), "reference.tsv must be sorted by name (then parent)"
    assert len(set(keys)) == len(keys)
    counts = Counter(r["name"] for r in reference)
    assert {n for n, c in counts.items() if c > 1} == SHARED_NAMES
    for name in SHARED_NAMES:
        rows = [r for r in reference if r["name"] == name]
        assert len({r["parent"] for r in rows}) == len(rows)
        assert len({r["adcode"] for r in rows}) == len(rows) and all(r["adcode"] for r in rows)


def test_reference_fields(reference):
    for r in reference:
        assert r["name"] and len(r["name"]) >= 2, r
        assert r["class"] in REFERENCE_CLASSES, r
        assert r["source"], r
        aliases = r["aliases"].split("|") if r["aliases"] else []
        assert all(a and a != r["name"] for a in aliases), r
        assert len(set(aliases)) == len(aliases), r
        if r["parent"]:
            assert r["class"] in PLACE_CLASSES | MEMORIAL_CLASSES, f"parent on non-place {r}"
            assert r["parent"] != r["name"], r
        if r["adcode"]:
            assert re.fullmatch(r"\d{12}", r["adcode"]), r


def test_reference_sources_documented(reference, source_ids):
    assert {"cpca", "general", "mca-changes"} <= source_ids
    used = {r["source"] for r in reference}
    assert used <= source_ids, f"undocumented source ids: {used - source_ids}"


def test_reference_parents_resolve(reference, cpca_names):
    names = {r["name"] for r in reference}
    for r in reference:
        if r["parent"]:
            assert r["parent"] in names or r["parent"] in cpca_names, r


def test_reference_does_not_copy_cpca(reference, cpca_names):
    assert not [r["name"] for r in reference if r["name"] in cpca_names]


def test_aliases_do_not_collide(reference, cpca_names):
    names = {r["name"] for r in reference}
    owner: dict[str, str] = {}
    for r in reference:
        for a in filter(None, r["aliases"].split("|")):
            assert a not in names, f"alias {a!r} of {r['name']} is another entry's name"
            assert a not in cpca_names, f"alias {a!r} of {r['name']} is a cpca division"
            assert owner.setdefault(a, r["name"]) == r["name"], f"alias {a!r} is shared"


def test_no_township_rows_of_one_region(reference):
    """Townships and villages are national or none: a table of one prefecture's townships
    would make its names special (and merge same-named towns elsewhere into them)."""
    assert not [r for r in reference if r["class"] == "Township"]
    assert {r["class"] for r in reference if r["source"] == "nbs-codes"} == {"DevelopmentZone"}


def test_villages_hang_under_counties(reference, cpca_names):
    for r in reference:
        if r["class"] == "Village":
            assert r["parent"] in cpca_names, r


def test_reference_spot_checks(reference):
    by_name = {r["name"]: r for r in reference if r["name"] not in SHARED_NAMES}
    assert by_name["碛口古镇"]["parent"] == "临县"
    assert by_name["杏花村"]["parent"] == "汾阳市"
    assert by_name["吕梁山"]["class"] == "Mountain"
    assert "吕梁山脉" in by_name["吕梁山"]["aliases"].split("|")
    assert by_name["中国科学院"]["aliases"].split("|") == ["中科院"]
    assert by_name["国家发展和改革委员会"]["class"] == "GovernmentBody"
    assert by_name["中国农业发展银行"]["class"] == "Bank"
    assert by_name["毛泽东"]["class"] == "Person"
    assert by_name["红军东征"]["class"] == "HistoricalEvent"
    assert by_name["晋绥边区革命纪念馆"]["parent"] == "兴县"


# --- heads.tsv, titles.tsv --------------------------------------------------------------


def test_heads():
    rows = _tsv("heads.tsv", ["head", "class", "weight"])
    heads = [r["head"] for r in rows]
    assert heads == sorted(heads), "heads.tsv must be sorted by head"
    assert len(set(heads)) == len(heads)
    for r in rows:
        assert r["class"] in HEAD_CLASSES, r
        assert 0.0 <= float(r["weight"]) <= 1.0, r
    table = {r["head"]: r for r in rows}
    assert table["纪念馆"]["class"] == "MemorialHall"
    assert table["烈士陵园"]["class"] == "MartyrsCemetery"
    assert float(table["局"]["weight"]) > float(table["山"]["weight"])


def test_titles():
    rows = _tsv("titles.tsv", ["title", "kind", "org_suffix"])
    titles = [r["title"] for r in rows]
    assert titles == sorted(titles), "titles.tsv must be sorted by title"
    assert len(set(titles)) == len(titles)
    for r in rows:
        assert r["kind"] in TITLE_KINDS, r
        sufs = r["org_suffix"].split("|") if r["org_suffix"] else []
        assert all(sufs), r
    table = {r["title"]: r for r in rows}
    for t in ("书记", "市长", "县委书记", "院士", "记者", "董事长", "第一书记"):
        assert t in table
    assert "局" in table["局长"]["org_suffix"].split("|")
    assert "负责人" not in table


# --- units.tsv --------------------------------------------------------------------------

UNIT_KINDS = {"count", "money", "area", "length", "volume", "mass", "power", "energy", "voltage",
              "temperature", "ratio", "duration", "age", "percent", "permille", "percent_point"}


def test_units():
    rows = _tsv("units.tsv", ["word", "base", "factor", "kind"])
    words = [r["word"] for r in rows]
    assert len(set(words)) == len(words)
    for r in rows:
        assert r["kind"] in UNIT_KINDS, r
        assert re.fullmatch(r"[1-9][0-9]*", r["factor"]), r
    table = {r["word"]: r for r in rows}
    assert (table["兆瓦"]["base"], table["兆瓦"]["factor"]) == ("千瓦", "1000")
    assert table["名"]["base"] == "人" and table["名"]["kind"] == "count"
    # every base unit of a kind other than counts is written as a word of its own
    bases = {r["base"] for r in rows if r["kind"] != "count"}
    assert bases <= set(words) | {"月"}, bases - set(words)


# --- surnames.txt, stopwords.txt --------------------------------------------------------


def test_surnames():
    text = (DATA / "surnames.txt").read_text("utf-8")
    assert text.splitlines()[0] == "# source: baijiaxing + 2020 census surname ranking"
    names = _words("surnames.txt")
    assert len(names) == len(set(names))
    singles = [n for n in names if len(n) == 1]
    compounds = [n for n in names if len(n) == 2]
    assert len(singles) + len(compounds) == len(names)
    assert names.index(compounds[0]) == len(singles), "single surnames first"
    assert singles[:5] == ["王", "李", "张", "刘", "陈"]
    assert len(singles) >= 250 and len(compounds) >= 30
    assert {"欧阳", "司马", "上官", "诸葛"} <= set(compounds)
    assert all("\u4e00" <= ch <= "\u9fff" for n in names for ch in n)


def test_stopwords():
    words = _words("stopwords.txt")
    assert len(words) == len(set(words))
    assert {"在", "和", "的", "举行", "位于", "担任"} <= set(words)
    # Only these four surnames double as function words (于 "at", 向 "towards", 任 "serve as",
    # 曾 "once"); any other overlap is a mistake in one of the two lists.
    assert set(words) & set(_words("surnames.txt")) == {"于", "向", "任", "曾"}


def test_program_rows_are_documented_policy_knowledge(reference):
    programs = [r for r in reference if r["class"] in {
        "PovertyAlleviationProgram", "Campaign", "ReformPilot", "FinancialProduct", "Policy"}]
    assert programs and all(r["source"] == "gov-cn-policy" for r in programs)


def test_autonomous_divisions_have_their_short_forms():
    # News writes an autonomous prefecture or county by its place name and level (恩施州, 石柱县).
    from kg.extract.reference import reference_lexicon

    lex = reference_lexicon()
    for short, full in (("恩施州", "恩施土家族苗族自治州"), ("凉山州", "凉山彝族自治州"),
                        ("阿坝州", "阿坝藏族羌族自治州"), ("石柱县", "石柱土家族自治县")):
        assert [e.name for e in lex.by_name(short)][:1] == [full], short


@pytest.mark.parametrize("short,name", [
    ("湘西州", "湘西土家族苗族自治州"), ("湘西", "湘西土家族苗族自治州"),
    ("黔东南州", "黔东南苗族侗族自治州"), ("延边州", "延边朝鲜族自治州"), ("秀山县", "秀山土家族苗族自治县"),
])
def test_autonomous_divisions_have_their_short_names(short, name):
    from kg.extract.reference import reference_lexicon
    lex = reference_lexicon()
    assert short in lex.short_forms
    assert [lex.entries[k].name for k in lex.surfaces[short]] == [name]


def test_banners_have_short_names_unless_named_by_wing_or_colour():
    from kg.extract.reference import reference_lexicon
    lex = reference_lexicon()
    assert {"乌审", "准格尔", "伊金霍洛"} <= lex.short_forms
    assert not {"鄂托克前", "巴林右", "镶黄", "阿荣"} & lex.short_forms
