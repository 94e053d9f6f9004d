"""Safe parameter binding: values become RDF terms, never query text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import ParameterError
from kg.query import named, run
from kg.query.binding import bind, from_text, parse_assignments, query_variables, to_term
from kg.rdf.namespaces import LV, RES

INJECTION = '吕梁市" } ; DROP ALL ; #'


def test_strings_with_chinese_are_tagged_zh():
    assert to_term("吕梁市") == Literal("吕梁市", lang="zh")
    assert to_term("Lvliang") == Literal("Lvliang")
    assert to_term("兴县", "string") == Literal("兴县", lang="zh")
    assert from_text("吕梁") == Literal("吕梁", lang="zh")


def test_label_parameters_are_always_tagged_zh():
    # a name is looked up as a term (rdfs:label|skos:altLabel ?name): it must carry the
    # tag every label of the graph has, whatever its script
    assert to_term("CCTV", "label") == Literal("CCTV", lang="zh")
    assert to_term(Literal("兴县"), "label") == Literal("兴县", lang="zh")
    assert from_text("5G", "label") == Literal("5G", lang="zh")
    with pytest.raises(ParameterError):
        to_term(RES.lvliangshi, "label")


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


def test_iris_and_prefixed_names():
    assert to_term("https://w3id.org/lvliang-kg/resource/lvliangshi") == RES.lvliangshi
    assert to_term("<https://w3id.org/lvliang-kg/resource/lvliangshi>") == RES.lvliangshi
    assert to_term("res:lvliangshi", "iri") == RES.lvliangshi
    assert to_term("lv:locatedIn", "iri") == LV.locatedIn
    assert to_term("urn:isbn:123", "iri") == URIRef("urn:isbn:123")
    assert to_term("County", "class") == LV.County
    assert to_term("lv:Memorial", "class") == LV.Memorial
    assert from_text("res:xingxian") == RES.xingxian


@pytest.mark.parametrize("bad", ["x y", "<a b>", 'http://e/"x', "nope:thing", "http://e/{x}", "", "吕梁"])
def test_bad_iris_are_rejected(bad):
    with pytest.raises(ParameterError):
        to_term(bad, "iri")


def test_numbers_and_booleans():
    assert to_term(3) == Literal(3, datatype=XSD.integer)
    assert to_term("42", "int") == Literal(42, datatype=XSD.integer)
    assert to_term("1,000.5", "decimal") == Literal(Decimal("1000.5"), datatype=XSD.decimal)
    assert to_term(0.1, "decimal") == Literal(Decimal("0.1"), datatype=XSD.decimal)
    assert to_term(Decimal("183.61")) == Literal(Decimal("183.61"), datatype=XSD.decimal)
    assert from_text("7") == Literal(7, datatype=XSD.integer)
    assert from_text("6.4") == Literal(Decimal("6.4"), datatype=XSD.decimal)
    assert from_text("7", "string") == Literal("7")
    assert to_term("yes", "bool") == Literal(True)
    assert to_term(False, "bool") == Literal(False)
    for value, typ in (("seven", "int"), ("1.5", "int"), (True, "int"), ("abc", "decimal"),
                       ("maybe", "bool"), ("1e5", "decimal")):
        with pytest.raises(ParameterError):
            to_term(value, typ)


def test_rdf_terms_pass_through():
    lit = Literal("吕梁")
    assert to_term(lit) is lit
    assert to_term(lit, "string") is lit
    with pytest.raises(ParameterError):
        to_term(RES.lvliangshi, "string")


def test_injection_is_just_a_literal():
    term = to_term(INJECTION)
    assert isinstance(term, Literal) and str(term) == INJECTION and term.language == "zh"
    assert from_text(INJECTION) == term
    with pytest.raises(ParameterError):
        to_term(INJECTION, "iri")
    with pytest.raises(ParameterError):
        to_term(INJECTION, "class")


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
