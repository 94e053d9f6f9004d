"""Gold annotations: load a gold JSON file (``gold/GUIDE.md``) into typed records.

A gold file describes one document: the entities a careful analyst would put in the
knowledge graph, the relations between them, the important numeric facts and a few
questions. :func:`load_gold` validates the file and returns a :class:`GoldDocument`;
anything that does not follow the guide raises :class:`kg.errors.GoldFormatError` naming
the file and the first problem found.

Examples
--------
>>> doc = parse_gold({"doc": "000_abc.txt",
...                   "entities": [{"name": "兴县", "type": "Place", "required": True,
...                                 "aliases": [], "evidence": "兴县"}]})
>>> doc.doc_id, doc.entities[0].name, doc.relations
('000_abc', '兴县', ())
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from kg.errors import GoldFormatError, InputNotFound

__all__ = [
    "ENTITY_TYPES",
    "RELATION_PREDICATES",
    "GoldEntity",
    "GoldRelation",
    "GoldQuantity",
    "GoldQuestion",
    "GoldDocument",
    "load_gold",
    "parse_gold",
]

#: The entity types of the guide, in reporting order.
ENTITY_TYPES: tuple[str, ...] = (
    "Place", "Institution", "Program", "Memorial", "Project", "Person", "Event",
)
#: The relation predicates of the guide (local names of the ``lv:`` properties).
RELATION_PREDICATES: tuple[str, ...] = (
    "locatedIn", "partnerOf", "operatedBy", "heldPosition", "renamedTo",
)


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """A named entity the document mentions.

    ``required=False`` marks borderline entities: scoring neither rewards nor penalises them.
    """

    name: str
    type: str
    required: bool = True
    aliases: tuple[str, ...] = ()
    evidence: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases.

        Examples
        --------
        >>> GoldEntity("吕梁市", "Place", aliases=("吕梁",)).names
        ('吕梁市', '吕梁')
        """
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """A relation ``subject predicate object`` (names as in the entities' ``name`` fields)."""

    subject: str
    predicate: str
    object: str
    #: The role title for ``heldPosition`` (e.g. ``市委书记``), else ``None``.
    role: str | None = None
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class GoldQuantity:
    """A numeric fact about ``subject``; ``value`` is normalised to base units (6.4万 → 64000)."""

    subject: str
    measure: str
    value: int | float
    unit: str
    raw: str = ""
    period: str | None = None
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class GoldQuestion:
    """An analyst's question and its exact answers (entity names or numbers)."""

    q: str
    answers: tuple[str | int | float, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """All annotations of one document; ``doc_id`` is the file stem of the ``doc`` field."""

    doc_id: str
    entities: tuple[GoldEntity, ...] = ()
    relations: tuple[GoldRelation, ...] = ()
    quantities: tuple[GoldQuantity, ...] = ()
    questions: tuple[GoldQuestion, ...] = ()
    #: Where the annotations were read from, if from a file.
    path: str | None = None

    @property
    def required_entities(self) -> tuple[GoldEntity, ...]:
        """The entities with ``required: true``.

        Examples
        --------
        >>> d = GoldDocument("x", entities=(GoldEntity("兴县", "Place"),
        ...                                 GoldEntity("三个一批", "Program", required=False)))
        >>> [e.name for e in d.required_entities]
        ['兴县']
        """
        return tuple(e for e in self.entities if e.required)


# --------------------------------------------------------------------------- validation


class _Bad(Exception):
    """Internal: a validation failure with a reason (turned into GoldFormatError)."""


def _field(obj: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...],
           *, default: Any = ..., allow_none: bool = False) -> Any:
    if key not in obj:
        if default is ...:
            raise _Bad(f"{where}: missing field {key!r}")
        return default
    value = obj[key]
    if value is None and allow_none:
        return None
    # bool is an int subclass: never accept it where a number is expected, and vice versa
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise _Bad(f"{where}: field {key!r} must be {_kind_name(kind)}, got {value!r}")
    if not isinstance(value, kind):
        raise _Bad(f"{where}: field {key!r} must be {_kind_name(kind)}, got {value!r}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "a string", bool: "true or false", list: "a list", int: "a number",
             float: "a number", dict: "an object"}
    return " or ".join(dict.fromkeys(names.get(k, k.__name__) for k in kinds))


def _text(obj: Mapping[str, Any], key: str, where: str, **kw: Any) -> Any:
    value = _field(obj, key, where, str, **kw)
    if isinstance(value, str) and key in ("name", "subject", "object", "predicate", "unit") \
            and not value.strip():
        raise _Bad(f"{where}: field {key!r} is empty")
    return value


def _entity(obj: Any, where: str) -> GoldEntity:
    if not isinstance(obj, Mapping):
        raise _Bad(f"{where}: expected an object, got {type(obj).__name__}")
    type_ = _text(obj, "type", where)
    if type_ not in ENTITY_TYPES:
        raise _Bad(f"{where}: unknown entity type {type_!r}; use one of {', '.join(ENTITY_TYPES)}")
    aliases = _field(obj, "aliases", where, list, default=[], allow_none=True) or []
    for alias in aliases:
        if not isinstance(alias, str):
            raise _Bad(f"{where}: aliases must be strings, got {alias!r}")
    return GoldEntity(
        name=_text(obj, "name", where),
        type=type_,
        required=_field(obj, "required", where, bool, default=True),
        aliases=tuple(a for a in aliases if a.strip()),
        evidence=_text(obj, "evidence", where, default="", allow_none=True) or "",
    )


def _relation(obj: Any, where: str) -> GoldRelation:
    if not isinstance(obj, Mapping):
        raise _Bad(f"{where}: expected an object, got {type(obj).__name__}")
    predicate = _text(obj, "predicate", where)
    if predicate not in RELATION_PREDICATES:
        raise _Bad(f"{where}: unknown predicate {predicate!r}; use one of "
                   f"{', '.join(RELATION_PREDICATES)}")
    role = _text(obj, "role", where, default=None, allow_none=True)
    return GoldRelation(
        subject=_text(obj, "subject", where),
        predicate=predicate,
        object=_text(obj, "object", where),
        role=role if role and role.strip() else None,
        evidence=_text(obj, "evidence", where, default="", allow_none=True) or "",
    )


def _quantity(obj: Any, where: str) -> GoldQuantity:
    if not isinstance(obj, Mapping):
        raise _Bad(f"{where}: expected an object, got {type(obj).__name__}")
    value = _field(obj, "value", where, (int, float))
    if value != value or value in (float("inf"), float("-inf")):
        raise _Bad(f"{where}: field 'value' must be a finite number, got {value!r}")
    return GoldQuantity(
        subject=_text(obj, "subject", where),
        measure=_text(obj, "measure", where, default="", allow_none=True) or "",
        value=value,
        unit=_text(obj, "unit", where),
        raw=_text(obj, "raw", where, default="", allow_none=True) or "",
        period=_text(obj, "period", where, default=None, allow_none=True) or None,
        evidence=_text(obj, "evidence", where, default="", allow_none=True) or "",
    )


def _question(obj: Any, where: str) -> GoldQuestion:
    if not isinstance(obj, Mapping):
        raise _Bad(f"{where}: expected an object, got {type(obj).__name__}")
    answers = _field(obj, "answers", where, list, default=[])
    for a in answers:
        if isinstance(a, bool) or not isinstance(a, (str, int, float)):
            raise _Bad(f"{where}: answers must be names or numbers, got {a!r}")
    return GoldQuestion(q=_text(obj, "q", where), answers=tuple(answers))


def _doc_id(doc: str) -> str:
    # the file stem, whatever separator the annotator used
    name = PureWindowsPath(PurePosixPath(doc).name).name
    return PurePosixPath(name).stem if "." in name else name


def _items(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad(f"field {key!r} must be a list, got {type(value).__name__}")
    return value


def parse_gold(data: Any, *, source: str = "<gold>") -> GoldDocument:
    """Validate decoded gold JSON and return a :class:`GoldDocument`.

    Parameters
    ----------
    data : object
        The decoded JSON (a mapping with ``doc`` and optionally ``entities``,
        ``relations``, ``quantities``, ``questions``).
    source : str, optional
        Name used in error messages (usually the file path).

    Returns
    -------
    GoldDocument

    Raises
    ------
    kg.errors.GoldFormatError
        When a field is missing, has the wrong type, or uses an unknown entity type or
        predicate.

    Examples
    --------
    >>> doc = parse_gold({"doc": "corpus/001_x.txt",
    ...     "relations": [{"subject": "兴县", "predicate": "locatedIn", "object": "吕梁市"}],
    ...     "quantities": [{"subject": "吕梁市", "measure": "总人口", "value": 3850000,
    ...                     "unit": "人", "raw": "385万"}]})
    >>> doc.doc_id, doc.relations[0].object, doc.quantities[0].value
    ('001_x', '吕梁市', 3850000)
    >>> parse_gold({"doc": "a.txt", "entities": [{"name": "x", "type": "City"}]},
    ...            source="a.json")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.GoldFormatError: a.json: not a gold annotation file: entities[0]: unknown ...
    """
    try:
        if not isinstance(data, Mapping):
            raise _Bad(f"expected a JSON object at top level, got {type(data).__name__}")
        doc = _text(data, "doc", "top level")
        doc_id = _doc_id(doc.strip())
        if not doc_id:
            raise _Bad(f"field 'doc' does not name a file: {doc!r}")
        return GoldDocument(
            doc_id=doc_id,
            entities=tuple(_entity(o, f"entities[{i}]")
                           for i, o in enumerate(_items(data, "entities"))),
            relations=tuple(_relation(o, f"relations[{i}]")
                            for i, o in enumerate(_items(data, "relations"))),
            quantities=tuple(_quantity(o, f"quantities[{i}]")
                             for i, o in enumerate(_items(data, "quantities"))),
            questions=tuple(_question(o, f"questions[{i}]")
                            for i, o in enumerate(_items(data, "questions"))),
            path=source if source != "<gold>" else None,
        )
    except _Bad as exc:
        raise GoldFormatError(source, str(exc)) from None


def load_gold(path: str | Path) -> GoldDocument:
    """Read and validate one gold JSON file.

    Parameters
    ----------
    path : str or pathlib.Path
        A gold annotation file (UTF-8 JSON, format of ``gold/GUIDE.md``).

    Returns
    -------
    GoldDocument

    Raises
    ------
    kg.errors.InputNotFound
        When the file does not exist.
    kg.errors.GoldFormatError
        When the file is not UTF-8 JSON or does not follow the guide.

    Examples
    --------
    >>> import json, tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "g.json")
    ...     with open(p, "w", encoding="utf-8") as f:
    ...         json.dump({"doc": "002_ada5c33c7faa28a0.txt", "entities": [
    ...             {"name": "刘胡兰纪念馆", "type": "Memorial", "aliases": []}]}, f)
    ...     g = load_gold(p)
    >>> g.doc_id, g.entities[0].type, g.entities[0].required
    ('002_ada5c33c7faa28a0', 'Memorial', True)
    """
    p = Path(path)
    if not p.is_file():
        raise InputNotFound(str(path))
    try:
        raw = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldFormatError(str(path), f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(str(path), f"invalid JSON: {exc.msg} (line {exc.lineno}, "
                                         f"column {exc.colno})") from None
    return parse_gold(data, source=str(path))
