"""Scoring predicted relations against gold relations, per document and pooled.

Subject and object are compared as entities (:class:`~kg.evaluate.matching.NameResolver`);
``partnerOf`` is symmetric; ``heldPosition`` role titles are scored apart
(:class:`RoleScore`).

Examples
--------
>>> from kg.evaluate.gold import GoldDocument, GoldEntity, GoldRelation
>>> gold = GoldDocument("d", entities=(GoldEntity("兴县", "Place"), GoldEntity("吕梁市", "Place")),
...                     relations=(GoldRelation("兴县", "locatedIn", "吕梁市"),))
>>> score_relations(gold, [("兴县", "locatedIn", "吕梁市")]).overall
Counts(tp=1, fp=0, fn=0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kg.evaluate.compare import normalize_name
from kg.evaluate.counts import Counts, ordered_keys, sum_counts
from kg.evaluate.gold import RELATION_PREDICATES, GoldDocument, GoldRelation
from kg.evaluate.matching import NameResolver, one_to_one
from kg.evaluate.predictions import PredictedEntity, PredictedRelation

__all__ = ["RoleScore", "RelationScore", "score_relations", "pool_relation_scores"]


@dataclass(frozen=True, slots=True)
class RoleScore:
    """Role titles of matched ``heldPosition`` pairs where both sides give one."""

    total: int = 0
    #: Normalised role titles equal.
    correct: int = 0
    #: One role title contains the other (``书记`` vs ``市委书记``).
    loose_correct: int = 0

    def __add__(self, other: RoleScore) -> RoleScore:
        return RoleScore(self.total + other.total, self.correct + other.correct,
                         self.loose_correct + other.loose_correct)

    @property
    def accuracy(self) -> float:
        """correct / total (0.0 when no role could be compared).

        Examples
        --------
        >>> RoleScore(4, 3, 4).accuracy
        0.75
        """
        return self.correct / self.total if self.total else 0.0

    @property
    def loose_accuracy(self) -> float:
        """loose_correct / total."""
        return self.loose_correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class RelationScore:
    """Relation scores of one document (or pooled): per predicate counts and role accuracy."""

    doc_id: str | None
    by_predicate: Mapping[str, Counts]
    matches: tuple[tuple[GoldRelation, PredictedRelation], ...] = ()
    missed: tuple[GoldRelation, ...] = ()
    spurious: tuple[PredictedRelation, ...] = ()
    roles: RoleScore = RoleScore()

    @property
    def overall(self) -> Counts:
        """Micro-averaged counts over all predicates.

        Examples
        --------
        >>> RelationScore("d", {"locatedIn": Counts(1, 0, 0), "partnerOf": Counts(0, 1, 1)}).overall
        Counts(tp=1, fp=1, fn=1)
        """
        return sum_counts(self.by_predicate.values())

    @property
    def predicates(self) -> list[str]:
        """Predicates with any count, in :data:`RELATION_PREDICATES` order."""
        return ordered_keys(self.by_predicate, RELATION_PREDICATES)

    def to_dict(self, *, lists: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (``lists``: with the missed and spurious relations).

        Examples
        --------
        >>> RelationScore("d", {"locatedIn": Counts(1, 0, 0)}).to_dict()["overall"]["tp"]
        1
        """
        out: dict[str, Any] = {
            "doc_id": self.doc_id, "overall": self.overall.to_dict(),
            "by_predicate": {p: self.by_predicate[p].to_dict() for p in self.predicates},
            "roles": {"total": self.roles.total, "correct": self.roles.correct,
                      "loose_correct": self.roles.loose_correct,
                      "accuracy": round(self.roles.accuracy, 4)},
        }
        if not lists:
            return out
        return out | {
            "missed": [[r.subject, r.predicate, r.object] for r in self.missed],
            "spurious": [[r.subject, r.predicate, r.object] for r in self.spurious],
        }


def _as_relation(r: PredictedRelation | Sequence[str | None]) -> PredictedRelation:
    if isinstance(r, PredictedRelation):
        return r
    if len(r) not in (3, 4):
        raise ValueError(f"a predicted relation is (subject, predicate, object[, role]): {r!r}")
    return PredictedRelation(*r)  # type: ignore[arg-type]


#: Predicates whose direction does not matter.
_SYMMETRIC = frozenset({"partnerOf"})


def score_relations(gold: GoldDocument,
                    predicted: Iterable[PredictedRelation | Sequence[str | None]], *,
                    entities: Iterable[PredictedEntity] | None = None) -> RelationScore:
    """Score predicted relations against the gold relations of one document.

    Subject and object are compared as entities: a name or any alias of a gold entity
    denotes that entity (after :func:`normalize_name`); other names are compared as
    normalised strings; with ``entities``, a predicted name that is no gold form is also
    looked up through the aliases of the predicted entity of that name. ``partnerOf`` is
    symmetric. Predictions that denote the same
    relation are counted once. For ``heldPosition`` the role title is scored separately
    (:class:`RoleScore`) and does not affect the match.

    Parameters
    ----------
    gold : GoldDocument
    predicted : iterable of PredictedRelation or (subject, predicate, object[, role])
    entities : iterable of PredictedEntity, optional
        The predicted entities of the document (their aliases help resolve names).

    Returns
    -------
    RelationScore

    Examples
    --------
    >>> from kg.evaluate.gold import GoldDocument, GoldEntity, GoldRelation
    >>> gold = GoldDocument("d",
    ...     entities=(GoldEntity("吕梁市", "Place", aliases=("吕梁",)),
    ...               GoldEntity("太原理工大学", "Institution"),
    ...               GoldEntity("孙大军", "Person"), GoldEntity("吕梁市委", "Institution")),
    ...     relations=(GoldRelation("吕梁市", "partnerOf", "太原理工大学"),
    ...                GoldRelation("孙大军", "heldPosition", "吕梁市委", role="市委书记"),
    ...                GoldRelation("兴县", "locatedIn", "吕梁市")))
    >>> s = score_relations(gold, [("太原理工大学", "partnerOf", "吕梁"),
    ...                            ("孙大军", "heldPosition", "吕梁市委", "书记"),
    ...                            ("兴县", "locatedIn", "山西省")])
    >>> s.overall, s.by_predicate["locatedIn"], (s.roles.correct, s.roles.loose_correct)
    (Counts(tp=2, fp=1, fn=1), Counts(tp=0, fp=1, fn=1), (0, 1))

    The label chosen for an entity need not be a gold form if an alias is:

    >>> score_relations(gold, [("孙大军", "heldPosition", "中共吕梁市委")],
    ...     entities=[PredictedEntity("中共吕梁市委", "Institution", frozenset({"吕梁市委"}))]
    ...     ).by_predicate["heldPosition"]
    Counts(tp=1, fp=0, fn=0)
    """
    resolve = NameResolver(gold.entities, entities)
    golds = list(gold.relations)
    gkeys = [(r.predicate, resolve.keys(r.subject), resolve.keys(r.object)) for r in golds]

    # collapse predictions denoting the same relation; keep every role stated for it
    preds: list[PredictedRelation] = []
    pkeys: list[tuple[str, frozenset[str], frozenset[str]]] = []
    roles: list[set[str]] = []
    seen: dict[tuple, int] = {}
    for r in map(_as_relation, predicted):
        s, o = resolve.keys(r.subject), resolve.keys(r.object)
        if not s or not o:
            continue
        key = (r.predicate, s, o)
        if r.predicate in _SYMMETRIC:
            key = (r.predicate, *sorted((s, o), key=sorted))
        if key in seen:
            if r.role:
                roles[seen[key]].add(r.role)
            continue
        seen[key] = len(preds)
        preds.append(r)
        pkeys.append((r.predicate, s, o))
        roles.append({r.role} if r.role else set())

    def matches(pk: tuple, gk: tuple) -> bool:
        if pk[0] != gk[0]:
            return False
        if pk[1] & gk[1] and pk[2] & gk[2]:
            return True
        return pk[0] in _SYMMETRIC and bool(pk[1] & gk[2] and pk[2] & gk[1])

    edges = [(0, i, j) for i, pk in enumerate(pkeys) for j, gk in enumerate(gkeys)
             if matches(pk, gk)]
    matching = one_to_one(edges)

    by_predicate: dict[str, Counts] = {}

    def bump(p: str, c: Counts) -> None:
        by_predicate[p] = by_predicate.get(p, Counts()) + c

    role_score = RoleScore()
    matched, spurious = [], []
    for i, p in enumerate(preds):
        if i in matching:
            g = golds[matching[i][0]]
            matched.append((g, p))
            bump(g.predicate, Counts(tp=1))
            if g.predicate == "heldPosition" and g.role and roles[i]:
                gr = normalize_name(g.role)
                prs = {normalize_name(x) for x in roles[i]} - {""}
                if prs:
                    role_score = role_score + RoleScore(
                        1, int(gr in prs),
                        int(any(gr in x or x in gr for x in prs)))
        else:
            spurious.append(p)
            bump(p.predicate, Counts(fp=1))
    got = {j for j, _ in matching.values()}
    missed = [g for j, g in enumerate(golds) if j not in got]
    for g in missed:
        bump(g.predicate, Counts(fn=1))
    matched.sort(key=lambda m: golds.index(m[0]))
    return RelationScore(gold.doc_id, by_predicate, tuple(matched), tuple(missed),
                         tuple(spurious), role_score)


def pool_relation_scores(scores: Iterable[RelationScore]) -> RelationScore:
    """Pool per-document relation scores (counts summed).

    Examples
    --------
    >>> a = RelationScore("a", {"locatedIn": Counts(1, 0, 0)}, roles=RoleScore(1, 1, 1))
    >>> b = RelationScore("b", {"locatedIn": Counts(0, 1, 0)})
    >>> p = pool_relation_scores([a, b])
    >>> p.overall, p.roles.total
    (Counts(tp=1, fp=1, fn=0), 1)
    """
    scores = list(scores)
    by_predicate: dict[str, Counts] = {}
    roles = RoleScore()
    for s in scores:
        roles = roles + s.roles
        for p, c in s.by_predicate.items():
            by_predicate[p] = by_predicate.get(p, Counts()) + c
    return RelationScore(None, by_predicate,
                         tuple(m for s in scores for m in s.matches),
                         tuple(m for s in scores for m in s.missed),
                         tuple(m for s in scores for m in s.spurious), roles)
