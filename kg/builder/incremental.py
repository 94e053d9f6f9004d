"""Incremental updates: add, replace or remove documents in a store without a rebuild.

``kg add DOC… --store URI`` extracts only the given documents and writes only their named
graphs (plus the shared reference graph, recomputed); ``kg remove DOC… --store URI`` drops
documents' graphs. Re-adding a document whose text changed replaces its graph.

Entity identity across documents follows :mod:`kg.resolve`: the entities the store's
documents mention are read back from the store, and the new documents are resolved against
them (:func:`kg.resolve.resolve_against`):

* a reference entity (an administrative division, a known institution …) has a stable id
  from the reference lexicon, whatever else is in the store;
* any other entity is identified by its **identity key** (core type + normalised name, with
  in-document abbreviations merged into the full name), recomputed from its labels and
  aliases; a new mention whose key matches one reuses that entity's IRI, canonical label and
  class. A new entity whose slug is already taken by another entity gets the slug plus a
  short hash of its key, as in a full build.

* a short form joins its full form across documents as in a full build
  (:mod:`kg.resolve.full_forms`), each stored entity bringing the places common to the
  stored documents that refer to it. A place a stored document names only inside another
  name (深圳 in 中科院深圳先进技术研究院) has no mention node there and is not counted, where
  a full build counts it. A new full form whose short form is stored takes the short form's
  IRI and label (the stored graphs are not rewritten); a full build names the entity by its
  most frequent form.

So adding documents one at a time gives the same entity IRIs as building them together,
and — since each document graph types its entities from its own mentions — the same graphs
(tested on the bundled corpus). What can differ is which surface form a shared non-reference
entity shows as its ``rdfs:label``: a full build picks the most frequent form over all
documents, an incremental one keeps the label the store already has.
"""

from __future__ import annotations

import functools
import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import URIRef

from kg.builder import Skipped, extract_documents, resolve_inputs
from kg.rdf.assemble import add_reference_nodes, assemble, ontology_graph
from kg.rdf.iris import doc_iri, entity_iri
from kg.rdf.namespaces import LV, ONTOLOGY_GRAPH, REFERENCE_GRAPH, RES
from kg.rdf.quads import Quads
from kg.records import RefEntry
from kg.resolve import (StoredEntity, document_places, entries_by_id, reference_nodes, resolve_against,
                        resolved_document)
from kg.stores.base import Store

__all__ = ["UpdateReport", "add_documents", "remove_documents", "refresh_reference", "doc_iri_of"]


@dataclass
class UpdateReport:
    """What an incremental update did."""

    added: list[str] = field(default_factory=list)  # document ids new to the store
    replaced: list[str] = field(default_factory=list)  # document ids whose graph was replaced
    removed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # asked to remove, not in the store
    skipped: list[Skipped] = field(default_factory=list)
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
    s = str(doc)
    if s.startswith(("http://", "https://")):
        return URIRef(s)
    return doc_iri(Path(s).stem)


# ---- what the store holds -------------------------------------------------------------------

@functools.cache
def _reference_iris() -> dict[URIRef, RefEntry]:
    """Entity IRI → reference entry, for every entry of the reference lexicon."""
    return {entity_iri(i): e for i, e in entries_by_id().items()}


def _stored_entities(store: Store) -> tuple[list[StoredEntity], set[str]]:
    """The non-reference entities of the store's documents (in IRI order), each with the
    places common to the documents that refer to it, and every entity id in use."""
    rows = store.query("""
        SELECT ?e ?cls ?label ?alt WHERE {
          GRAPH ?d { ?d a lv:Document . ?e lv:mentionedIn ?d ; a ?cls ; rdfs:label ?label .
                     OPTIONAL { ?e skos:altLabel ?alt } } }""").rows
    referred = store.query(
        "SELECT DISTINCT ?d ?e WHERE { GRAPH ?d { ?d a lv:Document . ?m itsrdf:taIdentRef ?e } }").rows
    used = {r["e"] for r in referred}
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
    stored = {e: StoredEntity(str(e).rsplit("/", 1)[-1], frozenset(info[e]["cls"]), frozenset(info[e]["label"]),
                              frozenset(info[e]["alt"]))
              for e in sorted(info)}
    # The places of a stored document: those its mention nodes refer to, by identity key.
    key_of = {**{i: entry.key for i, entry in refs.items()}, **{i: e.key for i, e in stored.items()}}
    doc_keys: dict[URIRef, set[str]] = defaultdict(set)
    docs_of: dict[URIRef, set[URIRef]] = defaultdict(set)
    for r in referred:
        if r["e"] in key_of:
            doc_keys[r["d"]].add(key_of[r["e"]])
        docs_of[r["e"]].add(r["d"])
    doc_places = {d: document_places(keys) for d, keys in doc_keys.items()}
    for i, e in stored.items():
        common = [doc_places.get(d, frozenset()) for d in sorted(docs_of.get(i, ()))]
        stored[i] = replace(e, places=frozenset.intersection(*common) if common else frozenset())
    # Entity ids are IRIs' local names under the resource namespace: the IRI of a new id is
    # taken exactly when it is one of these.
    res = str(RES)
    taken = {str(i)[len(res):] for i in used | set(info) if str(i).startswith(res)}
    return list(stored.values()), taken


# ---- the reference graph --------------------------------------------------------------------

def refresh_reference(store: Store) -> None:
    """Make the reference graph hold exactly the hierarchy of the reference entities that
    the store's documents mention (what a full build of those documents would write)."""
    refs = _reference_iris()
    rows = store.query(
        "SELECT DISTINCT ?e WHERE { GRAPH ?d { ?d a lv:Document . "
        "{ ?m itsrdf:taIdentRef ?e } UNION { ?s a lv:Statement ; rdf:subject|rdf:object ?e } "
        "UNION { ?o a lv:Observation ; lv:about ?e } } }").rows
    entries = sorted({refs[r["e"]].key: refs[r["e"]] for r in rows if r["e"] in refs}.values(),
                     key=lambda e: e.key)
    quads = Quads()
    add_reference_nodes(quads.graph(REFERENCE_GRAPH), reference_nodes(entries))
    store.replace_graph(REFERENCE_GRAPH, iter(quads.to_dataset().graph(REFERENCE_GRAPH)))


def _ensure_ontology(store: Store) -> None:
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
    store._check_writable()
    report = UpdateReport()
    files, skipped = resolve_inputs(list(docs))
    states, bad = extract_documents(files, pipeline=pipeline, jobs=jobs, progress=progress)
    report.skipped = skipped + bad
    if not states:
        report.triples = len(store)
        return report
    present = set(store.documents())
    stored, taken = _stored_entities(store)
    entities, index, reused = resolve_against({st.doc.id: st.mentions for st in states}, stored, taken)
    report.reused_entities = reused
    report.new_entities = sum(1 for e in entities if e.ref is None) - reused
    ds = assemble([resolved_document(st) for st in states], entities, index, include_ontology=False)
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
