"""Short and full forms across documents: joined when one place-prefixed full form fits and
the short form's documents name that place; kept apart otherwise; the same in every path."""

from __future__ import annotations

import itertools

from kg.records import Mention
from kg.resolve import (KeySummary, StoredEntity, entities_from_table, entity_ids, full_forms, joined_keys,
                        key_places, merge_key_places, resolve, resolve_against)

SHILOU = "adcode:141126000000"  # 石楼县, in 吕梁市
JIAOCHENG = "adcode:141122000000"  # 交城县
WENSHUI = "adcode:141121000000"  # 文水县


def inst(name: str, start: int = 0) -> Mention:
    return Mention(start, start + len(name), name, "Institution", "Institution")


def place(name: str, ref: str, start: int = 20) -> Mention:
    return Mention(start, start + len(name), name, "Place", "County", ref=ref)


def ids_of(docs, name):
    """Entity ids of the mentions named ``name`` in ``docs``, by document."""
    _, index = resolve(docs)
    return {d: index[(d, m.start, m.end)] for d, ms in docs.items() for m in ms if m.text == name}


def test_a_short_form_joins_its_one_full_form_across_documents():
    docs = {"a": [inst("石楼县东征精神研究会")], "b": [inst("东征精神研究会"), place("石楼县", SHILOU)]}
    ents, index = resolve(docs)
    (ent,) = [e for e in ents if e.ref is None]
    assert ent.aliases == {"石楼县东征精神研究会", "东征精神研究会"}
    assert ent.documents == ["a", "b"]
    assert index[("a", 0, 10)] == index[("b", 0, 7)] == ent.id


def test_a_place_inside_the_prefix_place_counts_and_so_does_a_prefix_of_places():
    """The short form's document names a township of 石楼县 (read after it: 石楼县|义牒镇), or
    吕梁市 is written before 石楼县 in the full form."""
    town = Mention(20, 23, "义牒镇", "Place", "Township", ref=None, parent=SHILOU)
    for full, extra in (("石楼县东征精神研究会", town), ("吕梁市石楼县东征精神研究会", place("石楼", SHILOU))):
        docs = {"a": [inst(full)], "b": [inst("东征精神研究会"), extra]}
        assert len(set(ids_of(docs, full).values()) | set(ids_of(docs, "东征精神研究会").values())) == 1


def test_two_full_forms_under_different_places_keep_the_bare_form_apart():
    """交城县卦山书画研究会 and 文水县卦山书画研究会: a bare 卦山书画研究会 elsewhere is neither,
    even in a document that names 交城县."""
    docs = {"a": [inst("交城县卦山书画研究会")], "b": [inst("文水县卦山书画研究会")],
            "c": [inst("卦山书画研究会"), place("交城县", JIAOCHENG)]}
    ents, _ = resolve(docs)
    assert len([e for e in ents if e.ref is None]) == 3
    # and inside one document naming both, the bare form stays apart too
    both = {"d": [inst("交城县卦山书画研究会"), inst("文水县卦山书画研究会", 12), inst("卦山书画研究会", 24)]}
    assert len(resolve(both)[0]) == 3


def test_a_short_form_whose_document_does_not_name_the_place_stays_apart():
    """One document names 文水县 only, another no place: neither says it is 交城县's."""
    for extra in ([place("文水县", WENSHUI)], []):
        docs = {"a": [inst("交城县卦山书画研究会")], "b": [inst("卦山书画研究会"), *extra]}
        assert len(resolve(docs)[0]) == 2 + len(extra)
    # every document of the short form must name it
    docs = {"a": [inst("交城县卦山书画研究会")], "b": [inst("卦山书画研究会"), place("交城县", JIAOCHENG)],
            "c": [inst("卦山书画研究会")]}
    assert full_forms(key_places(joined_keys(docs)[0][d].values() for d in docs)) == {}


def test_bare_heads_persons_and_non_place_prefixes_never_join():
    jc = place("交城县", JIAOCHENG)
    cases = [
        [inst("交城县人民医院")], [inst("人民医院"), jc],  # a head word
        [Mention(0, 3, "交城县王红梅", "Person", "Person")], [Mention(0, 3, "王红梅", "Person", "Person"), jc],
        [inst("四八精神研究会")], [inst("精神研究会"), jc],  # 四八 is no place
        [inst("大学生东征精神研究会")], [inst("东征精神研究会"), jc],
    ]
    for a, b in zip(cases[::2], cases[1::2]):
        assert full_forms(key_places(joined_keys({"a": a, "b": b})[0][d].values() for d in "ab")) == {}


def test_joins_do_not_depend_on_document_order_or_ids():
    docs = {"a": [inst("石楼县东征精神研究会")], "b": [inst("东征精神研究会"), place("石楼县", SHILOU)],
            "c": [inst("东征精神研究会"), place("石楼", SHILOU)]}
    want = resolve(docs)
    for order in itertools.permutations(docs):
        got = resolve({d: docs[d] for d in order})
        assert [(e.id, e.label, sorted(e.aliases)) for e in got[0]] == [(e.id, e.label, sorted(e.aliases))
                                                                       for e in want[0]]
        assert got[1] == want[1]


def test_key_places_merge_in_any_grouping():
    docs = [["Institution:东征精神研究会", SHILOU], ["Institution:东征精神研究会", "adcode:141100000000"],
            ["Institution:石楼县东征精神研究会"]]
    whole = key_places(docs)
    for split in range(4):
        merged = merge_key_places(key_places(docs[:split]), key_places(docs[split:]))
        assert merged == whole
    # the second document names 吕梁市, not 石楼县: no join
    assert whole["Institution:东征精神研究会"] == {"adcode:141100000000", "adcode:140000000000"}
    assert full_forms(whole) == {}


def test_resolution_in_pieces_joins_as_resolve_does():
    docs = {
        "b": [inst("东征精神研究会"), place("石楼县", SHILOU), inst("东征精神研究会", 40)],
        "a": [inst("石楼县东征精神研究会")],
    }
    places = {}
    for d in docs:  # one partition per document
        merge_key_places(places, key_places([joined_keys({d: docs[d]})[0][d].values()]))
    joins = full_forms(places)
    assert joins == {"Institution:东征精神研究会": "Institution:石楼县东征精神研究会"}
    summaries: dict[str, KeySummary] = {}
    keys_of, _ = joined_keys(docs)
    for d, mentions in docs.items():
        for i, m in enumerate(mentions):
            key = keys_of[d][m]
            one = KeySummary.of(key, m, (d, i))
            summaries[key] = summaries[key].merge(one) if key in summaries else one
    naming = {k: s.naming(k) for k, s in summaries.items()}
    ids = entity_ids({k: v[0] for k, v in naming.items()})
    got, got_index = entities_from_table(docs, {k: (ids[k], *v) for k, v in naming.items()}, joins)
    want, want_index = resolve(docs)
    assert [(e.id, e.label, e.cls) for e in got] == [(e.id, e.label, e.cls) for e in want]
    assert got_index == want_index
    # the short form is the more frequent: it labels the entity, the key stays the full form's
    assert [e.label for e in want if e.ref is None] == ["东征精神研究会"]


def test_incremental_a_new_short_form_takes_the_stored_full_form():
    stored = StoredEntity("shiloudongzhengjingshenyanjiuhui", frozenset({"Institution"}), frozenset({"石楼县东征精神研究会"}),
                          frozenset(), frozenset())
    new = {"b": [inst("东征精神研究会"), place("石楼县", SHILOU)]}
    ents, index, reused = resolve_against(new, [stored], {stored.id})
    assert index[("b", 0, 7)] == stored.id and reused == 1
    # without the place in the new document it stays apart, as in a full build
    alone = {"b": [inst("东征精神研究会")]}
    ents, index, reused = resolve_against(alone, [stored], {stored.id})
    assert index[("b", 0, 7)] != stored.id and reused == 0


def test_incremental_a_new_full_form_takes_the_stored_short_forms_entity():
    """The stored documents are not rewritten: the entity keeps the short form's IRI and label."""
    places = frozenset({SHILOU, "adcode:141100000000", "adcode:140000000000"})
    stored = StoredEntity("dongzhengjingshenyanjiuhui", frozenset({"Institution"}), frozenset({"东征精神研究会"}),
                          frozenset(), places)
    new = {"a": [inst("石楼县东征精神研究会")]}
    ents, index, reused = resolve_against(new, [stored], {stored.id})
    assert index[("a", 0, 10)] == stored.id and reused == 1
    assert [e.label for e in ents] == ["东征精神研究会"]
    # a stored short form whose documents do not name 石楼县 stays apart
    elsewhere = StoredEntity(stored.id, stored.classes, stored.labels, frozenset(), frozenset({WENSHUI}))
    ents, index, reused = resolve_against(new, [elsewhere], {stored.id})
    assert index[("a", 0, 10)] != stored.id and reused == 0
