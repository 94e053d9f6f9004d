"""A sample of extracted relations to judge by hand, from news no rule was written for.

The documents are paragraphs of public annotated Chinese news that nobody working on the
relation rules read: People's Daily 1998 paragraphs (``../shared/external/pd1998``) and
CLUENER dev sentences (``../shared/external/cluener/dev.jsonl``), drawn at random with a fixed
seed (long enough to state something: 80–600 characters). The 83 paragraphs a developer read
while writing the relation frames (:func:`probed`: the first twelve of pd1998 and then CLUENER
train matching each probe pattern) are skipped. Each document is extracted with the default
pipeline; every relation of the five scored predicates (one per document, subject, predicate,
object and role) goes into a pool, and 40 are drawn from it with the same seed.

``--rules frames:,relation:built-`` draws only from relations of those rules (the frames
written on this branch), from a larger pool of documents (``--docs``), into another file
(``--out``): the precision of the new rules themselves, which a draw from all relations
seldom reaches.

``--skip-draws 2030:300:msra/train.jsonl`` leaves out the paragraphs of an earlier sample
drawn from another corpus.

``--sources msra/train.jsonl,cluener/dev.jsonl`` draws from other corpora than the default
(People's Daily 1998 train and CLUENER dev): a corpus no development draw ever read.

``--skip-draws 3001:500,3002:700`` leaves out the paragraphs of earlier development draws
(:func:`drawn`: the same draw with that seed and size, from People's Daily 1998 and CLUENER
train), which a developer read while fixing wrong relations, so that a fresh sample holds
only paragraphs nobody read.

Writes ``benchmarks/results/relation_precision_sample.tsv`` with empty ``verdict`` and
``reason`` columns; the verdicts are filled in by hand (``correct``/``wrong``), and the file
is then kept as the record. Run: ``python benchmarks/relation_precision.py [--keep]``
(``--keep`` leaves an existing file's verdicts for rows that are drawn again).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.pipeline import Pipeline  # noqa: E402
from kg.text import read_text  # noqa: E402

EXTERNAL = ROOT.parent / "shared" / "external"
OUT = ROOT / "benchmarks" / "results" / "relation_precision_sample.tsv"
SEED = 16
PREDICATES = ("locatedIn", "partnerOf", "operatedBy", "heldPosition", "renamedTo")
# The patterns of the first probe over pd1998/cluener train (see :func:`probed`).
PROBES = {"within": r"境内", "run": r"由[^，。]{2,25}(主办|承办|运营|投资建设|负责建设|建设)",
          "unit": "主办单位", "belongs": "隶属", "respectively": r"分别(任|担任)",
          "located": r"(位于|坐落于|地处)", "inside": r"(风景区|景区|公园|保护区)内的",
          "coop": r"与[^，。]{2,20}(签约|签订|签署|合作|共建)",
          "apposition": r"[，,][^，,。]{2,12}(局长|书记|市长|县长|主任|总经理|董事长|院长|校长)[，,]"}
FIELDS = ["doc", "subject", "predicate", "object", "role", "rule", "sentence", "verdict", "reason"]


def probed() -> set[str]:
    """The texts a developer read while writing the frames: the first twelve texts (of at
    most 220 characters) matching each probe pattern, in pd1998 and then CLUENER train."""
    seen = dict.fromkeys(PROBES, 0)
    out = set()
    for name in ("pd1998/train.jsonl", "cluener/train.jsonl"):
        with (EXTERNAL / name).open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line)["text"]
                if len(text) > 220:
                    continue
                for k, pat in PROBES.items():
                    if seen[k] < 12 and re.search(pat, text):
                        seen[k] += 1
                        out.add(text.strip())
    return out


def _texts(path: Path, n: int, rng: random.Random, skip: set[str]) -> list[tuple[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            text = obj["text"].strip()
            if 80 <= len(text) <= 600 and text not in skip:
                rows.append((obj["id"], text))
    return rng.sample(rows, min(n, len(rows)))


# What the development draws read: People's Daily 1998 and CLUENER train.
DEV_SOURCES = ("pd1998/train.jsonl", "cluener/train.jsonl")


def drawn(seed: int, n: int, skip: set[str], sources: tuple[str, ...] = DEV_SOURCES) -> set[str]:
    """The texts of a development draw (or an earlier sample): ``n`` paragraphs of each of
    ``sources`` (People's Daily 1998 and CLUENER train by default), drawn as :func:`_texts`
    draws them with ``seed``."""
    rng = random.Random(seed)
    docs = []
    for source in sources:
        docs += _texts(EXTERNAL / source, n, rng, skip)
    return {text for _, text in docs}


def pool(docs: list[tuple[str, str]]) -> list[dict[str, str]]:
    """Every relation the default pipeline states in ``docs``, once per document."""
    pipe = Pipeline()
    out, seen = [], set()
    for doc_id, text in docs:
        state = pipe(read_text(text, doc_id=doc_id))
        for s in state.statements:
            pred = "locatedIn" if s.predicate == "heldAt" else s.predicate
            if pred not in PREDICATES:
                continue
            sub = s.subject.canonical or s.subject.text
            obj = s.object.canonical or s.object.text
            key = (doc_id, sub, pred, obj, s.role or "")
            if key in seen:
                continue
            seen.add(key)
            sent = state.doc.sentences[s.sentence]
            out.append({"doc": doc_id, "subject": sub, "predicate": pred, "object": obj,
                        "role": s.role or "", "rule": s.rule,
                        "sentence": state.doc.text[sent.start:sent.end].replace("\t", " ").replace("\n", " "),
                        "verdict": "", "reason": ""})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--keep", action="store_true", help="keep verdicts of rows drawn again")
    ap.add_argument("--docs", type=int, default=300, help="documents drawn from each corpus")
    ap.add_argument("--rules", default="", help="comma-separated rule prefixes to draw from")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--skip-draws", default="",
                    help="SEED:N[:SOURCE…],… development draws (or earlier samples) to leave out")
    ap.add_argument("--sources", default="pd1998/train.jsonl,cluener/dev.jsonl",
                    help="corpora (under shared/external) to draw --docs paragraphs from, each")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    skip = probed()
    read = set()
    for item in filter(None, args.skip_draws.split(",")):
        seed, n, *sources = item.split(":")
        read |= drawn(int(seed), int(n), skip, tuple(sources) or DEV_SOURCES)
    skip |= read
    docs = []
    for source in args.sources.split(","):
        docs += _texts(EXTERNAL / source, args.docs, rng, skip)
    rows = pool(docs)
    if args.rules:
        rows = [r for r in rows if r["rule"].startswith(tuple(args.rules.split(",")))]
    sample = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    sample.sort(key=lambda r: (r["doc"], r["subject"], r["predicate"], r["object"]))
    out = args.out
    if args.keep and out.exists():
        with out.open(encoding="utf-8") as fh:
            old = {tuple(r[k] for k in FIELDS[:5]): r for r in csv.DictReader(fh, delimiter="\t")}
        for r in sample:
            prev = old.get(tuple(r[k] for k in FIELDS[:5]))
            if prev:
                r["verdict"], r["reason"] = prev["verdict"], prev["reason"]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, FIELDS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(sample)
    judged = [r for r in sample if r["verdict"]]
    print(f"{len(docs)} documents ({len(read)} read in development left out), {len(rows)} relations, "
          f"{len(sample)} drawn → {out}; "
          f"{sum(r['verdict'] == 'correct' for r in judged)}/{len(judged)} judged correct")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
