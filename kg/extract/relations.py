"""Relations read from the form of names and their neighbours.

* a name that contains a place is located in it (兴县经开区 → 兴县);
* a place right after a larger one is located in it (兴县蔡家崖 → 蔡家崖 in 兴县);
* ``X位于/坐落于/地处Y`` and ``坐落(在)Y的X``.

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> state = Pipeline(["lexicon", "grammar", "select", "relations"])(
...     read_text("兴县经开区铝镁新材料产业园区开工。", doc_id="d"))
>>> sorted({(s.subject.text, s.predicate, s.object.text) for s in state.statements})
[('兴县经开区铝镁新材料产业园区', 'locatedIn', '兴县')]
"""

from __future__ import annotations

import re

from kg.extract.pipeline import DocState, register_component
from kg.records import Mention, Statement

__all__ = ["RelationFinder", "PLACE_LEVEL"]

#: Administrative level of place classes: a smaller number contains a larger one.
PLACE_LEVEL = {"Country": 0, "Province": 1, "Region": 1, "City": 2, "County": 3, "District": 3,
               "CountyLevelCity": 3, "DevelopmentZone": 4, "Township": 4, "Village": 5,
               "Street": 5, "ScenicArea": 5, "Facility": 5}
_LOCATED = re.compile(r"(位于|坐落于|坐落在|坐落|地处|地处于)$")


def _level(m: Mention) -> int | None:
    return PLACE_LEVEL.get(m.cls) if m.core == "Place" else None


def _located(state: DocState, sub: Mention, obj: Mention, rule: str, conf: float) -> None:
    sent = state.doc.sentence_at(sub.start)
    idx = state.doc.sentences.index(sent) if sent else -1
    state.statements.append(Statement(sub, "locatedIn", obj, idx, rule, conf))


_ORG_ROLE_PREFIX = ("市委", "县委", "省委", "区委", "市政府", "县政府", "省政府")


@register_component("relations")
class RelationFinder:
    """Add ``statements`` read from name structure and locative patterns."""

    requires = ("mentions",)
    provides = ("statements",)

    def __call__(self, state: DocState) -> None:
        text = state.doc.text
        ms = state.mentions
        top = [m for m in ms if not m.rule.startswith("nested")]
        for m in ms:
            if not m.rule.startswith("nested"):
                continue
            outer = next((o for o in top if o.start <= m.start and m.end <= o.end), None)
            if outer is not None:
                _located(state, outer, m, "relation:name-contains-place", 0.9)
        for a, b in zip(top, top[1:]):
            la, lb = _level(a), _level(b)
            if b.start == a.end and la is not None and b.core in ("Place", "Memorial", "Institution", "Project"):
                if lb is None or la < lb:
                    _located(state, b, a, "relation:adjacent-place", 0.8)
        self._positions(state, top)
        for i, m in enumerate(top):
            if m.core != "Place":
                continue
            before = text[max(0, m.start - 4):m.start]
            if _LOCATED.search(before):
                # 坐落(在)Y的X: the thing after 的; X位于Y: the thing before the verb.
                nxt = next((n for n in top[i + 1:i + 3] if text[m.end:n.start] in ("的", "")
                            and n.core in ("Memorial", "Institution", "Project", "Place")), None)
                if nxt is not None and nxt.start > m.end:
                    _located(state, nxt, m, "relation:located-pattern", 0.85)
                    continue
                verb = _LOCATED.search(before)
                prev = next((p for p in reversed(top[:i]) if p.end <= m.start - len(verb.group(0))), None)
                if prev is not None and m.start - len(verb.group(0)) - prev.end <= 1:
                    _located(state, prev, m, "relation:located-pattern", 0.85)

    @staticmethod
    def _positions(state: DocState, top: list[Mention]) -> None:
        """吕梁市委书记孙大军: the organisation right before the title the person holds."""
        orgs = [m for m in top if m.core == "Institution"]
        for p in top:
            if p.core != "Person" or not p.rule.startswith("grammar:title:"):
                continue
            title = p.rule.rsplit(":", 1)[1]
            t0 = p.start - len(title)
            # The title may overlap the organisation's name (吕梁市委|书记 read as 市委书记).
            org = next((o for o in orgs if t0 <= o.end <= p.start and o.end > t0 - 1
                        and title.endswith(state.doc.text[o.end:p.start])), None)
            if org is None:
                continue
            if org.end > t0:
                role = title
            else:
                prefix = next((x for x in _ORG_ROLE_PREFIX if org.text.endswith(x)), "")
                role = prefix + title
            sent = state.doc.sentence_at(p.start)
            idx = state.doc.sentences.index(sent) if sent else -1
            state.statements.append(Statement(p, "heldPosition", org, idx, "relation:org-title-name",
                                              0.85, role=role))
