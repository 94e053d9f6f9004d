"""kg.cluster: the build on a Dask cluster gives the local build's bytes.

The algorithm (summaries by identity key, ids in the driver, assembly per partition) is
checked in-process against :func:`kg.extract.resolve.resolve` and the local build; the
real thing runs through a ``dask scheduler`` and two ``dask worker`` processes started
here on 127.0.0.1, one of which is killed with SIGKILL in the middle of a build.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.builder import extract_documents, resolve_inputs
from kg.cluster import ClusterError, _assemble, _Partition, _resolve_bucket, _summarise, parse_cluster
from kg.extract.resolve import entity_ids, resolve

CORPUS = Path(kg.__file__).parent / "corpus"


@pytest.fixture(scope="module")
def local_build(tmp_path_factory):
    """The local build of the bundled corpus: its report and sorted N-Quads."""
    path = tmp_path_factory.mktemp("local") / "g.nq"
    graph = kg.build()
    graph.save(path)
    return graph, path


@pytest.fixture(scope="module")
def local_nq(local_build) -> bytes:
    return local_build[1].read_bytes()


@pytest.fixture(scope="module")
def bundled_states():
    files, _ = resolve_inputs(None)
    states, _ = extract_documents(files)
    return files, states


def test_bad_cluster_spec_is_a_coded_error():
    for spec in ("10.0.0.5", "local:0", "local:x", "tcp://host"):
        with pytest.raises(ClusterError) as exc:
            parse_cluster(spec)
        assert exc.value.code == "E060"
    assert parse_cluster("tls://a.example:8786") == ("scheduler", "tls://a.example:8786")


@pytest.mark.parametrize("buckets", [1, 3])
def test_summaries_name_entities_as_resolve_does(bundled_states, buckets):
    files, states = bundled_states
    entities, _ = resolve({st.doc.id: st.mentions for st in states})
    # documents split over partitions out of id order: merging must not depend on it
    parts = [_Partition([(i, st) for i, st in enumerate(states) if i % 2 == r], []) for r in (1, 0)]
    sums = [_summarise(p, frozenset(), buckets) for p in parts]
    naming = {}
    for b in range(buckets):
        naming.update(_resolve_bucket(*[s[b] for s in sums]))
    ids = entity_ids({k: v[0] for k, v in naming.items()})
    got = sorted((ids[k], *v) for k, v in naming.items())
    want = sorted((e.id, e.label, e.core, e.cls, e.rule, e.confidence) for e in entities)
    assert got == want


def test_partitions_assemble_the_local_graph(bundled_states, local_nq):
    """The tasks chained in-process (no Dask) give the local build's quads."""
    _, states = bundled_states
    parts = [_Partition([(i, st)], []) for i, st in enumerate(states)]
    sums = [_summarise(p, frozenset(), 2) for p in parts]
    naming = {}
    for b in range(2):
        naming.update(_resolve_bucket(*[s[b] for s in sums]))
    ids = entity_ids({k: v[0] for k, v in naming.items()})
    table = {k: (ids[k], *v) for k, v in naming.items()}
    lines = {ln for p in parts for ln in _assemble(p, frozenset(), table).text.splitlines()}
    local = set(local_nq.decode("utf-8").splitlines())
    assert lines and lines <= local
    doc_graphs = {ln for ln in local if "/resource/doc/" in ln.rsplit(" ", 2)[-2]}
    assert lines == doc_graphs


# ---- a real scheduler and two worker processes ---------------------------------------------

distributed = pytest.importorskip("distributed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Processes:
    """A ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1, always stopped."""

    def __init__(self, workdir: Path, workers: int = 2) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}
        dask = [sys.executable, "-m", "dask"]
        self.procs: list[subprocess.Popen] = []
        log = open(workdir / "dask.log", "wb")  # noqa: SIM115 - closed in stop()
        self._log = log
        try:
            self.scheduler = self._start([*dask, "scheduler", "--host", "127.0.0.1", "--port",
                                          self.address.rsplit(":", 1)[1], "--no-dashboard"], env, workdir)
            # no nanny: the worker is the process itself, so SIGKILL takes it down for good
            self.workers = [self._start([*dask, "worker", self.address, "--nthreads", "1", "--no-nanny",
                                         "--no-dashboard", "--host", "127.0.0.1", "--name", f"w{i}"], env, workdir)
                            for i in range(workers)]
        except BaseException:
            self.stop()
            raise

    def _start(self, cmd: list[str], env: dict, cwd: Path) -> subprocess.Popen:
        p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT)
        self.procs.append(p)
        return p

    def stop(self) -> None:
        for p in reversed(self.procs):
            if p.poll() is None:
                p.kill()  # nothing to save, and a worker's graceful close takes seconds
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        self._log.close()


@pytest.fixture(scope="module")
def dask_processes(tmp_path_factory):
    procs = _Processes(tmp_path_factory.mktemp("dask"))
    try:
        with distributed.Client(procs.address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
            yield procs, client
    finally:
        procs.stop()


def test_cli_through_a_scheduler_skips_a_bad_document_and_loads_a_store(dask_processes, local_build, local_nq,
                                                                         tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    procs, _ = dask_processes
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in sorted(CORPUS.glob("*.txt")):
        (docs / p.name).write_bytes(p.read_bytes())
    (docs / "bad.txt").write_bytes(b"\xff\xfe\x00\x01\x02")
    (docs / "sub").mkdir()  # the same document id twice: the second is skipped
    (docs / "sub" / "003_50ea69b444730b6f.txt").write_bytes((CORPUS / "003_50ea69b444730b6f.txt").read_bytes())
    out, store = tmp_path / "g.nq", tmp_path / "store"
    res = CliRunner().invoke(app, ["build", str(docs), "-o", str(out), "--store", f"oxigraph:{store}",
                                   "--cluster", procs.address, "--partition-size", "2", "-q"])
    assert res.exit_code == 3, res.output
    assert "[E002]" in res.output and "bad.txt" in res.output
    assert "[E004]" in res.output and "duplicate document id '003_50ea69b444730b6f'" in res.output
    assert out.read_bytes() == local_nq

    from kg.stores import open_store
    from kg.stores.incremental import write_build

    # against the local build written into a store (Oxigraph writes 13.0 as 13, in both)
    with open_store(f"oxigraph:{tmp_path / 'local'}", create=True) as want:
        write_build(local_build[0], want)
        with open_store(f"oxigraph:{store}", read_only=True) as got:
            assert set(got.graph_names()) == set(want.graph_names())
            for name in got.graph_names():
                assert set(got.triples(name)) == set(want.triples(name)), name
            assert len(got) == len(want)


def test_cluster_build_loads_a_remote_sparql_endpoint(dask_processes, local_build, tmp_path):
    """``--store http://…``: the graphs go up shard by shard, as the local build's would."""
    from tests.stores._util import canon, oxigraph_binary, oxigraph_server

    from kg.cluster import build_on_cluster
    from kg.stores import open_store
    from kg.stores.incremental import write_build

    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    _, client = dask_processes
    # one partition: task keys that no other test's build has (a key still held is reused)
    with oxigraph_server(tmp_path / "srv") as base, build_on_cluster(client, None, partition_size=5) as built:
        got = open_store(f"{base}/query")
        built.load_into(got)
        with open_store(f"oxigraph:{tmp_path / 'local'}", create=True) as want:
            write_build(local_build[0], want)
            assert set(got.graph_names()) == set(want.graph_names())
            for name in want.graph_names():
                assert {tuple(map(canon, t)) for t in got.triples(name)} == \
                       {tuple(map(canon, t)) for t in want.triples(name)}, name


def test_scheduler_and_two_workers_build_the_local_bytes_even_when_one_is_killed(dask_processes, local_build,
                                                                                  local_nq, tmp_path):
    """The bundled corpus, one document per task; after the first document is extracted
    one worker is SIGKILLed: the other recomputes what it held, and the bytes are the same."""
    from kg.cluster import build_on_cluster

    procs, client = dask_processes
    assert len(client.scheduler_info()["workers"]) == 2
    victim = procs.workers[0]
    killed = []

    def progress(done, total, what):
        if not killed:
            os.kill(victim.pid, signal.SIGKILL)
            killed.append(what)

    with build_on_cluster(client, None, partition_size=1, progress=progress) as built:
        built.save(tmp_path / "cluster.nq")
        report, counts = built.report, built.core_counts
    assert killed and victim.wait(timeout=10) == -signal.SIGKILL
    assert (tmp_path / "cluster.nq").read_bytes() == local_nq
    assert len(client.scheduler_info()["workers"]) == 1
    local = local_build[0].report
    assert (report.documents, report.entities, report.triples) == (local.documents, local.entities, local.triples)
    assert (report.mentions, report.statements, report.observations) == \
           (local.mentions, local.statements, local.observations)
    from kg.cli.build import _core_counts

    assert counts == _core_counts(local_build[0])


def test_inputs_that_name_no_document_build_nothing_and_say_why(dask_processes, tmp_path):
    from kg.cluster import build_on_cluster

    _, client = dask_processes
    with build_on_cluster(client, [str(tmp_path / "no-such-dir")]) as built:
        assert built.report.documents == []
        assert [s.code for s in built.report.skipped] == ["E001"]


def test_local_cluster_from_the_command_line(tmp_path):
    """``--cluster local:1`` starts its own worker process and stops it."""
    from typer.testing import CliRunner

    from kg.cli import app

    doc = CORPUS / "003_50ea69b444730b6f.txt"
    res = CliRunner().invoke(app, ["build", str(doc), "-o", str(tmp_path / "c.nq"), "--cluster", "local:1", "-q"])
    assert res.exit_code == 0, res.output
    kg.build([doc]).save(tmp_path / "l.nq")
    assert (tmp_path / "c.nq").read_bytes() == (tmp_path / "l.nq").read_bytes()


def test_unreachable_scheduler_is_a_coded_error():
    from kg.cluster import connect

    with pytest.raises(ClusterError, match="no Dask scheduler"):
        with connect(f"tcp://127.0.0.1:{_free_port()}", timeout=1):
            pass


def test_component_options_reach_the_workers(dask_processes, tmp_path):
    """``config`` travels with each task: the cluster build equals the local one with it."""
    from kg.cluster import build_on_cluster

    _, client = dask_processes
    doc = CORPUS / "003_50ea69b444730b6f.txt"
    config = {"tagger": {"min_confidence": 0.9}, "select": {"min_confidence": 0.7}}
    with build_on_cluster(client, [doc], config=config) as built:
        built.save(tmp_path / "c.nq")
    kg.build([doc], config=config).save(tmp_path / "l.nq")
    kg.build([doc]).save(tmp_path / "default.nq")
    assert (tmp_path / "c.nq").read_bytes() == (tmp_path / "l.nq").read_bytes()
    assert (tmp_path / "l.nq").read_bytes() != (tmp_path / "default.nq").read_bytes()


def test_an_unknown_component_option_fails_before_any_task(dask_processes):
    from kg.cluster import build_on_cluster
    from kg.extract.pipeline import ComponentOptionError

    _, client = dask_processes
    with pytest.raises(ComponentOptionError):
        build_on_cluster(client, [CORPUS / "003_50ea69b444730b6f.txt"], config={"tagger": {"no_such": 1}})
