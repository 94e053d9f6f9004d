"""Relations stated by clause frames of Chinese news, beyond name form and adjacency.

* operators: ``Y由A(、B)主办/承办/运营/建设/管理…``, ``由A主办的Y``, ``Y隶属于A``,
  ``主办单位：A`` (Y the program, project, event, memorial or site the clause is about;
  ``该项目``, ``本次活动`` stand for the last one named);
* containment: ``A境内(的)B、C``, ``A辖B、C``, ``A(内|里|中)的B``, ``A的B、C`` after a
  division, a natural or scenic area written right before a site (``卦山天宁寺``), and a
  cooperative named after its village;
* positions: a person with an apposition (``王晓明，大同市教育局局长，``), a person
  taking up a post (``王晓明任大同市教育局局长``) and lists
  (``张建国、李红梅分别任太原市教育局局长、副局长``), a division's head in its named
  government (``湘西州州长`` → ``湘西州人民政府``) and a bare head noun before a title
  standing for the last body so named (``医院院长``).

Each kind of frame is a module: :mod:`~kg.extract.frames.operators`,
:mod:`~kg.extract.frames.containment`, :mod:`~kg.extract.frames.positions`; what they
share (lists of names, clause bounds, what a clause is about) is
:mod:`~kg.extract.frames.clauses`.

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> st = Pipeline(["lexicon", "grammar", "quoted", "select", "frames"])(read_text(
...     "平遥古城境内有双林寺。", doc_id="d"))
>>> [(s.subject.text, s.predicate, s.object.text, s.rule) for s in st.statements]
[('双林寺', 'locatedIn', '平遥古城', 'frames:within')]
"""

from __future__ import annotations

from kg.extract.frames.clauses import SENT_END
from kg.extract.frames.containment import containment, seat
from kg.extract.frames.operators import operators
from kg.extract.frames.positions import bare_head_posts, government_heads, listed_holders, positions, renamed
from kg.extract.pipeline import DocState, register_component
from kg.records import Mention, Statement

__all__ = ["ClauseFrames"]


@register_component("frames")
class ClauseFrames:
    """Add ``statements`` read from clause frames (operators, containment, positions)."""

    requires = ("mentions",)
    provides = ("statements",)

    def __call__(self, state: DocState) -> None:
        text = state.doc.text
        # A span across a full stop (健康研究院。研究院) is no name a frame can hold.
        top = [m for m in state.mentions if not m.nested and not m.implied
               and not any(ch in SENT_END for ch in m.text)]
        starts: dict[int, list[Mention]] = {}
        for m in top:
            starts.setdefault(m.start, []).append(m)
        found: list[tuple[Mention, str, Mention, str, float, str | None]] = []
        nested = [m for m in state.mentions if m.nested and m.core == "Place"]

        def places_in(m: Mention) -> list[Mention]:
            return [p for p in nested if m.start <= p.start and p.end <= m.end]

        operators(text, top, starts, found, places_in)
        containment(text, top, starts, found, places_in)
        positions(text, top, starts, found)
        government_heads(text, top, found)
        bare_head_posts(text, top, found)
        listed_holders(text, top, state.statements, found)
        renamed(text, top, starts, found)
        seat(text, top, found)
        seen = {(s.subject.span, s.predicate, s.object.span) for s in state.statements}
        for sub, pred, obj, rule, conf, role in found:
            key = (sub.span, pred, obj.span)
            if sub is obj or key in seen or (sub.text == obj.text and sub.parent == obj.parent):
                continue
            seen.add(key)
            idx = state.doc.sentence_index_at(sub.start)
            state.statements.append(Statement(sub, pred, obj, idx, f"frames:{rule}", conf, role=role))
