"""Benchmark: the SPARQL endpoint under load (``kg serve`` in a subprocess, real HTTP).

Measures, for a build output (default: build the bundled corpus into a temp file):

* ``startup_s``: ``kg serve`` start until it listens (graph loaded, workers ready);
* ``latency``: a point query (one label) and a named query (``most-mentioned``), sequential,
  p50/p95 in ms;
* ``throughput``: point queries from ``--clients`` concurrent clients for ``--seconds``;
* ``recovery_s``: after a query is killed at the timeout, time until the pool is whole
  again, and whether other queries were answered meanwhile.

Results go to ``benchmarks/results/load.json``. Not a test: ``python benchmarks/load_bench.py``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import platform
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

POINT = "SELECT ?l WHERE { res:lvliangshi rdfs:label ?l }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def fetch(url: str, timeout: float = 120) -> tuple[int, float]:
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    return status, (time.perf_counter() - t) * 1000


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--graph", type=Path, help="a build output (default: build the bundled corpus)")
    ap.add_argument("--store", help="serve a store instead (oxigraph:DIR)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--timeout", type=float, default=2.0)
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "benchmarks" / "results" / "load.json")
    args = ap.parse_args(argv)

    from kg.server.process import ServerProcess

    tmp = tempfile.TemporaryDirectory()
    graph = args.graph
    if graph is None and not args.store:
        import kg

        graph = Path(tmp.name) / "lvliang.trig"
        kg.build().save(graph)
    extra = ["--store", args.store] if args.store else []
    t0 = time.perf_counter()
    srv = ServerProcess(None if args.store else graph, timeout=args.timeout, workers=args.workers,
                        extra_args=extra).start()
    startup = time.perf_counter() - t0
    try:
        base = srv.url
        point = f"{base}/sparql?" + urllib.parse.urlencode({"query": POINT})
        named = f"{base}/queries/most-mentioned/run"
        fetch(point)
        lat_point = [fetch(point)[1] for _ in range(40)]
        lat_named = [fetch(named)[1] for _ in range(5)]

        done: list[float] = []
        errors = 0
        stop = time.perf_counter() + args.seconds

        def client() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                status, ms = fetch(point)
                if status == 200:
                    done.append(ms)
                else:
                    errors += 1

        t = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.clients) as ex:
            for f in [ex.submit(client) for _ in range(args.clients)]:
                f.result()
        elapsed = time.perf_counter() - t

        # a query killed at the deadline; others are served meanwhile; the pool heals
        with concurrent.futures.ThreadPoolExecutor(2) as ex:
            slow = ex.submit(fetch, f"{base}/sparql?" + urllib.parse.urlencode({"query": CARTESIAN}))
            time.sleep(0.2)
            during = fetch(point)
            slow_status, slow_ms = slow.result()
        t = time.perf_counter()
        while True:
            health = json.loads(urllib.request.urlopen(f"{base}/health").read())
            if health["workers"] == args.workers or time.perf_counter() - t > 60:
                break
            time.sleep(0.05)
        recovery = time.perf_counter() - t
    finally:
        srv.stop()
        tmp.cleanup()

    result = {
        "benchmark": "SPARQL endpoint under load",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "source": args.store or str(args.graph or "bundled corpus"),
        "workers": args.workers,
        "startup_s": round(startup, 2),
        "latency_ms": {"point_p50": pct(lat_point, 0.5), "point_p95": pct(lat_point, 0.95),
                       "most_mentioned_p50": pct(lat_named, 0.5)},
        "throughput": {"clients": args.clients, "seconds": round(elapsed, 1), "requests": len(done),
                       "per_second": round(len(done) / elapsed, 1), "errors": errors,
                       "p50_ms": pct(done, 0.5) if done else None, "p95_ms": pct(done, 0.95) if done else None},
        "timeout": {"limit_s": args.timeout, "status": slow_status, "answered_after_ms": round(slow_ms),
                    "other_query_meanwhile": {"status": during[0], "ms": round(during[1], 1)},
                    "pool_whole_again_after_s": round(recovery, 2)},
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
