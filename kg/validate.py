"""SHACL validation of a build output with the shipped shapes (``ontology/shapes.ttl``).

The data graph is the union of every graph of the build plus the shipped ontology, so a
``sh:targetClass lv:Place`` shape reaches an ``lv:County`` through ``rdfs:subClassOf``.
On the five bundled documents this takes a few seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg.graph import KnowledgeGraph
from kg.rdf.assemble import ontology_graph

__all__ = ["ValidationReport", "Violation", "validate", "shapes_graph"]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the property path, the shape's message."""

    focus: str
    path: str | None
    message: str
    severity: str  # Violation, Warning or Info


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    #: Number of results of severity sh:Violation.
    violations: int
    #: pySHACL's text report.
    text: str
    results: tuple[Violation, ...] = field(default=())


def shapes_graph() -> Graph:
    """The SHACL shapes shipped with the package (a fresh copy)."""
    g = Graph()
    for t in _shapes_cached():
        g.add(t)
    return g


@lru_cache(maxsize=1)
def _shapes_cached() -> Graph:
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

    data = ontology_graph()
    for g in graph.dataset.graphs():
        for t in g:
            data.add(t)
    conforms, report_graph, text = shacl(data, shacl_graph=shapes_graph(), inference="none",
                                         allow_warnings=True, advanced=True)
    results = []
    for r in report_graph.subjects(RDF.type, SH.ValidationResult):
        path = report_graph.value(r, SH.resultPath)
        sev = report_graph.value(r, SH.resultSeverity)
        results.append(Violation(
            focus=str(report_graph.value(r, SH.focusNode)),
            path=str(path) if path is not None else None,
            message=str(report_graph.value(r, SH.resultMessage) or ""),
            severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
        ))
    results.sort(key=lambda v: (v.severity, v.focus, v.path or "", v.message))
    violations = sum(1 for v in results if v.severity == "Violation")
    return ValidationReport(bool(conforms), violations, text, tuple(results))
