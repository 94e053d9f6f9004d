"""Speed of the default build on MSRA-test-sized news against jieba.posseg on the same text.

The corpus has the size of the MSRA NER test split (about 172k characters, 50 sentences a
document, one sentence a line) but is made of text that split is not: the MSRA held-out slice
of train and then CLUENER dev. Three timings, each in a fresh process so that model and
dictionary loading count for both sides:

* ``kg build DIR -o out.nq`` (default pipeline, ``--jobs 1`` and ``--jobs 2``);
* ``jieba.posseg`` (HMM on) over the same text, line by line;
* the tagger component alone (features + CRF), for the share of the build it takes.

Besides wall-clock seconds, each timing records the CPU seconds (user + system) of the
process and its workers: on a machine shared with other jobs, the wall-clock ratio moves
with the other jobs' load from one timing to the next; the CPU ratio much less.

Writes ``benchmarks/results/tagger.json``. Run: ``python benchmarks/tagger_bench.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results"
TARGET_CHARS = 172_000

_JIEBA = r"""
import sys, time, logging, tempfile
t0 = time.perf_counter()
import jieba, jieba.posseg
jieba.setLogLevel(logging.WARNING)
tk = jieba.Tokenizer(); tk.tmp_dir = tempfile.mkdtemp()
pos = jieba.posseg.POSTokenizer(tk)
text = open(sys.argv[1], encoding="utf-8").read()
t1 = time.perf_counter()
n = 0
for line in text.splitlines():
    n += sum(1 for _ in pos.cut(line, HMM=True))
t2 = time.perf_counter()
print(t2 - t0, t2 - t1, n)
"""

_TAGGER = r"""
import sys, time
t0 = time.perf_counter()
from kg.extract.tagger import CRFTagger
text = open(sys.argv[1], encoding="utf-8").read()
tagger = CRFTagger()
tagger.spans("预热")
t1 = time.perf_counter()
n = len(tagger.spans(text))
t2 = time.perf_counter()
print(t2 - t0, t2 - t1, n)
"""


def corpus(out_dir: Path) -> tuple[int, int, Path]:
    from kg.corpora import load_external
    from kg.evaluate.external import pack_documents

    sents, chars = [], 0
    for name in ("msra-heldout", "cluener"):
        for s in load_external(name):
            if chars >= TARGET_CHARS:
                break
            sents.append(s)
            chars += len(s.text)
    docs = pack_documents(sents)
    for fname, text in docs:
        (out_dir / fname).write_text(text, encoding="utf-8")
    joined = out_dir.parent / "all.txt"
    joined.write_text("".join(t for _, t in docs), encoding="utf-8")
    return len(docs), chars, joined


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, str, float]:
    """Wall-clock seconds, standard output and CPU seconds (the process and its children)."""
    t0, c0 = time.perf_counter(), _children_cpu()
    res = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    elapsed, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if res.returncode not in (0, 3):
        raise SystemExit(f"{cmd}: exit {res.returncode}\n{res.stderr[-2000:]}")
    return elapsed, res.stdout, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", type=Path, default=RESULTS / "tagger.json")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kg-tagger-bench-"))
    docs_dir = work / "docs"
    docs_dir.mkdir()
    n_docs, n_chars, joined = corpus(docs_dir)
    env = {"OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    load_at_start = os.getloadavg()
    runs: dict[str, list[float]] = {"build_jobs1": [], "build_jobs2": [], "jieba_total": [],
                                    "jieba_tagging": [], "tagger_total": [], "tagger_tagging": []}
    cpu: dict[str, list[float]] = {"build_jobs1": [], "build_jobs2": [], "jieba": [], "tagger": []}
    py = sys.executable
    for _ in range(args.repeats):
        for jobs in (1, 2):
            t, _out, c = timed([py, "-m", "kg.cli", "build", str(docs_dir), "-o", str(work / "out.nq"),
                                "--jobs", str(jobs), "--quiet"], env)
            runs[f"build_jobs{jobs}"].append(round(t, 3))
            cpu[f"build_jobs{jobs}"].append(round(c, 3))
        _t, out, c = timed([py, "-c", _JIEBA, str(joined)], env)
        total, tagging, _n = out.split()
        runs["jieba_total"].append(round(float(total), 3))
        runs["jieba_tagging"].append(round(float(tagging), 3))
        cpu["jieba"].append(round(c, 3))
        _t, out, c = timed([py, "-c", _TAGGER, str(joined)], env)
        total, tagging, _n = out.split()
        runs["tagger_total"].append(round(float(total), 3))
        runs["tagger_tagging"].append(round(float(tagging), 3))
        cpu["tagger"].append(round(c, 3))
    med = {k: sorted(v)[len(v) // 2] for k, v in runs.items()}
    cpu_med = {k: sorted(v)[len(v) // 2] for k, v in cpu.items()}
    result = {
        "corpus": {"documents": n_docs, "characters": n_chars,
                   "source": "msra-heldout then cluener dev, 50 sentences a document"},
        "runs": runs,
        "median_s": med,
        "ratios": {
            "build_jobs1_over_jieba": round(med["build_jobs1"] / med["jieba_total"], 2),
            "build_jobs2_over_jieba": round(med["build_jobs2"] / med["jieba_total"], 2),
            "jobs2_speedup": round(med["build_jobs1"] / med["build_jobs2"], 2),
            "tagger_share_of_build": round(med["tagger_total"] / med["build_jobs1"], 2),
        },
        # CPU seconds of whole processes (interpreter start-up included on both sides)
        "cpu_runs": cpu,
        "median_cpu_s": cpu_med,
        "ratios_cpu": {
            "build_jobs1_over_jieba": round(cpu_med["build_jobs1"] / cpu_med["jieba"], 2),
            "build_jobs2_over_jieba": round(cpu_med["build_jobs2"] / cpu_med["jieba"], 2),
        },
        "load_avg_at_start": [round(x, 2) for x in load_at_start],
        "chars_per_s": {"build_jobs1": round(n_chars / med["build_jobs1"]),
                        "tagger_tagging": round(n_chars / med["tagger_tagging"])},
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "date": time.strftime("%Y-%m-%d")},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, args.out)
    print(json.dumps(result["median_s"]), json.dumps(result["ratios"]), json.dumps(result["ratios_cpu"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
