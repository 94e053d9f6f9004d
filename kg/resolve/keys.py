"""Identity keys: which entity a mention names.

Mentions are grouped by an identity key:

* a reference-lexicon mention by its entry (吕梁 and 吕梁市 both name ``adcode:141100…``);
* otherwise by core type and a normalised name: quotes and interpuncts dropped (四八 and
  四·八), known abbreviation prefixes expanded (中科院… = 中国科学院…), and, inside one
  document, a shorter name that ends a longer name of the same type (护工服务中心 →
  吕梁山护工服务中心);
* a reference entry's name written after its place (石楼|红军东征纪念馆) names that entry;
* an obvious OCR typo (隰口古镇) joins a reference entry only when exactly one entry of the
  same type differs from it in one character.

Two places with one name but different reference entries (朝阳区 of Beijing and of
Changchun) keep different keys, hence different IRIs.

Examples
--------
>>> from kg.records import Mention
>>> identity_key(Mention(0, 9, "中科院大气物理研究所", "Institution", "ResearchInstitute"))
'Institution:中国科学院大气物理研究所'
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence

from kg.extract.reference import reference_lexicon
from kg.records import Mention
from kg.resolve.places import in_place

__all__ = ["identity_key", "document_keys", "name_key", "normal_name"]

#: Classes of the places an address names after their county (杭锦旗|独贵塔拉镇).
_INSIDE_COUNTY = frozenset({"Township", "Village"})
_STRIP = re.compile(r"[“”\"‘’'《》「」〈〉\s]")
_DOTS = re.compile(r"[·•・.．]")


def normal_name(name: str) -> str:
    """Name used for identity: no quotes, no interpuncts, ASCII brackets.

    >>> normal_name("“四·八”烈士纪念馆"), normal_name("中国矿业大学（北京）")
    ('四八烈士纪念馆', '中国矿业大学(北京)')
    """
    name = _STRIP.sub("", name)
    name = _DOTS.sub("", name)
    return name.replace("（", "(").replace("）", ")")


def name_key(core: str, name: str) -> str:
    """The identity key of a name of core type ``core`` that no reference entry holds: the
    core type and the normal name (:func:`normal_name`), a known abbreviation at its start
    expanded (中科院… → 中国科学院…).

    >>> name_key("Memorial", "“四·八”烈士纪念馆")
    'Memorial:四八烈士纪念馆'
    """
    return f"{core}:{_expand_prefix(normal_name(name))}"


def _expand_prefix(name: str) -> str:
    """Replace a known abbreviation at the start of a name by the full name."""
    lex = reference_lexicon()
    for k in range(min(len(name) - 1, 8), 1, -1):
        keys = lex.surfaces.get(name[:k])
        if keys and len(keys) == 1:
            entry = lex.entries[keys[0]]
            if entry.core == "Institution" and entry.name != name[:k]:
                return entry.name + name[k:]
    return name


def _linked_entry(m: Mention) -> str | None:
    """The reference entry a name found by form denotes, when its name is exactly one
    entry's of the same core (the tagger's 中国 is the country the lexicon knows)."""
    lex = reference_lexicon()
    keys = lex.surfaces.get(normal_name(m.text), ())
    same = [k for k in keys if lex.entries[k].core == m.core]
    return same[0] if len(same) == 1 and not m.parent else None


def _sited_entry(m: Mention) -> str | None:
    """The reference entry a name denotes when it is the entry's name written after the
    entry's place or one containing it (石楼|红军东征纪念馆 is the 红军东征纪念馆 of 石楼县),
    when exactly one entry of the same core fits.

    >>> _sited_entry(Mention(0, 9, "石楼红军东征纪念馆", "Memorial", "MemorialHall"))
    'ref:红军东征纪念馆'
    >>> _sited_entry(Mention(0, 10, "交城县红军东征纪念馆", "Memorial", "MemorialHall")) is None
    True
    """
    lex = reference_lexicon()
    name = normal_name(m.text)
    for k in range(1, len(name) - 1):
        fits = {key for key in lex.surfaces.get(name[k:], ())
                if lex.entries[key].core == m.core and lex.entries[key].parent
                and in_place(name[:k], lex.entries[key].parent)}
        if fits:
            return fits.pop() if len(fits) == 1 else None
    return None


def _written_parent(m: Mention) -> str | None:
    """The key of a place named with the division that holds it written before it, as one
    name (杭锦旗独贵塔拉镇): the key of the place named after the division
    (杭锦旗|独贵塔拉镇, :attr:`~kg.records.Mention.parent`), when one administrative
    division of the reference is written before a township or village name.

    >>> _written_parent(Mention(0, 8, "杭锦旗独贵塔拉镇", "Place", "Township"))
    'Place:独贵塔拉镇@adcode:150625000000'
    >>> _written_parent(Mention(0, 11, "湘西高新技术产业开发区", "Place", "DevelopmentZone")) is None
    True
    """
    if m.cls not in _INSIDE_COUNTY:
        return None
    lex = reference_lexicon()
    name = normal_name(m.text)
    for k in range(len(name) - 3, 1, -1):  # the longest division first; a name of 3 or more after it
        refs = [key for key in lex.surfaces.get(name[:k], ()) if lex.entries[key].adcode]
        if refs:
            return f"{name_key(m.core, name[k:])}@{refs[0]}" if len(refs) == 1 else None
    return None


def _typo_entry(m: Mention) -> str | None:
    """Reference key for a one-character OCR typo of a reference name, if unique."""
    text = m.text
    if len(text) < 4:
        return None
    lex = reference_lexicon()
    shapes = _surfaces_by_shape()
    # A single wrong character leaves either the first two or the last two intact.
    near = set(shapes.get((len(text), text[:2]), ())) | set(shapes.get((len(text), text[-2:]), ()))
    hits = {
        key
        for s in near
        if s != text and sum(a != b for a, b in zip(s, text)) == 1
        for key in lex.surfaces[s]
        if lex.entries[key].core == m.core
    }
    return hits.pop() if len(hits) == 1 else None


@functools.cache
def _surfaces_by_shape() -> dict[tuple[int, str], tuple[str, ...]]:
    shapes: dict[tuple[int, str], list[str]] = defaultdict(list)
    for s in reference_lexicon().surfaces:
        if len(s) >= 4:
            shapes[(len(s), s[:2])].append(s)
            shapes[(len(s), s[-2:])].append(s)
    return {k: tuple(v) for k, v in shapes.items()}


def identity_key(m: Mention) -> str:
    """The key that decides which entity a mention names (before in-document merging)."""
    if m.ref:
        return m.ref
    if m.canonical:
        # 市委 in a document about 吕梁市 was read as 吕梁市委 by the abbreviation component.
        return name_key(m.core, m.canonical)
    linked = _linked_entry(m) or _sited_entry(m)
    if linked:
        return linked
    if m.core in ("Place", "Memorial"):
        typo = _typo_entry(m)
        if typo:
            return typo
    if m.parent:
        return f"{name_key(m.core, m.text)}@{m.parent}"
    return (_written_parent(m) if m.core == "Place" else None) or name_key(m.core, m.text)


def document_keys(mentions: Sequence[Mention]) -> dict[Mention, str]:
    """Identity keys of one document's mentions, after in-document merging (a place named
    without its division takes the one the document gives it; an abbreviation takes the
    longer name it ends). Builds, incremental updates and distributed builds (which compute
    them where the document was extracted, :mod:`kg.cluster`) all key mentions by it.

    >>> a = Mention(0, 3, "湄潭县", "Place", "County", ref="adcode:520328000000")
    >>> b = Mention(3, 6, "永兴镇", "Place", "Township", parent="adcode:520328000000")
    >>> c = Mention(9, 12, "永兴镇", "Place", "Township")
    >>> keys = document_keys([a, b, c])
    >>> keys[b] == keys[c] == "Place:永兴镇@adcode:520328000000"
    True
    """
    keys = {m: identity_key(m) for m in mentions}
    _adopt_parents(keys)
    _merge_abbreviations(keys)
    return keys


def _adopt_parents(keys: dict[Mention, str]) -> None:
    """Inside one document, a place named without its division is the one named with it,
    when the document names exactly one (湄潭县永兴镇 … 永兴镇)."""
    qualified: dict[str, set[str]] = defaultdict(set)
    for key in keys.values():
        if "@" in key:
            qualified[key.split("@", 1)[0]].add(key)
    for m, key in keys.items():
        if "@" not in key and len(qualified.get(key, ())) == 1:
            keys[m] = next(iter(qualified[key]))


def _merge_abbreviations(keys: dict[Mention, str]) -> None:
    """Inside one document, a name ending a longer same-type name is its abbreviation."""
    by_core: dict[str, set[str]] = defaultdict(set)
    for m, key in keys.items():
        if not m.ref:
            by_core[m.core].add(key)
    for m, key in list(keys.items()):
        if m.ref or len(normal_name(m.text)) < 3:
            continue
        short = key.split(":", 1)[1]
        longer = [k for k in by_core[m.core] if k != key and k.split(":", 1)[1].endswith(short)]
        if len(longer) == 1:
            keys[m] = longer[0]


