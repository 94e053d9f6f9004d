"""Numeric facts: numbers with units in body sentences become :class:`Observation` records.

For each quantity found by :func:`~kg.extract.quantities.find_quantities` in a body
sentence, the component decides

* **what is measured** (``measure``): the words right before the number in its clause
  (``今年1-7月完成产气量12.7亿立方米`` → ``产气量``), without the subject, the period and
  filler words (``完成``, ``达到``, ``其中``); for counts, the counted noun that follows
  (``2座智能化煤矿`` → ``智能化煤矿数量``); a bare change (``同比增长131%``) is named after
  the measure before it in the sentence (``产气量同比增长``);
* **what it is about** (``about``), one of the document's mentions, tried in this order
  (the ``rule`` of the observation says which one chose it, ``numbers:<rule>``):

  ``respectively``
      the i-th name of a list before ``分别`` for the i-th figure after it
      (``甲公司和乙公司分别拿出200万元和100万元``);
  ``anaphor``, ``level-word``
      what a demonstrative, a bare head noun or a division word stands for (``该项目``,
      ``这座…``, ``该校``, ``公司今年…``; ``全县``, ``该乡``, ``村里``: the place of that level
      named before), in :mod:`kg.extract.numbers.anaphora`;
  ``modifies``
      the thing the number qualifies (``日处理能力1000吨的垃圾焚烧发电厂``);
  ``counted``
      a program whose people or sites are counted (``3.8万多名“吕梁山护工”``);
  ``clause-subject``
      the nearest preceding program/project/institution/place/event/memorial of the
      clause, skipping list members (``北京、山东等11个省份``), objects of a preposition
      (``在太原``), counted nouns (``2座智能化煤矿``) and an organisation before a title
      (``吕梁市委书记``);
  ``pronoun``
      the person a ``她``/``他`` of the clause refers to (the last one in the paragraph);
  ``region-word``
      the document's main place, when the clause says ``全市``/``我市``/``市级``;
  ``same-figure``
      the subject of the figure just before, for ``这一数字``/``这个数字`` (set after the rest);
  ``sentence-subject``
      the subject of an earlier clause of the sentence (a mention that opens it, also after
      a modifier with 的: ``某公司承建的…项目，合同金额…``);
  ``scene``
      the site a sentence opens with (``在…的某交易市场，今年已交易干茶1560吨``);
  ``region-word``
      as above, for a ``全市`` earlier in the sentence;
  ``paragraph-topic``
      the last mention that opened a clause earlier in the paragraph;
  ``document-place``
      the document's main place (its most mentioned place);
  ``section-topic``
      replaces the main place under a heading that names a program (``“吕梁山护工”
      响当当``): there, the region's figures are the program's.

  A mention that contains the number (a number inside a name) is never chosen;
* **when** (``period``): the period stated in the clause, else in the sentence, with ISO
  bounds when they are known (:func:`~kg.extract.periods.find_periods`).

The measure is read in :mod:`kg.extract.numbers.measures`, the subject in
:mod:`kg.extract.numbers.subjects`, over the shared :mod:`kg.extract.numbers.context`.

Numbers without a unit (except a people count such as ``总人口达385万``) or without a
clear measure are not kept, nor small numbers written in Chinese numerals (``三个一批``,
``两名``: slogans and narration), nor durations and ages that no measure names.

Ranges (``7万至8万元``) give their lower end as ``value`` (the raw text keeps both);
``名``/``位`` counts are counts of people, in ``人``.

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> doc = read_text("吕梁新闻\\n\\n吕梁市今年1-7月完成产气量12.7亿立方米，同比增长131%。", doc_id="d")
>>> state = Pipeline(["lexicon", "grammar", "select", "numbers"])(doc)
>>> [(o.about.text, o.measure, o.value, o.unit, o.period) for o in state.observations]
[('吕梁市', '产气量', Decimal('1270000000'), '立方米', '今年1-7月'), ('吕梁市', '产气量同比增长', Decimal('131'), '%', '今年1-7月')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from kg.extract.numbers.context import CLAUSE_END, Context, Found, MentionIndex
from kg.extract.numbers.measures import fill_measures
from kg.extract.numbers.subjects import subject_of
from kg.extract.periods import Period, find_periods
from kg.extract.pipeline import DocState, register_component
from kg.extract.quantities import find_quantities
from kg.records import Mention, Observation

__all__ = ["NumberFinder", "observations"]


_SAME_FIGURE = re.compile("(?:这个|这一|该)(?:数字|数据)")


# Subjects found outside the figure's own words (what a list of figures may override).
_FALLBACK_RULES = frozenset({"", "clause-subject", "sentence-subject", "region-word", "paragraph-topic",
                             "document-place", "scene", "program-topic"})


def _figure_list(text: str, prev_end: int, start: int, index: MentionIndex) -> bool:
    """Whether the figure at ``start`` follows the one ending at ``prev_end`` in a list
    (、 then its measure, with no name between: 开工率93.8%、投产率66.7%)."""
    gap = text[prev_end:start]
    return (gap.startswith("、") and len(gap) <= 12 and not any(ch in CLAUSE_END for ch in gap)
            and not any(True for _ in index.before(prev_end, start, limit=1)))


def _main_place(mentions: list[Mention]) -> Mention | None:
    places = [m for m in mentions if m.core == "Place"]
    if not places:
        return None
    counts = Counter(m.canonical or m.text for m in places)
    best = max(counts.values())
    return next(m for m in places if counts[m.canonical or m.text] == best)


def _clause(text: str, s_start: int, s_end: int, pos: int, span: int = 200) -> tuple[int, int]:
    """The clause around ``pos`` (between clause punctuation; at most ``span`` each side)."""
    a = pos
    while a > s_start and text[a - 1] not in CLAUSE_END and pos - a < span:
        a -= 1
    b = pos
    while b < s_end and text[b] not in CLAUSE_END and b - pos < span:
        b += 1
    return a, b


def observations(state: DocState) -> list[Observation]:
    """The numeric facts of ``state.doc`` about its mentions (see the module docstring).

    Parameters
    ----------
    state : DocState
        A state whose ``mentions`` are chosen.

    Returns
    -------
    list of Observation

    Examples
    --------
    >>> from kg.text import read_text
    >>> from kg.extract.pipeline import Pipeline
    >>> state = Pipeline(["lexicon", "select"])(read_text("标题\\n\\n兴县有贫困村1439个。", doc_id="d"))
    >>> [(o.about.text, o.measure, o.value, o.unit, o.rule) for o in observations(state)]
    [('兴县', '贫困村', Decimal('1439'), '个', 'numbers:clause-subject')]
    """
    doc = state.doc
    text = doc.text
    index = MentionIndex(state.mentions)
    quantities = find_quantities(text)
    periods = find_periods(text, doc.date)
    p_starts = [p.start for p in periods]
    q_starts = [q.start for q in quantities]
    para_start: dict[int, int] = {}
    for s in doc.sentences:
        para_start.setdefault(s.paragraph, s.start)
        para_start[s.paragraph] = min(para_start[s.paragraph], s.start)
    main = _main_place(state.mentions)
    ctx = Context(index, periods, p_starts, frozenset(q.end for q in quantities),
               frozenset(q.start for q in quantities), main,
               main is not None and (main.cls == "City" or (main.canonical or main.text).endswith("市")))
    out: list[Observation] = []
    main_key = (main.canonical or main.text) if main is not None else None
    section: Mention | None = None  # the program a section heading names
    prev_body: tuple[int, int] | None = None  # (paragraph, start) of the last body sentence
    for si, sent in enumerate(doc.sentences):
        if sent.kind == "heading":
            programs = {m.canonical or m.text: m for m in index.before(sent.start, sent.end)
                        if m.core == "Program" and m.end <= sent.end}
            # Only a heading that names one program sets the topic of its section.
            section = next(iter(programs.values())) if len(programs) == 1 else None
            continue
        if sent.kind != "body":
            continue
        # What the text was about just before: the previous sentence, or the whole previous
        # paragraph when this sentence opens its own.
        para_lo = para_start.get(sent.paragraph, sent.start)
        if prev_body is None:
            topic_lo = sent.start
        elif prev_body[0] == sent.paragraph:
            topic_lo = prev_body[1]
        else:
            topic_lo = para_start.get(prev_body[0], prev_body[1])
        prev_body = (sent.paragraph, sent.start)
        a, b = bisect_left(q_starts, sent.start), bisect_left(q_starts, sent.end)
        found = [Found(q, si, _clause(text, sent.start, sent.end, q.start))
                 for q in quantities[a:b] if q.end <= sent.end]
        if not found:
            continue
        pa, pb = bisect_left(p_starts, sent.start), bisect_left(p_starts, sent.end)
        sent_periods = [p for p in periods[pa:pb] if p.end <= sent.end]
        fill_measures(text, found, sent_periods, index)
        for f in found:
            if f.drop or not f.measure or not f.unit:
                continue
            about, rule, conf = subject_of(text, f, ctx, sent.start, para_lo, topic_lo)
            if out and out[-1].sentence >= si - 1 and _SAME_FIGURE.search(text, f.clause[0], f.q.start):
                # 村里人均纯收入只有1668元；去年，这个数字涨到了2.86万元: the figure before, again.
                about, rule, conf = out[-1].about, "same-figure", out[-1].confidence
            if (rule in _FALLBACK_RULES and out and out[-1].sentence == si
                    and out[-1].rule != "numbers:respectively"
                    and _figure_list(text, out[-1].end, f.q.start, index)):
                # 签约项目开工率93.8%、投产率66.7%、达效率97.4%: a list of figures shares the
                # subject of its first (a region word later in the clause does not change it).
                about, rule, conf = out[-1].about, "figure-list", out[-1].confidence
            if about is None:
                continue
            if section is not None and (about.canonical or about.text) == main_key \
                    and rule != "region-word" and not _names(index, f.clause[0], f.q.start, section):
                # Under a heading that names a program (“吕梁山护工”响当当), the region's
                # figures are the program's: 吕梁市共举办34期培训班 → 吕梁山护工.
                about, rule, conf = section, "section-topic", 0.55
            period = _period(f, sent_periods)
            if f.measure_from in ("right", "shared"):
                conf -= 0.05
            if f.unit != f.q.base_unit and not f.unit.startswith(f"{f.q.base_unit}/"):
                conf -= 0.1
            out.append(Observation(
                about=about, measure=f.measure, value=f.q.value, unit=f.unit, raw=f.q.raw,
                start=f.q.start, end=f.q.end, sentence=si, rule=f"numbers:{rule}",
                period=period.raw if period else None,
                period_start=period.period_start if period else None,
                period_end=period.period_end if period else None,
                confidence=round(conf, 2), value_max=f.q.value_max))
    return out


def _names(index: MentionIndex, lo: int, hi: int, program: Mention) -> bool:
    """Whether ``text[lo:hi]`` names ``program`` (延安累计完成退耕还林1077.5万亩: the place's
    work on the program, not a figure of the program's own)."""
    key = program.canonical or program.text
    return any((m.canonical or m.text) == key for m in index.before(lo, hi))


def _period(f: Found, periods: list[Period]) -> Period | None:
    """The period stated for ``f``: in its clause before it, else in its sentence."""
    cs, ce = f.clause
    q = f.q
    before = [p for p in periods if p.end <= q.start]
    in_clause = [p for p in before if p.start >= cs]
    if in_clause:
        return in_clause[-1]
    if before:
        return before[-1]
    after = [p for p in periods if q.end <= p.start and p.end <= ce]
    return after[0] if after else None


@register_component("numbers")
class NumberFinder:
    """Add ``observations``: numbers with units, what they measure and what about.

    Parameters
    ----------
    min_confidence : float, optional
        Observations below this confidence are not kept (default 0: keep all).

    Examples
    --------
    >>> from kg.extract.pipeline import COMPONENTS
    >>> comp = COMPONENTS.create("numbers", min_confidence=0.5)
    >>> comp.name, comp.requires, comp.provides
    ('numbers', ('mentions',), ('observations',))
    """

    requires = ("mentions",)
    provides = ("observations",)

    def __init__(self, *, min_confidence: float = 0.0) -> None:
        self.min_confidence = min_confidence

    def __call__(self, state: DocState) -> None:
        state.observations.extend(o for o in observations(state) if o.confidence >= self.min_confidence)
