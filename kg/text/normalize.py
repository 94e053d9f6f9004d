"""Offset-preserving normalisation of Chinese news text.

The normalised text is what the extractor matches against; the original text is what
mentions point into. Every output character therefore records the ``[start, end)`` span
of the original it was derived from (:class:`Normalized`).

Rules, applied per character (so a character's result never depends on its neighbours,
which keeps the offset map exact and the result deterministic):

* **NFKC, selectively.** Full-width ASCII letters and digits and ``％＋－．`` become ASCII
  (``２０２１`` → ``2021``); Kangxi radicals and CJK compatibility ideographs become the
  unified ideographs that scans and PDF exports often replace. Chinese punctuation is
  kept as written (``，。、：；（）“”《》【】「」``, full-width ``（）`` included), as are
  circled numbers (``①``: caption markers, not quantities) and superscripts (``m²``).
  NFKC results longer than one character (``…`` → ``...``, ``℃`` → ``°C``) are not
  applied, so normalisation never changes the length of a run of visible characters.
* **Traditional → simplified**, for matching only, with OpenCC ``t2s`` character by
  character, and only for characters outside GB2312 (the standard simplified repertoire):
  ``國家級風景名勝區`` → ``国家级风景名胜区``, but ``乾县``/``乾坤`` stay as written, where a
  whole-text conversion produces ``干县``. Per-character conversion also keeps the result
  of a character independent of its context.
* **Whitespace.** Spaces next to digits and Chinese text are layout artefacts and go
  (``3 月 27 日`` → ``3月27日``, ``干好 20 件`` → ``干好20件``, ``利用 5G 技术`` →
  ``利用5G技术``), as do spaces inside a plain number (``1 000``), next to Chinese
  punctuation and between single, letter-spaced Chinese characters (``吕 梁 市`` →
  ``吕梁市``). A space next to a longer run of Chinese text separates title halves or
  byline fields (``红色吕梁 绿色发展``, ``侯利军 摄``) and is kept, as is a space between
  Latin words and in ``2021-08-23 10:30``. A kept whitespace run becomes one ``" "``.
  Line breaks become one ``"\\n"``. Leading and trailing whitespace is dropped.
* Zero-width and control characters (other than whitespace) are dropped.

Examples
--------
>>> normalize("干好 20 件大事要事 全力打造")
'干好20件大事要事 全力打造'
>>> normalize("國家級風景名勝區")
'国家级风景名胜区'
>>> n = normalize_with_offsets("３ 月 27 日")
>>> n.text, n.starts, n.ends
('3月27日', (0, 2, 4, 5, 7), (1, 3, 5, 6, 8))
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

__all__ = [
    "Normalized",
    "normalize",
    "normalize_char",
    "normalize_with_offsets",
    "is_han",
    "is_cjk",
    "HAN_CLASS",
    "IGNORABLE",
]

#: Character-class body (for ``re``) matching Han ideographs.
HAN_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_HAN_RE = re.compile(f"[{HAN_CLASS}]")
# Chinese/Japanese punctuation and symbols, full-width forms, kana, hangul: the scripts
# that are written without spaces between words.
_CJK_RE = re.compile(
    f"[{HAN_CLASS}\u2014-\u2027\u00b7\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff"
    "\u3200-\u33ff\uac00-\ud7af\ufe30-\ufe4f\uff00-\uffef\u2460-\u24ff]"
)
_CJK_PUNCT_RE = re.compile("[\u2014-\u2027\u00b7\u3001-\u303f\ufe30-\ufe4f\uff01-\uff0f"
                           "\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")
_LINE_BREAKS = "\n\r\u2028\u2029\x85"
#: Character-class body of characters the normaliser drops (controls, zero-width, BOM).
IGNORABLE = "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
# Runs of characters that need more than a one-to-one copy: whitespace (including line
# breaks) and dropped characters.
_SPECIAL_RE = re.compile(f"[\\s{IGNORABLE}]+")
# A short ASCII token next to a space: "20", "5G", "12.7", "131%".
_DIGITS = frozenset("0123456789")
_TOKEN_CHARS = frozenset("0123456789.%+-,ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text with, for each character, the original span it came from.

    ``text[i]`` was produced from ``original[starts[i]:ends[i]]``.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def is_han(ch: str) -> bool:
    """Whether ``ch`` is a Han ideograph.

    Examples
    --------
    >>> is_han("吕"), is_han("，"), is_han("A")
    (True, False, False)
    """
    return bool(ch) and _HAN_RE.match(ch) is not None


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` belongs to a script written without spaces (Han, CJK punctuation, kana).

    Examples
    --------
    >>> is_cjk("吕"), is_cjk("，"), is_cjk("A"), is_cjk("5")
    (True, True, False, False)
    """
    return bool(ch) and _CJK_RE.match(ch) is not None


# --- per-character map ---------------------------------------------------------------

_KEEP_RANGES = (
    (0x2460, 0x24FF),  # ①②… circled numbers: caption markers, not quantities
    (0x00B2, 0x00B3),  # ² ³
    (0x00B9, 0x00B9),  # ¹
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x3001, 0x303F),  # CJK punctuation
)
_FULLWIDTH_TO_ASCII = frozenset("％＋－．")
_cache: dict[str, str] = {}
_lock = threading.Lock()
_opencc = None


def _t2s_chars(chars: list[str]) -> list[str]:
    """Convert single characters with OpenCC t2s, without phrase context."""
    global _opencc
    if not chars:
        return []
    if _opencc is None:
        import opencc

        _opencc = opencc.OpenCC("t2s")
    # One call for all characters; the newline separators keep OpenCC from applying
    # phrase rules across them.
    out = _opencc.convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):  # pragma: no cover - defensive; OpenCC keeps separators
        out = [_opencc.convert(c) for c in chars]
    return [o if len(o) == 1 else c for o, c in zip(out, chars)]


def _nfkc(ch: str) -> str:
    code = ord(ch)
    for lo, hi in _KEEP_RANGES:
        if lo <= code <= hi:
            return ch
    if 0xFF01 <= code <= 0xFF5E and not (ch.isalnum() or ch in _FULLWIDTH_TO_ASCII):
        return ch  # full-width punctuation stays Chinese punctuation
    out = unicodedata.normalize("NFKC", ch)
    return out if len(out) == 1 else ch


def _not_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def _extend_cache(chars: set[str]) -> None:
    todo = [c for c in chars if c not in _cache]
    if not todo:
        return
    mapped = {c: _nfkc(c) for c in todo}
    trad = sorted({m for m in mapped.values() if is_han(m) and _not_gb2312(m)})
    simp = dict(zip(trad, _t2s_chars(trad)))
    with _lock:
        for c, m in mapped.items():
            _cache[c] = simp.get(m, m)


def normalize_char(ch: str) -> str:
    """Normalise one character (NFKC subset, then traditional → simplified).

    Whitespace and dropped characters are returned unchanged; their handling depends on
    context and is done by :func:`normalize_with_offsets`.

    Examples
    --------
    >>> normalize_char("２"), normalize_char("區"), normalize_char("（"), normalize_char("①")
    ('2', '区', '（', '①')
    """
    if len(ch) != 1:
        raise ValueError(f"expected one character, got {ch!r}")
    _extend_cache({ch})
    return _cache[ch]


# --- spaces --------------------------------------------------------------------------


def _token_has_digit(text: str, i: int, step: int) -> bool:
    """Whether the ASCII token that ``text[i]`` belongs to (scanning by ``step``) has a digit."""
    n = 0
    while 0 <= i < len(text) and text[i] in _TOKEN_CHARS and n < 24:
        if text[i] in _DIGITS:
            return True
        i += step
        n += 1
    return False


def _plain_number(text: str, i: int, step: int, *, decimal: bool = False) -> bool:
    """Whether the token through ``text[i]`` (scanning by ``step``) is only digits (with
    ``decimal``, also one decimal point between digits: ``1 268.5万``, a thousands space)."""
    n = 0
    point = False
    while 0 <= i < len(text) and n < 24:
        c = text[i]
        if c in _DIGITS:
            pass
        elif decimal and c == "." and not point and 0 <= i + step < len(text) and text[i + step] in _DIGITS \
                and text[i - step] in _DIGITS:
            point = True
        elif c in _TOKEN_CHARS or c in ":/":
            return False
        else:
            break
        i += step
        n += 1
    return True


def _han_run(text: str, i: int, step: int) -> int:
    """Length (capped at 2) of the run of Han characters through ``text[i]`` going ``step``."""
    n = 0
    while 0 <= i < len(text) and n < 2 and is_han(text[i]):
        n += 1
        i += step
    return n


def _keep_space(text: str, a: int, b: int) -> bool:
    """Whether the whitespace between ``text[a]`` and ``text[b]`` is meaningful."""
    left, right = text[a], text[b]
    if left in _DIGITS and right in _DIGITS:
        # "1 000" and digits split by the scan go; "2021-08-23 10:30" keeps its space.
        return not (_plain_number(text, a, -1) and _plain_number(text, b, 1, decimal=True))
    left_cjk, right_cjk = is_cjk(left), is_cjk(right)
    if not (left_cjk or right_cjk):
        return True  # between Latin words, numbers and symbols
    if _CJK_PUNCT_RE.match(left) or _CJK_PUNCT_RE.match(right):
        return False
    if left_cjk and right_cjk:
        # "吕 梁 市": spaces between single characters are letter-spacing artefacts; next
        # to a longer run they separate title halves or byline fields ("侯利军 摄").
        return _han_run(text, a, -1) >= 2 or _han_run(text, b, 1) >= 2
    # One side Chinese, the other Latin/number: drop next to numbers ("20 件", "5G 技术"),
    # keep next to words ("服务部 and 17个") and next to ASCII punctuation only if the
    # punctuation is not itself touching the Chinese side.
    latin_at, step = (a, -1) if right_cjk else (b, 1)
    if _token_has_digit(text, latin_at, step):
        return False
    return text[latin_at].isalpha()


# --- the normaliser ------------------------------------------------------------------


def normalize_with_offsets(text: str, start: int = 0, end: int | None = None) -> Normalized:
    """Normalise ``text[start:end]``, recording original offsets (relative to ``text``).

    Parameters
    ----------
    text : str
        The original text.
    start, end : int, optional
        The slice to normalise; offsets in the result index ``text`` itself.

    Returns
    -------
    Normalized
        ``result.text[i]`` was produced from ``text[result.starts[i]:result.ends[i]]``.

    Examples
    --------
    >>> n = normalize_with_offsets("标题\\n吕 梁", 3)
    >>> n.text, n.starts, n.ends
    ('吕梁', (3, 5), (4, 6))
    """
    if end is None:
        end = len(text)
    seg = text[start:end]
    if not seg:
        return Normalized("", (), ())
    chars = set(seg)
    _extend_cache(chars)
    mapped = seg.translate({ord(c): _cache[c] for c in chars if _cache[c] != c})
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SPECIAL_RE.finditer(mapped):
        a, b = m.span()
        if a > pos:
            out.append(mapped[pos:a])
            starts.extend(range(start + pos, start + a))
            ends.extend(range(start + pos + 1, start + a + 1))
        pos = b
        run = mapped[a:b]
        if run == " ":  # the common case, without the scans below
            if a and b < len(mapped):
                left, right = mapped[a - 1], mapped[b]
                if (left.isascii() and right.isascii() and not (left in _DIGITS and right in _DIGITS)) \
                        or _keep_space(mapped, a - 1, b):
                    out.append(" ")
                    starts.append(start + a)
                    ends.append(start + b)
            continue
        brk = next((i for i, c in enumerate(run) if c in _LINE_BREAKS), -1)
        if brk >= 0:
            if out:  # line breaks inside the slice: one "\n", never at the edges
                k = a + brk
                width = 2 if mapped[k] == "\r" and k + 1 < b and mapped[k + 1] == "\n" else 1
                if b < len(mapped):
                    out.append("\n")
                    starts.append(start + k)
                    ends.append(start + k + width)
            continue
        ws = next((i for i, c in enumerate(run) if c.isspace()), -1)
        if ws < 0 or a == 0 or b == len(mapped):
            continue  # only dropped characters, or leading/trailing whitespace
        left, right = mapped[a - 1], mapped[b]
        if (left.isascii() and right.isascii() and not (left in _DIGITS and right in _DIGITS)) \
                or _keep_space(mapped, a - 1, b):
            out.append(" ")
            starts.append(start + a + ws)
            ends.append(start + a + ws + 1)
    if pos < len(mapped):
        out.append(mapped[pos:])
        starts.extend(range(start + pos, start + len(mapped)))
        ends.extend(range(start + pos + 1, start + len(mapped) + 1))
    return Normalized("".join(out), tuple(starts), tuple(ends))


def normalize(text: str) -> str:
    """Normalise ``text`` (see the module docstring for the rules).

    Examples
    --------
    >>> normalize("ＧＤＰ增长１３１％，利用 5G 技术")
    'GDP增长131%，利用5G技术'
    >>> normalize("6个服务部 and 17个服务站")
    '6个服务部 and 17个服务站'
    """
    return normalize_with_offsets(text).text
