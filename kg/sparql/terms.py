"""Python values and command-line text → RDF terms, by one rule for every store.

Values never become query text: a store binds the term a value becomes (rdflib pre-binds
it, Oxigraph and remote endpoints get it substituted as a term, :mod:`kg.sparql.text`), so
whatever a value contains — quotes, braces, ``DROP ALL`` — it is only ever the lexical
form of one literal (or, for ``iri``/``class`` values, one validated IRI).

Rules
-----
* Strings become literals; a string containing Chinese is tagged ``@zh`` (the language of
  every label in the graph). Queries that compare ``STR(?label) = STR(?name)`` match a
  plain or a tagged literal alike.
* A ``label`` value is always tagged ``@zh`` (``CCTV`` too), so a query can look the
  name up as a term — ``?e rdfs:label|skos:altLabel ?name`` — which every engine answers
  from its index, where a ``FILTER`` over all labels makes Oxigraph scan them first.
* ``iri`` accepts ``<…>``, an absolute IRI, or a prefixed name with a project prefix
  (``res:lvliangshi``, ``lv:locatedIn``); ``class`` also accepts a bare lv: local name.
  Anything with spaces, quotes or angle brackets is rejected.
* ``int``, ``decimal`` and ``bool`` parse their text and fail with
  :class:`~kg.errors.ParameterError` on bad input.

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
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import ParameterError
from kg.rdf.literals import decimal_literal
from kg.rdf.namespaces import LV, PREFIXES

__all__ = ["to_term", "from_text", "has_cjk", "VARIABLE_NAME"]

#: What a SPARQL variable (and so a parameter) may be named.
VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
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
    elif cls and VARIABLE_NAME.match(s):
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
    """A Python value → an RDF term, by declared ``type`` (the parameter types of :mod:`kg.query.named`)
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
