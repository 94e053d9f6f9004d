"""Graph assembly: documents, entities, mentions and statements into an rdflib Dataset.

Layout (DESIGN.md):

* the ontology in the named graph :data:`~kg.rdf.namespaces.ONTOLOGY_GRAPH`;
* reference data (administrative hierarchy, adcodes, WKT points) in
  :data:`~kg.rdf.namespaces.REFERENCE_GRAPH`;
* one named graph per document, named by the document IRI, holding the ``lv:Document``
  node and everything extracted from that document: entity labels and types,
  ``lv:mentionedIn``, NIF mention and sentence nodes, relations with their statement nodes.

No blank nodes are written: every node has an IRI derived from its identity, so two builds
of the same input give the same graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef

from kg.about import __version__
from kg.extract.pipeline import DocState
from kg.extract.reference import reference_lexicon
from kg.extract.resolve import reference_id
from kg.extract.select import container_finder, is_top_level, outer_names
from kg.rdf.literals import decimal_literal
from kg.rdf.ontology import GENID, ontology_graph, ontology_triples, skolemize
from kg.rdf.quads import Quads
from kg.rdf.iris import doc_iri, entity_iri, mention_iri, node_iri, slug
from kg.rdf.namespaces import (
    DCTERMS, GEO, ITSRDF, LV, NIF, ONTOLOGY_GRAPH, PROV, RDF, RDFS, REFERENCE_GRAPH, RES,
    SCHEMA, SKOS, XSD,
)
from kg.records import Entity, Mention, RefEntry

__all__ = ["assemble", "assemble_quads", "add_reference_entries", "ontology_graph", "skolemize",
           "decimal_literal", "Assembly", "GENID"]

_ACTIVITY = RES[f"activity/lvliang-kg-{__version__}"]


def _dec(x: float) -> Literal:
    return decimal_literal(round(x, 4))


def _nonneg(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


@dataclass
class Assembly:
    """What :func:`assemble` needs: per-document states and resolved entities."""

    states: Sequence[DocState]
    entities: Sequence[Entity]
    index: dict[tuple[str, int, int], str]
    by_id: dict[str, Entity] = field(init=False)
    #: Sentence nodes written for the document being assembled (reset per document).
    sentence_nodes: dict[tuple[int, int], URIRef] = field(init=False, default_factory=dict)
    #: Span of a nested mention → span of the name that holds it, for the current document.
    cited: dict[tuple[int, int], tuple[int, int]] = field(init=False, default_factory=dict)
    #: Entities a document graph uses (mention, statement end, observation subject).
    used: set[str] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.entities}

    def entity_of(self, doc_id: str, m: Mention) -> Entity | None:
        eid = self.index.get((doc_id, m.start, m.end))
        return self.by_id.get(eid) if eid else None


def _add_document(g: Graph, state: DocState) -> URIRef:
    doc = state.doc
    d = doc_iri(doc.id)
    g.add((d, RDF.type, LV.Document))
    g.add((d, RDF.type, NIF.Context))
    g.add((d, DCTERMS.identifier, Literal(doc.id)))
    g.add((d, DCTERMS.title, Literal(doc.title or doc.id, lang="zh")))
    if doc.source:
        g.add((d, DCTERMS.source, Literal(doc.source, lang="zh")))
    if doc.date:
        g.add((d, DCTERMS.date, Literal(doc.date)))
    for h in doc.headings:
        g.add((d, LV.section, Literal(h, lang="zh")))
    if doc.path:
        g.add((d, LV.fileName, Literal(doc.path.replace("\\", "/").rsplit("/", 1)[-1])))
    g.add((d, LV.sha256, Literal(hashlib.sha256(doc.original.encode("utf-8")).hexdigest())))
    g.add((d, LV.characterCount, Literal(len(doc.original), datatype=XSD.integer)))
    g.add((d, NIF.isString, Literal(doc.original)))
    g.add((d, PROV.wasGeneratedBy, _ACTIVITY))
    return d


def _sentence_node(g: Graph, state: DocState, d: URIRef, offset: int,
                   done: dict[tuple[int, int], URIRef] | None = None) -> URIRef | None:
    """The NIF sentence node around ``offset``, written once per document when ``done``
    (sentence span → node) is kept across calls."""
    doc = state.doc
    sent = doc.sentence_at(offset)
    if sent is None or sent.end <= sent.start:
        return None
    if done is not None:
        node = done.get((sent.start, sent.end))
        if node is not None:
            return node
    b, e = doc.original_span(sent.start, sent.end)
    s = mention_iri(doc.id, b, e)
    if done is not None:
        done[(sent.start, sent.end)] = s
    g.add((s, RDF.type, NIF.Sentence))
    g.add((s, NIF.referenceContext, d))
    g.add((s, NIF.beginIndex, _nonneg(b)))
    g.add((s, NIF.endIndex, _nonneg(e)))
    g.add((s, NIF.anchorOf, Literal(doc.original[b:e])))
    g.add((s, LV.normalizedText, Literal(doc.sentence_text(sent), lang="zh")))
    return s


def _doc_typing(ent: Entity, mentions: list[Mention]) -> tuple[str, str, float]:
    """Class, rule and confidence of ``ent`` as one document types it.

    A document graph states what that document says, so the class, the rule and the
    confidence come from its own mentions (a reference entry keeps its class). A build of
    several documents and an incremental ``kg add`` of one then write the same graph.
    """
    if not mentions:
        return ent.cls, ent.rule, ent.confidence
    best = max(mentions, key=lambda m: (m.confidence, m.rule, m.start))
    if ent.ref is not None:
        return ent.ref.cls, best.rule, best.confidence
    votes: dict[str, int] = {}
    for m in mentions:
        votes[m.cls] = votes.get(m.cls, 0) + 1
    cls = max(votes, key=lambda c: (votes[c], c != ent.core, c))
    return cls, best.rule, best.confidence


def _add_entity(g: Graph, ent: Entity, d: URIRef, surfaces: set[str],
                mentions: list[Mention] | None = None) -> URIRef:
    e = entity_iri(ent.id)
    cls, rule, _ = _doc_typing(ent, mentions or [])
    g.add((e, RDF.type, LV[cls]))
    g.add((e, RDFS.label, Literal(ent.label, lang="zh")))
    g.add((e, LV.pinyin, Literal(" ".join(slug(ch) for ch in ent.label if not ch.isspace()))))
    for s in sorted(surfaces - {ent.label}):
        g.add((e, SKOS.altLabel, Literal(s, lang="zh")))
    g.add((e, LV.mentionedIn, d))
    # The confidence of the typing is on each mention (lv:confidence): an entity typed by
    # several documents has no single confidence of its own.
    g.add((e, LV.typedBy, Literal(rule)))
    return e


def _add_reference(g: Graph, entry: RefEntry, seen: set[str]) -> None:
    lex = reference_lexicon()
    chain = [entry, *lex.ancestors(entry.key)]
    for child, parent in zip(chain, [*chain[1:], None]):
        if child.key in seen:
            break
        seen.add(child.key)
        node = entity_iri(reference_id(child))
        g.add((node, RDF.type, LV[child.cls]))
        g.add((node, RDFS.label, Literal(child.name, lang="zh")))
        g.add((node, DCTERMS.source, Literal(child.source)))
        if child.adcode:
            g.add((node, LV.adcode, Literal(child.adcode)))
        if child.lon is not None and child.lat is not None:
            geom = RES[f"geometry/{reference_id(child)}"]
            g.add((node, GEO.hasGeometry, geom))
            g.add((geom, RDF.type, GEO.Geometry))
            g.add((geom, GEO.asWKT, Literal(f"POINT({child.lon} {child.lat})", datatype=GEO.wktLiteral)))
        if parent is not None:
            g.add((node, LV.locatedIn, entity_iri(reference_id(parent))))


def assemble(
    states: Sequence[DocState],
    entities: Sequence[Entity],
    index: dict[tuple[str, int, int], str],
    *,
    include_ontology: bool = True,
) -> Dataset:
    """Build the Dataset of a whole build (:func:`assemble_quads`, as an rdflib Dataset)."""
    return assemble_quads(states, entities, index, include_ontology=include_ontology).to_dataset()


def assemble_quads(
    states: Sequence[DocState],
    entities: Sequence[Entity],
    index: dict[tuple[str, int, int], str],
    *,
    include_ontology: bool = True,
    used_refs: set[str] | None = None,
) -> Quads:
    """Build the named graphs of a whole build as :class:`~kg.rdf.quads.Quads`.

    ``used_refs``, when given, receives the keys of the reference entries the document
    graphs use (a distributed build writes the reference graph once, from all partitions).
    """
    asm = Assembly(states, entities, index)
    quads = Quads()
    if include_ontology:
        onto = quads.graph(ONTOLOGY_GRAPH)
        for t in ontology_triples():
            onto.add(t)
    ref_graph = quads.graph(REFERENCE_GRAPH)
    for state in states:
        _add_state(quads, state, asm)
    # The reference hierarchy of the entities the documents use (as an incremental update
    # recomputes it from a store: kg.stores.incremental.refresh_reference).
    used = [e.ref for e in entities if e.ref is not None and e.id in asm.used]
    add_reference_entries(ref_graph, used)
    if used_refs is not None:
        used_refs.update(e.key for e in used)
    return quads


def add_reference_entries(graph, entries) -> None:
    """Write reference ``entries`` and the places that contain them into ``graph`` (the
    reference graph): labels, classes, sources, codes, coordinates, ``lv:locatedIn``."""
    seen: set[str] = set()
    for entry in entries:
        _add_reference(graph, entry, seen)


def _add_state(quads: Quads, state: DocState, asm: Assembly) -> None:
    doc = state.doc
    d = doc_iri(doc.id)
    g = quads.graph(d)
    asm.sentence_nodes = {}
    _add_document(g, state)
    surfaces: dict[str, set[str]] = {}
    named = _named_in_place_names(state.mentions)
    # A place inside another name that is not a sited thing's (深圳 in 中科院深圳先进技术研究院)
    # is part of that name: its relations cite the name's mention, it has none of its own.
    outer_of = container_finder(outer_names(state.mentions))
    asm.cited = {}
    for m in state.mentions:
        if m.nested and not _is_own(m, named):
            outer = outer_of(m)
            if outer is not None:
                asm.cited[m.span] = outer.span
    for m in state.mentions:
        ent = asm.entity_of(doc.id, m)
        if ent is None or m.span in asm.cited:
            continue
        b, e = doc.original_span(m.start, m.end)
        anchor = doc.original[b:e]
        if _is_own(m, named):
            surfaces.setdefault(ent.id, set()).update({m.text, anchor} if "\n" not in anchor else {m.text})
        node = mention_iri(doc.id, b, e)
        asm.used.add(ent.id)
        g.add((node, RDF.type, NIF.Phrase))
        g.add((node, NIF.referenceContext, d))
        g.add((node, NIF.beginIndex, _nonneg(b)))
        g.add((node, NIF.endIndex, _nonneg(e)))
        g.add((node, NIF.anchorOf, Literal(anchor)))
        g.add((node, ITSRDF.taIdentRef, entity_iri(ent.id)))
        g.add((node, LV.rule, Literal(m.rule)))
        g.add((node, LV.confidence, _dec(m.confidence)))
        sent = _sentence_node(g, state, d, m.start, asm.sentence_nodes)
        if sent is not None:
            g.add((node, NIF.sentence, sent))
    own: dict[str, list[Mention]] = {}
    for m in state.mentions:
        ent = asm.entity_of(doc.id, m)
        if ent is not None and _is_own(m, named):
            own.setdefault(ent.id, []).append(m)
    for eid in sorted(surfaces):
        _add_entity(g, asm.by_id[eid], d, surfaces[eid], own.get(eid))
    for st in state.statements:
        _add_statement(g, state, asm, st, d)
    for ob in state.observations:
        _add_observation(g, state, asm, ob, d)



# A place named inside a memorial's or project's name is where that thing stands (石楼 in
# 石楼红军东征纪念馆, 桥沟村 in 方山县桥沟村农光互补电站): the document speaks of it. Inside other
# names it is part of a proper name (深圳 in 中科院深圳先进技术研究院, 长三角 in 长三角地区, 杏花村
# in 中国杏花村白酒产业博览会): a NIF mention and its relation, but no lv:mentionedIn.
_SITED_CORES = frozenset({"Memorial", "Project"})


def _named_in_place_names(mentions: list[Mention]) -> set[tuple[int, int]]:
    """Spans of nested places whose outer mention is a sited thing (see above)."""
    outers = outer_names(mentions)
    find = container_finder(outers)
    # Names inside an outer name (a body inside a project's name: 华为|山西（吕梁）大数据中心).
    outer_ids = {id(o) for o in outers}
    inner = [m for m in mentions if is_top_level(m) and id(m) not in outer_ids]
    out: set[tuple[int, int]] = set()
    for m in mentions:
        if not m.nested:
            continue
        outer = find(m)
        if outer is not None and outer.core in _SITED_CORES and not any(
                b.start <= m.start and m.end <= b.end for b in inner):  # 山西 of 山西焦煤…公司
            out.add((m.start, m.end))
    return out


def _is_own(m: Mention, named: set[tuple[int, int]]) -> bool:
    """Whether ``m`` makes its entity one the document mentions (``lv:mentionedIn``)."""
    if m.implied:
        return False
    return not m.nested or (m.start, m.end) in named


def _add_statement(g: Graph, state: DocState, asm: Assembly, st, d: URIRef) -> None:
    doc = state.doc
    s_ent = asm.entity_of(doc.id, st.subject)
    o_ent = asm.entity_of(doc.id, st.object)
    if s_ent is None or o_ent is None or s_ent.id == o_ent.id:
        return
    asm.used.update((s_ent.id, o_ent.id))
    s, o, p = entity_iri(s_ent.id), entity_iri(o_ent.id), LV[st.predicate]
    g.add((s, p, o))
    node = node_iri("statement", doc.id, s_ent.id, st.predicate, o_ent.id, st.rule)
    g.add((node, RDF.type, LV.Statement))
    g.add((node, RDF.subject, s))
    g.add((node, RDF.predicate, p))
    g.add((node, RDF.object, o))
    g.add((node, LV.statedIn, d))
    g.add((node, LV.rule, Literal(st.rule)))
    g.add((node, LV.confidence, _dec(st.confidence)))
    for m in (st.subject, st.object):
        b, e = doc.original_span(*asm.cited.get(m.span, m.span))
        g.add((node, PROV.wasDerivedFrom, mention_iri(doc.id, b, e)))
    # The sentence that states the relation (the subject may be named earlier, e.g. in a title).
    anchor = state.doc.sentences[st.sentence].start if 0 <= st.sentence < len(state.doc.sentences) else st.subject.start
    sent = _sentence_node(g, state, d, anchor, asm.sentence_nodes)
    if sent is not None:
        g.add((node, PROV.wasDerivedFrom, sent))
    if st.predicate == "heldPosition" and st.role:
        pos = node_iri("position", doc.id, s_ent.id, o_ent.id, st.role)
        g.add((pos, RDF.type, LV.Position))
        g.add((pos, LV.holder, s))
        g.add((pos, LV.organization, o))
        g.add((pos, LV.roleTitle, Literal(st.role, lang="zh")))
        g.add((pos, LV.statedIn, d))
        g.add((s, LV.position, pos))
        if sent is not None:
            g.add((pos, PROV.wasDerivedFrom, sent))
    if st.date:
        g.add((node, DCTERMS.date, Literal(st.date)))


def _add_observation(g: Graph, state: DocState, asm: Assembly, ob, d: URIRef) -> None:
    doc = state.doc
    ent = asm.entity_of(doc.id, ob.about)
    if ent is None:
        return
    asm.used.add(ent.id)
    b, e = doc.original_span(ob.start, ob.end)
    node = node_iri("observation", doc.id, b, e, ent.id, ob.measure)
    g.add((node, RDF.type, LV.Observation))
    g.add((node, LV.about, entity_iri(ent.id)))
    g.add((node, LV.measure, Literal(ob.measure, lang="zh")))
    g.add((node, SCHEMA.value, decimal_literal(ob.value)))
    g.add((node, SCHEMA.unitText, Literal(ob.unit)))
    g.add((node, LV.rawText, Literal(doc.original[b:e])))
    g.add((node, LV.statedIn, d))
    g.add((node, LV.rule, Literal(ob.rule)))
    if ob.period:
        g.add((node, LV.period, Literal(ob.period, lang="zh")))
    for prop, bound in ((LV.periodStart, ob.period_start), (LV.periodEnd, ob.period_end)):
        if bound:
            g.add((node, prop, Literal(bound, datatype=XSD.gYear if len(bound) == 4 else XSD.date)))
    if ob.value_max is not None:
        g.add((node, SCHEMA.minValue, decimal_literal(ob.value)))
        g.add((node, SCHEMA.maxValue, decimal_literal(ob.value_max)))
    g.add((node, PROV.wasDerivedFrom, mention_iri(doc.id, b, e)))
    sent = _sentence_node(g, state, d, ob.start, asm.sentence_nodes)
    if sent is not None:
        g.add((node, PROV.wasDerivedFrom, sent))
