"""kg eval --external: predictions read back from a real build's NIF mentions."""

from __future__ import annotations

import json

import pytest

from kg.corpora import Sentence
from kg.evaluate.external import evaluate_external, pack_documents, predict_with_build

pytest.importorskip("pycrfsuite")


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
