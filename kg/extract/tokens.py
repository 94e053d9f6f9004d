"""Word tokens with dictionary part-of-speech tags, for the name grammar.

jieba's dictionary tags (not its slow HMM tagger) are enough to find where a name's
modifier sequence starts: verbs, prepositions, particles and punctuation end it. The
tokenizer is private to this module (jieba's global one writes a cache to /tmp), and it
knows every reference-lexicon name and head word, so it does not split them.

Examples
--------
>>> [t.word for t in tokenize("坐落在兴县蔡家崖的纪念馆")]
['坐落', '在', '兴县', '蔡家崖', '的', '纪念馆']
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.reference import reference_lexicon
from kg.extract.wordlists import head_table, jieba_freqs, jieba_tags, title_table
from kg.text.jieba_setup import new_tokenizer

if TYPE_CHECKING:  # jieba itself loads only for the fallback tokenizer
    import jieba

__all__ = ["Token", "tokenize", "word_tag", "word_freq", "tokenizer"]


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    word: str
    tag: str  # dictionary tag; "x" for punctuation, "oov" for words jieba does not know


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, int], dict[str, int], tuple[tuple[str, int, str | None], ...]]:
    """Tags, jieba's own frequencies, the frequencies with our words, and our words in
    the order they are added (``(word, freq, tag)``).

    Computed from jieba's dictionary file rather than through a jieba tokenizer: loading
    one takes half a second, and jieba-rs, which does the cutting, has its own.
    """
    base_freq = jieba_freqs()
    freq = dict(base_freq)
    tags = dict(jieba_tags())  # the tags jieba.posseg would load, read once for all
    added: list[tuple[str, int, str | None]] = []

    def add(word: str, f: int, tag: str | None = None) -> None:
        freq[word] = f
        added.append((word, f, tag))

    # Lexicon names must stay whole; heads and titles must be split off their neighbours.
    for surface in reference_lexicon().surfaces:
        add(surface, max(freq.get(surface, 0), 2000), "ns")
        tags.setdefault(surface, "nz")
    # Heads jieba does not know become words; known ones keep their frequency, or common
    # words that contain them (中小学, 老区) would be split.
    for head in head_table():
        if len(head) > 1 and not freq.get(head):
            add(head, 50)
    # Words newer than jieba's dictionary that it would otherwise cut apart (大|数据).
    for word in _MODERN_WORDS:
        if not freq.get(word):
            add(word, 3000, "n")
            tags.setdefault(word, "n")
    for title in title_table():
        add(title, max(freq.get(title, 0), 5000), "n")
        tags[title] = "n"
    return tags, base_freq, freq, tuple(added)


@functools.cache
def _tools() -> tuple[jieba.Tokenizer, dict[str, str], dict[str, int]]:
    """A jieba tokenizer that knows our words (the fallback when jieba-rs is missing),
    the tags and jieba's own frequencies."""
    tags, base_freq, _, added = _tables()
    tk = new_tokenizer()
    for word, freq, tag in added:
        tk.add_word(word, freq=freq, tag=tag)
    return tk, tags, base_freq


_MODERN_WORDS = ("大数据", "云计算", "物联网", "人工智能", "区块链", "新能源", "新材料", "碳中和",
                 "碳达峰", "数字经济", "智慧城市", "算力", "数据中心", "智能制造", "氢能", "光伏")


def tokenizer() -> jieba.Tokenizer:
    """The shared private jieba tokenizer."""
    return _tools()[0]


def word_tag(word: str) -> str:
    """Dictionary tag of ``word`` (``"oov"`` when jieba does not know it).

    >>> word_tag("纪念馆"), word_tag("鑫鑫")
    ('n', 'oov')
    """
    return _tables()[0].get(word, "oov")


def word_freq(word: str) -> int:
    """Frequency of ``word`` in jieba's own dictionary (0 when unknown)."""
    return _tables()[1].get(word, 0)


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets and dictionary tags (a shared, immutable result:
    the grammar and the number reader tokenize the same sentences)."""
    return list(_tokenize(text))


@functools.lru_cache(maxsize=256)  # about one document: shared by components, not across a corpus
def _tokenize(text: str) -> tuple[Token, ...]:
    get = _tables()[0].get
    out = []
    for word, start, end in _segment(text):
        if not _WORDLIKE.search(word):
            tag = "x"
        else:
            tag = get(word, "oov")
            if tag == "oov" and word.isascii():
                tag = "m" if word.replace(".", "").isdigit() else "eng"
        out.append(Token(start, end, word, tag))
    return tuple(out)


_WORDLIKE = re.compile(r"\w")

#: How jieba's HMM step cuts a run of non-Han characters: alphanumerics (a decimal, a
#: percentage) whole, anything between them as it is.
_ALNUM_RUN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


def _segment(text: str):
    """``(word, start, end)`` of jieba's default mode with HMM, computed by jieba-rs when
    it is installed (the same dictionary and algorithm, about 12× faster; tested to give
    the same tokens) and by jieba itself otherwise or with ``KG_TOKENIZER=jieba``."""
    rs = _rust()
    if rs is None:
        yield from _tools()[0].tokenize(text, HMM=True)
        return
    for word, start, end in rs.tokenize(text, "default", True):
        # jieba-rs keeps "1-7" whole where jieba cuts it into 1 | - | 7.
        if len(word) > 1 and word.isascii() and not _ALNUM_RUN.fullmatch(word):
            pos = start
            for piece in _ALNUM_RUN.split(word):
                if piece:
                    yield piece, pos, pos + len(piece)
                    pos += len(piece)
        else:
            yield word, start, end


@functools.cache
def _rust():
    """A jieba-rs tokenizer with the words of :func:`_tables` added, or None."""
    if os.environ.get("KG_TOKENIZER", "").lower() == "jieba":
        return None
    try:
        import rjieba
    except ImportError:
        return None
    _, _, freq, added = _tables()
    rs = rjieba.Jieba()
    for word, _, _ in added:  # each with its last frequency, as jieba's FREQ holds it
        rs.add_word(word, freq[word], None)
    return rs
