"""Decoding bytes: encodings, BOMs, binary and empty input."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import DecodeError, EmptyDocument, KGError
from kg.text.decode import decode_bytes, is_blank
from kg.text.markup import looks_like_html, strip_html

TEXT = "吕梁市位于山西省中西部。\r\n\r\n國家級風景名勝區 3 月 27 日，ＧＤＰ增长5.7%。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.replace("ＧＤＰ", "GDP").encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-32"), "utf-32-le"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16le-bom", "utf16be-bom",
         "utf16le-nobom", "utf16be-nobom", "utf32-bom"],
)
def test_encodings_decode_to_the_exact_text(data, encoding):
    text, used = decode_bytes(data, name="doc.txt")
    expected = TEXT.replace("ＧＤＰ", "GDP") if b"GDP" in data else TEXT
    assert text == expected  # line breaks (\r\n) and spaces untouched, BOM removed
    assert used == encoding


def test_gb18030_four_byte_characters():
    text = "㐀吕梁𠀀"  # outside GBK: 4-byte GB18030 sequences
    assert decode_bytes(text.encode("gb18030"), name="a") == (text, "gb18030")


def test_bomless_utf16_without_any_ascii_is_recognised():
    text = "吕梁市位于山西省中西部吕梁山脉纵贯全境"
    for codec in ("utf-16-le", "utf-16-be"):
        data = text.encode(codec)
        assert 0 not in data  # nothing for the NUL heuristic to see
        assert decode_bytes(data, name="a") == (text, codec)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        "吕梁\x00市".encode("utf-8"),
        bytes(range(0, 32)) * 20,
        b"\x01\x02\x03\x04abc\x05\x06\x07\x08" * 10,
    ],
    ids=["png", "nul-in-utf8", "controls", "mostly-controls"],
)
def test_binary_is_rejected(data):
    with pytest.raises(DecodeError) as info:
        decode_bytes(data, name="img.bin")
    assert info.value.code == "E002"
    assert "img.bin" in str(info.value)


def test_undecodable_bytes_are_rejected():
    with pytest.raises(DecodeError):
        decode_bytes(b"\x80\xff" * 50, name="x")


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n", "\u3000\u3000\n\u200b".encode("utf-8"), codecs.BOM_UTF8,
     codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
    ids=["empty", "whitespace", "ideographic-space", "bom-only", "utf16-blank"],
)
def test_empty_is_rejected(data):
    with pytest.raises(EmptyDocument) as info:
        decode_bytes(data, name="empty.txt")
    assert info.value.code == "E003"


def test_is_blank():
    assert is_blank("\u3000 \n\u200b\ufeff")
    assert not is_blank("\u3000。")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_a_kg_error(data):
    try:
        text, encoding = decode_bytes(data, name="fuzz")
    except KGError:
        return
    assert isinstance(text, str) and text.strip()
    assert encoding


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("吕梁市山西省，。“”（）、 \n0123456789abcXYZ國區贏")),
               min_size=1, max_size=80),
       st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]))
def test_round_trip(text, codec):
    data = text.encode(codec)
    if not text.strip():
        with pytest.raises(EmptyDocument):
            decode_bytes(data, name="x")
        return
    assert decode_bytes(data, name="x")[0] == text


def test_html_detection_and_stripping():
    page = ("<!DOCTYPE html><html><head><title>吕梁新闻</title><style>p{color:red}</style>"
            "<script>var a = '<p>不要</p>';</script></head><body><h1>吕梁新闻</h1>"
            "<p>吕梁&nbsp;市&amp;离石区&#x3002;</p><!-- 注释 --><p>第二段<br>续行</p></body></html>")
    assert looks_like_html(page)
    text = strip_html(page)
    assert "不要" not in text and "color" not in text and "注释" not in text and "<" not in text
    assert text.startswith("吕梁新闻")
    assert "吕梁\xa0市&离石区。" in text
    assert "第二段\n续行" in text


def test_text_with_a_few_angle_brackets_is_not_html():
    assert not looks_like_html("增长率 <5%，目标 >3%。\n<注>见附表。")
    assert looks_like_html("\n".join(f"<p>第{i}段</p>" for i in range(6)))
