"""Writing builds into a store: a whole build, or build outputs read from files.

An incremental update of some documents is :mod:`kg.builder.incremental`; this module only
moves graphs that are already made.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from kg.rdf.io import load_dataset
from kg.rdf.quads import Quads
from kg.stores.base import Store
from kg.stores.memory import MemoryStore
from kg.stores.oxigraph import OxigraphStore

__all__ = ["write_build", "load_files"]


def write_build(graph, store: Store) -> None:
    """Write a whole build (a KnowledgeGraph or an rdflib Dataset) into ``store``,
    replacing the graphs of the previous build."""
    quads = getattr(graph, "unmade_quads", None)
    if quads is None and getattr(graph, "store", None) is store:
        return
    if isinstance(quads, Quads) and not isinstance(store, MemoryStore):
        store.load_dataset(quads)  # a fresh build: its graphs as sets, no rdflib store made
    else:
        store.load_dataset(getattr(graph, "dataset", graph))


def load_files(store: Store, paths: Sequence[str | os.PathLike]) -> int:
    """Add build outputs (``.nq``, ``.trig`` …; e.g. the shards of a distributed build) to
    ``store``. Graphs are merged as sets: the ontology and reference graphs of several
    shards combine, and each document graph should come from one shard. Oxigraph stores
    use the bulk loader for ``.nq`` files. Returns the number of quads read."""
    store._check_writable()
    n = 0
    nq = [p for p in paths if str(p).lower().endswith(".nq")]
    rest = [p for p in paths if p not in nq]
    if isinstance(store, OxigraphStore) and nq:
        n += store.load_nquads(nq)
    else:
        rest = list(paths)
    for p in rest:
        ds = load_dataset(p)
        for g in ds.graphs():
            if not len(g):
                continue
            if g.identifier in store.graph_names():
                triples = set(store.triples(g.identifier)) | set(g)
            else:
                triples = set(g)
            store.replace_graph(g.identifier, iter(triples))
            n += len(g)
    return n
