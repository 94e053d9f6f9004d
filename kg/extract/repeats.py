"""Names said again: later occurrences of a chosen name, its short form, and its aliases.

A news article names a thing in full once (“三个一批”, 第十二届中博会) and then repeats it,
often without the quotes or the ordinal that made it recognisable (滚动推进三个一批,
中博会期间). Each uncovered occurrence of a chosen name, or of its short form (the name
without a leading 第N届 ordinal), becomes a mention of the same entity: same class, the
full name in ``canonical``, offsets of the occurrence itself.

An alias given with the name (``吕梁一中（黄冈中学吕梁学校）``, ``A，简称B``, ``A（以下简称“B”）``)
names the same thing: its mention gets the name in ``canonical``, so both resolve to one
entity. A name whose span swallowed the opening bracket of its alias (``吕梁一中(黄冈中学吕梁学校``
followed by ``)``) is split into the two, and so is a company's name run together with the
site it runs (``东义集团煤气化有限公司鑫岩煤矿``).

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

from kg.extract.brackets import qualified_names
from kg.extract.pipeline import DocState, register_component
from kg.records import Mention

__all__ = ["Repeats", "short_form", "aliases", "split_owner", "strip_descriptions"]

# 第十二届, 第5次: an ordinal that tells one edition from another, dropped in later mentions.
_ORDINAL = re.compile(r"^第[0-9０-９一二三四五六七八九十百零]{1,4}[届次期]")
# Cores whose names are repeated bare: a town or a scenic site the tagger found once
# (边城镇) is the same place when the text names it again in a title (边城镇党委书记…);
# a person's surname alone is not handled here, nor a place's short form (the lexicon
# knows those).
_CORES = frozenset({"Program", "Project", "Event", "Memorial", "Institution", "Place"})


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


# Between a name and an alias it is given: an opening bracket, 简称, 又称 …
# (A comma alone gives none: 在凤凰县，竹山村… names two places.)
_ALIAS_GAP = re.compile(r"(?:[（(]|[（(，,]?(?:以下)?(?:简称|又称|又名|亦称|俗称))[“\"]?$")
_OPEN = "(（"
_CLOSE = ")）"


# 东义集团煤气化有限公司|鑫岩煤矿: a company's name, then the site it runs.
_OWNER_SITE = re.compile(r"^(.{2,}?(?:有限责任公司|股份有限公司|有限公司|集团公司|公司))"
                         r"([\u4e00-\u9fff]{2,10}(?:煤矿|矿井|电厂|电站|工厂|车间|生产线))$")


# Words that describe a name without being part of it: 革命老区沂蒙山区…, 著名的平遥古城.
_DESCRIPTION = re.compile(r"^(?:革命老区|老区|著名的|著名|知名的|闻名的|位于[^的]{1,10}的)")


def strip_descriptions(mentions: list[Mention]) -> list[Mention]:
    """Take a description written before a name off the name's span.

    Examples
    --------
    >>> m = Mention(5, 21, "革命老区沂蒙山区孟良崮战役纪念馆", "Memorial", "MemorialHall")
    >>> [(x.text, x.start) for x in strip_descriptions([m])]
    [('沂蒙山区孟良崮战役纪念馆', 9)]
    """
    out = []
    for m in mentions:
        d = _DESCRIPTION.match(m.text) if not m.ref else None
        if d is not None and len(m.text) - d.end() >= 2:
            m = replace(m, start=m.start + d.end(), text=m.text[d.end():],
                        canonical=m.canonical[d.end():] if m.canonical and m.canonical.startswith(d.group(0)) else m.canonical)
        out.append(m)
    return out


def split_owner(mentions: list[Mention]) -> list[Mention]:
    """Split a company's name followed by the name of a site it runs into the two.

    Examples
    --------
    >>> m = Mention(0, 14, "大同煤业集团有限公司塔山煤矿", "Institution", "Enterprise")
    >>> [(x.text, x.core, x.start) for x in split_owner([m])]
    [('大同煤业集团有限公司', 'Institution', 0), ('塔山煤矿', 'Institution', 10)]
    """
    out = []
    for m in mentions:
        mt = _OWNER_SITE.match(m.text) if m.core == "Institution" and not m.nested else None
        if mt is None:
            out.append(m)
            continue
        k = m.start + mt.end(1)
        out.append(replace(m, end=k, text=mt.group(1), canonical=None, ref=None))
        # The site keeps the company's typing (a mine is an enterprise of its own), as its
        # name alone is typed elsewhere in the text.
        out.append(replace(m, start=k, text=mt.group(2), canonical=None, ref=None,
                           rule="split-owner:" + m.rule))
    return sorted(out, key=lambda m: (m.start, -m.length))


def aliases(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with each alias given with a name pointed at that name (``canonical``).

    Parameters
    ----------
    text : str
        The document text the mentions index.
    mentions : list of Mention
        Chosen mentions, sorted by start.

    Returns
    -------
    list of Mention
        Sorted by start; a name that swallowed its alias's bracket is split in two.

    Examples
    --------
    >>> a = Mention(0, 9, "长治一中(太行中学", "Institution", "School")
    >>> [(m.text, m.canonical) for m in aliases("长治一中(太行中学)开学。", [a])]
    [('长治一中', None), ('太行中学', '长治一中')]
    >>> a, b = Mention(0, 6, "太原理工大学", "Institution", "University"), \\
    ...     Mention(9, 12, "理工大", "Institution", "University")
    >>> [(m.text, m.canonical) for m in aliases("太原理工大学（简称理工大）", [a, b])]
    [('太原理工大学', None), ('理工大', '太原理工大学')]
    """
    out: list[Mention] = []
    for m in mentions:
        k = max(m.text.rfind("("), m.text.rfind("（"))
        if (k >= 2 and len(m.text) - k > 2 and not any(c in m.text[k:] for c in _CLOSE)
                and text[m.end:m.end + 1] in _CLOSE and not m.nested):
            name = replace(m, end=m.start + k, text=m.text[:k], canonical=None, ref=None)
            out.append(name)
            out.append(replace(m, start=m.start + k + 1, text=m.text[k + 1:], canonical=name.text, ref=None,
                               rule="alias:" + m.rule))
            continue
        out.append(m)
    top = [m for m in out if not m.nested]
    by_end = {m.end: m for m in top}
    result = []
    for m in out:
        if not m.nested and m.canonical is None and m.ref is None:
            for lo in range(max(0, m.start - 8), m.start):
                a = by_end.get(lo)
                if (a is not None and a.core == m.core and a is not m and _ALIAS_GAP.match(text[lo:m.start])
                        and (text[lo] not in _OPEN or text[m.end:m.end + 2].lstrip("”\"")[:1] in _CLOSE)):
                    m = replace(m, canonical=a.canonical or a.text, rule="alias:" + m.rule)
                    break
        result.append(m)
    # The alias said again later is still the same entity.
    named = {(m.core, m.text): m.canonical for m in result if m.rule.startswith("alias:")}
    result = [replace(m, canonical=named[(m.core, m.text)])
              if m.canonical is None and m.ref is None and (m.core, m.text) in named else m
              for m in result]
    return sorted(result, key=lambda m: (m.start, -m.length))


@register_component("repeats")
class Repeats:
    """Add mentions for later, uncovered occurrences of chosen names (``mentions``)."""

    requires = ("mentions",)
    provides = ("mentions",)

    def __call__(self, state: DocState) -> None:
        text = state.doc.text
        state.mentions = aliases(text, split_owner(strip_descriptions(qualified_names(text, state.mentions))))
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
            # an occurrence found only now may be the alias given with a name (长治一中（太行中学）
            # when the tagger saw 太行中学 only later in the text)
            state.mentions = aliases(text, sorted(state.mentions + added, key=lambda m: (m.start, -m.length)))
