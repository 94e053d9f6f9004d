"""SHACL validation: the full build conforms; a broken mention is reported."""

from __future__ import annotations

import time

import pytest
from rdflib import Dataset, Literal, URIRef

import kg
from kg.rdf.namespaces import DCTERMS, NIF, RDF, XSD
from kg.validate import validate

#: The brief's budget for validating the five-document build.
VALIDATE_BUDGET_S = 20


def copy_graph(graph: kg.KnowledgeGraph) -> kg.KnowledgeGraph:
    """An editable copy: on engine rdflib, ``.dataset`` is the store's own Dataset."""
    ds = Dataset()
    for g in graph.dataset.graphs():
        target = ds.graph(g.identifier)
        for t in g:
            target.add(t)
    return kg.KnowledgeGraph(ds, engine="rdflib")


def test_the_full_build_conforms(built_graph):
    t0 = time.perf_counter()
    rep = validate(built_graph)
    elapsed = time.perf_counter() - t0
    assert rep.conforms, rep.text[:3000]
    assert rep.violations == 0
    assert elapsed < VALIDATE_BUDGET_S, f"validation took {elapsed:.1f} s"


def _a_mention(graph) -> tuple[URIRef, URIRef]:
    for g in graph.dataset.graphs():
        for m in sorted(g.subjects(RDF.type, NIF.Phrase)):
            return g.identifier, m
    raise AssertionError("no mention")


def test_a_mention_with_begin_not_before_end_is_a_violation(doc003_graph):
    broken = copy_graph(doc003_graph)
    gid, m = _a_mention(broken)
    g = broken.dataset.graph(gid)
    end = g.value(m, NIF.endIndex)
    g.set((m, NIF.beginIndex, Literal(int(end), datatype=XSD.nonNegativeInteger)))
    rep = validate(broken)
    assert not rep.conforms and rep.violations >= 1
    hits = [v for v in rep.results if v.focus == str(m)]
    assert hits and any(v.path == str(NIF.beginIndex) for v in hits), rep.results
    assert str(m) in rep.text


def test_a_document_without_identifier_is_a_violation(doc003_graph):
    broken = copy_graph(doc003_graph)
    rows = broken.query("SELECT ?d WHERE { ?d a lv:Document }")
    (d,) = [r["d"] for r in rows]
    for g in broken.dataset.graphs():
        g.remove((d, DCTERMS.identifier, None))
    rep = validate(broken)
    assert not rep.conforms
    assert any(v.focus == str(d) for v in rep.results)


@pytest.mark.parametrize("value", [Literal(-1), Literal("7")])
def test_offsets_must_be_non_negative_integers(doc003_graph, value):
    broken = copy_graph(doc003_graph)
    gid, m = _a_mention(broken)
    broken.dataset.graph(gid).set((m, NIF.beginIndex, value))
    rep = validate(broken)
    assert not rep.conforms
    assert any(v.focus == str(m) and v.path == str(NIF.beginIndex) for v in rep.results)
