"""The evaluation entry point: gold files + a built graph (+ baselines) → :class:`EvalReport`.

Examples
--------
>>> from kg.evaluate.graph_predictions import example_dataset
>>> from kg.evaluate.gold import GoldDocument, GoldEntity
>>> ds = example_dataset()
>>> gold = GoldDocument("demo", entities=(GoldEntity("吕梁市", "Place"),
...                                       GoldEntity("刘胡兰", "Person")))
>>> r = evaluate([gold], ds, baselines=False)
>>> r.system("ours").entities("strict").overall
Counts(tp=1, fp=2, fn=1)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.evaluate.baselines import BASELINES, BaselineUnavailable
from kg.evaluate.gold import GoldDocument, load_gold
from kg.evaluate.graph_predictions import predictions_from_graph
from kg.evaluate.entity_score import MODES, EntityScore, pool_entity_scores, score_entities
from kg.evaluate.predictions import PredictedEntity
from kg.evaluate.quantity_score import QuantityScore, pool_quantity_scores, score_quantities
from kg.evaluate.relation_score import RelationScore, pool_relation_scores, score_relations

__all__ = ["SYSTEM_OURS", "DocumentResult", "SystemResult", "EvalReport", "evaluate",
           "score_system"]

#: Name of the system read from the built graph.
SYSTEM_OURS = "ours"

TextSource = Callable[[str], "str | None"] | Mapping[str, str] | None


@dataclass(frozen=True)
class DocumentResult:
    """Scores of one system on one document.

    ``entities`` is keyed ``(mode, typed)``: ``("strict", True)``, ``("loose", True)``,
    ``("strict", False)``, ``("loose", False)``.
    """

    doc_id: str
    entities: Mapping[tuple[str, bool], EntityScore]
    relations: RelationScore | None = None
    quantities: QuantityScore | None = None
    #: Number of entity predictions.
    predicted: int = 0


@dataclass(frozen=True)
class SystemResult:
    """One system (ours or a baseline) over all gold documents it could run on."""

    name: str
    label: str
    documents: Mapping[str, DocumentResult] = field(default_factory=dict)
    #: Why the system did not run at all (None when it ran).
    unavailable: str | None = None
    #: Per-document problems (no text, document not in the graph), keyed by doc id.
    notes: Mapping[str, str] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        """True when the system ran on at least one document."""
        return self.unavailable is None and bool(self.documents)

    def entities(self, mode: str = "strict", typed: bool = True,
                 doc_id: str | None = None) -> EntityScore:
        """Entity score for one document, or pooled (micro) over documents.

        Examples
        --------
        >>> SystemResult("x", "X").entities().overall
        Counts(tp=0, fp=0, fn=0)
        """
        if doc_id is not None:
            return self.documents[doc_id].entities[(mode, typed)]
        scores = [d.entities[(mode, typed)] for d in self.documents.values()]
        pooled = pool_entity_scores(scores)
        return pooled if scores else EntityScore(None, mode, typed, {})

    @property
    def relations(self) -> RelationScore | None:
        """Relation scores pooled over documents (None for entity-only systems)."""
        scores = [d.relations for d in self.documents.values() if d.relations is not None]
        return pool_relation_scores(scores) if scores else None

    @property
    def quantities(self) -> QuantityScore | None:
        """Quantity recall pooled over documents (None for entity-only systems)."""
        scores = [d.quantities for d in self.documents.values() if d.quantities is not None]
        return pool_quantity_scores(scores) if scores else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of pooled and per-document scores.

        Examples
        --------
        >>> SystemResult("lac", "LAC", unavailable="not installed").to_dict()["available"]
        False
        """
        out: dict[str, Any] = {"name": self.name, "label": self.label,
                               "available": self.available, "unavailable": self.unavailable,
                               "notes": dict(self.notes)}
        if not self.available:
            return out
        # pooled: counts only; the lists are in the documents
        out["pooled"] = {
            "entities": {_key(k): self.entities(*k).to_dict(lists=False) for k in _ENTITY_KEYS},
            **({"relations": self.relations.to_dict(lists=False)} if self.relations else {}),
            **({"quantities": self.quantities.to_dict(lists=False)} if self.quantities else {}),
        }
        out["documents"] = {
            doc_id: {
                "predicted": d.predicted,
                "entities": {_key(k): s.to_dict(lists=k[1]) for k, s in d.entities.items()},
                **({"relations": d.relations.to_dict()} if d.relations else {}),
                **({"quantities": d.quantities.to_dict()} if d.quantities else {}),
            }
            for doc_id, d in self.documents.items()
        }
        return out


_ENTITY_KEYS: tuple[tuple[str, bool], ...] = tuple(
    (m, t) for t in (True, False) for m in MODES)


def _key(k: tuple[str, bool]) -> str:
    return k[0] if k[1] else f"{k[0]}_untyped"


@dataclass(frozen=True)
class EvalReport:
    """Scores of every system on every gold document."""

    golds: tuple[GoldDocument, ...]
    systems: tuple[SystemResult, ...]

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """The gold document ids, in the order given."""
        return tuple(g.doc_id for g in self.golds)

    def system(self, name: str) -> SystemResult:
        """The result of system ``name`` (``ours``, ``jieba``, ``lac``).

        Examples
        --------
        >>> EvalReport((), (SystemResult("ours", "ours"),)).system("ours").label
        'ours'
        """
        for s in self.systems:
            if s.name == name:
                return s
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: documents, then every system's scores.

        Examples
        --------
        >>> EvalReport((), ()).to_dict()
        {'documents': [], 'systems': {}}
        """
        return {
            "documents": [{"doc_id": g.doc_id, "gold_entities": len(g.entities),
                           "required_entities": len(g.required_entities),
                           "relations": len(g.relations), "quantities": len(g.quantities),
                           **({"path": g.path} if g.path else {})} for g in self.golds],
            "systems": {s.name: s.to_dict() for s in self.systems},
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text (UTF-8 names kept readable).

        Examples
        --------
        >>> EvalReport((), ()).to_json(indent=None)
        '{"documents": [], "systems": {}}'
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _score_doc(gold: GoldDocument, entities: Sequence[PredictedEntity],
               relations: Iterable[Any] | None = None,
               observations: Iterable[Any] | None = None) -> DocumentResult:
    return DocumentResult(
        gold.doc_id,
        {(m, t): score_entities(gold, entities, mode=m, typed=t) for m, t in _ENTITY_KEYS},
        score_relations(gold, relations, entities=entities) if relations is not None else None,
        score_quantities(gold, observations, entities=entities)
        if observations is not None else None,
        predicted=len(entities),
    )


def score_system(name: str, golds: Sequence[GoldDocument],
                 predict: Callable[[str], Sequence[PredictedEntity] | None], *,
                 label: str | None = None) -> SystemResult:
    """Score an entity-only system: ``predict(doc_id)`` returns its entities (None: skip).

    Examples
    --------
    >>> from kg.evaluate.gold import GoldDocument, GoldEntity
    >>> gold = GoldDocument("d", entities=(GoldEntity("兴县", "Place"),))
    >>> s = score_system("toy", [gold], lambda doc_id: [PredictedEntity("兴县", "Place")])
    >>> s.entities("strict").overall.f1
    1.0
    """
    docs, notes = {}, {}
    for g in golds:
        entities = predict(g.doc_id)
        if entities is None:
            notes[g.doc_id] = "no prediction"
            continue
        docs[g.doc_id] = _score_doc(g, list(entities))
    return SystemResult(name, label or name, docs, notes=notes)


def _text_getter(texts: TextSource) -> Callable[[str], str | None]:
    if texts is None:
        return lambda doc_id: None
    if isinstance(texts, Mapping):
        return texts.get
    return texts


def evaluate(gold_paths: Iterable[str | Path | GoldDocument], dataset: Any = None, *,
             baselines: bool | Iterable[str] = True,
             texts: TextSource = None) -> EvalReport:
    """Score a built graph (and the baselines) against gold annotation files.

    Parameters
    ----------
    gold_paths : iterable of path or GoldDocument
        Gold JSON files (``gold/GUIDE.md``) or already loaded documents.
    dataset : rdflib.Dataset, optional
        A build output. When None, only the baselines are scored.
    baselines : bool or iterable of str, optional
        Run all baselines (True), none (False) or the named ones (``jieba``, ``lac``).
        A baseline whose package is missing is reported unavailable, not an error.
    texts : callable or mapping, optional
        ``text_for(doc_id) -> str | None``: the original text the baselines read. Without
        it (or when it returns None) baselines skip the document, with a note.

    Returns
    -------
    EvalReport

    Raises
    ------
    kg.errors.InputNotFound, kg.errors.GoldFormatError
        For a missing or malformed gold file.

    Examples
    --------
    >>> from kg.evaluate.gold import GoldDocument, GoldEntity
    >>> gold = GoldDocument("d", entities=(GoldEntity("刘胡兰", "Person"),
    ...                                    GoldEntity("文水县", "Place")))
    >>> r = evaluate([gold], baselines=["jieba"], texts={"d": "刘胡兰是文水县人。"})
    >>> [s.name for s in r.systems], r.system("jieba").entities("strict").overall.tp
    (['jieba'], 2)
    """
    golds = tuple(g if isinstance(g, GoldDocument) else load_gold(g) for g in gold_paths)
    systems = []
    if dataset is not None:
        docs, notes = {}, {}
        for g in golds:
            p = predictions_from_graph(dataset, g.doc_id)
            if not p.found:
                notes[g.doc_id] = "document not in the graph (scored as predicting nothing)"
            docs[g.doc_id] = _score_doc(g, p.entities, p.relations, p.observations)
        systems.append(SystemResult(SYSTEM_OURS, "ours", docs, notes=notes))

    if baselines is True:
        names = list(BASELINES)
    elif baselines is False:
        names = []
    else:
        names = list(baselines)
    text_for = _text_getter(texts)
    for name in names:
        baseline = BASELINES.get(name)
        if baseline is None:
            raise ValueError(f"unknown baseline {name!r}; known: {', '.join(BASELINES)}")
        if not baseline.available():
            systems.append(SystemResult(name, baseline.label,
                                        unavailable=f"{baseline.requires} is not installed"))
            continue

        def predict(doc_id: str, _b=baseline) -> list[PredictedEntity] | None:
            text = text_for(doc_id)
            return None if text is None else _b.predict(text)

        try:
            result = score_system(name, golds, predict, label=baseline.label)
        except BaselineUnavailable as exc:
            result = SystemResult(name, baseline.label, unavailable=str(exc))
        else:
            if not result.documents:
                result = SystemResult(name, baseline.label, unavailable="no document text given",
                                      notes=result.notes)
            else:
                result = SystemResult(name, baseline.label, result.documents,
                                      notes={k: "no text for the document"
                                             for k in result.notes})
        systems.append(result)
    return EvalReport(golds, tuple(systems))
