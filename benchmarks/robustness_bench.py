"""Benchmark: robustness under load and abuse. Not a test: ``python benchmarks/robustness_bench.py``.

Parts (``--only fuzz,load,oneline,kills`` to run some):

* ``fuzz``: the properties of ``tests/robustness/test_properties.py`` as a long fuzz run
  (``--examples``, default 20,000 per property; the pipeline property ``--pipeline-examples``,
  the assembled-graph one ``--graph-examples``), through pytest and Hypothesis.
* ``load``: ``kg serve`` (defaults: 2 workers, ``--max-pending 256``) on the bundled corpus;
  ``--clients`` concurrent clients (threads, one keep-alive HTTP/1.1 connection each) × 
  ``--queries`` point queries each, on loopback. Errors (any status but 200), latency
  percentiles, throughput; the resident memory (RSS) of the server and its workers before,
  after a first round and after a second one (stable = no growth between rounds). During the
  second round a runaway cartesian-product query is sent: it must be cut off at the timeout
  (503) while the other clients keep being answered.
* ``oneline``: ``kg build`` of a 1 MB single-line Chinese article (a bundled article without
  line breaks, repeated): time and peak memory.
* ``kills``: ``kg build -o out.trig`` of the corpus ×6, SIGKILLed at ``--kills`` random moments;
  after each, ``out.trig`` must be byte-identical and, after the next write, no temporary
  file left.

Results: ``benchmarks/results/robustness.json``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

POINT = "SELECT ?l WHERE { res:lvliangshi rdfs:label ?l }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 1)


# ---- fuzz ---------------------------------------------------------------------------------

def fuzz(examples: int, pipeline_examples: int, graph_examples: int) -> dict:
    env = {**ENV, "KG_FUZZ_EXAMPLES": str(examples), "KG_FUZZ_PIPELINE": str(pipeline_examples),
           "KG_FUZZ_GRAPH": str(graph_examples)}
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=0",
                          "--hypothesis-show-statistics", "tests/robustness/test_properties.py"],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    out = res.stdout
    summary = re.findall(r"(\d+) (passed|failed|error)", out.splitlines()[-1] if out else "")
    durations = {m[1]: float(m[0]) for m in re.findall(r"([\d.]+)s call\s+\S+::(\w+)", out)}
    examples_run = {}
    for block in re.split(r"\n(?=tests/robustness/test_properties.py::)", out):
        m = re.match(r"tests/robustness/test_properties.py::(\w+):", block)
        if m:
            passing = re.search(r"- (\d+) passing(?: examples)?, (\d+) failing(?: examples)?, (?:and )?(\d+) "
                                r"invalid", block)
            if passing:
                examples_run[m[1]] = {"passing": int(passing[1]), "failing": int(passing[2]),
                                      "invalid": int(passing[3])}
    failures = re.findall(r"^FAILED (.*)$", out, re.M)
    return {"returncode": res.returncode, "seconds": round(elapsed, 1),
            "settings": {"examples": examples, "pipeline_examples": pipeline_examples,
                         "graph_examples": graph_examples},
            "summary": {k: int(v) for v, k in summary}, "failures": failures,
            "examples": examples_run, "test_seconds": durations,
            "tail": out.splitlines()[-3:] if res.returncode else []}


# ---- load ---------------------------------------------------------------------------------------

def rss_mb(pid: int) -> dict:
    """RSS of a process and of its children (the query workers, the forkserver)."""
    import psutil

    p = psutil.Process(pid)
    procs = [p] + p.children(recursive=True)
    total = 0
    for q in procs:
        try:
            total += q.memory_info().rss
        except psutil.Error:
            pass
    return {"server_mb": round(p.memory_info().rss / 2**20, 1), "total_mb": round(total / 2**20, 1),
            "processes": len(procs)}


class Client(threading.Thread):
    """One client: ``n`` point queries over one keep-alive connection."""

    def __init__(self, host: str, port: int, n: int, start: threading.Event) -> None:
        super().__init__(daemon=True)
        self.host, self.port, self.n, self.start_event = host, port, n, start
        self.latencies: list[float] = []
        self.stamps: list[tuple[float, float, int]] = []
        self.errors: list[str] = []

    def run(self) -> None:
        path = "/sparql?" + urllib.parse.urlencode({"query": POINT})
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        self.start_event.wait()
        for _ in range(self.n):
            t = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                resp = conn.getresponse()
                body = resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException) as err:
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                self.errors.append(f"{type(err).__name__}: {err}")
                continue
            end = time.perf_counter()
            self.stamps.append((t, end, status))
            if status != 200 or b"\xe5\x90\x95\xe6\xa2\x81\xe5\xb8\x82" not in body:  # 吕梁市
                self.errors.append(f"HTTP {status}")
            else:
                self.latencies.append((end - t) * 1000)
        conn.close()


def load_round(host: str, port: int, clients: int, queries: int, runaway: str | None = None) -> dict:
    start = threading.Event()
    threads = [Client(host, port, queries, start) for _ in range(clients)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    t0 = time.perf_counter()
    start.set()
    slow: dict = {}
    if runaway:
        time.sleep(0.5)

        def run_slow() -> None:
            c = http.client.HTTPConnection(host, port, timeout=120)
            s = time.perf_counter()
            c.request("GET", "/sparql?" + urllib.parse.urlencode({"query": runaway}))
            r = c.getresponse()
            r.read()
            slow.update(status=r.status, start=s, end=time.perf_counter())
            c.close()

        st = threading.Thread(target=run_slow)
        st.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if runaway:
        st.join()
    lat = [x for t in threads for x in t.latencies]
    errors = [e for t in threads for e in t.errors]
    out = {"clients": clients, "queries_each": queries, "requests": clients * queries, "ok": len(lat),
           "errors": len(errors), "error_kinds": sorted(set(errors))[:5], "seconds": round(elapsed, 2),
           "per_second": round(len(lat) / elapsed, 1), "p50_ms": pct(lat, 0.5), "p95_ms": pct(lat, 0.95),
           "p99_ms": pct(lat, 0.99), "max_ms": round(max(lat), 1) if lat else None}
    if runaway:
        during = [(s, e) for t in threads for s, e, status in t.stamps
                  if status == 200 and slow["start"] <= e <= slow["end"]]
        out["runaway"] = {"status": slow["status"], "cut_off_after_s": round(slow["end"] - slow["start"], 2),
                          "answered_meanwhile": len(during),
                          "meanwhile_p95_ms": pct([(e - s) * 1000 for s, e in during], 0.95)}
    return out


def load(clients: int, queries: int, timeout: float, graph: Path | None) -> dict:
    import urllib.request

    from kg.server.process import ServerProcess

    tmp = tempfile.TemporaryDirectory()
    if graph is None:
        import kg

        graph = Path(tmp.name) / "lvliang.trig"
        kg.build().save(graph)
    srv = ServerProcess(graph, timeout=timeout, workers=2).start()
    try:
        host, port = urllib.parse.urlsplit(srv.url).netloc.split(":")
        port = int(port)
        urllib.request.urlopen(srv.url + "/sparql?" + urllib.parse.urlencode({"query": POINT})).read()
        mem0 = rss_mb(srv.proc.pid)
        first = load_round(host, port, clients, queries)
        mem1 = rss_mb(srv.proc.pid)
        second = load_round(host, port, clients, queries, runaway=CARTESIAN)
        time.sleep(3)  # the killed worker is replaced
        mem2 = rss_mb(srv.proc.pid)
        health = json.loads(urllib.request.urlopen(srv.url + "/health").read())
    finally:
        srv.stop()
        tmp.cleanup()
    return {"server": {"workers": 2, "timeout_s": timeout, "max_pending": health.get("max_pending"),
                       "graph": str(graph), "quads": health.get("quads")},
            "round1": first, "round2_with_runaway": second,
            "rss": {"before": mem0, "after_round1": mem1, "after_round2": mem2,
                    "growth_round2_mb": round(mem2["total_mb"] - mem1["total_mb"], 1)},
            "health_after": {k: health[k] for k in ("workers", "restarts", "timeouts", "refused", "pending")}}


# ---- one line -------------------------------------------------------------------------------------

def oneline(size: int = 1_000_000) -> dict:
    from kg.corpus import bundled_paths

    tmp = Path(tempfile.mkdtemp(prefix="kg-oneline-"))
    try:
        body = "".join(next(p for p in bundled_paths() if p.stem.startswith("003")).read_text("utf-8").split())
        line = (body * (size // len(body.encode()) + 1)).encode()[:size].decode("utf-8", "ignore")
        (tmp / "oneline.txt").write_text(line, encoding="utf-8")
        t0 = time.perf_counter()
        res = subprocess.run([sys.executable, "-m", "kg.cli", "build", "oneline.txt", "-o", "out.trig", "-q"],
                             cwd=tmp, env=ENV, capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        import resource

        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        import kg

        g = kg.load(tmp / "out.trig")
        n = g.query("SELECT (COUNT(?m) AS ?n) WHERE { ?m itsrdf:taIdentRef ?e }")[0]["n"]
        return {"bytes": len(line.encode()), "characters": len(line), "returncode": res.returncode,
                "seconds": round(elapsed, 1), "peak_rss_mb": round(peak), "mentions": int(n),
                "output_mb": round((tmp / "out.trig").stat().st_size / 2**20, 1)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---- kills ------------------------------------------------------------------------------------------

def kills(n: int, seed: int = 8) -> dict:
    import kg
    from kg.corpus import bundled_paths

    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix="kg-kills-"))
    try:
        big = tmp / "big"
        big.mkdir()
        for r in range(6):
            for p in bundled_paths():
                shutil.copy(p, big / f"r{r}_{p.name}")
        out = tmp / "out.trig"
        kg.build([next(p for p in bundled_paths() if p.stem.startswith("003"))]).save(out)
        before = out.read_bytes()
        t0 = time.perf_counter()
        full = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(big), "-o", str(tmp / "full.trig"), "-q"],
                              env=ENV, capture_output=True)
        full_s = time.perf_counter() - t0
        results = []
        for i in range(n):
            at = rng.uniform(0.5, full_s * 1.02)
            proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(big), "-o", str(out), "-q"],
                                    env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(at)
            finished = proc.poll() is not None
            if not finished:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            temps = sorted(p.name for p in tmp.iterdir() if p.name.startswith(".out.trig."))
            now = out.read_bytes()
            intact = now == before or now == (tmp / "full.trig").read_bytes()
            results.append({"kill_at_s": round(at, 2), "finished_first": finished, "output_intact": intact,
                            "output": "previous" if now == before else "new" if intact else "CORRUPT",
                            "temporaries_left": len(temps)})
            out.write_bytes(before)
        kg.build([next(p for p in bundled_paths() if p.stem.startswith("003"))]).save(out)  # the next write
        left = sorted(p.name for p in tmp.iterdir() if p.name.startswith(".out.trig."))
        return {"build_seconds": round(full_s, 1), "kills": results,
                "all_intact": all(r["output_intact"] for r in results),
                "temporaries_after_next_write": left}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="fuzz,load,oneline,kills")
    ap.add_argument("--examples", type=int, default=20000)
    ap.add_argument("--pipeline-examples", type=int, default=20000)
    ap.add_argument("--graph-examples", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--timeout", type=float, default=3.0)
    ap.add_argument("--graph", type=Path)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "benchmarks" / "results" / "robustness.json")
    args = ap.parse_args(argv)
    parts = set(args.only.split(","))
    result: dict = {"benchmark": "robustness", "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "machine": {"python": platform.python_version(), "platform": platform.platform(),
                                "cpus": os.cpu_count()}}
    if args.output.exists():  # keep the parts not run this time
        old = json.loads(args.output.read_text(encoding="utf-8"))
        result.update({k: v for k, v in old.items() if k not in ("date", "machine")})
    if "load" in parts:
        result["load"] = load(args.clients, args.queries, args.timeout, args.graph)
        print(json.dumps(result["load"], indent=1), flush=True)
    if "oneline" in parts:
        result["oneline"] = oneline()
        print(json.dumps(result["oneline"], indent=1), flush=True)
    if "kills" in parts:
        result["kills"] = kills(args.kills)
        print(json.dumps(result["kills"], indent=1), flush=True)
    if "fuzz" in parts:
        result["fuzz"] = fuzz(args.examples, args.pipeline_examples, args.graph_examples)
        print(json.dumps(result["fuzz"], indent=1), flush=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
