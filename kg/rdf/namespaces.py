"""Namespaces and fixed graph names (DESIGN.md).

Examples
--------
>>> str(LV.Place)
'https://w3id.org/lvliang-kg/ontology#Place'
>>> str(ONTOLOGY_GRAPH)
'https://w3id.org/lvliang-kg/graph/ontology'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "LV", "RES", "NIF", "ITSRDF", "SCHEMA", "GEO", "WD", "DCTERMS", "OWL", "PROV", "RDF",
    "RDFS", "SKOS", "XSD", "ONTOLOGY_GRAPH", "REFERENCE_GRAPH", "PREFIXES", "bind_prefixes", "Terms",
]

LV = Namespace("https://w3id.org/lvliang-kg/ontology#")
RES = Namespace("https://w3id.org/lvliang-kg/resource/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SCHEMA = Namespace("http://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
WD = Namespace("http://www.wikidata.org/entity/")

#: Named graph holding the ontology (OWL + labels).
ONTOLOGY_GRAPH = URIRef("https://w3id.org/lvliang-kg/graph/ontology")
#: Named graph holding reference data (administrative hierarchy, adcodes, coordinates).
REFERENCE_GRAPH = URIRef("https://w3id.org/lvliang-kg/graph/reference")

PREFIXES: dict[str, Namespace] = {
    "lv": LV, "res": RES, "nif": NIF, "itsrdf": ITSRDF, "schema": SCHEMA, "geo": GEO,
    "wd": WD, "dcterms": DCTERMS, "owl": OWL, "prov": PROV, "rdf": RDF, "rdfs": RDFS,
    "skos": SKOS, "xsd": XSD,
    # used by the ontology's own annotations and alignments
    "vann": Namespace("http://purl.org/vocab/vann/"), "org": Namespace("http://www.w3.org/ns/org#"),
    "foaf": Namespace("http://xmlns.com/foaf/0.1/"),
}


def bind_prefixes(graph) -> None:
    """Bind the project prefixes on an rdflib graph or dataset."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


class Terms:
    """The terms of a namespace, each made once (``T.name`` and ``T["name"]``).

    An rdflib namespace makes a new term at every lookup, and rdflib compares terms in
    Python. Code that writes a term into every triple takes it from here instead: built
    once, and found by identity in the sets and dicts that hold the triples.

    >>> T = Terms(LV)
    >>> T.Place is T.Place, T.Place == LV.Place, T["County"] is T["County"], Terms(RDF).type == RDF.type
    (True, True, True, True)
    """

    def __init__(self, namespace) -> None:
        self._namespace = namespace
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # later lookups are plain attribute reads
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._namespace[name]
        return term
