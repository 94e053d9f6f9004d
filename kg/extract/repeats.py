"""Names said again: later occurrences of a chosen name, and of its short form.

A news article names a thing in full once (“三个一批”, 第十二届中博会) and then repeats it,
often without the quotes or the ordinal that made it recognisable (滚动推进三个一批,
中博会期间). Each uncovered occurrence of a chosen name, or of its short form (the name
without a leading 第N届 ordinal), becomes a mention of the same entity: same class, the
full name in ``canonical``, offsets of the occurrence itself.

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> st = Pipeline(["lexicon", "grammar", "quoted", "select", "repeats"])(read_text(
...     "第十二届中博会在太原开幕。中博会期间签约项目112个。", doc_id="d"))
>>> [(m.text, m.start, m.canonical) for m in st.mentions if m.core == "Event"]
[('第十二届中博会', 0, None), ('中博会', 13, '第十二届中博会')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.pipeline import DocState, register_component
from kg.records import Mention

__all__ = ["Repeats", "short_form"]

# 第十二届, 第5次: an ordinal that tells one edition from another, dropped in later mentions.
_ORDINAL = re.compile(r"^第[0-9０-９一二三四五六七八九十百零]{1,4}[届次期]")
# Cores whose names are repeated bare; a person's surname alone, or a place's, is not
# handled here (the lexicon knows place short forms).
_CORES = frozenset({"Program", "Project", "Event", "Memorial", "Institution"})


def short_form(name: str) -> str | None:
    """The name without a leading ordinal, or None when it has none (or would be too short).

    Examples
    --------
    >>> short_form("第十二届中博会"), short_form("吕梁山护工")
    ('中博会', None)
    """
    m = _ORDINAL.match(name)
    if m is None or len(name) - m.end() < 3:
        return None
    return name[m.end():]


@register_component("repeats")
class Repeats:
    """Add mentions for later, uncovered occurrences of chosen names (``mentions``)."""

    requires = ("mentions",)
    provides = ("mentions",)

    def __call__(self, state: DocState) -> None:
        text = state.doc.text
        taken = bytearray(len(text))
        for m in state.mentions:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        forms: dict[str, Mention] = {}
        for m in state.mentions:
            if m.nested or m.implied or m.core not in _CORES or len(m.text) < 3:
                continue
            forms.setdefault(m.text, m)
            short = short_form(m.text)
            if short is not None:
                forms.setdefault(short, m)
        added: list[Mention] = []
        # Longest forms first, so a full name is taken before a short form inside it.
        for form in sorted(forms, key=lambda f: (-len(f), f)):
            first = forms[form]
            pos = text.find(form)
            while pos >= 0:
                end = pos + len(form)
                if not any(taken[pos:end]):
                    taken[pos:end] = b"\x01" * len(form)
                    added.append(replace(first, start=pos, end=end, text=form,
                                         rule="repeats:" + first.rule, source="repeats",
                                         canonical=first.canonical or (first.text if form != first.text else None),
                                         confidence=min(first.confidence, 0.7), title=None,
                                         honour=None))
                pos = text.find(form, end)
        if added:
            state.mentions = sorted(state.mentions + added, key=lambda m: (m.start, -m.length))
