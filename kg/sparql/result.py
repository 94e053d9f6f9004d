"""The result of a SPARQL query, whatever engine or store answered it.

Every store returns a :class:`QueryResult`; :func:`to_python` and :func:`to_dataframe`
turn it into plain values. The text formats (CSV, TSV, JSON, tables) are in
:mod:`kg.query.results`.

Examples
--------
>>> from rdflib import Literal
>>> QueryResult("SELECT", ["n"], [{"n": Literal("吕梁", lang="zh")}]).records()
[{'n': '吕梁'}]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import QueryError
from kg.rdf.namespaces import bind_prefixes

__all__ = ["QueryResult", "to_python", "to_dataframe"]


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
        g = Graph()
        bind_prefixes(g)
        for r in self.rows:
            g.add((r["s"], r["p"], r["o"]))
        return g

    def records(self) -> list[dict[str, Any]]:
        """Rows with plain Python values (see :func:`to_python`); every projected variable
        is a key (None when unbound)."""
        return [{v: to_python(r.get(v)) for v in self.vars} for r in self.rows]

    def to_dataframe(self):
        """A pandas DataFrame (columns = variables); needs pandas."""
        return to_dataframe(self)


_PLAIN = {None, XSD.string}


def to_python(term: Node | None) -> Any:
    """An RDF term → a plain Python value: IRIs and strings as ``str``, numbers as
    ``int``/``Decimal``/``float``, booleans, dates; None for unbound.

    >>> to_python(Literal("吕梁市", lang="zh")), to_python(Literal("183.61", datatype=XSD.decimal))
    ('吕梁市', Decimal('183.61'))
    """
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        if term.language or term.datatype in _PLAIN:
            return str(term)
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def to_dataframe(result: QueryResult):
    """A pandas DataFrame with one column per variable; decimals become floats, unbound
    values None/NaN. Raises ImportError (with an install hint) without pandas."""
    try:
        import pandas as pd
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("DataFrame output needs pandas: pip install pandas") from err
    if result.type == "ASK":
        return pd.DataFrame({"boolean": [bool(result.boolean)]})
    records = []
    for rec in result.records():
        records.append({k: float(v) if isinstance(v, Decimal) else v for k, v in rec.items()})
    return pd.DataFrame.from_records(records, columns=list(result.vars))
