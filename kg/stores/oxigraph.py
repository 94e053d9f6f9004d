"""``oxigraph:DIR``: a persistent pyoxigraph (RocksDB) store in a directory.

The directory is created on first use; one process at a time may open it (a second one
gets a :class:`~kg.errors.StoreError` naming the lock). Queries run on Oxigraph's own
engine, many times faster than rdflib on a large graph (``benchmarks/README.md``).

Semantics are those of every store (see :mod:`kg.stores.base`): the default graph is kept
equal to the set union of the named graphs (:mod:`kg.stores.updates`), and parameters are
bound by token substitution (:mod:`kg.sparql.text`).

Examples
--------
>>> import tempfile
>>> from rdflib import Literal, URIRef
>>> from kg.rdf.namespaces import RDFS
>>> st = OxigraphStore(tempfile.mkdtemp() + "/kg")
>>> e, d1, d2 = (URIRef(f"https://w3id.org/lvliang-kg/resource/{x}") for x in ("e", "doc/1", "doc/2"))
>>> st.add_document(d1, [(e, RDFS.label, Literal("兴县", lang="zh"))])
>>> st.add_document(d2, [(e, RDFS.label, Literal("兴县", lang="zh"))])
>>> len(st), len(st.query("SELECT ?l WHERE { ?e rdfs:label ?l }").rows)   # two quads, one triple
(2, 1)
>>> st.remove_document(d1), len(st.query("SELECT ?l WHERE { ?e rdfs:label ?l }").rows)
(True, 1)
>>> st.close()
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore as _OxRdflibStore
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, Graph
from rdflib.namespace import RDF, XSD
from rdflib.plugins.sparql.sparql import Query as _PreparedQuery
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.rdf.namespaces import PREFIXES, bind_prefixes
from kg.sparql.engine import prepare
from kg.sparql.result import QueryResult
from kg.sparql.text import nt_term, nt_triple, substitute
from kg.stores import updates
from kg.stores.base import Store, Triple, _declared_ranges, restore_datatype, to_terms
from kg.stores.view import to_rdflib_result

__all__ = ["OxigraphStore", "from_ox", "to_ox"]

_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)
_XSD_DECIMAL = str(XSD.decimal)


def from_ox(term: Any) -> Node | None:
    """pyoxigraph term → rdflib term (plain literals without ``xsd:string``, as rdflib).

    Oxigraph keeps the value of an ``xsd:decimal``, not its text, and writes a whole number
    without a decimal point; the build writes every decimal with one (``"8.0"``, see
    :func:`kg.rdf.assemble.decimal_literal`), so the point is put back and both engines
    give the same terms.

    >>> from_ox(ox.Literal("8", datatype=ox.NamedNode(str(XSD.decimal))))
    rdflib.term.Literal('8.0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        if dt == _XSD_DECIMAL and "." not in term.value:
            return Literal(term.value + ".0", datatype=XSD.decimal)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    raise StoreError("oxigraph", f"unsupported term in a result: {term!r}")


class _Converter:
    """rdflib → pyoxigraph terms, caching IRIs (a build repeats them thousands of times)."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}

    def __call__(self, term: Node) -> Any:
        if isinstance(term, URIRef):
            n = self._iris.get(term)
            if n is None:
                n = self._iris[term] = ox.NamedNode(str(term))
            return n
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype:
                return ox.Literal(str(term), datatype=self(term.datatype))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        if term is None or term == DATASET_DEFAULT_GRAPH_ID:
            return ox.DefaultGraph()
        raise StoreError("oxigraph", f"cannot store {term!r}")


def to_ox(term: Node) -> Any:
    """rdflib term → pyoxigraph term (``None`` or the default graph id → DefaultGraph)."""
    return _Converter()(term)


def _prefixes() -> dict[str, str]:
    return {k: str(v) for k, v in PREFIXES.items()}


class OxigraphStore(Store):
    """A pyoxigraph store persisted in ``path`` (``None``: in memory, for tests)."""

    def __init__(self, path: str | os.PathLike | None, *, read_only: bool = False,
                 create: bool = True, uri: str | None = None) -> None:
        self.uri = uri or (f"oxigraph:{path}" if path is not None else "oxigraph:")
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if path is None:
                self._ox = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(self.uri, "no Oxigraph store in this directory")
                self._ox = ox.Store.read_only(str(path))
            else:
                _recover_swap(self.path)
                if self.path.exists() and not self.path.is_dir():
                    raise StoreError(self.uri, "not a directory")
                if not (self.path / "CURRENT").exists():
                    if not create:
                        raise StoreError(self.uri, "no Oxigraph store in this directory "
                                                   "(create one with `kg build --store` or `kg add`)")
                    self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(path))
        except OSError as err:
            msg = str(err)
            if "lock" in msg.lower():
                msg = ("the store is open in another process (a running `kg serve` or "
                       f"`oxigraph serve`?); stop it or query its endpoint instead ({msg})")
            raise StoreError(self.uri, msg) from None
        self._prefixes = _prefixes()

    # ---- writing ------------------------------------------------------------------------

    def _update(self, text: str) -> None:
        try:
            self._ox.update(text)
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(self.uri, f"update failed: {err}") from None

    def replace_graph(self, name: URIRef, triples: Iterable[Triple]) -> None:
        self._check_writable()
        self._update(updates.replace_graph(name, triples))

    def drop_graph(self, name: URIRef) -> bool:
        self._check_writable()
        g = to_ox(URIRef(name))
        existed = next(iter(self._ox.quads_for_pattern(None, None, None, g)), None) is not None
        self._update(updates.drop_graph(name))
        return existed

    def load_dataset(self, ds: Dataset, *, replace: bool = True) -> None:
        """Bulk-load a build. When the store holds nothing but a previous build (the usual
        case) it is cleared and loaded in one pass of Oxigraph's bulk loader, each triple
        written to its named graph and to the union default graph."""
        self._check_writable()
        managed = set(self._managed_graphs())
        if not replace or set(self.graph_names()) - managed:
            return super().load_dataset(ds, replace=replace)
        for g in ds.graphs():
            if g.identifier == DATASET_DEFAULT_GRAPH_ID and len(g):
                raise StoreError(self.uri, "a build output holds no default-graph triples; "
                                           "put them in a named graph")
        graphs = ((g.identifier, iter(g)) for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID)
        if self.path is None:
            self._ox.clear()
            self._bulk(graphs)
            return
        # Oxigraph's bulk loader is not transactional: load into a sibling directory and
        # swap it in, so a build killed at any moment leaves the previous build readable.
        new_dir, old_dir = _swap_dirs(self.path)
        shutil.rmtree(new_dir, ignore_errors=True)
        shutil.rmtree(old_dir, ignore_errors=True)
        live = self._ox
        try:
            self._ox = ox.Store(str(new_dir))
            self._bulk(graphs)
            self._ox.flush()
        except BaseException:
            self._ox = live
            shutil.rmtree(new_dir, ignore_errors=True)
            raise
        self._ox = None
        del live
        gc.collect()  # drops the RocksDB locks of both stores before the renames
        os.replace(self.path, old_dir)
        os.replace(new_dir, self.path)
        shutil.rmtree(old_dir, ignore_errors=True)
        self._ox = ox.Store(str(self.path))

    def load_nquads(self, paths: Iterable[str | os.PathLike], *, fmt: str = "nquads") -> int:
        """Bulk-load N-Quads files (e.g. per-document shards of a distributed build), or
        TriG files with ``fmt="trig"``, into their named graphs, keeping the union default
        graph. A graph a file names replaces nothing: load each document once, or drop it
        first. Returns the quads read."""
        self._check_writable()
        syntax = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}[fmt]
        n = 0
        with tempfile.TemporaryDirectory(prefix="kg-bulk-") as tmp:
            both = Path(tmp) / "both.nq"
            with open(both, "w", encoding="utf-8") as out:
                for path in paths:
                    try:
                        for q in ox.parse(path=str(path), format=syntax):
                            if isinstance(q.graph_name, ox.DefaultGraph):
                                raise StoreError(self.uri, f"{path}: a triple without a graph name; "
                                                           "every triple belongs to a document graph")
                            out.write(f"{q} .\n{q.triple} .\n")
                            n += 1
                    except (OSError, SyntaxError) as err:
                        raise StoreError(self.uri, f"{path}: cannot read {syntax.name}: {err}") from None
            self._bulk_file(both)
        return n

    def _bulk(self, graphs) -> None:
        """Write ``(graph name, triples)`` through a temporary N-Quads file: each triple to
        its graph and to the default graph (a set: repeated triples are stored once)."""
        with tempfile.TemporaryDirectory(prefix="kg-bulk-") as tmp:
            path = Path(tmp) / "load.nq"
            with open(path, "w", encoding="utf-8") as out:
                for name, triples in graphs:
                    g = " " + nt_term(name) + " .\n"
                    for t in triples:
                        line = nt_triple(*t)[:-2]
                        out.write(line + g)
                        out.write(line + " .\n")
            self._bulk_file(path)

    def _bulk_file(self, path: Path) -> None:
        try:
            self._ox.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            self._ox.flush()
            # The bulk loader leaves unmerged files that RocksDB would compact in the
            # background while the first queries run, slowing them down: compact now.
            self._ox.optimize()
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(self.uri, f"bulk load failed: {err}") from None

    # ---- reading ------------------------------------------------------------------------

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None, *,
              prefixes: Mapping[str, str] | None = None):
        text = substitute(sparql, to_terms(bindings))
        try:
            res = self._ox.query(text, prefixes={**self._prefixes, **(prefixes or {})})
        except SyntaxError as err:
            _raise_syntax(sparql, err)
        except (OSError, RuntimeError, ValueError) as err:
            raise QueryError(f"evaluation failed: {err}") from None
        if isinstance(res, ox.QueryBoolean):
            return QueryResult("ASK", [], [], bool(res))
        if isinstance(res, ox.QueryTriples):
            rows = [{"s": from_ox(t.subject), "p": from_ox(t.predicate), "o": from_ox(t.object)}
                    for t in res]
            return QueryResult("CONSTRUCT", ["s", "p", "o"], rows)
        names = [v.value for v in res.variables]
        rows = []
        # results repeat terms (documents, labels, units) row after row, and making an rdflib
        # Literal parses its value: convert each distinct term once
        seen: dict = {}
        for sol in res:
            row = {}
            for n, val in zip(names, sol):
                if val is not None:
                    term = seen.get(val)
                    if term is None:
                        term = seen[val] = from_ox(val)
                    row[n] = term
            rows.append(row)
        return QueryResult("SELECT", names, rows)

    def graph_names(self) -> list[URIRef]:
        out = []
        for g in self._ox.named_graphs():
            if next(iter(self._ox.quads_for_pattern(None, None, None, g)), None) is not None:
                out.append(from_ox(g))
        return sorted(out)

    def triples(self, graph: URIRef) -> list[Triple]:
        g = to_ox(URIRef(graph))
        out = []
        for q in self._ox.quads_for_pattern(None, None, None, g):
            p = from_ox(q.predicate)
            out.append((from_ox(q.subject), p, restore_datatype(p, from_ox(q.object))))
        return out

    def __len__(self) -> int:
        res = self._ox.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(res))[0].value)

    def union_size(self) -> int:
        """Distinct triples over all named graphs (the size of the default graph)."""
        res = self._ox.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(res))[0].value)

    def dataset(self) -> Dataset:
        view = Dataset(store=_UnionView(self), default_union=True)
        bind_prefixes(view)
        return view

    def close(self) -> None:
        if getattr(self, "_ox", None) is not None:
            try:
                if not self.read_only and self.path is not None:
                    self._ox.flush()
            except OSError:
                pass
            self._ox = None  # releases the RocksDB lock once collected


def _swap_dirs(path: Path) -> tuple[Path, Path]:
    """The sibling directories a full rebuild loads into and moves the old store to."""
    return path.with_name(f".{path.name}.kg-new"), path.with_name(f".{path.name}.kg-old")


def _recover_swap(path: Path) -> None:
    """Finish or undo a rebuild killed between its two renames: a ``.kg-new`` directory
    is complete once the store has been moved aside, so it wins over ``.kg-old``."""
    new_dir, old_dir = _swap_dirs(path)
    if not path.exists():
        for candidate in (new_dir, old_dir):
            if (candidate / "CURRENT").exists():
                os.replace(candidate, path)
                break
    if path.exists():
        shutil.rmtree(old_dir, ignore_errors=True)


def _raise_syntax(sparql: str, err: Exception):
    """A syntax error with rdflib's line/column message when rdflib rejects it too."""
    prepare(sparql)  # raises QueryError with line, column and a caret
    raise QueryError(str(err)) from None


# ---- the rdflib view ------------------------------------------------------------------------

def _DECLARED_TYPES() -> set:  # noqa: N802
    return {v[0] for v in _declared_ranges().values()}


def _primitive(datatype: URIRef) -> URIRef:
    return next(v[1] for v in _declared_ranges().values() if v[0] == datatype)


class _UnionView(_OxRdflibStore):
    """rdflib Store over a kg Oxigraph store: named graphs as stored, the union (default
    graph) with set semantics, the literal default graph shown empty (as rdflib's), and
    string queries answered by the kg store. Read-only: write through :class:`Store`."""

    def __init__(self, kg_store: OxigraphStore) -> None:
        super().__init__(store=kg_store._ox)
        self.kg_store = kg_store
        for prefix, ns in kg_store._prefixes.items():
            self.bind(prefix, URIRef(ns))

    def triples(self, triple_pattern, context=None):
        ctx_id = getattr(context, "identifier", context)
        if ctx_id == DATASET_DEFAULT_GRAPH_ID:
            return iter(())
        s, p, o = triple_pattern
        if isinstance(o, Literal) and o.datatype in _DECLARED_TYPES():  # stored as the primitive type
            o = Literal(str(o), datatype=_primitive(o.datatype))
        conv = _Converter()
        # context None is the union: the materialised default graph
        graph = ox.DefaultGraph() if context is None else conv(ctx_id)
        try:
            pattern = [None if t is None else conv(t) for t in (s, p, o)]
            found = self._inner.quads_for_pattern(*pattern, graph)
        except (TypeError, ValueError):  # e.g. a literal in subject position: no match
            return iter(())
        ctx = context if isinstance(context, Graph) else None
        return self._matches(found, ctx, union=context is None)

    def _matches(self, found, ctx, *, union: bool):
        for q in found:
            p = from_ox(q.predicate)
            triple = (from_ox(q.subject), p, restore_datatype(p, from_ox(q.object)))
            # a triple of the union belongs to the named graphs that state it (Dataset.quads
            # reads them; triples() never does, so they are looked up only when asked for)
            yield triple, (self._graphs_stating(q) if union else iter((ctx,)))

    def _graphs_stating(self, q):
        for hit in self._inner.quads_for_pattern(q.subject, q.predicate, q.object, None):
            if not isinstance(hit.graph_name, ox.DefaultGraph):
                yield Graph(store=self, identifier=from_ox(hit.graph_name))

    def __len__(self, context=None) -> int:
        if context is not None and getattr(context, "identifier", context) == DATASET_DEFAULT_GRAPH_ID:
            return 0
        if context is None:
            return self.kg_store.union_size()
        return super().__len__(context)

    def contexts(self, triple=None):
        if triple is None:
            return super().contexts()
        return (c for c in super().contexts(triple) if c.identifier != DATASET_DEFAULT_GRAPH_ID)

    def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803
        if isinstance(query, _PreparedQuery) or kwargs or queryGraph not in ("__UNION__", DATASET_DEFAULT_GRAPH_ID):
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
