"""The :class:`KnowledgeGraph` facade returned by :func:`kg.build` and :func:`kg.load`."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from kg.errors import ParameterError, StoreError
from kg.rdf.io import format_for, load_dataset, save, write_text
from kg.rdf.namespaces import LV, ONTOLOGY_GRAPH, RDF, RDFS
from kg.rdf.quads import Quads

# The stores and the query layer (kg.stores, kg.query: rdflib's SPARQL parser, pyoxigraph)
# are imported where a graph first needs them: `kg build -o FILE` writes a fresh build's
# quads and never does.

__all__ = ["KnowledgeGraph", "ENGINES"]

#: Stores a graph held in this process can live in: ``oxigraph`` (default), pyoxigraph's
#: in-memory store; ``rdflib``, an rdflib Dataset (:class:`kg.stores.memory.MemoryStore`).
ENGINES = ("oxigraph", "rdflib")


class KnowledgeGraph:
    """A built graph: named document graphs, the reference graph and the ontology, held in
    one :class:`kg.stores.Store` (:attr:`store`) that answers every query.

    Examples
    --------
    >>> import kg
    >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
    >>> rows = g.query("SELECT ?l WHERE { ?e rdfs:label ?l } LIMIT 1")
    >>> len(rows), rows.vars
    (1, ['l'])
    >>> type(g.store).__name__, type(kg.KnowledgeGraph(g.dataset, engine="rdflib").store).__name__
    ('OxigraphStore', 'MemoryStore')

    A graph in this process lives in pyoxigraph's in-memory store (``engine="oxigraph"``,
    the default) or, with ``engine="rdflib"``, in an rdflib Dataset evaluated by rdflib's
    own engine. A file of triples without graph names (``.ttl``, ``.nt``) is always held
    by rdflib: the Oxigraph store keeps its default graph equal to the union of the named
    graphs, so it has no place for triples outside them. Graphs opened from a store
    (``oxigraph:DIR``, ``http(s)://…``) query that store. A fresh build moves its quads
    into the store on first use (a query, :attr:`dataset`, …); until then saving N-Quads
    and counting read them directly, so ``kg build -o FILE`` loads no store.
    """

    def __init__(self, dataset: Dataset | None = None, *, report: Any = None, store: Any = None,
                 quads: Any = None, engine: str = "oxigraph") -> None:
        _check_engine(engine)
        if dataset is None and store is None and quads is None:
            raise TypeError("KnowledgeGraph needs a dataset, a store or quads")
        self._engine = engine
        self._store = store
        self._own_store = False  # True once the graph is in a store made here (not opened)
        #: A fresh build's named graphs as kg.rdf.quads.Quads until they are moved into the
        #: store (then None): saving to N-Quads and counting read them directly.
        self.quads = quads
        if dataset is not None:
            self.dataset = dataset
        self.report = report

    @property
    def engine(self) -> str:
        """``oxigraph`` or ``rdflib``: the store a graph held in this process lives in.
        Setting it moves such a graph into a store of the other kind; a store opened by
        URI (``oxigraph:DIR``, ``http(s)://…``) answers with its own engine whatever this says.

        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> n = len(g.query("SELECT ?e WHERE { ?e a lv:County }"))
        >>> g.engine = "rdflib"
        >>> type(g.store).__name__, len(g.query("SELECT ?e WHERE { ?e a lv:County }")) == n
        ('MemoryStore', True)
        """
        return self._engine

    @engine.setter
    def engine(self, value: str) -> None:
        _check_engine(value)
        if value == self._engine:
            return
        self._engine = value
        if self._own_store:
            old = self._store
            self._store = self._new_store(old.to_dataset() if value == "rdflib" else old.dataset())
            old.close()

    @property
    def store(self) -> Any:
        """The :class:`kg.stores.Store` holding the graph; a fresh build's quads are moved
        into a new one on first access.

        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> n = len(g)
        >>> len(g.store) == n, g.quads is None
        (True, True)
        """
        if self._store is None:
            self._store = self._new_store(self.quads)
            self.quads = None  # moved, not copied: one copy of the graph in memory
        return self._store

    def _new_store(self, data: Any) -> Any:
        """A store of ``self.engine`` holding ``data`` (a Dataset or Quads)."""
        from kg.stores.memory import MemoryStore
        from kg.stores.oxigraph import OxigraphStore

        kg_store = getattr(getattr(data, "store", None), "kg_store", None)
        if kg_store is not None:  # a read-only view of another store: copy its graphs
            data = kg_store.to_dataset() if self.engine == "rdflib" else _quads_of(kg_store)
        graphless = isinstance(data, Dataset) and len(data.default_graph)
        self._own_store = True
        if self.engine == "rdflib" or graphless:
            self._engine = "rdflib"
            return MemoryStore(data if isinstance(data, Dataset) else data.to_dataset())
        store = OxigraphStore(None)
        store.load_dataset(data)
        return store

    @property
    def unmade_quads(self) -> Any:
        """The build's :class:`~kg.rdf.quads.Quads` while they have not been moved into
        the store, else None: the fast paths (N-Quads, counts, store loads) read these.

        Examples
        --------
        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> g.unmade_quads is g.quads
        True
        >>> _ = g.query("ASK { ?s ?p ?o }")  # the quads move into the store
        >>> g.unmade_quads is None
        True
        """
        return self.quads if self._store is None else None

    @property
    def dataset(self) -> Dataset:
        """The graph as an rdflib Dataset (default graph: the set union of the named
        graphs). On engine ``rdflib`` it is the Dataset the store holds; on any other
        store a read-only view of it (write with ``g.store.add_document`` …, or assign a
        new Dataset to this attribute to replace the whole graph).

        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> from kg.rdf.namespaces import RES, RDFS
        >>> str(g.dataset.value(RES.lvliangshi, RDFS.label))
        '吕梁市'
        """
        return self.store.dataset()

    @dataset.setter
    def dataset(self, value: Dataset) -> None:
        value.default_union = True
        if self._own_store:
            self._store.close()
        self._store = self._new_store(value)
        self.quads = None

    def query_backend(self) -> Any:
        """What answers queries: :attr:`store` (kept for callers of earlier versions).

        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> g.query_backend() is g.store
        True
        """
        return self.store

    @classmethod
    def load(cls, path: str | os.PathLike, *, engine: str = "oxigraph") -> KnowledgeGraph:
        """Read a build output (.trig, .nq, .ttl, .jsonld) into a store of ``engine``, or
        open a store by URI (``oxigraph:DIR``, ``http(s)://…`` — see kg.stores).

        >>> import kg, tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "g.nq"
        >>> kg.build(["kg/corpus/003_50ea69b444730b6f.txt"]).save(out)
        >>> type(KnowledgeGraph.load(out).store).__name__
        'OxigraphStore'
        """
        from kg.stores import is_store_uri, open_store

        if isinstance(path, str) and is_store_uri(path):
            return cls(store=open_store(path), engine=engine)
        fmt = format_for(path)
        if engine == "oxigraph" and fmt in ("nquads", "trig") and os.path.isfile(path):
            store = _oxigraph_store(path, fmt)
            if store is not None:
                graph = cls(store=store, engine=engine)
                graph._own_store = True  # made here: setting the engine may move it
                return graph
        return cls(load_dataset(path), engine=engine)

    def __len__(self) -> int:
        if self.unmade_quads is not None:
            return len(self.unmade_quads)
        return len(self.store)

    def query(self, query: str, /, **params: Any) -> Any:
        """Run SPARQL text, a ``.rq`` file or a named query (``kg queries`` lists them);
        keyword arguments are bound to variables as RDF terms (never pasted into the
        text), as :func:`kg.query.run` binds them.

        Returns
        -------
        kg.query.QueryResult
            Iterable rows (dicts of variable → RDF term), ``.vars``, ``.ask`` for ASK,
            ``.graph`` for CONSTRUCT/DESCRIBE, ``.records()`` and ``.to_dataframe()``.

        Examples
        --------
        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> g.query("SELECT ?e WHERE { ?e rdfs:label ?name }", name="吕梁市")[0]["e"]
        rdflib.term.URIRef('https://w3id.org/lvliang-kg/resource/lvliangshi')
        >>> g.query("ASK { ?e rdfs:label ?l }", e="https://w3id.org/lvliang-kg/resource/lvliangshi").ask
        True
        >>> g.query("lookup", name="吕梁").records()[0]["label"]
        '吕梁市'
        """
        from kg.query import run

        return run(self, query, params)

    def save(self, path: str | os.PathLike, *, merge_graphs: bool = False) -> None:
        """Write the graph (format by extension: ``.trig``, ``.nq``, ``.jsonld`` keep the
        named graphs), atomically. ``.ttl`` and ``.nt`` have no graphs: writing several
        to them raises :class:`~kg.errors.GraphsWouldMerge` unless ``merge_graphs``.

        >>> import kg, tempfile, pathlib
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> g.save(pathlib.Path(tempfile.mkdtemp()) / "g.ttl")
        Traceback (most recent call last):
        ...
        kg.errors.GraphsWouldMerge: ...g.ttl: Turtle has no named graphs, so the named graphs of the build ...
        """
        if format_for(path) == "nquads":
            quads = self.unmade_quads
            if quads is None:
                from kg.stores.memory import MemoryStore

                if not isinstance(self.store, MemoryStore):
                    quads = _quads_of(self.store)  # plain sets: lighter than an rdflib copy
            if quads is not None:
                write_text(path, quads.nquad_chunks())
                return
        # an rdflib copy for the length of the write: rdflib's serialisers walk a graph
        # pattern by pattern, far slower through a view of another store
        save(self.store.to_dataset(), path, merge_graphs=merge_graphs)

    def stats(self) -> dict[str, Any]:
        """Counts by class and property over the document and reference graphs."""
        classes: Counter[str] = Counter()
        props: Counter[str] = Counter()
        docs = 0
        seen_typed = set()
        fresh = self.unmade_quads
        if fresh is not None:
            graphs = ((g.identifier, g) for g in fresh.graphs())
        else:
            graphs = ((name, self.store.triples(name)) for name in self.store.graph_names())
        for name, triples in graphs:
            if name == ONTOLOGY_GRAPH:
                continue
            for s, p, o in triples:
                props[_local(p)] += 1
                if p == RDF.type and (s, o) not in seen_typed:
                    seen_typed.add((s, o))
                    classes[_local(o)] += 1
                    if o == LV.Document:
                        docs += 1
        return {"documents": docs, "triples": len(self), "classes": dict(classes.most_common()),
                "properties": dict(props.most_common())}

    def labels(self) -> Mapping[URIRef, str]:
        """Entity IRI → canonical Chinese label."""
        out = {}
        for s, o in self.dataset.subject_objects(RDFS.label):
            if isinstance(o, Literal) and o.language == "zh":
                out[s] = str(o)
        return out

    # ---- named queries, entity cards, NetworkX (implemented in kg.query) ----------------

    def run(self, name: str, /, *, as_dataframe: bool = False, **params: Any) -> Any:
        """Run a named query (``kg queries`` lists them; a ``.rq`` path also works) with
        its declared defaults; keyword arguments are bound as RDF terms, never pasted in.

        Returns the rows as a list of dicts of plain Python values (every column is a key,
        None when unbound), or a pandas DataFrame with ``as_dataframe=True``.

        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> g.run("lookup", name="吕梁")[0]["label"]
        '吕梁市'
        >>> [r["adcode"] for r in g.run("admin-hierarchy", within="吕梁市") if r["label"] == "吕梁市"]
        ['141100000000']
        >>> g.run("lookup", name='吕梁市" } ; DROP ALL ; #')
        []
        """
        result = self.query(name, **params)
        return result.to_dataframe() if as_dataframe else result.records()

    def df(self, query: str, /, **params: Any) -> Any:
        """A pandas DataFrame of a named query, a ``.rq`` file or SPARQL text, with
        ``params`` bound safely (decimals become floats). Needs pandas.

        >>> import kg, pytest
        >>> _ = pytest.importorskip("pandas")
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> d = g.df("most-mentioned")
        >>> list(d.columns), d.loc[0, "label"]
        (['entity', 'label', 'class', 'mentions', 'documents'], '吕梁市')
        """
        return self.query(query, **params).to_dataframe()

    def entity(self, label_or_alias: str) -> dict[str, Any] | None:
        """Everything about one entity found by its canonical name or any alias: ``iri``,
        ``label``, ``class`` (most specific), ``type`` (core class), ``aliases``,
        ``documents`` (identifiers) and ``mentions`` (count); None when nothing matches.

        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> e = g.entity("吕梁")
        >>> e["label"], e["class"], e["type"], e["documents"]
        ('吕梁市', 'City', 'Place', ['003_50ea69b444730b6f'])
        >>> g.entity("no such place") is None
        True
        """
        from kg.query.network import entity_card

        return entity_card(self, label_or_alias)

    def to_networkx(self, *, include_isolated: bool = True, evidence: bool = False,
                    documents: bool = False) -> Any:
        """The entities and their relations as a ``networkx.MultiDiGraph`` (nodes: entity
        IRIs with ``label``, ``type``, ``cls``, ``aliases``, ``mentions``, ``documents``;
        edges keyed by relation with ``relation`` and ``documents``).

        ``evidence=True`` adds what a graph page shows (class labels, the sentence behind
        each node and edge: :func:`kg.query.evidence.evidence_graph`), ``documents=True`` also one
        node per document with ``mentionedIn`` edges (implies ``evidence``).

        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> G = g.to_networkx()
        >>> node = G.nodes["https://w3id.org/lvliang-kg/resource/lvliangshi"]
        >>> node["label"], node["type"], node["cls"]
        ('吕梁市', 'Place', 'City')
        >>> {d["relation"] for _, _, d in G.edges(data=True)} >= {"locatedIn"}
        True
        """
        # NetworkX is imported on first use: it would double the time of `import kg`
        if evidence or documents:
            from kg.query.evidence import evidence_graph

            return evidence_graph(self, documents=documents)
        from kg.query.network import to_networkx

        return to_networkx(self, include_isolated=include_isolated)


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ParameterError("engine", f"{engine!r}; use one of {', '.join(ENGINES)}")


def _local(term: Node) -> str:
    t = str(term)
    for sep in ("#", "/"):
        if sep in t:
            t = t.rsplit(sep, 1)[1]
    return t


def _oxigraph_store(path: str | os.PathLike, fmt: str) -> Any:
    """An in-memory Oxigraph store bulk-loaded from an N-Quads or TriG file (no rdflib
    Dataset on the way), or None when the file needs the general reader: a triple without a
    graph name, or a syntax error (which that reader reports as a
    :class:`~kg.errors.DecodeError`)."""
    from kg.stores.oxigraph import OxigraphStore

    store = OxigraphStore(None)
    try:
        store.load_nquads([path], fmt=fmt)
    except StoreError:
        store.close()
        return None
    return store


def _quads_of(store: Any) -> Any:
    """The named graphs of ``store`` as :class:`~kg.rdf.quads.Quads` (the build's own
    datatypes restored, see :func:`kg.stores.base.restore_datatype`)."""
    quads = Quads()
    for name in store.graph_names():
        g = quads.graph(name)
        for t in store.triples(name):
            g.add(t)
    return quads
