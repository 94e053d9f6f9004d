"""SPARQL text for stores that are not rdflib: term serialisation and safe parameter binding.

rdflib pre-binds query parameters (``initBindings``) everywhere in a query — in
``FILTER``, ``HAVING``, sub-selects and the projection. Oxigraph's own ``substitutions``
only accept projected variables, and the SPARQL 1.1 Protocol has no parameters at all, so
the Oxigraph and remote stores bind by **substitution on the token stream**: the query is
tokenised (strings, IRIs and comments are never touched), and every occurrence of a bound
variable becomes the N-Triples form of its RDF term, with three rewrites that keep the text
valid SPARQL:

* ``BOUND(?v)`` → ``true``;
* a bare ``?v`` in a ``SELECT`` projection → ``(term AS ?v)``, so the column still exists;
* a bare ``?v`` in ``GROUP BY`` or ``ORDER BY`` → ``(term)``.

A value can never become query syntax: literals are written with every quote, backslash and
line break escaped, IRIs are checked against the IRIREF grammar, language tags against
BCP 47's shape, and blank nodes are refused. A query that assigns a bound variable itself
(``AS ?v``, ``VALUES ?v``) is refused rather than silently changed.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> print(substitute('SELECT ?e WHERE { ?e rdfs:label ?n FILTER(!BOUND(?n) || ?n != "?n") }',
...                  {"n": Literal('吕梁" } DROP ALL #', lang="zh")}))
SELECT ?e WHERE { ?e rdfs:label "吕梁\\" } DROP ALL #"@zh FILTER(!true || "吕梁\\" } DROP ALL #"@zh != "?n") }
>>> print(substitute("SELECT ?d ?x WHERE { ?x ?p ?d } ORDER BY ?d", {"d": URIRef("http://e/1")}))
SELECT (<http://e/1> AS ?d) ?x WHERE { ?x ?p <http://e/1> } ORDER BY (<http://e/1>)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import ParameterError, QueryError
from kg.rdf.namespaces import PREFIXES

__all__ = ["nt_term", "nt_triple", "substitute", "prologue", "tokenize", "Token"]

_IRI_OK = re.compile(r'^[^<>"{}|^`\\\x00-\x20]*$')
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESC = re.compile(r'[\\"\n\r\t\b\f\x00-\x1f\x7f]')


def _escape(s: str) -> str:
    return _NEEDS_ESC.sub(lambda m: _ESC.get(m[0]) or f"\\u{ord(m[0]):04X}", s)


def _iri(value: str) -> str:
    if not _IRI_OK.match(value):
        raise ParameterError(value, "not a valid IRI (spaces, quotes, braces or angle brackets)")
    return f"<{value}>"


def nt_term(term: Node) -> str:
    """An RDF term in N-Triples syntax (also valid SPARQL), escaped and checked.

    >>> nt_term(Literal('a"b\\nc'))
    '"a\\\\"b\\\\nc"'
    >>> nt_term(Literal("3", datatype=XSD.integer))
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> nt_term(URIRef("http://x/> . DROP ALL"))
    Traceback (most recent call last):
    ...
    kg.errors.ParameterError: bad query parameter 'http://x/> . DROP ALL': not a valid IRI (spaces, quotes, braces or angle brackets)
    """
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        body = f'"{_escape(str(term))}"'
        if term.language:
            if not _LANG.match(term.language):
                raise ParameterError(str(term), f"not a valid language tag: {term.language!r}")
            return f"{body}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{body}^^{_iri(str(term.datatype))}"
        return body
    if isinstance(term, BNode):
        raise ParameterError(str(term), "a blank node cannot be bound (it has no stable name)")
    raise ParameterError(str(term), f"not an RDF term: {type(term).__name__}")


def nt_triple(s: Node, p: Node, o: Node) -> str:
    """One N-Triples statement (without the line break)."""
    return f"{_node(s)} {_node(p)} {_node(o)} ."


def _node(t: Node) -> str:
    if isinstance(t, BNode):  # for data, not for parameters: keep a (store-local) label
        return f"_:{re.sub(r'[^A-Za-z0-9_]', '_', str(t))}"
    return nt_term(t)


def prologue(prefixes: Mapping[str, object] | None = None) -> str:
    """``PREFIX`` lines of the project prefixes (a query may redeclare any of them)."""
    if prefixes is None:
        prefixes = PREFIXES
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))


# --- tokeniser ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # ws comment string iri var pname bnode word lang num punct
    text: str


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+)
  | (?P<bnode>_:[\w\-.]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\-.]*)?:(?:[\w\-:%]|\\.|\.(?=[\w\-:%]))*)
  | (?P<word>[A-Za-z_][\w]*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)
_OPERAND = {"var", "num", "string", "lang"}
_LESS = re.compile(r"<=|<")


def tokenize(text: str) -> list[Token]:
    """Split SPARQL text into tokens; concatenating their texts gives ``text`` back.

    ``<`` after an operand (a variable, number, string or ``)``) starts an IRI only when a
    letter follows it: ``?a<?b`` and ``?n<3`` are comparisons, ``?p <http://…>`` an IRI.

    >>> [t.kind for t in tokenize('SELECT ?x { ?x rdfs:label "a # b" } # c')]
    ['word', 'ws', 'var', 'ws', 'punct', 'ws', 'var', 'ws', 'pname', 'ws', 'string', 'ws', 'punct', 'ws', 'comment']
    """
    out: list[Token] = []
    pos, n = 0, len(text)
    last = ""  # kind of the last significant token
    last_text = ""
    while pos < n:
        m = _TOKEN.match(text, pos)
        assert m is not None  # the last alternative matches any character
        kind = m.lastgroup or "punct"
        if kind == "iri" and (last in _OPERAND or last_text == ")") and not m[0][1:2].isalpha():
            m = _LESS.match(text, pos)  # ?a<?b, ?n<3: a comparison, not an IRI
            kind = "punct"
        out.append(Token(kind, m[0]))
        if kind not in ("ws", "comment"):
            last, last_text = kind, m[0]
        pos = m.end()
    return out


_END_PROJECTION = {"WHERE", "FROM"}
_CLAUSE_WORDS = {"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP"}


def _selects(toks: list[Token], sig: list[int], names: set[str]) -> set[int]:
    """Token indices of bare bound variables in a SELECT projection that a sub-select of
    the same query already projects (they stay variables: the sub-select binds them)."""
    opened: list[dict] = []  # SELECTs whose scope is open
    done: list[dict] = []
    depth = 0
    for k, i in enumerate(sig):
        t = toks[i]
        up = t.text.upper() if t.kind == "word" else ""
        if up == "SELECT":
            opened.append({"depth": depth, "start": i, "end": len(toks), "proj": {}, "in_proj": True})
        elif t.text == "{" or up in _END_PROJECTION:
            for sel in opened:
                if sel["depth"] == depth:
                    sel["in_proj"] = False
            if t.text == "{":
                depth += 1
        elif t.text == "}":
            depth -= 1
            while opened and opened[-1]["depth"] > depth:
                sel = opened.pop()
                sel["end"] = i
                done.append(sel)
        elif t.kind == "var" and t.text[1:] in names and opened and opened[-1]["in_proj"]:
            prev = toks[sig[k - 1]].text.upper() if k else ""
            if prev != "AS":
                opened[-1]["proj"].setdefault(t.text[1:], []).append(i)
    done.extend(opened)
    keep: set[int] = set()
    for outer in done:
        for inner in done:
            if outer["start"] < inner["start"] < outer["end"]:
                for name, idx in outer["proj"].items():
                    if name in inner["proj"]:
                        keep.update(idx)
    return keep


def substitute(query: str, bindings: Mapping[str, Node]) -> str:
    """Replace bound variables by their terms (see the module documentation).

    >>> print(substitute("SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a "
    ...                  "HAVING(!BOUND($m) || COUNT(?b) >= ?m)", {"m": Literal(2)}))
    SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a HAVING(!true || COUNT(?b) >= "2"^^<http://www.w3.org/2001/XMLSchema#integer>)
    >>> substitute("SELECT ?x WHERE { BIND(1 AS ?x) }", {"x": Literal(1)})
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: malformed SPARQL query: parameter ?x is assigned in the query (AS ?x); it cannot also be bound
    """
    if not bindings:
        return query
    terms = {name.lstrip("?$"): nt_term(term) for name, term in bindings.items()}
    toks = tokenize(query)
    sig = [i for i, t in enumerate(toks) if t.kind not in ("ws", "comment")]
    out = [t.text for t in toks]
    keep = _selects(toks, sig, set(terms))

    def var_name(tok: Token) -> str:
        return tok.text[1:]

    depth = 0  # brace depth
    paren = 0
    projection_at: list[tuple[int, int]] = []  # (brace depth, paren depth) of an open projection
    clause: dict[int, str] = {}  # brace depth → "group" | "order" | ""
    k = 0
    while k < len(sig):
        i = sig[k]
        tok = toks[i]
        up = tok.text.upper() if tok.kind == "word" else ""
        nxt = toks[sig[k + 1]] if k + 1 < len(sig) else None
        if tok.kind == "punct":
            if tok.text == "{":
                if projection_at and projection_at[-1][0] == depth:
                    projection_at.pop()
                depth += 1
                clause[depth] = ""
            elif tok.text == "}":
                clause.pop(depth, None)
                depth -= 1
                clause[depth] = ""
            elif tok.text == "(":
                paren += 1
            elif tok.text == ")":
                paren -= 1
        elif up == "SELECT":
            projection_at.append((depth, paren))
        elif up in _END_PROJECTION and projection_at and projection_at[-1][0] == depth:
            projection_at.pop()
        elif up in ("AS", "VALUES") and nxt is not None:
            assigned = [nxt] if nxt.kind == "var" else []
            if up == "VALUES" and nxt.text == "(":
                j = k + 2
                while j < len(sig) and toks[sig[j]].kind == "var":
                    assigned.append(toks[sig[j]])
                    j += 1
            for v in assigned:
                if var_name(v) in terms:
                    raise QueryError(f"parameter ?{var_name(v)} is assigned in the query "
                                     f"({up} ?{var_name(v)}); it cannot also be bound")
            if up == "VALUES":
                clause[depth] = ""
        elif up in ("GROUP", "ORDER") and nxt is not None and nxt.text.upper() == "BY":
            clause[depth] = up.lower()
        elif up in _CLAUSE_WORDS:
            clause[depth] = ""
        elif up == "BOUND" and k + 3 < len(sig):
            a, v, b = (toks[sig[k + j]] for j in (1, 2, 3))
            if a.text == "(" and v.kind == "var" and var_name(v) in terms and b.text == ")":
                out[i] = "true"
                for j in range(i + 1, sig[k + 3] + 1):
                    out[j] = ""
                k += 4
                continue
        elif tok.kind == "var" and var_name(tok) in terms and i not in keep:
            term = terms[var_name(tok)]
            in_projection = bool(projection_at) and projection_at[-1] == (depth, paren)
            if in_projection:
                out[i] = f"({term} AS {tok.text})"
            elif clause.get(depth) in ("group", "order") and paren == 0:
                out[i] = f"({term})"
            else:
                out[i] = term
        k += 1
    return "".join(out)
