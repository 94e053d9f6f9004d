"""Resolution against entities a graph already holds: ids reused by identity key, taken slugs
disambiguated as in a full build."""

from __future__ import annotations

from kg.records import Mention
from kg.resolve import StoredEntity, group_key, resolve, resolve_against

MINE = Mention(0, 4, "鑫鑫煤矿", "Institution", "Enterprise")


def test_an_entity_of_the_graph_keeps_its_id_label_and_class():
    old = StoredEntity("xinxinmeikuang-abc", frozenset({"Enterprise"}), frozenset({"鑫鑫煤矿"}), frozenset())
    ents, index, reused = resolve_against({"d": [MINE]}, [old], {"xinxinmeikuang-abc"})
    assert [(e.id, e.label, e.cls) for e in ents] == [("xinxinmeikuang-abc", "鑫鑫煤矿", "Enterprise")]
    assert index == {("d", 0, 4): "xinxinmeikuang-abc"} and reused == 1


def test_a_new_entity_whose_slug_is_taken_gets_a_hash():
    ents, index, reused = resolve_against({"d": [MINE]}, [], {"xinxinmeikuang"})
    assert ents[0].id.startswith("xinxinmeikuang-") and reused == 0
    alone, _ = resolve({"d": [MINE]})
    assert alone[0].id == "xinxinmeikuang"


def test_reference_entities_keep_their_ids():
    m = Mention(0, 3, "吕梁市", "Place", "City", ref="adcode:141100000000")
    ents, _, reused = resolve_against({"d": [m]}, [], {"lvliangshi"})
    assert [e.id for e in ents] == ["lvliangshi"] and reused == 0


def test_group_key_is_the_longest_names():
    key = group_key("Institution", "护工服务中心", ["吕梁山护工服务中心", "护工"])
    assert key == "Institution:吕梁山护工服务中心"
