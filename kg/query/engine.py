"""Parse and run SPARQL over a KnowledgeGraph's dataset, with pre-bound parameters.

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
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib.term import Node, Variable

from kg.errors import QueryError

__all__ = ["prepare", "execute", "QueryResult"]


@dataclass
class QueryResult:
    """The result of one query, whatever the engine: its form, the projected variables in
    order, and the rows (like rdflib's ``Result`` or pyoxigraph's solutions).

    * SELECT: iterate the rows (dicts of variable name → RDF term, unbound variables
      absent), index them (``res[0]["label"]``), ``len(res)``; ``res.vars`` names the
      columns;
    * ASK: ``res.ask`` is the answer (``bool(res)`` too); there are no rows;
    * CONSTRUCT and DESCRIBE: ``res.graph`` is an rdflib ``Graph`` of the triples; the
      rows are the triples as ``s``, ``p``, ``o``.

    ``records()`` gives plain Python values, ``to_dataframe()`` a pandas DataFrame.

    Examples
    --------
    >>> from rdflib import Literal
    >>> res = QueryResult("SELECT", ["n"], [{"n": Literal(3)}])
    >>> len(res), res[0]["n"].toPython(), res.records(), res == [{"n": Literal(3)}]
    (1, 3, [{'n': 3}], True)
    >>> QueryResult("ASK", [], [], True).ask
    True
    """

    type: str
    vars: list[str]
    rows: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __getitem__(self, index):
        return self.rows[index]

    def __bool__(self) -> bool:
        # as rdflib's Result: the answer of an ASK, else whether there are rows
        return bool(self.boolean) if self.type == "ASK" else bool(self.rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, list):  # compare with the rows, e.g. ``g.query(q) == []``
            return self.type != "ASK" and self.rows == other
        if isinstance(other, QueryResult):
            return (self.type, self.vars, self.rows, self.boolean) == (
                other.type, other.vars, other.rows, other.boolean)
        return NotImplemented

    __hash__ = None  # mutable, compared by value

    @property
    def ask(self) -> bool:
        """The answer of an ASK query (``QueryError`` for other forms)."""
        if self.type != "ASK":
            raise QueryError(f"a {self.type} query has no ASK answer; iterate its rows")
        return bool(self.boolean)

    @property
    def graph(self):
        """The triples of a CONSTRUCT or DESCRIBE query as an rdflib ``Graph``."""
        if self.type not in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError(f"a {self.type} query has no graph result")
        from rdflib import Graph

        from kg.rdf.namespaces import bind_prefixes

        g = Graph()
        bind_prefixes(g)
        for r in self.rows:
            g.add((r["s"], r["p"], r["o"]))
        return g

    def records(self) -> list[dict[str, Any]]:
        """Rows with plain Python values (see :func:`kg.query.results.to_python`); every
        projected variable is a key (None when unbound)."""
        from kg.query.results import to_python

        return [{v: to_python(r.get(v)) for v in self.vars} for r in self.rows]

    def to_dataframe(self):
        """A pandas DataFrame (columns = variables); needs pandas."""
        from kg.query.results import to_dataframe

        return to_dataframe(self)


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
    from rdflib.plugins.sparql.parserutils import CompValue

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
    rdflib's parser takes 10-20 ms for a named query, often more than evaluating it on a
    small graph, and ``kg serve`` or a notebook runs the same queries again and again.
    Evaluation never modifies a parsed query, so one object serves every caller.

    >>> prepare("SELECT * WHERE { ?s ?p ?o }") is prepare("SELECT * WHERE { ?s ?p ?o }")
    True
    """
    return _parse(text)


@functools.lru_cache(maxsize=256)
def _parse(text: str):
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import prepareQuery

    from kg.rdf.namespaces import PREFIXES

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
    import re

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
