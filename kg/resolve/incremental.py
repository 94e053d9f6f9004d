"""Resolution against a graph that already holds entities (an incremental update).

A reference entity keeps the id the reference lexicon gives it. Any other entity already
in the graph is known by its identity key, recomputed from its labels and aliases: in a
document, abbreviations merge into the longest name (:func:`~kg.resolve.keys.document_keys`),
so that key is the key of its longest name. A new mention whose key matches reuses the
entity's id, label and class; a new entity whose slug another entity already took gets the
slug plus a short hash of its key, as in a full build.

Short forms join full forms across documents (:mod:`kg.resolve.full_forms`) as in a build
of the stored and the new documents together: each stored entity brings its key's places
(the places common to the stored documents that mention it). A new short form whose full
form is stored takes the stored entity. A new full form whose short form is stored takes
the stored short form's entity, id and label: the stored documents are not rewritten, so
the entity keeps the IRI of its short form where a full build would name it by its most
frequent form (the full form on a tie). A stored entity is known by one key, its longest
name's: when three nested forms meet (石楼县X研究会 joined to 吕梁市石楼县X研究会 in the
store, then X研究会 added), the joined middle form no longer competes for the shortest,
which may then join where a full build keeps it apart.

Examples
--------
>>> from kg.records import Mention
>>> old = StoredEntity("xinxinmeikuang", frozenset({"Enterprise"}), frozenset({"鑫鑫煤矿"}), frozenset())
>>> new = Mention(0, 4, "鑫鑫煤矿", "Institution", "Institution")
>>> entities, index, reused = resolve_against({"d9": [new]}, [old], {"xinxinmeikuang"})
>>> [(e.id, e.cls) for e in entities], index, reused
([('xinxinmeikuang', 'Enterprise')], {('d9', 0, 4): 'xinxinmeikuang'}, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, replace

from kg.extract.reference import core_of
from kg.records import Entity, Mention
from kg.resolve.entities import resolve
from kg.resolve.full_forms import joined_keys, merge_key_places
from kg.resolve.keys import name_key
from kg.text.slugs import short_hash, slug

__all__ = ["StoredEntity", "group_key", "resolve_against"]


@dataclass(frozen=True, slots=True)
class StoredEntity:
    """A non-reference entity a graph already holds, as its document graphs state it."""

    id: str
    classes: frozenset[str]  # lv: local names
    labels: frozenset[str]
    aliases: frozenset[str]
    #: Places every stored document mentioning it names (:func:`~kg.resolve.places.document_places`).
    places: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        """The identity key it was grouped under (:func:`group_key`)."""
        return group_key(core_of(min(self.classes)), min(self.labels), self.labels | self.aliases)


def group_key(core: str, label: str, aliases: Iterable[str]) -> str:
    """The identity key an existing entity was grouped under: in-document abbreviations
    are merged into the longest name, so it is the key of the longest surface form (the
    label's on a tie).

    >>> group_key("Institution", "护工服务中心", ["吕梁山护工服务中心"])
    'Institution:吕梁山护工服务中心'
    """
    best = name_key(core, label)
    for a in sorted(set(aliases)):
        k = name_key(core, a)
        if len(k) > len(best):
            best = k
    return best


def _by_key(stored: Iterable[StoredEntity], joins: Mapping[str, str]) -> dict[str, StoredEntity]:
    """Identity key (a short form's joined to its full form's) → entity; of two entities
    with one key, the one whose own key it is, then the first given, wins."""
    known: dict[str, StoredEntity] = {}
    for e in sorted(stored, key=lambda e: e.key in joins):
        known.setdefault(joins.get(e.key, e.key), e)
    return known


def resolve_against(
    doc_mentions: Mapping[str, Sequence[Mention]],
    stored: Iterable[StoredEntity],
    taken: Set[str],
) -> tuple[list[Entity], dict[tuple[str, int, int], str], int]:
    """Resolve new documents' mentions, reusing the ids of entities a graph holds.

    Parameters
    ----------
    doc_mentions : mapping
        ``{doc_id: mentions}`` of the new documents (as :func:`~kg.resolve.entities.resolve`).
    stored : iterable of StoredEntity
        The non-reference entities the graph's documents mention.
    taken : set of str
        Every entity id the graph uses.

    Returns
    -------
    entities : list of Entity
        Sorted by id.
    index : dict
        ``(doc_id, start, end) → entity id`` for every mention.
    reused : int
        How many of the entities the graph already held.
    """
    stored = list(stored)
    places: dict[str, frozenset[str]] = {}
    for e in stored:
        merge_key_places(places, {e.key: e.places})
    entities, index = resolve(doc_mentions, known=places)
    keys_of, joins = joined_keys(doc_mentions, known=places)
    known = _by_key(stored, joins)
    keys = {(doc_id, m.start, m.end): k for doc_id, k_of in keys_of.items() for m, k in k_of.items()}
    remap: dict[str, str] = {}
    out = []
    reused = 0
    for ent in entities:
        if ent.ref is not None:
            out.append(ent)
            continue
        doc_id, m = ent.mentions[0]
        key = keys[(doc_id, m.start, m.end)]
        hit = known.get(key)
        if hit is not None:
            new_id = hit.id
            out.append(replace(ent, id=new_id, label=min(hit.labels), cls=min(hit.classes)))
            reused += 1
        else:
            new_id = ent.id
            if new_id in taken:
                new_id = f"{slug(ent.label)}-{short_hash(key)}"
            out.append(replace(ent, id=new_id))
        remap[ent.id] = new_id
    index = {k: remap.get(v, v) for k, v in index.items()}
    return sorted(out, key=lambda e: e.id), index, reused
