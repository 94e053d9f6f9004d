"""``oxigraph:DIR``: `kg build --store` then `kg query --store` answer like the memory store."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdflib import Literal

import kg
from kg.errors import StoreError
from kg.query import bindings_for, load_all
from kg.stores import open_store
from kg.stores.oxigraph import OxigraphStore
from tests.stores._util import canon, comparable, json_records, named_cases

CLI_CASES = [("lookup", {"name": "吕梁"}), ("located-in", {"place": "兴县"}), ("class-counts", {}),
             ("most-mentioned", {"type": "lv:Memorial"}), ("memorials-by-county", {}),
             ("entities-in-document", {"document": "003", "type": "lv:Institution"})]


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory, run_kg):
    """The bundled corpus built by the CLI straight into an Oxigraph store."""
    path = tmp_path_factory.mktemp("ox") / "store"
    res = run_kg("build", "--store", f"oxigraph:{path}", "--quiet")
    assert res.returncode == 0, res.stderr
    return path


@pytest.fixture(scope="module")
def ox_store(built_graph, tmp_path_factory):
    st = OxigraphStore(tmp_path_factory.mktemp("ox2") / "store")
    st.load_dataset(built_graph.dataset)
    yield st
    st.close()


def test_build_store_writes_no_file_unless_asked(cli_store, tmp_path, run_kg):
    assert (cli_store / "CURRENT").exists()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name, params", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_query_on_the_store_equals_memory(cli_store, memory_answer, run_kg, name, params):
    args = ["query", name, "--store", f"oxigraph:{cli_store}", "--format", "json"]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    res = run_kg(*args)
    assert res.returncode == 0, res.stderr
    got = json_records(json.loads(res.stdout))
    want = memory_answer(name, params).records()
    assert got and comparable(got) == comparable(want)


@pytest.mark.parametrize("name, params", named_cases(), ids=lambda x: x if isinstance(x, str) else ",".join(x))
def test_every_named_query_equals_memory(ox_store, memory_answer, name, params):
    q = load_all()[name]
    want = memory_answer(name, params)
    got = ox_store.query(q.text, bindings_for(q, params, from_cli=True))
    assert got.vars == want.vars
    assert comparable(got.records()) == comparable(want.records())


def test_store_holds_the_build(ox_store, built_graph):
    assert len(ox_store) == len(built_graph)
    assert [str(d).rsplit("/", 1)[-1] for d in ox_store.documents()] == sorted(built_graph.report.documents)
    # the default graph is the set union of the named graphs
    union = {t for g in ox_store.graph_names() for t in ox_store.query(
        "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": g}).records() for t in [tuple(t.values())]}
    assert ox_store.union_size() == len(union)


def _canon(quad):
    return tuple(canon(x) for x in quad)


def test_kg_load_store_is_a_knowledge_graph(built_graph, tmp_path):
    path = tmp_path / "store"
    with OxigraphStore(path) as st:
        st.load_dataset(built_graph.dataset)
    g = kg.load(f"oxigraph:{path}")
    try:
        assert len(g) == len(built_graph)
        assert g.stats() == built_graph.stats()
        assert g.entity("吕梁")["iri"] == built_graph.entity("吕梁")["iri"]
        assert g.query("SELECT ?l WHERE { res:lvliangshi rdfs:label ?l }") == [{"l": Literal("吕梁市", lang="zh")}]
        G1, G2 = g.to_networkx(), built_graph.to_networkx()
        assert set(G1.nodes) == set(G2.nodes) and G1.number_of_edges() == G2.number_of_edges()
        # an export of the store holds the build (xsd:nonNegativeInteger offsets restored)
        g.save(tmp_path / "o.nq")
        built_graph.save(tmp_path / "m.nq")
        back = kg.load(tmp_path / "o.nq").dataset
        orig = kg.load(tmp_path / "m.nq").dataset
        assert {_canon(q) for q in back.quads()} == {_canon(q) for q in orig.quads()}
    finally:
        g.store.close()


def test_locked_and_missing_stores_are_clear_errors(tmp_path):
    path = tmp_path / "locked"
    st = OxigraphStore(path)
    try:
        code = (f"import sys; from kg.stores import open_store\n"
                f"try:\n    open_store('oxigraph:{path}')\n"
                f"except Exception as e:\n    print(type(e).__name__, e)")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
        assert out.startswith("StoreError") and "another process" in out
    finally:
        st.close()
    with pytest.raises(StoreError, match="no Oxigraph store"):
        open_store(f"oxigraph:{tmp_path}/absent")
    assert not (tmp_path / "absent").exists()


def test_cli_errors(run_kg, tmp_path):
    res = run_kg("query", "lookup", "-p", "name=兴县", "--store", f"oxigraph:{tmp_path}/none")
    assert res.returncode == 2 and "error[E050]" in res.stderr and "Traceback" not in res.stderr
    res = run_kg("query", "lookup", "-p", "name=兴县", "--store", "bolt://h")
    assert res.returncode == 2 and "error[E011]" in res.stderr
