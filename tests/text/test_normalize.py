"""Offset-preserving normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text.normalize import is_cjk, is_han, normalize, normalize_char, normalize_with_offsets


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("２０２１年ＧＤＰ增长１３１％", "2021年GDP增长131%"),
        ("＋５．７", "+5.7"),
        ("－３", "-3"),
        # Chinese punctuation stays as written, full-width brackets included
        ("华为山西（吕梁）大数据中心，“天河二号”、《王二小》：", "华为山西（吕梁）大数据中心，“天河二号”、《王二小》："),
        ("图①为……9℃，m²", "图①为……9℃，m²"),
        ("國家級風景名勝區", "国家级风景名胜区"),
        ("打贏“兩場戰役”", "打赢“两场战役”"),
        ("乾县、乾坤、著名", "乾县、乾坤、著名"),  # simplified characters are not "converted"
        ("⼀⼆", "一二"),  # Kangxi radicals from PDF exports
    ],
)
def test_character_rules(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3 月 27 日", "3月27日"),
        ("干好 20 件大事要事", "干好20件大事要事"),
        ("固定资产投资等 19 项分指标", "固定资产投资等19项分指标"),
        ("年产 200 万只", "年产200万只"),
        ("1 000 人", "1000人"),
        ("接待游客1 268.5万人次", "接待游客1268.5万人次"),  # a thousands space before a decimal
        ("1.2 3.4", "1.2 3.4"),  # two decimals stay apart
        ("2021.08 10时", "2021.08 10时"),
        ("2021-08-23 10:30", "2021-08-23 10:30"),
        ("利用 5G 技术搭建", "利用5G技术搭建"),
        ("CR200J 型", "CR200J型"),
        ("吕 梁 市", "吕梁市"),  # letter-spaced single characters
        ("作业。 侯利军 摄", "作业。侯利军 摄"),
        ("整理/文 吕梁日报记者 刘亮亮/图", "整理/文 吕梁日报记者 刘亮亮/图"),
        ("( 本报记者 )", "(本报记者)"),
        ("红色吕梁 绿色发展", "红色吕梁 绿色发展"),  # separates two title halves
        ("6个服务部 and 17个服务站", "6个服务部 and 17个服务站"),
        ("Lüliang  City\tShanxi", "Lüliang City Shanxi"),
        ("\u3000\u3000吕梁市 ", "吕梁市"),
        ("吕\u200b梁\u00ad市", "吕梁市"),
        ("第一行\r\n\r\n第二行\r第三行", "第一行\n第二行\n第三行"),
    ],
)
def test_whitespace_rules(raw, expected):
    assert normalize(raw) == expected


def test_offsets_point_at_the_original():
    raw = "吕梁：干好 20 件大事"
    n = normalize_with_offsets(raw)
    assert n.text == "吕梁：干好20件大事"
    i = n.text.index("20件")
    assert raw[n.starts[i]:n.ends[i + 2]] == "20 件"
    assert [raw[s:e] for s, e in zip(n.starts, n.ends)] == list("吕梁：干好20件大事")


def test_offsets_of_a_slice_are_absolute():
    raw = "标题\n\n３ 月"
    n = normalize_with_offsets(raw, 4)
    assert n.text == "3月"
    assert n.starts == (4, 6) and n.ends == (5, 7)


def test_kept_space_and_line_break_map_to_whitespace():
    raw = "a  b\r\nc"
    n = normalize_with_offsets(raw)
    assert n.text == "a b\nc"
    assert raw[n.starts[1]:n.ends[1]] == " "
    assert raw[n.starts[3]:n.ends[3]] == "\r\n"


def test_normalize_char():
    assert normalize_char("Ａ") == "A"
    assert normalize_char("區") == "区"
    assert normalize_char("，") == "，"
    with pytest.raises(ValueError):
        normalize_char("ab")


def test_script_classes():
    assert is_han("吕") and is_han("𠀀") and not is_han("，")
    assert is_cjk("，") and is_cjk("》") and is_cjk("…") and not is_cjk("a")


_ALPHABET = list("吕梁市山西國家級區贏，。、“”（）《》…—①：；？！ \u3000\t\n\r\u200b\x07"
                 "0123456789０１２ａｂＺabcXYZ%％.．-＋") + ["20 件", "吕 梁", " and ", "\r\n\r\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join))
def test_offset_map_property(raw):
    n = normalize_with_offsets(raw)
    assert len(n.text) == len(n.starts) == len(n.ends)
    covered = set()
    for i, ch in enumerate(n.text):
        s, e = n.starts[i], n.ends[i]
        assert 0 <= s < e <= len(raw)
        if ch.isspace():
            assert raw[s:e].isspace()
        else:
            assert normalize(raw[s:e]) == ch
            covered.update(range(s, e))
        if i:
            assert n.starts[i - 1] < s  # monotonic within one normalised string
    for k, c in enumerate(raw):
        if normalize(c):  # visible characters are never dropped
            assert k in covered
    assert n.text == n.text.strip()
    assert normalize(raw) == n.text  # deterministic


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_text(raw):
    n = normalize_with_offsets(raw)
    for i, ch in enumerate(n.text):
        assert n.starts[i] < n.ends[i]
        if not ch.isspace():
            assert normalize(raw[n.starts[i]:n.ends[i]]) == ch
