"""Result formats: a rich table, CSV, TSV, SPARQL 1.1 JSON.

Plain Python records and pandas DataFrames are made by :mod:`kg.sparql.result`.

* ``csv`` — SPARQL 1.1 Query Results CSV: header of variable names, IRIs and literals as
  plain strings, blank nodes as ``_:id``, unbound as an empty field.
* ``tsv`` — SPARQL 1.1 Query Results TSV: header ``?var``, every term in Turtle syntax
  (``<iri>``, ``"text"@zh``, ``"1.5"^^<…#decimal>``; integers and booleans bare).
* ``json`` — SPARQL 1.1 Query Results JSON (``head.vars``, ``results.bindings`` with
  ``type``/``value``/``xml:lang``/``datatype``; ``boolean`` for ASK).
* ``table`` — a rich Table with IRIs shortened to the project prefixes.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> from kg.sparql.result import QueryResult
>>> r = QueryResult("SELECT", ["e", "n"], [{"e": URIRef("https://w3id.org/lvliang-kg/resource/lvliangshi"),
...                                        "n": Literal(3)}, {"e": URIRef("urn:x")}])
>>> print(to_csv(r), end="")
e,n
https://w3id.org/lvliang-kg/resource/lvliangshi,3
urn:x,
>>> print(to_tsv(r), end="")
?e	?n
<https://w3id.org/lvliang-kg/resource/lvliangshi>	3
<urn:x>	
>>> import json; json.loads(to_json(r))["results"]["bindings"][0]["n"]
{'type': 'literal', 'value': '3', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
>>> r.records()
[{'e': 'https://w3id.org/lvliang-kg/resource/lvliangshi', 'n': 3}, {'e': 'urn:x', 'n': None}]
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node
from rich.table import Table

from kg.rdf.namespaces import PREFIXES
from kg.sparql.result import QueryResult

__all__ = ["FORMATS", "to_csv", "to_tsv", "to_json", "to_table", "render", "shorten"]

#: Output formats of ``kg query --format``.
FORMATS = ("table", "csv", "tsv", "json")


def _csv_value(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results (RFC 4180 quoting; ``\\n`` line ends, friendlier in pipes
    than the RFC's CRLF; every CSV reader accepts both)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if result.type == "ASK":
        w.writerow(["boolean"])
        w.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    w.writerow(result.vars)
    for row in result.rows:
        w.writerow([_csv_value(row.get(v)) for v in result.vars])
    return buf.getvalue()


def _escape(s: str) -> str:
    return (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
             .replace("\r", "\\r").replace("\t", "\\t"))


def turtle_term(term: Node | None) -> str:
    """One term in Turtle/N-Triples syntax on a single line (for TSV).

    >>> turtle_term(Literal("a\\tb", lang="zh")), turtle_term(Literal(True))
    ('"a\\\\tb"@zh', 'true')
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        if term.datatype in (XSD.integer, XSD.boolean) and term.value is not None:
            return str(term).lower() if term.datatype == XSD.boolean else str(term)
        body = f'"{_escape(str(term))}"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{body}^^<{term.datatype}>"
        return body
    return str(term)


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV results."""
    if result.type == "ASK":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join(turtle_term(row.get(v)) for v in result.vars) for row in result.rows]
    return "\n".join(lines) + "\n"


def json_term(term: Node) -> dict[str, str]:
    """One term as a SPARQL 1.1 JSON results binding."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult, *, indent: int | None = 2) -> str:
    """SPARQL 1.1 Query Results JSON (UTF-8, Chinese kept as is)."""
    if result.type == "ASK":
        doc: dict[str, Any] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        doc = {"head": {"vars": list(result.vars)},
               "results": {"bindings": [{v: json_term(t) for v, t in row.items() if t is not None}
                                        for row in result.rows]}}
    return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"


def shorten(term: Node | None) -> str:
    """A compact display form: project prefixes for IRIs, the lexical form for literals.

    >>> shorten(URIRef("https://w3id.org/lvliang-kg/resource/lvliangshi"))
    'res:lvliangshi'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        s = str(term)
        best = ""
        for prefix, ns in PREFIXES.items():
            if s.startswith(str(ns)) and len(str(ns)) > len(best):
                best, name = str(ns), prefix
        return f"{name}:{s[len(best):]}" if best else s
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_table(result: QueryResult, *, title: str | None = None):
    """A rich Table of the rows (IRIs shortened), with the row count as caption."""
    if result.type == "ASK":
        t = Table(title=title)
        t.add_column("boolean")
        t.add_row("true" if result.boolean else "false")
        return t
    n = len(result.rows)
    t = Table(title=title, caption=f"{n} row{'s' if n != 1 else ''}", show_lines=False)
    for v in result.vars:
        t.add_column(v, overflow="fold")
    for row in result.rows:
        t.add_row(*(shorten(row.get(v)) for v in result.vars))
    return t


def render(result: QueryResult, fmt: str) -> str:
    """Text of ``result`` in a machine format (csv, tsv, json)."""
    if fmt == "csv":
        return to_csv(result)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt == "json":
        return to_json(result)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
