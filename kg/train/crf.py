"""Train the character CRF tagger with python-crfsuite.

L-BFGS with elastic-net regularisation: the L1 term prunes most of the millions of
candidate features, which keeps the shipped model small, and crfsuite's L-BFGS visits the
data in a fixed order, so the same data and options give the same model.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.corpora import Sentence
>>> data = [Sentence("王刚在太原工作", ((0, 2, "PER"), (3, 5, "LOC")), "d-1")] * 3
>>> path = pathlib.Path(tempfile.mkdtemp()) / "m.crfsuite"
>>> stats = train_crf(data, path, options=TrainOptions(iterations=20))
>>> stats.sentences, path.exists()
(3, True)
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pycrfsuite

from kg.extract.charfeatures import char_features
from kg.corpora import Sentence

__all__ = ["TrainOptions", "TrainStats", "train_crf"]


@dataclass(frozen=True)
class TrainOptions:
    """Options of one training run (recorded in the model card)."""

    iterations: int = 150
    c1: float = 0.1
    c2: float = 0.01
    #: Features seen fewer times than this are not considered at all: the long tail of
    #: once-seen character trigrams and words, which would double the model's size.
    min_freq: int = 2


@dataclass
class TrainStats:
    sentences: int = 0
    characters: int = 0
    entities: int = 0
    feature_seconds: float = 0.0
    train_seconds: float = 0.0
    options: dict = field(default_factory=dict)


def train_crf(
    data: Iterable[Sentence],
    out: str | Path,
    *,
    options: TrainOptions = TrainOptions(),
    progress: Callable[[str], None] | None = None,
) -> TrainStats:
    """Train on ``data`` and write the model to ``out`` atomically.

    Parameters
    ----------
    data : iterable of Sentence
        Training sentences (folded text, labelled spans).
    out : path
        Where the model goes; written to a temporary file first, then renamed.
    options : TrainOptions
        Iterations and regularisation.
    progress : callable, optional
        Called with a short status line now and then.
    """
    stats = TrainStats(options=asdict(options))
    trainer = _trainer(progress)
    t0 = time.perf_counter()
    for sent in data:
        if not sent.text:
            continue
        trainer.append(char_features(sent.text), sent.bio())
        stats.sentences += 1
        stats.characters += len(sent.text)
        stats.entities += len(sent.spans)
        if progress and stats.sentences % 20000 == 0:
            progress(f"features: {stats.sentences:,} sentences, {stats.characters:,} characters")
    stats.feature_seconds = time.perf_counter() - t0
    trainer.set_params({
        "c1": options.c1,
        "c2": options.c2,
        "max_iterations": options.iterations,
        "feature.minfreq": options.min_freq,
        "feature.possible_transitions": True,
    })
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
    os.close(fd)
    t1 = time.perf_counter()
    try:
        trainer.train(tmp)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the model from other users
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    stats.train_seconds = time.perf_counter() - t1
    return stats


def _trainer(progress: Callable[[str], None] | None):
    class Trainer(pycrfsuite.Trainer):
        # crfsuite reports through log lines; pycrfsuite parses them but calls its on_*
        # handlers only when verbose, and those print.
        def message(self, message):
            event = self.logparser.feed(message)
            if progress and event == "iteration":
                info = self.logparser.last_iteration
                progress(f"iteration {info['num']}: loss {info['loss']:.1f}, "
                         f"{info['active_features']:,} active features, {info['time']:.1f} s")

    return Trainer(verbose=False)
