"""A short bracket right after a name: its alias or former name (``湘西职院``, ``原茶峒镇``).

Chinese news gives a body's short name or former name in brackets the first time it names
it: ``湘西民族职业技术学院（湘西职院）等院校``, ``边城镇（原茶峒镇）开幕``. What the
sentence says of the name goes on after the bracket, so frames that read what stands
right after a name (a list's next member, a title, a verb) look past it.

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

__all__ = ["alias_end"]

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
