"""Typed records that flow between pipeline stages.

Text flows one way: a :class:`~kg.text.Document` is read; components add
:class:`Mention` proposals, then choose among them; relation and number components add
:class:`Statement` and :class:`Observation` records that point at mentions; resolution turns
mentions into :class:`Entity` records shared across documents, and hands the RDF stage each
document as a :class:`ResolvedDocument` and the reference places as :class:`ReferenceNode`
records.

Offsets in records are into the NORMALISED text of the document; the RDF stage maps them
to the original text through ``Document.original_span``.

Examples
--------
>>> m = Mention(0, 3, "吕梁市", "Place", "City", rule="lexicon:cpca", confidence=0.99)
>>> m.core, m.length
('Place', 3)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kg.text.document import Document

__all__ = [
    "Mention",
    "Entity",
    "Statement",
    "Observation",
    "RefEntry",
    "ReferenceNode",
    "ResolvedDocument",
]

@dataclass(frozen=True, slots=True)
class RefEntry:
    """An entry of the reference lexicon (knowledge of the region, not of any article)."""

    key: str  # stable id, e.g. "adcode:141100" or "ref:黄河"
    name: str  # canonical name
    cls: str  # most specific ontology class
    core: str  # core class
    source: str  # source id (see kg/extract/data/SOURCES.md)
    aliases: tuple[str, ...] = ()
    parent: str | None = None  # key of the containing place
    adcode: str | None = None
    lon: float | None = None
    lat: float | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed span of the normalised text proposed or chosen by a component."""

    start: int
    end: int
    text: str
    core: str  # one of kg.types.core_types()
    cls: str  # most specific class (e.g. "County"); equal to core when unknown
    rule: str = ""  # which component/rule proposed and typed it
    confidence: float = 0.5
    ref: str | None = None  # RefEntry.key when the span is a reference-lexicon name
    canonical: str | None = None  # canonical name when known (abbreviation → full name)
    #: The finder component that proposed it (lexicon, grammar, quoted, tagger, ...); taken
    #: from the first part of ``rule`` when not given.
    source: str = ""
    #: A role title written right before a person's name (市委书记 of 市委书记孙大军).
    title: str | None = None
    #: An honorific written right after a person's name (院士 of 何满潮院士).
    honour: str | None = None
    #: A name found inside a longer name (兴县 in 兴县经开区).
    nested: bool = False
    #: A mention the text implies but does not name (市长 implies the city government).
    implied: bool = False
    #: For a place found by its form: the reference key of the division written right before
    #: it (湄潭县|永兴镇), which tells it from a same-named place elsewhere (万州区|永兴镇).
    parent: str | None = None

    def __post_init__(self) -> None:
        if not self.source:
            object.__setattr__(self, "source", self.rule.split(":", 1)[0])

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(slots=True)
class Entity:
    """A resolved entity: one IRI, one canonical label, every surface form seen."""

    id: str  # IRI local part (readable slug)
    label: str
    core: str
    cls: str
    aliases: set[str] = field(default_factory=set)
    #: (doc_id, mention) pairs, in document order.
    mentions: list[tuple[str, Mention]] = field(default_factory=list)
    ref: RefEntry | None = None
    rule: str = ""
    confidence: float = 0.5

    @property
    def documents(self) -> list[str]:
        return sorted({d for d, _ in self.mentions})


@dataclass(frozen=True, slots=True)
class Statement:
    """A relation between two mentions, stated in one sentence of one document."""

    subject: Mention
    predicate: str  # lv local name: locatedIn, partnerOf, operatedBy, heldPosition, ...
    object: Mention
    sentence: int  # index into Document.sentences
    rule: str
    confidence: float = 0.7
    role: str | None = None  # heldPosition role title
    date: str | None = None  # renamedTo date when stated
    #: Set for relations that come from reference knowledge rather than the sentence.
    reference: bool = False


@dataclass(frozen=True, slots=True)
class Observation:
    """A numeric fact about a mentioned entity."""

    about: Mention
    measure: str
    value: Decimal
    unit: str
    raw: str
    start: int  # span of the raw number in the normalised text
    end: int
    sentence: int
    rule: str
    period: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    confidence: float = 0.6
    #: Upper end of a range (7万至8万元: value 70000, value_max 80000).
    value_max: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ResolvedDocument:
    """One document as the RDF stage writes it: what extraction found, and the role
    resolution gave each chosen mention (:func:`kg.resolve.resolved_document`)."""

    doc: Document
    #: The chosen mentions, sorted by start.
    mentions: Sequence[Mention]
    statements: Sequence[Statement]
    observations: Sequence[Observation]
    #: Positions in :attr:`mentions` of the mentions that make their entity one the document
    #: mentions (``lv:mentionedIn``; labels and typing in the document graph).
    own: frozenset[int]
    #: Span of a mention inside a longer name → span of that name: it has no mention node of
    #: its own, and the relations it takes part in cite the name's.
    cited: Mapping[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True, slots=True)
class ReferenceNode:
    """A reference entry as the reference graph states it: its entity id and the id of the
    place that contains it (:func:`kg.resolve.reference_nodes`)."""

    id: str
    entry: RefEntry
    parent: str | None = None
