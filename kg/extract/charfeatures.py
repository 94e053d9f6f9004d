"""Character features for the sequence tagger, shared by training and tagging.

Each character of a (normalised) text gets a list of string attributes: the characters and
character pairs around it, the word jieba puts it in (its position in the word, the word
itself and its neighbours), and whether it could start a personal name. Training
(:mod:`kg.train`) and the tagger component (:mod:`kg.extract.tagger`) call the same
function, so a model never sees features computed differently from those it learned.

Digits and Latin letters are folded to one symbol each, so 1998年 and 2021年 look alike.
Text is expected to be normalised already (half-width digits, simplified characters), as
:class:`kg.text.Document` text is; :func:`fold_text` does it for raw training text.

Examples
--------
>>> feats = char_features("王刚在太原")
>>> len(feats)
5
>>> sorted(f for f in feats[3] if f.startswith(("u0=", "wp=", "w=")))
['u0=太', 'w=太原', 'wp=B2']
"""

from __future__ import annotations

import functools
import re

import rjieba

from kg.extract.wordlists import surnames
from kg.text.normalize import normalize_char

__all__ = ["FEATURE_VERSION", "char_features", "fold_text", "word_spans"]

#: Bumped whenever the features change; a model records the version it was trained with.
FEATURE_VERSION = "char-word-2"

_SHAPE = str.maketrans(
    {**{c: "0" for c in "0123456789"},
     **{c: "a" for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"}}
)
_WS = re.compile(r"\s")


def fold_text(text: str) -> str:
    """Normalise raw text character by character (same length), as documents are.

    Examples
    --------
    >>> fold_text("１９９８年臺灣")
    '1998年台湾'
    """
    return "".join(_fold_char(c) for c in text)


@functools.lru_cache(maxsize=65536)
def _fold_char(c: str) -> str:
    if _WS.match(c):
        return c
    out = normalize_char(c)
    return out if len(out) == 1 else c


def word_spans(text: str) -> list[tuple[int, int]]:
    """jieba's word segmentation of ``text`` as ``(start, end)`` offsets.

    Examples
    --------
    >>> word_spans("王刚在太原工作")
    [(0, 2), (2, 3), (3, 5), (5, 7)]
    """
    spans = []
    pos = 0
    for w in rjieba.cut(text):
        spans.append((pos, pos + len(w)))
        pos += len(w)
    return spans


@functools.cache
def _surname_firsts() -> frozenset[str]:
    return frozenset(s[0] for s in surnames())


def char_features(text: str) -> list[list[str]]:
    """Attributes of every character of ``text`` (one list per character)."""
    n = len(text)
    if n == 0:
        return []
    s = text.translate(_SHAPE)
    c = ["^2", "^1", *s, "$1", "$2"]  # padded: c[i + 2] is character i
    words = word_spans(text)
    wpos = [""] * n
    word_of = [""] * n
    prev_w = [""] * n
    next_w = [""] * n
    firsts = _surname_firsts()
    for k, (a, b) in enumerate(words):
        w = s[a:b]
        length = b - a
        pw = s[words[k - 1][0]:words[k - 1][1]] if k else "^"
        nw = s[words[k + 1][0]:words[k + 1][1]] if k + 1 < len(words) else "$"
        for i in range(a, b):
            if length == 1:
                wpos[i] = "S"
            elif i == a:
                wpos[i] = "B" + str(min(length, 4))
            elif i == b - 1:
                wpos[i] = "E" + str(min(length, 4))
            else:
                wpos[i] = "M"
            word_of[i] = w if length <= 6 else "LONG"
            prev_w[i] = pw
            next_w[i] = nw
    out = []
    for i in range(n):
        j = i + 2
        f = [
            "u-2=" + c[j - 2], "u-1=" + c[j - 1], "u0=" + c[j], "u1=" + c[j + 1], "u2=" + c[j + 2],
            "b-2=" + c[j - 2] + c[j - 1], "b-1=" + c[j - 1] + c[j],
            "b0=" + c[j] + c[j + 1], "b1=" + c[j + 1] + c[j + 2],
            "t0=" + c[j - 1] + c[j] + c[j + 1],
            "wp=" + wpos[i], "wpu=" + wpos[i] + c[j],
            "w=" + word_of[i], "w-1=" + prev_w[i], "w+1=" + next_w[i],
        ]
        if c[j] in firsts and wpos[i][0] in "BS":
            f.append("sn")
        out.append(f)
    return out
