"""Reference-lexicon matching with a multi-pattern automaton.

Every surface form of the reference lexicon (see :mod:`kg.extract.reference`) is matched
in the normalised text; an ambiguous name (朝阳区 in several cities) is resolved to the
entry whose containing place the document also names, else to one in Lüliang, else in
Shanxi, else left unresolved.

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import DocState
>>> state = DocState(read_text("交城县与吕梁合作", doc_id="d"))
>>> LexiconMatcher()(state)
>>> sorted((m.text, m.canonical) for m in state.candidates)
[('交城', '交城县'), ('交城县', '交城县'), ('吕梁', '吕梁市')]
"""

from __future__ import annotations

import functools

import ahocorasick

from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import ReferenceLexicon, reference_lexicon
from kg.records import Mention, RefEntry

__all__ = ["LexiconMatcher", "match_lexicon"]


@functools.cache
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for surface in reference_lexicon().surfaces:
        auto.add_word(surface, surface)
    auto.make_automaton()
    return auto


def _choose(entries: list[RefEntry], context: set[str], lex: ReferenceLexicon) -> RefEntry | None:
    if len(entries) == 1:
        return entries[0]
    # The text names a containing place of exactly one of them (湄潭县 … 永兴镇).
    in_context = [e for e in entries if any(a.key in context for a in lex.ancestors(e.key))]
    if len(in_context) == 1:
        return in_context[0]
    # Non-place names (an organisation and its abbreviation) are rarely ambiguous in
    # practice; a canonical-name match beats an alias match.
    exact = [e for e in entries if e.name in {x.name for x in entries} and e.core != "Place"]
    return exact[0] if len(exact) == 1 else None


# The national frame of every article rather than a place it is about.
_NOT_ALONE = frozenset({"中国", "我国", "全国", "祖国"})


def match_lexicon(text: str) -> list[Mention]:
    """All reference-lexicon matches in ``text`` (overlaps kept)."""
    return list(_match_lexicon(text))


# Several grammar rules ask for the matches of the same sentence; about one document's worth.
@functools.lru_cache(maxsize=256)
def _match_lexicon(text: str) -> tuple[Mention, ...]:
    lex = reference_lexicon()
    hits = []
    for end_idx, surface in _automaton().iter(text):
        hits.append((end_idx + 1 - len(surface), end_idx + 1, surface))
    context = set()
    near: list[tuple[int, set[str]]] = []  # (position, keys it supports) of full names
    for start, _, surface in hits:
        keys = lex.surfaces[surface]
        if len(keys) == 1 and not _weak(surface, lex.entries[keys[0]], lex):
            supported = {keys[0], *(a.key for a in lex.ancestors(keys[0]))}
            context |= supported
            near.append((start, supported))
    out = []
    for start, end, surface in hits:
        if surface in _NOT_ALONE:
            continue
        entry = _choose(lex.by_name(surface), context, lex)
        short = surface in lex.short_forms
        if entry is None:
            first = lex.by_name(surface)[0]
            out.append(Mention(start, end, surface, first.core, first.cls,
                               rule="lexicon:ambiguous", confidence=0.6))
            continue
        confidence = 0.85 if short else 0.97
        if _weak(surface, entry, lex):
            around = set().union(*(keys for pos, keys in near if abs(pos - start) <= _NEAR))
            if not any(a.key in around for a in lex.ancestors(entry.key)):
                confidence = _WEAK_CONFIDENCE
        out.append(Mention(
            start, end, surface, entry.core, entry.cls,
            rule=f"lexicon:{entry.source}" + (":short" if short else ""),
            confidence=confidence, ref=entry.key, canonical=entry.name,
        ))
    return tuple(out)


#: Below the selector's threshold: such a match is kept only when the tagger proposes the
#: same span (see :func:`kg.extract.select.select_mentions`).
_WEAK_CONFIDENCE = 0.5
#: How close (in characters) the full name of a containing place must be to support a
#: short form: the same passage, not anywhere in a long document.
_NEAR = 100
_COUNTY_LEVEL = frozenset({"County", "District", "CountyLevelCity"})


def _weak(surface: str, entry: RefEntry, lex: ReferenceLexicon) -> bool:
    """A county's short form (湄潭, 新和, 南郑) is also a piece of many words and phrases
    (创新和, 河南郑州 holds 南郑): alone it is weak evidence, unless the document names one of
    the county's containing places in full. A full name (岚县, 湄潭县) is not weak."""
    return entry.cls in _COUNTY_LEVEL and surface in lex.short_forms and surface != entry.name


@register_component("lexicon")
class LexiconMatcher:
    """Propose reference-lexicon names (``candidates``)."""

    requires = ("doc",)
    provides = ("candidates",)

    def __call__(self, state: DocState) -> None:
        state.candidates.extend(match_lexicon(state.doc.text))
