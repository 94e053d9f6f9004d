"""kg.types: the core classes and their labels, read from the ontology files."""

from __future__ import annotations

from importlib import resources

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kg import types
from kg.rdf.namespaces import LV

FESTIVAL = """
@prefix lv: <https://w3id.org/lvliang-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
lv:Festival rdfs:label "节庆"@zh , "Festival"@en .
<https://w3id.org/lvliang-kg/ontology> lv:coreClasses ( lv:Festival lv:Place ) .
"""


def test_core_types_in_display_order():
    assert types.core_types() == ("Place", "Institution", "Program", "Memorial", "Project", "Person", "Event")


def test_every_core_type_is_a_class_of_the_ontology_with_both_labels():
    onto = Graph().parse(data=(resources.files("kg.ontology") / "lvliang.ttl").read_text("utf-8"), format="turtle")
    for name in types.core_types():
        assert (LV[name], RDF.type, OWL.Class) in onto, name
        assert types.label(name, "zh") != name and types.label(name, "en") == name


def test_labels_come_from_the_ontology():
    assert [types.label(c) for c in types.core_types()] == ["地点", "机构", "政策举措", "纪念地", "工程项目", "人物", "事件"]
    assert types.label("Document") == "文档" and types.label("NoSuchClass") == "NoSuchClass"


def test_an_extension_adds_its_types_after_the_shipped_ones_once():
    types.add_ontology(FESTIVAL)
    types.add_ontology(FESTIVAL)
    try:
        assert types.core_types()[-2:] == ("Event", "Festival")
        assert types.core_types().count("Place") == 1
        assert types.label("Festival") == "节庆" and types.label("Festival", "en") == "Festival"
    finally:
        types.remove_ontology(FESTIVAL)
    assert "Festival" not in types.core_types() and types.label("Festival") == "Festival"


def test_bad_turtle_is_refused_when_added():
    with pytest.raises(SyntaxError):  # rdflib's BadSyntax
        types.add_ontology("lv:Festival a ")
    assert len(types.core_types()) == 7
