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
  ``sentence-subject``
      the subject of an earlier clause of the sentence (a mention that opens it);
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

import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract.pipeline import DocState, register_component
from kg.extract.periods import Period, find_periods
from kg.extract.quantities import Quantity, find_quantities
from kg.extract.tokens import tokenize
from kg.extract.wordlists import title_table
from kg.records import Mention, Observation

__all__ = ["NumberFinder", "SUBJECT_CORES", "observations"]

#: Core classes a numeric fact can be about.
SUBJECT_CORES = frozenset({"Program", "Project", "Institution", "Place", "Event", "Memorial"})

_CLAUSE_END = frozenset("，,；;：:。！？!?")
# Where the words naming a measure stop, looking left from the number.
_MEASURE_STOP = frozenset("，,；;：:。！？!?、")
# Where the counted noun stops, looking right from the unit.
_NOUN_STOP = frozenset("，,；;：:。！？!?、（(的 ")
_PARENS = re.compile(r"[（(][^（()）]*[)）]")
_EDGE_PUNCT = "“”‘’《》「」『』()（）—…·-~ "
# A preposition right before a mention makes it a place or party, not the subject.
_OBLIQUE = frozenset("在向赴从与同对往自于给至到")
# Words that put a number on the document's main place (a city): 全市, 我市.
_REGION_WORDS = ("全市", "我市", "本市", "市级", "全市上下")
# What may stand between a clause start and its subject (besides a period): 同时, 此外.
_SUBJECT_LEAD = frozenset({"", "同时", "此外", "另外", "其中", "据了解", "据介绍", "数据显示",
                           "特别是", "为此", "而且", "并且", "当前", "目前", "如今", "现在",
                           "这个", "该", "这一", "此", "这"})
_PRONOUNS = ("她", "他")

_LEAD_STOP = frozenset({
    "其中", "共有", "共计", "总计", "合计", "共", "有", "完成", "全市", "全县", "全区", "全省",
    "全国", "对", "在", "将", "已", "已经", "目前", "现", "现有", "并", "和", "及", "与", "还",
    "也", "都", "均", "先后", "分别", "达", "为", "等", "等地", "地", "则", "又", "再", "就",
    "同时", "此外", "其", "另", "另有", "以及", "而", "且", "并且", "上", "中", "了", "的",
    "她", "他", "她们", "他们", "该", "这", "这个", "此", "由", "以", "把", "被", "从", "向",
})
_TRAIL_STOP = frozenset({
    "达到", "达", "为", "是", "约", "近", "超", "超过", "共", "共计", "总计", "合计", "计",
    "完成", "降至", "降到", "降", "增至", "增加到", "提高到", "提升至", "提升到", "上升到",
    "上升至", "突破", "至", "到", "了", "有", "约为", "分别", "分别为", "预计", "预计为",
    "高达", "仅", "仅为", "已", "已达", "已有", "就", "达到了", "累计达", "总数", "共有",
    "约有", "多达", "逾", "超出", "在", "于", "的", "着", "过",
})
# Words of effort that open many clauses (加快推进, 狠抓) and vague amounts (一批): not
# part of what is measured.
_EFFORT = frozenset({"加快", "推进", "加快推进", "大力", "积极", "狠抓", "全力", "持续", "着力",
                     "深入", "扎实", "稳步", "努力", "不断", "进一步", "切实", "全面", "重点",
                     "坚持", "继续", "坚决", "大力实施", "积极推进", "稳步推进", "强力", "统筹"})
_VAGUE = frozenset({"一批", "一些", "一系列", "多个", "一大批", "若干", "部分"})
_ADVERBS = frozenset({"全部", "均", "都", "已", "已经", "共", "全", "分别", "先后", "全面",
                      "基本", "顺利", "相继", "陆续", "正", "将", "还", "也", "再"})
_CHANGE = re.compile(r"^(?:同比|环比|较上年|比上年|较去年|比去年|较上年同期|比上年同期)?"
                     r"(?:增长|下降|增加|减少|提高|降低|上涨|下滑|回落|上升|增幅|降幅|增速)$")
_PEOPLE_NOUNS = ("贫困人口", "人口", "贫困劳动力", "劳动力", "群众", "农民", "居民", "人才",
                 "学生", "职工", "员工", "干部", "党员", "患者", "游客", "人员", "村民", "师生")
_DURATION_MEASURE = re.compile(r"(期|时间|周期|时长|工期|年限|寿命|天数|时数)$")
_NOUN_TAGS = ("n", "nz", "ns", "nt", "ng", "nrt", "j", "l", "eng", "oov")
_MODIFIER_TAGS = ("a", "an", "b", "vn", "nr", "f", "s", "z", "v")
_PEOPLE_UNITS = frozenset({"人", "名", "户", "人次", "位"})


@dataclass(slots=True)
class _Found:
    q: Quantity
    sentence: int
    clause: tuple[int, int]
    measure: str = ""
    measure_from: str = ""  # "left", "right", "shared", "change"
    unit: str = ""
    noun: str = ""  # the counted noun right after the unit (2座智能化煤矿 → 智能化煤矿)
    drop: bool = False


def _has_han(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def _strip_words(s: str) -> str:
    """Drop filler words at both ends of a measure (word by word, with jieba)."""
    s = s.strip(_EDGE_PUNCT)
    if not s:
        return ""
    words = [t.word for t in tokenize(s) if t.word not in _VAGUE]
    while words and (words[0] in _LEAD_STOP or words[0] in _EFFORT or not _has_han(words[0])):
        words.pop(0)
    while words and (words[-1] in _TRAIL_STOP or not _has_han(words[-1])):
        words.pop()
    while words and sum(map(len, words)) > 14:
        words.pop(0)
    out = "".join(words).strip(_EDGE_PUNCT)
    # Unbalanced quotes left by the cut.
    if out.count("“") != out.count("”"):
        out = out.replace("“", "").replace("”", "")
    return out if _has_han(out) else ""


def _counted_noun(text: str, start: int) -> tuple[str, str]:
    """The phrase right after a unit: ``("np", noun)`` or ``("vp", verb phrase)``."""
    end = start
    limit = min(len(text), start + 14)
    while end < limit and text[end] not in _NOUN_STOP and not text[end].isdigit():
        end += 1
    if end == start:
        return "", ""
    toks = tokenize(text[start:end])
    i = 0
    while i < len(toks) and toks[i].word in _ADVERBS:
        i += 1
    toks = toks[i:]
    if not toks:
        return "", ""
    first = toks[0]
    second = toks[1].tag if len(toks) > 1 else ""
    if first.tag in ("d", "p", "c", "u", "uj", "ul"):
        return "", ""
    if first.tag == "v" and second not in _NOUN_TAGS:
        # 11.26万人全部搬迁安置到位: what the people did (not 知名高校, a modified noun)
        return "vp", "".join(t.word for t in toks)[:8]
    words: list[tuple[str, str]] = []
    noun_seen = False
    for t in toks:
        if t.word in _ADVERBS:
            break
        is_quote = t.word in ("“", "”")
        if t.tag in _NOUN_TAGS:
            noun_seen = True
        elif is_quote or t.tag in _MODIFIER_TAGS:
            if t.tag == "v" and noun_seen:
                break
        else:
            break
        words.append((t.word, t.tag))
    while words and words[-1][1] not in _NOUN_TAGS and words[-1][0] != "”":
        words.pop()
    np = "".join(w for w, _ in words)
    if np.count("“") != np.count("”"):
        np = np.replace("“", "").replace("”", "")
    return ("np", np) if _has_han(np) else ("", "")


class _Index:
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

    def starting_at(self, pos: int) -> list[Mention]:
        a, b = bisect_left(self.starts, pos), bisect_right(self.starts, pos)
        return self.by_start[a:b]


@dataclass(slots=True)
class _Ctx:
    index: _Index
    periods: list[Period]
    p_starts: list[int]
    q_ends: frozenset[int]
    q_starts: frozenset[int]
    main: Mention | None
    main_is_city: bool

    def periods_in(self, lo: int, hi: int) -> list[Period]:
        a, b = bisect_left(self.p_starts, lo), bisect_left(self.p_starts, hi)
        return [p for p in self.periods[a:b] if p.end <= hi]


def _contains(m: Mention, q: Quantity) -> bool:
    return m.start < q.end and q.start < m.end


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
    while a > s_start and text[a - 1] not in _CLAUSE_END and pos - a < span:
        a -= 1
    b = pos
    while b < s_end and text[b] not in _CLAUSE_END and b - pos < span:
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
    index = _Index(state.mentions)
    quantities = find_quantities(text)
    periods = find_periods(text, doc.date)
    p_starts = [p.start for p in periods]
    q_starts = [q.start for q in quantities]
    para_start: dict[int, int] = {}
    for s in doc.sentences:
        para_start.setdefault(s.paragraph, s.start)
        para_start[s.paragraph] = min(para_start[s.paragraph], s.start)
    main = _main_place(state.mentions)
    ctx = _Ctx(index, periods, p_starts, frozenset(q.end for q in quantities),
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
        found = [_Found(q, si, _clause(text, sent.start, sent.end, q.start))
                 for q in quantities[a:b] if q.end <= sent.end]
        if not found:
            continue
        pa, pb = bisect_left(p_starts, sent.start), bisect_left(p_starts, sent.end)
        sent_periods = [p for p in periods[pa:pb] if p.end <= sent.end]
        _measures(text, found, sent_periods, index)
        for f in found:
            if f.drop or not f.measure or not f.unit:
                continue
            about, rule, conf = _about(text, f, ctx, sent.start, para_lo, topic_lo)
            if about is None:
                continue
            if section is not None and (about.canonical or about.text) == main_key:
                # Under a heading that names a program (“吕梁山护工”响当当), the region's
                # figures are the program's: 吕梁市共举办34期培训班 → 吕梁山护工.
                about, rule, conf = section, "section-topic", 0.55
            period = _period(f, sent_periods)
            if f.measure_from in ("right", "shared"):
                conf -= 0.05
            if f.unit != f.q.base_unit:
                conf -= 0.1
            out.append(Observation(
                about=about, measure=f.measure, value=f.q.value, unit=f.unit, raw=f.q.raw,
                start=f.q.start, end=f.q.end, sentence=si, rule=f"numbers:{rule}",
                period=period.raw if period else None,
                period_start=period.period_start if period else None,
                period_end=period.period_end if period else None,
                confidence=round(conf, 2), value_max=f.q.value_max))
    return out


def _measures(text: str, found: list[_Found], periods: list[Period], index: _Index) -> None:
    """Fill ``measure`` and ``unit`` of the quantities of one sentence."""
    prev: _Found | None = None
    last_measure = ""  # the last non-change measure in the sentence
    for f in found:
        q = f.q
        cs, _ = f.clause
        lo = cs
        same_clause_prev = prev if prev is not None and prev.clause == f.clause else None
        after_count = False
        if same_clause_prev is not None:
            lo = max(lo, same_clause_prev.q.end)
            after_count = same_clause_prev.q.kind == "count"
        for p in periods:
            if lo <= p.end <= q.start:
                lo = max(lo, p.end)
        last = next(index.before(lo, q.start), None)
        if last is not None and last.end == q.start and last.core in ("Program", "Project"):
            # 完成退耕还林82万亩: the program right before the number is what is measured.
            lo = last.start
        elif last is not None:
            lo = last.end
        window = _PARENS.sub("", text[lo:q.start])
        cut = max((window.rfind(ch) for ch in _MEASURE_STOP), default=-1)
        window = window[cut + 1:]
        conj = window.rfind("以及")
        if conj >= 0:
            window = window[conj + 2:]  # 智能矿山建设以及2座智能化煤矿
        if after_count and cut < 0 and same_clause_prev.q.end == lo and same_clause_prev.noun:
            # 11个省份22个城市, 45个市县的2小时: the words first are the noun counted before
            if window.startswith(same_clause_prev.noun):
                window = window[len(same_clause_prev.noun):].lstrip("的")
        if "的" in window:
            head, _, tail = window.rpartition("的")
            window = tail if _strip_words(tail) else head
        left = _strip_words(window)
        kind, right = _counted_noun(text, q.end)
        if kind == "np":
            f.noun = right
        unit = q.base_unit
        measure, source = left, "left"
        if q.kind == "count":
            if kind == "np" and right and not right.startswith(left or "\0"):
                measure, source = (left + right, "left") if left else (right + "数量", "right")
            elif not left and kind == "vp" and q.base_unit in _PEOPLE_UNITS:
                measure, source = right, "right"
        elif q.kind == "number":
            # A bare multiple: a people count when the words say so (总人口达385万,
            # 带动1.47万贫困劳动力), else not a quantity.
            if kind == "np" and right.startswith(_PEOPLE_NOUNS):
                unit = "人"
                measure, source = (left + right, "left") if left else (right + "数量", "right")
            elif left.endswith(("人口", "人数")):
                unit = "人"
            else:
                measure = ""
        elif not left and kind == "np" and q.kind in ("area", "mass", "volume", "power", "money"):
            measure, source = right, "right"
        if not measure and same_clause_prev is not None and same_clause_prev.measure:
            gap = text[same_clause_prev.q.end:q.start]
            if gap in ("", "、", "和", "及", "或"):
                measure, source = same_clause_prev.measure, "shared"
        if measure and _CHANGE.match(measure) and last_measure:
            measure, source = last_measure + measure, "change"
        f.measure, f.measure_from, f.unit = measure, source, unit
        if q.chinese and q.value < 10 and not q.approx:
            f.drop = True  # 三个一批, 两名, 四届: slogans and narration
        elif q.kind == "duration" and not _DURATION_MEASURE.search(measure):
            f.drop = True
        elif q.kind == "age" and not measure.endswith("年龄"):
            f.drop = True
        if measure and not _CHANGE.match(measure) and source != "change":
            last_measure = measure
        prev = f
    # A quantity with no words of its own shares those of the one it is written next to
    # (3.74万户11.26万人全部搬迁安置到位).
    for f, g in zip(found, found[1:]):
        if not f.measure and f.unit and g.measure and g.clause == f.clause and f.q.end == g.q.start:
            f.measure, f.measure_from = g.measure, "shared"


def _list_gap(text: str, lo: int, hi: int, index: _Index) -> bool:
    """Whether ``text[lo:hi]`` is only list glue and mentions (、山东等): an enumeration."""
    covered = bytearray(hi - lo)
    for m in index.before(lo, hi):
        covered[m.start - lo:m.end - lo] = b"\x01" * (m.end - m.start)
    rest = "".join(ch for i, ch in enumerate(text[lo:hi]) if not covered[i])
    return rest.endswith("等") and all(ch in "、，,和及与等“”" for ch in rest)


def _usable(text: str, m: Mention, q: Quantity, lo: int, ctx: _Ctx) -> bool:
    """Whether ``m`` can be the subject of a number after it (see :func:`_about`)."""
    if m.core not in SUBJECT_CORES or _contains(m, q):
        return False
    if text[m.start - 1:m.start] in _OBLIQUE and m.start - 1 >= lo:
        return False  # 在太原举办, 与山西省农行合作: a place or a party, not the subject
    if text[m.end:m.end + 1] in ("、", "等"):
        return False  # 北京、山东等11个省份: a member of a list, not the subject
    if m.core in ("Program", "Project") and m.end in ctx.q_starts:
        return False  # 完成退耕还林82万亩: the activity measured, not the subject
    if m.core == "Institution" and _title_at(text, m.end):
        return False  # 吕梁市委书记孙大军: the person is the subject
    pos = m.start
    while pos > lo and text[pos - 1] in "“‘":
        pos -= 1
    if pos in ctx.q_ends:
        return False  # 2座智能化煤矿: what a number counts
    return True


@functools.cache
def _titles_by_first() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for t in title_table():
        out.setdefault(t[0], []).append(t)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _title_at(text: str, pos: int) -> bool:
    """Whether a person's title (书记, 市长, 局长…) starts at ``pos``."""
    first = text[pos:pos + 1]
    return any(text.startswith(t, pos) for t in _titles_by_first().get(first, ()))


def _enumerated(text: str, m: Mention, ctx: _Ctx, span: int = 60) -> bool:
    """Whether ``m`` opens a list closed by 等 and a number (山西春德…等33个项目)."""
    end = min(len(text), m.end + span)
    pos = text.find("等", m.end, end)
    while pos >= 0:
        if any(ch in _CLAUSE_END for ch in text[m.end:pos]):
            return False
        if pos + 1 in ctx.q_starts:
            return True
        pos = text.find("等", pos + 1, end)
    return False


def _subject_position(text: str, m: Mention, ctx: _Ctx, sent_lo: int, *, modified: bool = True) -> bool:
    """Whether ``m`` opens its clause (after a period word or a connective; with
    ``modified``, also after a modifier with 的)."""
    cs = m.start
    while cs > sent_lo and text[cs - 1] not in _CLAUSE_END and m.start - cs < 40:
        cs -= 1
    lead = text[cs:m.start]
    for p in ctx.periods_in(cs, m.start):
        lead = lead.replace(p.raw, "")
    # 位于县城以南的…产业园, 总投资25亿元的…项目, 与于都相邻的兴国县: a modifier with 的 before
    # the subject still leaves it the subject.
    return lead in _SUBJECT_LEAD or (modified and _MODIFIED_SUBJECT.fullmatch(lead) is not None)


_MODIFIED_SUBJECT = re.compile(r"(?![在对把从向给为])[^，。；、]{1,16}的[“「]?")
_EVENT_ANAPHORA = ("此次", "本次", "这次", "本届", "开幕式上", "闭幕式上", "会上", "会议期间", "展会期间",
                   "活动期间", "现场")
_FRAME_END = re.compile(r"[”」]?(?:上|期间|中|现场|会上)[，,]")


def _event_frame(text: str, sent_lo: int, hi: int, index: _Index) -> Mention | None:
    """在开工仪式上，吕梁市签约…42个: the event a sentence opens with frames its figures
    (what a place did there is the event's outcome)."""
    pos = text.find("在", sent_lo, hi)
    while 0 <= pos < hi and pos - sent_lo <= 16:
        for m in index.starting_at(pos + 1):
            if m.core == "Event" and not m.nested and m.end < hi \
                    and _FRAME_END.match(text, m.end):
                return m
        pos = text.find("在", pos + 1, hi)
    return None


def _about(text: str, f: _Found, ctx: _Ctx, sent_lo: int, para_lo: int,
           topic_lo: int) -> tuple[Mention | None, str, float]:
    """The mention ``f`` is about, the rule that chose it and a confidence.

    What the clause itself says comes first: the program its people take part in, a
    demonstrative (该项目, 这个平台, 全矿) standing for a name said before, then the
    grammatical subject (:func:`_about_clause`). When that subject is only a place acting
    as the doer (吕梁持续实施新型职业农民培育工程，…培训农民4940人) and the sentence, or the
    sentence before, is about a program the place carries out, the figure is the program's.
    """
    cs, _ = f.clause
    program = _taken_part_in(text, f, ctx)
    if program is not None:
        return program, "takes-part", 0.65
    anaphor = _anaphor(text, cs, f.q.start, ctx, topic_lo)
    if anaphor is not None:
        return anaphor, "anaphor", 0.65
    m, rule, conf = _about_clause(text, f, ctx, sent_lo, para_lo)
    if m is not None and m.text in _ANAPHOR_CORE:
        # A bare head word taken for a name (研究院依托…建设): the name it stands for.
        named = next((x for x in ctx.index.before(topic_lo, m.start)
                      if x.text.endswith(m.text) and x.length > m.length), None)
        if named is not None:
            return named, "anaphor", 0.6
    if m is not None and m.core == "Place" and rule in _DOER_RULES:
        level = _anaphor(text, sent_lo, f.q.start, ctx, topic_lo, levels=True)
        if level is not None:
            return level, "level-word", 0.65
    if m is None or m.core not in ("Place", "Institution") or rule not in _DOER_RULES:
        return m, rule, conf
    if any(w in text[cs:f.q.start] for w in _REGION_WORDS) or _PLACE_MEASURE.search(f.measure):
        # 全市林草覆盖率, 地区生产总值: the clause names the place, or measures what only a
        # place has.
        return m, rule, conf
    if rule != "clause-subject":
        # The clause has no subject of its own: a demonstrative earlier in the sentence
        # (全矿减员153人，吨煤成本降低了15元).
        anaphor = _anaphor(text, sent_lo, cs, ctx, topic_lo)
        if anaphor is not None:
            return anaphor, "anaphor", 0.6
    # Only the sentence's own program: across sentences a place's figures are as often its
    # own (地区生产总值) as the program's.
    measured = any(x.core == "Program" for x in ctx.index.before(cs, f.q.start))
    topic = None if measured else _program_topic(text, ctx, sent_lo, cs)
    if (topic is None and not measured and topic_lo < para_lo == sent_lo
            and text[:sent_lo].rstrip()[-1:] in "。！？!?”"):
        # A paragraph that opens with figures (截至目前，吕梁共培训5.83万人) reports on the
        # program the paragraph before was about (unless that one broke off mid-sentence:
        # then this is its continuation, not a new report).
        topic = _program_topic(text, ctx, topic_lo, sent_lo, built=False)
    if topic is not None:
        return topic, "program-topic", 0.6
    return m, rule, conf


# Rules that choose a place as the one doing what the clause says (not one it describes).
_DOER_RULES = frozenset({"clause-subject", "sentence-subject", "region-word", "paragraph-topic",
                         "document-place"})
# What a region's statistics measure (the economy, population, land and budget of a place).
_PLACE_MEASURE = re.compile(r"生产总值|GDP|增加值|人口|面积|覆盖率|财政|税收|预算|固定资产投资|社会消费品零售|"
                            r"居民人均|城镇化率|森林|耕地")
_BUILT = re.compile(r"(?:共建|建设|建成|成立|组建|设立|打造|新建)(?:了)?[“「]?$")
# Verbs by which a place carries out a program (吕梁深入实施…工程, 设立…的“乡村振兴贷”).
_CARRY_OUT = re.compile(r"(?:实施|推进|开展|设立|启动|推行|落实|打造|创建|推广|建立|深化|把)")
# 9.96万名贫困人口享受“三保险三救助”政策; 对791个贫困自然村实施易地扶贫搬迁.
_TAKE_PART = re.compile(r"[^，,；;。！？:：]{0,12}?(享受|参加|参与|加入|纳入|受益于|实施|开展)[“「《]?")
_CARRY_OUT_ON = frozenset({"实施", "开展"})
# A demonstrative and the kind of thing it stands for: 该项目, 这个城市综合服务平台, 全矿.
_ANAPHOR = re.compile(
    r"(?:该|此|这个|这一|这座|这家|这项|这条|本|全|我们的|我们|)([\u4e00-\u9fff]{0,6}?)"
    r"(项目|工程|平台|系统|基地|园区|电站|公司|企业|集团|学校|大学|医院|协会|合作社|会议|大会|论坛|"
    r"活动|博览会|纪念馆|旧址|政策|品牌|计划|煤矿|矿|厂|景区|新区|开发区|研究院|研究所|县|市|区)")
_ANAPHOR_CORE = {"项目": "Project", "工程": "Project", "平台": "Project", "系统": "Project",
                 "基地": "Project", "园区": "Place", "电站": "Project", "公司": "Institution",
                 "企业": "Institution", "集团": "Institution", "学校": "Institution",
                 "大学": "Institution", "医院": "Institution", "协会": "Institution",
                 "合作社": "Institution", "会议": "Event", "大会": "Event", "论坛": "Event",
                 "活动": "Event", "博览会": "Event", "纪念馆": "Memorial", "旧址": "Memorial",
                 "政策": "Program", "品牌": "Program", "计划": "Program", "煤矿": "Project",
                 "矿": "Project", "厂": "Project", "景区": "Place", "新区": "Place",
                 "开发区": "Place", "研究院": "Institution", "研究所": "Institution",
                 "县": "Place", "市": "Place", "区": "Place"}
# 全县, 全市, 全区: the division of that level the text is about, not the document's city.
_LEVEL_CLASSES = {"县": ("County",), "市": ("City", "CountyLevelCity"), "区": ("District", "DevelopmentZone")}
# 全 before these is the region word of the document's place (全市), not an anaphor.
_NOT_ANAPHOR = re.compile(r"(?:此外|本身|全面|全力|全国|全省|本地|本土)")


def _anaphor(text: str, lo: int, hi: int, ctx: _Ctx, topic_lo: int, *,
             levels: bool = False) -> Mention | None:
    """The name a demonstrative in ``text[lo:hi]`` stands for: the nearest earlier mention
    (since ``topic_lo``) whose name ends with the same head noun, else of the same kind.

    Examples
    --------
    >>> from kg.text import read_text
    >>> from kg.extract.pipeline import Pipeline
    >>> doc = read_text("标题\\n\\n2月23日，晋源区光伏发电项目正式开工。该项目总投资12亿元。", doc_id="d")
    >>> state = Pipeline(["lexicon", "grammar", "select", "numbers"])(doc)
    >>> [(o.about.text, o.value, o.rule) for o in state.observations]
    [('晋源区光伏发电项目', Decimal('1200000000'), 'numbers:anaphor')]
    """
    for mt in _ANAPHOR.finditer(text, lo, hi):
        if _NOT_ANAPHOR.match(text, mt.start()):
            continue
        head, lead = mt.group(2), text[mt.start():mt.start(1)]
        if head in _LEVEL_CLASSES:
            # 全县茶园面积60万亩: the county named before, not the document's city (asked for
            # only where a place would be the subject anyway: an event's frame comes first).
            if not levels or lead != "全" or mt.group(1) or (head == "市" and ctx.main_is_city):
                continue  # (全市 in a city's news: the region-word rule)
            same = next((m for m in ctx.index.before(topic_lo, mt.start()) if m.core == "Place"
                         and m.cls in _LEVEL_CLASSES[head] and m.end <= mt.start()), None)
            if same is not None:
                return same
            continue
        if levels or (lead == "全" and head not in ("矿", "煤矿", "厂", "园区", "景区")):
            continue
        if lead == "" and (mt.group(1) or not _bare_subject(text, mt.start(), mt.end())):
            continue  # a bare head noun only as the subject opening its clause (研究院依托…)
        if any(m.start <= mt.start() < m.end for m in ctx.index.before(max(0, mt.start() - 40), mt.end())):
            continue  # inside a name
        core = _ANAPHOR_CORE[head]
        earlier = [m for m in ctx.index.before(topic_lo, mt.start())
                   if m.core in SUBJECT_CORES and m.end <= mt.start()]
        same = next((m for m in earlier if m.text.endswith(head)), None)
        if same is None and lead != "":
            same = next((m for m in earlier if m.core == core), None)
        if same is not None:
            return same
    return None


def _bare_subject(text: str, start: int, end: int) -> bool:
    """Whether a head noun at ``start`` opens its clause (after a period word at most)."""
    k = start
    while k > 0 and text[k - 1] not in _CLAUSE_END and start - k <= 6:
        k -= 1
    return (k == 0 or text[k - 1] in _CLAUSE_END) and not any(ch.isdigit() for ch in text[end:end + 1]) \
        and text[k:start] in ("", "目前", "今年", "同时", "此外", "其中", "去年")


def _taken_part_in(text: str, f: _Found, ctx: _Ctx) -> Mention | None:
    """The program the people or places counted by ``f`` take part in, benefit from or
    have carried out on them (9.96万名贫困人口享受“三保险三救助”政策)."""
    q = f.q
    if q.kind not in ("count", "number"):
        return None
    _, ce = f.clause
    mt = _TAKE_PART.match(text, q.end, ce)
    if mt is None:
        return None
    if mt.group(1) in _CARRY_OUT_ON and text[q.start - 1:q.start] != "对":
        return None  # 完成3个项目，开展…: only 对N个X实施Y puts the number on Y's side
    return next((m for m in ctx.index.starting_at(mt.end())
                 if m.core == "Program" and not m.nested), None)


def _program_topic(text: str, ctx: _Ctx, lo: int, hi: int, *, built: bool = True) -> Mention | None:
    """The last program in ``text[lo:hi]`` that a clause is about: carried out by the
    subject (实施…工程, 设立…的“乡村振兴贷”) or itself the subject (《吕梁山护工》劳务品牌叫响全国)."""
    for m in ctx.index.before(lo, hi):
        after = m.end + (1 if text[m.end:m.end + 1] in "”’」》" else 0)
        if m.core != "Program" or text[after:after + 1] in ("、", "等", "“") or after in ctx.q_starts:
            continue  # a list member, or the activity a number measures (退耕还林236万亩)
        cs = m.start
        while cs > lo and text[cs - 1] not in _CLAUSE_END and m.start - cs < 40:
            cs -= 1
        lead = text[cs:m.start]
        if _CARRY_OUT.search(lead) or lead.strip("“《「") in _SUBJECT_LEAD:
            return m
    # 签约共建台州氢能研究院，首期投入科研经费5000万元: what the sentence has the subject
    # found or build is what its later figures are about.
    for m in ctx.index.before(lo, hi) if built else ():
        if m.core in ("Project", "Institution") or m.cls in ("DevelopmentZone", "ScenicArea"):
            if _BUILT.search(text, max(lo, m.start - 4), m.start):
                return m
    return None


def _about_clause(text: str, f: _Found, ctx: _Ctx, sent_lo: int, para_lo: int) -> tuple[Mention | None, str, float]:
    """The subject the clause of ``f`` names (or the nearest that the text names before it)."""
    q = f.q
    cs, ce = f.clause
    index = ctx.index
    pos = q.end
    while pos < ce and pos - q.end < 2 and text[pos] in "的“":
        pos += 1
    for m in index.starting_at(pos):
        if m.nested or _contains(m, q) or m.core not in SUBJECT_CORES:
            continue
        # 日处理能力1000吨的垃圾焚烧发电厂, 总规模20亿元的“乡村振兴贷”: the number
        # qualifies the thing named right after it.
        if q.kind != "count" and (pos > q.end or m.core == "Project"):
            return m, "modifies", 0.7
        # 3.8万多名“吕梁山护工”: a count of a program's people or sites, when the name
        # ends the phrase (not 36个“两高”项目, a count of projects).
        after = m.end + (1 if text[m.end:m.end + 1] in "”’" else 0)
        # 挂牌14个“吕梁青少年党史研学基地”: the same for projects and memorials, named in quotes.
        named = m.core == "Program" or (m.core in ("Project", "Memorial") and text[m.start - 1:m.start] == "“")
        if q.kind == "count" and named and (after >= ce or text[after] in _CLAUSE_END):
            return m, "counted", 0.65
    clause_text = text[cs:q.start]
    # The frame lasts to the full stop: 开工一批项目34个 after a semicolon is still framed.
    frame = _event_frame(text, max(para_lo, text.rfind("。", para_lo, q.start) + 1), q.start, index)
    if frame is None and any(w in text[sent_lo:q.start] for w in _EVENT_ANAPHORA):
        # 此次集中开工的项目共15个: "this" event, the last one the paragraph named.
        frame = next((m for m in index.before(para_lo, sent_lo) if m.core == "Event"), None)
    if frame is None:
        # 中博会期间吕梁全市签约项目112个: what happened during an event is its outcome.
        frame = next((m for m in index.before(sent_lo, q.start)
                      if m.core == "Event" and text.startswith("期间", m.end)), None)
    for m in index.before(cs, q.start):
        if not _usable(text, m, q, cs, ctx):
            continue
        if _list_gap(text, m.end, q.start, index):
            continue  # 北京、山东等11个省份: members of a list, not the subject
        gap = text[m.end:q.start]
        if ("、" in gap or "等" in gap) and not _subject_position(text, m, ctx, cs):
            continue  # 红色教育、黄河文化、…6条路线, …清华大学等院校90名: inside a list
        if frame is not None and m.core == "Place":
            return frame, "event-frame", 0.7
        return m, "clause-subject", 0.75
    if frame is not None:
        return frame, "event-frame", 0.65
    if any(p in clause_text for p in _PRONOUNS):
        for m in index.before(para_lo, q.start):
            if m.core == "Person":
                return m, "pronoun", 0.6
    if ctx.main is not None and ctx.main_is_city and any(w in clause_text for w in _REGION_WORDS):
        return ctx.main, "region-word", 0.65
    # The subject of an earlier clause of the sentence (吕梁市签约一批项目42个，总投资额…).
    for m in index.before(sent_lo, cs):
        if (_usable(text, m, q, sent_lo, ctx) and _subject_position(text, m, ctx, sent_lo)
                and not _enumerated(text, m, ctx)):
            return m, "sentence-subject", 0.65
    if ctx.main is not None and ctx.main_is_city and any(w in text[sent_lo:q.start] for w in _REGION_WORDS):
        return ctx.main, "region-word", 0.6
    for m in index.before(para_lo, sent_lo):
        if m.confidence < 0.65 or not _usable(text, m, q, para_lo, ctx):
            continue
        # Across sentences only a plain subject sets the topic (特别是倾力打造的“吕梁山护工”品牌
        # is praised in passing; the paragraph's figures are the training campaign's).
        if _subject_position(text, m, ctx, para_lo, modified=False) and not _enumerated(text, m, ctx):
            return m, "paragraph-topic", 0.55
    if ctx.main is not None:
        return ctx.main, "document-place", 0.45
    return None, "", 0.0


def _period(f: _Found, periods: list[Period]) -> Period | None:
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
