"""What the readers of numeric facts share about one document and its quantities.

:class:`Found` is a quantity being read (its clause, and the measure once known);
:class:`MentionIndex` looks up the document's mentions by position; :class:`Context`
holds both with the document's periods and main place.

Examples
--------
>>> from kg.records import Mention
>>> index = MentionIndex([Mention(0, 2, "兴县", "Place", "County")])
>>> [m.text for m in index.before(0, 5)], [m.text for m in index.starting_at(0)]
(['兴县'], ['兴县'])
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract.periods import Period
from kg.extract.quantities import Quantity
from kg.records import Mention

__all__ = ["CLAUSE_END", "DIVISION_CLASSES", "SUBJECT_CORES", "Context", "Found", "MentionIndex"]


CLAUSE_END = frozenset("，,；;：:。！？!?")
#: Core classes a numeric fact can be about.
SUBJECT_CORES = frozenset({"Program", "Project", "Institution", "Place", "Event", "Memorial"})
#: Places that are divisions, not sites (a park, a scenic area or a market has its own figures).
DIVISION_CLASSES = frozenset({"Country", "Province", "City", "CountyLevelCity", "County", "District",
                              "Township", "Village", "Region"})


@dataclass(slots=True)
class Found:
    """A quantity of a body sentence being read: its clause, and what it measures."""

    q: Quantity
    sentence: int
    clause: tuple[int, int]
    measure: str = ""
    measure_from: str = ""  # "left", "right", "shared", "change"
    unit: str = ""
    noun: str = ""  # the counted noun right after the unit (2座智能化煤矿 → 智能化煤矿)
    drop: bool = False


class MentionIndex:
    """Mentions of one document, sorted, with quick lookups by position."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.top = sorted((m for m in mentions if not m.nested),
                          key=lambda m: (m.end, m.start))
        self.ends = [m.end for m in self.top]
        self.by_start = sorted(mentions, key=lambda m: (m.start, -m.length))
        self.starts = [m.start for m in self.by_start]

    def before(self, lo: int, hi: int, limit: int = 64) -> Iterator[Mention]:
        """Top-level mentions inside ``[lo, hi)``, nearest first (at most ``limit``)."""
        a, b = bisect_right(self.ends, lo), bisect_right(self.ends, hi)
        for i in range(b - 1, max(a, b - limit) - 1, -1):
            if self.top[i].start >= lo:
                yield self.top[i]

    def holding(self, start: int, end: int, reach: int = 12) -> Iterator[Mention]:
        """Mentions that begin at most ``reach`` characters before ``start`` and run past
        ``end``: names that hold the span."""
        a, b = bisect_left(self.starts, start - reach), bisect_left(self.starts, start)
        return (m for m in self.by_start[a:b] if m.end > end)

    def starting_at(self, pos: int) -> list[Mention]:
        a, b = bisect_left(self.starts, pos), bisect_right(self.starts, pos)
        return self.by_start[a:b]


@dataclass(slots=True)
class Context:
    """One document's mentions, periods and quantity bounds, and its main place."""

    index: MentionIndex
    periods: list[Period]
    p_starts: list[int]
    q_ends: frozenset[int]
    q_starts: frozenset[int]
    main: Mention | None
    main_is_city: bool

    def periods_in(self, lo: int, hi: int) -> list[Period]:
        a, b = bisect_left(self.p_starts, lo), bisect_left(self.p_starts, hi)
        return [p for p in self.periods[a:b] if p.end <= hi]
