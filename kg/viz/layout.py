"""Seeded force-directed layout in NumPy, for pages that must not run physics in the browser.

vis-network's own physics needs ~40 s to settle 2,000 nodes; a page whose nodes come with
positions and physics off draws in about a second. NetworkX's ``spring_layout`` needs SciPy
above 500 nodes and its dense fallback takes ~20 s for 2,000, so this module has its own
Fruchterman–Reingold: the repulsion of all pairs is written with matrix products
(``Σ_j f_ij (p_i − p_j) = p_i Σ_j f_ij − (F p)_i``), so one iteration over 2,000 nodes is a
few 2,000 × 2,000 float32 array passes (tens of milliseconds).

Connected components are laid out separately (largest first) and packed on rows, so a graph
with many small components does not fly apart, and the result is deterministic for a seed.

Examples
--------
>>> import networkx as nx
>>> pos = layout(nx.path_graph(4), seed=1)
>>> sorted(pos) == [0, 1, 2, 3], pos == layout(nx.path_graph(4), seed=1)
(True, True)
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["layout", "fruchterman_reingold"]


def fruchterman_reingold(n: int, edges: np.ndarray, *, seed: int = 7, iterations: int = 60) -> np.ndarray:
    """Positions (``n × 2``, unit-ish square) for ``n`` nodes and an ``m × 2`` edge index array."""
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32)
    if n <= 1:
        return np.zeros((n, 2), dtype=np.float32)
    k = np.float32(1.0 / math.sqrt(n))
    t = np.float32(0.1)
    dt = t / np.float32(iterations + 1)
    eps = np.float32(1e-4)
    for _ in range(iterations):
        rep = np.subtract.outer(pos[:, 0], pos[:, 0])  # → squared distances → |f|/d (k²/d)
        rep *= rep
        dy = np.subtract.outer(pos[:, 1], pos[:, 1])
        dy *= dy
        rep += dy
        np.maximum(rep, eps * eps, out=rep)
        np.divide(k * k, rep, out=rep)
        np.fill_diagonal(rep, 0.0)
        disp = pos * rep.sum(1)[:, None] - rep @ pos
        if len(edges):
            diff = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt((diff * diff).sum(1)) + eps
            pull = diff * (dist / k)[:, None]  # |f| = d²/k along the edge
            np.subtract.at(disp, edges[:, 0], pull)
            np.add.at(disp, edges[:, 1], pull)
        length = np.sqrt((disp * disp).sum(1)) + eps
        pos += disp * (np.minimum(length, t) / length)[:, None]
        t -= dt
    return pos


def _component_positions(G: nx.Graph, nodes: list, seed: int) -> np.ndarray:
    index = {n: i for i, n in enumerate(nodes)}
    # each edge as (low, high): a subgraph view reports an undirected edge from either end,
    # depending on set order (PYTHONHASHSEED), and the float sums of the layout follow it
    edges = np.array(sorted({(min(index[u], index[v]), max(index[u], index[v]))
                             for u, v in G.subgraph(nodes).edges() if u != v}),
                     dtype=np.int64).reshape(-1, 2)
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    pos = fruchterman_reingold(n, edges, seed=seed, iterations=60 if n < 1000 else 45).astype(np.float64)
    pos -= pos.mean(0)
    # scale so that the typical nearest distance is about one unit (one node spacing)
    span = np.abs(pos).max() or 1.0
    return pos / span * math.sqrt(n) * 0.9


#: Components up to this size are "small": packed on rows below the others.
SMALL = 3


def layout(G: nx.Graph, *, seed: int = 7, spacing: float = 90.0,
           small_gap: float = 0.0) -> dict[Hashable, tuple[float, float]]:
    """Node → (x, y) in pixels: components laid out separately, packed largest first.

    ``spacing`` is the approximate distance between neighbouring nodes in pixels;
    ``small_gap`` is extra space (a fraction of the height above) before the rows of small
    components (up to :data:`SMALL` nodes), for pages whose physics spreads the large ones.
    """
    U = nx.Graph(G.to_undirected(as_view=True)) if G.is_directed() or G.is_multigraph() else G
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(U)), key=lambda c: (-len(c), str(c[0])))
    placed: dict[Hashable, tuple[float, float]] = {}
    if not comps:
        return placed
    # shelf packing: rows of components, the row width about that of the largest component
    boxes = []
    for i, comp in enumerate(comps):
        pos = _component_positions(U, comp, seed + i)
        lo, hi = pos.min(0), pos.max(0)
        boxes.append((comp, pos - lo, hi - lo + 1.5))
    total = sum(float(w * h) for _, _, (w, h) in boxes)
    row_width = max(float(boxes[0][2][0]), math.sqrt(total) * 1.2)
    x = y = row_h = 0.0
    small_started = False
    for comp, pos, (w, h) in boxes:
        if len(comp) <= SMALL and not small_started:
            small_started = True
            if y > 0 or x > 0:
                y += row_h
                x, row_h = 0.0, 0.0
                y += y * small_gap
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for node, (px, py) in zip(comp, pos):
            placed[node] = (float((x + px) * spacing), float((y + py) * spacing))
        x += float(w)
        row_h = max(row_h, float(h))
    # centre the drawing on the origin
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {n: (round(px - cx, 1), round(py - cy, 1)) for n, (px, py) in placed.items()}
