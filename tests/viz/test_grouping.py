"""Containment as boxes: the most specific container, implied edges, isolated entities, and a
layout whose label blocks never overlap and whose boxes hold what they contain."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from kg.viz import views
from kg.viz.grouping import containment, grouped_layout, label_width
from kg.viz import page_graph
from kg.viz.network import find_node


def _graph(edges, nodes=()):
    G = nx.MultiDiGraph()
    for n in sorted({x for u, v, _ in edges for x in (u, v)} | set(nodes)):
        G.add_node(n, label=f"地点{n}", type="Place")
    for u, v, k in edges:
        G.add_edge(u, v, key=k, relation=k)
    return G


def test_most_specific_container_and_implied_edges():
    G = _graph([("county", "city", "locatedIn"), ("village", "county", "locatedIn"),
                ("village", "city", "locatedIn"), ("site", "village", "locatedIn"),
                ("city", "province", "locatedIn")], nodes=["alone"])
    t = containment(G)
    assert t.parent == {"county": "city", "village": "county", "site": "village", "city": "province"}
    assert ("village", "city", "locatedIn") in t.implied  # shown by the nesting
    assert t.isolated == ["alone"]
    assert t.ancestors("site") == ["village", "county", "city", "province"]
    assert t.groups() == ["city", "county", "province", "village"]


def test_cycles_and_neighbours():
    # a cycle of locatedIn cannot nest; a partner of a box stays outside it, a neighbour of a
    # boxed entity joins its box
    G = _graph([("a", "b", "locatedIn"), ("b", "a", "locatedIn"), ("x", "c", "locatedIn"),
                ("p", "c", "partnerOf"), ("q", "x", "operatedBy"), ("r", "q", "heldPosition")])
    t = containment(G)
    assert len({("a", "b"), ("b", "a")} & set(t.parent.items())) == 1
    assert "p" not in t.parent
    assert t.parent["q"] == "c" and t.parent["r"] == "c"


def _blocks_overlap(G, pos, fonts, radii) -> list:
    """Pairs of nodes whose blocks (shape and the label under it) overlap."""
    nodes = sorted(pos, key=str)
    r = np.array([[pos[n][0] - (hw := max(label_width(G.nodes[n]["label"], fonts[n]), 2 * radii[n]) / 2),
                   pos[n][1] - radii[n], pos[n][0] + hw, pos[n][1] + radii[n] + 1.35 * fonts[n]] for n in nodes])
    hit = ((r[:, None, 0] < r[None, :, 2]) & (r[None, :, 0] < r[:, None, 2])
           & (r[:, None, 1] < r[None, :, 3]) & (r[None, :, 1] < r[:, None, 3]))
    np.fill_diagonal(hit, False)
    return [(nodes[i], nodes[j]) for i, j in zip(*np.nonzero(np.triu(hit)))]


def test_layout_of_the_corpus_keeps_labels_apart_and_boxes_nested(built_graph):
    G = page_graph(built_graph)
    H = views.select(G, view="all")
    t = containment(H)
    fonts = {n: 42 if n in set(t.groups()) else 14 for n in H}
    radii = {n: 10.0 for n in H}
    pos = grouped_layout(H, t, fonts=fonts, sizes=radii)
    assert set(pos) == set(H)
    assert _blocks_overlap(H, pos, fonts, radii) == []
    # a county is drawn below and right of its city's title (the box grows down and right)
    city, county = find_node(H, "吕梁市"), find_node(H, "兴县")
    assert t.parent[county] == city
    assert pos[county][1] > pos[city][1]
    # unconnected entities are on rows below everything else
    lowest_connected = max(y for n, (x, y) in pos.items() if n not in set(t.isolated))
    assert all(pos[n][1] > lowest_connected for n in t.isolated)
    assert pos == grouped_layout(H, t, fonts=fonts, sizes=radii)


@pytest.mark.parametrize("n", [300, 2000])
def test_layout_of_large_random_graphs(n):
    """Preferential attachment with locatedIn among other relations: arbitrary nesting, a
    deep chain, no recursion limit hit, labels still apart."""
    B = nx.barabasi_albert_graph(n, 2, seed=5)
    rels = ("locatedIn", "partnerOf", "operatedBy", "heldPosition")
    G = _graph([(u, v, rels[i % 4]) for i, (u, v) in enumerate(sorted(B.edges()))])
    for i in range(1500):  # a chain 1,500 places deep
        G.add_node(f"c{i}", label=f"链{i}", type="Place")
        if i:
            G.add_edge(f"c{i}", f"c{i - 1}", key="locatedIn", relation="locatedIn")
    t = containment(G)
    assert len(t.ancestors("c1499")) == 1499
    fonts = {x: 14 for x in G}
    radii = {x: 8.0 for x in G}
    pos = grouped_layout(G, t, fonts=fonts, sizes=radii)
    assert set(pos) == set(G)
    assert _blocks_overlap(G, pos, fonts, radii) == []
