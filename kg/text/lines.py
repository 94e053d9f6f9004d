"""The lines of an article's original text, the units :mod:`kg.text.layout` classifies.

:func:`split_lines` cuts the original text at line breaks (any of ``\\r\\n``, ``\\n``,
``\\r``, U+2028, U+2029, U+0085) and keeps each non-blank line with its normalised form,
the blank lines before it and the spans of the breaks around it; a :class:`Part` is a
piece of a line as it goes into a paragraph.

Examples
--------
>>> [(l.text, l.gap) for l in split_lines("标题\\n\\n正文")]
[('标题', -1), ('正文', 1)]
>>> needs_space("Lüliang", "city"), needs_space("吕梁", "市")
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import Normalized, normalize_with_offsets

__all__ = ["Line", "Part", "needs_space", "split_lines"]

_BREAK_RE = re.compile(r"\r\n|[\n\r\u2028\u2029\x85]")


_LATIN_END_RE = re.compile(r"[A-Za-z0-9]$")
_LATIN_START_RE = re.compile(r"^[A-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line of the original text with its normalised form and surroundings."""

    index: int
    #: Original span of the line's content (surrounding whitespace excluded).
    start: int
    end: int
    #: Blank lines between this line and the previous non-blank line (-1: first line).
    gap: int
    norm: Normalized
    #: Original spans of the line breaks just before and just after the line.
    break_before: tuple[int, int] | None
    break_after: tuple[int, int] | None

    @property
    def text(self) -> str:
        """Normalised text of the line."""
        return self.norm.text

    @property
    def key(self) -> str:
        """Normalised text without whitespace, for comparisons."""
        return self.norm.text.replace(" ", "")


@dataclass(frozen=True, slots=True)
class Part:
    """``line.norm.text[lo:hi]`` as a piece of a block, of sentence kind ``kind``."""

    line: Line
    lo: int
    hi: int
    kind: str


def needs_space(left: str, right: str) -> bool:
    """Whether two pieces joined across a line break need a space between them."""
    # Joining "…Lüliang" + "city…" across a line break needs a space; Chinese does not.
    return bool(_LATIN_END_RE.search(left) and _LATIN_START_RE.search(right))


_LEAD_RE = re.compile(r"[\s\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2060-\u2064\ufeff]*")


def split_lines(original: str) -> list[Line]:
    """The non-blank lines of ``original`` with their gaps and normalised text.

    Examples
    --------
    >>> [(l.text, l.gap) for l in split_lines("a\\n\\n\\n b \\r\\nc")]
    [('a', -1), ('b', 2), ('c', 0)]
    """
    lines: list[Line] = []
    breaks = [m.span() for m in _BREAK_RE.finditer(original)]
    bounds = []
    pos = 0
    for b in breaks:
        bounds.append((pos, b[0]))
        pos = b[1]
    bounds.append((pos, len(original)))
    blank = 0
    for i, (ls, le) in enumerate(bounds):
        m = _LEAD_RE.match(original, ls, le)
        cs = m.end() if m else ls
        if cs >= le:
            blank += 1
            continue
        ce = le
        while ce > cs and (original[ce - 1].isspace() or _LEAD_RE.fullmatch(original[ce - 1])):
            ce -= 1
        norm = normalize_with_offsets(original, cs, ce)
        if not norm.text.strip():
            blank += 1
            continue
        lines.append(Line(
            index=len(lines), start=cs, end=ce,
            gap=-1 if not lines else blank, norm=norm,
            break_before=breaks[i - 1] if i > 0 else None,
            break_after=breaks[i] if i < len(breaks) else None,
        ))
        blank = 0
    return lines
