"""Entity cards and the NetworkX view of a KnowledgeGraph.

:func:`entity_card` answers "what is 吕梁?" with one dict; :func:`to_networkx` turns the
entities and their relations into a :class:`networkx.MultiDiGraph` for analysis
(centrality, communities, paths) and drawing.

Node attributes: ``label`` (canonical name), ``type`` (core class, :func:`kg.types.core_types`: Place, Institution,
Program, Memorial, Project, Person, Event), ``cls`` (most specific class, e.g. County),
``aliases`` (sorted), ``mentions`` (number of NIF mentions), ``documents`` (sorted
document identifiers), ``iri``. Edge attributes: ``relation`` (local name, also the edge
key), ``documents`` (identifiers of the documents stating it, ``"reference"`` for the
reference gazetteer) and, for ``heldPosition``, ``roles`` (role titles from lv:Position).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef

from kg.query import run
from kg.rdf.namespaces import (
    DCTERMS, ITSRDF, LV, ONTOLOGY_GRAPH, RDF, RDFS, REFERENCE_GRAPH, SKOS,
)
from kg.types import core_types, relation_types

__all__ = ["entity_card", "to_networkx", "class_info"]


def _local(term: Any) -> str:
    s = str(term)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]


def class_info(dataset) -> dict[URIRef, tuple[str, int]]:
    """Class IRI → (core class local name, depth below it) from the ontology's
    rdfs:subClassOf tree (union of all graphs).

    >>> import kg
    >>> info = class_info(kg.build(["kg/corpus/003_50ea69b444730b6f.txt"]).dataset)
    >>> info[LV.County], info[LV.MemorialHall], info[LV.Place]
    (('Place', 2), ('Memorial', 1), ('Place', 0))
    """
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in dataset.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            parents[s].add(o)
    core = {LV[c]: c for c in core_types()}
    out: dict[URIRef, tuple[str, int]] = {c: (name, 0) for c, name in core.items()}

    def walk(cls: URIRef, seen: frozenset = frozenset()) -> tuple[str, int] | None:
        if cls in out:
            return out[cls]
        best = None
        for p in sorted(parents.get(cls, ())):
            if p in seen:
                continue
            r = walk(p, seen | {cls})
            if r is not None and (best is None or r[1] + 1 > best[1]):
                best = (r[0], r[1] + 1)
        if best is not None:
            out[cls] = best
        return best

    for cls in list(parents):
        walk(cls)
    return out


def _doc_ids(dataset) -> dict[URIRef, str]:
    return {d: str(i) for d, i in dataset.subject_objects(DCTERMS.identifier)
            if (d, RDF.type, LV.Document) in dataset}


def _entities(dataset, only: URIRef | None = None) -> dict[URIRef, dict[str, Any]]:
    """Every entity typed with a class under a core class (or just ``only``), with its
    attributes."""
    classes = class_info(dataset)
    docs = _doc_ids(dataset)
    nodes: dict[URIRef, dict[str, Any]] = {}
    pairs = ((only, o) for o in dataset.objects(only, RDF.type)) if only is not None \
        else dataset.subject_objects(RDF.type)
    for s, cls in pairs:
        info = classes.get(cls)
        if info is None or not isinstance(s, URIRef) or cls == LV.Document:
            continue
        cur = nodes.get(s)
        # the most specific class wins; ties are broken by IRI for stable output
        if cur is None or (info[1], str(cls)) > (cur["_depth"], cur["_cls_iri"]):
            nodes[s] = {"_depth": info[1], "_cls_iri": str(cls), "type": info[0], "cls": _local(cls)}
    if only is not None:
        mentions = Counter({only: sum(1 for _ in dataset.subjects(ITSRDF.taIdentRef, only))})
    else:
        mentions = Counter(o for o in dataset.objects(None, ITSRDF.taIdentRef))
    reference = next((g for g in dataset.graphs() if g.identifier == REFERENCE_GRAPH), None)
    for e, attrs in nodes.items():
        labels = sorted(str(o) for o in dataset.objects(e, RDFS.label) if isinstance(o, Literal))
        ref_labels = sorted(str(o) for o in reference.objects(e, RDFS.label)) if reference is not None else []
        label = (ref_labels or labels or [_local(e)])[0]
        aliases = {str(o) for o in dataset.objects(e, SKOS.altLabel)} | set(labels)
        attrs.update(
            iri=str(e),
            label=label,
            aliases=sorted(aliases - {label}),
            mentions=int(mentions.get(e, 0)),
            documents=sorted({docs[d] for d in dataset.objects(e, LV.mentionedIn) if d in docs}),
        )
    return nodes


def _strip(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if not k.startswith("_")}


def entity_card(graph: Any, name: str) -> dict[str, Any] | None:
    """The entity called ``name`` (canonical label or any alias, any language tag), or
    None. When several entities carry the name, an exact canonical label beats an alias,
    then more mentions win, then the IRI decides.

    >>> import kg
    >>> card = entity_card(kg.build(["kg/corpus/003_50ea69b444730b6f.txt"]), "吕梁")
    >>> card["label"], card["type"], card["aliases"]
    ('吕梁市', 'Place', ['吕梁'])
    """
    dataset = getattr(graph, "dataset", graph)
    rows = run(dataset, "lookup", {"name": name}).records()
    if not rows:
        return None
    rows.sort(key=lambda r: (r["matchedBy"] != "label", -(r["mentions"] or 0), r["entity"]))
    iri = URIRef(rows[0]["entity"])
    attrs = _entities(dataset, only=iri).get(iri)
    if attrs is None:  # typed outside the core classes: answer from the lookup row
        row = rows[0]
        aliases = sorted(a for a in (row.get("aliases") or "").split("、") if a)
        docs = sorted(d for d in (row.get("documents") or "").split() if d)
        return {"iri": str(iri), "label": row["label"], "class": row["class"], "type": None,
                "aliases": aliases, "documents": docs, "mentions": int(row["mentions"] or 0)}
    a = _strip(attrs)
    return {"iri": a["iri"], "label": a["label"], "class": a["cls"], "type": a["type"],
            "aliases": a["aliases"], "documents": a["documents"], "mentions": a["mentions"]}


def to_networkx(graph: Any, *, relations: tuple[str, ...] | None = None,
                include_isolated: bool = True):
    """The entities and their relations as a :class:`networkx.MultiDiGraph`.

    Nodes are entity IRIs (strings); one edge per (subject, relation, object) with the
    documents that state it, for the ``relations`` given (default:
    :func:`kg.types.relation_types`). ``include_isolated=False`` keeps only entities that take
    part in at least one relation. Symmetric lv:partnerOf is one edge as stated.

    >>> import kg
    >>> G = to_networkx(kg.build(["kg/corpus/003_50ea69b444730b6f.txt"]), include_isolated=False)
    >>> all(G.degree(n) > 0 for n in G)
    True
    >>> sorted({d["relation"] for _, _, d in G.edges(data=True)})[:1]
    ['locatedIn']
    """
    dataset = getattr(graph, "dataset", graph)
    nodes = _entities(dataset)
    docs = _doc_ids(dataset)
    G = nx.MultiDiGraph()
    edges: dict[tuple[URIRef, str, URIRef], set[str]] = defaultdict(set)
    for g in dataset.graphs():
        if g.identifier == ONTOLOGY_GRAPH:
            continue
        src = "reference" if g.identifier == REFERENCE_GRAPH else docs.get(g.identifier, str(g.identifier))
        for rel in relations or relation_types():
            for s, o in g.subject_objects(LV[rel]):
                if s in nodes and o in nodes and s != o:
                    edges[(s, rel, o)].add(src)
    roles: dict[tuple[URIRef, URIRef], set[str]] = defaultdict(set)
    for pos in set(dataset.subjects(RDF.type, LV.Position)):
        holder = dataset.value(pos, LV.holder)
        org = dataset.value(pos, LV.organization)
        for title in dataset.objects(pos, LV.roleTitle):
            roles[(holder, org)].add(str(title))
    used = {s for s, _, _ in edges} | {o for _, _, o in edges}
    for e in sorted(nodes, key=str):
        if include_isolated or e in used:
            G.add_node(str(e), **_strip(nodes[e]))
    for (s, rel, o), srcs in sorted(edges.items(), key=lambda kv: (str(kv[0][0]), kv[0][1], str(kv[0][2]))):
        attrs: dict[str, Any] = {"relation": rel, "documents": sorted(srcs)}
        if rel == "heldPosition":
            attrs["roles"] = sorted(roles.get((s, o), ()))
        G.add_edge(str(s), str(o), key=rel, **attrs)
    return G
