"""Short and full forms of one name across documents (东征精神研究会 → 石楼县东征精神研究会).

Inside one document, :func:`~kg.resolve.keys.document_keys` merges a name into the longer
same-type name it ends, and a reference entry's name written after its place names the
entry in any document (石楼红军东征纪念馆 is the reference 红军东征纪念馆 of 石楼县). Across
documents a build merges less readily, since two articles may speak of different things
with one short name (交城县人民医院 and 文水县人民医院 are both a 人民医院). A non-reference key ``S`` (short form) joins the key ``F`` (full form) when

* ``F`` is ``S`` written after a place: ``F = P + S``, ``P`` a reference-lexicon place or a
  name ending in a division character (石楼, 交城县, 吕梁市石楼县);
* ``S`` is specific: four characters or more, and more than a head word with one character
  before it (人民医院 and 服务中心 never join anything);
* ``F`` is the only longer key of the build with ``S``'s core type that ends with ``S``: two
  full forms under different places keep a bare short form apart from both;
* every document that names ``S`` also names ``P`` or a place inside it (石楼县义牒镇 names
  石楼县).

The rule reads only each candidate key's places (:func:`key_places`): the places common to
the documents it occurs in. Those of disjoint sets of documents combine
(:func:`merge_key_places`), so a build resolved in pieces (:mod:`kg.cluster`) and an
incremental update (:mod:`kg.resolve.incremental`) decide as a build of all documents
does. The result, :func:`full_forms`, does not depend on the order of documents.

Examples
--------
>>> a = ["Institution:石楼县东征精神研究会"]
>>> b = ["Institution:东征精神研究会", "adcode:141126000000"]
>>> full_forms(key_places([a, b]))
{'Institution:东征精神研究会': 'Institution:石楼县东征精神研究会'}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from kg.extract.reference import reference_lexicon
from kg.extract.wordlists import head_table
from kg.records import Mention
from kg.resolve.keys import document_keys
from kg.resolve.places import document_places, place_keys

__all__ = ["full_forms", "joined_keys", "key_places", "merge_key_places"]

#: Core types whose names never take a place before them as a longer form of one name.
_NO_PLACE_PREFIX = frozenset({"Person"})


def _split(key: str) -> tuple[str, str]:
    """``(core, name)`` of a non-reference key, without its ``@parent`` qualifier."""
    core, name = key.split(":", 1)
    return core, name.split("@", 1)[0]


def _candidate(key: str) -> bool:
    """Whether ``key`` may be a short or a full form: a non-reference key of a core type
    that takes place prefixes, whose name is specific (see the module docstring)."""
    if key in reference_lexicon().entries or ":" not in key:
        return False
    core, name = _split(key)
    return core not in _NO_PLACE_PREFIX and _specific(name)


def _specific(name: str) -> bool:
    """Four characters or more, and more than a head word with at most one before it.

    >>> _specific("红军东征纪念馆"), _specific("人民医院"), _specific("县人民医院")
    (True, False, False)
    """
    if len(name) < 4:
        return False
    heads = head_table()
    return not any(name[k:] in heads for k in range(2))


def key_places(documents: Iterable[Iterable[str]]) -> dict[str, frozenset[str]]:
    """Candidate key → the places (:func:`document_places`) every document naming it names.

    ``documents`` gives each document's identity keys (the values of
    :func:`~kg.resolve.keys.document_keys`). Every non-reference key with a specific name is
    a candidate.

    >>> key_places([["Institution:东征精神研究会", "Place:某某乡"], ["Institution:东征精神研究会"]])
    {'Institution:东征精神研究会': frozenset()}
    """
    out: dict[str, frozenset[str]] = {}
    for keys in documents:
        keys = set(keys)
        places = document_places(keys)
        merge_key_places(out, {k: places for k in keys if _candidate(k)})
    return out


def merge_key_places(
    into: dict[str, frozenset[str]], more: Mapping[str, frozenset[str]],
) -> dict[str, frozenset[str]]:
    """Fold the key places of other documents into ``into``; returns it.

    >>> merge_key_places({"Institution:东征精神研究会": frozenset({"a", "b"})},
    ...                  {"Institution:东征精神研究会": frozenset({"b"}), "Memorial:某某纪念馆": frozenset()})
    {'Institution:东征精神研究会': frozenset({'b'}), 'Memorial:某某纪念馆': frozenset()}
    """
    for key, places in more.items():
        into[key] = into[key] & places if key in into else places
    return into


def full_forms(places: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """Short-form key → the full-form key it joins, over a build whose candidate keys and
    their places are ``places`` (:func:`key_places`).

    >>> places = key_places([["Institution:交城县人民医院"], ["Institution:文水县人民医院"],
    ...                      ["Institution:人民医院", "adcode:141122000000"]])
    >>> full_forms(places)
    {}
    """
    by_core: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in places:
        if not _candidate(key):
            continue
        core, name = _split(key)
        by_core[core].append((name, key))
    out: dict[str, str] = {}
    for core, named in by_core.items():
        # a full form ends with its short form: look among the names with the same last characters
        by_tail: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for name, key in named:
            by_tail[name[-4:]].append((name, key))
        for name, key in sorted(named):
            if "@" in key:
                continue
            tail = by_tail[name[-4:]]
            longer = [(n, k) for n, k in tail if len(n) > len(name) and n.endswith(name)]
            qualified = any(n == name and k != key for n, k in tail)  # 永兴镇 of some county
            if len(longer) != 1 or "@" in longer[0][1] or qualified:
                continue
            full, full_key = longer[0]
            wanted = place_keys(full[:-len(name)])
            if wanted and wanted & places[key]:
                out[key] = full_key
    return out


def joined_keys(
    doc_mentions: Mapping[str, Sequence[Mention]],
    *,
    known: Mapping[str, frozenset[str]] | None = None,
) -> tuple[dict[str, dict[Mention, str]], dict[str, str]]:
    """Every document's identity keys (:func:`~kg.resolve.keys.document_keys`) with short
    forms joined to their full forms, and the joins (:func:`full_forms`).

    ``known`` gives the key places of documents outside ``doc_mentions`` (an incremental
    update's store): they take part in the decision as if built with them.

    >>> a = [Mention(0, 10, "石楼县东征精神研究会", "Institution", "Institution")]
    >>> b = [Mention(0, 2, "石楼", "Place", "County", ref="adcode:141126000000"),
    ...      Mention(5, 12, "东征精神研究会", "Institution", "Institution")]
    >>> keys, joins = joined_keys({"a": a, "b": b})
    >>> keys["b"][b[1]], joins
    ('Institution:石楼县东征精神研究会', {'Institution:东征精神研究会': 'Institution:石楼县东征精神研究会'})
    """
    keys = {doc_id: document_keys(mentions) for doc_id, mentions in doc_mentions.items()}
    places = key_places(k.values() for k in keys.values())
    if known:
        merge_key_places(places, known)
    joins = full_forms(places)
    if joins:
        for k in keys.values():
            for m, key in k.items():
                k[m] = joins.get(key, key)
    return keys, joins
