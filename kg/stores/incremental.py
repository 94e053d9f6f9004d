"""Incremental updates: add, replace or remove documents in a store without a rebuild.

``kg add DOC… --store URI`` extracts only the given documents and writes only their named
graphs (plus the shared reference graph, recomputed); ``kg remove DOC… --store URI`` drops
documents' graphs. Re-adding a document whose text changed replaces its graph.

Entity identity across documents follows :mod:`kg.extract.resolve`:

* a reference entity (an administrative division, a known institution …) has a stable id
  from the reference lexicon, whatever else is in the store;
* any other entity is identified by its **identity key** (core type + normalised name, with
  in-document abbreviations merged into the full name). Before the new documents are
  assembled, the keys of the entities already in the store are recomputed from their
  labels and aliases, and a new mention whose key matches one reuses that entity's IRI,
  canonical label and class. A new entity whose slug is already taken by another entity
  gets the slug plus a short hash of its key, as in a full build.

So adding documents one at a time gives the same entity IRIs as building them together,
and — since each document graph types its entities from its own mentions — the same graphs
(tested on the bundled corpus). What can differ is which surface form a shared non-reference
entity shows as its ``rdfs:label``: a full build picks the most frequent form over all
documents, an incremental one keeps the label the store already has.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.stores.base import Store

__all__ = ["UpdateReport", "add_documents", "remove_documents", "refresh_reference", "doc_iri_of",
           "write_build", "load_files"]


@dataclass
class UpdateReport:
    """What an incremental update did."""

    added: list[str] = field(default_factory=list)  # document ids new to the store
    replaced: list[str] = field(default_factory=list)  # document ids whose graph was replaced
    removed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # asked to remove, not in the store
    skipped: list = field(default_factory=list)  # kg.builder.Skipped
    reused_entities: int = 0  # entities of the new documents already in the store
    new_entities: int = 0
    triples: int = 0  # quads in the store afterwards


def doc_iri_of(doc: str | os.PathLike) -> URIRef:
    """A document IRI from an IRI, a document identifier or a file path (its stem).

    >>> str(doc_iri_of("kg/corpus/003_50ea69b444730b6f.txt"))
    'https://w3id.org/lvliang-kg/resource/doc/003_50ea69b444730b6f'
    >>> str(doc_iri_of("003_50ea69b444730b6f")) == str(doc_iri_of(_ := "https://w3id.org/lvliang-kg/resource/doc/003_50ea69b444730b6f"))
    True
    """
    from kg.rdf.iris import doc_iri

    s = str(doc)
    if s.startswith(("http://", "https://")):
        return URIRef(s)
    return doc_iri(Path(s).stem)


# ---- entity keys ----------------------------------------------------------------------------

def _key_of_name(core: str, name: str) -> str:
    from kg.extract.resolve import _expand_prefix, normal_name

    return f"{core}:{_expand_prefix(normal_name(name))}"


def _group_key(core: str, label: str, aliases: Iterable[str]) -> str:
    """The identity key an existing entity was grouped under: in-document abbreviations
    are merged into the longest name, so it is the key of the longest surface form (the
    label's on a tie)."""
    best = _key_of_name(core, label)
    for a in sorted(set(aliases)):
        k = _key_of_name(core, a)
        if len(k) > len(best):
            best = k
    return best


@dataclass
class _Known:
    iri: URIRef
    label: str
    cls: str


def _existing_entities(store: Store) -> tuple[dict[str, _Known], set[URIRef]]:
    """Identity key → entity for the non-reference entities of the store's documents, and
    every entity IRI in use."""
    from kg.extract.reference import core_of
    from kg.rdf.namespaces import LV

    rows = store.query("""
        SELECT ?e ?cls ?label ?alt WHERE {
          GRAPH ?d { ?d a lv:Document . ?e lv:mentionedIn ?d ; a ?cls ; rdfs:label ?label .
                     OPTIONAL { ?e skos:altLabel ?alt } } }""").rows
    used = {r["e"] for r in store.query(
        "SELECT DISTINCT ?e WHERE { GRAPH ?d { ?d a lv:Document . ?m itsrdf:taIdentRef ?e } }").rows}
    refs = _reference_iris()
    info: dict[URIRef, dict] = defaultdict(lambda: {"cls": set(), "label": set(), "alt": set()})
    for r in rows:
        e = r["e"]
        if e in refs or not str(r["cls"]).startswith(str(LV)):
            continue
        info[e]["cls"].add(str(r["cls"])[len(str(LV)):])
        info[e]["label"].add(str(r["label"]))
        if "alt" in r:
            info[e]["alt"].add(str(r["alt"]))
    known: dict[str, _Known] = {}
    for e in sorted(info):
        d = info[e]
        label = min(d["label"])
        cls = min(d["cls"])
        key = _group_key(core_of(cls), label, d["label"] | d["alt"])
        known.setdefault(key, _Known(e, label, cls))
    return known, used | set(info)


def _reference_iris() -> dict[URIRef, object]:
    """Entity IRI → reference entry, for every entry of the reference lexicon."""
    from kg.extract.reference import reference_lexicon
    from kg.extract.resolve import reference_id
    from kg.rdf.iris import entity_iri

    global _REF_CACHE
    if _REF_CACHE is None:
        _REF_CACHE = {entity_iri(reference_id(e)): e for e in reference_lexicon().entries.values()}
    return _REF_CACHE


_REF_CACHE: dict[URIRef, object] | None = None


def _new_keys(states) -> dict[tuple[str, int, int], str]:
    """(doc id, start, end) → identity key, with in-document abbreviations merged, as
    :func:`kg.extract.resolve.resolve` groups them."""
    from kg.extract.resolve import document_keys

    out = {}
    for st in states:
        for m, k in document_keys(st.mentions).items():
            out[(st.doc.id, m.start, m.end)] = k
    return out


def _resolve_against(store: Store, states):
    """Resolve the new documents' mentions, reusing the IRIs of entities in the store."""
    from dataclasses import replace

    from kg.extract.resolve import resolve
    from kg.rdf.iris import entity_iri, short_hash, slug

    entities, index = resolve({st.doc.id: st.mentions for st in states})
    known, used = _existing_entities(store)
    keys = _new_keys(states)
    remap: dict[str, str] = {}
    out = []
    reused = 0
    taken = {str(i) for i in used}
    for ent in entities:
        if ent.ref is not None:
            out.append(ent)
            continue
        doc_id, m = ent.mentions[0]
        key = keys[(doc_id, m.start, m.end)]
        hit = known.get(key)
        if hit is not None:
            new_id = str(hit.iri).rsplit("/", 1)[-1]
            out.append(replace(ent, id=new_id, label=hit.label, cls=hit.cls))
            reused += 1
        else:
            new_id = ent.id
            if str(entity_iri(new_id)) in taken:
                new_id = f"{slug(ent.label)}-{short_hash(key)}"
            out.append(replace(ent, id=new_id))
        remap[ent.id] = new_id
    index = {k: remap.get(v, v) for k, v in index.items()}
    return sorted(out, key=lambda e: e.id), index, reused


# ---- the reference graph --------------------------------------------------------------------

def refresh_reference(store: Store) -> None:
    """Make the reference graph hold exactly the hierarchy of the reference entities that
    the store's documents mention (what a full build of those documents would write)."""
    from kg.rdf.assemble import add_reference_entries
    from kg.rdf.namespaces import REFERENCE_GRAPH
    from kg.rdf.quads import Quads

    refs = _reference_iris()
    rows = store.query(
        "SELECT DISTINCT ?e WHERE { GRAPH ?d { ?d a lv:Document . "
        "{ ?m itsrdf:taIdentRef ?e } UNION { ?s a lv:Statement ; rdf:subject|rdf:object ?e } "
        "UNION { ?o a lv:Observation ; lv:about ?e } } }").rows
    entries = sorted({refs[r["e"]].key: refs[r["e"]] for r in rows if r["e"] in refs}.values(),
                     key=lambda e: e.key)
    quads = Quads()
    add_reference_entries(quads.graph(REFERENCE_GRAPH), entries)
    store.replace_graph(REFERENCE_GRAPH, iter(quads.to_dataset().graph(REFERENCE_GRAPH)))


def _ensure_ontology(store: Store) -> None:
    from kg.rdf.assemble import ontology_graph
    from kg.rdf.namespaces import ONTOLOGY_GRAPH

    if ONTOLOGY_GRAPH not in store.graph_names():
        store.replace_graph(ONTOLOGY_GRAPH, iter(ontology_graph()))


# ---- public operations ----------------------------------------------------------------------

def add_documents(
    store: Store,
    docs: Sequence[str | os.PathLike],
    *,
    pipeline: Sequence[str] | None = None,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> UpdateReport:
    """Extract ``docs`` and write their graphs into ``store`` (replacing a document's
    previous graph), reusing the IRIs of entities the store already holds."""
    from kg.builder import extract_documents, resolve_inputs
    from kg.rdf.assemble import assemble
    from kg.rdf.iris import doc_iri

    store._check_writable()
    report = UpdateReport()
    files, skipped = resolve_inputs(list(docs))
    states, bad = extract_documents(files, pipeline=pipeline, jobs=jobs, progress=progress)
    report.skipped = skipped + bad
    if not states:
        report.triples = len(store)
        return report
    present = set(store.documents())
    entities, index, reused = _resolve_against(store, states)
    report.reused_entities = reused
    report.new_entities = sum(1 for e in entities if e.ref is None) - reused
    ds = assemble(states, entities, index, include_ontology=False)
    _ensure_ontology(store)
    for st in states:
        d = doc_iri(st.doc.id)
        store.add_document(d, iter(ds.graph(d)))
        (report.replaced if d in present else report.added).append(st.doc.id)
    refresh_reference(store)
    report.triples = len(store)
    return report


def remove_documents(store: Store, docs: Sequence[str | os.PathLike]) -> UpdateReport:
    """Drop the graphs of ``docs`` (IRIs, identifiers or file paths) from ``store``."""
    store._check_writable()
    report = UpdateReport()
    present = set(store.documents())
    for doc in docs:
        d = doc_iri_of(doc)
        ident = str(d).rsplit("/", 1)[-1]
        if d in present:
            store.remove_document(d)
            present.discard(d)
            report.removed.append(ident)
        else:
            report.missing.append(str(doc))
    if report.removed:
        refresh_reference(store)
    report.triples = len(store)
    return report


def write_build(graph, store: Store) -> None:
    """Write a whole build (a KnowledgeGraph or an rdflib Dataset) into ``store``,
    replacing the graphs of the previous build."""
    from kg.rdf.quads import Quads
    from kg.stores.memory import MemoryStore

    quads = getattr(graph, "unmade_quads", None)
    if quads is None and getattr(graph, "store", None) is store:
        return
    if isinstance(quads, Quads) and not isinstance(store, MemoryStore):
        store.load_dataset(quads)  # a fresh build: its graphs as sets, no rdflib store made
    else:
        store.load_dataset(getattr(graph, "dataset", graph))


def load_files(store: Store, paths: Sequence[str | os.PathLike]) -> int:
    """Add build outputs (``.nq``, ``.trig`` …; e.g. the shards of a distributed build) to
    ``store``. Graphs are merged as sets: the ontology and reference graphs of several
    shards combine, and each document graph should come from one shard. Oxigraph stores
    use the bulk loader for ``.nq`` files. Returns the number of quads read."""
    from kg.rdf.io import load_dataset
    from kg.stores.oxigraph import OxigraphStore

    store._check_writable()
    n = 0
    nq = [p for p in paths if str(p).lower().endswith(".nq")]
    rest = [p for p in paths if p not in nq]
    if isinstance(store, OxigraphStore) and nq:
        n += store.load_nquads(nq)
    else:
        rest = list(paths)
    for p in rest:
        ds = load_dataset(p)
        for g in ds.graphs():
            if not len(g):
                continue
            if g.identifier in store.graph_names():
                triples = set(store.triples(g.identifier)) | set(g)
            else:
                triples = set(g)
            store.replace_graph(g.identifier, iter(triples))
            n += len(g)
    return n
