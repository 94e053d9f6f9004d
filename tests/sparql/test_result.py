"""kg.sparql.result: the one result type, as plain Python values and DataFrames."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import QueryError
from kg.sparql.result import QueryResult, to_python

RESULT = QueryResult("SELECT", ["e", "label", "n", "v", "note"], [
    {"e": URIRef("https://w3id.org/lvliang-kg/resource/lvliangshi"), "label": Literal("吕梁市", lang="zh"),
     "n": Literal(225), "v": Literal(Decimal("183.61"), datatype=XSD.decimal),
     "note": Literal('say "hi",\n\tthen go')},
    {"e": BNode("b0"), "label": Literal("x")},
])


def test_records_are_plain_python():
    recs = RESULT.records()
    assert recs[0] == {"e": "https://w3id.org/lvliang-kg/resource/lvliangshi", "label": "吕梁市",
                       "n": 225, "v": Decimal("183.61"), "note": 'say "hi",\n\tthen go'}
    assert recs[1] == {"e": "_:b0", "label": "x", "n": None, "v": None, "note": None}
    assert to_python(Literal("2020-01-02", datatype=XSD.date)).year == 2020
    assert type(to_python(Literal("吕梁", lang="zh"))) is str


def test_dataframe():
    pd = pytest.importorskip("pandas")
    df = RESULT.to_dataframe()
    assert list(df.columns) == RESULT.vars
    assert df.loc[0, "label"] == "吕梁市"
    assert df.loc[0, "v"] == pytest.approx(183.61)
    assert pd.isna(df.loc[1, "n"])
    empty = QueryResult("SELECT", ["a", "b"], []).to_dataframe()
    assert list(empty.columns) == ["a", "b"] and len(empty) == 0


def test_ask_and_graph_only_for_their_forms():
    assert QueryResult("ASK", [], [], False).ask is False and not QueryResult("ASK", [], [], False)
    with pytest.raises(QueryError):
        RESULT.ask
    with pytest.raises(QueryError):
        RESULT.graph
    triple = {"s": URIRef("urn:s"), "p": URIRef("urn:p"), "o": Literal(1)}
    assert len(QueryResult("CONSTRUCT", ["s", "p", "o"], [triple]).graph) == 1
