"""Network analytics of the entity graph: centrality, connected components, communities.

Measures are taken on the simple undirected projection of the entity graph (one edge per
related pair, whatever the relations and their direction; document nodes and
``mentionedIn`` edges left out), which is what "how central is 吕梁市" means to a reader.

* degree centrality — the share of the other entities an entity is related to;
* betweenness centrality — the share of shortest paths through it (exact up to
  :data:`EXACT_BETWEENNESS` nodes, else estimated from a seeded sample of sources);
* connected components — count, sizes, isolated entities;
* communities — greedy modularity maximisation (Clauset–Newman–Moore) over the entities that
  have at least one relation, with the modularity of the partition.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n in "abcde": G.add_node(n, label=n.upper(), type="Place")
>>> for u, v in ("ba", "ca", "da"): _ = G.add_edge(u, v, key="locatedIn", relation="locatedIn")
>>> s = network_stats(G, top=2)
>>> [(r.label, r.value) for r in s.degree]
[('A', 0.75), ('B', 0.25)]
>>> s.components.count, s.components.isolated
(2, 1)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from kg.query.network import to_networkx

__all__ = ["EXACT_BETWEENNESS", "Ranked", "Components", "Community", "NetworkStats",
           "entity_graph", "degree_ranking", "betweenness_ranking", "components", "communities",
           "network_stats"]

#: Above this many nodes betweenness is estimated from a sample of source nodes.
EXACT_BETWEENNESS = 1500


@dataclass(frozen=True)
class Ranked:
    """One entity in a ranking."""

    iri: str
    label: str
    type: str
    value: float
    degree: int


@dataclass(frozen=True)
class Components:
    count: int
    sizes: list[int]  # largest first (at most 20)
    largest: int
    isolated: int


@dataclass(frozen=True)
class Community:
    size: int
    members: list[str]  # labels, most connected first (at most 8)
    types: dict[str, int]


@dataclass
class NetworkStats:
    """What :func:`network_stats` finds; :meth:`to_dict` for JSON."""

    nodes: int
    edges: int
    density: float
    degree: list[Ranked] = field(default_factory=list)
    betweenness: list[Ranked] = field(default_factory=list)
    betweenness_exact: bool = True
    components: Components = field(default_factory=lambda: Components(0, [], 0, 0))
    communities: list[Community] = field(default_factory=list)
    community_count: int = 0
    modularity: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def entity_graph(graph: Any) -> nx.Graph:
    """The simple undirected entity graph of a KnowledgeGraph, a Dataset or a NetworkX graph
    (node attributes kept; documents and ``mentionedIn`` dropped)."""
    if isinstance(graph, nx.Graph):
        G = graph
    elif hasattr(graph, "to_networkx"):
        G = graph.to_networkx()
    else:
        G = to_networkx(graph)
    U = nx.Graph()
    for n, a in G.nodes(data=True):
        if a.get("type") != "Document":
            U.add_node(n, **a)
    for u, v, *rest in G.edges(data=True):
        a = rest[-1] if rest else {}
        if u != v and u in U and v in U and a.get("relation") != "mentionedIn":
            U.add_edge(u, v)
    return U


def _ranked(U: nx.Graph, scores: dict[Any, float], top: int) -> list[Ranked]:
    order = sorted(U.nodes, key=lambda n: (-scores[n], -U.degree(n), str(U.nodes[n].get("label", n)), str(n)))
    return [Ranked(str(n), str(U.nodes[n].get("label", n)), str(U.nodes[n].get("type", "")),
                   round(float(scores[n]), 6), int(U.degree(n))) for n in order[:top]]


def degree_ranking(U: nx.Graph, top: int = 10) -> list[Ranked]:
    """Entities by degree centrality (degree / (n − 1))."""
    return _ranked(U, nx.degree_centrality(U) if len(U) > 1 else {n: 0.0 for n in U}, top)


def betweenness_ranking(U: nx.Graph, top: int = 10, *, seed: int = 7) -> tuple[list[Ranked], bool]:
    """Entities by betweenness centrality (normalised); ``(ranking, exact)``."""
    exact = len(U) <= EXACT_BETWEENNESS
    bc = nx.betweenness_centrality(U, k=None if exact else 500, seed=None if exact else seed)
    return _ranked(U, bc, top), exact


def components(U: nx.Graph) -> Components:
    sizes = sorted((len(c) for c in nx.connected_components(U)), reverse=True)
    return Components(len(sizes), sizes[:20], sizes[0] if sizes else 0, sum(1 for n in U if U.degree(n) == 0))


def communities(U: nx.Graph, top: int = 10) -> tuple[list[Community], int, float]:
    """Greedy-modularity communities of the related entities: ``(largest, count, modularity)``."""
    from networkx.algorithms import community as nxc

    R = nx.Graph()
    R.add_nodes_from(sorted(((n, U.nodes[n]) for n in U if U.degree(n) > 0), key=lambda x: str(x[0])))
    R.add_edges_from(sorted((tuple(sorted((str(u), str(v)))) for u, v in U.edges()), key=str))
    if R.number_of_edges() == 0:
        return [], 0, 0.0
    # deterministic: the algorithm breaks ties by node order, and R's order is sorted
    parts = sorted((sorted(c, key=str) for c in nxc.greedy_modularity_communities(R)),
                   key=lambda c: (-len(c), str(c[0])))
    modularity = nxc.modularity(R, parts)
    out = []
    for c in parts[:top]:
        members = sorted(c, key=lambda n: (-R.degree(n), str(R.nodes[n].get("label", n))))
        types: dict[str, int] = {}
        for n in c:
            t = str(R.nodes[n].get("type", ""))
            types[t] = types.get(t, 0) + 1
        out.append(Community(len(c), [str(R.nodes[n].get("label", n)) for n in members[:8]],
                             dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0])))))
    return out, len(parts), round(float(modularity), 4)


def network_stats(graph: Any, *, top: int = 10) -> NetworkStats:
    """Degree and betweenness top ``top``, components and communities of the entity graph."""
    U = entity_graph(graph)
    n, m = U.number_of_nodes(), U.number_of_edges()
    between, exact = betweenness_ranking(U, top)
    comms, count, q = communities(U, top)
    return NetworkStats(
        nodes=n, edges=m, density=round(nx.density(U), 6) if n > 1 else 0.0,
        degree=degree_ranking(U, top), betweenness=between, betweenness_exact=exact,
        components=components(U), communities=comms, community_count=count, modularity=q,
    )
