"""Recall of gold quantities among predicted numeric observations, per document and pooled.

Examples
--------
>>> from kg.evaluate.gold import GoldDocument, GoldQuantity
>>> gold = GoldDocument("d", quantities=(GoldQuantity("吕梁市", "面积", 21000, "平方公里"),))
>>> score_quantities(gold, [("吕梁市", 21000, "平方千米")]).subject_recall
1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kg.evaluate.compare import normalize_unit, values_match
from kg.evaluate.gold import GoldDocument, GoldQuantity
from kg.evaluate.matching import NameResolver, one_to_one
from kg.evaluate.predictions import PredictedEntity, PredictedObservation

__all__ = ["QuantityScore", "score_quantities", "pool_quantity_scores"]


@dataclass(frozen=True)
class QuantityScore:
    """Recall of gold quantities (gold lists only the important numbers: no precision).

    ``subject`` recall: a prediction about the same entity has the value (±0.5 %) and the
    unit. ``value`` recall (looser): a prediction about any entity has value and unit.
    """

    doc_id: str | None
    total: int
    recalled_subject: tuple[tuple[GoldQuantity, PredictedObservation], ...] = ()
    recalled_value: tuple[tuple[GoldQuantity, PredictedObservation], ...] = ()
    #: Gold quantities missed by the subject+value criterion.
    missed: tuple[GoldQuantity, ...] = ()
    #: Number of predicted observations for the document(s).
    predicted: int = 0

    @property
    def subject_recall(self) -> float:
        """Share of gold quantities recalled with the right subject.

        Examples
        --------
        >>> QuantityScore("d", 4, recalled_subject=((None, None),)).subject_recall
        0.25
        """
        return len(self.recalled_subject) / self.total if self.total else 0.0

    @property
    def value_recall(self) -> float:
        """Share of gold quantities whose value and unit were predicted for any subject."""
        return len(self.recalled_value) / self.total if self.total else 0.0

    def to_dict(self, *, lists: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (``lists``: with the missed quantities).

        Examples
        --------
        >>> QuantityScore("d", 2).to_dict()["subject_recall"]
        0.0
        """
        out: dict[str, Any] = {
            "doc_id": self.doc_id, "total": self.total, "predicted": self.predicted,
            "subject_value": len(self.recalled_subject),
            "value_only": len(self.recalled_value),
            "subject_recall": round(self.subject_recall, 4),
            "value_recall": round(self.value_recall, 4),
        }
        if not lists:
            return out
        return out | {
            "missed": [{"subject": q.subject, "measure": q.measure, "value": q.value,
                        "unit": q.unit, "raw": q.raw} for q in self.missed],
        }


def score_quantities(gold: GoldDocument,
                     predicted: Iterable[PredictedObservation | Sequence[Any]], *,
                     entities: Iterable[PredictedEntity] | None = None) -> QuantityScore:
    """Recall of the gold quantities of one document among predicted observations.

    A gold quantity is recalled when a predicted observation has the same normalised unit
    (:func:`normalize_unit`) and a value within 0.5 % (:func:`values_match`) and — for the
    ``subject`` figure — a subject denoting the same entity (name or alias). Each
    prediction recalls at most one gold quantity.

    Parameters
    ----------
    gold : GoldDocument
    predicted : iterable of PredictedObservation or (subject, value, unit[, measure, raw])
    entities : iterable of PredictedEntity, optional
        The predicted entities of the document (their aliases help resolve subjects).

    Returns
    -------
    QuantityScore

    Examples
    --------
    >>> from kg.evaluate.gold import GoldDocument, GoldEntity, GoldQuantity
    >>> gold = GoldDocument("d", entities=(GoldEntity("吕梁山护工", "Program"),),
    ...     quantities=(GoldQuantity("吕梁山护工", "累计培训人数", 64000, "人"),
    ...                 GoldQuantity("吕梁市", "总人口", 3850000, "人"),
    ...                 GoldQuantity("吕梁市", "面积", 21000, "平方公里")))
    >>> s = score_quantities(gold, [("吕梁山护工", 64000, "万人"), ("山西省", 3850000, "人")])
    >>> len(s.recalled_subject), len(s.recalled_value), round(s.value_recall, 3)
    (1, 2, 0.667)
    """
    resolve = NameResolver(gold.entities, entities)
    golds = list(gold.quantities)
    preds = [p if isinstance(p, PredictedObservation) else PredictedObservation(*p)
             for p in predicted]
    gsub = [resolve.keys(q.subject) for q in golds]
    psub = [resolve.keys(p.subject) for p in preds]
    gunit = [normalize_unit(q.unit) for q in golds]
    punit = [normalize_unit(p.unit) for p in preds]
    value_edges, subject_edges = [], []
    for i, p in enumerate(preds):
        for j, q in enumerate(golds):
            if punit[i] == gunit[j] and values_match(q.value, p.value):
                close = abs(float(p.value) - float(q.value))
                value_edges.append((close, i, j))
                if psub[i] & gsub[j]:
                    subject_edges.append((close, i, j))
    by_subject = one_to_one(subject_edges)
    by_value = one_to_one(value_edges)
    rec_s = sorted(((j, i) for i, (j, _) in by_subject.items()))
    rec_v = sorted(((j, i) for i, (j, _) in by_value.items()))
    got = {j for j, _ in rec_s}
    return QuantityScore(
        gold.doc_id, len(golds),
        tuple((golds[j], preds[i]) for j, i in rec_s),
        tuple((golds[j], preds[i]) for j, i in rec_v),
        tuple(q for j, q in enumerate(golds) if j not in got),
        predicted=len(preds),
    )


def pool_quantity_scores(scores: Iterable[QuantityScore]) -> QuantityScore:
    """Pool per-document quantity scores.

    Examples
    --------
    >>> pool_quantity_scores([QuantityScore("a", 2), QuantityScore("b", 3)]).total
    5
    """
    scores = list(scores)
    return QuantityScore(None, sum(s.total for s in scores),
                         tuple(x for s in scores for x in s.recalled_subject),
                         tuple(x for s in scores for x in s.recalled_value),
                         tuple(x for s in scores for x in s.missed),
                         predicted=sum(s.predicted for s in scores))
