"""Entity resolution across documents: one entity, one id, every surface form.

The mentions of every document are grouped by identity key (:mod:`kg.resolve.keys`), a
short form joined to its full form across documents (:mod:`kg.resolve.full_forms`); each
group is one :class:`~kg.records.Entity`, named by its reference entry or by its most
frequent surface form, and given an id (:mod:`kg.resolve.ids`). A distributed build
resolves in pieces: :class:`KeySummary` per key, merged across partitions.

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

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kg.extract.reference import reference_lexicon
from kg.records import Entity, Mention
from kg.resolve.full_forms import joined_keys
from kg.resolve.ids import entity_ids
from kg.resolve.keys import document_keys, normal_name

__all__ = ["resolve", "KeySummary", "entities_from_table"]


def resolve(
    doc_mentions: Mapping[str, Sequence[Mention]],
    *,
    known: Mapping[str, frozenset[str]] | None = None,
) -> tuple[list[Entity], dict[tuple[str, int, int], str]]:
    """Group mentions of all documents into entities.

    Parameters
    ----------
    doc_mentions : mapping
        ``{doc_id: mentions}`` with offsets into that document's normalised text.
    known : mapping, optional
        Key places (:func:`~kg.resolve.full_forms.key_places`) of documents resolved before,
        which take part in joining short forms to full forms (an incremental update).

    Returns
    -------
    entities : list of Entity
        Sorted by id.
    index : dict
        ``(doc_id, start, end) → entity id`` for every mention.
    """
    lex = reference_lexicon()
    groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    keys_of, _ = joined_keys(doc_mentions, known=known)
    for doc_id in sorted(doc_mentions):
        keys = keys_of[doc_id]
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


def entities_from_table(
    doc_mentions: Mapping[str, Sequence[Mention]],
    table: Mapping[str, tuple[str, str, str, str, str, float]],
    joins: Mapping[str, str] | None = None,
) -> tuple[list[Entity], dict[tuple[str, int, int], str]]:
    """The entities and index of some documents of a build resolved in pieces.

    ``table`` gives every identity key of the build ``(id, label, core, cls, rule,
    confidence)``: its id from :func:`~kg.resolve.ids.entity_ids` and the rest from
    :meth:`KeySummary.naming`; ``joins`` the build's short forms joined to full forms
    (:func:`~kg.resolve.full_forms.full_forms` of the key places of all its documents).
    The entities and the index are those :func:`resolve` gives these documents in a build
    of all of them, except that an entity lists no mentions.

    >>> m = Mention(0, 3, "吕梁市", "Place", "City", ref="adcode:141100000000")
    >>> table = {"adcode:141100000000": ("lvliangshi", "吕梁市", "Place", "City", "", 0.5)}
    >>> entities, index = entities_from_table({"d": [m]}, table)
    >>> [e.id for e in entities], index
    (['lvliangshi'], {('d', 0, 3): 'lvliangshi'})
    """
    lex = reference_lexicon()
    entities: dict[str, Entity] = {}
    index: dict[tuple[str, int, int], str] = {}
    joins = joins or {}
    for doc_id, mentions in doc_mentions.items():
        keys = {m: joins.get(k, k) for m, k in document_keys(mentions).items()}
        # resolve() fills the index key by key in key order: of two mentions with one span,
        # the one whose key comes last names the entity.
        for m in sorted(mentions, key=lambda m: (keys[m] not in lex.entries, keys[m])):
            key = keys[m]
            eid, label, core, cls, rule, confidence = table[key]
            index[(doc_id, m.start, m.end)] = eid
            if eid not in entities:
                entities[eid] = Entity(id=eid, label=label, core=core, cls=cls, ref=lex.entries.get(key),
                                       rule=rule, confidence=confidence)
    return sorted(entities.values(), key=lambda e: e.id), index
