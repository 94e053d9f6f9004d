"""Evaluation: gold loading, scoring, baselines and reports.

Data flow: gold JSON (:mod:`~kg.evaluate.gold`) and predictions — read from a built graph
(:mod:`~kg.evaluate.graph_predictions`) or produced by a baseline tagger
(:mod:`~kg.evaluate.baselines`) — are scored (:mod:`~kg.evaluate.entity_score`,
:mod:`~kg.evaluate.relation_score`, :mod:`~kg.evaluate.quantity_score`; all re-exported by
:mod:`~kg.evaluate.score`) into an :class:`EvalReport` (:mod:`~kg.evaluate.runner`) and
rendered (:mod:`~kg.evaluate.report`).

Examples
--------
>>> from kg.evaluate import GoldDocument, GoldEntity, PredictedEntity, score_entities
>>> gold = GoldDocument("d", entities=(GoldEntity("碛口古镇", "Place", aliases=("隰口古镇",)),))
>>> score_entities(gold, [PredictedEntity("隰口古镇", "Place")]).overall.f1
1.0
"""

from kg.evaluate.baselines import (
    BASELINES,
    Baseline,
    BaselineUnavailable,
    baseline_available,
    jieba_entities,
    lac_entities,
)
from kg.evaluate.compare import normalize_name, normalize_unit, values_match
from kg.evaluate.counts import Counts
from kg.evaluate.entity_score import EntityMatch, EntityScore, pool_entity_scores, score_entities
from kg.evaluate.gold import (
    ENTITY_TYPES,
    RELATION_PREDICATES,
    GoldDocument,
    GoldEntity,
    GoldQuantity,
    GoldQuestion,
    GoldRelation,
    load_gold,
    parse_gold,
)
from kg.evaluate.graph_predictions import (
    GraphPredictions,
    graph_doc_ids,
    predicted_entities,
    predicted_observations,
    predicted_relations,
    predictions_from_graph,
)
from kg.evaluate.predictions import PredictedEntity, PredictedObservation, PredictedRelation
from kg.evaluate.quantity_score import QuantityScore, pool_quantity_scores, score_quantities
from kg.evaluate.relation_score import (
    RelationScore,
    RoleScore,
    pool_relation_scores,
    score_relations,
)
from kg.evaluate.report import print_report, render, report_tables, to_json, to_markdown
from kg.evaluate.runner import DocumentResult, EvalReport, SystemResult, evaluate, score_system

__all__ = [
    "BASELINES", "Baseline", "BaselineUnavailable", "baseline_available", "jieba_entities",
    "lac_entities",
    "ENTITY_TYPES", "RELATION_PREDICATES", "GoldDocument", "GoldEntity", "GoldQuantity",
    "GoldQuestion", "GoldRelation", "load_gold", "parse_gold",
    "GraphPredictions", "graph_doc_ids", "predicted_entities", "predicted_observations",
    "predicted_relations", "predictions_from_graph",
    "print_report", "render", "report_tables", "to_json", "to_markdown",
    "DocumentResult", "EvalReport", "SystemResult", "evaluate", "score_system",
    "Counts", "EntityMatch", "EntityScore", "PredictedEntity", "PredictedObservation",
    "PredictedRelation", "QuantityScore", "RelationScore", "RoleScore", "normalize_name",
    "normalize_unit", "pool_entity_scores", "pool_quantity_scores", "pool_relation_scores",
    "score_entities", "score_quantities", "score_relations", "values_match",
]
