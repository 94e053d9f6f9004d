"""kg.viz.layout: force-directed positions that depend on the graph only."""

from __future__ import annotations

import networkx as nx
import numpy as np

from kg.viz.grouping import _force_block
from kg.viz.layout import fruchterman_reingold, layout


def _two_orders():
    """One graph built twice, nodes and edges inserted in opposite orders (as set order under
    another PYTHONHASHSEED would), so each undirected edge is reported from the other end."""
    rng = np.random.default_rng(3)
    names = [f"n{i:02d}" for i in range(40)]
    edges = {tuple(sorted(rng.choice(names, 2, replace=False))) for _ in range(70)}
    a, b = nx.Graph(), nx.Graph()
    a.add_nodes_from(names)
    a.add_edges_from(sorted(edges))
    b.add_nodes_from(reversed(names))
    b.add_edges_from((v, u) for u, v in sorted(edges, reverse=True))
    return names, a, b


def test_layout_does_not_depend_on_insertion_order():
    _, a, b = _two_orders()
    assert layout(a, seed=7) == layout(b, seed=7)


def test_force_block_does_not_depend_on_insertion_order():
    names, a, b = _two_orders()
    labels = {n: n for n in names}
    fonts = {n: 14.0 for n in names}
    sizes = {n: 10.0 for n in names}
    assert _force_block(a, names, labels, fonts, sizes, 7).pos == _force_block(b, names, labels, fonts, sizes, 7).pos


def test_fruchterman_reingold_is_repeatable_and_spreads_nodes():
    edges = np.array([[0, 1], [1, 2], [2, 3], [3, 0]], dtype=np.int64)
    p = fruchterman_reingold(4, edges, seed=1)
    assert np.array_equal(p, fruchterman_reingold(4, edges, seed=1))
    assert min(np.linalg.norm(p[i] - p[j]) for i in range(4) for j in range(i + 1, 4)) > 0.05
