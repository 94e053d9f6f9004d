"""Word lists the grammar uses, loaded once from ``kg/extract/data``.

* ``heads.tsv``: head words of proper names and the class they give;
* ``titles.tsv``: position titles around people's names;
* ``units.tsv``: unit words of quantities, their base unit, factor and kind;
* ``surnames.txt``: Chinese surnames;
* ``stopwords.txt``: words that end a name's modifier sequence on the left;
* jieba's own dictionary (``jieba/dict.txt``): word frequency and part of speech.

Examples
--------
>>> head_table()["纪念馆"].cls
'MemorialHall'
>>> "书记" in title_table(), "王" in surnames(), "的" in stopwords()
(True, True, True)
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import io
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

#: The characters that end the name of an administrative division above the village (吕梁市,
#: 兴县, 达拉特旗, 碛口镇); rules that ask whether a name is a division's read them here.
DIVISION_ENDS = "省市州盟县区旗镇乡"

__all__ = [
    "DIVISION_ENDS",
    "Head",
    "Title",
    "Unit",
    "head_table",
    "jieba_dictionary",
    "jieba_freqs",
    "jieba_tags",
    "title_table",
    "surnames",
    "stopwords",
    "unit_table",
]


@dataclass(frozen=True, slots=True)
class Head:
    head: str
    cls: str
    weight: float


@dataclass(frozen=True, slots=True)
class Title:
    title: str
    kind: str
    org_suffixes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit word: its base unit, the factor to it, and the kind of quantity.

    Examples
    --------
    >>> unit_table()["兆瓦"]
    Unit(word='兆瓦', base='千瓦', factor=Decimal('1000'), kind='power')
    >>> unit_table()["名"].base
    '人'
    """

    word: str
    base: str
    factor: Decimal
    kind: str


def _read(name: str) -> str:
    return (resources.files("kg.extract.data") / name).read_text("utf-8")


def _tsv(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _read(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


def _lines(name: str) -> list[str]:
    out = []
    for ln in _read(name).splitlines():
        ln = ln.split("#", 1)[0].strip()
        if ln:
            out.extend(ln.split())
    return out


@functools.cache
def head_table() -> dict[str, Head]:
    """Head word → :class:`Head` (the first row wins for a repeated head)."""
    table: dict[str, Head] = {}
    for r in _tsv("heads.tsv"):
        h = r["head"].strip()
        if h and h not in table:
            table[h] = Head(h, r["class"].strip(), float(r.get("weight") or 0.5))
    return table


@functools.cache
def title_table() -> dict[str, Title]:
    """Title → :class:`Title`."""
    table: dict[str, Title] = {}
    for r in _tsv("titles.tsv"):
        t = r["title"].strip()
        if t and t not in table:
            sufs = tuple(s for s in (r.get("org_suffix") or "").split("|") if s)
            table[t] = Title(t, (r.get("kind") or "").strip(), sufs)
    return table


@functools.cache
def unit_table() -> dict[str, Unit]:
    """Unit word → :class:`Unit`, in the file's order (a repeated word: the last row wins)."""
    return {r["word"]: Unit(r["word"], r["base"], Decimal(r["factor"]), r["kind"]) for r in _tsv("units.tsv")}


@functools.cache
def surnames() -> frozenset[str]:
    """Single and compound surnames."""
    return frozenset(_lines("surnames.txt"))


@functools.cache
def stopwords() -> frozenset[str]:
    """Words and characters that cannot be part of a name's modifier."""
    return frozenset(_lines("stopwords.txt"))


@functools.cache
def _jieba_columns() -> tuple[list[str], list[str], list[str]]:
    """Words, frequencies and tags of jieba's main dictionary, read once."""
    # found without importing jieba, which the build does not otherwise need (jieba-rs cuts)
    spec = importlib.util.find_spec("jieba")
    text = Path(spec.origin).with_name("dict.txt").read_text(encoding="utf-8")
    fields = text.split()
    if len(fields) == 3 * text.count("\n"):  # one "word freq tag" line each: slice columns
        return fields[0::3], fields[1::3], fields[2::3]
    rows = [ln.split() for ln in text.splitlines()]
    rows = [r for r in rows if len(r) == 3]
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


class _JiebaDictionary(Mapping):
    """word → (frequency, tag), read through :func:`jieba_freqs` and :func:`jieba_tags`
    rather than built as a third table of 350,000 pairs."""

    def __init__(self, freqs: dict[str, int], tags: dict[str, str]) -> None:
        self._freqs, self._tags = freqs, tags

    def __getitem__(self, word: str) -> tuple[int, str]:
        return self._freqs[word], self._tags[word]

    def __iter__(self):
        return iter(self._freqs)

    def __len__(self) -> int:
        return len(self._freqs)


@functools.cache
def jieba_dictionary() -> Mapping[str, tuple[int, str]]:
    """jieba's main dictionary: word → (frequency, part-of-speech tag).

    Read from the file jieba ships, not through jieba's tokenizer, which would add our
    user words to it.

    Examples
    --------
    >>> jieba_dictionary()["北京"][1]
    'ns'
    >>> jieba_dictionary().get("鑫鑫", (0, ""))
    (0, '')
    """
    return _JiebaDictionary(jieba_freqs(), jieba_tags())


@functools.cache
def jieba_freqs() -> dict[str, int]:
    """jieba's main dictionary: word → frequency (a shared table: do not change it).

    >>> jieba_freqs()["纪念馆"] > 0
    True
    """
    words, freqs, _ = _jieba_columns()
    return dict(zip(words, map(int, freqs)))


@functools.cache
def jieba_tags() -> dict[str, str]:
    """jieba's main dictionary: word → part-of-speech tag (what ``jieba.posseg`` loads).

    >>> jieba_tags()["纪念馆"]
    'n'
    """
    words, _, tags = _jieba_columns()
    return dict(zip(words, tags))
