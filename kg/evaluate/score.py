"""Scoring predictions against gold annotations: entities, relations, quantities.

One import for the scoring API; each part lives in its own module:

- :mod:`~kg.evaluate.compare` — name, unit and value normalisation;
- :mod:`~kg.evaluate.predictions` — the predicted entities, relations and observations;
- :mod:`~kg.evaluate.counts` — TP/FP/FN counts and P/R/F1;
- :mod:`~kg.evaluate.matching` — one-to-one matching and resolving names to gold entities;
- :mod:`~kg.evaluate.entity_score`, :mod:`~kg.evaluate.relation_score`,
  :mod:`~kg.evaluate.quantity_score` — the scores themselves.

Examples
--------
The names import from here as from their modules:

>>> from kg.evaluate.gold import GoldDocument, GoldEntity, GoldRelation
>>> gold = GoldDocument("d", entities=(GoldEntity("兴县", "Place"),),
...                     relations=(GoldRelation("兴县", "locatedIn", "吕梁市"),))
>>> score_entities(gold, [PredictedEntity("兴县", "Place")]).overall.f1
1.0
>>> score_relations(gold, [PredictedRelation("兴县", "locatedIn", "吕梁市")]).overall.f1
1.0
"""

from kg.evaluate.compare import normalize_name, normalize_unit, values_match
from kg.evaluate.counts import Counts
from kg.evaluate.entity_score import (
    MODES,
    EntityMatch,
    EntityScore,
    pool_entity_scores,
    score_entities,
)
from kg.evaluate.predictions import PredictedEntity, PredictedObservation, PredictedRelation
from kg.evaluate.quantity_score import QuantityScore, pool_quantity_scores, score_quantities
from kg.evaluate.relation_score import (
    RelationScore,
    RoleScore,
    pool_relation_scores,
    score_relations,
)

__all__ = [
    "MODES",
    "PredictedEntity",
    "PredictedRelation",
    "PredictedObservation",
    "Counts",
    "EntityMatch",
    "EntityScore",
    "RoleScore",
    "RelationScore",
    "QuantityScore",
    "normalize_name",
    "normalize_unit",
    "values_match",
    "score_entities",
    "score_relations",
    "score_quantities",
    "pool_entity_scores",
    "pool_relation_scores",
    "pool_quantity_scores",
]
