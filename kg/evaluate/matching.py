"""One-to-one matching of predictions to gold items, and the gold entities a name denotes.

Matching is one-to-one: candidate pairs are ranked and assigned greedily best-first;
augmenting paths then add any pair that raises the number of matches, so no true positive
is lost to an unlucky tie.

Examples
--------
Greedy gives right 0 to left 0 (its best edge); an augmenting path moves left 0 to its
worse edge so that left 1 is matched too:

>>> one_to_one([(0, 0, 0), (0, 1, 0), (1, 0, 1)])
{0: (1, 1), 1: (0, 0)}
>>> from kg.evaluate.gold import GoldEntity
>>> resolver = NameResolver([GoldEntity("吕梁市", "Place", aliases=("吕梁",))])
>>> sorted(resolver.keys("吕梁")), sorted(resolver.keys("兴县"))
(['吕梁市'], ['兴县'])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.evaluate.compare import name_forms, normalize_name
from kg.evaluate.gold import GoldEntity
from kg.evaluate.predictions import PredictedEntity

__all__ = ["one_to_one", "NameResolver"]


def one_to_one(edges: Iterable[tuple[Any, int, int]]) -> dict[int, tuple[int, Any]]:
    """Maximum one-to-one matching of left i to right j, preferring low-ranked edges.

    Greedy best-first on ``(rank, i, j)``; then Kuhn augmenting paths (trying better
    edges first) for every left node still free, which can only add matches.
    Returns ``{i: (j, rank)}``.
    """
    ranked = sorted(edges, key=lambda e: (e[0], e[1], e[2]))
    adj: dict[int, list[tuple[int, Any]]] = {}
    for rank, i, j in ranked:
        adj.setdefault(i, []).append((j, rank))
    left: dict[int, tuple[int, Any]] = {}
    right: dict[int, int] = {}
    for rank, i, j in ranked:
        if i not in left and j not in right:
            left[i] = (j, rank)
            right[j] = i

    def augment(i: int, seen: set[int]) -> bool:
        for j, rank in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in right or augment(right[j], seen):
                left[i] = (j, rank)
                right[j] = i
                return True
        return False

    for i in adj:
        if i not in left:
            augment(i, set())
    return left


class NameResolver:
    """Maps a surface name to the gold entities it may denote (by name or alias).

    ``predicted`` entities lend their aliases: a predicted name that is no gold form is
    resolved through the aliases of the predicted entity carrying that name, so scoring a
    relation does not depend on which surface form the extractor chose as the label.
    """

    def __init__(self, entities: Iterable[GoldEntity],
                 predicted: Iterable[PredictedEntity] | None = None) -> None:
        self._index: dict[str, set[str]] = {}
        for e in entities:
            key = normalize_name(e.name)
            for f in name_forms(e.names):
                self._index.setdefault(f, set()).add(key)
        self._aliases: dict[str, set[str]] = {}
        for p in predicted or ():
            n = normalize_name(p.name)
            if n:
                self._aliases.setdefault(n, set()).update(name_forms(p.aliases))

    def keys(self, name: str) -> frozenset[str]:
        """The gold entities (normalised names) ``name`` may denote; else ``name`` normalised."""
        n = normalize_name(name)
        if not n:
            return frozenset()
        if n in self._index:
            return frozenset(self._index[n])
        via_alias = {k for a in self._aliases.get(n, ()) for k in self._index.get(a, ())}
        return frozenset(via_alias or {n})
