"""Paragraph structure of a (messy, scanned) news article.

The original text is cut into lines; each line is classified as title, heading, body,
caption or credit, and lines of one sentence that the scan broke apart are rejoined.
The result is a list of :class:`Block` in the order of the normalised text: title,
headings and body in document order, then captions and credits. The lines are
:mod:`kg.text.lines`'; :mod:`kg.text.render` builds the normalised text from the blocks.

What the rules look for (all seen in the bundled corpus):

* **Broken lines.** A body line that does not end a sentence (``。！？；：”…``) continues
  on the next line: ``…中央后`` / ``委旧址…``. The break is dropped, so the sentence and
  the names in it are whole again.
* **Captions inside a broken sentence.** A photo caption often sits between the two
  halves: ``…保`` / ``智能煤矿在山西能源革命中`` / ``障优势…``. It is recognised because a
  word straddles the break around it (``保障``, see :mod:`kg.text.wordbreak`), because it
  matches a caption pattern, or because the page sets captions apart with a wider gap of
  blank lines than paragraphs (learnt per document, and only trusted when the document
  shows that style at least once unambiguously).
* **Captions and credits** by pattern (:mod:`kg.text.credits`): ``图①为…``, ``…摄``,
  ``本版图片…``, ``(…供稿)``, ``（据《山西日报》）``, ``■ 曹娜``; a credit in brackets at
  the end of a body line is split off as its own sentence (kept in place).
* **Headings**: short lines without sentence punctuation followed by body text (a chain
  of up to three, e.g. a headline and its sub-headline), lines in ``【】``, unless a word
  straddles the break after them (then they are a broken body line).
* **Title**: the first line that is not a caption, credit or ``【…】`` column tag.
* **Repeated paragraphs** are read once; later copies are skipped and recorded
  (:mod:`kg.text.repeats`).
* **Source** (first text credit) and **date** (a dateline or a line stating a date).

Examples
--------
>>> layout = analyse("吕梁新闻\\n\\n能源革命初见成效\\n\\n吕梁市推进能源革命，保\\n\\n障供应。\\n\\n（据《山西日报》）")
>>> [(b.kind, b.text) for b in layout.blocks]
[('title', '吕梁新闻'), ('heading', '能源革命初见成效'), ('body', '吕梁市推进能源革命，保障供应。'), ('credit', '（据《山西日报》）')]
>>> layout.source
'山西日报'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .credits import credited_source, dateline_date, line_kind, stated_date, trailing_credit
from .lines import Line, Part, needs_space, split_lines
from .repeats import find_repeats
from .wordbreak import straddles

__all__ = ["Block", "Layout", "analyse"]

_TERMINAL = frozenset("。！？!?；;：:…")
_CLOSED_QUOTES = frozenset("”’」』")
_CLOSERS = frozenset(")）】》]\"'")
_SENTENCE_PUNCT_RE = re.compile(r"[，,。；;！!？?]")
_TERMINAL_RE = re.compile(r"[。！？!?；;]")
_DANGLING = frozenset("、，,：:…—-")
# Particles and prepositions that end a broken line, never a heading ("…提供了", "…的").
_NO_FINAL = frozenset("的了和与及或在对把被从向而并且但着“‘「『（(《【")
_TAG_RE = re.compile(r"^【[^【】]{1,30}】$")


#: Longest line (in characters, whitespace excluded) that can be a heading.
MAX_HEADING = 40
#: Longest line that can be a headline.
MAX_TITLE = 60
#: Longest line that a wider gap can make a caption.
MAX_GAP_CAPTION = 60


@dataclass(slots=True)
class Block:
    """A paragraph of the normalised text: one or more (parts of) lines."""

    kind: str
    parts: list[Part] = field(default_factory=list)
    #: Whether the kind came from a caption/credit pattern (rather than position).
    pattern: bool = False
    #: Whether the block ends mid-sentence (may continue on a later line).
    open: bool = False

    @property
    def text(self) -> str:
        """Normalised text of the block (parts joined as :func:`~kg.text.render.render` joins them)."""
        out = []
        prev = None
        for p in self.parts:
            if prev is not None and prev.line is not p.line and needs_space(out[-1], p.line.text[p.lo:p.hi]):
                out.append(" ")
            out.append(p.line.text[p.lo:p.hi])
            prev = p
        return "".join(out)

    @property
    def tail(self) -> str:
        p = self.parts[-1]
        return p.line.text[p.lo:p.hi]


@dataclass(frozen=True, slots=True)
class Layout:
    """The structure of one document (see the module docstring)."""

    original: str
    blocks: tuple[Block, ...]
    source: str | None = None
    date: str | None = None
    repeated: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()


def _closed(key: str) -> bool:
    """Whether a line ends a sentence."""
    if not key:
        return True
    last = key[-1]
    if last in _TERMINAL or last in _CLOSED_QUOTES:
        return True
    i = len(key)
    while i > 0 and key[i - 1] in _CLOSERS:
        i -= 1
    return 0 < i < len(key) and key[i - 1] in _TERMINAL


def _heading_like(key: str) -> bool:
    return (0 < len(key) <= MAX_HEADING and not _SENTENCE_PUNCT_RE.search(key)
            and key[-1] not in _DANGLING and key[-1] not in _NO_FINAL)


def _headline_like(key: str) -> bool:
    return 0 < len(key) <= MAX_TITLE and not _TERMINAL_RE.search(key[:-1]) and key[-1] not in _DANGLING


def _typical_gap(lines: list[Line]) -> int:
    gaps = [line.gap for line in lines[1:]]
    if not gaps:
        return 0
    counts = Counter(gaps)
    mode = min(counts, key=lambda g: (-counts[g], g))
    wider = [g for g in gaps if g >= 1]
    if mode == 0 and len(wider) >= 0.15 * len(gaps):
        # Hard-wrapped text: single breaks are soft wraps, blank lines end paragraphs.
        wc = Counter(wider)
        mode = min(wc, key=lambda g: (-wc[g], g))
    return mode


class _Classifier:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.keys = [line.key for line in lines]
        self.kinds = [line_kind(line.text) for line in lines]
        self.typical = _typical_gap(lines)
        self.blocks: list[Block] = []
        self.style = self._caption_style()
        # Per line: whether real body text (a line with sentence punctuation) follows it,
        # and the next line that is not a caption/credit by pattern (one backward pass, so
        # looking ahead never costs more than constant time).
        self.body_after = [False] * len(lines)
        self._next: list[int | None] = [None] * len(lines)
        seen = False
        nxt = None
        for i in range(len(lines) - 1, -1, -1):
            self.body_after[i] = seen
            self._next[i] = nxt
            seen = seen or (self.kinds[i] is None and not _heading_like(self.keys[i]))
            if self.kinds[i] is None:
                nxt = i

    # -- features ----------------------------------------------------------------------
    def wide(self, i: int) -> bool:
        return i > 0 and self.lines[i].gap > self.typical

    def tight(self, i: int) -> bool:
        return i > 0 and self.lines[i].gap < self.typical

    def heading_like(self, i: int) -> bool:
        return self.kinds[i] is None and _heading_like(self.keys[i])

    def short(self, i: int) -> bool:
        key = self.keys[i]
        return len(key) <= MAX_GAP_CAPTION and len(_TERMINAL_RE.findall(key)) <= 2

    def gap_caption(self, i: int) -> bool:
        return self.style and self.wide(i) and self.short(i)

    def _caption_style(self) -> bool:
        """Does this document set captions apart with wider gaps? Needs clear cases."""
        short_sentences = 0
        for i in range(1, len(self.lines)):
            if not self.wide(i):
                continue
            key = self.keys[i]
            if self.kinds[i] is not None:
                return True
            if len(key) <= 40 and key[-1] == "。" and len(_TERMINAL_RE.findall(key)) == 1:
                short_sentences += 1  # weak evidence: a short paragraph may stand alone
                if short_sentences >= 2:
                    return True
                continue
            prev_broken = (self.kinds[i - 1] is None and not _closed(self.keys[i - 1])
                           and not _heading_like(self.keys[i - 1]))
            if prev_broken and self.short(i) and i + 1 < len(self.lines) \
                    and not self.heading_like(i + 1) and self.kinds[i + 1] is None:
                return True
        return False

    def next_content(self, i: int) -> int | None:
        """Index of the next line after ``i`` that is not a caption/credit by pattern."""
        return self._next[i]

    def heading_before_body(self, i: int) -> bool:
        """Whether line ``i`` (heading-like) starts a chain of ≤ 3 headings before body."""
        j = i
        for _ in range(3):
            j = self.next_content(j)
            if j is None:
                return False
            if not self.heading_like(j):
                return not self.gap_caption(j) and not _TAG_RE.match(self.keys[j])
        return False

    def broken_word_after(self, i: int) -> bool:
        """Whether a word straddles the break after line ``i`` (maybe across a caption)."""
        j = self.next_content(i)
        if j is None:
            return False
        if straddles(self.lines[i].text, self.lines[j].text):
            return True
        k = self.next_content(j) if self.heading_like(j) else None
        return k is not None and straddles(self.lines[i].text, self.lines[k].text)

    # -- blocks ------------------------------------------------------------------------
    def new_block(self, kind: str, i: int, *, pattern: bool = False) -> Block:
        block = Block(kind, pattern=pattern)
        self.blocks.append(block)
        self.add(block, i)
        return block

    def add(self, block: Block, i: int) -> None:
        line = self.lines[i]
        text = line.text
        cut = trailing_credit(text) if block.kind == "body" else None
        if cut is not None and text[:cut].strip():
            block.parts.append(Part(line, 0, cut, "body"))
            block.parts.append(Part(line, cut, len(text), "credit"))
            block.open = False
        else:
            block.parts.append(Part(line, 0, len(text), block.kind))
            block.open = not _closed(self.keys[i])

    def resumes(self, block: Block, i: int) -> bool:
        """Whether line ``i``, set apart like a caption, is the rest of the sentence a
        caption by pattern just interrupted (…馆长谢海燕介绍， / 图为… / 纪念馆去年接待…)."""
        tail = block.tail.rstrip()
        return (bool(tail) and tail[-1] in _DANGLING and self.kinds[i - 1] is not None
                and _SENTENCE_PUNCT_RE.search(self.keys[i]) is not None
                and not self.heading_like(i))

    def continuation(self, block: Block, i: int) -> str:
        """How line ``i`` relates to the open body ``block``: join, caption or new."""
        if self.tight(i) or straddles(block.tail, self.lines[i].text):
            return "join"
        if self.gap_caption(i):
            return "join" if self.resumes(block, i) else "caption"
        if self.heading_like(i):
            j = self.next_content(i)
            if j is not None and straddles(block.tail, self.lines[j].text):
                return "caption"  # it interrupts the two halves of a word
            if self.heading_before_body(i):
                return "new"
        return "join"

    def run(self) -> list[Block]:
        lines, kinds = self.lines, self.kinds
        have_title = False
        open_body: Block | None = None
        last: Block | None = None
        for i, line in enumerate(lines):
            kind = kinds[i]
            if kind is not None:
                if last is not None and last.pattern and last.kind == kind and last.open and self.tight(i):
                    self.add(last, i)
                else:
                    last = self.new_block(kind, i, pattern=True)
                continue
            if last is not None and last.pattern and last.open and self.tight(i):
                self.add(last, i)  # "本版图片由" / "摄影部提供"
                continue
            if _TAG_RE.match(self.keys[i]):
                last = self.new_block("heading", i)
                open_body = None
                continue
            if not have_title:
                have_title = True
                if _headline_like(self.keys[i]):
                    last = self.new_block("title", i)
                    open_body = None
                    continue
            if open_body is not None:
                how = self.continuation(open_body, i)
                if how == "join":
                    self.add(open_body, i)
                    last = open_body
                    if not open_body.open:
                        open_body = None
                    continue
                if how == "caption":
                    last = self.new_block("caption", i)
                    continue
                open_body = None
            if self.gap_caption(i) or (self.tight(i) and last is not None and last.kind == "caption"):
                last = self.new_block("caption", i)
                continue
            if self.tight(i) and last is not None and last.kind == "body":
                self.add(last, i)  # a soft-wrapped line of the same paragraph
                open_body = last if last.open else None
                continue
            if self.heading_like(i) and not self.body_after[i] and any(
                    b.kind == "body" for b in self.blocks):
                last = self.new_block("caption", i)  # page furniture after the article
                continue
            if self.heading_like(i) and self.heading_before_body(i) and not self.broken_word_after(i):
                last = self.new_block("heading", i)
                continue
            last = self.new_block("body", i)
            open_body = last if last.open else None
        return self.blocks


def analyse(original: str) -> Layout:
    """Analyse the layout of ``original`` (see the module docstring).

    Parameters
    ----------
    original : str
        The decoded document text.

    Returns
    -------
    Layout
        Blocks in normalised-text order, plus source, date and skipped repeats.

    Examples
    --------
    >>> text = "标题\\n\\n正文第一段，内容很长很长。\\n\\n图为吕梁山。\\n\\n正文第一段，内容很长很长。"
    >>> layout = analyse(text)
    >>> [b.kind for b in layout.blocks], layout.repeated
    (['title', 'body', 'caption'], ((27, 40),))
    """
    all_lines = split_lines(original)
    repeats = find_repeats([line.key for line in all_lines])
    lines = [line for line, r in zip(all_lines, repeats) if r is None]
    repeated = tuple((line.start, line.end) for line, r in zip(all_lines, repeats) if r is not None)
    lines = [Line(i, l.start, l.end, l.gap, l.norm, l.break_before, l.break_after)
             for i, l in enumerate(lines)]
    blocks = _Classifier(lines).run()
    ordered = [b for b in blocks if b.kind not in ("caption", "credit")]
    ordered += [b for b in blocks if b.kind in ("caption", "credit")]
    notes = []
    if repeated:
        notes.append(f"skipped {len(repeated)} repeated paragraph(s)")
    return Layout(original, tuple(ordered), _source(blocks), _date(blocks), repeated, tuple(notes))


def _source(blocks: list[Block]) -> str | None:
    for block in blocks:  # document order
        for part in block.parts:
            if part.kind == "credit":
                found = credited_source(part.line.text[part.lo:part.hi])
                if found:
                    return found
    return None


def _date(blocks: list[Block]) -> str | None:
    body_seen = 0
    for block in sorted(blocks, key=lambda b: b.parts[0].line.start):
        if block.kind == "body":
            body_seen += 1
            if body_seen <= 5:
                found = dateline_date(block.text)
                if found:
                    return found
            if len(block.text) > 30:
                continue
        for part in block.parts:
            found = stated_date(part.line.text[part.lo:part.hi])
            if found:
                return found
    return None
