"""The Python API of the README: kg.build, kg.load, KnowledgeGraph.query/save/stats."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

import kg
from kg.errors import QueryError, UnknownFormat
from kg.rdf.namespaces import RES


def test_public_names():
    assert {"build", "load", "KnowledgeGraph", "__version__"} <= set(kg.__all__)
    assert isinstance(kg.__version__, str)


def test_build_of_the_bundled_corpus(built_graph, corpus_paths):
    assert isinstance(built_graph, kg.KnowledgeGraph)
    assert built_graph.report.documents == [p.stem for p in corpus_paths]
    assert built_graph.report.skipped == []
    st = built_graph.stats()
    assert st["documents"] == 5
    assert st["triples"] == len(built_graph) == built_graph.report.triples
    assert st["classes"]["Document"] == 5
    assert st["classes"]["County"] > 0 and st["classes"]["Phrase"] > 500
    assert st["properties"]["anchorOf"] > 500


@pytest.mark.parametrize("ext", [".trig", ".nq"])  # every format: tests/rdf/test_io.py
def test_save_then_load_keeps_the_counts(built_graph, built_trig, tmp_path, ext):
    path = built_trig if ext == ".trig" else tmp_path / f"lvliang{ext}"
    if ext != ".trig":
        built_graph.save(path)
    back = kg.load(path)
    assert back.stats() == built_graph.stats()
    assert len(back) == len(built_graph)


def test_readme_subclass_query(built_graph):
    rows = built_graph.query("""
        SELECT ?place ?label WHERE { ?place a/rdfs:subClassOf* lv:Place ; rdfs:label ?label }
    """)
    labels = {str(r["label"]) for r in rows}
    assert {"吕梁市", "兴县", "山西省"} <= labels


def test_bound_parameters_are_terms_not_text(built_graph):
    rows = built_graph.query("SELECT ?e WHERE { ?e rdfs:label ?name }", name="吕梁市")
    assert {r["e"] for r in rows} == {RES.lvliangshi}
    # a value that would break a query if it were pasted in is just a literal that matches nothing
    assert built_graph.query("SELECT ?e WHERE { ?e rdfs:label ?name }", name='x" } ; DROP ALL ; #') == []
    rows = built_graph.query("ASK { ?e rdfs:label ?l }", e=RES.lvliangshi)
    assert rows.ask is True and bool(rows)
    rows = built_graph.query("SELECT ?l WHERE { ?e rdfs:label ?l }", e=str(RES.lvliangshi))
    assert [r["l"] for r in rows] == [Literal("吕梁市", lang="zh")]


def test_named_graphs_answer_which_source_says_what(built_graph):
    rows = built_graph.query("""
        SELECT DISTINCT ?id WHERE { GRAPH ?doc { ?e rdfs:label "兴县"@zh } ?doc dcterms:identifier ?id }
    """)
    assert rows and all(str(r["id"])[:3].isdigit() for r in rows)


def test_malformed_query_is_a_kg_error(built_graph):
    with pytest.raises(QueryError) as exc:
        built_graph.query("SELECT ?x WHERE { ?x")
    assert exc.value.code == "E020"


def test_labels(built_graph):
    assert built_graph.labels()[URIRef(RES.lvliangshi)] == "吕梁市"


def test_save_refuses_an_unknown_format(built_graph, tmp_path):
    with pytest.raises(UnknownFormat):
        built_graph.save(tmp_path / "out.xyz")
    assert not (tmp_path / "out.xyz").exists()
