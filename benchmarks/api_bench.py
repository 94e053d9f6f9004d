"""The Python API against plain rdflib: every parameter-free named query on the bundled graph.

Not a test: ``python benchmarks/api_bench.py`` (a minute or two) writes
``benchmarks/results/api.json`` and prints a Markdown table.

The two sides, loaded from the same ``.trig`` file of the bundled corpus build:

* **kg** — ``g = kg.load(path)`` then ``g.query(name)``: what a notebook does. It includes
  resolving the name, binding the declared defaults, the default engine (pyoxigraph's
  in-memory store, filled by ``kg.load``; ``oxigraph_copy`` is what is left of the one-off
  copy earlier versions made on the first query, ~0 now) and the conversion of every value
  to an rdflib term;
* **rdflib** — ``ds = Dataset(); ds.parse(path); ds.default_union = True`` then
  ``ds.query(text, initBindings=…)`` with the query file's text and its declared defaults
  (e.g. located-in's place) as initial bindings, every row read: what plain rdflib does
  (rdflib parses the text on every call; a second figure, ``rdflib_prepared``, parses it
  once with ``prepareQuery``, the best case for rdflib).

A query runs ``--repeats`` times on each side (interleaved); the figure is the median. Both
sides must give the same rows (compared as in ``tests/query/test_engines.py``: order kept,
``GROUP_CONCAT`` items as sets, integer-derived datatypes as ``xsd:integer``), else the case
is marked ``same_rows: false``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]
RESULTS = HERE / "results"


def cases() -> list[str]:
    """Named queries that run without parameters (none required)."""
    from kg.query import load_all

    return [name for name, q in sorted(load_all().items()) if not any(p.required for p in q.params)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=5, help="runs per query and side")
    ap.add_argument("--out", type=Path, default=RESULTS / "api.json")
    args = ap.parse_args(argv)

    import warnings

    warnings.simplefilter("ignore", DeprecationWarning)
    from rdflib import Dataset
    from rdflib.plugins.sparql import prepareQuery

    import kg
    from rdflib.term import Variable

    from kg.query import bindings_for, load_all
    from run import meta
    from tests.query.test_engines import canonical, concat_columns

    tmp = Path(tempfile.mkdtemp(prefix="kg-api-bench-"))
    trig = tmp / "lvliang.trig"
    kg.build().save(trig)

    t0 = time.perf_counter()
    g = kg.load(trig)
    load_kg = time.perf_counter() - t0
    t0 = time.perf_counter()
    g.query_backend()  # the store; earlier versions made their Oxigraph copy here
    copy_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ds = Dataset()
    ds.parse(trig, format="trig")
    ds.default_union = True
    load_rdflib = time.perf_counter() - t0

    def rows_of(vars_, rows, concat):
        return [tuple(canonical(r.get(v), concat.get(v)) for v in vars_) for r in rows]

    out_cases = []
    for name in cases():
        q = load_all()[name]
        concat = concat_columns(q.text)
        prepared = prepareQuery(q.text)
        defaults = {Variable(k): v for k, v in bindings_for(q, {}).items()}
        times = {"kg": [], "rdflib": [], "rdflib_prepared": []}
        got = want = None
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            res = g.query(name)
            times["kg"].append(time.perf_counter() - t0)
            got = rows_of(res.vars, res.rows, concat)
            t0 = time.perf_counter()
            plain = ds.query(q.text, initBindings=defaults)
            plain_rows = list(plain)
            times["rdflib"].append(time.perf_counter() - t0)
            names = [str(v) for v in plain.vars]
            want = rows_of(names, [{n: r[i] for i, n in enumerate(names) if r[i] is not None}
                                   for r in plain_rows], concat)
            t0 = time.perf_counter()
            list(ds.query(prepared, initBindings=defaults))
            times["rdflib_prepared"].append(time.perf_counter() - t0)
        med = {k: statistics.median(v) for k, v in times.items()}
        case = {"query": name, "rows": len(got), "same_rows": got == want,
                **{f"{k}_ms": round(v * 1000, 2) for k, v in med.items()},
                "ratio": round(med["rdflib"] / med["kg"], 2),
                "ratio_prepared": round(med["rdflib_prepared"] / med["kg"], 2)}
        out_cases.append(case)
        print(json.dumps(case, ensure_ascii=False), file=sys.stderr)

    ratios = [c["ratio"] for c in out_cases]
    result = {
        "meta": {**meta(), "repeats": args.repeats, "quads": len(g)},
        "load_s": {"kg_load": round(load_kg, 3), "oxigraph_copy": round(copy_s, 3),
                   "rdflib_parse": round(load_rdflib, 3)},
        "summary": {"cases": len(out_cases), "same_rows": sum(c["same_rows"] for c in out_cases),
                    "median_ratio": round(statistics.median(ratios), 2),
                    "min_ratio": min(ratios), "cases_at_least_10x": sum(r >= 10 for r in ratios),
                    "median_ratio_prepared": round(statistics.median(c["ratio_prepared"] for c in out_cases), 2)},
        "cases": out_cases,
    }
    from kg.rdf.io import write_atomic

    write_atomic(args.out, json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(report(result))
    return 0


def report(result: dict) -> str:
    """The Markdown table of one result."""
    s = result["summary"]
    lines = [f"{s['cases']} parameter-free named queries, {result['meta']['quads']:,} quads; median ratio "
             f"{s['median_ratio']}× (plain rdflib / kg API), {s['cases_at_least_10x']} of {s['cases']} ≥ 10×, "
             f"same rows {s['same_rows']}/{s['cases']}; against rdflib with prepared queries "
             f"{s['median_ratio_prepared']}×.", "",
             "| query | rows | kg API | rdflib | rdflib prepared | ratio | same rows |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for c in result["cases"]:
        lines.append(f"| {c['query']} | {c['rows']} | {c['kg_ms']} ms | {c['rdflib_ms']} ms | "
                     f"{c['rdflib_prepared_ms']} ms | {c['ratio']}× | {'yes' if c['same_rows'] else 'NO'} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
