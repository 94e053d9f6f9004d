"""Read predictions (entities, relations, observations) for one document out of a built graph.

The graph follows the data model of ``DESIGN.md``: every document is a named graph whose
name is the document IRI (the ``lv:Document`` with ``dcterms:identifier`` = doc id); the
ontology, with its ``rdfs:subClassOf`` axioms, is in its own named graph. Everything is
read with triple patterns on the rdflib ``Dataset`` (no SPARQL, no writes), so any rdflib
store backend works.

- Entities: subjects with ``lv:mentionedIn <doc>`` in the document graph. Name is the
  ``rdfs:label`` in Chinese (document graph first, then any graph), aliases are the
  ``skos:altLabel`` in the document graph, the type is the core class reached by
  ``rdf:type/rdfs:subClassOf*`` (the nearest one if several).
- Relations: ``lv:locatedIn|partnerOf|operatedBy|heldPosition|renamedTo`` triples in the
  document graph, plus ``lv:Position`` nodes (``lv:holder``, ``lv:organization``,
  ``lv:roleTitle``, ``lv:statedIn <doc>``) for the heldPosition role.
- Observations: nodes with ``lv:about`` and ``schema:value`` (and ``schema:unitText``) in the
  document graph.

Examples
--------
>>> ds = example_dataset()          # a tiny graph in that model
>>> p = predictions_from_graph(ds, "demo")
>>> sorted((e.name, e.type) for e in p.entities)
[('兴县', 'Place'), ('吕梁市', 'Place'), ('晋绥边区革命纪念馆', 'Memorial')]
>>> sorted(p.relations)[0]
PredictedRelation(subject='兴县', predicate='locatedIn', object='吕梁市', role=None)
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.evaluate.gold import ENTITY_TYPES, RELATION_PREDICATES
from kg.evaluate.predictions import PredictedEntity, PredictedObservation, PredictedRelation

__all__ = [
    "LV",
    "SCHEMA",
    "RESOURCE",
    "ONTOLOGY_GRAPH",
    "OTHER_TYPE",
    "EXAMPLE_TRIG",
    "example_dataset",
    "GraphPredictions",
    "document_iri",
    "graph_doc_ids",
    "predicted_entities",
    "predicted_relations",
    "predicted_observations",
    "predictions_from_graph",
]

LV = Namespace("https://w3id.org/lvliang-kg/ontology#")
SCHEMA = Namespace("http://schema.org/")
_SCHEMA_HTTPS = Namespace("https://schema.org/")
RESOURCE = Namespace("https://w3id.org/lvliang-kg/resource/")
ONTOLOGY_GRAPH = URIRef("https://w3id.org/lvliang-kg/graph/ontology")
#: Type given to an entity whose classes reach no core class.
OTHER_TYPE = "Other"

_CORE = {LV[t]: t for t in ENTITY_TYPES}

#: A tiny graph in the DESIGN.md model, used by the doctests and as a reference.
EXAMPLE_TRIG = """
@prefix lv: <https://w3id.org/lvliang-kg/ontology#> .
@prefix r: <https://w3id.org/lvliang-kg/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <http://schema.org/> .
<https://w3id.org/lvliang-kg/graph/ontology> {
  lv:County rdfs:subClassOf lv:Place .
  lv:City rdfs:subClassOf lv:Place .
  lv:MemorialHall rdfs:subClassOf lv:Memorial .
}
r:doc\\/demo {
  r:doc\\/demo a lv:Document ; dcterms:identifier "demo" .
  r:lvliang a lv:City ; rdfs:label "吕梁市"@zh, "Lüliang"@zh-Latn-pinyin ;
    skos:altLabel "吕梁"@zh ; lv:mentionedIn r:doc\\/demo .
  r:xingxian a lv:County ; rdfs:label "兴县"@zh ; lv:mentionedIn r:doc\\/demo ;
    lv:locatedIn r:lvliang .
  r:jinsui a lv:MemorialHall ; rdfs:label "晋绥边区革命纪念馆"@zh ;
    lv:mentionedIn r:doc\\/demo ; lv:locatedIn r:xingxian .
  r:obs1 a lv:Observation ; lv:about r:lvliang ; lv:measure "总人口" ;
    schema:value 3850000.0 ; schema:unitText "人" ; lv:rawText "385万" .
}
"""


def example_dataset() -> Dataset:
    """A fresh ``Dataset`` holding :data:`EXAMPLE_TRIG` (for examples and quick checks).

    Examples
    --------
    >>> sorted(str(g.identifier).rsplit("/", 1)[-1] for g in example_dataset().graphs())
    ['demo', 'ontology', 'urn:x-rdflib:default']
    """
    ds = Dataset()
    with warnings.catch_warnings():
        # rdflib 7's own TriG parser still uses its deprecated ConjunctiveGraph internally
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=EXAMPLE_TRIG, format="trig")
    return ds


def _quads(ds: Any, s: Node | None, p: Node | None, o: Node | None,
           g: Node | None) -> Iterator[tuple[Node, Node, Node, Any]]:
    """Quads matching a pattern; ``g`` None means any graph. Never creates a graph."""
    for q in ds.quads((s, p, o, g)):
        ctx = q[3]
        yield q[0], q[1], q[2], getattr(ctx, "identifier", ctx)


def _objects(ds: Any, s: Node, p: Node, g: Node | None = None) -> list[Node]:
    return [o for _, _, o, _ in _quads(ds, s, p, None, g)]


def graph_doc_ids(dataset: Any) -> list[str]:
    """The ``dcterms:identifier`` of every ``lv:Document`` in the dataset, sorted.

    Examples
    --------
    >>> ds = example_dataset()
    >>> graph_doc_ids(ds)
    ['demo']
    """
    ids = set()
    for doc, _, _, _ in _quads(dataset, None, RDF.type, LV.Document, None):
        for ident in _objects(dataset, doc, DCTERMS.identifier):
            ids.add(str(ident))
    return sorted(ids)


def document_iri(dataset: Any, doc_id: str) -> URIRef:
    """The IRI of the document ``doc_id``: the subject with that ``dcterms:identifier``
    (preferring an ``lv:Document``), else the DESIGN.md pattern ``resource/doc/{doc_id}``.

    Examples
    --------
    >>> from rdflib import Dataset
    >>> document_iri(Dataset(), "000_03dcd241c001a0f4")
    rdflib.term.URIRef('https://w3id.org/lvliang-kg/resource/doc/000_03dcd241c001a0f4')
    """
    candidates = sorted({s for s, _, _, _ in _quads(dataset, None, DCTERMS.identifier,
                                                     Literal(doc_id), None)
                         if isinstance(s, URIRef)})
    if not candidates:
        # the identifier may carry a datatype or language tag
        candidates = sorted({s for s, _, o, _ in _quads(dataset, None, DCTERMS.identifier,
                                                         None, None)
                             if isinstance(s, URIRef) and str(o) == doc_id})
    docs = [c for c in candidates if (c, RDF.type, LV.Document) in _triples_any(dataset)]
    if docs:
        return docs[0]
    if candidates:
        return candidates[0]
    return URIRef(f"{RESOURCE}doc/{doc_id}")


class _triples_any:
    """``(s, p, o) in _triples_any(ds)``: is the triple in any graph of the dataset."""

    def __init__(self, ds: Any) -> None:
        self.ds = ds

    def __contains__(self, triple: tuple[Node, Node, Node]) -> bool:
        return next(_quads(self.ds, *triple, None), None) is not None


def _is_zh(lit: Node) -> bool:
    if not isinstance(lit, Literal) or not str(lit).strip():
        return False
    lang = (lit.language or "").lower()
    return lang == "" or (lang.startswith("zh") and "latn" not in lang)


def _label(ds: Any, node: Node, graph: Node) -> str | None:
    """Chinese ``rdfs:label``: document graph first, then any graph; ``zh`` before ``zh-*``."""
    for g in (graph, None):
        labels = [o for o in _objects(ds, node, RDFS.label, g) if _is_zh(o)]
        if labels:
            labels.sort(key=lambda lit: ((lit.language or "").lower() != "zh",
                                         lit.language is None, str(lit)))
            return str(labels[0])
    return None


def _name(ds: Any, node: Node, graph: Node) -> str:
    """A label, else the IRI's local name (so an unlabelled object is still scored)."""
    label = _label(ds, node, graph)
    if label is not None:
        return label
    if isinstance(node, Literal):
        return str(node)
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Typing:
    """Core type of a node via ``rdf:type/rdfs:subClassOf*`` (nearest core class wins)."""

    def __init__(self, ds: Any) -> None:
        self.ds = ds
        self.supers: dict[Node, set[Node]] = {}
        for c, _, sup, _ in _quads(ds, None, RDFS.subClassOf, None, None):
            if c != sup:
                self.supers.setdefault(c, set()).add(sup)
        self._cache: dict[Node, tuple[int, int] | None] = {}

    def _core(self, cls: Node) -> tuple[int, int] | None:
        """(distance, priority) of the nearest core class above ``cls`` (BFS)."""
        if cls in self._cache:
            return self._cache[cls]
        frontier, seen, dist, found = [cls], {cls}, 0, None
        while frontier and found is None:
            hits = [_CORE[c] for c in frontier if c in _CORE]
            if hits:
                found = min((dist, ENTITY_TYPES.index(h)) for h in hits)
                break
            nxt = []
            for c in frontier:
                for s in self.supers.get(c, ()):
                    if s not in seen:
                        seen.add(s)
                        nxt.append(s)
            frontier, dist = nxt, dist + 1
        self._cache[cls] = found
        return found

    def core_type(self, node: Node) -> str | None:
        best = None
        for cls in _objects(self.ds, node, RDF.type):
            r = self._core(cls)
            if r is not None and (best is None or r < best):
                best = r
        return ENTITY_TYPES[best[1]] if best else None


def predicted_entities(dataset: Any, doc_id: str) -> list[PredictedEntity]:
    """Entities mentioned in document ``doc_id`` of a built graph.

    Parameters
    ----------
    dataset : rdflib.Dataset
        A build output (ontology graph + document graphs).
    doc_id : str
        The document identifier (file name without extension).

    Returns
    -------
    list of PredictedEntity
        Sorted by name; entities reaching no core class get type :data:`OTHER_TYPE`
        (they count as spurious in typed scoring); entities with no Chinese label
        are skipped.

    Examples
    --------
    >>> ds = example_dataset()
    >>> predicted_entities(ds, "demo")[1]
    PredictedEntity(name='吕梁市', type='Place', aliases=frozenset({'吕梁'}))
    >>> predicted_entities(ds, "no-such-doc")
    []
    """
    doc = document_iri(dataset, doc_id)
    typing = _Typing(dataset)
    out = []
    for node in sorted({s for s, _, _, _ in _quads(dataset, None, LV.mentionedIn, doc, doc)}):
        name = _label(dataset, node, doc)
        if name is None:
            continue
        aliases = frozenset(str(o) for o in _objects(dataset, node, SKOS.altLabel, doc)
                            if _is_zh(o) and str(o) != name)
        out.append(PredictedEntity(name, typing.core_type(node) or OTHER_TYPE, aliases))
    out.sort(key=lambda e: (e.name, e.type))
    return out


def _scored_properties(dataset: Any) -> list[tuple[str, Node]]:
    """(gold predicate, property) pairs: each predicate and its sub-properties in the
    ontology (an event's ``lv:heldAt`` place is a ``lv:locatedIn`` fact)."""
    out = []
    for pred in RELATION_PREDICATES:
        props, frontier = {LV[pred]}, [LV[pred]]
        while frontier:
            sup = frontier.pop()
            for sub, _, _, _ in _quads(dataset, None, RDFS.subPropertyOf, sup, None):
                if sub not in props:
                    props.add(sub)
                    frontier.append(sub)
        out += [(pred, p) for p in sorted(props)]
    return out


def predicted_relations(dataset: Any, doc_id: str) -> list[PredictedRelation]:
    """Relations stated in document ``doc_id``: ``(label(s), predicate, label(o), role)``.

    ``heldPosition`` pairs also come from ``lv:Position`` nodes stated in the document;
    their ``lv:roleTitle`` fills ``role`` (one relation per role title).

    Examples
    --------
    >>> ds = example_dataset()
    >>> [r[:3] for r in predicted_relations(ds, "demo")]
    [('兴县', 'locatedIn', '吕梁市'), ('晋绥边区革命纪念馆', 'locatedIn', '兴县')]
    """
    doc = document_iri(dataset, doc_id)
    rels: set[PredictedRelation] = set()
    positions: dict[tuple[Node, Node], set[str]] = {}
    for pos, _, _, _ in _quads(dataset, None, LV.statedIn, doc, None):
        holders = _objects(dataset, pos, LV.holder)
        orgs = _objects(dataset, pos, LV.organization)
        titles = {str(t) for t in _objects(dataset, pos, LV.roleTitle) if str(t).strip()}
        for h in holders:
            for o in orgs:
                positions.setdefault((h, o), set()).update(titles)
    for pred, prop in _scored_properties(dataset):
        for s, _, o, _ in _quads(dataset, None, prop, None, doc):
            if pred == "heldPosition":
                positions.setdefault((s, o), set())
                continue
            rels.add(PredictedRelation(_name(dataset, s, doc), pred, _name(dataset, o, doc)))
    for (h, o), titles in positions.items():
        subject, obj = _name(dataset, h, doc), _name(dataset, o, doc)
        for title in sorted(titles) or [None]:
            rels.add(PredictedRelation(subject, "heldPosition", obj, title))
    return sorted(rels, key=lambda r: (r.subject, r.predicate, r.object, r.role or ""))


def predicted_observations(dataset: Any, doc_id: str) -> list[PredictedObservation]:
    """Numeric observations in document ``doc_id``'s graph.

    Examples
    --------
    >>> ds = example_dataset()
    >>> obs = predicted_observations(ds, "demo")[0]
    >>> obs.subject, float(obs.value), obs.unit, obs.measure, obs.raw
    ('吕梁市', 3850000.0, '人', '总人口', '385万')
    """
    doc = document_iri(dataset, doc_id)
    out = []
    for node, _, about, _ in _quads(dataset, None, LV.about, None, doc):
        values = [*_objects(dataset, node, SCHEMA.value, doc),
                  *_objects(dataset, node, _SCHEMA_HTTPS.value, doc)]
        units = [*_objects(dataset, node, SCHEMA.unitText, doc),
                 *_objects(dataset, node, _SCHEMA_HTTPS.unitText, doc)]
        measure = _objects(dataset, node, LV.measure, doc)
        raw = _objects(dataset, node, LV.rawText, doc)
        for v in values:
            value = v.toPython() if isinstance(v, Literal) else None
            if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
                try:
                    value = Decimal(str(v).strip())
                except ArithmeticError:
                    continue   # not a number: nothing to score
            out.append(PredictedObservation(
                _name(dataset, about, doc), value, str(units[0]) if units else "",
                str(measure[0]) if measure else None, str(raw[0]) if raw else None))
    out.sort(key=lambda o: (o.subject, float(o.value), o.unit))
    return out


@dataclass(frozen=True)
class GraphPredictions:
    """Everything a built graph predicts for one document."""

    doc_id: str
    entities: tuple[PredictedEntity, ...]
    relations: tuple[PredictedRelation, ...]
    observations: tuple[PredictedObservation, ...]
    #: Whether the graph holds the document at all.
    found: bool = True


def predictions_from_graph(dataset: Any, doc_id: str) -> GraphPredictions:
    """Entities, relations and observations for ``doc_id`` read from a built graph.

    Parameters
    ----------
    dataset : rdflib.Dataset
    doc_id : str

    Returns
    -------
    GraphPredictions
        ``found`` is False when no named graph for the document holds anything.

    Examples
    --------
    >>> ds = example_dataset()
    >>> p = predictions_from_graph(ds, "demo")
    >>> len(p.entities), len(p.relations), len(p.observations), p.found
    (3, 2, 1, True)
    >>> predictions_from_graph(ds, "other").found
    False
    """
    doc = document_iri(dataset, doc_id)
    found = next(_quads(dataset, None, None, None, doc), None) is not None
    return GraphPredictions(
        doc_id,
        tuple(predicted_entities(dataset, doc_id)),
        tuple(predicted_relations(dataset, doc_id)),
        tuple(predicted_observations(dataset, doc_id)),
        found,
    )
