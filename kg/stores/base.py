"""The store interface every backend implements, and its errors.

A store holds one knowledge graph as an RDF dataset with the layout of a build (DESIGN.md):
the ontology graph, the reference graph and one named graph per document, named by the
document IRI. Every store answers queries with the **same dataset semantics**:

* the default graph of a query is the **set union** of all named graphs (a triple stated
  in three documents is matched once, as in rdflib's ``default_union``);
* ``GRAPH ?g { … }`` ranges over the named graphs: ontology, reference and documents;
* query parameters are pre-bound everywhere in the query (``FILTER``, ``HAVING``,
  sub-selects, the projection), never pasted into the text unescaped.

Writes replace whole named graphs: :meth:`Store.add_document` replaces one document's graph,
:meth:`Store.remove_document` drops it, :meth:`Store.load_dataset` replaces every graph the
build manages (graphs that are not documents, ontology or reference are left alone).
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.errors import StoreError
from kg.rdf.namespaces import ONTOLOGY_GRAPH, RDFS, REFERENCE_GRAPH, XSD, bind_prefixes
from kg.rdf.ontology import ontology_graph
from kg.sparql.terms import to_term

__all__ = ["Store", "StoreError", "Triple", "MANAGED_GRAPHS"]

Triple = tuple[Node, Node, Node]


#: The graphs a build writes besides the document graphs.
MANAGED_GRAPHS = (ONTOLOGY_GRAPH, REFERENCE_GRAPH)


class Store(abc.ABC):
    """A knowledge-graph store. Use :func:`kg.stores.open_store` to get one by URI.

    Subclasses implement the abstract methods; everything else is derived.
    """

    #: The URI the store was opened with (``memory``, ``oxigraph:DIR``, ``http://…``).
    uri: str = ""
    #: True when the store refuses writes.
    read_only: bool = False

    # ---- writing ------------------------------------------------------------------------

    @abc.abstractmethod
    def replace_graph(self, name: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Make the named graph ``name`` hold exactly ``triples`` (atomically if the
        backend can)."""

    @abc.abstractmethod
    def drop_graph(self, name: URIRef) -> bool:
        """Remove the named graph ``name``; True when it existed."""

    def add_document(self, doc_iri: URIRef | str, triples: Iterable[Triple]) -> None:
        """Write one document's named graph, replacing what it held before."""
        self._check_writable()
        self.replace_graph(URIRef(str(doc_iri)), triples)

    def remove_document(self, doc_iri: URIRef | str) -> bool:
        """Drop one document's named graph; True when it was there."""
        self._check_writable()
        return self.drop_graph(URIRef(str(doc_iri)))

    def load_dataset(self, ds: Dataset, *, replace: bool = True) -> None:
        """Write a whole build (every named graph of ``ds``).

        With ``replace`` (default) the graphs of the previous build — ontology, reference
        and every document graph — are dropped first, so the store holds this build only.
        """
        self._check_writable()
        if replace:
            new = {g.identifier for g in ds.graphs()}
            for name in self._managed_graphs():
                if name not in new:
                    self.drop_graph(name)
        for g in ds.graphs():
            if g.identifier == DATASET_DEFAULT_GRAPH_ID:
                if len(g):
                    raise StoreError(self.uri, "a build output holds no default-graph triples; "
                                               "put them in a named graph")
                continue
            self.replace_graph(g.identifier, iter(g))

    # ---- reading ------------------------------------------------------------------------

    @abc.abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None):
        """Run a SPARQL query; returns a :class:`kg.sparql.result.QueryResult`.

        ``bindings`` maps variable names to RDF terms (or Python values, converted as
        :func:`kg.sparql.terms.to_term` does); they are bound, never formatted in.
        """

    @abc.abstractmethod
    def graph_names(self) -> list[URIRef]:
        """Names of the non-empty named graphs, sorted."""

    @abc.abstractmethod
    def triples(self, graph: URIRef) -> list[Triple]:
        """The triples of one named graph."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of quads in the named graphs (a triple stated in two graphs counts twice,
        as ``len(KnowledgeGraph)`` does)."""

    def documents(self) -> list[URIRef]:
        """IRIs of the document graphs (a named graph holding its own ``lv:Document``)."""
        res = self.query("SELECT DISTINCT ?d WHERE { GRAPH ?d { ?d a lv:Document } } ORDER BY ?d")
        return [r["d"] for r in res.rows]

    def dataset(self) -> Dataset:
        """An rdflib view of the store for code that walks triples (stats, NetworkX,
        SHACL). Its union default graph has the same set semantics as :meth:`query`."""
        raise NotImplementedError

    def to_dataset(self) -> Dataset:
        """A copy of the store's named graphs in an in-memory rdflib Dataset."""
        ds = Dataset()
        bind_prefixes(ds)
        for name in self.graph_names():
            g = ds.graph(name)
            for t in self.triples(name):
                g.add(t)
        return ds

    def close(self) -> None:
        """Release the store (files, locks, connections)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.uri}>"

    # ---- helpers ------------------------------------------------------------------------

    def _managed_graphs(self) -> list[URIRef]:
        docs = set(self.documents())
        return sorted(docs | {g for g in self.graph_names() if g in MANAGED_GRAPHS})

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(self.uri, "the store is open read-only")


def to_terms(bindings: Mapping[str, Any] | None) -> dict[str, Node]:
    """``{name: value}`` → ``{name: RDF term}`` (terms pass through)."""
    if not bindings:
        return {}
    return {k.lstrip("?$"): to_term(v, name=k) for k, v in bindings.items()}


# ---- datatypes Oxigraph canonicalises -----------------------------------------------------

#: XSD types Oxigraph stores as their primitive type (values are kept, the IRI is not).
_DERIVED = {
    "nonNegativeInteger": ("integer", lambda v: v >= 0), "positiveInteger": ("integer", lambda v: v > 0),
    "nonPositiveInteger": ("integer", lambda v: v <= 0), "negativeInteger": ("integer", lambda v: v < 0),
    "long": ("integer", None), "int": ("integer", None), "short": ("integer", None),
    "byte": ("integer", None), "unsignedLong": ("integer", lambda v: v >= 0),
    "unsignedInt": ("integer", lambda v: v >= 0), "unsignedShort": ("integer", lambda v: v >= 0),
    "unsignedByte": ("integer", lambda v: v >= 0), "dateTimeStamp": ("dateTime", None),
}
_RANGES: dict | None = None


def _declared_ranges() -> dict:
    """Property → (derived XSD type, its primitive, check) from the ontology's rdfs:range."""
    global _RANGES
    if _RANGES is None:
        _RANGES = {}
        for p, r in ontology_graph().subject_objects(RDFS.range):
            local = str(r)[len(str(XSD)):] if str(r).startswith(str(XSD)) else None
            if local in _DERIVED:
                prim, check = _DERIVED[local]
                _RANGES[p] = (r, XSD[prim], check)
    return _RANGES


def restore_datatype(p: Node, o: Node) -> Node:
    """Give back the declared datatype of a literal a store canonicalised.

    Oxigraph stores ``"5"^^xsd:nonNegativeInteger`` as ``"5"^^xsd:integer``; read through
    the triples API (exports, the rdflib view, SHACL) the ontology's ``rdfs:range`` of the
    predicate restores it. SPARQL results are not changed (a projected value has no
    predicate): there the value is equal and the datatype is the primitive one.

    >>> from rdflib import Literal
    >>> from kg.rdf.namespaces import NIF, XSD
    >>> restore_datatype(NIF.beginIndex, Literal("5", datatype=XSD.integer)).datatype == XSD.nonNegativeInteger
    True
    """
    if not isinstance(o, Literal) or o.datatype is None:
        return o
    hit = _declared_ranges().get(p)
    if hit is None or o.datatype != hit[1]:
        return o
    declared, _, check = hit
    if check is not None:
        try:
            if not check(int(str(o))):
                return o
        except ValueError:
            return o
    return Literal(str(o), datatype=declared)
