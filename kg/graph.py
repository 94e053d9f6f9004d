"""The :class:`KnowledgeGraph` facade returned by :func:`kg.build` and :func:`kg.load`."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from kg.rdf.io import load_dataset, save
from kg.rdf.namespaces import LV, ONTOLOGY_GRAPH, RDF, RDFS, REFERENCE_GRAPH

__all__ = ["KnowledgeGraph", "ENGINES"]

#: Query engines of an in-memory graph: ``oxigraph`` (default) answers from an in-memory
#: pyoxigraph copy made on the first query; ``rdflib`` evaluates on the rdflib Dataset.
ENGINES = ("oxigraph", "rdflib")


class KnowledgeGraph:
    """A built graph: named document graphs, the reference graph and the ontology.

    Examples
    --------
    >>> import kg
    >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
    >>> rows = g.query("SELECT ?l WHERE { ?e rdfs:label ?l } LIMIT 1")
    >>> len(rows), rows.vars
    (1, ['l'])

    Queries run on Oxigraph (``engine="oxigraph"``, the default): an in-memory copy of the
    graph is made on the first query and remade when the rdflib :attr:`dataset` changes
    size. ``engine="rdflib"`` evaluates on the Dataset itself (rdflib's own engine).
    Graphs opened from a store (``oxigraph:DIR``, ``http(s)://…``) query the store.
    """

    def __init__(self, dataset: Dataset | None = None, *, report: Any = None, store: Any = None,
                 quads: Any = None, engine: str = "oxigraph") -> None:
        if engine not in ENGINES:
            from kg.errors import ParameterError

            raise ParameterError("engine", f"{engine!r}; use one of {', '.join(ENGINES)}")
        #: ``oxigraph`` or ``rdflib``: what answers :meth:`query` on an in-memory graph.
        self.engine = engine
        self._engine_store: Any = None  # the in-memory Oxigraph copy, made on first query
        self._engine_key: Any = None
        #: The kg.stores.Store holding the graph (oxigraph:DIR, http://…), or None for an
        #: in-memory build; queries then run on the store's own engine.
        self.store = store
        #: A fresh build's named graphs as kg.rdf.quads.Quads: saving to N-Quads and loading
        #: a store read them directly; the rdflib Dataset is made on first use.
        self.quads = quads
        self._dataset = None
        if dataset is not None:
            self.dataset = dataset
        elif store is not None:
            self.dataset = store.dataset()
        elif quads is None:
            raise TypeError("KnowledgeGraph needs a dataset, a store or quads")
        self.report = report

    @property
    def unmade_quads(self) -> Any:
        """The build's :class:`~kg.rdf.quads.Quads` while no rdflib Dataset has been made
        from them, else None: the fast paths (N-Quads, counts, store loads) read these.

        Examples
        --------
        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> g.unmade_quads is g.quads
        True
        >>> _ = g.dataset  # made on first use
        >>> g.unmade_quads is None
        True
        """
        return self.quads if self._dataset is None else None

    @property
    def dataset(self) -> Dataset:
        """The graph as an rdflib Dataset (default graph: the union of the named graphs)."""
        if self._dataset is None:
            made = self.quads.to_dataset()
            made.default_union = True
            self._dataset = made
            if self._engine_store is not None:  # copied from the same quads: still current
                self._engine_key = self._fingerprint()
        return self._dataset

    @dataset.setter
    def dataset(self, value: Dataset) -> None:
        value.default_union = True
        self._dataset = value
        self._engine_store = None

    def query_backend(self) -> Any:
        """What answers queries: a :class:`kg.stores.Store` (the opened store, or the
        in-memory Oxigraph copy of engine ``oxigraph``) or, for engine ``rdflib``, the
        rdflib Dataset.

        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> type(g.query_backend()).__name__
        'OxigraphStore'
        >>> type(kg.KnowledgeGraph(g.dataset, engine="rdflib").query_backend()).__name__
        'Dataset'
        """
        if self.store is not None:
            return self.store
        if self.engine == "rdflib":
            return self.dataset
        key = self._fingerprint()
        if self._engine_store is None or key != self._engine_key:
            self._engine_store = self._oxigraph_copy()
            self._engine_key = key
        return self._engine_store

    def _fingerprint(self) -> Any:
        """Changes when the rdflib Dataset is replaced or gains or loses triples (a cheap
        test: every graph knows its size), so the Oxigraph copy follows edits made
        through :attr:`dataset`."""
        if self._dataset is None:
            return None
        return id(self._dataset), tuple(sorted((str(g.identifier), len(g)) for g in self._dataset.graphs()))

    def _oxigraph_copy(self) -> Any:
        import tempfile
        from pathlib import Path

        from kg.rdf.io import write_text
        from kg.stores.oxigraph import OxigraphStore

        st = OxigraphStore(None)
        fresh = self.unmade_quads
        if fresh is None:
            st.load_dataset(self.dataset)
            return st
        with tempfile.TemporaryDirectory(prefix="kg-engine-") as tmp:
            path = Path(tmp) / "graph.nq"
            write_text(path, fresh.nquad_chunks())
            st.load_nquads([path])
        return st

    @classmethod
    def load(cls, path: str | os.PathLike, *, engine: str = "oxigraph") -> KnowledgeGraph:
        """Read a build output (.trig, .nq, .ttl, .jsonld), or open a store by URI
        (``oxigraph:DIR``, ``http(s)://…`` — see kg.stores); ``engine`` as in the class."""
        from kg.stores import is_store_uri, open_store

        if isinstance(path, str) and is_store_uri(path):
            return cls(store=open_store(path), engine=engine)
        return cls(load_dataset(path), engine=engine)

    def __len__(self) -> int:
        if self.store is not None:
            return len(self.store)
        if self.unmade_quads is not None:
            return len(self.unmade_quads)
        return sum(len(g) for g in self.dataset.graphs())

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
        from kg.rdf.io import format_for, write_text

        if self.unmade_quads is not None and format_for(path) == "nquads":
            write_text(path, self.unmade_quads.nquad_chunks())
            return
        save(self.dataset, path, merge_graphs=merge_graphs)

    def stats(self) -> dict[str, Any]:
        """Counts by class and property over the document and reference graphs."""
        classes: Counter[str] = Counter()
        props: Counter[str] = Counter()
        docs = 0
        seen_typed = set()
        fresh = self.unmade_quads
        graphs = fresh.graphs() if fresh is not None else self.dataset.graphs()
        for g in graphs:
            if g.identifier == ONTOLOGY_GRAPH:
                continue
            for s, p, o in g:
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
        each node and edge: :func:`kg.viz.network.page_graph`), ``documents=True`` also one
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
        if evidence or documents:
            from kg.viz.network import page_graph

            return page_graph(self, documents=documents)
        from kg.query.network import to_networkx

        return to_networkx(self, include_isolated=include_isolated)


def _local(term: Node) -> str:
    t = str(term)
    for sep in ("#", "/"):
        if sep in t:
            t = t.rsplit(sep, 1)[1]
    return t
