"""Type constraints on relations: what a relation's two ends can be, whatever rule read it.

The relation rules read sentences (A位于B, 在B的A, 地处B); some readings give an end that
cannot take part in the relation whatever the sentence says:

* a river contains nothing: what lies on it lies by it (屈原滩位于沅水 is a shoal of the
  river; 地处黄河“几字弯”腹地 places a region along the river, not in it);
* a river or mountain range the reference knows with no containing division (黄河, 吕梁山)
  runs through many counties and lies in none of them (位于武陟县黄河岸边 does not put
  黄河 in 武陟县); a city may still hold it (桂林漓江), as the reference does not tell a
  long river from a short one;
* a one-character name with no reference entry is a short form read inside a compound
  (中 of 地处中缅边境, 国 of 国共合作), not a place or body of its own;
* a post title (副县长) or a lone kind word (公司) is no organisation a person holds a post in;
* nothing stands in a relation with itself (在泸溪县，…泸溪县 read as 泸溪县 in 泸溪县).

A venue said by its one-character short name (在京举行) is still where an event is held.

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> st = Pipeline()(read_text("屈原滩位于沅水中游。", doc_id="d"))
>>> [(s.subject.text, s.object.text) for s in st.statements if s.predicate == "locatedIn"]
[]
"""

from __future__ import annotations

import re

from kg.extract.bare_heads import is_bare_head
from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import reference_lexicon
from kg.records import Mention, Statement

__all__ = ["RelationConstraints", "admissible"]

# A river by its form, when no reference entry says what it is: …河, …江, or an old
# two-character name in 水 (沅水, 汉水); a division of such a name (镇江, 丽水) has its entry.
_RIVER_FORM = re.compile(r"[\u4e00-\u9fff]{1,6}[河江]|[\u4e00-\u9fff]水")
_RANGES = frozenset({"River", "Mountain"})
# Divisions below a city: too small to hold a river or range the reference puts in none.
_BELOW_CITY = frozenset({"County", "District", "CountyLevelCity", "Township", "Village"})
# Predicates whose object may be named by a one-character short form (在京举行).
_SHORT_FORM_OK = frozenset({"heldAt"})


def _is_river(m: Mention) -> bool:
    if m.ref is not None:
        return m.cls == "River"
    return m.cls == "River" or (m.core == "Place" and _RIVER_FORM.fullmatch(m.text) is not None)


def _spans_counties(m: Mention, place: Mention) -> bool:
    """A river or mountain range the reference places in no division, said to lie in a
    division below a city."""
    entry = reference_lexicon().entries.get(m.ref) if m.ref else None
    return entry is not None and entry.cls in _RANGES and entry.parent is None and place.cls in _BELOW_CITY


def _short_form(m: Mention) -> bool:
    return len(m.text) == 1 and m.ref is None and m.canonical is None


def _same(a: Mention, b: Mention) -> bool:
    if a.ref is not None and b.ref is not None:
        return a.ref == b.ref
    if (a.canonical or a.text) != (b.canonical or b.text):
        return False
    # one name read twice, once linked and once by its form (东胜区 as a district and a zone);
    # two places of one name under different divisions (湄潭县|永兴镇, 名山区|永兴镇) are two
    return a.ref is not None or b.ref is not None or a.parent == b.parent


def admissible(st: Statement) -> bool:
    """Whether a statement's two ends can stand in its relation (see the module docstring).

    Parameters
    ----------
    st : Statement
        A statement read by a relation rule.

    Returns
    -------
    bool
        False when an end is of a kind the relation does not take.

    Examples
    --------
    >>> a = Mention(0, 3, "屈原滩", "Place", "Place")
    >>> b = Mention(5, 7, "沅水", "Place", "Place")
    >>> admissible(Statement(a, "locatedIn", b, 0, "x")), admissible(Statement(b, "locatedIn", a, 0, "x"))
    (False, True)
    >>> c = Mention(9, 12, "泸溪县", "Place", "County", ref="adcode:433122000000")
    >>> admissible(Statement(c, "locatedIn", c, 0, "x"))
    False
    >>> p = Mention(0, 3, "韩学义", "Person", "Person")
    >>> admissible(Statement(p, "heldPosition", Mention(4, 7, "副县长", "Institution", "Institution"), 0, "x"))
    False
    """
    sub, obj = st.subject, st.object
    if _same(sub, obj):
        return False
    if st.predicate not in _SHORT_FORM_OK and (_short_form(sub) or _short_form(obj)):
        return False
    if st.predicate == "locatedIn":
        return not _is_river(obj) and not _spans_counties(sub, obj)
    if st.predicate == "heldPosition":
        return not (obj.canonical is None and obj.ref is None and is_bare_head(obj.text))
    return True


@register_component("constraints")
class RelationConstraints:
    """Drop ``statements`` whose ends the relation cannot take (:func:`admissible`)."""

    requires = ("statements",)
    provides = ("statements",)

    def __call__(self, state: DocState) -> None:
        state.statements = [s for s in state.statements if admissible(s)]
