"""Views: the subgraphs a page draws, cut from the graph of :func:`kg.viz.page_graph`.

* ``all`` — every entity and every relation between entities;
* ``places`` — the place hierarchy: places and ``lv:locatedIn`` between them;
* ``partners`` — the partner network: ``lv:partnerOf`` edges and their parties;
* ``document`` — one document: the entities it mentions, the relations it states, and the
  document itself as a node linked to its entities.

Then optional filters: :func:`filter_types` (core types) and :func:`ego` (the neighbourhood
of one entity up to a depth, edges taken in either direction).

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", type="Place"); G.add_node("b", type="Place"); G.add_node("c", type="Institution")
>>> _ = G.add_edge("a", "b", key="locatedIn", relation="locatedIn", documents=["d1"])
>>> _ = G.add_edge("c", "a", key="partnerOf", relation="partnerOf", documents=["d1"])
>>> sorted(places(G)), sorted(partners(G)), sorted(ego(G, "b", 1))
(['a', 'b'], ['a', 'c'], ['a', 'b'])
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg.errors import UnknownEntity, UnknownType, UnknownView, ViewError
from kg.viz.network import find_document, page_types, type_label

__all__ = ["VIEWS", "select", "all_entities", "places", "partners",
           "document", "filter_types", "ego", "parse_types"]

VIEWS = ("all", "places", "partners", "document")


def _edge_subgraph(G: nx.MultiDiGraph, keep) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for u, v, k, a in G.edges(keys=True, data=True):
        if keep(u, v, k, a):
            for n in (u, v):
                if n not in H:
                    H.add_node(n, **G.nodes[n])
            H.add_edge(u, v, key=k, **a)
    return H


def all_entities(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Every entity (no document nodes) and the relations between them."""
    nodes = [n for n, c in G.nodes(data="type") if c != "Document"]
    H = G.subgraph(nodes).copy()
    H.remove_edges_from([(u, v, k) for u, v, k in H.edges(keys=True) if k == "mentionedIn"])
    return H


def places(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The place hierarchy: ``lv:locatedIn`` edges whose two ends are places."""
    return _edge_subgraph(G, lambda u, v, k, a: k == "locatedIn" and G.nodes[u].get("type") == "Place"
                          and G.nodes[v].get("type") == "Place")


def partners(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The partner network: ``lv:partnerOf`` edges (symmetric: one edge per pair)."""
    seen: set[frozenset] = set()

    def keep(u, v, k, a) -> bool:
        if k != "partnerOf" or frozenset((u, v)) in seen:
            return False
        seen.add(frozenset((u, v)))
        return True

    return _edge_subgraph(G, keep)


def document(G: nx.MultiDiGraph, doc: str) -> nx.MultiDiGraph:
    """One document: the entities it mentions, the relations it states, and its node.

    ``G`` must have been built with ``documents=True`` for the document node and its
    ``mentionedIn`` edges; without them the entities and relations are still selected.
    """
    doc_id = find_document(G, doc)
    iri = G.graph["documents"][doc_id]["iri"]
    nodes = [n for n, a in G.nodes(data=True) if doc_id in a.get("documents", ()) and a.get("type") != "Document"]
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.graph["document"] = doc_id
    if iri in G:
        H.add_node(iri, **G.nodes[iri])
    for n in nodes:
        H.add_node(n, **G.nodes[n])
    for u, v, k, a in G.edges(keys=True, data=True):
        if u in H and v in H and doc_id in a.get("documents", ()):
            H.add_edge(u, v, key=k, **a)
    return H


def _core_name(text: str) -> str:
    t = text.strip()
    for c in page_types():
        if t.lower() in (c.lower(), f"lv:{c.lower()}") or t == type_label(c):
            return c
    raise UnknownType(text, ", ".join(page_types()))


def parse_types(values: Iterable[str] | None) -> list[str]:
    """``["Place,Institution", "人物"]`` → ``["Place", "Institution", "Person"]``.

    >>> parse_types(["place, 机构"])
    ['Place', 'Institution']
    """
    out: list[str] = []
    for v in values or ():
        for part in v.replace("，", ",").split(","):
            if part.strip():
                name = _core_name(part)
                if name not in out:
                    out.append(name)
    return out


def filter_types(G: nx.MultiDiGraph, types: Iterable[str]) -> nx.MultiDiGraph:
    """Only nodes of the given core types (document nodes are kept in a document view)."""
    keep = set(parse_types(types))
    if not keep:
        return G
    nodes = [n for n, c in G.nodes(data="type") if c in keep or c == "Document"]
    return G.subgraph(nodes).copy()


def ego(G: nx.MultiDiGraph, center: str, depth: int = 1) -> nx.MultiDiGraph:
    """The nodes within ``depth`` edges of ``center`` (either direction) and their edges."""
    if depth < 0:
        raise ValueError("depth must be >= 0")
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), center, cutoff=depth)
    H = G.subgraph(near).copy()
    H.graph["focus"] = center
    H.graph["depth"] = depth
    return H


def select(G: nx.MultiDiGraph, *, view: str = "all", doc: str | None = None,
           types: Iterable[str] | None = None, focus: str | None = None, depth: int = 1) -> nx.MultiDiGraph:
    """Apply a view, then the type filter, then the ego cut (``focus`` is a node id)."""
    if view not in VIEWS:
        raise UnknownView(view, ", ".join(VIEWS))
    if view == "document" or (doc and view == "all"):
        if not doc:
            raise ViewError("the document view needs a document: --doc ID (see `kg query documents`)")
        H = document(G, doc)
    elif view == "places":
        H = places(G)
    elif view == "partners":
        H = partners(G)
    else:
        H = all_entities(G)
    if types:
        H = filter_types(H, types)
    if focus is not None:
        if focus not in H:
            label = G.nodes[focus].get("label", focus) if focus in G else focus
            raise UnknownEntity(label, f" view {view!r}")
        H = ego(H, focus, depth)
    H.graph["view"] = view
    return H
