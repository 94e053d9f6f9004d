"""Split normalised text into sentences.

A sentence ends after ``。！？!?`` or a semicolon (``；;``: long enumerations in this genre
are chained with semicolons, and a clause is a better unit for relation extraction than
a whole paragraph), together with any closing quotes or brackets that follow
(``…高效。”`` stays one sentence), and at every line end. Surrounding whitespace is not
part of a sentence; a piece that is only punctuation is attached to the sentence before
it, so there are no empty or punctuation-only sentences.

A "sentence" longer than :data:`MAX_SENTENCE` characters is not one (a page saved without
line breaks or punctuation, a data dump): it is cut after its last comma, enumeration
comma, colon or space within the limit, or at the limit when there is none. The longest
sentence of the bundled and shared corpora has 188 characters; without the cap, a 1 MB
line without punctuation went to the statistical tagger as one sequence (8 GB of memory).

Examples
--------
>>> text = "“群众反映的问题，能解决的要立即解决。”吕梁市委书记说；要下大力气。"
>>> [text[s.start:s.end] for s in split_sentences(text)]
['“群众反映的问题，能解决的要立即解决。”', '吕梁市委书记说；', '要下大力气。']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .document import Sentence

__all__ = ["split_sentences", "split_runs", "MAX_SENTENCE"]

#: Longest sentence, in characters; longer runs are cut (see the module docstring).
MAX_SENTENCE = 400
_SOFT_RE = re.compile(r"[，,、：:\s]")
_END_RE = re.compile(r"[。！？!?；;]+[”’」』）)\]】》\"']*|\n")
_CONTENT_RE = re.compile(r"[^\W_]", re.UNICODE)


def _spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    pos = start
    for m in _END_RE.finditer(text, start, end):
        pieces.append((pos, m.end() if m.group() != "\n" else m.start()))
        pos = m.end()
    if pos < end:
        pieces.append((pos, end))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        if e - s > MAX_SENTENCE:
            out.extend(_cut(text, s, e))
            continue
        if out and not _CONTENT_RE.search(text, s, e) and "\n" not in text[out[-1][1]:s]:
            out[-1] = (out[-1][0], e)  # stray punctuation belongs to the sentence before
        else:
            out.append((s, e))
    return out


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` (stripped, longer than MAX_SENTENCE) cut into stripped pieces."""
    out = []
    s = start
    while end - s > MAX_SENTENCE:
        limit = s + MAX_SENTENCE
        cut = limit
        for m in _SOFT_RE.finditer(text, s + MAX_SENTENCE // 2, limit):
            cut = m.end()
        e = cut
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        s = cut
        while s < end and text[s].isspace():
            s += 1
    if s < end:
        out.append((s, end))
    return out


def split_runs(text: str, runs: Iterable[tuple[int, int, str, int]]) -> tuple[Sentence, ...]:
    """Split each ``(start, end, kind, paragraph)`` run of ``text`` into sentences.

    Sentences never cross a run boundary; they inherit the run's kind and paragraph.

    Examples
    --------
    >>> text = "正文。(本报记者 张三)"
    >>> split_runs(text, [(0, 3, "body", 0), (3, 12, "credit", 0)])
    (Sentence(start=0, end=3, kind='body', paragraph=0), Sentence(start=3, end=12, kind='credit', paragraph=0))
    """
    out: list[Sentence] = []
    for start, end, kind, paragraph in runs:
        out.extend(Sentence(s, e, kind, paragraph) for s, e in _spans(text, start, end))
    out.sort(key=lambda s: s.start)
    return tuple(out)


def split_sentences(text: str, kind: str = "body") -> tuple[Sentence, ...]:
    """Split ``text`` into sentences of one ``kind``; lines are paragraphs.

    Examples
    --------
    >>> [s.paragraph for s in split_sentences("第一段。还是第一段。\\n第二段")]
    [0, 0, 1]
    """
    out: list[Sentence] = []
    pos = 0
    for paragraph, line in enumerate(text.split("\n")):
        out.extend(split_runs(text, [(pos, pos + len(line), kind, paragraph)]))
        pos += len(line) + 1
    return tuple(out)
