"""A remote SPARQL 1.1 endpoint: a real ``oxigraph serve`` on a free loopback port.

The build is pushed over HTTP (Graph Store Protocol uploads, SPARQL Update for the union
default graph), then every named query must answer as the memory store does."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef

import kg
from kg.errors import QueryError, StoreError
from kg.query import bindings_for, load_all
from kg.rdf.iris import doc_iri
from kg.stores import open_store
from kg.stores.remote import RemoteStore
from tests.stores._util import comparable, json_records, named_cases, oxigraph_server

DOC = "003_50ea69b444730b6f"


@pytest.fixture(scope="module")
def endpoint(oxigraph_bin, tmp_path_factory, built_graph):
    """Query URL of a running Oxigraph server holding the bundled build."""
    with oxigraph_server(tmp_path_factory.mktemp("srv")) as base:
        url = f"{base}/query"
        open_store(url).load_dataset(built_graph.dataset)
        yield url


@pytest.mark.parametrize("name, params", named_cases(), ids=lambda x: x if isinstance(x, str) else ",".join(x))
def test_every_named_query_equals_memory(endpoint, memory_answer, name, params):
    q = load_all()[name]
    got = open_store(endpoint).query(q.text, bindings_for(q, params, from_cli=True))
    want = memory_answer(name, params)
    assert got.vars == want.vars
    assert comparable(got.records()) == comparable(want.records())


def test_cli_query_against_the_endpoint(endpoint, memory_answer, run_kg):
    res = run_kg("query", "located-in", "--param", "place=兴县", "--store", endpoint, "--format", "json")
    assert res.returncode == 0, res.stderr
    want = memory_answer("located-in", {"place": "兴县"}).records()
    assert comparable(json_records(json.loads(res.stdout))) == comparable(want)


def test_kg_load_endpoint(endpoint, built_graph):
    g = kg.load(endpoint)
    assert len(g) == len(built_graph)
    assert g.query("SELECT ?l WHERE { res:lvliangshi rdfs:label ?l }") == [{"l": Literal("吕梁市", lang="zh")}]
    assert g.run("lookup", name="兴县")[0]["entity"] == "https://w3id.org/lvliang-kg/resource/xingxian"
    assert g.stats() == built_graph.stats()


def test_union_is_a_set_and_writes_keep_it(endpoint):
    st = open_store(endpoint)
    rows = st.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    distinct = st.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }").rows
    assert rows[0]["n"] == distinct[0]["n"]


def test_incremental_remove_and_add_over_http(endpoint, memory_answer, run_kg, corpus_paths):
    before = len(RemoteStore(endpoint))
    res = run_kg("remove", DOC, "--store", endpoint)
    assert res.returncode == 0, res.stderr
    st = RemoteStore(endpoint)
    assert doc_iri(DOC) not in st.documents() and len(st) < before
    (path,) = [p for p in corpus_paths if p.stem == DOC]
    res = run_kg("add", str(path), "--store", endpoint)
    assert res.returncode == 0, res.stderr
    assert "added 1" in res.stdout
    assert doc_iri(DOC) in st.documents()
    q = load_all()["entities-in-document"]
    params = {"document": "003"}
    got = st.query(q.text, bindings_for(q, params, from_cli=True)).records()
    assert comparable(got) == comparable(memory_answer("entities-in-document", params).records())
    test_union_is_a_set_and_writes_keep_it(endpoint)


def test_bulk_load_without_graph_store_protocol(oxigraph_bin, tmp_path, doc003_graph):
    with oxigraph_server(tmp_path) as base:
        st = open_store(f"{base}/query?gsp=none")
        assert st.gsp_url is None
        st.load_dataset(doc003_graph.dataset)
        assert len(st) == len(doc003_graph)
        assert st.documents() == [doc_iri(DOC)]


def test_server_side_union(oxigraph_bin, tmp_path, doc003_graph):
    """``union=server``: the server's own union default graph (Oxigraph's is a bag)."""
    with oxigraph_server(tmp_path, "--union-default-graph") as base:
        st = open_store(f"{base}/query?union=server")
        st.load_dataset(doc003_graph.dataset)
        assert st.query("ASK { GRAPH ?g { ?s ?p ?o } }").boolean
        assert st.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:none> { ?s ?p ?o } }").rows[0]["n"].toPython() == 0
        assert g_lookup(st) == "https://w3id.org/lvliang-kg/resource/xingxian"


def g_lookup(st):
    q = load_all()["lookup"]
    return st.query(q.text, bindings_for(q, {"name": "兴县"})).records()[0]["entity"]


def test_errors(endpoint, tmp_path):
    with pytest.raises(QueryError, match="line 1"):
        open_store(endpoint).query("SELECT ?x WHERE { ?x a }")
    ro = open_store(endpoint + "?update=none")
    assert ro.read_only
    with pytest.raises(StoreError, match="read-only"):
        ro.add_document(doc_iri("x"), [])
    from tests.stores._util import free_port

    dead = open_store(f"http://127.0.0.1:{free_port()}/query?timeout=5")
    with pytest.raises(StoreError, match="cannot reach") as e:
        dead.documents()
    assert e.value.code == "E050"
    with pytest.raises(StoreError, match="union"):
        open_store(endpoint + "?union=maybe")
    assert URIRef(doc_iri(DOC)) in open_store(endpoint).documents()
