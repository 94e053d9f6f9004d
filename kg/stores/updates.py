"""SPARQL Update text that keeps a store's default graph equal to the union of its named graphs.

Oxigraph's union default graph (``use_default_graph_as_union``, the server's
``--union-default-graph``) is a *bag*: a triple that three document graphs state is matched
three times, where rdflib's ``default_union`` matches it once. So the Oxigraph and remote
stores do not ask the engine for a union: they keep the **default graph materialised as the
set union of the named graphs**, and queries read the plain default graph. Every SPARQL 1.1
store supports that, with no server option, and the answers equal rdflib's.

Each write is one update request (atomic on Oxigraph and on most servers):

* replacing graph ``g``: delete from the default graph the triples of ``g`` that no other
  named graph states, drop ``g``, insert the new triples into ``g`` and into the default
  graph (a set: a triple already there stays once);
* dropping ``g``: the first two steps.

Examples
--------
>>> from rdflib import URIRef, Literal
>>> g = URIRef("http://e/g")
>>> print(drop_graph(g))
DELETE { ?s ?p ?o } WHERE { GRAPH <http://e/g> { ?s ?p ?o } FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } FILTER(?h != <http://e/g>) } } ;
DROP SILENT GRAPH <http://e/g>
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef
from rdflib.term import Node

from kg.sparql.text import nt_term, nt_triple

__all__ = ["drop_graph", "replace_graph", "REFRESH_UNION", "CLEAR_UNION"]

#: Rebuild the default graph from the named graphs (after a bulk load).
REFRESH_UNION = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
#: Empty the default graph.
CLEAR_UNION = "DROP SILENT DEFAULT"


def drop_graph(name: URIRef) -> str:
    """Update text dropping ``name`` and its triples from the union default graph."""
    g = nt_term(name)
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {g}) }} }} ;\n"
            f"DROP SILENT GRAPH {g}")


def replace_graph(name: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """Update text making ``name`` hold exactly ``triples`` (union default graph kept)."""
    body = "\n".join(nt_triple(s, p, o) for s, p, o in triples)
    g = nt_term(name)
    parts = [drop_graph(name)]
    if body:
        parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")
        parts.append(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
    return " ;\n".join(parts)
