"""kg.sparql.terms: Python values and command-line text become RDF terms, never query text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import ParameterError
from kg.rdf.namespaces import LV, RES
from kg.sparql.terms import from_text, to_term

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
