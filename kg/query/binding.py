"""Safe parameter binding: ``--param k=v`` strings and Python values → RDF terms.

Values never become query text. A parameter is a SPARQL variable (``?name``) that the
engine pre-binds to an RDF term before evaluation, so whatever a value contains —
quotes, braces, ``DROP ALL`` — it is only ever the lexical form of one literal (or, for
``iri``/``class`` parameters, one validated IRI).

Rules
-----
* Strings become literals; a string containing Chinese is tagged ``@zh`` (the language of
  every label in the graph). Queries that compare ``STR(?label) = STR(?name)`` match a
  plain or a tagged literal alike.
* A ``label`` parameter is always tagged ``@zh`` (``CCTV`` too), so a query can look the
  name up as a term — ``?e rdfs:label|skos:altLabel ?name`` — which every engine answers
  from its index, where a ``FILTER`` over all labels makes Oxigraph scan them first.
* ``iri`` accepts ``<…>``, an absolute IRI, or a prefixed name with a project prefix
  (``res:lvliangshi``, ``lv:locatedIn``); ``class`` also accepts a bare lv: local name.
  Anything with spaces, quotes or angle brackets is rejected.
* ``int``, ``decimal`` and ``bool`` parse their text and fail with
  :class:`~kg.errors.ParameterError` on bad input.
* For a named query, a name it does not declare is a :class:`~kg.errors.ParameterError`;
  for ad-hoc text, a name that is not a variable of the query is one.

Examples
--------
>>> to_term("吕梁市")
rdflib.term.Literal('吕梁市', lang='zh')
>>> to_term("lv:County", "class"), to_term("County", "class")
(rdflib.term.URIRef('https://w3id.org/lvliang-kg/ontology#County'), rdflib.term.URIRef('https://w3id.org/lvliang-kg/ontology#County'))
>>> to_term("2", "int"), from_text("1.5")
(rdflib.term.Literal('2', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')), rdflib.term.Literal('1.5', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal')))
>>> to_term('吕梁市" } ; DROP ALL ; #')
rdflib.term.Literal('吕梁市" } ; DROP ALL ; #', lang='zh')
>>> parse_assignments(["name=吕梁", "min=3"])
{'name': '吕梁', 'min': '3'}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import ParameterError
from kg.rdf.namespaces import LV, PREFIXES

__all__ = ["to_term", "from_text", "parse_assignments", "bind", "query_variables", "has_cjk"]

_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]"
)
_ABS_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
_PNAME = re.compile(r"^(?P<prefix>[A-Za-z][A-Za-z0-9_\-]*):(?P<local>[^\s<>\"{}|\\^`:/][^\s<>\"{}|\\^`]*)?$")
_INT = re.compile(r"^[+-]?\d+$")
_DEC = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)$")
_TRUE, _FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off"}


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a CJK character.

    >>> has_cjk("吕梁"), has_cjk("Lvliang")
    (True, False)
    """
    return bool(_CJK.search(text))


def _string(value: Any) -> Literal:
    s = str(value)
    return Literal(s, lang="zh") if has_cjk(s) else Literal(s)


def _iri(value: Any, name: str, *, cls: bool = False) -> URIRef:
    if isinstance(value, URIRef):
        return value
    s = str(value).strip()
    if s.startswith("<") and s.endswith(">"):
        s = s[1:-1]
    elif cls and _VAR.match(s):
        return LV[s]
    m = _PNAME.match(s)
    if m and m["prefix"] in PREFIXES and "//" not in s:
        return URIRef(str(PREFIXES[m["prefix"]]) + (m["local"] or ""))
    if _ABS_IRI.match(s) and (m is None or "//" in s or s.startswith("urn:")):
        return URIRef(s)
    raise ParameterError(name, f"not an IRI: {str(value)!r} (use <…>, http(s)://… or a known "
                               f"prefix: {', '.join(sorted(PREFIXES))})")


def _int(value: Any, name: str) -> Literal:
    if isinstance(value, bool):
        raise ParameterError(name, f"not an integer: {value!r}")
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    s = str(value).strip()
    if not _INT.match(s):
        raise ParameterError(name, f"not an integer: {str(value)!r}")
    return Literal(int(s), datatype=XSD.integer)


def _decimal(value: Any, name: str) -> Literal:
    if isinstance(value, bool):
        raise ParameterError(name, f"not a number: {value!r}")
    # The same canonical lexical form the graph is written with (19 → "19.0"), so an
    # exact term match finds the value.
    from kg.rdf.assemble import decimal_literal

    if isinstance(value, (int, Decimal)):
        return decimal_literal(Decimal(value))
    if isinstance(value, float):
        return decimal_literal(Decimal(repr(value)))
    s = str(value).strip().replace(",", "")
    if not _DEC.match(s):
        raise ParameterError(name, f"not a number: {str(value)!r}")
    try:
        return decimal_literal(Decimal(s))
    except InvalidOperation:  # pragma: no cover - the regex already rejects these
        raise ParameterError(name, f"not a number: {str(value)!r}") from None


def _bool(value: Any, name: str) -> Literal:
    if isinstance(value, bool):
        return Literal(value)
    s = str(value).strip().lower()
    if s in _TRUE:
        return Literal(True)
    if s in _FALSE:
        return Literal(False)
    raise ParameterError(name, f"not a boolean: {str(value)!r} (use true or false)")


def to_term(value: Any, type: str | None = None, *, name: str = "value") -> Node:
    """A Python value → an RDF term, by declared ``type`` (see kg.query.named.PARAM_TYPES)
    or, without one, by the value's Python type. A ``str`` stays a string literal unless it
    is ``<…>`` or an absolute http(s) IRI.

    >>> to_term(3), to_term(True)
    (rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')), rdflib.term.Literal('true', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#boolean')))
    >>> to_term("https://w3id.org/lvliang-kg/resource/lvliangshi")
    rdflib.term.URIRef('https://w3id.org/lvliang-kg/resource/lvliangshi')
    >>> to_term("x y", "iri")
    Traceback (most recent call last):
    ...
    kg.errors.ParameterError: bad query parameter 'value': not an IRI: 'x y' (use <…>, http(s)://… or a known prefix: ...)
    """
    if type is None:
        if isinstance(value, (URIRef, BNode, Literal)):
            return value
        if isinstance(value, bool):
            return Literal(value)
        if isinstance(value, int):
            return Literal(value, datatype=XSD.integer)
        if isinstance(value, (float, Decimal)):
            return _decimal(value, name)
        s = str(value)
        if (s.startswith("<") and s.endswith(">")) or re.match(r"^https?://\S+$", s):
            return _iri(s, name)
        return _string(s)
    if type == "string":
        if isinstance(value, Literal):
            return value
        if isinstance(value, (URIRef, BNode)):
            raise ParameterError(name, f"expected a string, got the IRI {value}")
        return _string(value)
    if type == "label":
        if isinstance(value, (URIRef, BNode)):
            raise ParameterError(name, f"expected a name, got the IRI {value}")
        return Literal(str(value), lang="zh")
    if type == "iri":
        return _iri(value, name)
    if type == "class":
        return _iri(value, name, cls=True)
    if isinstance(value, Literal) and type in ("int", "decimal", "bool"):
        value = value.toPython() if value.datatype else str(value)
    if type == "int":
        return _int(value, name)
    if type == "decimal":
        return _decimal(value, name)
    if type == "bool":
        return _bool(value, name)
    raise ParameterError(name, f"unknown parameter type {type!r}")


def from_text(text: str, type: str | None = None, *, name: str = "value") -> Node:
    """Command-line text → an RDF term. With a declared ``type`` as :func:`to_term`;
    without one, integers and decimals become numbers, ``<…>``, http(s) IRIs and
    project-prefixed names (``res:…``) become IRIs, everything else a string.

    >>> from_text("42"), from_text("res:lvliangshi")
    (rdflib.term.Literal('42', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')), rdflib.term.URIRef('https://w3id.org/lvliang-kg/resource/lvliangshi'))
    >>> from_text("42", "string"), from_text("CCTV", "label")
    (rdflib.term.Literal('42'), rdflib.term.Literal('CCTV', lang='zh'))
    """
    if type is not None:
        return to_term(text, type, name=name)
    s = text.strip()
    if _INT.match(s):
        return _int(s, name)
    if _DEC.match(s):
        return _decimal(s, name)
    m = _PNAME.match(s)
    if (m and m["prefix"] in PREFIXES and "//" not in s) or (s.startswith("<") and s.endswith(">")) \
            or re.match(r"^https?://\S+$", s):
        return _iri(s, name)
    return _string(text)


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
        if not _VAR.match(key):
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
            if not _VAR.match(key):
                raise ParameterError(key, "not a valid variable name (letters, digits, _)")
            if variables is not None and key not in variables:
                raise ParameterError(key, f"the query has no variable ?{key}")
            out[key] = from_text(v, name=key) if (from_cli and isinstance(v, str)) \
                else to_term(v, name=key)
    return out


def key_given(values: Mapping[str, Any], key: str) -> bool:
    """True when ``key`` was passed with a value (None counts as not given)."""
    return key in values and values[key] is not None
