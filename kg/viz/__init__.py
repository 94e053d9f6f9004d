"""Drawing and analysing the graph: NetworkX conversion, offline pyvis pages, analytics.

* :func:`page_graph` — the entities and relations as a NetworkX graph, with evidence
  (:mod:`kg.query.evidence`); :mod:`kg.viz.network` finds what a user names in it;
* :mod:`kg.viz.views` — the subgraphs a page draws (all, places, partners, document, ego);
* :mod:`kg.viz.grouping` — containment drawn as nested boxes, the layout of every page but
  the place hierarchy;
* :mod:`kg.viz.layout` — seeded force-directed layout in NumPy (components with no places);
* :mod:`kg.viz.pages` — self-contained HTML pages (vis-network embedded, no CDN);
* :mod:`kg.viz.analytics` — centrality, components and communities (``kg stats --network``).

Examples
--------
>>> import kg, kg.viz
>>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
>>> html = kg.viz.page(g, focus="吕梁市", depth=1)
>>> "吕梁市" in html and "http://cdn" not in html
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from kg.query.evidence import evidence_graph
from kg.rdf.io import write_atomic
from kg.viz import views
from kg.viz.analytics import network_stats as stats
from kg.viz.network import find_node
from kg.viz.pages import DEFAULT_TITLE, render

__all__ = ["page", "write_page", "select", "PageInfo", "page_graph", "network_stats"]

_VIEW_TITLES = {"all": "全部实体", "places": "地点层级", "partners": "合作网络"}


@dataclass(frozen=True)
class PageInfo:
    """What :func:`write_page` wrote."""

    path: Path
    view: str
    nodes: int
    edges: int
    physics: bool


def page_graph(graph: Any, *, documents: bool = False):
    """The graph a page draws: :func:`kg.query.evidence.evidence_graph`
    (``KnowledgeGraph.to_networkx(evidence=True)``)."""
    return evidence_graph(graph, documents=documents)


def network_stats(graph: Any, **kwargs: Any):
    """See :func:`kg.viz.analytics.network_stats`."""
    return stats(graph, **kwargs)


def select(graph: Any, *, view: str = "all", doc: str | None = None, types: Iterable[str] | None = None,
           focus: str | None = None, depth: int = 1):
    """The NetworkX subgraph a page of these options draws (see :mod:`kg.viz.views`).

    ``focus`` is an entity's label, alias, slug or IRI (:func:`kg.viz.network.find_node`).
    """
    import networkx as nx

    G = graph if isinstance(graph, nx.Graph) else page_graph(graph, documents=view == "document" or bool(doc))
    center = None
    if focus is not None:
        center = find_node(G, focus)
    return views.select(G, view="document" if doc and view == "all" else view, doc=doc,
                        types=list(types or ()), focus=center, depth=depth)


def _title(H) -> str:
    view = H.graph.get("view", "all")
    if view == "document":
        doc = H.graph.get("document", "")
        title = f"文档：{H.graph.get('documents', {}).get(doc, {}).get('title', doc)}"
    else:
        title = _VIEW_TITLES.get(view, view)
    focus = H.graph.get("focus")
    if focus is not None and focus in H:
        title += f" · {H.nodes[focus].get('label', focus)} 的 {H.graph.get('depth', 1)} 度邻域"
    return f"{DEFAULT_TITLE} · {title}"


def page(graph: Any, *, view: str = "all", doc: str | None = None, types: Iterable[str] | None = None,
         focus: str | None = None, depth: int = 1, size_by: str = "degree", title: str | None = None,
         physics: bool | None = None) -> str:
    """An offline, self-contained HTML page of a graph (a KnowledgeGraph, a Dataset or a
    NetworkX graph from :func:`page_graph`).

    Views: ``all`` (entities and relations), ``places`` (the place hierarchy, drawn as
    levels), ``partners`` (``lv:partnerOf``), ``document`` (one document, ``doc=ID``); then
    ``types`` keeps some core types and ``focus``/``depth`` cut the neighbourhood of one
    entity. Node size by ``size_by``: ``degree``, ``betweenness`` or ``mentions``.
    """
    H = select(graph, view=view, doc=doc, types=types, focus=focus, depth=depth)
    return render(H, title=title or _title(H), size_by=size_by, physics=physics,
                  hierarchical=H.graph.get("view") == "places")


def write_page(graph: Any, path: str | os.PathLike = "out/lvliang.html", **kwargs: Any) -> PageInfo:
    """Write :func:`page` to ``path`` (UTF-8, atomically) and say what it holds."""
    opts = {k: kwargs.pop(k) for k in ("view", "doc", "types", "focus", "depth") if k in kwargs}
    H = select(graph, **opts)
    hierarchical = H.graph.get("view") == "places"
    physics = kwargs.pop("physics", None)
    title = kwargs.pop("title", None) or _title(H)
    html = render(H, title=title, physics=physics, hierarchical=hierarchical, **kwargs)
    path = Path(path)
    write_atomic(path, html)
    used_physics = bool(physics) and not hierarchical
    return PageInfo(path, H.graph.get("view", "all"), H.number_of_nodes(), H.number_of_edges(), used_physics)
