"""Property-based tests: the reader, the normaliser and its offset map, the number parser and
the whole extraction pipeline on arbitrary input.

Properties
----------
* Nothing raises but :class:`kg.errors.KGError` subclasses, whatever the bytes or text.
* Offsets always slice the original text: every normalised character, every sentence, every
  quantity found in the normalised text and every mention maps to ``[b, e)`` with
  ``0 <= b < e <= len(original)``; what normalises from that slice is what was matched.
* The pipeline (default components) never raises on a readable document, and in the
  assembled graph every mention's ``nif:anchorOf`` is ``nif:isString[beginIndex:endIndex]``.

Example counts are modest (the file runs in well under a minute). ``benchmarks/robustness_bench.py``
runs the same properties as a long fuzz run: ``KG_FUZZ_EXAMPLES=20000`` sets every count
(``KG_FUZZ_PIPELINE`` / ``KG_FUZZ_GRAPH`` the two expensive ones separately).
"""

from __future__ import annotations

import os
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg.errors import KGError
from kg.extract.numerals import parse_number
from kg.extract.periods import find_periods
from kg.extract.quantities import find_quantities
from kg.text import read_document, read_text
from kg.text.normalize import normalize, normalize_with_offsets


def examples(default: int, env: str | None = None) -> int:
    for name in (env, "KG_FUZZ_EXAMPLES"):
        if name and os.environ.get(name):
            return int(os.environ[name])
    return default


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                      HealthCheck.filter_too_much])

# ---- strategies -----------------------------------------------------------------------

TOKENS = [
    # names and text of the genre
    "吕梁市", "吕梁", "兴县", "临县", "离石区", "山西省", "蔡家崖村", "晋绥边区革命纪念馆", "太原理工大学",
    "吕梁市人民政府", "中共吕梁市委", "位于", "与", "签订", "合作协议", "共建", "举办", "更名为", "改称",
    "记者", "摄", "本报讯", "图①为", "（", "）", "“", "”", "《", "》", "【", "】", "、", "，", "。", "；", "：",
    "！", "？", "……", "——", "离石區", "國家級", "呂梁", "乾县", "於",
    # numbers, units, periods
    "12.7亿立方米", "1,439", "6.4万", "三十六", "一百二十八", "两", "〇", "零", "十三五", "“十四五”",
    "百分之三十", "131%", "５％", "5-8倍", "7万至8万元", "20余所", "3.8万多名", "2019年", "2014年底",
    "今年1-7月", "上半年", "截至目前", "近年来", "1-7月", "6月29日", "第十二届", "209国道", "5G",
    "D9232次", "万亿", "亿", "万", "千", "百", "十", "个百分点", "兆瓦", "千瓦时", "km²", "m³", "°C", "℃",
    "２０２１", "１２３", "١٢٣", "²", "½", "①", "9" * 30, "0.", ".5", "1,2", "1,,2", "１,０００",
    # markup
    "<p>", "</p>", "<div>", "<br>", "<script>", "</script>", "<style>", "<title>", "<!DOCTYPE html>",
    "<html>", "&amp;", "&lt;", "&#x5415;", "&nbsp;", "<!--", "-->",
    # whitespace and invisibles
    " ", "  ", "\u3000", "\t", "\n", "\n\n", "\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029",
    "\u200b", "\u200d", "\ufeff", "\u00ad", "\u202e", "\x00", "\x07", "\x1b[0m", "\ufffd",
    # other scripts and symbols
    "Lüliang", " and ", "e\u0301", "🚄", "👨‍👩‍👧", "🇨🇳", "︀", "𠀀", "𪚥", "⼀", "豈", "ﾟ", "Ⅻ",
]

soup = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
any_text = st.one_of(soup, st.text(max_size=300),
                     st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=40).map("".join))
CODECS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "big5"]


@st.composite
def any_bytes(draw):
    kind = draw(st.sampled_from(["raw", "encoded", "mutated", "truncated"]))
    if kind == "raw":
        return draw(st.binary(max_size=2000))
    text = draw(any_text)
    codec = draw(st.sampled_from(CODECS))
    data = text.encode(codec, errors="replace")
    if kind == "encoded" or not data:
        return data
    if kind == "truncated":
        return data[: draw(st.integers(0, len(data)))]
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


# ---- invariants ------------------------------------------------------------------------

def squash(s: str) -> str:
    return "".join(s.split())


def check_offsets(doc) -> None:
    """Every offset of ``doc`` slices its original text."""
    o, t = doc.original, doc.text
    assert isinstance(o, str) and isinstance(t, str)
    assert len(doc.starts) == len(doc.ends) == len(t)
    for i, ch in enumerate(t):
        b, e = doc.starts[i], doc.ends[i]
        assert 0 <= b < e <= len(o), (i, b, e, len(o))
        if not ch.isspace():
            assert normalize(o[b:e]) == ch, (i, ch, o[b:e])
    prev = 0
    for s in doc.sentences:
        assert prev <= s.start < s.end <= len(t), s
        prev = s.end
        b, e = doc.original_span(s.start, s.end)
        assert 0 <= b < e <= len(o)
        assert doc.original_text(s.start, s.end) == o[b:e]
        if doc.contiguous(s.start, s.end):
            assert squash(normalize(o[b:e])) == squash(doc.sentence_text(s))


def read_or_kgerror(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except KGError as err:
        assert err.code.startswith("E0"), err
        assert "unreadable" not in str(err), f"the reader's safety net caught a bug: {err}"
        return None


# ---- reader ------------------------------------------------------------------------------

@settings(max_examples=examples(300), **SETTINGS)
@given(any_bytes())
def test_read_document_any_bytes(data):
    doc = read_or_kgerror(read_document, data, doc_id="fuzz")
    if doc is not None:
        check_offsets(doc)


@settings(max_examples=examples(300), **SETTINGS)
@given(any_text)
def test_read_text_any_text(text):
    doc = read_or_kgerror(read_text, text, doc_id="fuzz")
    if doc is not None:
        check_offsets(doc)
        assert read_text(text, doc_id="fuzz") == doc  # deterministic


@settings(max_examples=examples(100), **SETTINGS)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=100))
def test_read_text_with_lone_surrogates(text):
    """Text from a lenient decoder may hold lone surrogates: a KGError at worst."""
    doc = read_or_kgerror(read_text, text, doc_id="fuzz")
    if doc is not None:
        check_offsets(doc)


# ---- normaliser ----------------------------------------------------------------------------

@settings(max_examples=examples(400), **SETTINGS)
@given(any_text, st.data())
def test_normaliser_offsets_slice_the_original(text, data):
    n = normalize_with_offsets(text)
    assert n.text == normalize(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    last = -1
    for i, ch in enumerate(n.text):
        b, e = n.starts[i], n.ends[i]
        assert 0 <= b < e <= len(text)
        assert b > last  # monotonic: one pass, left to right
        last = b
        if not ch.isspace():
            assert normalize(text[b:e]) == ch
    # a slice: offsets stay absolute and inside the slice
    a = data.draw(st.integers(0, len(text)))
    z = data.draw(st.integers(a, len(text)))
    part = normalize_with_offsets(text, a, z)
    assert part.text == normalize(text[a:z])
    assert all(a <= b < e <= z for b, e in zip(part.starts, part.ends))


# ---- number parser ---------------------------------------------------------------------------

def check_number(v) -> None:
    assert isinstance(v, Decimal) and v.is_finite(), v


@settings(max_examples=examples(400), **SETTINGS)
@given(any_text, st.sampled_from([None, "2021", "2021-03-27", "1999-12-31", "2024-02-29"]))
def test_number_parser_spans_slice_the_text(text, date):
    qs = find_quantities(text)
    prev = 0
    for q in qs:
        assert prev <= q.start < q.end <= len(text), q
        prev = q.end
        assert text[q.start:q.end] == q.raw
        check_number(q.value)
        if q.value_max is not None:
            check_number(q.value_max)
    for p in find_periods(text, date):
        assert 0 <= p.start < p.end <= len(text) and text[p.start:p.end] == p.raw, p
        for bound in (p.period_start, p.period_end):
            assert bound is None or re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", bound), p


@settings(max_examples=examples(400), **SETTINGS)
@given(st.one_of(st.text(max_size=40),
                 st.lists(st.sampled_from(list("0123456789,.点零〇一二两三四五六七八九十百千万亿")),
                          max_size=25).map("".join)))
def test_parse_number_any_string(s):
    v = parse_number(s)
    if v is not None:
        check_number(v)


@settings(max_examples=examples(200), **SETTINGS)
@given(soup)
def test_quantities_map_through_the_document(text):
    doc = read_or_kgerror(read_text, text, doc_id="fuzz")
    assume(doc is not None)
    for q in find_quantities(doc.text):
        b, e = doc.original_span(q.start, q.end)
        assert 0 <= b < e <= len(doc.original)
        if doc.contiguous(q.start, q.end):
            assert squash(normalize(doc.original[b:e])) == squash(q.raw)


# ---- the whole pipeline ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pipeline():
    from kg.extract.pipeline import Pipeline

    return Pipeline()


@settings(max_examples=examples(150, "KG_FUZZ_PIPELINE"), **SETTINGS)
@given(st.one_of(soup, any_text))
def test_pipeline_on_arbitrary_text(pipeline, text):
    doc = read_or_kgerror(read_text, text, doc_id="fuzz")
    assume(doc is not None)
    state = pipeline(doc)  # never raises
    for m in state.mentions:
        assert 0 <= m.start < m.end <= len(doc.text), m
        assert doc.text[m.start:m.end] == m.text, m
        b, e = doc.original_span(m.start, m.end)
        assert 0 <= b < e <= len(doc.original)
        anchor = doc.original[b:e]  # what the assembler writes as nif:anchorOf
        assert doc.original_text(m.start, m.end) == anchor
        if doc.contiguous(m.start, m.end):
            assert squash(normalize(anchor)) == squash(m.text), (m, anchor)
    for o in state.observations:
        check_number(o.value)


@settings(max_examples=examples(30, "KG_FUZZ_GRAPH"), **SETTINGS)
@given(st.lists(st.sampled_from(TOKENS), min_size=5, max_size=80).map("".join))
def test_assembled_mentions_anchor_into_the_original(pipeline, text):
    from rdflib import Literal

    from kg.builder import build_dataset
    from kg.rdf.namespaces import NIF

    doc = read_or_kgerror(read_text, text, doc_id="fuzz")
    assume(doc is not None)
    state = pipeline(doc)
    ds, _ = build_dataset([state], include_ontology=False)

    def objects(pred):
        return {(s_, o) for s_, _, o, _ in ds.quads((None, pred, None, None))}

    strings = [str(o) for _, o in objects(NIF.isString)]
    assert strings == [doc.original]
    begin, end = dict(objects(NIF.beginIndex)), dict(objects(NIF.endIndex))
    n = 0
    for node, anchor in objects(NIF.anchorOf):
        b, e = int(begin[node]), int(end[node])
        assert isinstance(anchor, Literal)
        assert doc.original[b:e] == str(anchor), (node, b, e)
        if "#char=" in str(node):
            assert str(node).endswith(f"#char={b},{e}")
            n += 1
    # every mention but a place inside another name (it cites that name), and sentences
    assert n >= len({m.span for m in state.mentions if not m.nested})
