"""Result formats: CSV, TSV, SPARQL 1.1 JSON, rich table, records, DataFrame."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.query import run
from kg.query.results import render, shorten, to_csv, to_json, to_table, to_tsv, turtle_term
from kg.sparql.engine import execute
from kg.sparql.result import QueryResult

LV_CITY = URIRef("https://w3id.org/lvliang-kg/ontology#City")
RESULT = QueryResult("SELECT", ["e", "label", "n", "v", "note"], [
    {"e": URIRef("https://w3id.org/lvliang-kg/resource/lvliangshi"), "label": Literal("吕梁市", lang="zh"),
     "n": Literal(225), "v": Literal(Decimal("183.61"), datatype=XSD.decimal),
     "note": Literal('say "hi",\n\tthen go')},
    {"e": BNode("b0"), "label": Literal("x")},
])


def test_csv_is_sparql_csv():
    text = to_csv(RESULT)
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == ["e", "label", "n", "v", "note"]
    assert parsed[1] == ["https://w3id.org/lvliang-kg/resource/lvliangshi", "吕梁市", "225", "183.61",
                         'say "hi",\n\tthen go']
    assert parsed[2] == ["_:b0", "x", "", "", ""]


def test_tsv_is_sparql_tsv():
    lines = to_tsv(RESULT).splitlines()
    assert lines[0] == "?e\t?label\t?n\t?v\t?note"
    assert lines[1].split("\t") == [
        "<https://w3id.org/lvliang-kg/resource/lvliangshi>", '"吕梁市"@zh', "225",
        '"183.61"^^<http://www.w3.org/2001/XMLSchema#decimal>', '"say \\"hi\\",\\n\\tthen go"']
    assert lines[2].split("\t") == ["_:b0", '"x"', "", "", ""]
    assert len(lines) == 3  # no raw newline or tab leaks out of a value


def test_turtle_terms():
    assert turtle_term(Literal(True)) == "true"
    assert turtle_term(Literal("a\\b")) == '"a\\\\b"'
    assert turtle_term(Literal("2020", datatype=XSD.gYear)) == '"2020"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    assert turtle_term(None) == ""


def test_json_is_sparql_json():
    doc = json.loads(to_json(RESULT))
    assert doc["head"]["vars"] == ["e", "label", "n", "v", "note"]
    first, second = doc["results"]["bindings"]
    assert first["e"] == {"type": "uri", "value": "https://w3id.org/lvliang-kg/resource/lvliangshi"}
    assert first["label"] == {"type": "literal", "value": "吕梁市", "xml:lang": "zh"}
    assert first["n"] == {"type": "literal", "value": "225", "datatype": str(XSD.integer)}
    assert first["note"] == {"type": "literal", "value": 'say "hi",\n\tthen go'}
    assert second == {"e": {"type": "bnode", "value": "b0"}, "label": {"type": "literal", "value": "x"}}
    assert "吕梁市" in to_json(RESULT)  # UTF-8, not \\u escapes


def test_json_ask_and_table_ask():
    ask = QueryResult("ASK", [], [], True)
    assert json.loads(to_json(ask)) == {"head": {}, "boolean": True}
    assert to_csv(ask).splitlines() == ["boolean", "true"]
    assert to_tsv(ask).splitlines() == ["?boolean", "true"]
    table = to_table(ask)
    assert table.columns[0].header == "boolean"


def test_json_round_trips_through_rdflib(mini):
    from rdflib.query import Result

    res = run(mini, "admin-hierarchy", {})
    parsed = Result.parse(io.StringIO(to_json(res)), format="json")
    assert [str(v) for v in parsed.vars] == res.vars
    got = [{str(k): v for k, v in row.asdict().items()} for row in parsed]
    assert got == res.rows


def test_table_shortens_iris_and_counts_rows():
    table = to_table(RESULT, title="t")
    assert [c.header for c in table.columns] == RESULT.vars
    assert list(table.columns[0].cells)[0] == "res:lvliangshi"
    assert table.caption == "2 rows"
    assert shorten(LV_CITY) == "lv:City"
    assert shorten(URIRef("http://example.org/x")) == "http://example.org/x"


def test_construct_and_ask_through_execute(mini):
    res = execute(mini.dataset, "CONSTRUCT { ?e a lv:City } WHERE { ?e a lv:City }")
    assert res.type == "CONSTRUCT" and res.vars == ["s", "p", "o"] and len(res) == 1
    ask = execute(mini.dataset, "ASK { ?e lv:partnerOf ?x }")
    assert ask.type == "ASK" and ask.boolean is True


def test_group_by_over_nothing_gives_no_rows(mini):
    res = execute(mini.dataset, "SELECT ?e (COUNT(?x) AS ?n) WHERE { ?e lv:noSuchProperty ?x } GROUP BY ?e")
    assert res.rows == []
    total = execute(mini.dataset, "SELECT (COUNT(?x) AS ?n) WHERE { ?e lv:noSuchProperty ?x }")
    assert total.records() == [{"n": 0}]


def test_render_rejects_unknown_formats():
    with pytest.raises(ValueError):
        render(RESULT, "xml")
