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

from dataclasses import replace

from kg.extract.pipeline import DocState, register_component
from kg.records import Mention

__all__ = ["MentionSelector", "select_mentions"]

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
    nested = []
    for m in sorted(candidates, key=lambda c: (c.start, -c.length)):
        if m.ref is None or m.core != "Place" or m.rule.startswith("nested"):
            continue
        outer = next((c for c in chosen if c.start <= m.start and m.end <= c.end and c != m), None)
        if outer is None or outer.ref is not None:
            continue
        # Keep the longest nested place at each start only (吕梁市, not also 吕梁).
        if any(n.start <= m.start and m.end <= n.end for n in nested):
            continue
        nested = [n for n in nested if not (m.start <= n.start and n.end <= m.end)]
        nested.append(replace(m, rule="nested:" + m.rule))
    # Names that stand inside another name of a different kind are mentions of their own:
    # the quoted program in a policy title (《实施“三五工程”…方案》), the body that holds a
    # meeting (吕梁市大数据专家咨询委员会|会议).
    inner = []
    for m in candidates:
        outer = next((c for c in chosen if c.start <= m.start and m.end <= c.end and c.span != m.span), None)
        if outer is None or m.confidence < min_confidence:
            continue
        quoted_in_title = m.rule.startswith("grammar:quoted") and outer.rule == "grammar:book-title"
        body_of_event = (m.core == "Institution" and outer.core == "Event" and m.start == outer.start
                         and not m.rule.startswith("ner"))
        if (quoted_in_title or body_of_event) and all(i.span != m.span for i in inner):
            inner.append(m)
    return sorted(chosen + nested + inner, key=lambda m: (m.start, -m.length))


@register_component("select")
class MentionSelector:
    """Choose the final ``mentions`` from the ``candidates``."""

    requires = ("candidates",)
    provides = ("mentions",)

    def __init__(self, *, min_confidence: float = 0.55) -> None:
        self.min_confidence = min_confidence

    def __call__(self, state: DocState) -> None:
        state.mentions = select_mentions(state.candidates, min_confidence=self.min_confidence)
