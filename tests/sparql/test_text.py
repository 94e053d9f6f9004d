"""kg.sparql.text: parameters for the Oxigraph and remote stores by token substitution, never text.

The property tests run the substituted query on pyoxigraph: whatever a value contains, it
comes back as exactly one literal, equal to itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import ParameterError, QueryError
from kg.sparql.text import nt_term, substitute, tokenize
from kg.stores.oxigraph import OxigraphStore, from_ox


@pytest.fixture(scope="module")
def empty():
    return OxigraphStore(None)


def test_tokens_round_trip():
    q = 'PREFIX x: <http://e/#> SELECT ?a WHERE { ?a x:p "?b # not a comment" ; x:q """?c\n""" } # ?d\n'
    assert "".join(t.text for t in tokenize(q)) == q
    kinds = {t.text: t.kind for t in tokenize(q)}
    assert kinds['"?b # not a comment"'] == "string"
    assert kinds["# ?d"] == "comment"
    assert kinds["<http://e/#>"] == "iri"


def test_variables_in_strings_iris_and_comments_are_not_touched():
    q = 'SELECT ?x WHERE { ?x <http://e/?n> "?n" . # ?n\n ?x ?p ?n }'
    out = substitute(q, {"n": Literal("v")})
    assert out == 'SELECT ?x WHERE { ?x <http://e/?n> "?n" . # ?n\n ?x ?p "v" }'


def test_longer_variable_names_are_not_prefixes():
    assert substitute("SELECT ?nn WHERE { ?nn ?p ?n }", {"n": Literal(1)}).count("?nn") == 2


def test_less_than_is_not_an_iri():
    out = substitute("SELECT ?a WHERE { ?a ?p ?b FILTER(?b<?n&&?n>0) }", {"n": Literal(3)})
    assert '"3"^^<http://www.w3.org/2001/XMLSchema#integer>&&' in out


def test_bound_projection_group_and_order():
    q = ("SELECT ?n (COUNT(?x) AS ?c) WHERE { ?x ?p ?n FILTER(BOUND( ?n )) } "
         "GROUP BY ?n ORDER BY ?n DESC(?n)")
    out = substitute(q, {"n": URIRef("http://e/1")})
    assert out == ("SELECT (<http://e/1> AS ?n) (COUNT(?x) AS ?c) WHERE { ?x ?p <http://e/1> "
                   "FILTER(true) } GROUP BY (<http://e/1>) ORDER BY (<http://e/1>) DESC(<http://e/1>)")


def test_sub_select_projection(empty):
    q = "SELECT ?v WHERE { { SELECT ?v WHERE { BIND(1 AS ?one) } } }"
    out = substitute(q, {"v": Literal("x")})
    assert out == 'SELECT ?v WHERE { { SELECT ("x" AS ?v) WHERE { BIND(1 AS ?one) } } }'
    assert [from_ox(s["v"]) for s in empty._ox.query(out)] == [Literal("x")]


def test_assigned_parameter_is_refused():
    with pytest.raises(QueryError, match="assigned"):
        substitute("SELECT ?a WHERE { VALUES (?a ?n) { (1 2) } }", {"n": Literal(1)})


@pytest.mark.parametrize("term, text", [
    (Literal("a\"b\\c\nd"), '"a\\"b\\\\c\\nd"'),
    (Literal("兴县", lang="zh"), '"兴县"@zh'),
    (Literal("x", datatype=XSD.string), '"x"'),
    (Literal("1.5", datatype=XSD.decimal), '"1.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
    (URIRef("https://w3id.org/lvliang-kg/resource/xingxian"), "<https://w3id.org/lvliang-kg/resource/xingxian>"),
])
def test_nt_terms(term, text):
    assert nt_term(term) == text


@pytest.mark.parametrize("term", [URIRef("http://e/a b"), URIRef("http://e/>{"), BNode("b0"),
                                  Literal("x", datatype=URIRef("http://e/> } DROP ALL #"))])
def test_unsafe_terms_are_refused(term):
    with pytest.raises(ParameterError):
        nt_term(term)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_string_is_one_literal(empty, value):
    q = 'SELECT ?out WHERE { BIND(?v AS ?out) FILTER(!BOUND(?v) || STRLEN(?v) >= 0) }'
    rows = list(empty._ox.query(substitute(q, {"v": Literal(value)})))
    assert len(rows) == 1
    assert from_ox(rows[0]["out"]) == Literal(value)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20))
def test_injection_attempts_do_not_change_the_query(empty, tail):
    value = f'" }} ; DROP ALL ; INSERT DATA {{ <http://e/x> <http://e/p> "{tail}" }} #'
    res = empty.query("SELECT ?l WHERE { ?e rdfs:label ?l FILTER(STR(?l) = STR(?name)) }", {"name": value})
    assert res.rows == []
    assert len(empty) == 0
