"""Offline interactive HTML pages of a NetworkX graph, drawn with pyvis and vis-network.

The page is one self-contained UTF-8 file: vis-network 9.1.2 (JS and CSS, vendored in
``kg/viz/assets`` from pyvis's own copy) and the page's script and style are embedded, so it
works from ``file://`` with no network and holds no ``http(s)://`` ``src``/``href``/``url()``
of any kind (:func:`external_urls` checks; :func:`render` refuses to return a page that has one).

pyvis builds the node and edge records and renders our Jinja template
(``assets/page.html``) instead of its own (which links Bootstrap from a CDN). We write the file
ourselves (UTF-8, atomically) rather than with pyvis's ``write_html``, which opens the file
without an encoding.

Every page except the place hierarchy opens on a precomputed, seeded layout with physics off
(:mod:`kg.viz.grouping`): places that hold other entities are drawn as boxes around them
(the ``locatedIn`` edges the boxes show are hidden, behind a legend toggle), each node's
label has a size by importance (:func:`_fonts`) and a block of its own, and vis-network
draws a label only when it is at least :data:`LABEL_MIN_PX` on screen, so the opening view
shows the most important names legibly and zooming in reveals the rest. Entities with no
relation wait behind a toggle that shows their count. ``physics=True`` still lets the
browser settle a force-directed layout (vis-network's physics needs ~40 s for 2,000 nodes).
The place hierarchy uses vis-network's hierarchical layout: roots (中国, 山西省) on the
left, one column per level, so a city's many counties and sites are a readable column.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", label="吕梁市", type="Place", cls="City", cls_label="地级市")
>>> G.add_node("b", label="兴县", type="Place", cls="County", cls_label="县级行政区")
>>> _ = G.add_edge("b", "a", key="locatedIn", relation="locatedIn", label="位于")
>>> html = render(G, title="示例")
>>> "吕梁市" in html and "vis.Network" in html and external_urls(html) == []
True
"""

from __future__ import annotations

import json
import math
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.about import __version__
from kg.errors import ViewError
from kg.rdf.io import write_atomic
from kg.types import label as ontology_label
from kg.viz.grouping import Containment, containment, grouped_layout, label_width
from kg.viz.layout import SMALL, layout
from kg.viz.network import page_types, type_label

__all__ = ["DEFAULT_TITLE", "LARGE", "STYLES", "RELATION_STYLES", "type_style", "render", "write", "external_urls", "OfflineError"]

#: Above this many nodes a page hides edges while it is dragged or zoomed, and draws them straight.
LARGE = 300
#: A page's title when none is given: the graph may be of any region (``kg viz --title``).
DEFAULT_TITLE = "知识图谱"

#: Colour, vis-network shape and legend glyph per core type.
STYLES: dict[str, dict[str, str]] = {
    "Place": {"color": "#2e7d32", "shape": "dot", "glyph": "●"},
    "Institution": {"color": "#1565c0", "shape": "square", "glyph": "■"},
    "Program": {"color": "#ef6c00", "shape": "diamond", "glyph": "◆"},
    "Memorial": {"color": "#c62828", "shape": "star", "glyph": "★"},
    "Project": {"color": "#6a1b9a", "shape": "triangle", "glyph": "▲"},
    "Person": {"color": "#d81b60", "shape": "triangleDown", "glyph": "▼"},
    "Event": {"color": "#f9a825", "shape": "hexagon", "glyph": "⬢"},
    "Document": {"color": "#546e7a", "shape": "box", "glyph": "▭"},
}
_OTHER_STYLE = {"color": "#78909c", "shape": "dot", "glyph": "●"}


def type_style(name: str) -> dict[str, str]:
    """The colour, shape and glyph of a node type; grey dots for a type with no style of its own.

    >>> type_style("Place")["glyph"], type_style("Festival")["color"]
    ('●', '#78909c')
    """
    return STYLES.get(name, _OTHER_STYLE)

#: Colour, dashes and arrows per relation (local name of the lv: property).
RELATION_STYLES: dict[str, dict[str, Any]] = {
    "locatedIn": {"color": "#8d9ba5", "dashes": False, "arrows": "to"},
    "partnerOf": {"color": "#ef6c00", "dashes": False, "arrows": ""},
    "operatedBy": {"color": "#1565c0", "dashes": False, "arrows": "to"},
    "heldPosition": {"color": "#d81b60", "dashes": False, "arrows": "to"},
    "renamedTo": {"color": "#6a1b9a", "dashes": True, "arrows": "to"},
    "mentionedIn": {"color": "#b0bec5", "dashes": True, "arrows": ""},
}
_OTHER_RELATION = {"color": "#607d8b", "dashes": False, "arrows": "to"}

_FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"

# src=/href= with a scheme or protocol-relative URL, CSS url(…)/@import of one, srcset, and
# <meta http-equiv=refresh> targets: anything a browser would fetch from the network.
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|srcset|action|data|poster|content)\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["']?)"""
    r"""((?:https?:)?//[^\s"')>]+)""",
    re.IGNORECASE,
)


class OfflineError(RuntimeError):
    """A rendered page would fetch something from the network."""


def external_urls(html: str) -> list[str]:
    """Every URL a browser would fetch from the network when opening ``html``.

    >>> external_urls('<link href="https://cdn.example/x.css"><img src=//x/y.png>'
    ...               '<style>a{background:url("data:image/png;base64,AA")}</style>')
    ['https://cdn.example/x.css', '//x/y.png']
    """
    return [m.group(1) for m in _EXTERNAL.finditer(html)]


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    text = (resources.files("kg.viz.assets") / name).read_text(encoding="utf-8")
    if name.endswith(".js") and "</script" in text.lower():
        raise OfflineError(f"{name} contains '</script' and cannot be embedded")
    return text


def asset_path(name: str) -> Path:
    """Path of a vendored asset (``vis-network.min.js`` …), for the HTTP explorer."""
    return Path(str(resources.files("kg.viz.assets") / name))


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>``, ``&`` and U+2028/9 escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _sizes(G: nx.MultiDiGraph, size_by: str) -> dict[Any, float]:
    if size_by == "mentions":
        return {n: float(G.nodes[n].get("mentions", 0)) + 1.0 for n in G}
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if u != v and k != "mentionedIn")
    if size_by == "betweenness":
        k = 300 if len(simple) > 1000 else None
        bc = nx.betweenness_centrality(simple, k=k, seed=7 if k else None)
        return {n: 1.0 + 100.0 * bc[n] for n in G}
    if size_by != "degree":
        raise ViewError(f"--size-by must be degree, betweenness or mentions, not {size_by!r}")
    return {n: math.sqrt(1.0 + simple.degree(n)) for n in G}  # sqrt: hubs do not swamp the page


def _importance(G: nx.MultiDiGraph) -> dict[Any, float]:
    """How much a node matters to a reader: its related entities, then how often it is mentioned."""
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if u != v and k != "mentionedIn")
    return {n: round(simple.degree(n) + 0.5 * math.log2(1 + float(G.nodes[n].get("mentions", 0) or 0)), 3)
            for n in G}


#: Label sizes (canvas px) by importance: the first few are read at the opening view, the
#: rest when zoomed in (below :data:`LABEL_MIN_PX` on screen a label is not drawn at all).
FONT_TIERS = ((12, 42), (40, 28))
FONT_BASE = 14
#: Labels smaller than this on screen are not drawn (vis-network's drawThreshold).
LABEL_MIN_PX = 12


#: Up to this many shown nodes every label can be read at the opening view: one size for all.
SMALL_PAGE = 40
FONT_SMALL_PAGE = 16


#: The first tier also names the most important few of every core type, so that the opening
#: view says which memorials, programs and partners the articles are about, not only places.
PER_TYPE = 2


def _fonts(importance: dict[Any, float], *, boxes=(), types: dict[Any, str] | None = None,
           tiers: bool = True) -> dict[Any, int]:
    """Label size per node: a box's title, and the :data:`PER_TYPE` most important of each
    type, in the first of :data:`FONT_TIERS`; the other nodes by rank of importance; without
    ``tiers`` (a small page) one size for all.

    >>> _fonts({"a": 9.0, "b": 1.0, "c": 5.0}, boxes=["b"]) == {"b": 42, "a": 42, "c": 42}
    True
    >>> set(_fonts({"a": 9.0, "b": 1.0}, tiers=False).values())
    {16}
    """
    if not tiers:
        return {n: FONT_SMALL_PAGE for n in importance}
    boxes = set(boxes)
    top = FONT_TIERS[0][1]
    fonts = {b: top for b in boxes if b in importance}
    # boxes are titled in the first tier anyway: the tiers rank the other entities
    ranked = sorted((n for n in importance if n not in boxes), key=lambda n: (-importance[n], str(n)))
    per_type: dict[str, int] = {}
    for n in ranked:
        t = (types or {}).get(n)
        if t is not None and per_type.get(t, 0) < PER_TYPE:
            per_type[t] = per_type.get(t, 0) + 1
            fonts[n] = top
    rest = [n for n in ranked if n not in fonts]
    for i, n in enumerate(rest):
        fonts[n] = next((size for upto, size in FONT_TIERS if i < upto), FONT_BASE)
    return fonts


#: vis-network node radius range for ``value`` (min, max); the place hierarchy's is smaller.
NODE_SCALING = (8, 30)


def _radii(sizes: dict[Any, float]) -> dict[Any, float]:
    """The radius vis-network gives each node from its ``value`` (its default linear scaling)."""
    lo, hi = NODE_SCALING
    vmin, vmax = min(sizes.values(), default=0.0), max(sizes.values(), default=0.0)
    if vmax == vmin:
        return {n: lo + 0.5 * (hi - lo) for n in sizes}
    return {n: lo + (v - vmin) / (vmax - vmin) * (hi - lo) for n, v in sizes.items()}


def _boxes_meta(G: nx.MultiDiGraph, tree: Containment, fonts: dict[Any, int],
                radii: dict[Any, float]) -> dict[str, Any]:
    """What the page needs to draw the boxes: each boxed node's box, and each node's extent
    around its centre (half width, above, below: the label hangs under the shape)."""
    parent = {str(c): str(b) for c, b in sorted(tree.parent.items(), key=lambda cb: str(cb[0]))}
    inside = set(parent) | set(parent.values())
    ext = {}
    for node in sorted(G.nodes, key=str):
        if str(node) in inside:
            f, r = fonts.get(node, FONT_BASE), radii[node]
            label = str(G.nodes[node].get("label", node))
            ext[str(node)] = [round(max(label_width(label, f), 2 * r) / 2, 1), round(r, 1),
                              round(r + 1.35 * f, 1)]
    depth = {b: len(tree.ancestors(b)) for b in tree.groups()}
    order = [str(b) for b in sorted(depth, key=lambda b: (-depth[b], str(b)))]
    return {"parent": parent, "ext": ext, "order": order, "depth": {str(b): d for b, d in depth.items()}}


def _levels(G: nx.MultiDiGraph) -> dict[Any, int]:
    """Hierarchy level per node: 0 for a node with no parent (no outgoing edge), else one
    more than its deepest parent (edges point child → parent, as lv:locatedIn does)."""
    level: dict[Any, int] = {}

    def visit(n: Any, stack: frozenset) -> int:
        if n in level:
            return level[n]
        parents = [v for v in G.successors(n) if v != n and v not in stack]
        level[n] = 1 + max((visit(p, stack | {n}) for p in parents), default=-1)
        return level[n]

    for n in sorted(G.nodes, key=str):
        visit(n, frozenset())
    return level


def _options(n_nodes: int, *, physics: bool, hierarchical: bool) -> dict[str, Any]:
    large = n_nodes > LARGE
    opts: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "font": {"face": _FONT, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1.5,
            # each node carries its own label size (by importance, see _fonts); a label is
            # drawn only where it can be read, so zooming in reveals the less important ones
            "scaling": {"min": NODE_SCALING[0], "max": NODE_SCALING[1],
                        "label": {"enabled": False, "drawThreshold": LABEL_MIN_PX, "maxVisible": 40}},
        },
        "edges": {
            # relation names appear once zoomed in to about 1:1 (and in every edge's tooltip)
            "font": {"face": _FONT, "size": 11, "color": "#4a5560", "strokeWidth": 3,
                     "strokeColor": "#ffffff", "align": "middle"},
            "scaling": {"label": {"drawThreshold": LABEL_MIN_PX}},
            "width": 1.2,
            "selectionWidth": 0.6,
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "keyboard": {"enabled": True, "bindToWindow": False},
                        "multiselect": False, "navigationButtons": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -70, "centralGravity": 0.008,
                                         "springLength": 110, "springConstant": 0.06, "avoidOverlap": 0.3},
                    "stabilization": {"enabled": physics, "iterations": 200, "updateInterval": 50, "fit": True},
                    "minVelocity": 1.0},
    }
    if hierarchical:
        # left to right, levels from the roots (render sets each node's level): 中国 and
        # 山西省 on the left, a city's many children a readable column, not a very wide row
        opts["layout"] = {"improvedLayout": False, "hierarchical": {
            "enabled": True, "direction": "LR", "sortMethod": "directed", "shakeTowards": "roots",
            "levelSeparation": 190, "nodeSpacing": 32, "treeSpacing": 50, "parentCentralization": True,
            "blockShifting": True, "edgeMinimization": True}}
        opts["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.5}
        opts["edges"]["font"]["size"] = 0  # every edge is 位于: the legend says it once
        opts["nodes"]["scaling"] = {"min": 6, "max": 16,  # siblings sit 32 px apart in a column
                                    "label": {"enabled": True, "min": 12, "max": 24, "drawThreshold": 5}}
        opts["physics"] = {"enabled": False}
    return opts


def _documents(G: nx.Graph) -> dict[str, dict[str, str]]:
    return {k: {"title": v.get("title", k)} for k, v in G.graph.get("documents", {}).items()}


def render(G: nx.MultiDiGraph, *, title: str | None = None, subtitle: str | None = None,
           size_by: str = "degree", physics: bool | None = None, hierarchical: bool = False,
           seed: int = 7) -> str:
    """The HTML page of ``G`` (nodes/edges as made by :func:`kg.viz.page_graph`).

    ``physics``: let the browser settle a force-directed layout (default: no, the grouped
    layout of :mod:`kg.viz.grouping`); ``hierarchical``: draw levels from the roots, left to
    right (edges point child → parent), for the place hierarchy.
    """
    from pyvis.network import Network

    n = G.number_of_nodes()
    # boxes of containment and label-sized blocks need the layout to stay as computed:
    # physics only when asked for (then the old force-directed start, settled in the browser)
    physics = bool(physics) and not hierarchical
    legend = page_types()
    grouped = not hierarchical and not physics
    sizes = _sizes(G, size_by)
    importance = _importance(G)
    tree = containment(G) if grouped else None
    isolated = set(tree.isolated) if tree else set()
    types = {x: G.nodes[x].get("type", "") for x in G if x not in isolated}
    fonts = _fonts(importance, boxes=tree.groups() if tree else (), types=types,
                   tiers=n - len(isolated) > SMALL_PAGE) if not hierarchical else {}
    radii = _radii(sizes)
    if grouped:
        type_rank = {c: i for i, c in enumerate(legend)}
        order = {x: (type_rank.get(G.nodes[x].get("type"), len(type_rank)), -importance[x]) for x in G}
        pos = grouped_layout(G, tree, fonts=fonts, sizes=radii, order=order, seed=seed)
    else:
        pos = layout(G, seed=seed) if not hierarchical else {}
    levels = _levels(G) if hierarchical else {}
    small = {x for c in nx.weakly_connected_components(G) if len(c) <= SMALL for x in c} if physics else set()

    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    # our template, from our assets: pyvis's own links Bootstrap from a CDN
    net.set_template_dir(str(resources.files("kg.viz.assets")), "page.html")
    net.templateEnv.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    type_counts = {c: 0 for c in legend}
    has_reference = False
    for node in sorted(G.nodes, key=str):
        a = G.nodes[node]
        core = a.get("type", "")
        style = type_style(core)
        type_counts[core] = type_counts.get(core, 0) + 1
        ref = a.get("source") == "reference"
        has_reference = has_reference or ref
        extra: dict[str, Any] = {}
        if node in levels:
            extra["level"] = levels[node]
        if node in pos:
            extra["x"], extra["y"] = pos[node]
            if node in small:
                extra["physics"] = False  # small components: kept on rows, moved below
                extra["pack"] = True          # the settled large ones by the page script
        if node in isolated:
            extra["hidden"] = True  # behind the page's "unconnected" toggle
            extra["isolated"] = True
        if ref:
            extra["shapeProperties"] = {"borderDashes": [4, 3]}
        if node in fonts:
            extra["font"] = {"size": fonts[node]}
        if core == "Document":
            extra["font"] = {"color": "#ffffff", "face": _FONT, "size": fonts.get(node, 14), "strokeWidth": 0}
            extra["margin"] = 8
        net.add_node(
            str(node), label=a.get("label", str(node)), shape=style["shape"],
            color={"background": style["color"] if not ref else "#ffffff", "border": style["color"],
                   "highlight": {"background": style["color"], "border": "#000000"},
                   "hover": {"background": style["color"], "border": "#000000"}},
            value=round(sizes[node], 4), type=core, cls=a.get("cls", core),
            cls_label=a.get("cls_label", type_label(core)), iri=a.get("iri", str(node)),
            aliases=list(a.get("aliases", ())), mentions=int(a.get("mentions", 0)),
            documents=list(a.get("documents", ())), evidence=a.get("evidence", ""),
            source=a.get("source", "extracted"), **extra,
        )
    rel_counts: dict[str, int] = {}
    for i, (u, v, k, a) in enumerate(sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))):
        rel = a.get("relation", str(k))
        st = RELATION_STYLES.get(rel, _OTHER_RELATION)
        rel_counts[rel] = rel_counts.get(rel, 0) + 1
        # pyvis checks each edge's ends by a linear scan of its node list; that is O(n·m),
        # seconds for 2,000 nodes, so the edge records are appended directly (same format).
        edge: dict[str, Any] = {"hidden": True, "implied": True} if tree and (u, v, k) in tree.implied else {}
        net.edges.append({
            **edge, "id": f"e{i}", "from": str(u), "to": str(v),
            "label": "" if rel == "mentionedIn" else a.get("label", rel),
            "relation": rel, "color": {"color": st["color"], "highlight": "#37474f", "hover": "#37474f"},
            "dashes": st["dashes"], "arrows": st["arrows"], "documents": list(a.get("documents", ())),
            "evidence": a.get("evidence", ""),
        })
    net.options = _options(n, physics=physics, hierarchical=hierarchical)

    # the graph's own relation names, else the ontology's (a graph built without them)
    rel_labels = G.graph.get("relations", {})
    meta = {
        "documents": _documents(G),
        "type_order": [*legend, *sorted(set(type_counts) - set(legend))],
        "types": {c: {"label": type_label(c) if c else "其他", "count": type_counts.get(c, 0),
                      **type_style(c)} for c in [*legend, *type_counts]},
        "relations": {r: {"label": rel_labels.get(r) or ontology_label(r), "count": rel_counts[r],
                          **RELATION_STYLES.get(r, _OTHER_RELATION)} for r in sorted(rel_counts)},
        "has_reference": has_reference,
        "focus": G.graph.get("focus"),
        "view": G.graph.get("view", "all"),
        "physics": physics,
        "depth": G.graph.get("depth"),
        "isolated": len(isolated),
        # containment boxes: the page draws one around each box node and what it holds
        "boxes": _boxes_meta(G, tree, fonts, radii) if tree else None,
        # a hierarchy opens on its largest tree (all trees at once would be too small to read)
        "fit_nodes": sorted(max(nx.weakly_connected_components(G), key=len), key=str)
        if hierarchical and n else None,
    }
    page_title = title or DEFAULT_TITLE
    if subtitle is None:
        subtitle = f"{n} 个节点 · {G.number_of_edges()} 条关系"
    net.templateEnv.globals.update(
        vis_js=_asset("vis-network.min.js"), vis_css=_asset("vis-network.css"), viz_js=_asset("viz.js"),
        boxes_js=_asset("boxes.js"),
        viz_css=_asset("viz.css"), meta_json=_json_for_script(meta), page_title=page_title,
        subtitle=subtitle, kg_version=__version__,
    )
    html = net.generate_html(notebook=False)
    bad = external_urls(html)
    if bad:  # never hand out a page that needs the network
        raise OfflineError(f"page would load {len(bad)} external resource(s): {', '.join(bad[:3])}")
    return html


def write(G: nx.MultiDiGraph, path: str | os.PathLike, **kwargs: Any) -> Path:
    """Render ``G`` (see :func:`render`) and write the page as UTF-8, atomically."""
    path = Path(path)
    write_atomic(path, render(G, **kwargs))
    return path
