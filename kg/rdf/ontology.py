"""The ontology shipped with the package, as the graph a build writes.

Examples
--------
>>> from kg.rdf.namespaces import LV, OWL, RDF
>>> (LV.Place, RDF.type, OWL.Class) in ontology_graph()
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

__all__ = ["GENID", "ontology_graph", "ontology_triples", "skolemize"]


#: Prefix of the Skolem IRIs that replace the ontology's blank nodes (OWL lists, unions).
GENID = "https://w3id.org/lvliang-kg/genid/"


def ontology_graph() -> Graph:
    """The ontology shipped with the package, parsed, its blank nodes skolemised.

    The ontology file writes OWL lists and datatype unions with blank nodes; in a build
    they become Skolem IRIs (:data:`GENID` + a hash of the node's canonical label), the
    same on every build, so no output holds a blank node and N-Quads bytes are stable.

    >>> from rdflib import BNode
    >>> g = ontology_graph()
    >>> any(isinstance(x, BNode) for t in g for x in t)
    False
    """
    return _copy(_ontology_cached())


def ontology_triples() -> Iterator[tuple[Node, Node, Node]]:
    """The triples of :func:`ontology_graph`, without a copy (for writing them elsewhere).

    >>> next(iter(ontology_triples())) in ontology_graph()
    True
    """
    return iter(_ontology_cached())


@lru_cache(maxsize=1)
def _ontology_cached() -> Graph:
    raw = Graph()
    raw.parse(data=(resources.files("kg.ontology") / "lvliang.ttl").read_text("utf-8"), format="turtle")
    return skolemize(raw)


def _copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


def skolemize(g: Graph) -> Graph:
    """A copy of ``g`` whose blank nodes are deterministic Skolem IRIs under :data:`GENID`.

    Labels come from rdflib's canonical blank node labelling (RGDA1), so they depend on
    the graph's content only, never on parse order or ``PYTHONHASHSEED``.

    >>> from rdflib import BNode, Literal
    >>> from kg.rdf.namespaces import RDFS
    >>> a, b = Graph(), Graph()
    >>> _ = a.add((BNode(), RDFS.label, Literal("x")))
    >>> _ = b.add((BNode(), RDFS.label, Literal("x")))
    >>> set(skolemize(a)) == set(skolemize(b))
    True
    """
    def iri(node):
        if isinstance(node, BNode):
            return URIRef(GENID + hashlib.sha256(str(node).encode("utf-8")).hexdigest()[:20])
        return node

    out = Graph()
    for s, p, o in to_canonical_graph(g):
        out.add((iri(s), p, iri(o)))
    return out
