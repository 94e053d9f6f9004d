"""The entity and relation types: the ontology's core classes and the properties between entities.

Read from the ontology shipped in ``kg/ontology``, once, on first use: ``lvliang.ttl`` declares
every class and property with its labels, ``core.ttl`` lists the core classes
(``lv:coreClasses``) and the relations between entities (``lv:entityRelations``) as RDF lists,
so the order tables and legends show is data too. Every stage that needs them asks here.

A new entity or relation type is an ontology extension (:func:`add_ontology`): Turtle that
declares the class or property with ``rdfs:label`` @zh and @en and lists it in its own
``lv:coreClasses`` or ``lv:entityRelations``; its types follow the shipped ones, in the order
extensions were added.

Examples
--------
>>> core_types()
('Place', 'Institution', 'Program', 'Memorial', 'Project', 'Person', 'Event')
>>> relation_types()[:3], label("locatedIn")
(('locatedIn', 'partnerOf', 'operatedBy'), '位于')
>>> label("Memorial"), label("Memorial", "en"), label("County")
('纪念地', 'Memorial', '县级行政区')
>>> festival = '''
... @prefix lv: <https://w3id.org/lvliang-kg/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... lv:Festival rdfs:label "节庆"@zh , "Festival"@en .
... <https://w3id.org/lvliang-kg/ontology> lv:coreClasses ( lv:Festival ) .
... '''
>>> add_ontology(festival)
>>> core_types()[-2:], label("Festival")
(('Event', 'Festival'), '节庆')
>>> remove_ontology(festival)
>>> core_types()[-1]
'Event'
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection

__all__ = ["ONTOLOGY_FILES", "core_types", "relation_types", "label", "add_ontology", "remove_ontology"]

#: The shipped ontology files (package ``kg.ontology``) the types are read from.
ONTOLOGY_FILES = ("lvliang.ttl", "core.ttl")

_LV = "https://w3id.org/lvliang-kg/ontology#"
_CORE_CLASSES = URIRef(_LV + "coreClasses")
_ENTITY_RELATIONS = URIRef(_LV + "entityRelations")
_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")

#: Turtle texts added by add_ontology, in order.
_extensions: list[str] = []


def add_ontology(turtle: str) -> None:
    """Add an ontology extension (Turtle text): the labels of its classes and properties, its
    core classes and its entity relations.

    Adding the same text twice adds it once. Bad Turtle raises rdflib's ``BadSyntax`` (a
    ``SyntaxError``) here, not at the first lookup.
    """
    if turtle not in _extensions:
        _parse(turtle)
        _extensions.append(turtle)


def remove_ontology(turtle: str) -> None:
    """Remove an extension added by :func:`add_ontology` (nothing when it is not there)."""
    if turtle in _extensions:
        _extensions.remove(turtle)


def core_types() -> tuple[str, ...]:
    """The core classes' local names (``lv:`` namespace), in display order: the shipped
    ones, then those of each extension."""
    return _listed(_CORE_CLASSES, tuple(_extensions))


def relation_types() -> tuple[str, ...]:
    """The local names of the properties that relate two entities (the edges of the entity
    graph), in display order: the shipped ones, then those of each extension."""
    return _listed(_ENTITY_RELATIONS, tuple(_extensions))


def label(name: str, lang: str = "zh") -> str:
    """The ``rdfs:label`` of the class or property ``lv:<name>`` in language ``lang`` (the
    first in sorted order when there are several); ``name`` itself when it has none."""
    return _labels(tuple(_extensions)).get((name, lang), name)


@lru_cache(maxsize=None)
def _parse(turtle: str) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


def _shipped(file: str) -> Graph:
    return _parse((resources.files("kg.ontology") / file).read_text("utf-8"))


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1]


@lru_cache(maxsize=16)
def _listed(predicate: URIRef, extensions: tuple[str, ...]) -> tuple[str, ...]:
    # core.ttl alone: the lists need no labels, and lvliang.ttl takes a tenth of a second to parse
    out: list[str] = []
    for g in (_shipped("core.ttl"), *map(_parse, extensions)):
        for _, head in sorted(g.subject_objects(predicate)):
            out += [_local(c) for c in Collection(g, head) if _local(c) not in out]
    return tuple(out)


@lru_cache(maxsize=8)
def _labels(extensions: tuple[str, ...]) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for g in (*map(_shipped, ONTOLOGY_FILES), *map(_parse, extensions)):
        for s, lit in sorted(g.subject_objects(_LABEL)):
            if s.startswith(_LV) and isinstance(lit, Literal) and lit.language:
                out.setdefault((_local(s), lit.language), str(lit))
    return out
