"""The default engine (Oxigraph, in memory) answers every named query as rdflib does.

The same rows in the same order, term for term, with two differences the SPARQL standard
allows and Oxigraph's storage imposes, and nothing else:

* ``GROUP_CONCAT`` joins its values in an order SPARQL leaves open: such a column is
  compared as the sorted list of its items;
* Oxigraph stores ``xsd:nonNegativeInteger`` (NIF offsets) as the primitive ``xsd:integer``
  with the same value: projected offsets come back as ``xsd:integer``.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

import kg
from kg.query import load_all, run
from tests.stores._util import named_cases

_CONCAT = re.compile(r"GROUP_CONCAT\s*\((?:[^()]|\([^()]*(?:\([^()]*\))*[^()]*\))*\)\s*AS\s+\?(\w+)", re.I)
_SEPARATOR = re.compile(r'separator\s*=\s*"([^"]*)"', re.I)
_DERIVED_INT = {XSD.nonNegativeInteger, XSD.positiveInteger, XSD.long, XSD.int}


def concat_columns(text: str) -> dict[str, str]:
    """``{variable: separator}`` of the GROUP_CONCAT columns of a query.

    >>> concat_columns('SELECT (GROUP_CONCAT(DISTINCT STR(?x); separator="、") AS ?xs) WHERE {}')
    {'xs': '、'}
    """
    out = {}
    for m in _CONCAT.finditer(text):
        sep = _SEPARATOR.search(m[0])
        out[m[1]] = sep[1] if sep else " "
    return out


def canonical(term, separator: str | None):
    if separator is not None and isinstance(term, Literal):
        return ("items", tuple(sorted(str(term).split(separator))), term.language, term.datatype)
    if isinstance(term, Literal) and term.datatype in _DERIVED_INT:
        return Literal(str(term), datatype=XSD.integer)
    return term


@pytest.fixture(scope="module")
def engines(built_graph):
    return {"oxigraph": kg.KnowledgeGraph(built_graph.dataset),
            "rdflib": kg.KnowledgeGraph(built_graph.dataset, engine="rdflib")}


def test_the_default_engine_is_oxigraph(built_graph):
    assert built_graph.engine == "oxigraph"
    assert type(built_graph.query_backend()).__name__ == "OxigraphStore"


@pytest.mark.parametrize("name, params", named_cases(), ids=lambda x: x if isinstance(x, str) else ",".join(x))
def test_every_named_query_gives_the_same_rows_on_both_engines(engines, name, params):
    q = load_all()[name]
    concat = concat_columns(q.text)
    want = run(engines["rdflib"], name, params, from_cli=True)
    got = run(engines["oxigraph"], name, params, from_cli=True)
    assert got.type == want.type and got.vars == want.vars
    if want.rows:
        NONEMPTY.add(name)

    def rows(res):
        return [tuple(canonical(r.get(v), concat.get(v)) for v in res.vars) for r in res.rows]

    assert rows(got) == rows(want)


NONEMPTY: set[str] = set()


def test_the_comparison_compared_rows():
    # run after the parametrised cases (file order): nearly every query found something
    assert len(NONEMPTY) >= len(load_all()) - 2, sorted(set(load_all()) - NONEMPTY)


def test_offsets_are_the_one_datatype_difference(engines):
    q = "SELECT ?b WHERE { ?m nif:beginIndex ?b } LIMIT 1"
    assert engines["rdflib"].query(q)[0]["b"].datatype == XSD.nonNegativeInteger
    assert engines["oxigraph"].query(q)[0]["b"].datatype == XSD.integer


def test_decimals_keep_the_build_s_lexical_form(engines):
    q = "SELECT ?v WHERE { ?o schema:value ?v } ORDER BY ?v"
    a, b = (engines[e].query(q) for e in ("rdflib", "oxigraph"))
    assert [r["v"] for r in a] == [r["v"] for r in b]
    assert all("." in str(r["v"]) for r in b)


def test_the_graph_lives_in_one_store_and_writes_go_through_it(doc003_graph):
    from kg.rdf.namespaces import RDFS
    from kg.errors import StoreError

    g = kg.KnowledgeGraph(copy_dataset(doc003_graph.dataset))
    q = "SELECT ?l WHERE { <urn:kg:test> rdfs:label ?l }"
    assert g.query(q) == []
    store = g.store
    g.stats(), g.labels(), g.dataset  # reading makes no second copy
    assert g.query_backend() is store and type(store).__name__ == "OxigraphStore"
    with pytest.raises(StoreError, match="read-only"):
        g.dataset.graph(URIRef("urn:kg:g")).add((URIRef("urn:kg:test"), RDFS.label, Literal("新")))
    store.add_document(URIRef("urn:kg:g"), [(URIRef("urn:kg:test"), RDFS.label, Literal("新"))])
    assert [str(r["l"]) for r in g.query(q)] == ["新"]
    # on engine rdflib the dataset is the store's own, and editable
    r = kg.KnowledgeGraph(copy_dataset(doc003_graph.dataset), engine="rdflib")
    r.dataset.graph(URIRef("urn:kg:g")).add((URIRef("urn:kg:test"), RDFS.label, Literal("新")))
    assert [str(x["l"]) for x in r.query(q)] == ["新"]


def copy_dataset(ds):
    from rdflib import Dataset

    out = Dataset()
    for g in ds.graphs():
        t = out.graph(g.identifier)
        t.addN((s, p, o, t) for s, p, o in g)
    return out


def test_an_unknown_engine_is_a_parameter_error(built_graph):
    from kg.errors import ParameterError

    with pytest.raises(ParameterError, match="oxigraph, rdflib"):
        kg.KnowledgeGraph(built_graph.dataset, engine="sqlite")


FLOAT_Q = "SELECT ?obs WHERE { ?obs schema:value ?v } ORDER BY ?obs"


def test_a_float_binds_the_same_through_every_api_path(engines, built_trig, run_kg):
    from kg.stores.memory import MemoryStore

    want = [r["obs"] for r in engines["rdflib"].query(FLOAT_Q, v=Decimal("64000"))]
    assert len(want) == 1  # 6.4万 in the bundled corpus
    for name, g in engines.items():
        assert [r["obs"] for r in g.query(FLOAT_Q, v=64000.0)] == want, name
        assert [r["obs"] for r in run(g, FLOAT_Q, {"v": 64000.0})] == want, name
        assert [r["obs"] for r in g.run(FLOAT_Q, v=64000.0)] == [str(x) for x in want], name
        assert list(g.df(FLOAT_Q, v=64000.0)["obs"]) == [str(x) for x in want], name
    stores = [engines["oxigraph"].query_backend(), MemoryStore(engines["rdflib"].dataset)]
    for st in stores:
        assert [r["obs"] for r in st.query(FLOAT_Q, {"v": 64000.0})] == want, st
    res = run_kg("query", FLOAT_Q, "--graph", str(built_trig), "--param", "v=64000.0", "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["obs", *map(str, want)]


def test_a_fresh_build_moves_its_quads_into_the_store(corpus_paths):
    (path,) = [p for p in corpus_paths if p.stem.startswith("003_")]
    g = kg.build([path])
    n = len(g)
    assert g.unmade_quads is not None  # counting needs no store
    g.query("ASK {}")
    store = g.store
    assert g.quads is None and g.unmade_quads is None and len(store) == n
    _ = g.dataset
    g.labels()
    assert g.query_backend() is store


def test_a_loaded_graph_changes_engine_by_moving_its_store(doc003_graph, tmp_path):
    path = tmp_path / "g.trig"
    doc003_graph.save(path)
    g = kg.load(path)
    q = "SELECT ?e WHERE { ?e a lv:County } ORDER BY ?e"
    want = g.query(q).rows
    assert type(g.store).__name__ == "OxigraphStore" and want
    g.engine = "rdflib"
    assert type(g.store).__name__ == "MemoryStore" and g.query(q).rows == want
    assert len(g) == len(doc003_graph)


def test_a_file_without_graph_names_is_held_by_rdflib_and_queried(doc003_graph, tmp_path):
    path = tmp_path / "g.ttl"
    doc003_graph.save(path, merge_graphs=True)
    g = kg.load(path)
    assert g.engine == "rdflib" and type(g.store).__name__ == "MemoryStore"
    assert g.query("ASK { res:lvliangshi a lv:City }").ask
