"""The entity graph with evidence: class labels and the sentence behind each node and edge.

:func:`evidence_graph` starts from the entity graph of :mod:`kg.query.network` and adds what
a reader needs to check it (``KnowledgeGraph.to_networkx(evidence=True)`` returns it; graph
pages draw it), read in one pass over the dataset (no SPARQL):

* on every node (keyed by IRI; ``label``, ``type`` = core class, ``cls`` = most specific
  class, ``aliases``, ``mentions``, ``documents``, ``iri`` come from the base graph):
  ``cls_label`` (the class's Chinese label), ``evidence`` (the NIF sentence of its first
  mention) and ``source`` (``extracted``, or ``reference`` for places only the reference
  graph holds, e.g. 山西省);
* on every edge (keyed by relation; ``relation``, ``documents``, ``roles``):
  ``label`` (the property's Chinese label, or the role titles for ``heldPosition``) and
  ``evidence`` (the sentence of one ``lv:Statement`` behind it);
* with ``documents=True``, one node per ``lv:Document`` (``type`` = ``Document``) and
  ``mentionedIn`` edges from entities to it;
* ``G.graph["documents"]`` maps document identifiers to ``{"iri", "title"}`` and
  ``G.graph["relations"]`` relation local names to their Chinese labels.

Examples
--------
>>> import kg
>>> G = evidence_graph(kg.build(["kg/corpus/003_50ea69b444730b6f.txt"]))
>>> node = "https://w3id.org/lvliang-kg/resource/lvliangshi"
>>> G.nodes[node]["label"], G.nodes[node]["type"], G.nodes[node]["cls_label"]
('吕梁市', 'Place', '地级市')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
from rdflib import Dataset, Literal, URIRef

from kg.query.network import to_networkx
from kg.rdf.namespaces import (
    DCTERMS, ITSRDF, LV, NIF, ONTOLOGY_GRAPH, OWL, PROV, RDF, RDFS,
)
from kg.types import core_types
from kg.types import label as ontology_label

__all__ = ["DOCUMENT", "evidence_graph"]

#: The type of document nodes (``documents=True``): a core class of DESIGN.md that is no
#: entity type.
DOCUMENT = "Document"


def _local(term: Any) -> str:
    t = str(term)
    return t.rsplit("#", 1)[-1] if "#" in t else t.rsplit("/", 1)[-1]


def _zh(values: Iterable[Any]) -> str | None:
    """The first (sorted) Chinese literal, else the first plain one."""
    lits = sorted((v for v in values if isinstance(v, Literal)), key=str)
    for v in lits:
        if v.language and v.language.startswith("zh"):
            return str(v)
    for v in lits:
        if not v.language:
            return str(v)
    return None


def _class_tables(ds: Dataset) -> tuple[dict[URIRef, str], dict[URIRef, str], dict[URIRef, str]]:
    """class → core type, class → Chinese label, property → Chinese label (ontology graph)."""
    onto = ds.graph(ONTOLOGY_GRAPH)
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for c, sup in onto.subject_objects(RDFS.subClassOf):
        if isinstance(c, URIRef) and isinstance(sup, URIRef):
            parents[c].add(sup)
    core_iris = {LV[c]: c for c in (*core_types(), DOCUMENT)}

    def core_of(c: URIRef, seen: frozenset = frozenset()) -> str | None:
        if c in core_iris:
            return core_iris[c]
        for p in sorted(parents.get(c, ())):
            if p not in seen:
                found = core_of(p, seen | {c})
                if found:
                    return found
        return None

    classes = set(parents) | set(core_iris) | set(onto.subjects(RDF.type, OWL.Class))
    core = {c: k for c in classes if isinstance(c, URIRef) and (k := core_of(c))}
    labels = {}
    for c in set(core) | set(onto.subjects(RDF.type, OWL.ObjectProperty)):
        lab = _zh(onto.objects(c, RDFS.label))
        if lab:
            labels[c] = lab
    prop_labels = {p: labels.get(p, _local(p)) for p in onto.subjects(RDF.type, OWL.ObjectProperty)}
    return core, labels, prop_labels


def _dataset(graph: Any) -> Dataset:
    return getattr(graph, "dataset", graph)


def evidence_graph(graph: Any, *, documents: bool = False) -> nx.MultiDiGraph:
    """The graph of :meth:`kg.KnowledgeGraph.to_networkx`, with class labels and evidence added.

    Parameters
    ----------
    graph
        A :class:`kg.KnowledgeGraph` or an rdflib ``Dataset`` of a build.
    documents
        Also add one node per document and ``mentionedIn`` edges to it.
    """
    ds = _dataset(graph)
    G = to_networkx(graph)
    core_of, class_labels, prop_labels = _class_tables(ds)
    cls_iri = {_local(c): c for c in core_of}

    mentions: dict[URIRef, list[URIRef]] = defaultdict(list)  # entity → NIF mentions
    extracted: set[URIRef] = set()
    types: dict[URIRef, set[URIRef]] = defaultdict(set)
    doc_info: dict[URIRef, dict[str, str]] = {}
    sentence_of: dict[URIRef, URIRef] = {}
    anchor: dict[URIRef, str] = {}
    begin: dict[URIRef, int] = {}
    context: dict[URIRef, URIRef] = {}
    statements: dict[URIRef, dict[str, Any]] = defaultdict(dict)
    mentioned: dict[URIRef, set[URIRef]] = defaultdict(set)
    for g in ds.graphs():
        if g.identifier == ONTOLOGY_GRAPH:
            continue
        for s, p, o in g:
            if p == RDF.type:
                if o in (LV.Document, LV.Statement, NIF.Sentence, NIF.Phrase):
                    types[s].add(o)
            elif p == LV.mentionedIn:
                mentioned[s].add(o)
                extracted.add(s)
            elif p == ITSRDF.taIdentRef:
                mentions[o].append(s)
            elif p == NIF.sentence:
                sentence_of[s] = o
            elif p == NIF.anchorOf:
                anchor[s] = str(o)
            elif p == NIF.beginIndex:
                begin[s] = int(o)
            elif p == NIF.referenceContext:
                context[s] = o
            elif p == DCTERMS.identifier and isinstance(o, Literal):
                doc_info.setdefault(s, {})["id"] = str(o)
            elif p == DCTERMS.title:
                doc_info.setdefault(s, {})["title"] = str(o)
            elif p in (RDF.subject, RDF.predicate, RDF.object):
                statements[s][_local(p)] = o
            elif p == PROV.wasDerivedFrom:
                statements[s].setdefault("derived", set()).add(o)
    doc_ids = {d: info.get("id") or _local(d) for d, info in doc_info.items() if LV.Document in types.get(d, ())}

    def sentence_text(mention: URIRef) -> str:
        sent = sentence_of.get(mention)
        return " ".join(anchor.get(sent, "").split()) if sent is not None else ""

    G.graph["relations"] = {_local(p): lab for p, lab in sorted(prop_labels.items())}
    G.graph["documents"] = {doc_ids[d]: {"iri": str(d), "title": doc_info[d].get("title", doc_ids[d])}
                            for d in sorted(doc_ids, key=lambda d: doc_ids[d])}
    for node, a in G.nodes(data=True):
        iri = URIRef(node)
        ms = sorted(mentions.get(iri, ()), key=lambda m: (doc_ids.get(context.get(m), ""), begin.get(m, 0)))
        cls = cls_iri.get(a.get("cls", ""))
        # the ontology graph's label, else the ontology's (a class an extension added)
        a["cls_label"] = class_labels.get(cls) or ontology_label(a.get("cls", ""))
        a["evidence"] = next((text for m in ms if (text := sentence_text(m))), "")
        a["source"] = "extracted" if iri in extracted else "reference"

    # evidence sentences for relations, from the lv:Statement nodes
    evidence_for: dict[tuple[str, str, str], str] = {}
    for st in sorted(statements, key=str):
        info = statements[st]
        if LV.Statement not in types.get(st, ()) or not {"subject", "predicate", "object"} <= set(info):
            continue
        key = (str(info["subject"]), _local(info["predicate"]), str(info["object"]))
        if key in evidence_for:
            continue
        derived = sorted(info.get("derived", ()), key=str)
        spans = [anchor.get(m, "") for m in derived if NIF.Phrase in types.get(m, ())]
        # the statement's own sentence and the sentences of its two mentions: the one that
        # contains most of the mentions' text is the evidence (a longer one on a tie: a
        # headline says less than a sentence of the body)
        cands = [m for m in derived if NIF.Sentence in types.get(m, ())]
        cands += [sentence_of[m] for m in derived if m in sentence_of]
        texts = [t for t in (" ".join(anchor.get(c, "").split()) for c in cands) if t]
        if texts:
            evidence_for[key] = max(texts, key=lambda t: (sum(a in t for a in spans), len(t)))
    for u, v, k, a in G.edges(keys=True, data=True):
        rel = a.get("relation", k)
        a["label"] = "、".join(a["roles"]) if a.get("roles") else G.graph["relations"].get(rel) or ontology_label(rel)
        a["evidence"] = evidence_for.get((u, rel, v), "")

    if documents:
        for d in sorted(doc_ids, key=lambda d: doc_ids[d]):
            title = doc_info[d].get("title", doc_ids[d])
            G.add_node(str(d), label=title, iri=str(d), type=DOCUMENT, cls=DOCUMENT,
                       cls_label=ontology_label(DOCUMENT), aliases=[], mentions=0,
                       documents=[doc_ids[d]], evidence="", source="extracted", doc_id=doc_ids[d])
        for node in sorted(mentioned, key=str):
            if str(node) not in G:
                continue
            for d in sorted(mentioned[node], key=str):
                if d in doc_ids:
                    G.add_edge(str(node), str(d), key="mentionedIn", relation="mentionedIn",
                               label=G.graph["relations"].get("mentionedIn") or ontology_label("mentionedIn"),
                               documents=[doc_ids[d]], evidence="")
    return G
