"""Reading predictions out of a built graph (a hand-written TriG fixture)."""

from __future__ import annotations

import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

from kg.evaluate import evaluate
from kg.evaluate.gold import GoldDocument, GoldEntity, GoldQuantity, GoldRelation
from kg.evaluate.graph_predictions import (
    OTHER_TYPE,
    document_iri,
    graph_doc_ids,
    predicted_entities,
    predicted_observations,
    predicted_relations,
    predictions_from_graph,
)
from kg.evaluate.counts import Counts
from kg.evaluate.predictions import PredictedEntity, PredictedRelation

FIXTURE = Path(__file__).parent / "data" / "mini_build.trig"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    d = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's TriG parser
        d.parse(FIXTURE, format="trig")
    return d


def test_doc_ids_and_iri(ds):
    assert graph_doc_ids(ds) == ["000_demo", "001_other"]
    assert document_iri(ds, "000_demo") == URIRef(
        "https://w3id.org/lvliang-kg/resource/doc/000_demo")
    # unknown documents fall back to the DESIGN.md IRI pattern
    assert str(document_iri(ds, "nope")).endswith("/resource/doc/nope")


def test_entities_of_one_document(ds):
    ents = {e.name: e for e in predicted_entities(ds, "000_demo")}
    assert set(ents) == {"吕梁市", "兴县", "晋绥边区革命纪念馆", "太原理工大学", "吕梁市委",
                         "孙大军", "李正印", "护理护工就业服务中心", "吕梁山护工服务中心",
                         "吕梁山护工", "神秘事物"}
    # subclass chains: County → AdministrativeArea → Place
    assert ents["兴县"].type == "Place" and ents["吕梁市"].type == "Place"
    # nearest core class wins: MemorialHall → Memorial (→ … → Place)
    assert ents["晋绥边区革命纪念馆"].type == "Memorial"
    assert ents["太原理工大学"].type == "Institution"   # label from the shared entity graph
    assert ents["神秘事物"].type == OTHER_TYPE
    # only Chinese aliases of THIS document graph (not the pinyin one, not 001's 呂梁)
    assert ents["吕梁市"] == PredictedEntity("吕梁市", "Place", frozenset({"吕梁"}))
    assert ents["太原理工大学"].aliases == frozenset({"太原理工"})


def test_entities_scoped_to_document(ds):
    ents = predicted_entities(ds, "001_other")
    assert ents == [PredictedEntity("吕梁市", "Place", frozenset({"呂梁"})),
                    PredictedEntity("山西省", "Place", frozenset())]
    assert predicted_entities(ds, "nope") == []


def test_relations(ds):
    rels = predicted_relations(ds, "000_demo")
    expected = [
        PredictedRelation("兴县", "locatedIn", "吕梁市"),
        PredictedRelation("吕梁市", "partnerOf", "太原理工大学"),
        PredictedRelation("吕梁山护工", "operatedBy", "吕梁山护工服务中心"),
        PredictedRelation("孙大军", "heldPosition", "吕梁市委", "市委书记"),
        PredictedRelation("护理护工就业服务中心", "renamedTo", "吕梁山护工服务中心"),
        PredictedRelation("晋绥边区革命纪念馆", "locatedIn", "兴县"),
        PredictedRelation("李正印", "heldPosition", "吕梁市委", "市长"),
    ]
    assert rels == sorted(expected, key=lambda r: (r.subject, r.predicate, r.object))
    # 001 states 兴县 locatedIn 山西省 with labels from 000's graph (fallback to any graph)
    assert predicted_relations(ds, "001_other") == [
        PredictedRelation("兴县", "locatedIn", "山西省")]


def test_observations(ds):
    obs = predicted_observations(ds, "000_demo")
    assert [(o.subject, o.value, o.unit, o.measure, o.raw) for o in obs] == [
        ("吕梁山护工", Decimal("64000"), "人", "累计培训人数", "6.4万人"),
        ("吕梁市", Decimal("18361000000"), "元", "总投资", "183.61亿元"),
    ]
    assert [(o.subject, float(o.value), o.unit) for o in predicted_observations(ds, "001_other")] \
        == [("山西省", 1.5, "%")]


def test_predictions_from_graph_does_not_modify_dataset(ds):
    before = len(list(ds.quads((None, None, None, None))))
    graphs = {g.identifier for g in ds.graphs()}
    p = predictions_from_graph(ds, "000_demo")
    missing = predictions_from_graph(ds, "999_missing")
    assert (len(p.entities), len(p.relations), len(p.observations), p.found) == (11, 7, 2, True)
    assert not missing.found and missing.entities == ()
    assert len(list(ds.quads((None, None, None, None)))) == before
    assert {g.identifier for g in ds.graphs()} == graphs


def test_evaluate_on_graph(ds):
    gold = GoldDocument(
        "000_demo",
        entities=(GoldEntity("吕梁市", "Place", aliases=("吕梁",)),
                  GoldEntity("兴县", "Place"),
                  GoldEntity("晋绥边区革命纪念馆", "Memorial"),
                  GoldEntity("太原理工大学", "Institution"),
                  GoldEntity("孙大军", "Person"),
                  GoldEntity("刘胡兰", "Person"),
                  GoldEntity("吕梁山护工", "Program", required=False)),
        relations=(GoldRelation("兴县", "locatedIn", "吕梁市"),
                   GoldRelation("太原理工大学", "partnerOf", "吕梁"),
                   GoldRelation("孙大军", "heldPosition", "吕梁市委", role="市委书记"),
                   GoldRelation("蔡家崖", "locatedIn", "兴县")),
        quantities=(GoldQuantity("吕梁山护工", "累计培训人数", 64000, "人"),
                    GoldQuantity("吕梁山护工", "培训", 100, "人")),
    )
    report = evaluate([gold], ds, baselines=False)
    ours = report.system("ours")
    strict = ours.entities("strict")
    # 5 of 6 required found; 吕梁山护工 optional (ignored); the 5 others spurious
    assert strict.overall == Counts(5, 5, 1)
    assert [p.name for p in strict.ignored] == ["吕梁山护工"]
    assert ours.relations.overall == Counts(3, 4, 1)
    assert ours.relations.roles.correct == 1
    assert (ours.quantities.total, len(ours.quantities.recalled_subject)) == (2, 1)
    assert ours.notes == {}
    other = evaluate([GoldDocument("404_x")], ds, baselines=False).system("ours")
    assert "not in the graph" in other.notes["404_x"]
