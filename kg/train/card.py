"""The model card written beside a trained tagger.

Examples
--------
>>> text = model_card({"model": "m.crfsuite", "feature_version": "v", "sources": ["msra"],
...                    "training": {"sentences": 2, "characters": 10, "entities": 1,
...                                 "train_seconds": 1.0, "feature_seconds": 0.1,
...                                 "options": {"iterations": 5}},
...                    "size_bytes": 2048, "sha256": "ab"})
>>> "## Training data" in text and "MSRA" in text
True
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from kg.rdf.io import write_atomic

__all__ = ["SOURCE_NOTES", "model_card", "write_model_card"]

#: What each training source is and what its licence situation is.
SOURCE_NOTES = {
    "msra": "MSRA NER (SIGHAN 2006 bakeoff), train split without the held-out slice (every "
            "20th line); news; PER/LOC/ORG. No licence is stated for the data; a widely used "
            "research corpus. The MSRA *test* split is never read.",
    "pd1998": "People's Daily, January 1998 (PKU annotated corpus), one paragraph a line; "
              "nr → PER, ns → LOC, nt → ORG. No licence is stated; a widely used research corpus.",
    "cluener": "CLUENER2020 train split without its held-out slice (every 20th line, "
               "`cluener-heldout`; not dev, which is an evaluation set); name → PER, "
               "address/scene → LOC, organization/government/company → ORG, other labels "
               "unlabelled. No licence is stated for the data.",
    "gold": "The project's own hand annotations of three bundled articles (shared/gold): "
            "Person → PER, Place/Memorial → LOC, Institution → ORG; Program, Project and Event "
            "names block the span but are not labelled.",
}


#: Why the default mix is what it is (one run each; a quarter of the training data, 50
#: iterations, the model alone; ``kg train --sources`` changes the mix).
_CHOICES = (
    "Choosing the default mix (the model alone, trained on a quarter of the data for 50 "
    "iterations, one run each; F1 on msra-heldout / CLUENER dev):",
    "",
    "| mix | msra-heldout | CLUENER dev |",
    "|---|---:|---:|",
    "| msra, pd1998, cluener, gold; features without dictionary tags | 0.836 | 0.618 |",
    "| the same with jieba dictionary tags and the 《》 flag | 0.842 | 0.616 |",
    "| … and cluener read twice | 0.842 | 0.628 |",
    "| … and cluener read three times | 0.846 | 0.624 |",
    "| msra, cluener read twice, gold (no pd1998): **the default** | 0.853 | 0.620 |",
    "",
    "On all the data (100 iterations), adding People's Daily 1998 to the default mix gave "
    "0.894 instead of 0.913 on msra-heldout for the model alone, and for the whole pipeline "
    "(`kg eval --external`) 0.881 instead of 0.904 on msra-heldout and 0.679 instead of "
    "0.693 on CLUENER dev; the three shared gold files and the five test articles moved by "
    "less than 0.01. People's Daily marks places and organisations by other conventions "
    "than MSRA; it stays available as `--sources msra,pd1998,cluener*2,gold`.",
    "",
    "Those choices were scored on CLUENER dev, before CLUENER train had a held-out slice; "
    "later ones use `cluener-heldout`, so that CLUENER dev stays an evaluation set only. "
    "Tried since (quarter of the data, the model alone, msra-heldout / CLUENER dev): 100 "
    "instead of 50 iterations 0.860 / 0.670 against 0.858 / 0.664; word-cluster features "
    "(k-means over a PPMI-SVD embedding of the training text's jieba words, 64 and 512 "
    "clusters for the word and its neighbours) 0.852 / 0.664, no gain, not adopted. On all "
    "the data, 150 iterations instead of 100 gave 0.917 instead of 0.914 on msra-heldout and "
    "0.704 instead of 0.703 on cluener-heldout (the model alone) and a smaller model (9.2 "
    "instead of 11.1 MB, L1 pruning longer): the default since.",
)


def model_card(meta: dict) -> str:
    """The model card (Markdown) for a model's metadata."""
    tr = meta["training"]
    opts = tr.get("options", {})
    lines = [
        "# Model card: the entity tagger",
        "",
        f"`{meta['model']}`, {meta['size_bytes'] / 1e6:.1f} MB, sha256 `{meta['sha256'][:16]}…`, "
        f"written by `kg train` on {meta.get('date') or _dt.date.today().isoformat()}.",
        "",
        "## What it does",
        "A linear-chain CRF (python-crfsuite, L-BFGS with L1 + L2 regularisation) labels each "
        "character of a line B/I/O for persons (PER), places (LOC) and organisations (ORG). "
        "The pipeline component `tagger` (`kg/extract/tagger.py`) turns its spans into "
        "candidate mentions and types them into the ontology by their head noun "
        "(`kg/extract/classify.py`, `kg/extract/data/heads.tsv`).",
        "",
        "## Features",
        f"Version `{meta['feature_version']}` (`kg/extract/charfeatures.py`): characters at "
        "-2..+2, character bigrams, the trigram around the character, its position in jieba's "
        "word (B/M/E/S with length), that position with the character, the word itself and "
        "its two neighbouring words, the part of speech jieba's dictionary gives the word and "
        "its neighbours, a flag inside 《》, and a surname flag at a word start. Digits and "
        "Latin letters are folded to one symbol each.",
        "",
        "## Training data",
    ]
    for spec in meta["sources"]:
        src, _, times = spec.partition("*")
        count = f" (read {times} times)" if times else ""
        lines.append(f"- **{src}**{count}: {SOURCE_NOTES.get(src, '')}")
    lines += ["", *_CHOICES]
    lines += [
        "",
        f"{tr['sentences']:,} sentences, {tr['characters']:,} characters, {tr['entities']:,} "
        f"entities. Options: {', '.join(f'{k}={v}' for k, v in sorted(opts.items()))}. "
        f"Features {tr['feature_seconds']} s, training {tr['train_seconds']} s on one core.",
        "",
        "## Scores",
    ]
    for field, name in (("msra_heldout", "MSRA"), ("cluener_heldout", "CLUENER")):
        held = meta.get(field)
        if not held:
            continue
        lines += [
            f"The model alone on the {name} held-out slice (typed exact spans):",
            "",
            "| type | precision | recall | F1 |",
            "|---|---:|---:|---:|",
        ]
        for k in ("PER", "LOC", "ORG", "ALL"):
            if k in held:
                s = held[k]
                lines.append(f"| {k} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
        lines.append("")
    lines += [
        "Scores of the whole pipeline (`kg eval --external msra-heldout|cluener-heldout|cluener`) "
        "are in the README.",
        "",
        "## Limits",
        "Trained on national news of 1998-2020: names coined since, rare place names and "
        "programme names (which no training corpus labels) depend on the rule components. "
        "The model sees one line at a time.",
        "",
    ]
    return "\n".join(lines)


def write_model_card(path: str | Path, meta: dict) -> None:
    """Write :func:`model_card` to ``path`` atomically."""
    write_atomic(path, model_card(meta))
