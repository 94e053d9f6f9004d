"""The build on a Dask cluster (``kg build --cluster``): throughput with 1 and 2 workers,
and the driver's peak memory on a large corpus.

Every run starts a ``dask scheduler`` and W ``dask worker`` processes on 127.0.0.1 (one
thread each, ``OMP_NUM_THREADS=1``, under ``nice -n 10``), then a driver process that builds
the synthetic corpus of ``corpus.py`` through them and writes the sorted N-Quads; the
driver's peak RSS is its own ``ru_maxrss``, a worker's is its ``VmHWM``. The same corpus is
also built locally (``kg.build``, one process: the obvious alternative) and the outputs'
SHA-256 compared, so a run also checks that the cluster build gives the same bytes.

    .venv/bin/python benchmarks/cluster_bench.py --pipeline no-ner   # 5,000 then 1,000 documents
    .venv/bin/python benchmarks/cluster_bench.py --docs 100 --memory-docs 0   # smoke run

Writes ``results/cluster.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def _pipeline(name: str) -> list[str] | None:
    from kg.extract.pipeline import DEFAULT_PIPELINE

    return None if name == "default" else [c for c in DEFAULT_PIPELINE if c != "ner"]


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# ---- children ---------------------------------------------------------------------------------

def child_drive(args: dict) -> dict:
    """Build ``args['docs']`` through the scheduler at ``args['address']``; write ``args['out']``."""
    import warnings

    warnings.simplefilter("ignore")
    import distributed

    from kg.cluster import build_on_cluster

    marks: dict[str, float] = {}
    t0 = time.perf_counter()

    def progress(done: int, total: int, what: str) -> None:
        if "extracted_s" not in marks and done == total and not what.startswith("assembled"):
            marks["extracted_s"] = time.perf_counter() - t0

    with distributed.Client(args["address"], timeout=60) as client:
        with build_on_cluster(client, args["docs"], pipeline=_pipeline(args["pipeline"]), progress=progress) as b:
            built_s = time.perf_counter() - t0
            b.save(args["out"])
            total_s = time.perf_counter() - t0
            rep = b.report
    return {"documents": len(rep.documents), "skipped": len(rep.skipped), "entities": rep.entities,
            "triples": rep.triples, "extract_s": round(marks.get("extracted_s", float("nan")), 2),
            "build_s": round(built_s, 2), "write_nq_s": round(total_s - built_s, 2), "total_s": round(total_s, 2),
            "driver_peak_rss_mb": _peak_rss_mb()}


def child_local(args: dict) -> dict:
    """The same corpus built locally in one process (``kg.build``), written as N-Quads."""
    import warnings

    warnings.simplefilter("ignore")
    import kg

    t0 = time.perf_counter()
    g = kg.build(args["docs"], pipeline=_pipeline(args["pipeline"]))
    built_s = time.perf_counter() - t0
    g.save(args["out"])
    total_s = time.perf_counter() - t0
    return {"documents": len(g.report.documents), "triples": len(g), "build_s": round(built_s, 2),
            "write_nq_s": round(total_s - built_s, 2), "total_s": round(total_s, 2), "peak_rss_mb": _peak_rss_mb()}


CHILDREN = {"drive": child_drive, "local": child_local}


def run_child(task: str, args: dict) -> dict:
    cmd = ["nice", "-n", "10", sys.executable, str(Path(__file__)), "--child", task, json.dumps(args)]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0:
        raise RuntimeError(f"{task} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


# ---- the cluster processes ----------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A scheduler and ``workers`` worker processes (no nanny: the process is the worker)."""

    def __init__(self, workers: int, logdir: Path) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        dask = ["nice", "-n", "10", sys.executable, "-m", "dask"]
        self._log = open(logdir / f"dask-{workers}.log", "wb")  # noqa: SIM115 - closed in stop()
        self.procs = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port",
                                        self.address.rsplit(":", 1)[1], "--no-dashboard"],
                                       env=env, stdout=self._log, stderr=subprocess.STDOUT)]
        self.workers = [subprocess.Popen([*dask, "worker", self.address, "--nthreads", "1", "--no-nanny",
                                          "--memory-limit", "0", "--no-dashboard", "--host", "127.0.0.1"],
                                         env=env, stdout=self._log, stderr=subprocess.STDOUT)
                        for _ in range(workers)]
        self.procs += self.workers
        import distributed

        with distributed.Client(self.address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)

    def worker_stats(self) -> list[dict]:
        """CPU seconds and peak RSS of each worker (``nice`` execs the worker in place)."""
        out = []
        for p in self.workers:
            status = Path(f"/proc/{p.pid}/status").read_text()
            hwm = next(int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmHWM:"))
            fields = Path(f"/proc/{p.pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks = os.sysconf("SC_CLK_TCK")
            cpu = (int(fields[11]) + int(fields[12])) / ticks
            out.append({"cpu_s": round(cpu, 1), "peak_rss_mb": round(hwm / 1024, 1)})
        return out

    def stop(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.kill()
        for p in self.procs:
            p.wait()
        self._log.close()


def cluster_run(workers: int, docs: str, pipeline: str, out: Path, logdir: Path) -> dict:
    load = [round(x, 2) for x in os.getloadavg()]
    cluster = Cluster(workers, logdir)
    try:
        res = run_child("drive", {"address": cluster.address, "docs": docs, "pipeline": pipeline, "out": str(out)})
        res["workers"] = workers
        res["worker_stats"] = cluster.worker_stats()
        # the machine is shared: how much CPU the workers got tells a slow run from a starved one
        res["worker_cpu_s"] = round(sum(w["cpu_s"] for w in res["worker_stats"]), 1)
        res["parallelism"] = round(res["worker_cpu_s"] / res["build_s"], 2)
        res["load_avg_at_start"] = load
    finally:
        cluster.stop()
    res["sha256"] = _sha256(out)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("args", nargs="?", help=argparse.SUPPRESS)
    ap.add_argument("--docs", type=int, default=1000, help="documents of the 1 vs 2 workers runs")
    ap.add_argument("--pipeline", default="default", choices=["default", "no-ner"],
                    help="pipeline of the 1 vs 2 workers runs")
    ap.add_argument("--memory-docs", type=int, default=5000, help="documents of the driver memory run (0: skip)")
    ap.add_argument("--memory-pipeline", default="no-ner", choices=["default", "no-ner"])
    ap.add_argument("--no-local", action="store_true", help="skip the local build of --docs documents")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "cluster.json")
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(CHILDREN[a.child](json.loads(a.args))))
        return 0

    import corpus
    import dask

    import kg

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    # a run from an exported tree (git archive, so that editing the worktree cannot change
    # the code under measurement) names its commit in KG_BENCH_COMMIT
    commit = os.environ.get("KG_BENCH_COMMIT") or subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    result: dict = {"meta": {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cpus": os.cpu_count(),
                             "platform": platform.platform(), "python": platform.python_version(),
                             "dask": dask.__version__, "kg": kg.__version__, "commit": commit,
                             "load_avg_at_start": [round(x, 2) for x in os.getloadavg()]}}

    def save() -> None:  # after each section: a later one that fails loses only itself
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="kg-cluster-bench-") as tmp:
        tmp = Path(tmp)
        if a.memory_docs:
            texts = corpus.replicate(math.ceil(a.memory_docs / 5))[:a.memory_docs]
            paths = corpus.write(texts, tmp / f"docs-{a.memory_docs}")
            log(f"{len(paths)} documents on 2 workers (driver memory)")
            r = cluster_run(2, str(tmp / f"docs-{a.memory_docs}"), a.memory_pipeline, tmp / "mem.nq", tmp)
            r.update(pipeline=a.memory_pipeline, characters=sum(len(t.text) for t in texts),
                     nq_mb=round((tmp / "mem.nq").stat().st_size / 2**20, 1))
            result["driver_memory"] = r
            log(json.dumps(r))
            save()
            (tmp / "mem.nq").unlink()
        if a.docs:
            texts = corpus.replicate(math.ceil(a.docs / 5))[:a.docs]
            paths = corpus.write(texts, tmp / "docs")
            chars = sum(len(t.text) for t in texts)
            section: dict = {"documents": len(paths), "characters": chars, "pipeline": a.pipeline, "runs": []}
            for w in (1, 2):
                log(f"{len(paths)} documents on {w} worker(s)")
                r = cluster_run(w, str(tmp / "docs"), a.pipeline, tmp / f"w{w}.nq", tmp)
                r["docs_per_s"] = round(len(paths) / r["total_s"], 2)
                section["runs"].append(r)
                log(json.dumps(r))
            one, two = section["runs"]
            section["speedup_2_vs_1"] = round(one["total_s"] / two["total_s"], 2)
            section["speedup_2_vs_1_extract"] = round(one["extract_s"] / two["extract_s"], 2)
            section["identical_1_2"] = one["sha256"] == two["sha256"]
            if not a.no_local:
                log(f"{len(paths)} documents built locally (kg.build, one process)")
                loc = run_child("local", {"docs": str(tmp / "docs"), "pipeline": a.pipeline, "out": str(tmp / "local.nq")})
                loc["sha256"] = _sha256(tmp / "local.nq")
                section["local"] = loc
                section["identical_to_local"] = loc["sha256"] == one["sha256"] == two["sha256"]
                log(json.dumps(loc))
            result["throughput"] = section
            save()
            for p in tmp.glob("*.nq"):
                p.unlink()
    log(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
