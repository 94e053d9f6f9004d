"""SPARQL parameters are bound, never formatted into the query: injection attempts through the
CLI (``kg query NAME --param``), the Python API (``g.run``, ``g.query``), a persistent store and
the server's ``/queries/NAME/run`` find nothing, raise nothing and change nothing.
"""

from __future__ import annotations

import json
import urllib.parse

import pytest

import kg
from tests.robustness._http import TOKEN, ask, quads, request

CANONICAL = '吕梁市" } ; DROP ALL ; #'
PAYLOADS = [
    CANONICAL,
    "吕梁市' } ; DROP ALL ; #",
    '吕梁市""" } ; DROP ALL ; #',
    '吕梁市\\" } ; DROP ALL ; #',
    '吕梁市"@zh } ; DROP ALL ; #',
    '吕梁市\n} ; DROP ALL ; #',
    '吕梁市\\u0022 } ; DROP ALL ; #',  # SPARQL processes \\u escapes before parsing
    '") || true || ("',
    '吕梁市" . ?entity ?p ?o } #',
    '吕梁市" } ; INSERT DATA { <urn:inj> <urn:inj> <urn:inj> } ; #',
    "?name",
    "<https://w3id.org/lvliang-kg/resource/lvliangshi>",
]
AD_HOC = "SELECT ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = STR(?name)) }"


@pytest.fixture(scope="module")
def graph(graph_file):
    return kg.load(graph_file)


def test_cli_named_query_with_an_injection_attempt(run_kg, graph_file):
    before = graph_file.read_bytes()
    res = run_kg("query", "lookup", "--param", f"name={CANONICAL}", "--graph", str(graph_file), "--format", "json")
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert json.loads(res.stdout)["results"]["bindings"] == []
    res = run_kg("query", AD_HOC, "--param", f"name={CANONICAL}", "--graph", str(graph_file), "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().splitlines() == ["e"]
    # the same query finds the entity with an honest value: the parameter is really used
    res = run_kg("query", "lookup", "--param", "name=吕梁市", "--graph", str(graph_file), "--format", "csv")
    assert res.returncode == 0 and "吕梁市,City" in res.stdout
    assert graph_file.read_bytes() == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_api_binds_parameters(graph, payload):
    n = len(graph)
    assert graph.run("lookup", name=payload) == []
    assert graph.query(AD_HOC, name=payload) == []
    assert len(graph) == n
    assert graph.query("ASK { <urn:inj> ?p ?o }").ask is False
    assert len(graph.run("lookup", name="吕梁市")) == 1


def test_store_binds_parameters(graph, tmp_path):
    pytest.importorskip("pyoxigraph")
    try:
        from kg.stores import open_store
        from kg.stores.loading import write_build
    except ImportError as err:
        pytest.skip(f"the persistent store is not there yet ({err})")
    uri = f"oxigraph:{tmp_path / 'store'}"
    store = open_store(uri, create=True)
    write_build(graph, store)
    n = len(store)
    store.close()
    g = kg.load(uri)
    try:
        for payload in PAYLOADS:
            assert g.run("lookup", name=payload) == [], payload
            assert g.query(AD_HOC, name=payload) == [], payload
        assert len(g.run("lookup", name="吕梁市")) == 1
        assert len(g) == n
    finally:
        g.store.close()


def test_server_named_query_binds_parameters(plain, open_):
    # GET on the read-only server; POST, with the update token, on the one that accepts updates
    for srv in (plain, open_):
        before = quads(srv)
        for payload in PAYLOADS:
            if srv is plain:
                r = request(srv, "/queries/lookup/run", params={"name": payload})
            else:
                r = request(srv, "/queries/lookup/run", data=urllib.parse.urlencode({"name": payload}),
                            headers={"Content-Type": "application/x-www-form-urlencoded",
                                     "Authorization": f"Bearer {TOKEN}"})
            assert r.status == 200 and r.json()["results"]["bindings"] == [], (payload, r.text)
        assert quads(srv) == before
        assert not any(ask(srv, "ASK { <urn:inj> ?p ?o }"))
    r = request(plain, "/queries/lookup/run", params={"name": "吕梁市", "format": "csv"})
    assert r.status == 200 and "吕梁市" in r.text
