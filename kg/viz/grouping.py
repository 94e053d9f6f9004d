"""Containment as grouping: a page's places drawn as nested boxes, not as stars of 位于 edges.

A reader of the overview should see at a glance that 兴县 and 临县 are in 吕梁市 and which
memorials, programs and projects are in each; 94 ``lv:locatedIn`` spokes around one hub say
that badly. This module turns the ``locatedIn`` edges of a page into a forest and lays the
page out as nested blocks:

* :func:`containment` picks for every node at most one *container*: the most specific
  place it is ``locatedIn`` (蔡家崖村 is in 蔡家崖乡 rather than in 兴县, which holds
  蔡家崖乡). The edges that this nesting already shows (to the container and to its own
  containers) are returned as *implied*; the page hides them and draws the boxes instead.
* Entities with no ``locatedIn`` edge follow a neighbour into its box (a person next to the
  government body it holds a position in), so related things stay close; a neighbour of a
  place that is a box stays outside (a partner of 吕梁市 is not in 吕梁市).
* :func:`grouped_layout` sizes a block per node from its label (a label never leaves its
  block, so labels of one size never overlap), packs the blocks of a box on shelves below the
  box's own node, and packs the top-level boxes to about the shape of a screen. Components
  with no containment at all are laid out force-directed (:mod:`kg.viz.layout`) and spread
  until their label boxes no longer overlap.
* Nodes with no edge at all are *isolated*: they are placed on rows below the rest, by type,
  and the page keeps them hidden behind a toggle that shows their count.

Everything is deterministic: the order of nodes, blocks and shelves is sorted.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, label in [("c", "吕梁市"), ("x", "兴县"), ("v", "蔡家崖村"), ("p", "某人"), ("z", "孤立")]:
...     G.add_node(n, label=label, type="Place")
>>> _ = G.add_edge("x", "c", key="locatedIn", relation="locatedIn")
>>> _ = G.add_edge("v", "x", key="locatedIn", relation="locatedIn")
>>> _ = G.add_edge("v", "c", key="locatedIn", relation="locatedIn")
>>> _ = G.add_edge("p", "x", key="heldPosition", relation="heldPosition")
>>> tree = containment(G)
>>> tree.parent == {"x": "c", "v": "x"}, sorted(tree.implied), tree.isolated
(True, [('v', 'c', 'locatedIn'), ('v', 'x', 'locatedIn'), ('x', 'c', 'locatedIn')], ['z'])
>>> pos = grouped_layout(G, tree, fonts={n: 14 for n in G}, sizes={n: 10 for n in G})
>>> sorted(pos) == sorted(G) and pos == grouped_layout(G, tree, fonts={n: 14 for n in G}, sizes={n: 10 for n in G})
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from kg.viz.layout import fruchterman_reingold

__all__ = ["Containment", "containment", "label_width", "grouped_layout", "CONTAINMENT"]

#: The relation drawn as nesting.
CONTAINMENT = "locatedIn"

_PAD = 14.0      # inside a box, around its blocks
_GAP = 10.0      # between neighbouring blocks
_ASPECT = 1.3    # width / height of a box: about the graph area of a laptop screen


@dataclass
class Containment:
    """The nesting of a page: ``parent`` maps a node to the box it is drawn in."""

    parent: dict[Hashable, Hashable] = field(default_factory=dict)
    #: (child, container, key) of the ``locatedIn`` edges the nesting shows.
    implied: set[tuple[Hashable, Hashable, str]] = field(default_factory=set)
    #: nodes with no edge at all (sorted).
    isolated: list[Hashable] = field(default_factory=list)

    def children(self) -> dict[Hashable, list[Hashable]]:
        out: dict[Hashable, list[Hashable]] = defaultdict(list)
        for child, box in self.parent.items():
            out[box].append(child)
        return out

    def groups(self) -> list[Hashable]:
        """The nodes that are boxes (hold at least one other node), sorted."""
        return sorted(set(self.parent.values()), key=str)

    def ancestors(self, node: Hashable) -> list[Hashable]:
        out = []
        while node in self.parent:
            node = self.parent[node]
            out.append(node)
        return out


def _levels(parents: Mapping[Hashable, list[Hashable]], nodes) -> dict[Hashable, int]:
    """0 for a node in no place, else one more than its deepest place (cycles cut)."""
    level: dict[Hashable, int] = {}
    for start in sorted(nodes, key=str):
        if start in level:
            continue
        # iterative depth-first walk: a long chain of places must not hit the recursion limit
        stack: list[tuple[Hashable, int]] = [(start, 0)]
        on_path: set[Hashable] = {start}
        while stack:
            n, i = stack[-1]
            ps = parents.get(n, [])
            if i < len(ps):
                stack[-1] = (n, i + 1)
                p = ps[i]
                if p not in level and p not in on_path:
                    stack.append((p, 0))
                    on_path.add(p)
                continue
            level[n] = 1 + max((level[p] for p in ps if p in level), default=-1)
            on_path.discard(n)
            stack.pop()
    return level


def containment(G: nx.MultiDiGraph) -> Containment:
    """The nesting of ``G`` drawn as boxes (see the module docstring)."""
    parents: dict[Hashable, list[Hashable]] = defaultdict(list)
    for u, v, k in G.edges(keys=True):
        if k == CONTAINMENT and u != v and v not in parents[u]:
            parents[u].append(v)
    for u in parents:
        parents[u].sort(key=str)
    level = _levels(parents, G.nodes)
    tree = Containment()
    for u in sorted(parents, key=str):
        # the most specific container: the deepest place; only upward, so the forest has no cycle
        cands = [p for p in parents[u] if level[p] < level[u]]
        if cands:
            tree.parent[u] = max(cands, key=lambda p: (level[p], -len(parents.get(p, ())), str(p)))
    for u in sorted(parents, key=str):
        up = set(tree.ancestors(u))
        for v in parents[u]:
            if v in up:
                tree.implied.add((u, v, CONTAINMENT))

    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    tree.isolated = sorted((n for n in U if U.degree(n) == 0), key=str)
    # the rest follow a neighbour into its box, nearest first (breadth-first from the boxes)
    boxes = set(tree.parent.values())
    placed = set(tree.parent) | boxes
    frontier = sorted(placed, key=str)
    while frontier:
        nxt = []
        for a in frontier:
            for b in sorted(U.neighbors(a), key=str):
                if b in placed:
                    continue
                placed.add(b)
                nxt.append(b)
                # beside ``a`` in a's box; never inside a box it is not known to be in (a
                # partner of 吕梁市 is not in 吕梁市): a box's neighbours stay outside all boxes
                # a document is about places, not in one
                if a in tree.parent and a not in boxes and G.nodes[b].get("type") != "Document":
                    tree.parent[b] = tree.parent[a]
        frontier = nxt
    return tree


def label_width(text: str, font: float) -> float:
    """Approximate drawn width of ``text`` at ``font`` px: CJK glyphs are square, Latin ~0.6.

    >>> label_width("吕梁市", 10), label_width("ab", 10)
    (30.0, 12.0)
    """
    return font * sum(1.0 if ord(c) >= 0x2E80 else 0.6 for c in text)


@dataclass
class _Block:
    w: float
    h: float
    #: node → (x, y) of its centre, relative to the block's top-left corner
    pos: dict[Hashable, tuple[float, float]]


def _leaf(node: Hashable, label: str, font: float, size: float) -> _Block:
    w = max(label_width(label, font), 2 * size) + _GAP
    h = 2 * size + 1.35 * font + _GAP
    return _Block(w, h, {node: (w / 2, _GAP / 2 + size)})


def _shelves(blocks: list[_Block], width: float, top: float = 0.0, left: float = 0.0) -> tuple[dict, float, float]:
    """Blocks on rows at most ``width`` wide; positions, used width and bottom."""
    pos: dict[Hashable, tuple[float, float]] = {}
    x, y, row_h, used = left, top, 0.0, 0.0
    for b in blocks:
        if x > left and x + b.w > left + width:
            x, y, row_h = left, y + row_h + _GAP, 0.0
        for n, (px, py) in b.pos.items():
            pos[n] = (x + px, y + py)
        x += b.w + _GAP
        used = max(used, x - _GAP - left)
        row_h = max(row_h, b.h)
    return pos, used, y + row_h


def _pack(blocks: list[_Block], *, top: float = 0.0, left: float = 0.0, min_width: float = 0.0,
          aspect: float = _ASPECT) -> tuple[dict, float, float]:
    """Blocks packed to about ``aspect``: plain shelves, or, when one block is much larger
    than the rest, that block on the left and the rest on shelves beside it (a shelf under
    a tall block would leave the space at its right empty). Keeps the better of the two."""
    def score(w: float, h: float) -> float:  # the scale a screen of this aspect would fit at
        return max(w / aspect, h)

    width = max(_width_for(blocks, aspect), min_width)
    best = _shelves(blocks, width, top, left)
    best_score = score(max(best[1], min_width), best[2] - top)
    big = max(range(len(blocks)), key=lambda i: (blocks[i].w * blocks[i].h, -i), default=None)
    if big is None or len(blocks) < 2:
        return best
    B, rest = blocks[big], blocks[:big] + blocks[big + 1:]
    lo, hi = max(b.w for b in rest), sum(b.w for b in rest) + _GAP * len(rest)
    for step in range(24):
        panel = lo + (hi - lo) * step / 23
        pos, used, bottom = _shelves(rest, panel, top, left + B.w + _GAP)
        w = max(B.w + _GAP + used, min_width)
        h = max(B.h, bottom - top)
        if score(w, h) < best_score:
            pos.update({n: (left + x, top + y) for n, (x, y) in B.pos.items()})
            best, best_score = (pos, w, top + h), score(w, h)
    return best


def _width_for(blocks: list[_Block], aspect: float) -> float:
    area = sum(b.w * b.h for b in blocks) * 1.15  # shelves leave some room unused
    return max(max((b.w for b in blocks), default=0.0), math.sqrt(area * aspect))


def _force_block(G: nx.Graph, nodes: list, labels, fonts, sizes, seed: int) -> _Block:
    """A component without containment: force-directed, spread until label boxes part."""
    leaves = {n: _leaf(n, labels[n], fonts[n], sizes[n]) for n in nodes}
    if len(nodes) == 1:
        return leaves[nodes[0]]
    index = {n: i for i, n in enumerate(nodes)}
    # each edge as (low, high): a subgraph view reports an undirected edge from either end,
    # depending on set order (PYTHONHASHSEED), and the float sums of the layout follow it
    edges = np.array(sorted({(min(index[u], index[v]), max(index[u], index[v]))
                             for u, v in G.subgraph(nodes).edges() if u != v}),
                     dtype=np.int64).reshape(-1, 2)
    pos = fruchterman_reingold(len(nodes), edges, seed=seed).astype(np.float64)
    wh = np.array([[leaves[n].w, leaves[n].h] for n in nodes])
    pos -= pos.mean(0)
    # an edge about as long as a wide label; overlaps left are pushed apart below
    if len(edges):
        typical = float(np.median(np.sqrt(((pos[edges[:, 0]] - pos[edges[:, 1]]) ** 2).sum(1))))
    else:
        typical = float(np.abs(pos).max())
    pos *= float(np.median(wh[:, 0])) * 1.2 / (typical or 1.0)
    # push apart overlapping label boxes along the axis of least overlap
    for _ in range(300 if len(nodes) <= 400 else 0):
        d = pos[:, None, :] - pos[None, :, :]
        need = (wh[:, None, :] + wh[None, :, :]) / 2
        over = need - np.abs(d)
        hit = (over[..., 0] > 0) & (over[..., 1] > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        axis = (over[..., 1] < over[..., 0]).astype(np.int64)  # 1: move along y
        push = np.zeros_like(pos)
        sign = np.where(d >= 0, 1.0, -1.0)
        for ax in (0, 1):
            amount = np.where(hit & (axis == ax), (over[..., ax] / 2 + 1.0) * sign[..., ax], 0.0)
            push[:, ax] += amount.sum(1)
        pos += push * 0.6
    lo = (pos - wh / 2).min(0)
    hi = (pos + wh / 2).max(0)
    out = {}
    for n, (px, py) in zip(nodes, pos):
        leaf = leaves[n]
        # the node sits where its leaf block puts it, relative to the block's centre
        out[n] = (px - lo[0] + leaf.pos[n][0] - leaf.w / 2, py - lo[1] + leaf.pos[n][1] - leaf.h / 2)
    return _Block(float(hi[0] - lo[0]), float(hi[1] - lo[1]), out)


def grouped_layout(G: nx.MultiDiGraph, tree: Containment, *, fonts: Mapping[Hashable, float],
                   sizes: Mapping[Hashable, float], order: Mapping[Hashable, tuple] | None = None,
                   seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Node → (x, y) in canvas units: boxes of containment, packed; isolated nodes on rows below.

    ``fonts`` and ``sizes`` are each node's label size and vis-network radius (they decide
    its block); ``order`` is a sort key per node for siblings in a box (default: the id).
    """
    labels = {n: str(G.nodes[n].get("label", n)) for n in G}
    order = order or {}
    key = lambda n: (order.get(n, ()), str(n))  # noqa: E731
    children = tree.children()
    isolated = set(tree.isolated)
    U = nx.Graph()
    U.add_nodes_from(n for n in G if n not in isolated)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)

    built = {n: _nested(n, children, labels, fonts, sizes, key) for n in sorted(U, key=str)
             if n not in tree.parent}
    tops: list[_Block] = []
    loose = [n for n in built if n not in children]  # top level, no box: force-directed components
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(U.subgraph(loose))),
                   key=lambda c: (-len(c), str(c[0])))
    for n in sorted(built, key=key):
        if n in children:
            tops.append(built[n])
    tops.sort(key=lambda b: -(b.w * b.h))

    def root(n: Hashable) -> Hashable:
        up = tree.ancestors(n)
        return up[-1] if up else n

    # components outside every box that hang on the same box (the partners of 吕梁市) are
    # packed together, so they read as one group beside it rather than a scattered row
    loose_set = set(loose)
    by_anchor: dict[str, list[_Block]] = defaultdict(list)
    for i, comp in enumerate(comps):
        anchors = sorted({str(root(b)) for a in comp for b in U.neighbors(a) if b not in loose_set})
        by_anchor[anchors[0] if anchors else ""].append(_force_block(U, comp, labels, fonts, sizes, seed + i))
    for anchor in sorted(by_anchor):
        group = by_anchor[anchor]
        if anchor and len(group) > 1:
            gpos, gw, gh = _pack(group, aspect=1.0)
            tops.append(_Block(gw, gh, gpos))
        else:
            tops.extend(group)
    pos, used, bottom = _pack(tops)
    if isolated:
        # by type, then by the given order: rows a reader can scan when the toggle shows them
        rest = [_leaf(n, labels[n], fonts[n], sizes[n]) for n in sorted(isolated, key=key)]
        more, _, _ = _shelves(rest, max(used, _width_for(rest, _ASPECT * 2)), top=bottom + 6 * _PAD)
        pos.update(more)
    cx = used / 2
    cy = bottom / 2
    return {n: (round(x - cx, 1), round(y - cy, 1)) for n, (x, y) in pos.items()}


def _nested(root: Hashable, children, labels, fonts, sizes, key) -> _Block:
    """The block of ``root`` and everything nested in it (iterative post-order)."""
    done: dict[Hashable, _Block] = {}
    stack: list[tuple[Hashable, bool]] = [(root, False)]
    while stack:
        n, expanded = stack.pop()
        kids = sorted(children.get(n, ()), key=key)
        if kids and not expanded:
            stack.append((n, True))
            stack.extend((c, False) for c in reversed(kids))
            continue
        head = _leaf(n, labels[n], fonts[n], sizes[n])
        if not kids:
            done[n] = head
            continue
        boxes = [done.pop(c) for c in kids]
        # inner boxes first, largest first; single entities after them, in the given order
        boxes = [b for _, b in sorted(enumerate(boxes), key=lambda ib: (
            -(ib[1].w * ib[1].h) if len(ib[1].pos) > 1 else 0.0, ib[0]))]
        pos, used, bottom = _pack(boxes, top=_PAD + head.h, left=_PAD, min_width=head.w)
        pos[n] = (_PAD + head.pos[n][0], _PAD + head.pos[n][1])
        done[n] = _Block(max(used, head.w) + 2 * _PAD, bottom + _PAD, pos)
    return done[root]
