"""Type a name into the ontology by its head noun, with the tagger's coarse label as fallback.

A Chinese name ends in the word that says what it is (晋绥边区革命**纪念馆**, 太原理工**大学**,
天宁**寺**), so the longest known head at the end of a span gives its class
(``kg/extract/data/heads.tsv``). The tagger's label decides when there is no head, and a head
whose core class contradicts the label outright (a person's name ending in 山) is ignored.

Examples
--------
>>> classify("晋绥边区革命纪念馆", "LOC").cls
'MemorialHall'
>>> classify("太原理工大学", "ORG").core
'Institution'
>>> classify("王家山", "PER").cls       # a person, whatever the last character says
'Person'
>>> classify("上海国际博览中心", "LOC").core   # 中心 is too weak a head to overrule the label
'Place'
>>> classify("北京", "LOC")
Typed(cls='Place', core='Place', head=None, weight=0.0)
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.reference import core_of
from kg.extract.wordlists import head_table

__all__ = ["LABEL_CORE", "RETYPE_WEIGHT", "Typed", "classify", "head_of"]

#: The tagger's labels and the core class each means when the name has no known head.
LABEL_CORE = {"PER": "Person", "LOC": "Place", "ORG": "Institution"}

# Cores a head may give to a span of each label. A LOC may turn out to be a memorial, a
# project or an event's venue name; an ORG rarely names a place (its head would say so).
_ALLOWED = {
    "LOC": frozenset({"Place", "Memorial", "Project", "Event", "Institution"}),
    "ORG": frozenset({"Institution", "Memorial", "Project", "Event", "Program", "Place"}),
    "PER": frozenset({"Person"}),
}


_LABEL_CORES = frozenset(LABEL_CORE.values())
#: A head moves a span from one of the tagger's classes to another (place to institution)
#: only when it is this reliable (heads.tsv weight):
#: 大学 (0.9) makes a tagged place an institution; 中心 (0.6) does not, since 博览中心 and
#: 华贸中心 are as often buildings as bodies, and 堡 (0.4) ends clubs (沃尔夫斯堡) as well.
RETYPE_WEIGHT = 0.7


@dataclass(frozen=True, slots=True)
class Typed:
    cls: str
    core: str
    head: str | None
    weight: float


def head_of(name: str, *, max_len: int = 8):
    """The longest head-table entry that ends ``name`` and is shorter than it, or None.

    Examples
    --------
    >>> head_of("卦山书院").head
    '书院'
    """
    heads = head_table()
    for k in range(min(len(name) - 1, max_len), 0, -1):
        h = heads.get(name[-k:])
        if h is not None:
            return h
    return None


def classify(name: str, label: str) -> Typed:
    """The ontology class of a span the tagger labelled ``label`` (PER, LOC or ORG)."""
    core = LABEL_CORE[label]
    if label != "PER":
        h = head_of(name)
        if h is not None and core_of(h.cls) in _ALLOWED[label] and (
                core_of(h.cls) not in _LABEL_CORES - {core} or h.weight >= RETYPE_WEIGHT):
            return Typed(h.cls, core_of(h.cls), h.head, h.weight)
    return Typed(core, core, None, 0.0)
