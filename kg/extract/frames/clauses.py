"""What the clause frames share: clause bounds, lists of names, what a clause is about.

:func:`list_from` and :func:`list_before` read lists of names (``A、B和C``) after or
before a position; :func:`thing_before` finds the runnable thing (program, project,
event, memorial or site) a clause is about, also through a demonstrative (``该项目``).

Examples
--------
>>> from kg.records import Mention
>>> a, b = Mention(0, 2, "兴县", "Place", "County"), Mention(3, 5, "临县", "Place", "County")
>>> [m.text for m in list_from("兴县、临县有", {0: [a], 3: [b]}, 0, lambda m: True)]
['兴县', '临县']
>>> clause_start("甲，乙丙", 3)
2
"""

from __future__ import annotations

import re

from kg.extract.brackets import alias_end
from kg.extract.relations import PLACE_LEVEL, SITE_CLASSES
from kg.records import Mention

__all__ = [
    "CLAUSE_END",
    "SENT_END",
    "clause_start",
    "level",
    "list_before",
    "list_from",
    "runnable",
    "thing_before",
]

_RUNNABLE = frozenset({"Program", "Project", "Event", "Memorial"})
CLAUSE_END = "，,；;。！？!?\n"
SENT_END = "。！？!?\n"


_PART_OF = re.compile(r"(?:中|之中)?的(?:一段|一部分|一期|一期工程)|之一")


_LIST_GLUE = re.compile(r"^(?:、|和|及|与|以及|，)$")
# 该项目, 本次活动, 此次大会: a demonstrative standing for the last thing of its kind.
_ANAPHOR = re.compile(r"(?:该|本次|此次|这次|本届|这一|这个|本)[\u4e00-\u9fff]{0,3}?(项目|工程|活动|会|节|赛|展|"
                      r"论坛|纪念馆|基地|平台|计划|行动)(?![\u4e00-\u9fff]*[的之])")
# The kind of thing a demonstrative's head noun names.
_ANAPHOR_CORE = {"会": ("Event",), "节": ("Event",), "赛": ("Event",), "展": ("Event",), "论坛": ("Event",),
                 "活动": ("Event",), "纪念馆": ("Memorial",), "计划": ("Program",), "行动": ("Program",),
                 # 该工程由国家电网建设运营: a project or programme, never the place it starts from
                 "项目": ("Project",), "工程": ("Project", "Program")}


_BARE_SUBJECT = re.compile(r"(项目|工程|论坛|研讨会|大会|会议|博览会|展览会|文化节|艺术节|比赛|大赛|活动|研究院|纪念馆|旧址)(?=由|隶属)")


def level(m: Mention) -> int | None:
    """The administrative level of a place mention (``None`` for anything else)."""
    return PLACE_LEVEL.get(m.cls) if m.core == "Place" else None


def runnable(m: Mention) -> bool:
    """Whether ``m`` is something run or built: a program, project, event, memorial or site."""
    return m.core in _RUNNABLE or (m.core == "Place" and m.cls in SITE_CLASSES)


def list_from(text: str, starts: dict[int, list[Mention]], pos: int, ok) -> list[Mention]:
    """Mentions accepted by ``ok`` listed from ``pos`` on (A、B和C), first of each start."""
    out: list[Mention] = []
    while True:
        while text[pos:pos + 1] in ("“", "《", "「"):
            pos += 1
        m = next((x for x in starts.get(pos, ()) if ok(x)), None)
        if m is None:
            return out
        out.append(m)
        pos = m.end
        while text[pos:pos + 1] in ("”", "》", "」"):
            pos += 1
        # A、B（b）和C: the list goes on after a member's short name in brackets.
        pos = alias_end(text, pos)
        glue = next((g for g in ("以及", "、", "和", "及", "与") if text.startswith(g, pos)), None)
        if glue is None:
            return out
        pos += len(glue)


def list_before(text: str, top: list[Mention], end: int, ok) -> list[Mention]:
    """Mentions accepted by ``ok`` listed right before ``end`` (A、B和C|end), in order."""
    out: list[Mention] = []
    pos = end
    for m in reversed([x for x in top if x.end <= end]):
        gap = text[m.end:pos].strip("”》」“《「")
        if out and not _LIST_GLUE.match(gap):
            break
        if not out and gap:
            break
        if not ok(m):
            break
        out.append(m)
        pos = m.start
    return out[::-1]


def clause_start(text: str, pos: int, stops: str = CLAUSE_END) -> int:
    """Where the clause (or, with ``stops=SENT_END``, the sentence) holding ``pos`` begins."""
    while pos > 0 and text[pos - 1] not in stops:
        pos -= 1
    return pos


def thing_before(text: str, top: list[Mention], pos: int) -> Mention | None:
    """What a 由/隶属 clause ending at ``pos`` is about: the last runnable thing named in
    its sentence, else the one a demonstrative of the sentence stands for."""
    s0 = clause_start(text, pos, SENT_END)
    # Not a whole named only to place a part of it (…三亚高速公路中的一段，由…承建).
    inside = [m for m in top if s0 <= m.start and m.end <= pos and runnable(m)
              and not _PART_OF.match(text, m.end)]
    ana = _ANAPHOR.search(text, s0, pos)
    if inside and (ana is None or inside[-1].start > ana.start()):
        return inside[-1]
    if ana is not None:
        head = ana.group(1)
        core = _ANAPHOR_CORE.get(head)
        # 该工程, 该项目: the last thing named with that head (not any project before it).
        named = head in ("项目", "工程")
        return next((m for m in reversed(top) if m.end <= s0 and s0 - m.end < 400 and runnable(m)
                     and (core is None or m.core in core) and (not named or m.text.endswith(head))), None)
    # 项目由湖南省高速公路集团有限公司投资建设: a sentence opening with a bare head noun
    # (项目, 论坛) is about the last thing named with that head, a paragraph at most before.
    bare = _BARE_SUBJECT.match(text, s0)
    if not inside and bare is not None and bare.end() <= pos:
        return next((m for m in reversed(top) if m.end <= s0 and s0 - m.end < 400 and runnable(m)
                     and m.text.endswith(bare.group(1))), None)
    return None
