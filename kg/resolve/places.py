"""Places a document names, and the places a name's prefix names: what the identity rules
that read a place before a name (石楼|红军东征纪念馆) ask.

Examples
--------
>>> sorted(place_keys("石楼"))
['Place:石楼', 'adcode:141126000000']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from kg.extract.reference import reference_lexicon
from kg.extract.wordlists import DIVISION_ENDS

__all__ = ["document_places", "in_place", "place_keys"]


def document_places(keys: Iterable[str]) -> frozenset[str]:
    """The places a document with identity keys ``keys`` names, with the places containing
    them: reference keys, and ``Place:name`` for places no reference entry holds.

    >>> sorted(document_places(["adcode:141126000000", "Memorial:红军东征纪念馆"]))
    ['adcode:140000000000', 'adcode:141100000000', 'adcode:141126000000']
    """
    lex = reference_lexicon()
    out: set[str] = set()
    for key in keys:
        if key in lex.entries:
            refs = [key]
        elif key.startswith("Place:"):
            out.add(key.split("@", 1)[0])
            refs = key.split("@", 1)[1:]
        else:
            continue
        for ref in refs:
            if ref in lex.entries and lex.entries[ref].core == "Place":
                out.add(ref)
                out.update(e.key for e in lex.ancestors(ref))
    return frozenset(out)


@functools.cache
def place_keys(prefix: str) -> frozenset[str]:
    """The keys by which a document names the last place of ``prefix`` when ``prefix`` is
    one or more place names (石楼, 交城县, 吕梁市石楼县), else nothing. A reference place is
    read before a name that merely ends in a division character.

    >>> sorted(place_keys("吕梁市石楼"))
    ['Place:石楼', 'adcode:141126000000']
    >>> sorted(place_keys("某某县")), place_keys("四八")
    (['Place:某某县'], frozenset())
    """
    for lexicon_only in (True, False):
        for j in range(len(prefix) - 1):
            keys = _one_place(prefix[j:], lexicon_only)
            if keys and (j == 0 or place_keys(prefix[:j])):
                return keys
    return frozenset()


def _one_place(name: str, lexicon_only: bool) -> frozenset[str]:
    """Keys of the place ``name`` when it is a reference place or (unless ``lexicon_only``)
    ends in a division character."""
    lex = reference_lexicon()
    refs = [k for k in lex.surfaces.get(name, ()) if lex.entries[k].core == "Place"]
    if refs or (not lexicon_only and name[-1] in DIVISION_ENDS):
        return frozenset({f"Place:{name}", *refs})
    return frozenset()


def in_place(prefix: str, ref: str) -> bool:
    """Whether ``prefix`` names the place of reference key ``ref`` or one containing it.

    >>> in_place("吕梁", "adcode:141126000000"), in_place("交城县", "adcode:141126000000")
    (True, False)
    """
    lex = reference_lexicon()
    if ref not in lex.entries:
        return False
    return bool(place_keys(prefix) & {ref, *(e.key for e in lex.ancestors(ref))})
