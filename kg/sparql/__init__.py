"""SPARQL itself, whichever store holds the graph: terms, parsing, evaluation, results.

* :mod:`kg.sparql.terms` — Python values and command-line text → RDF terms (one rule);
* :mod:`kg.sparql.engine` — parse with the project prefixes (line/column errors), run on an
  rdflib Dataset with pre-bound variables;
* :mod:`kg.sparql.result` — :class:`QueryResult`, what every store's ``query`` returns;
* :mod:`kg.sparql.text` — terms in N-Triples syntax and parameters substituted into query
  text, for engines that take text (Oxigraph, remote endpoints).

The stores (:mod:`kg.stores`) answer queries with these; named queries, parameter
declarations and output formats (:mod:`kg.query`) build on the stores.

Examples
--------
>>> from rdflib import Dataset
>>> execute(Dataset(), "ASK { ?s ?p ?o }").ask
False
"""

from kg.sparql.engine import execute, prepare
from kg.sparql.result import QueryResult
from kg.sparql.terms import from_text, to_term

__all__ = ["QueryResult", "execute", "prepare", "to_term", "from_text"]
