"""kg train on a tiny corpus: files written, held-out lines never trained on, deterministic."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("pycrfsuite")

from kg.errors import TrainingDataError  # noqa: E402
from kg.extract.tagger import CRFTagger  # noqa: E402
from kg.train import train_model, training_sentences  # noqa: E402
from kg.train.crf import TrainOptions  # noqa: E402


def test_heldout_lines_are_not_training_data(external):
    ids = [s.id for s in training_sentences(["msra"], external=external)]
    assert len(ids) == 38
    assert "msra-train-20" not in ids and "msra-train-40" not in ids


def test_unknown_source_is_a_clear_error(external):
    with pytest.raises(TrainingDataError, match="unknown source"):
        list(training_sentences(["nope"], external=external))


def test_missing_corpus_names_the_file(tmp_path):
    with pytest.raises(TrainingDataError, match="msra/train.jsonl"):
        list(training_sentences(["msra"], external=tmp_path))


def test_train_writes_model_metadata_and_card(external, tmp_path):
    out = tmp_path / "model" / "tagger.crfsuite"
    meta = train_model(out, sources=["msra", "pd1998", "cluener"], external=external,
                       options=TrainOptions(iterations=30, min_freq=1))
    assert out.is_file() and out.with_suffix(".json").is_file()
    card = (out.parent / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CLUENER2020" in card and "msra" in card
    assert json.loads(out.with_suffix(".json").read_text())["sha256"] == meta["sha256"]
    assert meta["msra_heldout"]["ALL"]["tp"] > 0
    # The model it wrote tags with the pipeline component.
    found = CRFTagger(model=str(out)).spans("王刚在北京工作。")
    assert ("王刚", "Person") in {(m.text, m.core) for m in found}


def test_training_is_deterministic(external, tmp_path):
    a, b = tmp_path / "a" / "m.crfsuite", tmp_path / "b" / "m.crfsuite"
    for out in (a, b):
        train_model(out, sources=["msra", "pd1998"], external=external,
                    options=TrainOptions(iterations=20, min_freq=1), evaluate=False)
    assert a.read_bytes() == b.read_bytes()


def test_a_source_can_be_read_several_times(external):
    once = [s.id for s in training_sentences(["cluener"], external=external)]
    twice = [s.id for s in training_sentences(["cluener*2"], external=external)]
    assert twice == [i for i in once for _ in range(2)]


@pytest.mark.parametrize("spec", ["cluener*0", "cluener*x", "msra*-1"])
def test_a_bad_count_is_a_clear_error(external, spec):
    with pytest.raises(TrainingDataError, match="positive integer"):
        list(training_sentences([spec], external=external))


def test_the_card_says_how_often_a_source_was_read(external, tmp_path):
    out = tmp_path / "m.crfsuite"
    train_model(out, sources=["msra", "cluener*2"], external=external,
                options=TrainOptions(iterations=5, min_freq=1), evaluate=False)
    assert "**cluener** (read 2 times)" in (tmp_path / "MODEL_CARD.md").read_text(encoding="utf-8")


def test_kg_train_defaults_are_the_librarys():
    # The CLI writes its defaults out (it imports kg.train only when run); `kg train` with no
    # options must rebuild the shipped model, so they must equal the library's.
    import typer.main

    from kg.cli import app
    from kg.train import DEFAULT_SOURCES
    from kg.train.crf import TrainOptions

    train = typer.main.get_command(app).commands["train"]
    defaults = {p.name: p.default for p in train.params}
    lib = TrainOptions()
    assert defaults["sources"] == ",".join(DEFAULT_SOURCES)
    assert (defaults["iterations"], defaults["c1"], defaults["c2"], defaults["min_freq"]) == (
        lib.iterations, lib.c1, lib.c2, lib.min_freq)
