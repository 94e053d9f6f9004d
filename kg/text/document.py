"""The ``Document`` record: original text, normalised text, offset map, sentences.

Examples
--------
>>> doc = Document(id="demo", original="吕 梁", text="吕梁",
...                starts=(0, 2), ends=(1, 3),
...                sentences=(Sentence(0, 2, "body", 0),), title="吕梁")
>>> doc.original_span(0, 2)
(0, 3)
>>> doc.original[slice(*doc.original_span(0, 2))]
'吕 梁'
>>> doc.sentence_text(doc.sentences[0])
'吕梁'
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Document", "Sentence", "SENTENCE_KINDS"]

#: Kinds of text a sentence can belong to. Extraction reads ``body`` and ``heading`` and
#: ``title``; ``caption`` and ``credit`` are kept apart (photo captions, bylines).
SENTENCE_KINDS = ("title", "heading", "body", "caption", "credit")


def _visible(text: str) -> bool:
    # Zero-width characters and soft hyphens are as invisible as whitespace.
    return any(not (c.isspace() or c in "\u00ad\u200b\u200c\u200d\u2060\ufeff") for c in text)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a span ``[start, end)`` of the normalised text."""

    start: int
    end: int
    kind: str = "body"
    #: Index of the paragraph the sentence belongs to (order of first appearance).
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded document with its normalised text and an offset map back to the original.

    ``text[i]`` was derived from ``original[starts[i]:ends[i]]``. Normalisation may drop
    characters (spaces inside numbers, line breaks inside sentences, repeated paragraphs)
    and may move captions after the body, so the map is not monotonic in general; within
    one sentence it is.
    """

    id: str
    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    sentences: tuple[Sentence, ...] = ()
    title: str = ""
    source: str | None = None
    headings: tuple[str, ...] = ()
    path: str | None = None
    encoding: str = "utf-8"
    #: Publication date ``YYYY-MM-DD`` (or ``YYYY``) when the text states it.
    date: str | None = None
    #: Spans of the ORIGINAL text skipped as repeats of an earlier paragraph.
    repeated: tuple[tuple[int, int], ...] = ()
    #: Free-form notes from the reader (encoding guessed, HTML stripped, ...).
    notes: tuple[str, ...] = field(default=())

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original it came from."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside normalised text of {len(self.text)}")
        return self.starts[start], self.ends[end - 1]

    def original_text(self, start: int, end: int) -> str:
        """The original characters behind a normalised span (``anchorOf`` of a mention)."""
        b, e = self.original_span(start, end)
        return self.original[b:e]

    def sentence_text(self, sentence: Sentence) -> str:
        """The normalised text of ``sentence``."""
        return self.text[sentence.start : sentence.end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing normalised ``offset``, or ``None``."""
        i = self.sentence_index_at(offset)
        return self.sentences[i] if i >= 0 else None

    def sentence_index_at(self, offset: int) -> int:
        """The position in ``sentences`` of the sentence containing normalised ``offset``,
        or -1 (by bisection: statements ask it once each, on documents of any length)."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return -1

    def contiguous(self, start: int, end: int) -> bool:
        """Whether the original behind normalised ``[start, end)`` holds nothing else.

        False when visible original text between the span's characters was not read as
        part of it: a photo caption the layout moved out of a broken sentence, or a skipped
        repeat. Only whitespace (a rejoined line break, a dropped space) may lie between.
        Such a span's :meth:`original_text` contains that other text, so it is a poor
        ``anchorOf`` for a mention.

        Examples
        --------
        >>> doc = Document(id="d", original="保\\n图\\n障", text="保障", starts=(0, 4), ends=(1, 5))
        >>> doc.contiguous(0, 2), doc.contiguous(0, 1)
        (False, True)
        """
        b, e = self.original_span(start, end)
        pos = b
        for i in range(start, end):
            if _visible(self.original[pos:self.starts[i]]):
                return False
            pos = max(pos, self.ends[i])
        return not _visible(self.original[pos:e])
