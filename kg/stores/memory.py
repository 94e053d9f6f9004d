"""``memory``: the rdflib Dataset of a build, in this process (the default store).

Queries run on rdflib's SPARQL engine with ``default_union`` (the default graph is the set
union of the named graphs) and parameters pre-bound with ``initBindings``.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> s = MemoryStore()
>>> d = URIRef("https://w3id.org/lvliang-kg/resource/doc/d1")
>>> s.add_document(d, [(d, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
...                     URIRef("https://w3id.org/lvliang-kg/ontology#Document"))])
>>> s.documents() == [d], len(s)
(True, 1)
>>> s.query("SELECT ?t WHERE { ?d a ?t }", {"d": d}).rows[0]["t"].endswith("#Document")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.rdf.namespaces import bind_prefixes
from kg.sparql.engine import execute
from kg.stores.base import Store, Triple, to_terms

__all__ = ["MemoryStore"]


class MemoryStore(Store):
    """An rdflib Dataset held in memory (adopted, not copied, when given; a read-only
    view of another kg store is copied)."""

    def __init__(self, dataset: Dataset | None = None, uri: str = "memory") -> None:
        if dataset is None:
            dataset = Dataset()
            bind_prefixes(dataset)
        elif getattr(dataset.store, "kg_store", None) is not None:
            # a read-only view of another kg store: rdflib's engine would walk it pattern
            # by pattern through that store; hold a copy, as the name promises
            dataset = dataset.store.kg_store.to_dataset()
        dataset.default_union = True
        self._ds = dataset
        self.uri = uri

    def replace_graph(self, name: URIRef, triples: Iterable[Triple]) -> None:
        self._ds.remove_graph(name)
        g = self._ds.graph(name)
        g.addN((s, p, o, g) for s, p, o in triples)

    def drop_graph(self, name: URIRef) -> bool:
        existed = any(True for _ in self._ds.graph(name).triples((None, None, None)))
        self._ds.remove_graph(name)
        return existed

    def load_dataset(self, ds: Dataset, *, replace: bool = True) -> None:
        # a view of another kg store is read-only: copy it rather than adopt it
        if replace and not self.graph_names() and getattr(ds.store, "kg_store", None) is None:
            ds.default_union = True
            self._ds = ds  # adopt the build: no copy
            return
        super().load_dataset(ds, replace=replace)

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None):
        return execute(self._ds, sparql, to_terms(bindings))

    def graph_names(self) -> list[URIRef]:
        return sorted(g.identifier for g in self._ds.graphs()
                      if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g))

    def triples(self, graph: URIRef) -> list[Triple]:
        return list(self._ds.graph(URIRef(graph)))

    def __len__(self) -> int:
        return sum(len(g) for g in self._ds.graphs())

    def dataset(self) -> Dataset:
        return self._ds

    def to_dataset(self) -> Dataset:
        return self._ds
