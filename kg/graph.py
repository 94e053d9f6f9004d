"""The :class:`KnowledgeGraph` facade returned by :func:`kg.build` and :func:`kg.load`."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from kg.rdf.io import load_dataset, save
from kg.rdf.namespaces import LV, ONTOLOGY_GRAPH, RDF, RDFS, REFERENCE_GRAPH

__all__ = ["KnowledgeGraph", "to_term"]

_CJK = re.compile(r"[\u3400-\u9fff]")


def to_term(value: Any) -> Node:
    """Python value → RDF term for safe binding (never string formatting into SPARQL).

    >>> to_term("吕梁市"), to_term("https://w3id.org/x")
    (rdflib.term.Literal('吕梁市', lang='zh'), rdflib.term.URIRef('https://w3id.org/x'))
    """
    if isinstance(value, Node):
        return value
    if isinstance(value, str):
        if re.match(r"^https?://\S+$", value):
            return URIRef(value)
        return Literal(value, lang="zh") if _CJK.search(value) else Literal(value)
    return Literal(value)


class KnowledgeGraph:
    """A built graph: named document graphs, the reference graph and the ontology.

    Examples
    --------
    >>> import kg
    >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
    >>> rows = g.query("SELECT ?l WHERE { ?e rdfs:label ?l } LIMIT 1")
    >>> len(rows)
    1
    """

    def __init__(self, dataset: Dataset | None = None, *, report: Any = None, store: Any = None,
                 quads: Any = None) -> None:
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
            self.dataset = self.quads.to_dataset()
        return self._dataset

    @dataset.setter
    def dataset(self, value: Dataset) -> None:
        value.default_union = True
        self._dataset = value

    @classmethod
    def load(cls, path: str | os.PathLike) -> KnowledgeGraph:
        """Read a build output (.trig, .nq, .ttl, .jsonld), or open a store by URI
        (``oxigraph:DIR``, ``http(s)://…`` — see kg.stores)."""
        from kg.stores import is_store_uri, open_store

        if isinstance(path, str) and is_store_uri(path):
            return cls(store=open_store(path))
        return cls(load_dataset(path))

    def __len__(self) -> int:
        if self.store is not None:
            return len(self.store)
        if self.unmade_quads is not None:
            return len(self.unmade_quads)
        return sum(len(g) for g in self.dataset.graphs())

    def query(self, sparql: str, /, **bindings: Any) -> list[dict[str, Node]]:
        """Run a SPARQL query; keyword arguments are bound as variables.

        Returns a list of rows (dicts of variable → term) for SELECT, a one-row list for ASK.
        """
        from kg.query.engine import prepare

        if self.store is not None:  # the store's own engine, same semantics (kg.stores)
            res = self.store.query(sparql, {k: to_term(v) for k, v in bindings.items()})
            return [{"ask": Literal(bool(res.boolean))}] if res.type == "ASK" else res.rows
        q = prepare(sparql)  # QueryError with line and column; parsed once per text
        res = self.dataset.query(q, initBindings={k: to_term(v) for k, v in bindings.items()})
        if res.type == "ASK":
            return [{"ask": Literal(bool(res.askAnswer))}]
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            return [{"s": s, "p": p, "o": o} for s, p, o in res.graph]
        return [{str(v): row[v] for v in res.vars if row[v] is not None} for row in res]

    def save(self, path: str | os.PathLike) -> None:
        """Write the graph (format by extension), atomically."""
        from kg.rdf.io import format_for, write_text

        if self.unmade_quads is not None and format_for(path) == "nquads":
            write_text(path, self.unmade_quads.nquad_chunks())
            return
        save(self.dataset, path)

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
        from kg.query import run

        result = run(self, name, params)
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
        from kg.query import run

        return run(self, query, params).to_dataframe()

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

    def to_networkx(self, *, include_isolated: bool = True) -> Any:
        """The entities and their relations as a ``networkx.MultiDiGraph`` (nodes: entity
        IRIs with ``label``, ``type``, ``cls``, ``aliases``, ``mentions``, ``documents``;
        edges keyed by relation with ``relation`` and ``documents``).

        >>> import kg
        >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
        >>> G = g.to_networkx()
        >>> node = G.nodes["https://w3id.org/lvliang-kg/resource/lvliangshi"]
        >>> node["label"], node["type"], node["cls"]
        ('吕梁市', 'Place', 'City')
        >>> {d["relation"] for _, _, d in G.edges(data=True)} >= {"locatedIn"}
        True
        """
        from kg.query.network import to_networkx

        return to_networkx(self, include_isolated=include_isolated)


def _local(term: Node) -> str:
    t = str(term)
    for sep in ("#", "/"):
        if sep in t:
            t = t.rsplit(sep, 1)[1]
    return t
