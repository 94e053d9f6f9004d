"""Resolution across documents: one entity per identity key, ids that do not depend on other documents."""

from __future__ import annotations

from kg.extract.pipeline import Pipeline
from kg.records import Mention
from kg.resolve import KeySummary, document_keys, entities_from_table, entity_ids, resolve
from kg.text import read_text


def test_short_and_full_name_one_entity():
    a = Mention(0, 3, "吕梁市", "Place", "City", ref="adcode:141100000000")
    b = Mention(0, 2, "吕梁", "Place", "City", ref="adcode:141100000000")
    ents, index = resolve({"d1": [a], "d2": [b]})
    assert len(ents) == 1 and ents[0].id == "lvliangshi"
    assert ents[0].documents == ["d1", "d2"]
    assert index[("d2", 0, 2)] == "lvliangshi"


def test_interpunct_variants_merge():
    a = Mention(0, 8, "四·八烈士纪念馆", "Memorial", "MemorialHall")
    b = Mention(0, 7, "四八烈士纪念馆", "Memorial", "MemorialHall")
    ents, _ = resolve({"d1": [a], "d2": [b]})
    assert len(ents) == 1 and ents[0].label == "四·八烈士纪念馆"
    assert ents[0].aliases == {"四·八烈士纪念馆", "四八烈士纪念馆"}


def test_suffix_abbreviation_inside_one_document():
    a = Mention(0, 9, "吕梁山护工服务中心", "Institution", "ServiceCentre")
    b = Mention(20, 26, "护工服务中心", "Institution", "ServiceCentre")
    ents, _ = resolve({"d": [a, b]})
    assert [e.label for e in ents] == ["吕梁山护工服务中心"]


def test_same_name_different_places_kept_apart():
    """永兴镇 of 湄潭县 and 永兴镇 of 万州区: one name, two towns (no list holds either)."""
    pipe = Pipeline()
    a = pipe(read_text("湄潭县永兴镇的茶园连片。永兴镇今年新建茶厂两座。", doc_id="a"))
    b = pipe(read_text("重庆市万州区永兴镇发展柑橘产业。", doc_id="b"))
    towns = [m for st in (a, b) for m in st.mentions if m.text == "永兴镇"]
    assert len(towns) == 3
    ents, index = resolve({"a": a.mentions, "b": b.mentions})
    ids = [index[(d, m.start, m.end)] for d, st in (("a", a), ("b", b)) for m in st.mentions
           if m.text == "永兴镇"]
    assert ids[0] == ids[1] != ids[2]


def test_ids_do_not_depend_on_other_documents():
    a = Mention(0, 4, "鑫鑫煤矿", "Institution", "Enterprise")
    alone, _ = resolve({"d1": [a]})
    other = Mention(0, 3, "吕梁市", "Place", "City", ref="adcode:141100000000")
    both, _ = resolve({"d1": [a], "d2": [other]})
    assert alone[0].id in {e.id for e in both}


def test_resolution_in_pieces_gives_what_resolve_gives():
    """Summaries per identity key, merged over documents, named and given ids, then each
    document's entities from that table: the entities and index of :func:`resolve`."""
    docs = {
        "b": [Mention(0, 9, "吕梁山护工服务中心", "Institution", "ServiceCentre", confidence=0.8),
              Mention(20, 26, "护工服务中心", "Institution", "Institution")],
        "a": [Mention(0, 6, "护工服务中心", "Institution", "ServiceCentre"),
              Mention(7, 10, "吕梁市", "Place", "City", ref="adcode:141100000000")],
    }
    summaries: dict[str, KeySummary] = {}
    for doc_id, mentions in docs.items():
        keys = document_keys(mentions)
        for i, m in enumerate(mentions):
            one = KeySummary.of(keys[m], m, (doc_id, i))
            summaries[keys[m]] = summaries[keys[m]].merge(one) if keys[m] in summaries else one
    naming = {k: s.naming(k) for k, s in summaries.items()}
    ids = entity_ids({k: v[0] for k, v in naming.items()})
    got, got_index = entities_from_table(docs, {k: (ids[k], *v) for k, v in naming.items()})
    want, want_index = resolve(docs)
    fields = [(e.id, e.label, e.core, e.cls, e.rule, e.confidence, e.ref) for e in want]
    assert [(e.id, e.label, e.core, e.cls, e.rule, e.confidence, e.ref) for e in got] == fields
    assert got_index == want_index
