"""The store registry and the memory store: the operations and semantics every store shares."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

import kg
from kg.errors import QueryError, StoreError, UnknownStore
from kg.rdf.iris import doc_iri
from kg.rdf.namespaces import LV, RDF, RDFS
from kg.stores import STORES, Store, is_store_uri, open_store, scheme_of
from kg.stores.memory import MemoryStore

E = URIRef("https://w3id.org/lvliang-kg/resource/xingxian")
D1, D2 = doc_iri("d1"), doc_iri("d2")


def _doc(d, *extra):
    return [(d, RDF.type, LV.Document), *extra]


@pytest.fixture(params=["memory", "oxigraph"])
def store(request, tmp_path):
    """An empty store of each local kind (the same contract must hold for both)."""
    s = open_store("memory") if request.param == "memory" else open_store(f"oxigraph:{tmp_path}/s", create=True)
    yield s
    s.close()


def test_registry_names_and_errors():
    assert {"memory", "oxigraph", "http", "https"} <= set(STORES.names())
    assert scheme_of("oxigraph:x") == "oxigraph" and is_store_uri("https://h/q")
    assert not is_store_uri("out/lvliang.trig") and not is_store_uri("C:\\data\\g.trig")
    for bad in ("redis://x", "sqlite:db", "out.trig"):
        with pytest.raises(UnknownStore) as e:
            open_store(bad)
        assert e.value.code == "E011"
    with pytest.raises(StoreError, match="oxigraph:DIR"):
        open_store("oxigraph:")
    with pytest.raises(StoreError, match="no location"):
        open_store("memory:/tmp/x")


def test_a_new_store_is_a_registration(tmp_path):
    made = []

    def factory(uri, *, read_only=False, create=False):
        made.append(uri)
        return MemoryStore(uri=uri)

    STORES.add("scratch", factory)
    try:
        assert isinstance(open_store("scratch:anything"), Store) and made == ["scratch:anything"]
    finally:
        STORES._factories.pop("scratch")


def test_add_replace_remove_documents(store):
    store.add_document(D1, _doc(D1, (E, RDFS.label, Literal("兴县", lang="zh"))))
    store.add_document(D2, _doc(D2, (E, RDFS.label, Literal("兴县", lang="zh"))))
    assert store.documents() == [D1, D2] and len(store) == 4
    # replacing a document's graph drops what it held before
    store.add_document(D1, _doc(D1, (E, RDFS.label, Literal("兴县城", lang="zh"))))
    labels = {str(r["l"]) for r in store.query("SELECT ?l WHERE { ?e rdfs:label ?l }").rows}
    assert labels == {"兴县", "兴县城"}
    assert store.remove_document(D2) is True and store.remove_document(D2) is False
    labels = {str(r["l"]) for r in store.query("SELECT ?l WHERE { ?e rdfs:label ?l }").rows}
    assert labels == {"兴县城"} and store.documents() == [D1]


def test_default_graph_is_the_set_union(store):
    """A triple two documents state is matched once without GRAPH, twice with it."""
    t = (E, RDFS.label, Literal("兴县", lang="zh"))
    store.add_document(D1, _doc(D1, t))
    store.add_document(D2, _doc(D2, t))
    assert len(store.query("SELECT ?l WHERE { ?e rdfs:label ?l }").rows) == 1
    assert len(store.query("SELECT ?g WHERE { GRAPH ?g { ?e rdfs:label ?l } }").rows) == 2
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"].toPython() == 3
    store.remove_document(D1)  # still stated by d2: still in the union
    assert len(store.query("SELECT ?l WHERE { ?e rdfs:label ?l }").rows) == 1
    store.remove_document(D2)
    assert store.query("ASK { ?s ?p ?o }").boolean is False


def test_bindings_are_terms_everywhere(store):
    store.add_document(D1, _doc(D1, (E, RDFS.label, Literal("兴县", lang="zh"))))
    q = """SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e rdfs:label ?l FILTER(!BOUND(?name) || STR(?l) = STR(?name)) }
           GROUP BY ?e HAVING(!BOUND(?min) || COUNT(?l) >= ?min)"""
    assert len(store.query(q).rows) == 1
    assert store.query(q, {"name": "兴县"}).rows[0]["e"] == E
    assert store.query(q, {"name": "临县"}).rows == []
    rows = store.query("SELECT ?e ?name WHERE { ?e rdfs:label ?name }", {"name": "兴县"}).rows
    assert rows == [{"e": E, "name": Literal("兴县", lang="zh")}]  # a bound projected variable
    assert store.query(q, {"min": 2}).rows == []
    assert store.query(q, {"name": '兴县" ) } ; DROP ALL #'}).rows == []
    assert len(store) == 2


def test_query_errors_name_the_position(store):
    with pytest.raises(QueryError, match="line 2"):
        store.query("SELECT ?x WHERE {\n ?x a lv:Place ")
    with pytest.raises(QueryError):
        store.query("DROP ALL")


def test_ask_and_construct(store):
    store.add_document(D1, _doc(D1))
    assert store.query("ASK { ?d a lv:Document }").boolean is True
    rows = store.query("CONSTRUCT { ?d a lv:Thing } WHERE { ?d a lv:Document }").rows
    assert rows == [{"s": D1, "p": RDF.type, "o": LV.Thing}]


def test_load_dataset_replaces_the_previous_build(store):
    store.add_document(D1, _doc(D1))
    ds = Dataset()
    ds.graph(D2).add((D2, RDF.type, LV.Document))
    store.load_dataset(ds)
    assert store.documents() == [D2]
    other = URIRef("http://example.org/not-a-kg-graph")
    store.replace_graph(other, [(E, RDFS.comment, Literal("kept"))])
    store.load_dataset(ds)
    assert other in store.graph_names(), "graphs a build does not manage are left alone"


def test_kg_load_memory_is_empty():
    g = kg.load("memory")
    assert len(g) == 0 and g.query("SELECT * WHERE { ?s ?p ?o }") == []


def test_memory_store_adopts_a_build(doc003_graph):
    ds = doc003_graph.store.to_dataset()
    s = MemoryStore()
    s.load_dataset(ds)
    assert s.dataset() is ds and len(s) == len(doc003_graph)


def test_memory_store_copies_a_view_of_another_store(doc003_graph):
    from rdflib import Literal, URIRef

    s = MemoryStore()
    s.load_dataset(doc003_graph.dataset)  # a read-only view of an Oxigraph store
    assert s.dataset() is not doc003_graph.dataset and len(s) == len(doc003_graph)
    s.add_document(URIRef("urn:kg:d"), [(URIRef("urn:kg:d"), URIRef("urn:kg:p"), Literal("x"))])
    assert len(s) == len(doc003_graph) + 1
