"""Network analytics (kg.viz.analytics) and ``kg stats --network``."""

from __future__ import annotations

import json

import networkx as nx

from kg.viz.analytics import entity_graph, network_stats


def test_network_stats_of_the_corpus(built_graph):
    s = network_stats(built_graph, top=10)
    assert s.nodes > 100 and s.edges > 50
    assert len(s.degree) == 10 and len(s.betweenness) == 10
    assert s.degree[0].label == "吕梁市" and s.betweenness[0].label == "吕梁市"
    values = [r.value for r in s.degree]
    assert values == sorted(values, reverse=True)
    U = entity_graph(built_graph)
    assert s.components.count == nx.number_connected_components(U)
    assert s.components.largest == max(len(c) for c in nx.connected_components(U))
    assert s.components.isolated == sum(1 for n in U if U.degree(n) == 0)
    assert s.community_count >= len(s.communities) > 0 and 0 < s.modularity <= 1
    assert sum(c.size for c in s.communities) <= s.nodes
    assert json.loads(json.dumps(s.to_dict(), ensure_ascii=False))["degree"][0]["label"] == "吕梁市"


def test_stats_network_cli(run_kg, built_trig):
    r = run_kg("stats", "--graph", str(built_trig), "--network", "--json", "--top", "3")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert [x["label"] for x in doc["degree"]][:1] == ["吕梁市"] and len(doc["betweenness"]) == 3
    assert {"components", "communities", "modularity"} <= set(doc)
    r = run_kg("stats", "--graph", str(built_trig), "--network")
    assert r.returncode == 0 and "betweenness" in r.stdout and "吕梁市" in r.stdout
