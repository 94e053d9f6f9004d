"""Scoring predicted entities against gold entities, per document and pooled.

Candidate pairs are ranked (exact name, then name/alias, then alias/alias, then — loose
mode only — containment) and matched one-to-one (:func:`~kg.evaluate.matching.one_to_one`).

Optional gold entities (``required: false``) are neither rewarded nor penalised: a
prediction matching one is set aside (``ignored``) and an unmatched optional entity is not
a miss.

Examples
--------
>>> from kg.evaluate.gold import GoldDocument, GoldEntity
>>> gold = GoldDocument("d", entities=(GoldEntity("吕梁市", "Place", aliases=("吕梁",)),
...                                    GoldEntity("兴县", "Place"),
...                                    GoldEntity("刘胡兰", "Person")))
>>> pred = [PredictedEntity("吕梁", "Place"), PredictedEntity("兴县", "Place"),
...         PredictedEntity("山西", "Place")]
>>> s = score_entities(gold, pred)
>>> s.overall.tp, s.overall.fp, s.overall.fn, round(s.overall.precision, 3)
(2, 1, 1, 0.667)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.evaluate.compare import name_forms
from kg.evaluate.counts import Counts, ordered_keys, sum_counts
from kg.evaluate.gold import ENTITY_TYPES, GoldDocument, GoldEntity
from kg.evaluate.matching import one_to_one
from kg.evaluate.predictions import PredictedEntity

__all__ = ["MODES", "EntityMatch", "EntityScore", "score_entities", "pool_entity_scores"]

#: Entity matching modes.
MODES: tuple[str, ...] = ("strict", "loose")

_RANK_NAMES = ("name", "name-alias", "alias-name", "alias-alias", "contains")


def _entity_rank(pred: tuple[str, ...], gold: tuple[str, ...], loose: bool) -> tuple | None:
    """Rank of the best way ``pred`` forms match ``gold`` forms (lower is better) or None."""
    if pred[0] == gold[0]:
        return (0, 0.0)
    if pred[0] in gold[1:]:
        return (1, 0.0)
    if gold[0] in pred[1:]:
        return (2, 0.0)
    if set(pred[1:]) & set(gold[1:]):
        return (3, 0.0)
    if loose:
        best = None
        for a in pred:
            for b in gold:
                short, long_ = (a, b) if len(a) <= len(b) else (b, a)
                # a one-character form inside a name is coincidence, not a loose match
                if len(short) >= 2 and short in long_:
                    overlap = len(short) / len(long_)
                    best = overlap if best is None else max(best, overlap)
        if best is not None:
            return (4, -best)
    return None


@dataclass(frozen=True, slots=True)
class EntityMatch:
    """A gold entity and the prediction matched to it, with how they matched."""

    gold: GoldEntity
    predicted: PredictedEntity
    #: ``name``, ``name-alias`` (prediction's name is a gold alias), ``alias-name``,
    #: ``alias-alias`` or ``contains`` (loose only).
    how: str


@dataclass(frozen=True)
class EntityScore:
    """Entity scores of one document (or pooled over documents when ``doc_id`` is None).

    ``by_type`` counts TP and FN under the gold type, FP under the predicted type.
    """

    doc_id: str | None
    mode: str
    typed: bool
    by_type: Mapping[str, Counts]
    matches: tuple[EntityMatch, ...] = ()
    #: Required gold entities no prediction matched.
    missed: tuple[GoldEntity, ...] = ()
    #: Predictions matching no gold entity.
    spurious: tuple[PredictedEntity, ...] = ()
    #: Predictions set aside because they match an optional gold entity.
    ignored: tuple[PredictedEntity, ...] = ()
    #: The spurious predictions that match a gold entity another prediction already
    #: matched (a second surface form predicted as a separate entity: a resolution error).
    #: Diagnostic only: they are counted in ``spurious``.
    duplicates: tuple[PredictedEntity, ...] = ()
    #: For pooled scores: the document of each missed / spurious item, in the same order.
    missed_docs: tuple[str, ...] = field(default=(), repr=False)
    spurious_docs: tuple[str, ...] = field(default=(), repr=False)

    @property
    def overall(self) -> Counts:
        """Micro-averaged counts over all types.

        Examples
        --------
        >>> EntityScore("d", "strict", True, {"Place": Counts(1, 0, 1),
        ...                                   "Person": Counts(0, 2, 0)}).overall
        Counts(tp=1, fp=2, fn=1)
        """
        return sum_counts(self.by_type.values())

    @property
    def types(self) -> list[str]:
        """Types with any count, in :data:`ENTITY_TYPES` order."""
        return ordered_keys(self.by_type, ENTITY_TYPES)

    def to_dict(self, *, lists: bool = True) -> dict[str, Any]:
        """A JSON-ready dict: counts per type and overall, and (``lists``) the matched,
        missed, spurious and duplicate entities.

        Examples
        --------
        >>> EntityScore("d", "strict", True, {"Place": Counts(1, 0, 0)}).to_dict()["overall"]["f1"]
        1.0
        """
        out: dict[str, Any] = {
            "doc_id": self.doc_id, "mode": self.mode, "typed": self.typed,
            "overall": self.overall.to_dict(),
            "by_type": {t: self.by_type[t].to_dict() for t in self.types},
            "ignored": len(self.ignored),
        }
        if not lists:
            return out
        return out | {
            "matches": [{"gold": m.gold.name, "predicted": m.predicted.name, "type": m.gold.type,
                         "how": m.how} for m in self.matches],
            "missed": [{"name": g.name, "type": g.type,
                        **({"doc_id": d} if d else {})}
                       for g, d in zip(self.missed, self.missed_docs or [None] * len(self.missed))],
            "spurious": [{"name": p.name, "type": p.type,
                          **({"doc_id": d} if d else {})}
                         for p, d in zip(self.spurious,
                                         self.spurious_docs or [None] * len(self.spurious))],
            "duplicates": [{"name": p.name, "type": p.type} for p in self.duplicates],
        }


def score_entities(gold: GoldDocument | Sequence[GoldEntity],
                   predicted: Iterable[PredictedEntity], *, mode: str = "strict",
                   typed: bool = True) -> EntityScore:
    """Score predicted entities against the gold entities of one document.

    Parameters
    ----------
    gold : GoldDocument or sequence of GoldEntity
    predicted : iterable of PredictedEntity
        ``(name, type, aliases)``; ``type`` is a core type name (``Place`` …).
    mode : {"strict", "loose"}
        ``strict``: some normalised form (name or alias) of the prediction equals some
        normalised form of the gold entity. ``loose``: also when one form contains the
        other (the shorter at least two characters).
    typed : bool, optional
        Require equal types (default). ``typed=False`` ignores types (diagnostics: how
        much is lost to typing alone).

    Returns
    -------
    EntityScore

    Examples
    --------
    Three gold entities (one optional), four predictions:

    >>> from kg.evaluate.gold import GoldEntity
    >>> gold = [GoldEntity("晋绥边区革命纪念馆", "Memorial"), GoldEntity("兴县", "Place"),
    ...         GoldEntity("三个一批", "Program", required=False)]
    >>> pred = [PredictedEntity("晋绥边区革命纪念馆", "Place"), PredictedEntity("兴县", "Place"),
    ...         PredictedEntity("三个一批", "Program"), PredictedEntity("县", "Place")]
    >>> s = score_entities(gold, pred)
    >>> s.overall, [p.name for p in s.ignored]
    (Counts(tp=1, fp=2, fn=1), ['三个一批'])
    >>> score_entities(gold, pred, typed=False).overall
    Counts(tp=2, fp=1, fn=0)
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    doc_id = gold.doc_id if isinstance(gold, GoldDocument) else None
    golds = list(gold.entities if isinstance(gold, GoldDocument) else gold)
    preds = list(predicted)
    loose = mode == "loose"
    gforms = [name_forms(g.names) for g in golds]
    pforms = [name_forms(p.forms) for p in preds]

    def rank(i: int, j: int) -> tuple | None:
        if typed and preds[i].type != golds[j].type:
            return None
        if not pforms[i] or not gforms[j]:
            return None
        return _entity_rank(pforms[i], gforms[j], loose)

    edges = []
    for i in range(len(preds)):
        for j in range(len(golds)):
            r = rank(i, j)
            if r is not None:
                # at equal quality prefer a required gold entity
                edges.append(((r[0], r[1], not golds[j].required), i, j))
    matching = one_to_one(edges)

    by_type: dict[str, Counts] = {}

    def bump(t: str, c: Counts) -> None:
        by_type[t] = by_type.get(t, Counts()) + c

    matched_gold = {j for j, _ in matching.values()}
    optional_js = [j for j, g in enumerate(golds) if not g.required]
    matches, spurious, ignored, spurious_ix = [], [], [], []
    for i, p in enumerate(preds):
        if i in matching:
            j, r = matching[i]
            if golds[j].required:
                matches.append(EntityMatch(golds[j], p, _RANK_NAMES[r[0]]))
                bump(golds[j].type, Counts(tp=1))
            else:
                ignored.append(p)
        elif any(rank(i, j) is not None for j in optional_js):
            ignored.append(p)   # a second prediction of an optional entity: still not penalised
        else:
            spurious.append(p)
            spurious_ix.append(i)
            bump(p.type, Counts(fp=1))
    missed = []
    for j, g in enumerate(golds):
        if g.required and j not in matched_gold:
            missed.append(g)
            bump(g.type, Counts(fn=1))
    duplicates = [preds[i] for i in spurious_ix
                  if any(rank(i, j) is not None for j in matched_gold if golds[j].required)]
    matches.sort(key=lambda m: golds.index(m.gold))
    return EntityScore(doc_id, mode, typed, by_type, tuple(matches), tuple(missed),
                       tuple(spurious), tuple(ignored), tuple(duplicates))


def pool_entity_scores(scores: Iterable[EntityScore]) -> EntityScore:
    """Pool per-document scores (micro: counts are summed).

    Examples
    --------
    >>> a = EntityScore("a", "strict", True, {"Place": Counts(1, 1, 0)})
    >>> b = EntityScore("b", "strict", True, {"Place": Counts(1, 0, 1)})
    >>> pool_entity_scores([a, b]).overall
    Counts(tp=2, fp=1, fn=1)
    """
    scores = list(scores)
    if not scores:
        return EntityScore(None, "strict", True, {})
    modes = {(s.mode, s.typed) for s in scores}
    if len(modes) > 1:
        raise ValueError(f"cannot pool scores of different modes: {sorted(modes)}")
    by_type: dict[str, Counts] = {}
    for s in scores:
        for t, c in s.by_type.items():
            by_type[t] = by_type.get(t, Counts()) + c
    return EntityScore(
        None, scores[0].mode, scores[0].typed, by_type,
        tuple(m for s in scores for m in s.matches),
        tuple(g for s in scores for g in s.missed),
        tuple(p for s in scores for p in s.spurious),
        tuple(p for s in scores for p in s.ignored),
        tuple(p for s in scores for p in s.duplicates),
        missed_docs=tuple(d for s in scores
                          for d in (s.missed_docs or [s.doc_id or ""] * len(s.missed))),
        spurious_docs=tuple(d for s in scores
                            for d in (s.spurious_docs or [s.doc_id or ""] * len(s.spurious))),
    )
