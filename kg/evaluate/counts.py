"""True/false positive and false negative counts, and the precision, recall and F1 they give.

Examples
--------
>>> sum_counts([Counts(1, 0, 0), Counts(0, 1, 2)])
Counts(tp=1, fp=1, fn=2)
>>> ordered_keys({"b", "z", "a"}, ("b", "a"))
['b', 'a', 'z']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Counts", "sum_counts", "ordered_keys"]


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives, false negatives and the derived P/R/F1.

    Undefined ratios (no predictions, no gold) are 0.0; the counts tell them apart.

    Examples
    --------
    >>> c = Counts(2, 1, 1)
    >>> round(c.precision, 4), round(c.recall, 4), round(c.f1, 4)
    (0.6667, 0.6667, 0.6667)
    >>> (c + Counts(1, 0, 0)).tp, Counts().f1
    (3, 0.0)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def gold(self) -> int:
        """Number of gold items (TP + FN)."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        """Number of scored predictions (TP + FP)."""
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        """TP / (TP + FP), 0.0 when nothing was predicted."""
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN), 0.0 when there is no gold."""
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (2TP / (2TP + FP + FN))."""
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """Counts and ratios as a JSON-ready dict.

        Examples
        --------
        >>> Counts(1, 1, 0).to_dict()
        {'tp': 1, 'fp': 1, 'fn': 0, 'precision': 0.5, 'recall': 1.0, 'f1': 0.6667}
        """
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


def sum_counts(counts: Iterable[Counts]) -> Counts:
    """The sum of ``counts`` (micro-averaging)."""
    total = Counts()
    for c in counts:
        total = total + c
    return total


def ordered_keys(keys: Iterable[str], order: Sequence[str]) -> list[str]:
    """``keys`` in ``order``, then any others sorted."""
    keys = set(keys)
    return [k for k in order if k in keys] + sorted(keys - set(order))
