"""Memory of a loaded and queried graph, per engine, against another source tree.

Not a test: ``python benchmarks/memory_bench.py [--before DIR] [--graph FILE.nq]`` writes
``benchmarks/results/memory.json`` and prints a Markdown table.

Each case runs in a fresh process: import kg, then ``kg.load(path, engine=…)`` (or
``kg.build()``), then every parameter-free named query once. The figures are the resident
set size (``VmRSS``) after the imports, after the load and after the queries, and the peak
(``VmHWM``), in MiB, each after ``gc.collect()`` and glibc's ``malloc_trim`` (so freed
memory is not counted); the rows to compare are the increments over the imports. pyoxigraph
allocates outside Python's allocator, so tracemalloc would not see the Oxigraph store: RSS
does.

``--before DIR`` runs the same cases on another checkout (``git archive COMMIT | tar -x -C
DIR``), e.g. the commit before a change, in the same run; ``--graph`` adds a large N-Quads
file (``benchmarks/.cache/synthetic-1000000.nq`` of ``run.py``) to the bundled graph.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"

CHILD = r"""
import json, sys, time, warnings
warnings.simplefilter("ignore")

def rss():
    # hand memory freed by Python and the allocators back to the system first, so RSS
    # shows what the process still holds (an rdflib Dataset parsed and dropped, say)
    import ctypes, gc
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass
    out = {}
    for line in open("/proc/self/status"):
        key, _, val = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(val.split()[0]) / 1024
    return out

source, engine = sys.argv[1], sys.argv[2]
import kg, rdflib, pyoxigraph
from kg.query import load_all
names = [n for n, q in sorted(load_all().items()) if not any(p.required for p in q.params)]
base = rss()["VmRSS"]
t0 = time.perf_counter()
if source == "build":
    g = kg.build()
    if engine != "oxigraph":
        g.engine = engine
else:
    g = kg.load(source, engine=engine)
load_s = time.perf_counter() - t0
loaded = rss()["VmRSS"]
t0 = time.perf_counter()
g.query("ASK { ?s ?p ?o }")
first_s = time.perf_counter() - t0
for name in names:
    g.query(name)
after = rss()
print(json.dumps({"imports_mb": round(base, 1), "after_load_mb": round(loaded - base, 1),
                  "after_queries_mb": round(after["VmRSS"] - base, 1),
                  "peak_mb": round(after["VmHWM"] - base, 1), "load_s": round(load_s, 2),
                  "first_query_s": round(first_s, 2), "quads": len(g), "queries": len(names)}))
"""


def measure(tree: Path, source: str, engine: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    res = subprocess.run([sys.executable, "-c", CHILD, source, engine], capture_output=True, text=True,
                         cwd=tree, env=env)
    if res.returncode:
        raise RuntimeError(res.stderr[-2000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", type=Path, help="another source tree to measure in the same run")
    ap.add_argument("--before-label", default="before")
    ap.add_argument("--graph", type=Path, help="a large .nq file to load too")
    ap.add_argument("--out", type=Path, default=RESULTS / "memory.json")
    args = ap.parse_args(argv)
    sys.path[:0] = [str(ROOT), str(HERE)]
    import kg
    from run import meta

    tmp = Path(tempfile.mkdtemp(prefix="kg-mem-bench-"))
    built = kg.build()
    for ext in (".trig", ".nq"):
        built.save(tmp / f"lvliang{ext}")
    sources = [("bundled .trig", str(tmp / "lvliang.trig")), ("bundled .nq", str(tmp / "lvliang.nq")),
               ("bundled, kg.build()", "build")]
    if args.graph:
        sources.append((f"{args.graph.name}", str(args.graph.resolve())))
    trees = [("this tree", ROOT)] + ([(args.before_label, args.before.resolve())] if args.before else [])
    cases = []
    for label, source in sources:
        for engine in ("oxigraph", "rdflib"):
            for tree_label, tree in trees:
                r = {"graph": label, "engine": engine, "tree": tree_label, **measure(tree, source, engine)}
                cases.append(r)
                print(json.dumps(r, ensure_ascii=False), file=sys.stderr)
    result = {"meta": meta(), "cases": cases}
    from kg.rdf.io import write_atomic

    write_atomic(args.out, json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    print(report(result))
    return 0


def report(result: dict) -> str:
    """The Markdown table of one result."""
    lines = ["| graph | engine | code | quads | load | first query | RSS after load | after queries | peak |",
             "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for c in result["cases"]:
        lines.append(f"| {c['graph']} | {c['engine']} | {c['tree']} | {c['quads']:,} | {c['load_s']} s | "
                     f"{c['first_query_s']} s | {c['after_load_mb']:,.0f} MiB | {c['after_queries_mb']:,.0f} MiB | "
                     f"{c['peak_mb']:,.0f} MiB |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
