"""Reference places: each entry and the places containing it, once, with ids."""

from __future__ import annotations

from kg.extract.reference import reference_lexicon
from kg.resolve import entries_by_id, reference_id, reference_nodes


def test_shared_ancestors_are_written_once():
    lex = reference_lexicon()
    xing = lex.entries[lex.surfaces["兴县"][0]]
    nodes = reference_nodes([lex.entries["adcode:141100000000"], xing])
    ids = [n.id for n in nodes]
    assert ids == ["lvliangshi", "shanxisheng", reference_id(xing)]
    assert nodes[-1].parent == "lvliangshi" and nodes[1].parent is None


def test_every_entry_is_found_by_its_id():
    by_id = entries_by_id()
    assert all(by_id[reference_id(e)] is e for e in list(reference_lexicon().entries.values())[:500])
