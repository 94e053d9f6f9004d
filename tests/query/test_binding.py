"""Safe parameter binding: values become RDF terms, never query text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import ParameterError
from kg.query import named, run
from kg.query.binding import bind, parse_assignments, query_variables
from kg.sparql.terms import to_term
from kg.rdf.namespaces import LV, RES

INJECTION = '吕梁市" } ; DROP ALL ; #'


def test_a_latin_alias_is_found_by_a_label_parameter():
    from rdflib import Dataset

    from kg import KnowledgeGraph
    from kg.rdf.namespaces import RDF, RDFS, SKOS

    ds = Dataset()
    g = ds.graph(URIRef("urn:g"))
    g.add((RES.cctv, RDFS.label, Literal("中央电视台", lang="zh")))
    g.add((RES.cctv, SKOS.altLabel, Literal("CCTV", lang="zh")))
    g.add((RES.cctv, RDF.type, LV.Institution))
    rows = run(KnowledgeGraph(ds), "lookup", {"name": "CCTV"}).records()
    assert [r["label"] for r in rows] == ["中央电视台"] and rows[0]["matchedBy"] == "altLabel"


def test_parse_assignments():
    assert parse_assignments(["name=吕梁市", "q=a=b", "?x=1", "empty="]) == \
        {"name": "吕梁市", "q": "a=b", "x": "1", "empty": ""}
    assert parse_assignments(None) == {}
    for bad in (["novalue"], ["=x"], ["a b=1"], ["1a=2"], ["a=1", "a=2"]):
        with pytest.raises(ParameterError):
            parse_assignments(bad)


def test_bind_applies_defaults_and_types():
    q = named.get("co-mentions")
    assert bind({}, params=q.params) == {"min_sentences": Literal(1, datatype=XSD.integer)}
    got = bind({"name": "兴县", "min_sentences": "3"}, params=q.params, from_cli=True)
    assert got == {"name": Literal("兴县", lang="zh"), "min_sentences": Literal(3, datatype=XSD.integer)}
    assert bind({"name": None}, params=q.params) == {"min_sentences": Literal(1, datatype=XSD.integer)}
    with pytest.raises(ParameterError, match="not an integer"):
        bind({"min_sentences": "many"}, params=q.params)


def test_bind_rejects_unknown_and_missing():
    with pytest.raises(ParameterError, match="no such parameter"):
        bind({"county": "兴县"}, params=named.get("lookup").params)
    with pytest.raises(ParameterError, match="required"):
        bind({}, params=named.get("lookup").params)
    with pytest.raises(ParameterError, match="no variable"):
        bind({"nam": "x"}, query_text="SELECT ?e WHERE { ?e rdfs:label ?name }")
    assert bind({"name": "x"}, query_text="SELECT ?e WHERE { ?e rdfs:label $name }") == {"name": Literal("x")}


def test_query_variables_ignore_strings_and_comments():
    text = 'SELECT ?a WHERE { ?a rdfs:label "?b" . ?a <http://e/#?c> ?d } # ?e\n'
    assert query_variables(text) == {"a", "d"}


def test_injection_through_the_api_changes_nothing(mini):
    before = len(mini)
    assert run(mini, "lookup", {"name": INJECTION}).rows == []
    assert run(mini, "memorials-by-county", {"county": INJECTION}).rows == []
    assert mini.run("lookup", name=INJECTION) == []
    assert len(mini) == before
    # the same text as an ad-hoc parameter of ad-hoc SPARQL
    res = run(mini, "SELECT ?e WHERE { ?e rdfs:label ?name }", {"name": INJECTION}, from_cli=True)
    assert res.rows == [] and len(mini) == before


def test_a_label_containing_quotes_matches_exactly(mini):
    from rdflib import Dataset

    from kg import KnowledgeGraph

    ds = Dataset()
    tricky = 'A "quoted" } name'
    ds.graph(URIRef("urn:g")).add((URIRef("urn:e"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                                  Literal(tricky)))
    g = KnowledgeGraph(ds)
    rows = run(g, "SELECT ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = STR(?name)) }",
               {"name": tricky}).records()
    assert rows == [{"e": "urn:e"}]


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=40))
def test_any_text_binds_as_one_literal(text):
    term = to_term(text, "string")
    assert isinstance(term, Literal)
    assert str(term) == text
