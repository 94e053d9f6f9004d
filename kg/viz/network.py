"""Finding what a user names in a page's graph, and the types a page shows.

The graph is :func:`kg.query.evidence.evidence_graph` (``KnowledgeGraph.to_networkx(evidence=True)``):
:func:`find_node` finds an entity by label, alias, slug or IRI, :func:`find_document` a document
by identifier or title. :func:`page_types` are the node types a page's legend lists, with
:func:`type_label` their names.

Examples
--------
>>> import kg
>>> G = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"]).to_networkx(evidence=True)
>>> node = find_node(G, "吕梁")
>>> G.nodes[node]["label"], G.nodes[node]["type"], G.nodes[node]["cls_label"]
('吕梁市', 'Place', '地级市')
>>> page_types()[-1], type_label("Program"), type_label("Memorial")
('Document', '举措', '纪念地')
"""

from __future__ import annotations

import difflib

import networkx as nx

from kg.errors import UnknownDocument, UnknownEntity
from kg.query.evidence import DOCUMENT
from kg.types import core_types, label

__all__ = ["SHORT_LABELS", "page_types", "type_label",
           "find_node", "find_document"]

#: Legend names shorter than the ontology's label (政策举措 and 工程项目 crowd a legend).
SHORT_LABELS = {"Program": "举措", "Project": "项目"}


def page_types() -> tuple[str, ...]:
    """The node types a page lists, in legend order: the core classes, then Document."""
    return (*core_types(), DOCUMENT)


def type_label(name: str) -> str:
    """A type's name on a page: its short name, else the ontology's ``rdfs:label`` @zh."""
    return SHORT_LABELS.get(name) or label(name)


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
