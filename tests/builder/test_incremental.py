"""`kg add` / `kg remove`: only the named documents' graphs change, entity IRIs are reused,
and the store ends up as a full build of the same documents would be."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Literal, URIRef

import kg
from kg.rdf.iris import doc_iri
from kg.rdf.namespaces import ITSRDF, LV, REFERENCE_GRAPH
from kg.stores import open_store
from kg.builder.incremental import add_documents, remove_documents
from kg.stores.loading import write_build
from kg.stores.memory import MemoryStore
from tests.stores._util import canon
from tests.test_builder import SHORT_AND_FULL

LAST = "004_3dc35f487da7a829"
SMALL = "003_50ea69b444730b6f"


def quads(store):
    """(graph, triple) pairs, decimals by value (Oxigraph canonicalises their lexical form)."""
    return {(g, s, p, canon(o)) for g in store.graph_names() for s, p, o in store.triples(g)}


def assert_union_consistent(store):
    """The store's default graph is exactly the set union of its named graphs."""
    default = {tuple(r.values()) for r in store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").records()}
    named = {tuple(r.values()) for r in store.query(
        "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").records()}
    assert default == named


@pytest.fixture(scope="module")
def four_docs(corpus_paths):
    return kg.build([p for p in corpus_paths if p.stem != LAST])


@pytest.fixture(params=["memory", "oxigraph"])
def store(request, tmp_path, four_docs):
    """A store holding the build of the four first documents."""
    st = MemoryStore() if request.param == "memory" else open_store(f"oxigraph:{tmp_path}/s", create=True)
    write_build(_copy(four_docs), st)  # a copy: the memory store adopts what it is given
    yield st
    st.close()


def _copy(graph):
    from rdflib import Dataset

    ds = Dataset()
    for g in graph.dataset.graphs():
        if len(g):
            ds.graph(g.identifier).addN((s, p, o, ds.graph(g.identifier)) for s, p, o in g)
    return ds


def test_add_equals_a_full_build(store, corpus_paths, built_graph):
    (path,) = [p for p in corpus_paths if p.stem == LAST]
    before = {g: set(store.triples(g)) for g in store.graph_names() if g != REFERENCE_GRAPH}
    rep = add_documents(store, [path])
    assert rep.added == [LAST] and rep.replaced == [] and rep.reused_entities > 0
    # the other documents' graphs are untouched
    for g, triples in before.items():
        assert set(store.triples(g)) == triples
    full = MemoryStore(built_graph.dataset)
    assert quads(store) == quads(full)
    # in particular the new document's mentions point to the full build's entities
    def links(st):
        return {(s, o) for s, p, o in st.triples(doc_iri(LAST)) if p == ITSRDF.taIdentRef}

    assert links(store) == links(full) and links(store)
    if not isinstance(store, MemoryStore):
        assert_union_consistent(store)


def test_remove_equals_a_build_without_the_document(store, four_docs, corpus_paths):
    (path,) = [p for p in corpus_paths if p.stem == LAST]
    add_documents(store, [path])
    rep = remove_documents(store, [LAST, "no_such_document"])
    assert rep.removed == [LAST] and rep.missing == ["no_such_document"]
    assert quads(store) == quads(MemoryStore(four_docs.dataset))
    if not isinstance(store, MemoryStore):
        assert_union_consistent(store)


def test_readding_a_changed_document_replaces_its_graph(store, corpus_paths, tmp_path):
    (path,) = [p for p in corpus_paths if p.stem == SMALL]
    changed = tmp_path / path.name
    text = path.read_text("utf-8")
    first_paragraph = text.split("\n")[0]
    changed.write_text(text.replace(first_paragraph, "") + "\n临县碛口古镇红色文化产业园今年开工建设。\n", "utf-8")
    others = {g: set(store.triples(g)) for g in store.documents() if g != doc_iri(SMALL)}
    old = set(store.triples(doc_iri(SMALL)))
    rep = add_documents(store, [changed])
    assert rep.replaced == [SMALL] and rep.added == []
    new = set(store.triples(doc_iri(SMALL)))
    d = doc_iri(SMALL)
    sha = {o for s, p, o in new if p == LV.sha256}
    assert len(sha) == 1 and sha != {o for s, p, o in old if p == LV.sha256}
    assert any(str(o) == "临县" for s, p, o in new if str(p).endswith("anchorOf"))
    assert (d, LV.characterCount, Literal(len(changed.read_text("utf-8")))) in new
    for g, triples in others.items():
        assert set(store.triples(g)) == triples
    # entities shared with other documents keep their IRIs; the reference graph follows
    lin = URIRef("https://w3id.org/lvliang-kg/resource/linxian")
    assert any(p == ITSRDF.taIdentRef and o == lin for s, p, o in new)
    assert any(s == lin for s, _, _ in store.triples(REFERENCE_GRAPH))
    if not isinstance(store, MemoryStore):
        assert_union_consistent(store)


def test_adding_to_an_empty_store_creates_ontology_and_reference(tmp_path, corpus_paths, doc003_graph):
    st = open_store(f"oxigraph:{tmp_path}/empty", create=True)
    (path,) = [p for p in corpus_paths if p.stem == SMALL]
    add_documents(st, [path])
    assert quads(st) == quads(MemoryStore(doc003_graph.dataset))
    st.close()


def test_cli_add_and_remove(run_kg, tmp_path, corpus_paths):
    (path,) = [p for p in corpus_paths if p.stem == SMALL]
    uri = f"oxigraph:{tmp_path}/cli"
    res = run_kg("add", str(path), "--store", uri)
    assert res.returncode == 0, res.stderr
    assert "added 1" in res.stdout
    res = run_kg("add", str(path), str(tmp_path / "missing.txt"), "--store", uri)
    assert res.returncode == 3 and "replaced 1" in res.stdout and "missing.txt" in res.stderr
    res = run_kg("remove", SMALL, "nope", "--store", uri)
    assert res.returncode == 3 and "removed 1" in res.stdout and "nope" in res.stderr
    res = run_kg("remove", SMALL, "--store", "memory")
    assert res.returncode == 2 and "error[E050]" in res.stderr
    shutil.rmtree(tmp_path / "cli")


def test_load_shards_of_a_distributed_build(run_kg, tmp_path, corpus_paths, four_docs):
    """Shards built apart (`kg build SHARD -o shard.nq`) bulk-load into one store: the
    ontology and reference graphs merge, each document graph comes from its shard."""
    first, second = [p for p in corpus_paths if p.stem != LAST][:2], [p for p in corpus_paths if p.stem != LAST][2:]
    kg.build(first).save(tmp_path / "shard-1.nq")
    kg.build(second).save(tmp_path / "shard-2.trig")
    uri = f"oxigraph:{tmp_path}/sharded"
    res = run_kg("load", str(tmp_path / "shard-1.nq"), str(tmp_path / "shard-2.trig"), "--store", uri)
    assert res.returncode == 0, res.stderr
    assert "4 documents" in res.stdout
    st = open_store(uri)
    try:
        full = MemoryStore(four_docs.dataset)
        assert quads(st) == quads(full)
        assert_union_consistent(st)
    finally:
        st.close()
    res = run_kg("load", str(tmp_path / "absent.nq"), "--store", uri)
    assert res.returncode == 2 and "E001" in res.stderr


def test_short_and_full_forms_added_one_at_a_time(tmp_path):
    """A full form stored, then its short form added: the store equals a full build. The
    short form stored first, then the full form: one entity still, under the short form's
    IRI and label (the stored graph is not rewritten; a full build names it by its full form)."""
    paths = {}
    for name, text in SHORT_AND_FULL.items():
        paths[name] = tmp_path / name
        paths[name].write_text(text, encoding="utf-8")
    full = kg.build([paths["full_form.txt"], paths["short_form.txt"]])
    store = MemoryStore()
    add_documents(store, [paths["full_form.txt"]])
    rep = add_documents(store, [paths["short_form.txt"]])
    assert rep.reused_entities >= 1
    assert quads(store) == quads(MemoryStore(_copy(full)))

    store = MemoryStore()
    add_documents(store, [paths["short_form.txt"]])
    add_documents(store, [paths["full_form.txt"]])
    rows = store.query("""SELECT DISTINCT ?e ?l WHERE { GRAPH ?d { ?e rdfs:label|skos:altLabel ?l }
                          FILTER(CONTAINS(STR(?l), "东征精神研究会")) }""").rows
    assert {str(r["e"]).rsplit("/", 1)[-1] for r in rows} == {"dongzhengjingshenyanjiuhui"}
    assert {str(r["l"]) for r in rows} == {"东征精神研究会", "石楼县东征精神研究会"}
