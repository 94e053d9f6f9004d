"""rdflib views of kg stores, so code written against an rdflib Dataset (statistics,
NetworkX conversion, SHACL validation, serialisation) runs unchanged on any store.

A view shows what an in-memory build shows: the named graphs as stored, a union default
graph with set semantics (the store's materialised default graph), and the literal default
graph as empty. String queries are answered by the store itself (fast, same semantics);
rdflib's prepared queries fall back to rdflib's engine over the view's triples. Views are
read-only: write through the :class:`~kg.stores.base.Store` (``add_document`` …).
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.sparql.sparql import Query as PreparedQuery
from rdflib.query import Result
from rdflib.store import Store as RdflibStore
from rdflib.term import Variable

from kg.errors import StoreError
from kg.sparql.result import QueryResult
from kg.stores.base import restore_datatype

__all__ = ["SparqlView", "to_rdflib_result"]


def to_rdflib_result(res: QueryResult) -> Result:
    """A :class:`~kg.sparql.result.QueryResult` as an rdflib ``Result``."""
    out = Result(res.type)
    if res.type == "ASK":
        out.askAnswer = bool(res.boolean)
    elif res.type == "SELECT":
        out.vars = [Variable(v) for v in res.vars]
        out.bindings = [{Variable(k): v for k, v in row.items()} for row in res.rows]
    else:
        out.graph = Graph()
        for row in res.rows:
            out.graph.add((row["s"], row["p"], row["o"]))
    return out


def _is_default(context) -> bool:
    return context is not None and getattr(context, "identifier", context) == DATASET_DEFAULT_GRAPH_ID


class SparqlView(RdflibStore):
    """rdflib Store answering triple patterns with SPARQL on a kg store."""

    context_aware = True
    graph_aware = True
    formula_aware = False
    transaction_aware = False

    def __init__(self, kg_store) -> None:
        super().__init__()
        self.kg_store = kg_store

    def triples(self, triple_pattern, context=None):
        if _is_default(context):
            return
        s, p, o = triple_pattern
        bind = {k: v for k, v in (("s", s), ("p", p), ("o", o)) if v is not None}
        where = "?s ?p ?o"
        if context is not None:
            bind["g"] = URIRef(getattr(context, "identifier", context))
            where = f"GRAPH ?g {{ {where} }}"
        rows = self.kg_store.query(f"SELECT ?s ?p ?o WHERE {{ {where} }}", bind).rows
        ctx = context if isinstance(context, Graph) else None
        for r in rows:
            yield (r["s"], r["p"], restore_datatype(r["p"], r["o"])), iter((ctx,))

    def __len__(self, context=None) -> int:
        if _is_default(context):
            return 0
        if context is None:
            rows = self.kg_store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
        else:
            rows = self.kg_store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                       {"g": URIRef(getattr(context, "identifier", context))}).rows
        return int(rows[0]["n"]) if rows else 0

    def contexts(self, triple=None):
        if triple is None:
            names = self.kg_store.graph_names()
        else:
            s, p, o = triple
            rows = self.kg_store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                       {"s": s, "p": p, "o": o}).rows
            names = sorted(r["g"] for r in rows)
        for name in names:
            yield Graph(store=self, identifier=name)

    def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803
        if isinstance(query, PreparedQuery) or kwargs or queryGraph not in ("__UNION__", DATASET_DEFAULT_GRAPH_ID):
            raise NotImplementedError  # rdflib evaluates it over triples()
        res = self.kg_store.query(query, dict(initBindings or {}),
                                  prefixes={k: str(v) for k, v in (initNs or {}).items()})
        return to_rdflib_result(res)

    def _read_only(self, *args, **kwargs):
        raise StoreError(self.kg_store.uri, "the rdflib view of a store is read-only; write with "
                                            "kg.stores (add_document, load_dataset) or `kg add`")

    add = addN = remove = update = remove_graph = _read_only

    def add_graph(self, graph) -> None:  # rdflib calls it on Dataset.graph(name): no-op
        return None

    def bind(self, prefix, namespace, override=True) -> None:
        self.__dict__.setdefault("_ns", {})[prefix] = namespace

    def namespace(self, prefix):
        return self.__dict__.get("_ns", {}).get(prefix)

    def prefix(self, namespace):
        return next((p for p, n in self.__dict__.get("_ns", {}).items() if n == namespace), None)

    def namespaces(self):
        yield from self.__dict__.get("_ns", {}).items()
