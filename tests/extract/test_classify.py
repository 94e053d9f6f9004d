from __future__ import annotations

import pytest

from kg.extract.classify import classify


@pytest.mark.parametrize("name,label,core", [
    ("天宁寺", "LOC", "Place"),
    ("卦山书院", "LOC", "Place"),
    ("遵义会议纪念馆", "LOC", "Memorial"),
    ("赣深高铁项目", "LOC", "Project"),
    ("中国国际茶文化博览会", "ORG", "Event"),
    ("遵义医科大学", "ORG", "Institution"),
    ("贵州茅台酒股份有限公司", "ORG", "Institution"),
    ("玉京山", "LOC", "Place"),
    ("秋容塔", "LOC", "Place"),
    ("张家山", "PER", "Person"),
    ("湄潭", "LOC", "Place"),
])
def test_head_nouns_type_names_anywhere(name, label, core):
    assert classify(name, label).core == core


@pytest.mark.parametrize("name,label,core", [
    ("上海国际博览中心", "LOC", "Place"),      # 中心: building or body, the label decides
    ("沃尔夫斯堡", "ORG", "Institution"),      # 堡 ends football clubs as well as villages
    ("太原理工大学", "LOC", "Institution"),    # 大学 is reliable enough to overrule
    ("赣深高铁项目", "LOC", "Project"),        # not a move between the tagger's classes
])
def test_only_reliable_heads_move_a_span_between_the_taggers_classes(name, label, core):
    assert classify(name, label).core == core
