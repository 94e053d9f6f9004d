"""What each chosen mention does in its document's graph, decided before the RDF stage.

A mention names its entity in the document, and then the entity is one the document
mentions (``lv:mentionedIn``), unless it is implied by the text (市长 → the city
government) or it is a name found inside a longer name. A place inside a memorial's or a
project's name is where that thing stands (石楼 in 石楼红军东征纪念馆): the document speaks
of it. Inside other names it is part of a proper name (深圳 in 中科院深圳先进技术研究院,
长三角 in 长三角地区): it gets no mention node of its own, and the relations it takes part in
cite the mention of the name that holds it.

Examples
--------
>>> from kg.extract.pipeline import Pipeline
>>> from kg.text import read_text
>>> state = Pipeline(["lexicon", "grammar", "select"])(read_text("兴县经开区开工。", doc_id="d"))
>>> rd = resolved_document(state)
>>> [(m.text, i in rd.own) for i, m in enumerate(rd.mentions)]
[('兴县经开区', True), ('兴县', False)]
>>> rd.cited
{(0, 2): (0, 5)}
"""

from __future__ import annotations

from kg.extract.pipeline import DocState
from kg.extract.select import container_finder, is_top_level, outer_names
from kg.records import Mention, ResolvedDocument

__all__ = ["resolved_document"]

#: Core types of the names a place inside them sites (see the module docstring).
_SITED_CORES = frozenset({"Memorial", "Project"})


def resolved_document(state: DocState) -> ResolvedDocument:
    """The :class:`~kg.records.ResolvedDocument` of an extracted document: its mentions,
    statements and observations, and the role of each mention (see the module docstring)."""
    mentions = state.mentions
    named = _named_in_place_names(mentions)
    own = frozenset(i for i, m in enumerate(mentions) if _is_own(m, named))
    outer_of = container_finder(outer_names(mentions))
    cited: dict[tuple[int, int], tuple[int, int]] = {}
    for i, m in enumerate(mentions):
        if m.nested and i not in own:
            outer = outer_of(m)
            if outer is not None:
                cited[m.span] = outer.span
    return ResolvedDocument(state.doc, mentions, state.statements, state.observations, own, cited)


def _named_in_place_names(mentions: list[Mention]) -> set[tuple[int, int]]:
    """Spans of nested places whose outer mention is a sited thing (see the module docstring)."""
    outers = outer_names(mentions)
    find = container_finder(outers)
    # Names inside an outer name (a body inside a project's name: 华为|山西（吕梁）大数据中心).
    outer_ids = {id(o) for o in outers}
    inner = [m for m in mentions if is_top_level(m) and id(m) not in outer_ids]
    out: set[tuple[int, int]] = set()
    for m in mentions:
        if not m.nested:
            continue
        outer = find(m)
        if outer is not None and outer.core in _SITED_CORES and not any(
                b.start <= m.start and m.end <= b.end for b in inner):  # 山西 of 山西焦煤…公司
            out.add((m.start, m.end))
    return out


def _is_own(m: Mention, named: set[tuple[int, int]]) -> bool:
    """Whether ``m`` makes its entity one the document mentions (``lv:mentionedIn``)."""
    if m.implied:
        return False
    return not m.nested or (m.start, m.end) in named
