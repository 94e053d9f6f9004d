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
