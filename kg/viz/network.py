"""The knowledge graph as a NetworkX graph for drawing: entities, relations and evidence.

:func:`page_graph` starts from the entity graph of :mod:`kg.query.network` and adds what
a page shows (``KnowledgeGraph.to_networkx(evidence=True)`` returns it), read in one pass over
the dataset (no SPARQL):

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
>>> G = page_graph(kg.build(["kg/corpus/003_50ea69b444730b6f.txt"]))
>>> node = find_node(G, "吕梁")
>>> G.nodes[node]["label"], G.nodes[node]["type"], G.nodes[node]["cls_label"]
('吕梁市', 'Place', '地级市')
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
from rdflib import Dataset, Literal, URIRef

from kg.errors import UnknownDocument, UnknownEntity
from kg.rdf.namespaces import (
    DCTERMS, ITSRDF, LV, NIF, ONTOLOGY_GRAPH, OWL, PROV, RDF, RDFS,
)

__all__ = ["CORE_TYPES", "CORE_LABELS", "page_graph",
           "find_node", "find_document"]

#: The core classes of DESIGN.md, in legend order, and Document.
CORE_TYPES = ("Place", "Institution", "Program", "Memorial", "Project", "Person", "Event",
              "Document")
#: Chinese names of the core classes (the ontology's rdfs:label @zh when present).
CORE_LABELS = {"Place": "地点", "Institution": "机构", "Program": "举措", "Memorial": "纪念地",
               "Project": "项目", "Person": "人物", "Event": "事件", "Document": "文档"}

#: lv: properties that link entities to support nodes, never drawn as relations.
_NOT_RELATIONS = {"mentionedIn", "position", "holder", "organization", "about", "statedIn",
                  "typedBy"}


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
    core_iris = {LV[c]: c for c in CORE_TYPES}

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


def page_graph(graph: Any, *, documents: bool = False) -> nx.MultiDiGraph:
    """The graph of :meth:`kg.KnowledgeGraph.to_networkx`, with what a page shows added.

    Parameters
    ----------
    graph
        A :class:`kg.KnowledgeGraph` or an rdflib ``Dataset`` of a build.
    documents
        Also add one node per document and ``mentionedIn`` edges to it.
    """
    from kg.query.network import to_networkx as base

    ds = _dataset(graph)
    G = base(graph)
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
        a["cls_label"] = class_labels.get(cls, a.get("cls", "")) if cls is not None else a.get("cls", "")
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
        a["label"] = "、".join(a["roles"]) if a.get("roles") else G.graph["relations"].get(rel, rel)
        a["evidence"] = evidence_for.get((u, rel, v), "")

    if documents:
        for d in sorted(doc_ids, key=lambda d: doc_ids[d]):
            title = doc_info[d].get("title", doc_ids[d])
            G.add_node(str(d), label=title, iri=str(d), type="Document", cls="Document",
                       cls_label=CORE_LABELS["Document"], aliases=[], mentions=0,
                       documents=[doc_ids[d]], evidence="", source="extracted", doc_id=doc_ids[d])
        for node in sorted(mentioned, key=str):
            if str(node) not in G:
                continue
            for d in sorted(mentioned[node], key=str):
                if d in doc_ids:
                    G.add_edge(str(node), str(d), key="mentionedIn", relation="mentionedIn",
                               label=G.graph["relations"].get("mentionedIn", "提及于"),
                               documents=[doc_ids[d]], evidence="")
    return G


def find_node(G: nx.Graph, text: str) -> str:
    """The node a user means by ``text``: an IRI, a resource slug (``lvliangshi``), a
    canonical label, an alias, or else the only/most mentioned label containing it.

    Raises :class:`UnknownEntity` (with close names) when nothing matches.
    """
    text = text.strip()
    if text in G:
        return text
    by_rank = sorted(G.nodes, key=lambda n: (-G.nodes[n].get("mentions", 0), -G.degree(n), n))
    for test in (
        lambda n, a: a.get("label") == text,
        lambda n, a: n.rsplit("/", 1)[-1] == text,
        lambda n, a: text in a.get("aliases", ()),
        lambda n, a: text in a.get("label", ""),
    ):
        for n in by_rank:
            if test(n, G.nodes[n]):
                return n
    names = sorted({a.get("label", "") for _, a in G.nodes(data=True)})
    close = difflib.get_close_matches(text, names, n=5, cutoff=0.3)
    raise UnknownEntity(text, f" (did you mean {', '.join(close)}?)" if close else "")


def find_document(G: nx.Graph, text: str) -> str:
    """A document identifier from its identifier, a unique prefix of it, its IRI or its title."""
    docs = G.graph.get("documents", {})
    text = text.strip()
    if text in docs:
        return text
    for doc_id, info in docs.items():
        if text in (info["iri"], info["title"]):
            return doc_id
    hits = [d for d in docs if d.startswith(text)] or [d for d, i in docs.items() if text and text in i["title"]]
    if len(hits) == 1:
        return hits[0]
    raise UnknownDocument(text, ", ".join(docs) or "none")
