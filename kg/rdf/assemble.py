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

import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef

from kg.about import __version__
from kg.rdf import iris, namespaces
from kg.rdf.literals import decimal_literal
from kg.rdf.ontology import GENID, ontology_graph, ontology_triples, skolemize
from kg.rdf.quads import Quads
from kg.rdf.iris import mention_iri, node_iri
from kg.rdf.namespaces import ONTOLOGY_GRAPH, RES, Terms
from kg.records import Entity, Mention, ReferenceNode, ResolvedDocument
from kg.text.slugs import slug

__all__ = ["assemble", "assemble_quads", "add_reference_nodes", "ontology_graph", "skolemize",
           "decimal_literal", "Assembly", "GENID"]

# Every triple takes its predicate (and often its class, rule, confidence, entity) from
# here: each term is made once and shared, which saves making it again and lets the sets
# of triples and the N-Quads writer find it by identity rather than by rdflib's __eq__.
DCTERMS, GEO, ITSRDF, LV, NIF, PROV, RDF, RDFS, SCHEMA, SKOS, XSD = map(Terms, (
    namespaces.DCTERMS, namespaces.GEO, namespaces.ITSRDF, namespaces.LV, namespaces.NIF,
    namespaces.PROV, namespaces.RDF, namespaces.RDFS, namespaces.SCHEMA, namespaces.SKOS,
    namespaces.XSD))

_ACTIVITY = RES[f"activity/lvliang-kg-{__version__}"]

doc_iri = functools.lru_cache(maxsize=4096)(iris.doc_iri)
entity_iri = functools.lru_cache(maxsize=1 << 16)(iris.entity_iri)


@functools.lru_cache(maxsize=4096)
def _dec(x: float) -> Literal:
    return decimal_literal(round(x, 4))


@functools.lru_cache(maxsize=1 << 16)
def _nonneg(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


@functools.lru_cache(maxsize=1 << 14)
def _pinyin(label: str) -> Literal:
    """``lv:pinyin`` of a label: the pinyin of each character, spaced."""
    return Literal(" ".join(slug(ch) for ch in label if not ch.isspace()))


@functools.lru_cache(maxsize=1 << 14)
def _text(value: str, lang: str | None = None) -> Literal:
    """A string literal that recurs (rules, labels, names, units): made once."""
    return Literal(value, lang=lang)


@dataclass
class Assembly:
    """What :func:`assemble` needs: resolved documents and entities."""

    documents: Sequence[ResolvedDocument]
    entities: Sequence[Entity]
    index: dict[tuple[str, int, int], str]
    by_id: dict[str, Entity] = field(init=False)
    #: Sentence nodes written for the document being assembled (reset per document).
    sentence_nodes: dict[tuple[int, int], URIRef] = field(init=False, default_factory=dict)
    #: Entities a document graph uses (mention, statement end, observation subject).
    used: set[str] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.entities}

    def entity_of(self, doc_id: str, m: Mention) -> Entity | None:
        eid = self.index.get((doc_id, m.start, m.end))
        return self.by_id.get(eid) if eid else None


def _add_document(g: Graph, rd: ResolvedDocument) -> URIRef:
    doc = rd.doc
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


def _sentence_node(g: Graph, rd: ResolvedDocument, d: URIRef, offset: int,
                   done: dict[tuple[int, int], URIRef] | None = None) -> URIRef | None:
    """The NIF sentence node around ``offset``, written once per document when ``done``
    (sentence span → node) is kept across calls."""
    doc = rd.doc
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


def _usual_short_names(label: str) -> set[str]:
    """The name everyone writes for a people's government (吕梁市人民政府 → 吕梁市政府).

    Examples
    --------
    >>> sorted(_usual_short_names("吕梁市人民政府")), sorted(_usual_short_names("吕梁市教育局"))
    (['吕梁市政府'], [])
    """
    if label.endswith("人民政府") and len(label) > len("人民政府") + 1:
        return {label[:-len("人民政府")] + "政府"}
    return set()


def _add_entity(g: Graph, ent: Entity, d: URIRef, surfaces: set[str],
                mentions: list[Mention] | None = None, *, mentioned: bool = True) -> URIRef:
    """Class, label, pinyin and alternative labels of ``ent`` in the document graph ``d``;
    ``lv:mentionedIn`` only when the document names it (``mentioned``): a body only implied
    by a title (于都县委书记 → 于都县委) is labelled where its relations are, not counted as
    mentioned."""
    e = entity_iri(ent.id)
    cls, rule, _ = _doc_typing(ent, mentions or [])
    g.add((e, RDF.type, LV[cls]))
    g.add((e, RDFS.label, _text(ent.label, "zh")))
    g.add((e, LV.pinyin, _pinyin(ent.label)))
    for s in sorted((surfaces | _usual_short_names(ent.label)) - {ent.label}):
        g.add((e, SKOS.altLabel, _text(s, "zh")))
    if mentioned:
        g.add((e, LV.mentionedIn, d))
    # The confidence of the typing is on each mention (lv:confidence): an entity typed by
    # several documents has no single confidence of its own.
    g.add((e, LV.typedBy, _text(rule)))
    return e


def _add_reference(g: Graph, ref: ReferenceNode) -> None:
    entry = ref.entry
    node = entity_iri(ref.id)
    g.add((node, RDF.type, LV[entry.cls]))
    g.add((node, RDFS.label, Literal(entry.name, lang="zh")))
    g.add((node, DCTERMS.source, Literal(entry.source)))
    if entry.adcode:
        g.add((node, LV.adcode, Literal(entry.adcode)))
    if entry.lon is not None and entry.lat is not None:
        geom = RES[f"geometry/{ref.id}"]
        g.add((node, GEO.hasGeometry, geom))
        g.add((geom, RDF.type, GEO.Geometry))
        g.add((geom, GEO.asWKT, Literal(f"POINT({entry.lon} {entry.lat})", datatype=GEO.wktLiteral)))
    if ref.parent is not None:
        g.add((node, LV.locatedIn, entity_iri(ref.parent)))


def assemble(
    documents: Sequence[ResolvedDocument],
    entities: Sequence[Entity],
    index: dict[tuple[str, int, int], str],
    *,
    include_ontology: bool = True,
) -> Dataset:
    """Build the Dataset of a whole build (:func:`assemble_quads`, as an rdflib Dataset)."""
    return assemble_quads(documents, entities, index, include_ontology=include_ontology).to_dataset()


def assemble_quads(
    documents: Sequence[ResolvedDocument],
    entities: Sequence[Entity],
    index: dict[tuple[str, int, int], str],
    *,
    include_ontology: bool = True,
    used_refs: set[str] | None = None,
) -> Quads:
    """Build the named graphs of a whole build as :class:`~kg.rdf.quads.Quads`.

    ``documents`` and ``entities`` come from resolution (:mod:`kg.resolve`); ``index`` maps
    ``(doc_id, start, end)`` of a mention to its entity id. The reference graph is left
    empty: ``used_refs``, when given, receives the keys of the reference entries the
    document graphs use, whose places the caller writes (:func:`add_reference_nodes`; a
    distributed build writes them once, from all partitions).
    """
    asm = Assembly(documents, entities, index)
    quads = Quads()
    if include_ontology:
        onto = quads.graph(ONTOLOGY_GRAPH)
        for t in ontology_triples():
            onto.add(t)
    for rd in documents:
        _add_resolved(quads, rd, asm)
    if used_refs is not None:
        used_refs.update(e.ref.key for e in entities if e.ref is not None and e.id in asm.used)
    return quads


def add_reference_nodes(graph, nodes: Iterable[ReferenceNode]) -> None:
    """Write reference places (:func:`kg.resolve.reference_nodes`) into ``graph`` (the
    reference graph): labels, classes, sources, codes, coordinates, ``lv:locatedIn``."""
    for node in nodes:
        _add_reference(graph, node)


def _add_resolved(quads: Quads, rd: ResolvedDocument, asm: Assembly) -> None:
    doc = rd.doc
    d = doc_iri(doc.id)
    g = quads.graph(d)
    asm.sentence_nodes = {}
    _add_document(g, rd)
    surfaces: dict[str, set[str]] = {}
    for i, m in enumerate(rd.mentions):
        ent = asm.entity_of(doc.id, m)
        if ent is None or m.span in rd.cited:
            continue
        b, e = doc.original_span(m.start, m.end)
        anchor = doc.original[b:e]
        if i in rd.own:
            surfaces.setdefault(ent.id, set()).update({m.text, anchor} if "\n" not in anchor else {m.text})
        node = mention_iri(doc.id, b, e)
        asm.used.add(ent.id)
        g.add((node, RDF.type, NIF.Phrase))
        g.add((node, NIF.referenceContext, d))
        g.add((node, NIF.beginIndex, _nonneg(b)))
        g.add((node, NIF.endIndex, _nonneg(e)))
        g.add((node, NIF.anchorOf, _text(anchor)))  # names recur
        g.add((node, ITSRDF.taIdentRef, entity_iri(ent.id)))
        g.add((node, LV.rule, _text(m.rule)))
        g.add((node, LV.confidence, _dec(m.confidence)))
        sent = _sentence_node(g, rd, d, m.start, asm.sentence_nodes)
        if sent is not None:
            g.add((node, NIF.sentence, sent))
    own: dict[str, list[Mention]] = {}
    for i, m in enumerate(rd.mentions):
        ent = asm.entity_of(doc.id, m)
        if ent is not None and i in rd.own:
            own.setdefault(ent.id, []).append(m)
    for eid in sorted(surfaces):
        _add_entity(g, asm.by_id[eid], d, surfaces[eid], own.get(eid))
    # Entities only implied by the text (a title's body) that a statement uses: labelled and
    # typed, so the relation reads by name, but not said to be mentioned.
    implied = set()
    for st in rd.statements:
        for m in (st.subject, st.object):
            ent = asm.entity_of(doc.id, m)
            if ent is not None and ent.id not in surfaces and ent.ref is None:
                implied.add(ent.id)
    for eid in sorted(implied):
        _add_entity(g, asm.by_id[eid], d, set(), None, mentioned=False)
    for st in rd.statements:
        _add_statement(g, rd, asm, st, d)
    for ob in rd.observations:
        _add_observation(g, rd, asm, ob, d)


def _add_statement(g: Graph, rd: ResolvedDocument, asm: Assembly, st, d: URIRef) -> None:
    doc = rd.doc
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
    g.add((node, LV.rule, _text(st.rule)))
    g.add((node, LV.confidence, _dec(st.confidence)))
    for m in (st.subject, st.object):
        b, e = doc.original_span(*rd.cited.get(m.span, m.span))
        g.add((node, PROV.wasDerivedFrom, mention_iri(doc.id, b, e)))
    # The sentence that states the relation (the subject may be named earlier, e.g. in a title).
    anchor = doc.sentences[st.sentence].start if 0 <= st.sentence < len(doc.sentences) else st.subject.start
    sent = _sentence_node(g, rd, d, anchor, asm.sentence_nodes)
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


def _add_observation(g: Graph, rd: ResolvedDocument, asm: Assembly, ob, d: URIRef) -> None:
    doc = rd.doc
    ent = asm.entity_of(doc.id, ob.about)
    if ent is None:
        return
    asm.used.add(ent.id)
    b, e = doc.original_span(ob.start, ob.end)
    node = node_iri("observation", doc.id, b, e, ent.id, ob.measure)
    g.add((node, RDF.type, LV.Observation))
    g.add((node, LV.about, entity_iri(ent.id)))
    g.add((node, LV.measure, _text(ob.measure, "zh")))
    g.add((node, SCHEMA.value, decimal_literal(ob.value)))
    g.add((node, SCHEMA.unitText, _text(ob.unit)))
    g.add((node, LV.rawText, Literal(doc.original[b:e])))
    g.add((node, LV.statedIn, d))
    g.add((node, LV.rule, _text(ob.rule)))
    if ob.period:
        g.add((node, LV.period, Literal(ob.period, lang="zh")))
    for prop, bound in ((LV.periodStart, ob.period_start), (LV.periodEnd, ob.period_end)):
        if bound:
            g.add((node, prop, Literal(bound, datatype=XSD.gYear if len(bound) == 4 else XSD.date)))
    if ob.value_max is not None:
        g.add((node, SCHEMA.minValue, decimal_literal(ob.value)))
        g.add((node, SCHEMA.maxValue, decimal_literal(ob.value_max)))
    g.add((node, PROV.wasDerivedFrom, mention_iri(doc.id, b, e)))
    sent = _sentence_node(g, rd, d, ob.start, asm.sentence_nodes)
    if sent is not None:
        g.add((node, PROV.wasDerivedFrom, sent))
