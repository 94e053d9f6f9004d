"""Entity ids: readable pinyin slugs (:mod:`kg.text.slugs`), disambiguated by a short hash
of the identity key.

Ids do not depend on IRIs (:mod:`kg.rdf.iris` puts them under the resource namespace) nor
on which other documents are in a build: a reference entry always has the same id, and a
slug an earlier identity key took gets a hash of the later key appended.

Examples
--------
>>> entity_ids({"Institution:鑫鑫煤矿": "鑫鑫煤矿", "adcode:141100000000": "吕梁市"})
{'adcode:141100000000': 'lvliangshi', 'Institution:鑫鑫煤矿': 'xinxinmeikuang'}
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from kg.extract.reference import reference_lexicon
from kg.records import RefEntry
from kg.text.slugs import short_hash, slug

__all__ = ["reference_id", "entity_ids"]


def reference_id(entry: RefEntry) -> str:
    """Entity id of a reference entry: its slug, plus the adcode when the name is shared.

    >>> reference_id(reference_lexicon().entries["adcode:141100000000"])
    'lvliangshi'
    """
    owner = _slug_owners().get(slug(entry.name))
    if owner != entry.key:
        return f"{slug(entry.name)}-{(entry.adcode or short_hash(entry.key))[:6]}"
    return slug(entry.name)


@functools.cache
def _slug_owners() -> dict[str, str]:
    """Slug → the one reference entry that gets it bare: divisions before other entries, the
    lower code first (山西省 14 keeps ``shanxisheng``; 陕西省 61, whose toneless pinyin is the
    same, gets its adcode appended), so an IRI never depends on which articles are built."""
    lex = reference_lexicon()
    owners: dict[str, str] = {}
    ranked = sorted(lex.entries.values(), key=lambda e: (e.source != "cpca", e.adcode or "", e.key))
    for e in ranked:
        owners.setdefault(slug(e.name), e.key)
    return owners


def entity_ids(labels: Mapping[str, str]) -> dict[str, str]:
    """Entity id of every identity key, given each key's label
    (:meth:`kg.resolve.entities.KeySummary.naming`).

    Ids are given in :func:`kg.resolve.entities.resolve`'s order (reference keys first, then
    by key): a slug an earlier key took gets a hash of the key appended.

    >>> ids = entity_ids({"Program:四八烈士纪念馆": "四八烈士纪念馆", "Memorial:四八烈士纪念馆": "四八烈士纪念馆"})
    >>> ids["Memorial:四八烈士纪念馆"], ids["Program:四八烈士纪念馆"]
    ('sibalieshijinianguan', 'sibalieshijinianguan-...')
    """
    lex = reference_lexicon()
    out: dict[str, str] = {}
    taken: dict[str, str] = {}
    for key in sorted(labels, key=lambda k: (k not in lex.entries, k)):
        ref = lex.entries.get(key)
        if ref:
            eid = reference_id(ref)
        else:
            base = slug(labels[key])
            # A reference entry's IRI is its own even when this build does not mention it.
            free = taken.get(base, key) == key and base not in _slug_owners()
            eid = base if free else f"{base}-{short_hash(key)}"
        taken.setdefault(eid, key)
        out[key] = eid
    return out
