"""Named SPARQL queries: the ``.rq`` files shipped in ``queries/`` (package ``kg.queries``).

Every file starts with a header comment block that documents it::

    # title: Memorials by county
    # description: Memorials (lv:Memorial and its subclasses) with the county they lie in …
    #   (a line starting with "#" and two spaces continues the previous field)
    # param: county (string, default: all) — county-level division by label or alias
    # example: kg query memorials-by-county --param county=兴县

``param`` lines declare the SPARQL variables a caller may bind: ``?county`` above. The type
is one of :data:`PARAM_TYPES`; ``default: all`` (or ``any``, ``none``) leaves the variable
unbound, ``default: required`` makes it mandatory, anything else is the default value.
Values are bound as RDF terms at run time (:mod:`kg.query.binding`), never formatted into
the query text.

A line ``VALUES ?coreCls { … }`` lists the core classes: the shipped queries get the list of
:func:`kg.types.core_types` (an ontology extension's types included), so the file's own list
is what other SPARQL tools see.

Examples
--------
>>> q = get("memorials-by-county")
>>> q.title
'Memorials by county'
>>> [(p.name, p.type, p.default, p.required) for p in q.params]
[('county', 'string', None, False)]
>>> "lookup" in names()
True
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.errors import InputNotFound, UnknownQuery
from kg.types import core_types

__all__ = ["Param", "NamedQuery", "PARAM_TYPES", "parse", "load_all", "names", "get", "find",
           "from_file"]

#: Parameter types a header may declare, and what a value becomes (see kg.query.binding).
PARAM_TYPES = {
    "string": "a literal; tagged @zh when it contains Chinese",
    "label": "a name as the graph writes labels: a literal tagged @zh, whatever its script",
    "iri": "an IRI: <…>, http(s)://…, or a prefixed name such as res:lvliangshi",
    "class": "a class IRI: lv:County, County (an lv: local name) or a full IRI",
    "int": "an xsd:integer",
    "decimal": "an xsd:decimal",
    "bool": "an xsd:boolean (true/false, yes/no, 1/0)",
}
_TYPE_ALIASES = {"str": "string", "text": "string", "uri": "iri", "integer": "int",
                 "number": "decimal", "float": "decimal", "boolean": "bool"}
_UNBOUND_DEFAULTS = {"", "all", "any", "none", "unbound", "—", "-"}

_CORE_VALUES = re.compile(r"VALUES \?coreCls \{[^}]*\}")
_FIELD = re.compile(r"^#\s?(?P<key>title|description|param|example)\s*:\s*(?P<value>.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*"
    r"\(\s*(?P<type>[A-Za-z]+)\s*(?:,\s*default\s*:?\s*(?P<default>[^)]*?))?\s*\)\s*"
    r"(?:—|–|--|-|:)?\s*(?P<description>.*)$"
)


@dataclass(frozen=True)
class Param:
    """One bindable variable of a named query."""

    name: str
    type: str = "string"
    default: str | None = None  # as written in the header; None: left unbound
    description: str = ""
    required: bool = False

    def signature(self) -> str:
        """Short form for listings: ``county: string = all``.

        >>> Param("county", "string", None, "").signature()
        'county: string = all'
        >>> Param("name", "string", None, "", required=True).signature()
        'name: string (required)'
        """
        if self.required:
            return f"{self.name}: {self.type} (required)"
        unset = "all" if self.type in ("string", "label", "iri", "class") else "none"
        return f"{self.name}: {self.type} = {self.default if self.default is not None else unset}"


@dataclass(frozen=True)
class NamedQuery:
    """A parsed ``.rq`` file: its header fields and the full SPARQL text."""

    name: str
    title: str
    description: str
    params: list[Param] = field(default_factory=list)
    text: str = ""
    examples: list[str] = field(default_factory=list)
    path: str | None = None

    def param(self, name: str) -> Param | None:
        """The declared parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)


def parse(text: str, name: str, *, path: str | None = None) -> NamedQuery:
    """Parse a query file's header.

    Raises ValueError for a malformed ``param`` line or an unknown type (the files are
    part of the package; tests parse every one).

    >>> q = parse('''# title: T
    ... # description: first line
    ... #   second line
    ... # param: n (int, default: 3) — how many
    ... # param: who (string, default: required) — whom
    ... SELECT * WHERE { ?s ?p ?o } LIMIT 1''', "t")
    >>> q.description
    'first line second line'
    >>> [p.signature() for p in q.params]
    ['n: int = 3', 'who: string (required)']
    """
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": []}
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _FIELD.match(stripped)
        if m:
            last = m["key"]
            fields[last].append(m["value"].strip())
        elif last and stripped.startswith("#  ") and stripped[1:].strip():
            fields[last][-1] += " " + stripped[1:].strip()
        else:
            last = None
    params = [_parse_param(p, name) for p in fields["param"]]
    return NamedQuery(
        name=name,
        title=" ".join(fields["title"]) or name,
        description=" ".join(fields["description"]),
        params=params,
        text=text,
        examples=fields["example"],
        path=path,
    )


def _parse_param(spec: str, query: str) -> Param:
    m = _PARAM.match(spec)
    if not m:
        raise ValueError(f"{query}: malformed param line: {spec!r}")
    typ = _TYPE_ALIASES.get(m["type"].lower(), m["type"].lower())
    if typ not in PARAM_TYPES:
        raise ValueError(f"{query}: param {m['name']!r} has unknown type {m['type']!r}")
    default = (m["default"] or "").strip()
    required = default.lower() == "required"
    if required or default.lower() in _UNBOUND_DEFAULTS:
        default_value = None
    else:
        default_value = default
    return Param(m["name"], typ, default_value, m["description"].strip(), required)


def _query_dir():
    try:
        return resources.files("kg.queries")
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - broken installs only
        return Path(__file__).resolve().parent.parent / "queries"


def load_all() -> dict[str, NamedQuery]:
    """Every named query shipped with the package, by name (the file stem), sorted.

    >>> len(load_all()) >= 15
    True
    >>> "VALUES ?coreCls { lv:Place lv:Institution" in load_all()["class-counts"].text
    True
    """
    return _load_all(core_types())


@lru_cache(maxsize=4)
def _load_all(cores: tuple[str, ...]) -> dict[str, NamedQuery]:
    values = "VALUES ?coreCls { " + " ".join(f"lv:{c}" for c in cores) + " }"
    out = {}
    for entry in sorted(_query_dir().iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq") and entry.is_file():
            name = entry.name[:-3]
            text = _CORE_VALUES.sub(values, entry.read_text(encoding="utf-8"))
            out[name] = parse(text, name, path=str(entry))
    return out


def names() -> list[str]:
    """Names of the shipped queries, sorted."""
    return list(load_all())


def find(name: str) -> NamedQuery | None:
    """The named query called ``name`` (a trailing ``.rq`` is ignored), or None.

    >>> find("lookup.rq").name, find("nope")
    ('lookup', None)
    """
    queries = load_all()
    return queries.get(name) or queries.get(name[:-3] if name.endswith(".rq") else "")


def get(name: str) -> NamedQuery:
    """The named query called ``name``; :class:`~kg.errors.UnknownQuery` (with close
    matches) when there is none.

    >>> get("no-such-query")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownQuery: unknown named query 'no-such-query'; run `kg queries` to list them
    """
    q = find(name)
    if q is None:
        close = difflib.get_close_matches(name, names(), n=3)
        err = UnknownQuery(name)
        if close:
            err.args = (f"{err} (did you mean {', '.join(close)}?)",)
        raise err
    return q


def from_file(path: str | Path) -> NamedQuery:
    """Read a ``.rq`` file from disk; its header (if any) declares parameters.

    >>> from_file("queries/located-in.rq").params[0].default
    '吕梁市'
    """
    p = Path(path)
    if not p.is_file():
        raise InputNotFound(str(p))
    return parse(p.read_text(encoding="utf-8"), p.stem, path=str(p))
