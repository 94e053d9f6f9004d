"""kg eval --external: predictions read back from a real build's NIF mentions."""

from __future__ import annotations

import json

import pytest

from kg.errors import TrainingDataError
from kg.evaluate.external import (
    evaluate_external, load_external, pack_documents, predict_with_build, score_spans,
)
from kg.train.corpora import Sentence

pytest.importorskip("pycrfsuite")


def test_msra_heldout_is_only_the_heldout_lines(external):
    ids = [s.id for s in load_external("msra-heldout", root=external)]
    assert ids == ["msra-train-20", "msra-train-40"]


def test_unknown_set_is_a_clear_error(external):
    with pytest.raises(TrainingDataError, match="unknown set"):
        load_external("msra-test", root=external)


def test_documents_hold_one_sentence_a_line():
    docs = pack_documents([Sentence(str(i), (), str(i)) for i in range(120)])
    assert len(docs) == 3 and docs[0][1].count("\n") == 50


def test_build_predictions_are_offsets_into_each_sentence():
    sents = [Sentence("国务院总理李鹏在北京会见了美国客人。", (), "a"),
             Sentence("新华社记者王晓明报道。", (), "b")]
    pred = predict_with_build(sents, per_document=1)
    for s, spans in zip(sents, pred):
        for a, b, label in spans:
            assert label in {"PER", "LOC", "ORG"} and 0 <= a < b <= len(s.text)
    assert (5, 7, "PER") in pred[0] and (8, 10, "LOC") in pred[0]


def test_scores_per_type_and_pooled():
    gold = [Sentence("王刚在太原", ((0, 2, "PER"), (3, 5, "LOC")), "s")]
    s = score_spans(gold, [{(0, 2, "PER"), (3, 5, "ORG")}])
    assert (s["ALL"].tp, s["ALL"].fp, s["ALL"].fn) == (1, 1, 1)
    assert s["ORG"].fp == 1 and s["LOC"].fn == 1


def test_report_through_the_cli(external, run_kg):
    res = run_kg("eval", "--external", "cluener", "--no-baselines", "--json",
                 env={"KG_EXTERNAL_DIR": str(external)})
    assert res.returncode == 0, res.stderr
    rep = json.loads(res.stdout)
    assert rep["set"] == "cluener" and rep["sentences"] == 1
    assert set(rep["systems"]) == {"kg"} and "ALL" in rep["systems"]["kg"]["scores"]


def test_evaluate_external_runs_baselines_or_says_why(external):
    rep = evaluate_external("cluener", root=external, systems=("kg", "jieba"))
    assert rep["systems"]["jieba"]["scores"]["ALL"]["tp"] >= 0
