"""Does a line break cut a word in two?

Scanned articles break lines anywhere, including inside a word: ``…衣服展`` /
``示，一旁…`` or ``…保`` / ``障优势…``. Seeing that a word straddles the break tells a
broken sentence from a short heading followed by a paragraph.

The test uses jieba's dictionary through rjieba (jieba's segmentation in Rust; nothing in
the project adds words to it, so no component can change how a document is read): a break straddles a
word when the text on each side, segmented alone, leaves a single stray character at
the break, and segmenting across the break joins characters from both sides into one
dictionary word.

Examples
--------
>>> straddles("不同材质的衣服展", "示，一旁的投影屏幕")
True
>>> straddles("能源革命初见成效", "作为山西省中部资源型地区")
False
>>> straddles("吕梁", "山西")
False
"""

from __future__ import annotations

import rjieba

from .normalize import is_han

__all__ = ["straddles"]

_WINDOW = 6


def _han_tail(text: str) -> str:
    i = len(text)
    while i > 0 and len(text) - i < _WINDOW and is_han(text[i - 1]):
        i -= 1
    return text[i:]


def _han_head(text: str) -> str:
    i = 0
    while i < len(text) and i < _WINDOW and is_han(text[i]):
        i += 1
    return text[:i]


def straddles(left: str, right: str) -> bool:
    """Whether a dictionary word spans the boundary between ``left`` and ``right``.

    Parameters
    ----------
    left, right : str
        Normalised text before and after a line break.

    Returns
    -------
    bool
        True when the end of ``left`` and the start of ``right`` are both Han characters
        that only make sense as one word.

    Examples
    --------
    >>> straddles("我市牢记习", "近平总书记嘱托")
    True
    >>> straddles("提供了", "搭起党群干群")
    False
    """
    tail, head = _han_tail(left), _han_head(right)
    if not tail or not head:
        return False
    # Cheap filter first: some dictionary word must consist of the end of one side and
    # the start of the other.
    if not any(rjieba.has_word(tail[-a:] + head[:b]) for a in range(1, min(len(tail), 3) + 1)
               for b in range(1, min(len(head), 4 - a) + 1)):
        return False
    left_words = rjieba.cut(tail, False)
    right_words = rjieba.cut(head, False)
    if len(left_words[-1]) != 1 or len(right_words[0]) != 1:
        return False
    pos = 0
    boundary = len(tail)
    for word in rjieba.cut(tail + head, False):
        if pos < boundary < pos + len(word):
            return True
        pos += len(word)
    return False
