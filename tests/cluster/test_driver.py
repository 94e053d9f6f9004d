"""kg.cluster.driver: the build on a Dask cluster gives the local build's bytes.

The real thing runs through a ``dask scheduler`` and two ``dask worker`` processes started
here on 127.0.0.1, one of which is killed with SIGKILL in the middle of a build.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.cli.build import _core_counts
from kg.cluster import build_on_cluster
from kg.errors import ComponentOptionError
from kg.stores import open_store
from kg.stores.loading import write_build
from tests.cluster._util import Processes
from tests.stores._util import canon, oxigraph_binary, oxigraph_server

CORPUS = Path(kg.__file__).parent / "corpus"

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def dask_processes(tmp_path_factory):
    procs = Processes(tmp_path_factory.mktemp("dask"))
    try:
        with distributed.Client(procs.address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
            yield procs, client
    finally:
        procs.stop()


def test_cli_through_a_scheduler_skips_a_bad_document_and_loads_a_store(dask_processes, built_graph, local_nq,
                                                                         tmp_path):
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

    # against the local build written into a store (Oxigraph writes 13.0 as 13, in both)
    with open_store(f"oxigraph:{tmp_path / 'local'}", create=True) as want:
        write_build(built_graph, want)
        with open_store(f"oxigraph:{store}", read_only=True) as got:
            assert set(got.graph_names()) == set(want.graph_names())
            for name in got.graph_names():
                assert set(got.triples(name)) == set(want.triples(name)), name
            assert len(got) == len(want)


def test_cluster_build_loads_a_remote_sparql_endpoint(dask_processes, built_graph, tmp_path):
    """``--store http://…``: the graphs go up shard by shard, as the local build's would."""
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    _, client = dask_processes
    # one partition: task keys that no other test's build has (a key still held is reused)
    with oxigraph_server(tmp_path / "srv") as base, build_on_cluster(client, None, partition_size=5) as built:
        got = open_store(f"{base}/query")
        built.load_into(got)
        with open_store(f"oxigraph:{tmp_path / 'local'}", create=True) as want:
            write_build(built_graph, want)
            assert set(got.graph_names()) == set(want.graph_names())
            for name in want.graph_names():
                assert {tuple(map(canon, t)) for t in got.triples(name)} == \
                       {tuple(map(canon, t)) for t in want.triples(name)}, name


def test_scheduler_and_two_workers_build_the_local_bytes_even_when_one_is_killed(dask_processes, built_graph,
                                                                                  local_nq, tmp_path):
    """The bundled corpus, one document per task; after the first document is extracted
    one worker is SIGKILLed: the other recomputes what it held, and the bytes are the same."""
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
    local = built_graph.report
    assert (report.documents, report.entities, report.triples) == (local.documents, local.entities, local.triples)
    assert (report.mentions, report.statements, report.observations) == \
           (local.mentions, local.statements, local.observations)
    assert counts == _core_counts(built_graph)


def test_inputs_that_name_no_document_build_nothing_and_say_why(dask_processes, tmp_path):
    _, client = dask_processes
    with build_on_cluster(client, [str(tmp_path / "no-such-dir")]) as built:
        assert built.report.documents == []
        assert [s.code for s in built.report.skipped] == ["E001"]


def test_component_options_reach_the_workers(dask_processes, tmp_path):
    """``config`` travels with each task: the cluster build equals the local one with it."""
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
    _, client = dask_processes
    with pytest.raises(ComponentOptionError):
        build_on_cluster(client, [CORPUS / "003_50ea69b444730b6f.txt"], config={"tagger": {"no_such": 1}})
