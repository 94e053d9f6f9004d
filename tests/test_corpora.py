from __future__ import annotations

import json

import pytest

from kg.corpora import LABEL_MAPS, Sentence, is_heldout, load_external, read_corpus, score_spans
from kg.errors import TrainingDataError


def test_label_maps_cover_three_labels():
    for source, mapping in LABEL_MAPS.items():
        assert set(mapping.values()) <= {"PER", "LOC", "ORG"}, source


def test_read_corpus_maps_labels_and_folds_text(external):
    rows = list(read_corpus(external / "pd1998" / "train.jsonl", "pd1998"))
    assert rows[0].spans == ((0, 2, "PER"), (3, 5, "LOC"))
    assert rows[0].bio()[:3] == ["B-PER", "I-PER", "O"]


def test_unmapped_labels_are_plain_text(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "读《红楼梦》", "spans": [[2, 5, "book"]], "id": "x-1"}\n', encoding="utf-8")
    assert list(read_corpus(path, "cluener"))[0].spans == ()


def test_full_width_digits_are_folded(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_text('{"text": "１９９８年", "spans": [], "id": "msra-train-1"}\n', encoding="utf-8")
    assert list(read_corpus(path, "msra"))[0].text == "1998年"


@pytest.mark.parametrize("corpus", ["msra", "cluener"])
def test_heldout_is_every_twentieth_train_line(corpus):
    held = [i for i in range(1, 101) if is_heldout(f"{corpus}-train-{i}")]
    assert held == [20, 40, 60, 80, 100]
    assert not is_heldout("pd1998-train-20")
    assert not is_heldout("cluener-dev-20")  # the evaluation set is whole


def test_bio_of_adjacent_spans():
    assert Sentence("张三李四", ((0, 2, "PER"), (2, 4, "PER")), "x").bio() == ["B-PER", "I-PER", "B-PER", "I-PER"]


def test_msra_heldout_is_only_the_heldout_lines(external):
    ids = [s.id for s in load_external("msra-heldout", root=external)]
    assert ids == ["msra-train-20", "msra-train-40"]


def test_cluener_heldout_is_train_not_dev(external):
    lines = [(f"第{k}句", []) for k in range(1, 41)]
    (external / "cluener" / "train.jsonl").write_text(
        "".join(json.dumps({"text": t, "spans": s, "id": f"cluener-train-{k}"}, ensure_ascii=False) + "\n"
                for k, (t, s) in enumerate(lines, 1)), encoding="utf-8")
    ids = [s.id for s in load_external("cluener-heldout", root=external)]
    assert ids == ["cluener-train-20", "cluener-train-40"]


def test_unknown_set_is_a_clear_error(external):
    with pytest.raises(TrainingDataError, match="unknown set"):
        load_external("msra-test", root=external)


def test_scores_per_type_and_pooled():
    gold = [Sentence("王刚在太原", ((0, 2, "PER"), (3, 5, "LOC")), "s")]
    s = score_spans(gold, [{(0, 2, "PER"), (3, 5, "ORG")}])
    assert (s["ALL"].tp, s["ALL"].fp, s["ALL"].fn) == (1, 1, 1)
    assert s["ORG"].fp == 1 and s["LOC"].fn == 1
