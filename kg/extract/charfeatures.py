"""Character features for the sequence tagger, shared by training and tagging.

Each character of a (normalised) text gets a list of string attributes: the characters and
character pairs around it, the word jieba puts it in (its position in the word, the word
itself and its neighbours), the part of speech jieba's dictionary gives that word and its
neighbours (``ns`` place, ``nt`` organisation, ``nr`` person, ``?`` unknown), whether it
stands inside 《》 (titles of works, which are no names of ours), and whether it could
start a personal name. Training
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
>>> sorted(f for f in feats[3] if f.startswith(("u0=", "wp=", "w=", "pt")))
['pt+1=$', 'pt-1=p', 'pt=ns', 'ptt=p|ns|$', 'u0=太', 'w=太原', 'wp=B2']
"""

from __future__ import annotations

import functools
import re

import rjieba

from kg.extract.wordlists import jieba_tags, surnames
from kg.text.normalize import normalize_char

__all__ = ["FEATURE_VERSION", "char_features", "fold_text", "word_spans"]

#: Bumped whenever the features change; a model records the version it was trained with.
FEATURE_VERSION = "char-word-pos-4"

_SHAPE = str.maketrans(
    {**{c: "0" for c in "0123456789"},
     **{c: "a" for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"}}
)
_WS = re.compile(r"\s")
# Traditional characters that document normalisation keeps, being simplified characters
# too in rare uses (於 a surname, 後 and 徵 in old texts), but that stand for 于, 后 and 征
# in nearly every traditional text: the model, trained on simplified news, sees those.
_FEATURE_FOLD = str.maketrans("於後徵", "于后征")


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


def _inside_titles(text: str) -> list[bool]:
    """Whether each character stands between 《 and 》."""
    depth, out = 0, []
    for ch in text:
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth = max(0, depth - 1)
        out.append(depth > 0)
    return out


def char_features(text: str) -> list[list[str]]:
    """Attributes of every character of ``text`` (one list per character)."""
    n = len(text)
    if n == 0:
        return []
    text = text.translate(_FEATURE_FOLD)
    s = text.translate(_SHAPE)
    c = ["^2", "^1", *s, "$1", "$2"]  # padded: c[i + 2] is character i
    # the strings that do not depend on the word, built once per position
    u = [[f"u-2={c[j - 2]}", f"u-1={c[j - 1]}", f"u0={c[j]}", f"u1={c[j + 1]}", f"u2={c[j + 2]}",
          f"b-2={c[j - 2]}{c[j - 1]}", f"b-1={c[j - 1]}{c[j]}", f"b0={c[j]}{c[j + 1]}",
          f"b1={c[j + 1]}{c[j + 2]}", f"t0={c[j - 1]}{c[j]}{c[j + 1]}"] for j in range(2, n + 2)]
    words = word_spans(text)
    firsts = _surname_firsts()
    tags = jieba_tags()
    # a word's dictionary tag; "?" for words jieba only guessed (a long one is often a name)
    wtag = [tags.get(text[a:b], "?" if b - a > 1 else "?1") for a, b in words]
    titled = _inside_titles(text)
    out: list[list[str]] = []
    last = len(words) - 1
    for k, (a, b) in enumerate(words):
        length = b - a
        w = s[a:b] if length <= 6 else "LONG"
        pw = s[words[k - 1][0]:words[k - 1][1]] if k else "^"
        nw = s[words[k + 1][0]:words[k + 1][1]] if k < last else "$"
        t = wtag[k]
        pt = wtag[k - 1] if k else "^"
        nt = wtag[k + 1] if k < last else "$"
        # the same for every character of the word
        word = [f"w={w}", f"w-1={pw}", f"w+1={nw}", f"pt={t}"]
        context = [f"pt-1={pt}", f"pt+1={nt}", f"ptt={pt}|{t}|{nt}"]
        size = str(min(length, 4))
        for i in range(a, b):
            if length == 1:
                pos = "S"
            elif i == a:
                pos = "B" + size
            elif i == b - 1:
                pos = "E" + size
            else:
                pos = "M"
            ch = c[i + 2]
            f = [*u[i], f"wp={pos}", f"wpu={pos}{ch}", *word, f"wpt={pos[0]}{t}", *context]
            if pos[0] in "BS" and ch in firsts:
                f.append("sn")
            if titled[i]:
                f.append("inbook")
            out.append(f)
    return out
