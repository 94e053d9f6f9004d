"""Training the entity tagger (``kg train``).

The shipped model is rebuilt from the public corpora in ``shared/external`` and the gold in
``shared/gold`` by :func:`train_model`: read and map the corpora (:mod:`kg.train.corpora`),
train a character CRF (:mod:`kg.train.crf`), score it on the held-out MSRA slice, and write
the model, its metadata and its model card (:mod:`kg.train.card`) next to each other.

Examples
--------
>>> sorted(DEFAULT_SOURCES)
['cluener', 'gold', 'msra', 'pd1998']
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path

import pycrfsuite

from kg.errors import TrainingDataError
from kg.extract.charfeatures import FEATURE_VERSION
from kg.rdf.io import write_atomic
from kg.train.corpora import Sentence, external_dir, is_heldout, read_corpus
from kg.train.crf import TrainOptions, TrainStats, train_crf

__all__ = ["DEFAULT_SOURCES", "SOURCE_FILES", "training_sentences", "train_model"]

#: source → file under ``shared/external`` (gold is read from ``shared/gold``).
SOURCE_FILES = {
    "msra": "msra/train.jsonl",
    "pd1998": "pd1998/train.jsonl",
    "cluener": "cluener/train.jsonl",
}
DEFAULT_SOURCES = ("msra", "pd1998", "cluener", "gold")


def _gold_dir(external: Path) -> Path:
    return external.parent / "gold"


def training_sentences(
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    external: str | Path | None = None,
    gold: str | Path | None = None,
) -> Iterator[Sentence]:
    """Every training sentence of ``sources``, in a fixed order; the MSRA held-out slice and
    every evaluation split (MSRA test, CLUENER dev) are never among them."""
    ext = Path(external or external_dir())
    for source in sources:
        if source == "gold":
            from kg.train.corpora import gold_sentences

            gdir = Path(gold) if gold else _gold_dir(ext)
            if not gdir.is_dir():
                raise TrainingDataError(str(gdir), "gold folder not found")
            yield from gold_sentences(gdir)
            continue
        if source not in SOURCE_FILES:
            raise TrainingDataError(source, f"unknown source; choose from {', '.join(DEFAULT_SOURCES)}")
        path = ext / SOURCE_FILES[source]
        if not path.is_file():
            raise TrainingDataError(str(path), "not found (set KG_EXTERNAL_DIR to the shared/external folder)")
        for s in read_corpus(path, source):
            if not is_heldout(s.id):
                yield s


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def train_model(
    out: str | Path,
    *,
    sources: Sequence[str] = DEFAULT_SOURCES,
    external: str | Path | None = None,
    gold: str | Path | None = None,
    options: TrainOptions = TrainOptions(),
    evaluate: bool = True,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Train the tagger and write ``out`` (the model), ``out.json`` (metadata) and
    ``MODEL_CARD.md`` beside it. Returns the metadata.

    ``evaluate`` scores the new model alone on the MSRA held-out slice (fast; the whole
    pipeline is scored by ``kg eval --external``).
    """
    out = Path(out)
    stats: TrainStats = train_crf(
        training_sentences(sources, external=external, gold=gold), out,
        options=options, progress=progress)
    meta = {
        "model": out.name,
        "feature_version": FEATURE_VERSION,
        "sources": list(sources),
        "training": asdict(stats) | {"feature_seconds": round(stats.feature_seconds, 1),
                                     "train_seconds": round(stats.train_seconds, 1)},
        "size_bytes": out.stat().st_size,
        "sha256": _sha256(out),
    }
    if evaluate:
        if progress:
            progress("scoring the model on msra-heldout")
        meta["msra_heldout"] = _score_model(out, external)
    write_atomic(out.with_suffix(".json"),
                 json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    from kg.train.card import write_model_card

    write_model_card(out.parent / "MODEL_CARD.md", meta)
    return meta


def _score_model(model: Path, external: str | Path | None) -> dict:
    from kg.evaluate.external import load_external, score_spans
    from kg.extract.charfeatures import char_features, fold_text
    from kg.extract.tagger import decode_spans

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    sents = load_external("msra-heldout", root=external)
    pred = [set(decode_spans(tagger.tag(char_features(fold_text(s.text))))) for s in sents]
    return {k: v.to_dict() for k, v in sorted(score_spans(sents, pred).items())}

