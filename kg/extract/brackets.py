"""A short bracket right after a name: its alias or former name (``湘西职院``, ``原茶峒镇``),
or a place that is part of the name (``中国矿业大学（北京）``).

Chinese news gives a body's short name or former name in brackets the first time it names
it: ``湘西民族职业技术学院（湘西职院）等院校``, ``边城镇（原茶峒镇）开幕``. What the
sentence says of the name goes on after the bracket, so frames that read what stands
right after a name (a list's next member, a title, a verb) look past it.

A bracketed place alone after a body's name is no alias but the body's seat, written into
its name to tell a campus or a branch from its namesake: 中国矿业大学（北京） is another
university than 中国矿业大学. :func:`qualified_names` makes it one name, so nothing skips it.

Examples
--------
>>> text = "湘西民族职业技术学院（湘西职院）等院校"
>>> alias_end(text, 10), text[alias_end(text, 10):]
(16, '等院校')
>>> alias_end("吉首大学，", 4)
4
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.records import Mention

__all__ = ["alias_end", "qualified_names"]

# Up to 10 characters with no clause break, no nested bracket: a name, not a remark
# (a caption's （记者 某某 摄） has spaces, a sentence has commas).
_ALIAS = re.compile(r"[（(][^（()）\s，,。；;！？、]{1,10}[）)]")


def alias_end(text: str, pos: int) -> int:
    """Where a bracketed short or former name right at ``pos`` ends (``pos`` if none).

    Parameters
    ----------
    text : str
        The document text.
    pos : int
        The end of a name.

    Returns
    -------
    int
        The offset after the closing bracket, or ``pos`` when no short bracket opens there.

    Examples
    --------
    >>> alias_end("中国三峡新能源（集团）股份有限公司（三峡能源）、", 17)
    23
    """
    m = _ALIAS.match(text, pos)
    return m.end() if m else pos


# A place of two to four characters alone in brackets.
_QUALIFIER = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[）)]")


def qualified_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions, a body's name followed by a bracketed place the reference knows read as
    one name with it (中国矿业大学（北京）); the place becomes a name nested in it.

    Parameters
    ----------
    text : str
        The document text.
    mentions : list of Mention
        Chosen mentions, sorted by start.

    Returns
    -------
    list of Mention
        Sorted by start.

    Examples
    --------
    >>> text = "中国矿业大学（北京）校长陈泽林"
    >>> a = Mention(0, 6, "中国矿业大学", "Institution", "University", ref="ref:中国矿业大学")
    >>> b = Mention(7, 9, "北京", "Place", "Province", ref="adcode:110000000000")
    >>> [(m.text, m.ref, m.nested) for m in qualified_names(text, [a, b])]
    [('中国矿业大学（北京）', None, False), ('北京', 'adcode:110000000000', True)]
    """
    places = {m.span: m for m in mentions if m.core == "Place" and m.ref is not None and not m.nested}
    joined: dict[int, Mention] = {}
    for k, m in enumerate(mentions):
        if m.core != "Institution" or m.nested or m.implied:
            continue
        q = _QUALIFIER.match(text, m.end)
        place = places.get(q.span(1)) if q is not None else None
        if place is not None:
            joined[k] = replace(m, end=q.end(), text=text[m.start:q.end()], ref=None, canonical=None,
                                rule="qualified:" + m.rule)
            joined[mentions.index(place)] = replace(place, rule="nested:" + place.rule, nested=True)
    if not joined:
        return mentions
    out = [joined.get(k, m) for k, m in enumerate(mentions)]
    return sorted(out, key=lambda m: (m.start, -m.length))
