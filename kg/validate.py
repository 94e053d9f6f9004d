"""SHACL validation of a build output with the shipped shapes (``ontology/shapes.ttl``)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from rdflib import Graph

from kg.graph import KnowledgeGraph

__all__ = ["ValidationReport", "validate", "shapes_graph"]


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def shapes_graph() -> Graph:
    """The SHACL shapes shipped with the package."""
    g = Graph()
    g.parse(data=(resources.files("kg.ontology") / "shapes.ttl").read_text("utf-8"), format="turtle")
    return g


def validate(graph: KnowledgeGraph) -> ValidationReport:
    """Validate every graph of ``graph`` (merged with the ontology) against the shapes.

    Examples
    --------
    >>> import kg
    >>> validate(kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])).conforms
    True
    """
    from pyshacl import validate as shacl

    from kg.rdf.assemble import ontology_graph

    data = Graph()
    for g in graph.dataset.graphs():
        for t in g:
            data.add(t)
    for t in ontology_graph():
        data.add(t)
    conforms, report_graph, text = shacl(data, shacl_graph=shapes_graph(), inference="none",
                                         allow_warnings=True, advanced=True)
    from rdflib.namespace import SH, RDF

    violations = sum(1 for _ in report_graph.subjects(RDF.type, SH.ValidationResult))
    return ValidationReport(bool(conforms), violations, text)
