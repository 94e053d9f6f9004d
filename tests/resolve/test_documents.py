"""Mention roles: which mentions make their entity one the document mentions, which are cited
through the name that holds them."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Pipeline
from kg.resolve import resolved_document
from kg.text import read_text


@pytest.fixture(scope="module")
def pipe():
    return Pipeline()


def roles(pipe, text):
    rd = resolved_document(pipe(read_text(text, doc_id="d")))
    return {m.text: i in rd.own for i, m in enumerate(rd.mentions)}, rd


def test_place_in_a_memorials_name_is_where_it_stands(pipe):
    own, rd = roles(pipe, "石楼红军东征纪念馆位于石楼县。")
    assert own["石楼"] is True and rd.cited == {}


def test_place_in_a_proper_name_is_cited_through_it(pipe):
    own, rd = roles(pipe, "中科院深圳先进技术研究院与吕梁市合作。")
    assert own["深圳"] is False and own["吕梁市"] is True
    assert rd.cited == {(3, 5): (0, 12)}
