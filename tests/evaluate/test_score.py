"""Entity, relation and quantity scoring on small hand-made fixtures."""

from __future__ import annotations

import pytest

from kg.evaluate.gold import GoldDocument, GoldEntity, GoldQuantity, GoldRelation
from kg.evaluate.score import (
    Counts,
    PredictedEntity,
    PredictedObservation,
    PredictedRelation,
    normalize_name,
    normalize_unit,
    pool_entity_scores,
    pool_quantity_scores,
    pool_relation_scores,
    score_entities,
    score_quantities,
    score_relations,
    values_match,
)

P = PredictedEntity


def doc(*entities, relations=(), quantities=(), doc_id="d"):
    return GoldDocument(doc_id, entities=tuple(entities), relations=tuple(relations),
                        quantities=tuple(quantities))


# --------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize("raw, expected", [
    ("國家級風景名勝區", "国家级风景名胜区"),             # traditional → simplified
    ("“吕梁山护工”", "吕梁山护工"),                      # curly quotes
    ("《关于推进农村移风易俗的意见》", "关于推进农村移风易俗的意见"),
    ("「英雄」", "英雄"),
    ("'吕梁' \"通\"", "吕梁通"),                        # straight quotes, inner space
    ("四•八烈士纪念馆", "四·八烈士纪念馆"),               # bullet → middle dot
    ("四・八烈士纪念馆", "四·八烈士纪念馆"),               # katakana middle dot
    ("华为山西（吕梁）大数据中心", "华为山西(吕梁)大数据中心"),  # full-width parentheses
    ("中国矿业大学(北京)", "中国矿业大学(北京)"),
    ("ＡＢＣ１２３", "ABC123"),                          # NFKC full-width letters/digits
    (" 兴\u3000县\n", "兴县"),                            # ideographic space, newline
    ("", ""),
])
def test_normalize_name(raw, expected):
    assert normalize_name(raw) == expected


# --------------------------------------------------------------------------- entities


def test_three_gold_three_predictions():
    gold = doc(GoldEntity("兴县", "Place"), GoldEntity("吕梁市委", "Institution"),
               GoldEntity("刘胡兰", "Person"))
    pred = [P("兴县", "Place"), P("吕梁市委", "Institution"), P("孙大军", "Person")]
    s = score_entities(gold, pred)
    c = s.overall
    assert (c.tp, c.fp, c.fn) == (2, 1, 1)
    assert c.precision == 2 / 3 == c.recall
    assert c.f1 == pytest.approx(2 / 3)
    assert s.by_type == {"Place": Counts(1, 0, 0), "Institution": Counts(1, 0, 0),
                         "Person": Counts(0, 1, 1)}
    assert [g.name for g in s.missed] == ["刘胡兰"]
    assert [p.name for p in s.spurious] == ["孙大军"]
    assert s.doc_id == "d" and s.mode == "strict" and s.typed


def test_fp_counted_under_predicted_type_fn_under_gold_type():
    gold = doc(GoldEntity("晋绥边区革命纪念馆", "Memorial"))
    s = score_entities(gold, [P("晋绥边区革命纪念馆", "Place")])
    assert s.by_type == {"Place": Counts(0, 1, 0), "Memorial": Counts(0, 0, 1)}
    u = score_entities(gold, [P("晋绥边区革命纪念馆", "Place")], typed=False)
    assert u.by_type == {"Memorial": Counts(1, 0, 0)} and not u.typed


def test_alias_matching_both_ways():
    gold = doc(GoldEntity("吕梁市", "Place", aliases=("吕梁",)),
               GoldEntity("四·八烈士纪念馆", "Memorial", aliases=("四八烈士纪念馆",)),
               GoldEntity("黄冈中学吕梁学校", "Project", aliases=("吕梁一中",)))
    pred = [P("吕梁", "Place"),                                   # name = gold alias
            P("四八烈士纪念馆", "Memorial"),
            P("吕梁学校", "Project", frozenset({"黄冈中学吕梁学校"}))]  # alias = gold name
    s = score_entities(gold, pred)
    assert s.overall == Counts(3, 0, 0)
    assert [m.how for m in s.matches] == ["name-alias", "name-alias", "alias-name"]


def test_alias_alias_match():
    gold = doc(GoldEntity("吕梁山", "Place", aliases=("吕梁山区",)))
    s = score_entities(gold, [P("吕梁山脉", "Place", frozenset({"吕梁山区"}))])
    assert s.overall == Counts(1, 0, 0) and s.matches[0].how == "alias-alias"


def test_traditional_and_simplified_match():
    gold = doc(GoldEntity("碛口古镇国家级风景名胜区", "Place",
                          aliases=("碛口古镇国家级风景名胜區",)))
    s = score_entities(gold, [P("碛口古鎮國家級風景名勝區", "Place")])
    assert s.overall == Counts(1, 0, 0) and s.matches[0].how == "name"


def test_quotes_and_dots_ignored():
    gold = doc(GoldEntity("吕梁山护工", "Program"), GoldEntity("四·八烈士纪念馆", "Memorial"))
    s = score_entities(gold, [P("“吕梁山护工”", "Program"), P("四•八烈士纪念馆", "Memorial")])
    assert s.overall == Counts(2, 0, 0)


def test_optional_entities_neither_rewarded_nor_penalised():
    gold = doc(GoldEntity("兴县", "Place"),
               GoldEntity("三个一批", "Program", required=False),
               GoldEntity("四个不摘", "Program", required=False))
    pred = [P("兴县", "Place"), P("三个一批", "Program"), P("“三个一批”", "Program"),
            P("蓝天", "Program")]
    s = score_entities(gold, pred)
    # 三个一批 (twice) set aside, 四个不摘 missing is no miss, 蓝天 is spurious
    assert s.overall == Counts(1, 1, 0)
    assert [p.name for p in s.ignored] == ["三个一批", "“三个一批”"]
    assert [p.name for p in s.spurious] == ["蓝天"]
    assert s.missed == ()
    assert "Program" in s.by_type and s.by_type["Program"] == Counts(0, 1, 0)


def test_optional_with_wrong_type_is_still_spurious():
    gold = doc(GoldEntity("三个一批", "Program", required=False))
    s = score_entities(gold, [P("三个一批", "Event")])
    assert s.overall == Counts(0, 1, 0)


def test_required_preferred_over_optional_at_equal_quality():
    gold = doc(GoldEntity("吕梁", "Place", required=False), GoldEntity("吕梁", "Place"))
    s = score_entities(gold, [P("吕梁", "Place")])
    assert s.overall == Counts(1, 0, 0) and s.ignored == ()


def test_one_to_one_duplicate_prediction_is_spurious():
    gold = doc(GoldEntity("吕梁市", "Place", aliases=("吕梁",)))
    s = score_entities(gold, [P("吕梁市", "Place"), P("吕梁", "Place")])
    assert s.overall == Counts(1, 1, 0)
    assert s.matches[0].predicted.name == "吕梁市"          # exact name wins the match
    assert [p.name for p in s.duplicates] == ["吕梁"]


def test_one_to_one_one_prediction_for_two_golds():
    gold = doc(GoldEntity("山西省", "Place", aliases=("山西",)),
               GoldEntity("山西", "Place"))                    # annotator duplicate
    s = score_entities(gold, [P("山西", "Place")])
    assert s.overall == Counts(1, 0, 1)
    assert s.matches[0].gold.name == "山西" and s.matches[0].how == "name"


def test_matching_maximises_true_positives():
    # greedy best-first would give 吕梁 → 吕梁市 (name-alias, listed first) and strand 吕梁地区
    gold = doc(GoldEntity("吕梁市", "Place", aliases=("吕梁",)),
               GoldEntity("吕梁地区", "Place", aliases=("吕梁",)))
    pred = [P("吕梁", "Place"), P("吕梁市", "Place", frozenset({"吕梁地区"}))]
    s = score_entities(gold, pred)
    assert s.overall == Counts(2, 0, 0)


def test_exact_name_beats_alias_match():
    gold = doc(GoldEntity("北武当山国家级风景名胜区", "Place", aliases=("北武当山",)),
               GoldEntity("北武当山", "Place"))
    s = score_entities(gold, [P("北武当山", "Place"), P("北武当山国家级风景名胜区", "Place")])
    assert s.overall == Counts(2, 0, 0)
    assert {(m.gold.name, m.predicted.name) for m in s.matches} == {
        ("北武当山国家级风景名胜区", "北武当山国家级风景名胜区"), ("北武当山", "北武当山")}


def test_loose_containment():
    gold = doc(GoldEntity("庞泉沟国家级自然保护区", "Place"), GoldEntity("太原理工大学", "Institution"),
               GoldEntity("离柳矿区", "Place"))
    pred = [P("庞泉沟", "Place"), P("太原理工大学能源学院", "Institution"), P("柳", "Place")]
    strict = score_entities(gold, pred)
    loose = score_entities(gold, pred, mode="loose")
    assert strict.overall == Counts(0, 3, 3)
    # one-character 柳 is not a loose match
    assert loose.overall == Counts(2, 1, 1)
    assert {m.how for m in loose.matches} == {"contains"}
    assert [p.name for p in loose.spurious] == ["柳"]


def test_loose_prefers_closer_containment():
    gold = doc(GoldEntity("吕梁市委宣传统战部", "Institution"), GoldEntity("吕梁市委", "Institution"))
    s = score_entities(gold, [P("市委", "Institution")], mode="loose")
    assert s.overall == Counts(1, 0, 1)
    assert s.matches[0].gold.name == "吕梁市委"      # 2/4 of the name, not 2/9
    s = score_entities(gold, [P("吕梁市委宣传部", "Institution"), P("市委", "Institution")],
                       mode="loose")
    assert {(m.gold.name, m.predicted.name) for m in s.matches} == {
        ("吕梁市委", "吕梁市委宣传部"), ("吕梁市委宣传统战部", "市委")}


def test_empty_cases():
    assert score_entities(doc(), []).overall == Counts()
    s = score_entities(doc(GoldEntity("兴县", "Place")), [])
    assert (s.overall.precision, s.overall.recall, s.overall.f1) == (0.0, 0.0, 0.0)
    s = score_entities(doc(), [P("兴县", "Place"), P("  ", "Place")])
    assert s.overall == Counts(0, 2, 0)


def test_accepts_plain_sequence_of_gold_entities():
    s = score_entities([GoldEntity("兴县", "Place")], [P("兴县", "Place")])
    assert s.doc_id is None and s.overall.f1 == 1.0


def test_bad_mode():
    with pytest.raises(ValueError, match="unknown mode"):
        score_entities(doc(), [], mode="fuzzy")


def test_pooling_is_micro():
    a = score_entities(doc(GoldEntity("兴县", "Place"), doc_id="a"),
                       [P("兴县", "Place"), P("临县", "Place")])
    b = score_entities(doc(GoldEntity("刘胡兰", "Person"), GoldEntity("马烽", "Person"),
                           doc_id="b"), [P("刘胡兰", "Person")])
    pooled = pool_entity_scores([a, b])
    assert pooled.overall == Counts(2, 1, 1)
    assert pooled.by_type == {"Place": Counts(1, 1, 0), "Person": Counts(1, 0, 1)}
    assert pooled.doc_id is None
    assert pooled.missed_docs == ("b",) and pooled.spurious_docs == ("a",)
    d = pooled.to_dict()
    assert d["missed"] == [{"name": "马烽", "type": "Person", "doc_id": "b"}]
    assert d["overall"] == {"tp": 2, "fp": 1, "fn": 1, "precision": 0.6667,
                            "recall": 0.6667, "f1": 0.6667}
    with pytest.raises(ValueError):
        pool_entity_scores([a, score_entities(doc(), [], mode="loose")])


# --------------------------------------------------------------------------- relations

ENTITIES = (
    GoldEntity("吕梁市", "Place", aliases=("吕梁",)),
    GoldEntity("兴县", "Place"),
    GoldEntity("太原理工大学", "Institution", aliases=("太原理工",)),
    GoldEntity("孙大军", "Person"),
    GoldEntity("吕梁市委", "Institution", aliases=("市委",)),
    GoldEntity("护理护工就业服务中心", "Institution"),
    GoldEntity("吕梁山护工服务中心", "Institution"),
)
RELATIONS = (
    GoldRelation("兴县", "locatedIn", "吕梁市"),
    GoldRelation("吕梁市", "partnerOf", "太原理工大学"),
    GoldRelation("孙大军", "heldPosition", "吕梁市委", role="市委书记"),
    GoldRelation("护理护工就业服务中心", "renamedTo", "吕梁山护工服务中心"),
)


def test_relations_alias_symmetry_direction():
    gold = doc(*ENTITIES, relations=RELATIONS)
    pred = [
        ("兴县", "locatedIn", "吕梁"),                       # object by alias
        ("太原理工", "partnerOf", "吕梁市"),                 # symmetric, alias
        PredictedRelation("孙大军", "heldPosition", "市委", "市委书记"),
        ("吕梁山护工服务中心", "renamedTo", "护理护工就业服务中心"),  # wrong direction
    ]
    s = score_relations(gold, pred)
    assert s.overall == Counts(3, 1, 1)
    assert s.by_predicate["renamedTo"] == Counts(0, 1, 1)
    assert s.by_predicate["partnerOf"] == Counts(1, 0, 0)
    assert s.roles.total == 1 and s.roles.correct == 1 and s.roles.accuracy == 1.0
    assert [r.predicate for r in s.missed] == ["renamedTo"]
    assert s.predicates == ["locatedIn", "partnerOf", "heldPosition", "renamedTo"]


def test_relation_duplicates_collapse_and_roles():
    gold = doc(*ENTITIES, relations=RELATIONS)
    pred = [("兴县", "locatedIn", "吕梁市"), ("兴县", "locatedIn", "吕梁"),   # same relation
            ("吕梁市", "partnerOf", "太原理工大学"), ("太原理工大学", "partnerOf", "吕梁"),
            ("孙大军", "heldPosition", "吕梁市委", "书记"),
            ("孙大军", "heldPosition", "吕梁市委", "市委副书记")]
    s = score_relations(gold, pred)
    assert s.overall == Counts(3, 0, 1)
    # neither role equals 市委书记; 书记 is contained in it
    assert (s.roles.total, s.roles.correct, s.roles.loose_correct) == (1, 0, 1)


def test_relation_role_not_compared_when_absent():
    gold = doc(*ENTITIES, relations=RELATIONS)
    s = score_relations(gold, [("孙大军", "heldPosition", "吕梁市委")])
    assert s.overall == Counts(1, 0, 3) and s.roles.total == 0


def test_relation_names_outside_gold_entities_and_trad():
    gold = doc(relations=(GoldRelation("碛口古镇", "locatedIn", "临县"),))
    s = score_relations(gold, [("“碛口古鎮”", "locatedIn", "臨縣"), ("a", "locatedIn", "")])
    assert s.overall == Counts(1, 0, 0)   # the relation with an empty object is not scored


def test_relation_bad_tuple():
    with pytest.raises(ValueError):
        score_relations(doc(), [("a", "locatedIn")])


def test_relation_pooling():
    gold = doc(*ENTITIES, relations=RELATIONS)
    a = score_relations(gold, [("孙大军", "heldPosition", "吕梁市委", "市委书记")])
    b = score_relations(gold, [("兴县", "partnerOf", "吕梁市")])
    p = pool_relation_scores([a, b])
    assert p.overall == Counts(1, 1, 7) and p.roles.correct == 1
    assert p.to_dict()["roles"]["accuracy"] == 1.0


# --------------------------------------------------------------------------- quantities


@pytest.mark.parametrize("unit, expected", [
    ("万人", "人"), ("亿元", "元"), ("万元", "元"), ("万吨", "吨"), ("万亩", "亩"),
    ("万千瓦", "千瓦"), ("千瓦", "千瓦"), ("万平方公里", "平方公里"), ("亿立方米", "立方米"),
    ("％", "%"), ("万", "万"), (" 个 ", "个"),
])
def test_normalize_unit(unit, expected):
    assert normalize_unit(unit) == expected


def test_values_match_tolerance():
    assert values_match(1000, 1005) and values_match(1000, 995)
    assert not values_match(1000, 1005.1) and not values_match(1000, 994.9)
    assert values_match(0, 0) and not values_match(0, 1e-9)
    assert values_match(-200, -200.5)


def test_quantities_subject_and_value_recall():
    from decimal import Decimal

    gold = doc(GoldEntity("吕梁山护工", "Program", aliases=("护工",)),
               GoldEntity("吕梁市", "Place", aliases=("吕梁",)),
               quantities=(GoldQuantity("吕梁山护工", "累计培训人数", 64000, "人"),
                           GoldQuantity("吕梁市", "总人口", 3850000, "人"),
                           GoldQuantity("吕梁市", "面积", 21000, "平方公里"),
                           GoldQuantity("吕梁市", "GDP", 183.61e8, "元")))
    pred = [PredictedObservation("护工", Decimal("64000"), "万人"),          # alias, 万人→人
            ("山西省", 3850000, "人"),                                      # wrong subject
            ("吕梁", 21000, "亩"),                                          # wrong unit
            ("吕梁市", Decimal("18361000000"), "亿元", "GDP", "183.61亿元")]
    s = score_quantities(gold, pred)
    assert s.total == 4 and s.predicted == 4
    assert len(s.recalled_subject) == 2 and s.subject_recall == 0.5
    assert len(s.recalled_value) == 3 and s.value_recall == 0.75
    assert [q.measure for q in s.missed] == ["总人口", "面积"]


def test_quantities_one_prediction_recalls_one_gold():
    gold = doc(quantities=(GoldQuantity("吕梁市", "a", 42, "个"),
                           GoldQuantity("吕梁市", "b", 42, "个")))
    s = score_quantities(gold, [("吕梁市", 42, "个")])
    assert len(s.recalled_subject) == 1 and len(s.recalled_value) == 1
    s2 = score_quantities(gold, [("吕梁市", 42, "个"), ("兴县", 42.1, "个")])
    assert len(s2.recalled_subject) == 1 and len(s2.recalled_value) == 2


def test_quantity_pooling():
    gold = doc(quantities=(GoldQuantity("吕梁市", "a", 1, "个"),))
    p = pool_quantity_scores([score_quantities(gold, [("吕梁市", 1, "个")]),
                              score_quantities(gold, [])])
    assert (p.total, len(p.recalled_subject), p.subject_recall) == (2, 1, 0.5)
    assert p.to_dict()["missed"] == [{"subject": "吕梁市", "measure": "a", "value": 1,
                                      "unit": "个", "raw": ""}]


def test_relation_and_quantity_subjects_resolved_through_predicted_aliases():
    gold = doc(*ENTITIES, relations=RELATIONS,
               quantities=(GoldQuantity("吕梁市", "总人口", 3850000, "人"),))
    ents = [PredictedEntity("吕梁地区", "Place", frozenset({"吕梁市"})),
            PredictedEntity("吕梁市委", "Institution", frozenset({"吕梁"}))]
    rels = [("兴县", "locatedIn", "吕梁地区"), ("孙大军", "heldPosition", "吕梁市委")]
    assert score_relations(gold, rels).overall == Counts(1, 1, 3)
    s = score_relations(gold, rels, entities=ents)
    assert s.overall == Counts(2, 0, 2)
    # a name that is itself a gold form is not re-resolved through its aliases
    assert s.by_predicate["heldPosition"] == Counts(1, 0, 0)
    obs = [("吕梁地区", 3850000, "人")]
    assert len(score_quantities(gold, obs).recalled_subject) == 0
    assert len(score_quantities(gold, obs, entities=ents).recalled_subject) == 1
