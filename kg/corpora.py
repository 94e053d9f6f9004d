"""Labelled sentences: the public NER corpora in ``shared/external`` and the gold, read and scored.

Training (:mod:`kg.train`) reads them to fit the tagger and to score it on the held-out slice;
evaluation (:mod:`kg.evaluate.external`) reads the evaluation sets (:data:`EXTERNAL_SETS`) and
scores a build's spans with the same :func:`score_spans`. Neither stage knows the other.

Every corpus is read into :class:`Sentence` records whose spans carry one of the three
tagger labels (``PER``, ``LOC``, ``ORG``); each source's own labels are mapped by
:data:`LABEL_MAPS`. A label missing from a map is dropped: its span counts as plain text.

``msra-heldout`` is every 20th line of MSRA train (ids ``msra-train-20``, ``-40``, ...) and
``cluener-heldout`` every 20th line of CLUENER train: they are never trained on, so their
scores are honest estimates on unseen news, and their errors may be read while developing,
which the evaluation sets proper (CLUENER dev; the MSRA *test* split, not read anywhere in
this project) are not.

Examples
--------
>>> s = Sentence("王刚在太原", ((0, 2, "PER"), (3, 5, "LOC")), "demo-1")
>>> s.bio()
['B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC']
>>> scores = score_spans([s], [{(0, 2, "PER"), (3, 5, "ORG")}])
>>> round(scores["ALL"].f1, 2), scores["PER"].tp, scores["LOC"].fn
(0.5, 1, 1)
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.corpus import bundled_paths
from kg.errors import TrainingDataError
from kg.extract.charfeatures import fold_text

__all__ = [
    "LABEL_MAPS",
    "HELDOUT_EVERY",
    "Sentence",
    "external_dir",
    "read_corpus",
    "is_heldout",
    "gold_sentences",
    "EXTERNAL_SETS",
    "SpanScore",
    "load_external",
    "score_spans",
]

#: Each source label → tagger label. Gold labels are the ontology's core classes.
LABEL_MAPS: dict[str, dict[str, str]] = {
    "msra": {"PER": "PER", "LOC": "LOC", "ORG": "ORG"},
    "pd1998": {"nr": "PER", "ns": "LOC", "nt": "ORG"},
    "cluener": {
        "name": "PER",
        "address": "LOC",
        "scene": "LOC",
        "organization": "ORG",
        "government": "ORG",
        "company": "ORG",
    },
    "gold": {"Person": "PER", "Place": "LOC", "Memorial": "LOC", "Institution": "ORG"},
}

HELDOUT_EVERY = 20
_HELDOUT_SPLITS = ("msra-train-", "cluener-train-")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A text with labelled, non-overlapping spans ``(start, end, label)``."""

    text: str
    spans: tuple[tuple[int, int, str], ...]
    id: str

    def bio(self) -> list[str]:
        """Per-character BIO labels."""
        tags = ["O"] * len(self.text)
        for a, b, label in self.spans:
            tags[a] = "B-" + label
            for i in range(a + 1, b):
                tags[i] = "I-" + label
        return tags


def external_dir() -> Path:
    """``shared/external`` beside the checkout (``KG_EXTERNAL_DIR`` overrides it)."""
    env = os.environ.get("KG_EXTERNAL_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent.parent / "shared" / "external"
        if cand.is_dir():
            return cand
    return Path.cwd().parent / "shared" / "external"


def is_heldout(sentence_id: str) -> bool:
    """Whether an MSRA or CLUENER train line belongs to a held-out slice.

    Examples
    --------
    >>> is_heldout("msra-train-40"), is_heldout("msra-train-41"), is_heldout("pd1998-train-40")
    (True, False, False)
    >>> is_heldout("cluener-train-60"), is_heldout("cluener-dev-60")
    (True, False)
    """
    if not sentence_id.startswith(_HELDOUT_SPLITS):
        return False
    return int(sentence_id.rsplit("-", 1)[1]) % HELDOUT_EVERY == 0


def read_corpus(path: str | Path, source: str) -> Iterator[Sentence]:
    """Sentences of one JSONL file, labels mapped by ``LABEL_MAPS[source]``, text folded."""
    mapping = LABEL_MAPS[source]
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            spans = tuple(
                (a, b, mapping[t]) for a, b, t in row["spans"] if t in mapping
            )
            yield Sentence(fold_text(row["text"]), spans, row["id"])


def gold_sentences(gold_dir: str | Path) -> Iterator[Sentence]:
    """The gold documents as tagged sentences (see :mod:`kg.evaluate.gold`).

    Each gold entity's name and aliases are found in the document text; a line of text is one
    sentence. Lines with no annotated name are kept: they teach what is not a name.
    """
    mapping = LABEL_MAPS["gold"]
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        by_name = {p.name: p for p in bundled_paths()}
        text = fold_text(by_name[gold["doc"]].read_text(encoding="utf-8"))
        names: dict[str, str] = {}
        for ent in gold["entities"]:
            label = mapping.get(ent["type"])
            for form in [ent["name"], *ent.get("aliases", [])]:
                form = fold_text(form)
                if len(form) >= 2:
                    names.setdefault(form, label or "")
        for k, line in enumerate(text.split("\n")):
            if line.strip():
                yield Sentence(line, _find_names(line, names), f"gold-{path.stem}-{k}")


def _find_names(line: str, names: dict[str, str]) -> tuple[tuple[int, int, str], ...]:
    """Longest-first, left-to-right non-overlapping matches; unlabelled names block only."""
    taken = [False] * len(line)
    out = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        start = line.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(name)
                if names[name]:
                    out.append((start, end, names[name]))
            start = line.find(name, end)
    return tuple(sorted(out))


#: Evaluation sets, name → (corpus folder, file, label map, line filter):
#: ``msra-heldout`` and ``cluener-heldout`` are every 20th line of MSRA and CLUENER train
#: (:func:`is_heldout`), never trained on; ``cluener`` is CLUENER2020 dev (never trained on).
#: CLUENER labels map name → PER; address, scene → LOC; organization, government, company →
#: ORG; other labels are dropped.
EXTERNAL_SETS: dict[str, tuple[str, str, str, Callable[[str], bool]]] = {
    "msra-heldout": ("msra", "train.jsonl", "msra", is_heldout),
    "cluener-heldout": ("cluener", "train.jsonl", "cluener", is_heldout),
    "cluener": ("cluener", "dev.jsonl", "cluener", lambda _id: True),
}


@dataclass
class SpanScore:
    """Counts of one label's typed exact-span matches, and the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def load_external(name: str, *, root: str | Path | None = None, limit: int | None = None) -> list[Sentence]:
    """The sentences of an external evaluation set, raw text (not normalised), mapped labels."""
    if name not in EXTERNAL_SETS:
        raise TrainingDataError(name, f"unknown set; choose one of {', '.join(sorted(EXTERNAL_SETS))}")
    folder, fname, source, keep = EXTERNAL_SETS[name]
    path = Path(root or external_dir()) / folder / fname
    if not path.is_file():
        raise TrainingDataError(str(path), "not found (set KG_EXTERNAL_DIR to the shared/external folder)")
    mapping = LABEL_MAPS[source]
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if not keep(row["id"]) or "\n" in row["text"]:
                continue
            spans = tuple((a, b, mapping[t]) for a, b, t in row["spans"] if t in mapping)
            out.append(Sentence(row["text"], spans, row["id"]))
            if limit and len(out) >= limit:
                break
    return out


def score_spans(gold: Sequence[Sentence], pred: Sequence[set[tuple[int, int, str]]]) -> dict[str, SpanScore]:
    """Typed exact-span scores per label and pooled (``ALL``)."""
    scores: dict[str, SpanScore] = {"ALL": SpanScore()}
    for s, p in zip(gold, pred, strict=True):
        g = set(s.spans)
        for a, b, label in g | p:
            sc = scores.setdefault(label, SpanScore())
            if (a, b, label) in g and (a, b, label) in p:
                sc.tp += 1
                scores["ALL"].tp += 1
            elif (a, b, label) in p:
                sc.fp += 1
                scores["ALL"].fp += 1
            else:
                sc.fn += 1
                scores["ALL"].fn += 1
    return scores
