"""The :class:`KnowledgeGraph` facade returned by :func:`kg.build` and :func:`kg.load`."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.rdf.io import load_dataset, save
from kg.rdf.namespaces import LV, ONTOLOGY_GRAPH, RDF, RDFS, REFERENCE_GRAPH

__all__ = ["KnowledgeGraph", "to_term"]

_CJK = re.compile(r"[\u3400-\u9fff]")


def to_term(value: Any) -> Node:
    """Python value → RDF term for safe binding (never string formatting into SPARQL).

    >>> to_term("吕梁市"), to_term("https://w3id.org/x")
    (rdflib.term.Literal('吕梁市', lang='zh'), rdflib.term.URIRef('https://w3id.org/x'))
    """
    if isinstance(value, Node):
        return value
    if isinstance(value, str):
        if re.match(r"^https?://\S+$", value):
            return URIRef(value)
        return Literal(value, lang="zh") if _CJK.search(value) else Literal(value)
    return Literal(value)


class KnowledgeGraph:
    """A built graph: named document graphs, the reference graph and the ontology.

    Examples
    --------
    >>> import kg
    >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
    >>> rows = g.query("SELECT ?l WHERE { ?e rdfs:label ?l } LIMIT 1")
    >>> len(rows)
    1
    """

    def __init__(self, dataset: Dataset, *, report: Any = None) -> None:
        self.dataset = dataset
        self.dataset.default_union = True
        self.report = report

    @classmethod
    def load(cls, path: str | os.PathLike) -> KnowledgeGraph:
        """Read a build output (.trig, .nq, .ttl, .jsonld)."""
        return cls(load_dataset(path))

    def __len__(self) -> int:
        return sum(len(g) for g in self.dataset.graphs())

    def query(self, sparql: str, /, **bindings: Any) -> list[dict[str, Node]]:
        """Run a SPARQL query; keyword arguments are bound as variables.

        Returns a list of rows (dicts of variable → term) for SELECT, a one-row list for ASK.
        """
        from rdflib.plugins.sparql import prepareQuery
        from rdflib.namespace import DCTERMS, SKOS, XSD

        from kg.rdf.namespaces import PREFIXES

        try:
            q = prepareQuery(sparql, initNs={k: v for k, v in PREFIXES.items()})
        except Exception as err:  # rdflib raises pyparsing errors with line/column
            raise QueryError(str(err)) from None
        res = self.dataset.query(q, initBindings={k: to_term(v) for k, v in bindings.items()})
        if res.type == "ASK":
            return [{"ask": Literal(bool(res.askAnswer))}]
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            return [{"s": s, "p": p, "o": o} for s, p, o in res.graph]
        return [{str(v): row[v] for v in res.vars if row[v] is not None} for row in res]

    def save(self, path: str | os.PathLike) -> None:
        """Write the graph (format by extension), atomically."""
        save(self.dataset, path)

    def stats(self) -> dict[str, Any]:
        """Counts by class and property over the document and reference graphs."""
        classes: Counter[str] = Counter()
        props: Counter[str] = Counter()
        docs = 0
        seen_typed = set()
        for g in self.dataset.graphs():
            if g.identifier == ONTOLOGY_GRAPH:
                continue
            for s, p, o in g:
                props[_local(p)] += 1
                if p == RDF.type and (s, o) not in seen_typed:
                    seen_typed.add((s, o))
                    classes[_local(o)] += 1
                    if o == LV.Document:
                        docs += 1
        return {"documents": docs, "triples": len(self), "classes": dict(classes.most_common()),
                "properties": dict(props.most_common())}

    def labels(self) -> Mapping[URIRef, str]:
        """Entity IRI → canonical Chinese label."""
        out = {}
        for s, o in self.dataset.subject_objects(RDFS.label):
            if isinstance(o, Literal) and o.language == "zh":
                out[s] = str(o)
        return out


def _local(term: Node) -> str:
    t = str(term)
    for sep in ("#", "/"):
        if sep in t:
            t = t.rsplit(sep, 1)[1]
    return t
