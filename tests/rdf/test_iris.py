"""IRIs: readable pinyin slugs, NIF span IRIs, and the same entity → the same IRI on every build."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from kg.rdf.iris import doc_iri, entity_iri, mention_iri, node_iri
from kg.rdf.namespaces import ITSRDF, RDFS, RES
from kg.text.slugs import slug

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_span_and_document_iris():
    assert str(doc_iri("000_03dcd241c001a0f4")) == str(RES) + "doc/000_03dcd241c001a0f4"
    assert str(mention_iri("000_03dcd241c001a0f4", 0, 3)) == str(RES) + "doc/000_03dcd241c001a0f4#char=0,3"
    assert entity_iri("lvliangshi") == RES.lvliangshi


def test_derived_node_iris_are_stable_and_distinct():
    a = node_iri("statement", "d1", "x", "locatedIn", "y", "rule")
    assert a == node_iri("statement", "d1", "x", "locatedIn", "y", "rule")
    assert a != node_iri("statement", "d1", "y", "locatedIn", "x", "rule")
    assert re.fullmatch(re.escape(str(RES)) + r"statement/[0-9a-f]{12}", str(a))


def _entities(graph) -> dict[URIRef, Literal]:
    """Entity IRI → label, for every resource that a mention points at."""
    ds = graph.dataset
    return {e: ds.value(e, RDFS.label) for e in set(ds.objects(None, ITSRDF.taIdentRef))}


def test_entity_iris_are_readable_slugs(built_graph):
    ents = _entities(built_graph)
    assert len(ents) > 100
    for e, label in ents.items():
        assert str(e).startswith(str(RES)), e
        local = str(e)[len(str(RES)):]
        assert SLUG.match(local), e
        # the slug is the label's pinyin, possibly with a disambiguating suffix
        assert local == slug(str(label)) or local.startswith(slug(str(label)) + "-"), (e, label)


def test_an_entity_keeps_its_iri_whatever_else_is_built(doc003_graph, built_graph):
    """The one-document build and the five-document build give the same IRI to the same name."""
    one, five = _entities(doc003_graph), _entities(built_graph)
    assert one
    for e, label in one.items():
        assert e in five, (e, label)
        assert five[e] == label, (e, label, five[e])
