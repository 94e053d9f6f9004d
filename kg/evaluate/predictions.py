"""What a system predicts for one document: entities, relations and numeric observations.

These are the inputs of scoring (:mod:`~kg.evaluate.entity_score`,
:mod:`~kg.evaluate.relation_score`, :mod:`~kg.evaluate.quantity_score`); they are read
from a built graph (:mod:`~kg.evaluate.graph_predictions`) or produced by a baseline.

Examples
--------
>>> PredictedEntity("吕梁", "Place").forms
('吕梁',)
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

__all__ = ["PredictedEntity", "PredictedRelation", "PredictedObservation"]


class PredictedEntity(NamedTuple):
    """An entity predicted for one document: a name, a core type and other surface forms.

    Examples
    --------
    >>> PredictedEntity("吕梁市", "Place", frozenset({"吕梁"})).forms
    ('吕梁市', '吕梁')
    """

    name: str
    type: str
    aliases: frozenset[str] = frozenset()

    @property
    def forms(self) -> tuple[str, ...]:
        """The name followed by the aliases (sorted)."""
        return (self.name, *sorted(a for a in self.aliases if a != self.name))


class PredictedRelation(NamedTuple):
    """A predicted relation between two names; ``role`` only for ``heldPosition``.

    A plain ``(subject, predicate, object)`` triple is accepted wherever a
    ``PredictedRelation`` is.

    Examples
    --------
    >>> PredictedRelation("孙大军", "heldPosition", "吕梁市委", "市委书记").role
    '市委书记'
    """

    subject: str
    predicate: str
    object: str
    role: str | None = None


class PredictedObservation(NamedTuple):
    """A predicted numeric fact: ``value`` in base units about the entity named ``subject``.

    Examples
    --------
    >>> PredictedObservation("吕梁山护工", 64000, "人").unit
    '人'
    """

    subject: str
    value: float | int | Decimal
    unit: str
    measure: str | None = None
    raw: str | None = None
