"""Choose among overlapping candidates: the longest, most confident span wins.

Candidates from all finders overlap (吕梁 in 吕梁市委, 兴县 in 兴县经开区…产业园区). The
chosen mentions do not overlap, except that reference-lexicon places nested inside a
chosen name are kept as ``nested`` mentions: they are real mentions, and the relation
stage reads ``X locatedIn Y`` from them.

Examples
--------
>>> from kg.records import Mention
>>> a = Mention(0, 2, "兴县", "Place", "County", rule="lexicon:cpca", confidence=0.97, ref="k")
>>> b = Mention(0, 5, "兴县经开区", "Place", "DevelopmentZone", rule="grammar:head:经开区",
...             confidence=0.9)
>>> [(m.text, m.rule) for m in select_mentions([a, b])]
[('兴县经开区', 'grammar:head:经开区'), ('兴县', 'nested:lexicon:cpca')]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from kg.extract.pipeline import DocState, register_component
from kg.records import Mention

__all__ = ["MentionSelector", "select_mentions", "is_top_level", "outer_names", "container_finder"]

# On equal spans, which finder's typing to trust.
_RULE_RANK = {"lexicon": 3, "grammar": 2, "ner": 1}


def _rank(m: Mention) -> tuple:
    kind = m.rule.split(":", 1)[0]
    return (-m.length, -_RULE_RANK.get(kind, 0), -m.confidence, m.start, m.text)


def select_mentions(candidates: list[Mention], *, min_confidence: float = 0.55) -> list[Mention]:
    """Non-overlapping mentions plus nested reference places, sorted by position."""
    chosen: list[Mention] = []
    taken = bytearray(max((m.end for m in candidates), default=0))
    for m in sorted(candidates, key=_rank):
        if m.confidence < min_confidence:
            continue
        if any(taken[m.start:m.end]):
            continue
        chosen.append(m)
        taken[m.start:m.end] = b"\x01" * m.length
    containing = container_finder(chosen)

    # Nested places by their outer mention: a nested place only ever contains, or is
    # contained in, another one of the same outer mention (outer mentions do not overlap).
    nested: dict[int, Mention] = {}  # insertion order = the order of the former list
    serial = 0
    per_outer: dict[int, list[int]] = {}
    for m in sorted(candidates, key=lambda c: (c.start, -c.length)):
        if m.core != "Place" or m.nested or m.confidence < min_confidence:
            continue
        outer = containing(m)
        if outer is None or outer == m or outer.ref is not None:
            continue
        # Reference places anywhere; places found by their form only where a memorial or a
        # project is named after its site (方山县|桥沟村|农光互补电站, 离柳矿区|561万吨…园区).
        # (A name several divisions share, such as 三交镇, is still a place.)
        if m.ref is None and not (m.rule.startswith(("grammar:", "lexicon:ambiguous"))
                                  and outer.core in ("Memorial", "Project") and m.end < outer.end):
            continue
        keys = per_outer.setdefault(id(outer), [])
        # Keep the longest of nested reference places only (吕梁市, not also 吕梁); a place
        # found by its form keeps the reference place it starts with (兴县|经开区).
        def same_kind(k: int) -> bool:
            return (nested[k].ref is None) == (m.ref is None)

        if any(same_kind(k) and nested[k].start <= m.start and m.end <= nested[k].end for k in keys):
            continue
        for k in [k for k in keys if same_kind(k) and m.start <= nested[k].start and nested[k].end <= m.end]:
            keys.remove(k)
            del nested[k]
        nested[serial] = replace(m, rule="nested:" + m.rule)
        keys.append(serial)
        serial += 1
    # Names that stand inside another name of a different kind are mentions of their own:
    # the quoted program in a policy title (《实施“三五工程”…方案》), the body that holds a
    # meeting (吕梁市大数据专家咨询委员会|会议).
    # The body a project is named after runs it (中阳钢铁有限公司|数字化生产系统): the longest
    # such body at the start of the name only.
    inner = []
    inner_spans: set[tuple[int, int]] = set()
    body_starts: set[int] = set()
    for m in sorted(candidates, key=_rank):
        outer = containing(m)
        if outer is None or outer.span == m.span or m.confidence < min_confidence:
            continue
        quoted_in_title = m.rule.startswith("grammar:quoted") and outer.rule == "grammar:book-title"
        body_of_event = (m.core == "Institution" and outer.core in ("Event", "Project")
                         and m.start == outer.start and not m.rule.startswith("ner"))
        if body_of_event and m.start in body_starts:
            continue
        if (quoted_in_title or body_of_event) and m.span not in inner_spans:
            inner.append(m)
            inner_spans.add(m.span)
            if body_of_event:
                body_starts.add(m.start)
    return sorted(chosen + list(nested.values()) + inner, key=lambda m: (m.start, -m.length))


def is_top_level(m: Mention) -> bool:
    """Whether ``m`` is a name the text states as such: not one nested in another name
    (``nested:…``) and not one only implied by it (``implied:…``)."""
    return not m.nested and not m.rule.startswith("implied:")


def outer_names(mentions: list[Mention]) -> list[Mention]:
    """The names no other name contains, by start: of the top-level mentions
    (:func:`is_top_level`), the longest at each place (华为山西（吕梁）大数据中心, not the 华为
    inside it). They do not overlap."""
    tops = sorted(filter(is_top_level, mentions), key=lambda m: (m.start, -m.length))
    out: list[Mention] = []
    for m in tops:
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


def container_finder(outers: list[Mention]) -> Callable[[Mention], Mention | None]:
    """``find(m)``: the one of the non-overlapping ``outers`` that contains ``m``, or None.

    At most one outer contains a given position; it is found by bisection (a linear scan per
    mention was quadratic: minutes for a 1 MB document).

    >>> from kg.records import Mention
    >>> a = Mention(0, 5, "兴县经开区", "Place", "DevelopmentZone", rule="grammar", confidence=0.9)
    >>> find = container_finder([a])
    >>> find(Mention(0, 2, "兴县", "Place", "County", rule="x", confidence=0.9)) is a
    True
    """
    by_start = sorted(outers, key=lambda c: c.start)
    starts = [c.start for c in by_start]

    def find(m: Mention) -> Mention | None:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and by_start[i].start <= m.start and m.end <= by_start[i].end:
            return by_start[i]
        return None

    return find


@register_component("select")
class MentionSelector:
    """Choose the final ``mentions`` from the ``candidates``."""

    requires = ("candidates",)
    provides = ("mentions",)

    def __init__(self, *, min_confidence: float = 0.55) -> None:
        self.min_confidence = min_confidence

    def __call__(self, state: DocState) -> None:
        state.mentions = select_mentions(state.candidates, min_confidence=self.min_confidence)
