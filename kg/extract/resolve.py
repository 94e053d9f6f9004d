"""Entity resolution across documents: one entity, one IRI, every surface form.

Mentions are grouped by an identity key:

* a reference-lexicon mention by its entry (吕梁 and 吕梁市 both name ``adcode:141100…``);
* otherwise by core type and a normalised name: quotes and interpuncts dropped (四八 and
  四·八), known abbreviation prefixes expanded (中科院… = 中国科学院…), and, inside one
  document, a shorter name that ends a longer name of the same type (护工服务中心 →
  吕梁山护工服务中心);
* an obvious OCR typo (隰口古镇) joins a reference entry only when exactly one entry of the
  same type differs from it in one character.

Two places with one name but different reference entries (朝阳区 of Beijing and of
Changchun) keep different keys, hence different IRIs.

Examples
--------
>>> from kg.records import Mention
>>> a = Mention(0, 3, "吕梁市", "Place", "City", ref="adcode:141100000000", canonical="吕梁市")
>>> b = Mention(5, 7, "吕梁", "Place", "City", ref="adcode:141100000000", canonical="吕梁市")
>>> ents, index = resolve({"d1": [a, b]})
>>> [(e.id, e.label, sorted(e.aliases)) for e in ents]
[('lvliangshi', '吕梁市', ['吕梁', '吕梁市'])]
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kg.extract.reference import reference_lexicon
from kg.rdf.iris import short_hash, slug
from kg.records import Entity, Mention, RefEntry

__all__ = ["resolve", "identity_key", "document_keys", "normal_name", "reference_id", "KeySummary",
           "entity_ids"]

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
        return f"{m.core}:{_expand_prefix(normal_name(m.canonical))}"
    linked = _linked_entry(m)
    if linked:
        return linked
    if m.core in ("Place", "Memorial"):
        typo = _typo_entry(m)
        if typo:
            return typo
    key = f"{m.core}:{_expand_prefix(normal_name(m.text))}"
    return f"{key}@{m.parent}" if m.parent else key


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


def reference_id(entry: RefEntry) -> str:
    """Entity id of a reference entry: its slug, plus the adcode when the name is shared.

    >>> from kg.extract.reference import reference_lexicon
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


def resolve(
    doc_mentions: Mapping[str, Sequence[Mention]],
) -> tuple[list[Entity], dict[tuple[str, int, int], str]]:
    """Group mentions of all documents into entities.

    Parameters
    ----------
    doc_mentions : mapping
        ``{doc_id: mentions}`` with offsets into that document's normalised text.

    Returns
    -------
    entities : list of Entity
        Sorted by id.
    index : dict
        ``(doc_id, start, end) → entity id`` for every mention.
    """
    lex = reference_lexicon()
    groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for doc_id in sorted(doc_mentions):
        keys = document_keys(doc_mentions[doc_id])
        for m in doc_mentions[doc_id]:
            groups[keys[m]].append((doc_id, m))
    entities: dict[str, Entity] = {}
    index: dict[tuple[str, int, int], str] = {}
    named: dict[str, tuple[str, str, str]] = {}
    # Reference entities first: their ids never depend on the rest of the build.
    for key in sorted(groups, key=lambda k: (k not in lex.entries, k)):
        members = groups[key]
        ref = lex.entries.get(key)
        surfaces = Counter(normal_name(m.canonical or m.text) if not ref else m.text for _, m in members)
        if ref:
            label, core, cls = ref.name, ref.core, ref.cls
        else:
            # Most frequent form; ties → the longest, then the one with an interpunct.
            label = max(surfaces, key=lambda s: (surfaces[s], len(s), s))
            dotted = [m.text for _, m in members if normal_name(m.text) == label and "·" in m.text]
            label = dotted[0] if dotted else label
            votes = Counter(m.cls for _, m in members)
            core = members[0][1].core
            cls = max(votes, key=lambda c: (votes[c], c != core, c))
        named[key] = (label, core, cls)
    ids = entity_ids({key: label for key, (label, _, _) in named.items()})
    for key, (label, core, cls) in named.items():
        members = groups[key]
        eid = ids[key]
        best = max((m for _, m in members), key=lambda m: m.confidence)
        ent = Entity(id=eid, label=label, core=core, cls=cls, ref=lex.entries.get(key),
                     rule=best.rule, confidence=best.confidence)
        for doc_id, m in members:
            ent.mentions.append((doc_id, m))
            ent.aliases.add(m.text)
            index[(doc_id, m.start, m.end)] = eid
        entities[eid] = ent
    return sorted(entities.values(), key=lambda e: e.id), index


# ---- resolution in pieces (a distributed build: kg.cluster) ---------------------------------

@dataclass(slots=True)
class KeySummary:
    """What :func:`resolve` needs to know about the members of one identity key, from some
    of the documents; summaries of disjoint sets of documents :meth:`merge` into the one of
    their union, and :meth:`naming` then gives what :func:`resolve` gives the entity.

    Members are ordered as :func:`resolve` orders them: by document id, then by position in
    the document's mention list; ``at`` is that ``(doc_id, position)``.

    Examples
    --------
    >>> from kg.records import Mention
    >>> a = KeySummary.of("Program:护工服务中心", Mention(0, 6, "护工服务中心", "Program", "Program"), ("d2", 0))
    >>> b = KeySummary.of("Program:护工服务中心", Mention(3, 9, "护工服务中心", "Program", "Project"), ("d1", 4))
    >>> a.merge(b).naming("Program:护工服务中心")
    ('护工服务中心', 'Program', 'Project', '', 0.5)
    """

    first: tuple[str, int, str]  # (doc_id, position, core) of the first member
    best: tuple[float, str, int, str, float]  # (-confidence, doc_id, position, rule, confidence)
    surfaces: Counter = field(default_factory=Counter)  # normal form → count (non-reference keys)
    dotted: dict = field(default_factory=dict)  # normal form → (doc_id, position, text with ·)
    votes: Counter = field(default_factory=Counter)  # class → count (non-reference keys)

    @classmethod
    def of(cls, key: str, m: Mention, at: tuple[str, int]) -> KeySummary:
        """The summary of one member ``m`` of ``key`` found at ``at``."""
        doc_id, pos = at
        out = cls((doc_id, pos, m.core), (-m.confidence, doc_id, pos, m.rule, m.confidence))
        if key not in reference_lexicon().entries:
            out.surfaces[normal_name(m.canonical or m.text)] += 1
            out.votes[m.cls] += 1
            if "·" in m.text:
                out.dotted[normal_name(m.text)] = (doc_id, pos, m.text)
        return out

    def merge(self, other: KeySummary) -> KeySummary:
        """Fold ``other`` (the same key, other members) into this summary; returns it."""
        self.first = min(self.first, other.first)
        self.best = min(self.best, other.best)
        self.surfaces.update(other.surfaces)
        self.votes.update(other.votes)
        for name, where in other.dotted.items():
            if name not in self.dotted or where < self.dotted[name]:
                self.dotted[name] = where
        return self

    def naming(self, key: str) -> tuple[str, str, str, str, float]:
        """``(label, core, cls, rule, confidence)`` of the entity, as :func:`resolve` picks them."""
        ref = reference_lexicon().entries.get(key)
        if ref:
            label, core, cls = ref.name, ref.core, ref.cls
        else:
            label = max(self.surfaces, key=lambda s: (self.surfaces[s], len(s), s))
            label = self.dotted[label][2] if label in self.dotted else label
            core = self.first[2]
            cls = max(self.votes, key=lambda c: (self.votes[c], c != core, c))
        return label, core, cls, self.best[3], self.best[4]


def entity_ids(labels: Mapping[str, str]) -> dict[str, str]:
    """Entity id of every identity key, given each key's label (:meth:`KeySummary.naming`).

    Ids are given in :func:`resolve`'s order (reference keys first, then by key): a slug an
    earlier key took gets a hash of the key appended.

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
