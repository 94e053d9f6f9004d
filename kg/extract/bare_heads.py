"""Kind words taken for names: a lone 公司, 中心 or 副县长 is no entity of its own.

News names a body once in full and then calls it by its kind alone (国家能源集团鄂尔多斯分公司
… 公司今年完成了…); the tagger, trained on corpora that mark such words, proposes them as
names. A chosen mention whose whole text is a head word of ``data/heads.tsv`` (two or three
characters: one-character heads are short forms such as 江, longer ones may be names such as
红十字会) stands for the last body of the document so named: it takes that name as its
``canonical`` name and so resolves to the same entity. With no such body before it, it
names nothing and goes. A party or government body named by its level (市委, 区委, 村委会,
管委会) is not a kind word: it is the one body of that level where the text is, a definite
name the level abbreviations read (:mod:`kg.extract.abbreviations`), and stays. A mention whose text is a post title (``data/titles.tsv``: 副县长,
主任) names nobody and goes as well; the government a title implies (``implied:`` mentions)
carries its body's name and stays.

Examples
--------
>>> from kg.records import Mention
>>> body = Mention(0, 13, "国家能源集团鄂尔多斯分公司", "Institution", "Company", rule="grammar:head:分公司")
>>> kind = Mention(16, 18, "公司", "Institution", "Company", rule="tagger:crf:ORG")
>>> [(m.text, m.canonical) for m in resolve_bare_heads([body, kind])]
[('国家能源集团鄂尔多斯分公司', None), ('公司', '国家能源集团鄂尔多斯分公司')]
>>> [m.text for m in resolve_bare_heads([kind])]  # no body so named before it
[]
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.pipeline import DocState, register_component
from kg.extract.wordlists import head_table, title_table
from kg.records import Mention

__all__ = ["BareHeads", "is_bare_head", "resolve_bare_heads"]

# A program is often named by its kind word itself (退耕还林, 脱贫攻坚), and a person's
# name is never a kind word, so only these cores are checked.
_CORES = frozenset({"Place", "Institution", "Memorial", "Project", "Event"})
# Head classes of bodies named by their level (see the module docstring).
_LEVEL_BODIES = frozenset({"PartyOrgan", "GovernmentBody"})


def is_bare_head(name: str) -> bool:
    """Whether ``name`` is a kind word alone (a head of two or three characters, not a body
    named by its level) or a title.

    Examples
    --------
    >>> is_bare_head("公司"), is_bare_head("合作社"), is_bare_head("副县长")
    (True, True, True)
    >>> is_bare_head("国家能源集团"), is_bare_head("红十字会"), is_bare_head("江"), is_bare_head("区委")
    (False, False, False, False)
    """
    head = head_table().get(name)
    kind_word = 2 <= len(name) <= 3 and head is not None and head.cls not in _LEVEL_BODIES
    return kind_word or name in title_table()


def resolve_bare_heads(mentions: list[Mention]) -> list[Mention]:
    """The mentions, each bare head pointed at the last body so named and each title
    dropped (see the module docstring).

    Parameters
    ----------
    mentions : list of Mention
        Chosen mentions, sorted by start.

    Returns
    -------
    list of Mention
        The same order; a bare head with no named body before it is left out.

    Examples
    --------
    >>> a = Mention(0, 6, "十八洞研究院", "Institution", "ResearchInstitute")
    >>> b = Mention(9, 12, "研究院", "Institution", "ResearchInstitute")
    >>> c = Mention(14, 17, "副县长", "Institution", "GovernmentBody")
    >>> [(m.text, m.canonical) for m in resolve_bare_heads([a, b, c])]
    [('十八洞研究院', None), ('研究院', '十八洞研究院')]
    """
    out: list[Mention] = []
    # the last named mention of each (core, head), as the text goes
    last: dict[tuple[str, str], Mention] = {}
    heads = head_table()
    for m in mentions:
        bare = (m.core in _CORES and not m.implied and m.canonical is None and m.ref is None
                and is_bare_head(m.text))
        if not bare:
            out.append(m)
            if not m.implied and len(m.text) > 3:
                for k in (2, 3):
                    if m.text[-k:] in heads:
                        last[(m.core, m.text[-k:])] = m
            continue
        named = last.get((m.core, m.text)) if m.text in heads else None
        if named is not None:
            out.append(replace(m, canonical=named.canonical or named.text, ref=named.ref,
                               rule="anaphor:" + m.rule))
    return out


@register_component("bare-heads")
class BareHeads:
    """Point bare head words at the body they stand for; drop titles taken for names
    (``mentions``)."""

    requires = ("mentions",)
    provides = ("mentions",)

    def __call__(self, state: DocState) -> None:
        state.mentions = resolve_bare_heads(state.mentions)
