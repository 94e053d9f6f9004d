"""Identity keys: abbreviation prefixes expanded, OCR typos joined only when the reference confirms them."""

from __future__ import annotations

from kg.extract.reference import reference_lexicon
from kg.records import Mention
from kg.resolve import document_keys, identity_key, name_key


def test_abbreviation_prefix_expanded():
    a = Mention(0, 9, "中科院大气物理研究所", "Institution", "ResearchInstitute")
    b = Mention(0, 11, "中国科学院大气物理研究所", "Institution", "ResearchInstitute")
    assert identity_key(a) == identity_key(b)


def test_ocr_typo_confirmed_by_reference():
    m = Mention(0, 4, "隰口古镇", "Place", "ScenicArea")
    assert reference_lexicon().entries[identity_key(m)].name == "碛口古镇"


def test_in_document_abbreviation_takes_the_longer_key():
    a = Mention(0, 9, "吕梁山护工服务中心", "Institution", "ServiceCentre")
    b = Mention(20, 26, "护工服务中心", "Institution", "ServiceCentre")
    keys = document_keys([a, b])
    assert keys[a] == keys[b] == name_key("Institution", "吕梁山护工服务中心")


def test_reference_name_after_its_place_names_the_entry():
    """石楼红军东征纪念馆 is the 红军东征纪念馆 the reference places in 石楼县 (吕梁 holds 石楼县);
    written after another county it is another memorial."""
    entry = reference_lexicon().entries["ref:红军东征纪念馆"]
    assert entry.parent == "adcode:141126000000"
    for full in ("石楼红军东征纪念馆", "吕梁市石楼县红军东征纪念馆", "吕梁红军东征纪念馆"):
        assert identity_key(Mention(0, len(full), full, "Memorial", "MemorialHall")) == entry.key
    other = Mention(0, 10, "交城县红军东征纪念馆", "Memorial", "MemorialHall")
    assert identity_key(other) == name_key("Memorial", "交城县红军东征纪念馆")
    # a reference body with no place of its own is not named by a place before it (a branch)
    bank = Mention(0, 5, "山西省农行", "Institution", "Bank")
    assert identity_key(bank) not in reference_lexicon().entries


def test_a_township_written_after_its_county_in_one_name_is_the_qualified_township():
    """杭锦旗独贵塔拉镇 (one name) and 杭锦旗|独贵塔拉镇 (the township after the county): one key,
    and the bare 独贵塔拉镇 of the document adopts it; a park after a region keeps its name."""
    county = "adcode:150625000000"
    whole = Mention(0, 8, "杭锦旗独贵塔拉镇", "Place", "Township")
    after = Mention(23, 28, "独贵塔拉镇", "Place", "Township", parent=county)
    bare = Mention(40, 45, "独贵塔拉镇", "Place", "Township")
    keys = document_keys([whole, after, bare])
    assert keys[whole] == keys[after] == keys[bare] == f"Place:独贵塔拉镇@{county}"
    park = Mention(0, 11, "湘西高新技术产业开发区", "Place", "DevelopmentZone")
    assert identity_key(park) == name_key("Place", "湘西高新技术产业开发区")
