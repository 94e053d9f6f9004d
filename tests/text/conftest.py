"""Shared checks for the document reader tests: the offset-map and sentence invariants."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from kg.text.document import SENTENCE_KINDS, Document
from kg.text.normalize import normalize

CORPUS = Path(str(files("kg") / "corpus"))


def _squash(text: str) -> str:
    return "".join(text.split())


def check_document(doc: Document, *, spans: bool = True) -> None:
    """Assert every invariant a :class:`Document` promises.

    * ``starts[i] < ends[i]``; a visible ``text[i]`` is exactly what the normaliser makes
      of ``original[starts[i]:ends[i]]``; a whitespace ``text[i]`` stands for whitespace.
    * Nothing visible in the original is lost: every character that normalises to
      something is behind exactly one normalised character, or inside a skipped repeat.
    * Sentences are non-empty, stripped, ordered, do not overlap or cross lines, and map
      to increasing original offsets; a span inside a sentence normalises back from its
      original slice (modulo whitespace) unless a caption that was moved out sits inside.
    """
    o, t = doc.original, doc.text
    n = len(t)
    assert len(doc.starts) == len(doc.ends) == n
    owner = [-1] * len(o)
    for i, ch in enumerate(t):
        s, e = doc.starts[i], doc.ends[i]
        assert 0 <= s < e <= len(o), (i, s, e)
        if ch.isspace():
            assert o[s:e].isspace(), (i, repr(ch), repr(o[s:e]))
            continue
        assert normalize(o[s:e]) == ch, (i, ch, o[s:e])
        for k in range(s, e):
            assert owner[k] == -1, f"original offset {k} behind two normalised characters"
            owner[k] = i
    skipped = [False] * len(o)
    for s, e in doc.repeated:
        assert 0 <= s < e <= len(o)
        for k in range(s, e):
            skipped[k] = True
    for k, c in enumerate(o):
        if normalize(c).strip():
            assert owner[k] >= 0 or skipped[k], f"original {c!r} at {k} was dropped"

    prev_end = 0
    prev_par = 0
    for i, sent in enumerate(doc.sentences):
        assert sent.kind in SENTENCE_KINDS
        assert prev_end <= sent.start < sent.end <= n, sent
        body = t[sent.start:sent.end]
        assert body == body.strip() and body, sent
        assert "\n" not in body, sent
        assert sent.paragraph >= prev_par
        prev_end, prev_par = sent.end, sent.paragraph
        st = doc.starts[sent.start:sent.end]
        assert all(a < b for a, b in zip(st, st[1:])), f"non-monotonic offsets in {body!r}"
        assert doc.sentence_at(sent.start) == sent
        assert doc.sentence_index_at(sent.end - 1) == i
        if sent.start > (doc.sentences[i - 1].end if i else 0):
            assert doc.sentence_index_at(sent.start - 1) == -1  # between sentences
        if spans:
            lo, hi = doc.starts[sent.start], doc.ends[sent.end - 1]
            moved = any(owner[k] >= 0 and not sent.start <= owner[k] < sent.end or skipped[k]
                        for k in range(lo, hi))
            if not moved:
                assert _squash(normalize(o[lo:hi])) == _squash(body), sent
            for a in range(sent.start, sent.end, 7):
                b = min(sent.end, a + 5)
                lo, hi = doc.starts[a], doc.ends[b - 1]
                if not any(owner[k] >= 0 and not a <= owner[k] < b or skipped[k] for k in range(lo, hi)):
                    assert _squash(normalize(o[lo:hi])) == _squash(t[a:b])
    if n:
        assert doc.title, "a document with text has a title"


@pytest.fixture(scope="session")
def check():
    """The invariant checker, for tests that build documents."""
    return check_document


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The bundled corpus directory (package data ``kg/corpus``)."""
    return CORPUS
