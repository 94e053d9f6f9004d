"""Parameter binding: ``--param k=v`` strings and Python values → ``{variable: term}``.

A parameter is a SPARQL variable (``?name``) that the store pre-binds to an RDF term, never
to text; values become terms by the rules of :mod:`kg.sparql.terms`. For a named query, a
name it does not declare is a :class:`~kg.errors.ParameterError`; for ad-hoc text, a name
that is not a variable of the query is one.

Examples
--------
>>> parse_assignments(["name=吕梁", "min=3"])
{'name': '吕梁', 'min': '3'}
>>> bind({"min": "3"}, query_text="SELECT ?e WHERE { ?e ?p ?min }", from_cli=True)
{'min': rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rdflib.term import Node

from kg.errors import ParameterError
from kg.sparql.terms import VARIABLE_NAME, from_text, to_term

__all__ = ["parse_assignments", "bind", "query_variables", "key_given"]


def parse_assignments(items: Iterable[str] | None) -> dict[str, str]:
    """``["k=v", …]`` → ``{k: v}``. Only the first ``=`` splits; the value is kept as is.

    >>> parse_assignments(["q=a=b"])
    {'q': 'a=b'}
    >>> parse_assignments(["novalue"])
    Traceback (most recent call last):
    ...
    kg.errors.ParameterError: bad query parameter 'novalue': expected NAME=VALUE
    """
    out: dict[str, str] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        key = key.strip().lstrip("?$")
        if not sep:
            raise ParameterError(item, "expected NAME=VALUE")
        if not VARIABLE_NAME.match(key):
            raise ParameterError(key, "not a valid variable name (letters, digits, _)")
        if key in out:
            raise ParameterError(key, "given more than once")
        out[key] = value
    return out


def query_variables(text: str) -> set[str]:
    """Names of the variables (``?x`` or ``$x``) that occur in a query text, ignoring
    comments and string literals (approximately: enough to reject misspelt parameters).

    >>> sorted(query_variables('SELECT ?a WHERE { ?a ?b "?c" } # ?d'))
    ['a', 'b']
    """
    no_strings = re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'',
                        " ", text)
    no_iris = re.sub(r"<[^<>\"{}|^`\\\s]*>", " ", no_strings)
    no_comments = re.sub(r"#[^\n]*", " ", no_iris)
    return set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", no_comments))


def bind(
    values: Mapping[str, Any] | None,
    *,
    params: Sequence[Any] | None = None,
    query_text: str | None = None,
    from_cli: bool = False,
) -> dict[str, Node]:
    """Check and convert parameter values into ``{variable: term}`` for the engine.

    ``params`` are the declared :class:`~kg.query.named.Param` of a named query (defaults
    are applied, unknown names and missing required ones rejected). Without declarations,
    every name must be a variable of ``query_text``. ``from_cli`` says values are
    command-line strings (numbers are then inferred for undeclared parameters).

    >>> from kg.query.named import get
    >>> bind({"county": "兴县"}, params=get("memorials-by-county").params)
    {'county': rdflib.term.Literal('兴县', lang='zh')}
    >>> bind({"country": "中国"}, params=get("memorials-by-county").params)
    Traceback (most recent call last):
    ...
    kg.errors.ParameterError: bad query parameter 'country': this query has no such parameter; it takes: county
    """
    values = dict(values or {})
    out: dict[str, Node] = {}
    if params:
        declared = {p.name: p for p in params}
        for key in values:
            if key not in declared:
                raise ParameterError(key, "this query has no such parameter; it takes: "
                                          + ", ".join(declared))
        for p in params:
            if key_given(values, p.name):
                v = values[p.name]
                out[p.name] = from_text(v, p.type, name=p.name) if isinstance(v, str) \
                    else to_term(v, p.type, name=p.name)
            elif p.required:
                raise ParameterError(p.name, f"required ({p.description or p.type}); "
                                             f"pass --param {p.name}=…")
            elif p.default is not None:
                out[p.name] = from_text(p.default, p.type, name=p.name)
        return out
    if values:
        variables = query_variables(query_text or "") if query_text is not None else None
        for key, v in values.items():
            if not VARIABLE_NAME.match(key):
                raise ParameterError(key, "not a valid variable name (letters, digits, _)")
            if variables is not None and key not in variables:
                raise ParameterError(key, f"the query has no variable ?{key}")
            out[key] = from_text(v, name=key) if (from_cli and isinstance(v, str)) \
                else to_term(v, name=key)
    return out


def key_given(values: Mapping[str, Any], key: str) -> bool:
    """True when ``key`` was passed with a value (None counts as not given)."""
    return key in values and values[key] is not None
