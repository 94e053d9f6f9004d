"""People's names next to position titles (市委书记孙大军, 院士何满潮).

A name is a known surname followed by one or two given-name characters, right after a
title; the length is chosen by what follows (说, 表示, 在, punctuation end a name).

Examples
--------
>>> [m.text for m in find_persons("市委副书记、市长张广勇在会上说，院士何满潮表示")]
['张广勇', '何满潮']
>>> [m.text for m in find_persons("县委书记刘志强宣布开工，县长王海强调")]
['刘志强', '王海']
"""

from __future__ import annotations

import functools
import re

import ahocorasick

from kg.extract.pipeline import DocState, register_component
from kg.extract.tokens import word_freq, word_tag
from kg.extract.wordlists import surnames, title_table
from kg.records import Mention

__all__ = ["PersonFinder", "find_persons", "with_executive"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters that follow a name rather than belong to it.
_FOLLOWERS = frozenset("说表指强介在等和与同一为的是对到从向将把被也都就还所带主出任了称讲提")
# ...but these only when they start a word with the next character (刘志强宣布 is 刘志强,
# 刘志强调 is 刘志 + 强调).
_WORD_FOLLOWERS = frozenset("表指强介一主出讲提带")


def _ends_name(text: str, k: int) -> bool:
    ch = text[k]
    if ch not in _FOLLOWERS:
        return False
    return ch not in _WORD_FOLLOWERS or word_freq(text[k:k + 2]) > 100


def with_executive(text: str, start: int, title: str) -> str:
    """The title with 常务 (executive) when the text writes it right before ``start``:
    常务 is no title of its own, so the title list holds 副县长 and the post is 常务副县长.

    Examples
    --------
    >>> with_executive("中央纪委常务副书记韩杼滨", 6, "副书记"), with_executive("中央纪委副书记", 4, "副书记")
    ('常务副书记', '副书记')
    """
    if text.endswith("常务", 0, start) and not title.startswith("常务"):
        return "常务" + title
    return title


@functools.cache
def _title_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for t in title_table():
        auto.add_word(t, t)
    auto.make_automaton()
    return auto


def _name_after(text: str, i: int) -> str | None:
    names = surnames()
    for slen in (2, 1):
        sur = text[i:i + slen]
        if len(sur) == slen and sur in names and all(_CJK.match(c) for c in sur):
            given = ""
            for k in range(i + slen, min(i + slen + 2, len(text))):
                ch = text[k]
                if not _CJK.match(ch) or (given and _ends_name(text, k)):
                    break
                if not given and ch in "的是在和与等":
                    break
                given += ch
            if not given:
                continue
            name = sur + given
            # A common word (主任委员, 书记处) is not a name.
            if word_freq(name) > 50 and word_tag(name) not in ("nr", "nrfg", "nrt"):
                if len(given) == 2 and word_freq(sur + given[0]) == 0:
                    return sur + given[0]
                continue
            return name
    return None


def _titles_at(text: str, k: int) -> list[str]:
    return [t for t in title_table() if len(t) >= 2 and text.startswith(t, k)]


def find_persons(text: str) -> list[Mention]:
    """Names right after a title in ``text``."""
    best: dict[int, str] = {}
    for end_idx, title in _title_automaton().iter(text):
        end = end_idx + 1
        if end not in best or len(title) > len(best[end]):
            best[end] = title
    out = []
    for end, title in sorted(best.items()):
        title = with_executive(text, end - len(title), title)
        # A byline puts a space between title and name (记者 刘亮亮).
        gap = 1 if text[end:end + 1] == " " else 0
        name = _name_after(text, end + gap)
        s0 = end + gap
        # 市长任双组长: a title that starts inside the "name" shows 任 is the verb "serve as".
        if name and any(text.startswith(t, k) for k in range(s0 + 1, s0 + len(name)) for t in _titles_at(text, k)):
            name = None
        if name:
            out.append(Mention(end + gap, end + gap + len(name), name, "Person", "Person",
                               rule=f"grammar:title:{title}", confidence=0.85, title=title))
    # Honorifics after the name: …(北京)何满潮院士团队.
    for m in _NAME_BEFORE_HONOUR.finditer(text):
        name = m.group(1)
        if name[0] in surnames() or name[:2] in surnames():
            if word_freq(name) == 0 or word_tag(name) in ("nr", "nrfg", "nrt"):
                out.append(Mention(m.start(1), m.end(1), name, "Person", "Person",
                                   rule=f"grammar:honour:{m.group(2)}", confidence=0.75,
                                   honour=m.group(2)))
    return sorted(out, key=lambda x: x.start)


# A name right after punctuation or an organisation's head character, before an honorific.
_NAME_BEFORE_HONOUR = re.compile(r"(?<=[)）」”、，。\s学院所校司团])([\u4e00-\u9fff]{2,3}?)(院士|教授|研究员)(?=团队|工作站|领衔|等|，|、|。|表示|指出|说)")


@register_component("persons")
class PersonFinder:
    """Propose people named after a title (``candidates``)."""

    requires = ("doc",)
    provides = ("candidates",)

    def __call__(self, state: DocState) -> None:
        state.candidates.extend(find_persons(state.doc.text))
