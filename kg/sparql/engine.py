"""Parse SPARQL, and run it on an rdflib Dataset with pre-bound parameters.

The project prefixes (``lv:``, ``res:``, ``nif:`` …, see kg.rdf.namespaces.PREFIXES) are
predeclared, so ad-hoc queries may use them without ``PREFIX`` lines. Parameters are
pre-bound variables (rdflib ``initBindings``): the query is parsed once, then evaluated
with ``?name`` already bound to an RDF term. Only queries are accepted: SPARQL Update text
(``DROP``, ``INSERT`` …) does not parse as a query and is rejected as malformed.

Examples
--------
>>> prepare("SELECT ?x WHERE { ?x a lv:Place }").algebra.name
'SelectQuery'
>>> prepare("SELECT ?x WHERE {\\n  ?x a lv:Place \\n")
Traceback (most recent call last):
...
kg.errors.QueryError: malformed SPARQL query: line 3, column 1: Expected ...
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Mapping
from typing import Any

from pyparsing import ParseBaseException
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node, Variable

from kg.errors import QueryError
from kg.rdf.namespaces import PREFIXES
from kg.sparql.result import QueryResult

__all__ = ["prepare", "execute"]


def _position(err: Exception, text: str) -> str:
    """``line L, column C: message`` plus the offending line and a caret."""
    lineno = getattr(err, "lineno", None)
    col = getattr(err, "col", None)
    msg = getattr(err, "msg", None) or str(err)
    if lineno is None or col is None:
        return str(err)
    lines = text.splitlines() or [""]
    src = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    found = ""
    loc = getattr(err, "loc", None)
    if isinstance(loc, int) and loc < len(text):
        found = f", found {text[loc:loc + 12].split(chr(10))[0]!r}"
    elif isinstance(loc, int):
        found = ", found end of text"
    return f"line {lineno}, column {col}: {msg}{found}\n  {src}\n  {' ' * (col - 1)}^"


def _grouped(algebra) -> bool:
    """True when the top-level query has an explicit GROUP BY.

    SPARQL: GROUP BY over no solutions gives no groups, hence no rows; rdflib 7 yields
    one empty row instead, which :func:`execute` drops.
    """
    node = algebra.get("p") if isinstance(algebra, CompValue) else None
    while isinstance(node, CompValue):
        if node.name == "AggregateJoin":
            group = node.get("p")
            return isinstance(group, CompValue) and group.get("expr") is not None
        if node.name in ("Join", "LeftJoin", "Union", "Minus"):
            return False
        node = node.get("p")
    return False


def prepare(text: str):
    """Parse a SPARQL query (with the project prefixes predeclared); QueryError with the
    line and column on a syntax error.

    The parsed query is kept for the next call with the same text (the last 256 texts):
    rdflib's parser often takes longer than evaluating a named query on a small graph, and
    ``kg serve`` or a notebook runs the same queries again and again.
    Evaluation never modifies a parsed query, so one object serves every caller.

    >>> prepare("SELECT * WHERE { ?s ?p ?o }") is prepare("SELECT * WHERE { ?s ?p ?o }")
    True
    """
    return _parse(text)


@functools.lru_cache(maxsize=256)
def _parse(text: str):
    try:
        return prepareQuery(text, initNs=dict(PREFIXES))
    except ParseBaseException as err:
        raise QueryError(_position(err, text)) from None
    except Exception as err:  # unknown prefix, bad IRI, unsupported construct …
        raise QueryError(_locate(str(err), text)) from None


def _locate(message: str, text: str) -> str:
    """Add the line and column of an unknown prefix to rdflib's message.

    >>> print(_locate("Unknown namespace prefix : foo", "SELECT *\\nWHERE { ?x a foo:Bar }"))
    line 2, column 14: unknown prefix 'foo:' (declare it with PREFIX foo: <…>)
      WHERE { ?x a foo:Bar }
                   ^
    """
    m = re.match(r"Unknown namespace prefix\s*:\s*(\S*)", message)
    if m:
        prefix = m[1]
        hit = re.search(rf"(?<![\w<:]){re.escape(prefix)}:", text)
        head = f"unknown prefix '{prefix}:' (declare it with PREFIX {prefix}: <…>)"
        if hit:
            line = text.count("\n", 0, hit.start()) + 1
            col = hit.start() - (text.rfind("\n", 0, hit.start()) + 1) + 1
            src = text.splitlines()[line - 1]
            return f"line {line}, column {col}: {head}\n  {src}\n  {' ' * (col - 1)}^"
        return head
    return message


def execute(dataset, query: Any, bindings: Mapping[str, Node] | None = None) -> QueryResult:
    """Run a query (text or prepared) on an rdflib Dataset (union default graph).

    >>> from rdflib import Dataset, Literal, URIRef
    >>> ds = Dataset()
    >>> ds.graph(URIRef("urn:g")).add((URIRef("urn:e"), URIRef("urn:p"), Literal("吕梁", lang="zh")))
    <Graph identifier=urn:g (<class 'rdflib.graph.Graph'>)>
    >>> ds.default_union = True
    >>> execute(ds, "SELECT ?e WHERE { ?e ?p ?o FILTER(STR(?o) = STR(?name)) }",
    ...         {"name": Literal("吕梁")}).records()
    [{'e': 'urn:e'}]
    """
    prepared = prepare(query) if isinstance(query, str) else query
    try:
        with warnings.catch_warnings():
            # rdflib's own evaluator calls its deprecated Dataset.contexts() for GRAPH ?g
            warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
            return _evaluate(dataset, prepared, bindings)
    except QueryError:
        raise
    except Exception as err:
        raise QueryError(f"evaluation failed: {type(err).__name__}: {err}") from None


def _evaluate(dataset, prepared, bindings) -> QueryResult:
    res = dataset.query(prepared, initBindings={Variable(k): v for k, v in (bindings or {}).items()})
    if res.type == "ASK":
        return QueryResult("ASK", [], [], bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        rows = [{"s": s, "p": p, "o": o} for s, p, o in res.graph]
        return QueryResult(res.type, ["s", "p", "o"], rows)
    names = [str(v) for v in (res.vars or [])]
    rows = [{n: row[v] for n, v in zip(names, res.vars) if row[v] is not None} for row in res]
    if len(rows) == 1 and not rows[0] and _grouped(prepared.algebra):
        rows = []  # rdflib yields one empty group for GROUP BY over no solutions
    return QueryResult("SELECT", names, rows)
