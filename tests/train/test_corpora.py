from __future__ import annotations

from kg.train.corpora import LABEL_MAPS, Sentence, is_heldout, read_corpus


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


def test_heldout_is_every_twentieth_msra_line():
    held = [i for i in range(1, 101) if is_heldout(f"msra-train-{i}")]
    assert held == [20, 40, 60, 80, 100]
    assert not is_heldout("pd1998-train-20")


def test_bio_of_adjacent_spans():
    assert Sentence("张三李四", ((0, 2, "PER"), (2, 4, "PER")), "x").bio() == ["B-PER", "I-PER", "B-PER", "I-PER"]
