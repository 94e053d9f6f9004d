"""The normalised text of a layout, with the map back to the original text.

:func:`render` joins the blocks of a :class:`~kg.text.layout.Layout` with ``"\\n"`` (a
line of the original joins the next without one, or with a space between Latin
letters), and keeps for each character of the result the original span it stands for
and the sentence kind of the run it belongs to.

Examples
--------
>>> from kg.text.layout import analyse
>>> render(analyse("标题\\n\\n正文。")).text
'标题\\n正文。'
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Block, Layout
from .lines import Part, needs_space

__all__ = ["Rendered", "render"]


@dataclass(frozen=True, slots=True)
class Rendered:
    """The normalised text of a layout with its offset map and sentence-kind runs."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    #: ``(start, end, kind, paragraph)`` spans of the normalised text.
    runs: tuple[tuple[int, int, str, int], ...]


def _separator_span(block: Block) -> tuple[int, int]:
    """An original line break next to ``block``: what the paragraph separator stands for."""
    first, last = block.parts[0].line, block.parts[-1].line
    for span in (first.break_before, last.break_after, first.break_after, last.break_before):
        if span is not None:
            return span
    raise AssertionError("a document with several blocks has line breaks")  # pragma: no cover


def render(layout: Layout) -> Rendered:
    """Build the normalised text: blocks separated by ``"\\n"``, with the offset map.

    Examples
    --------
    >>> from kg.text.layout import analyse
    >>> r = render(analyse("标题\\n\\n正文，中央后\\n\\n委旧址。"))
    >>> r.text
    '标题\\n正文，中央后委旧址。'
    >>> r.runs
    ((0, 2, 'title', 0), (3, 13, 'body', 1))
    """
    chunks: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    runs: list[tuple[int, int, str, int]] = []
    pos = 0
    for bi, block in enumerate(layout.blocks):
        if bi:
            s, e = _separator_span(block)
            chunks.append("\n")
            starts.append(s)
            ends.append(e)
            pos += 1
        prev: Part | None = None
        for part in block.parts:
            piece = part.line.text[part.lo:part.hi]
            if prev is not None and prev.line is not part.line and needs_space(chunks[-1], piece):
                brk = prev.line.break_after or (prev.line.end, prev.line.end + 1)
                chunks.append(" ")
                starts.append(brk[0])
                ends.append(brk[1])
                pos += 1
            chunks.append(piece)
            starts.extend(part.line.norm.starts[part.lo:part.hi])
            ends.extend(part.line.norm.ends[part.lo:part.hi])
            if runs and runs[-1][2] == part.kind and runs[-1][3] == bi:
                runs[-1] = (runs[-1][0], pos + len(piece), part.kind, bi)
            else:
                runs.append((pos, pos + len(piece), part.kind, bi))
            pos += len(piece)
            prev = part
    return Rendered("".join(chunks), tuple(starts), tuple(ends), tuple(runs))
