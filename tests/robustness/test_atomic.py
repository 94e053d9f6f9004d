"""Killing a build: the previous output survives, and killed writers' leftovers are cleaned.

* ``kg build -o out.trig`` on the corpus replicated ×30, SIGKILLed while extracting: the
  previous ``out.trig`` is byte-identical, no temporary file is left.
* The same command SIGKILLed *while writing* (the temporary file complete, not yet renamed;
  a hook in the child makes ``fsync`` of that file wait, so the kill lands there every time):
  ``out.trig`` is byte-identical; the child's ``.out.trig.<pid>.<random>.tmp`` is left (a
  killed process cannot clean up) and the next write removes it.
* ``kg add --store oxigraph:DIR`` SIGKILLed after writing its first document graph: the
  store opens, the previous document graphs are intact, the new one is whole, the default
  graph is still the union of the named graphs; running the command again completes it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg
from kg.rdf.io import remove_stale_temporaries

DOC003 = "003_50ea69b444730b6f"


def kg_process(args: list[str], cwd: Path, hook: str = "", marker: Path | None = None) -> subprocess.Popen:
    """``kg ARGS`` in a subprocess; ``hook`` is Python run first (it may patch the library)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    env.pop("KG_DEBUG", None)
    if marker is not None:
        env["KG_TEST_MARKER"] = str(marker)
    code = f"import os, sys, time\n{hook}\nfrom kg.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for(marker: Path, proc: subprocess.Popen, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists() and marker.read_text():
            return marker.read_text()
        if proc.poll() is not None:
            raise AssertionError(f"the process ended first ({proc.returncode}): {proc.stderr.read().decode()}")
        time.sleep(0.02)
    proc.kill()
    raise AssertionError("the hook was never reached")


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


def temporaries(d: Path, name: str = "out.trig") -> list[Path]:
    return sorted(p for p in d.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp"))


@pytest.fixture
def previous(tmp_path, doc003_graph) -> tuple[Path, bytes]:
    out = tmp_path / "out.trig"
    doc003_graph.save(out)
    return out, out.read_bytes()


# ---- files --------------------------------------------------------------------------------

def test_kill_while_extracting_leaves_the_previous_output(tmp_path, previous, corpus_paths):
    out, before = previous
    big = tmp_path / "big"
    big.mkdir()
    for r in range(30):
        for p in corpus_paths:
            shutil.copy(p, big / f"r{r:02d}_{p.name}")
    proc = kg_process(["build", str(big), "-o", str(out), "-q"], cwd=tmp_path)
    time.sleep(5)  # imports, the tagger loaded, well into the 150 documents
    assert proc.poll() is None, "the build was expected to take longer"
    kill(proc)
    assert out.read_bytes() == before
    assert temporaries(tmp_path) == []


SLOW_FSYNC = """
_fsync = os.fsync
def _slow_fsync(fd):
    name = os.readlink(f"/proc/self/fd/{fd}")
    if os.path.basename(name).startswith(".out.trig.") and name.endswith(".tmp"):
        with open(os.environ["KG_TEST_MARKER"], "w") as fh:
            fh.write(name)
        time.sleep(300)
    return _fsync(fd)
os.fsync = _slow_fsync
"""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_kill_while_writing_leaves_the_previous_output_and_next_write_cleans_up(tmp_path, previous,
                                                                                corpus_paths, doc003_graph):
    out, before = previous
    (src,) = [p for p in corpus_paths if p.stem == DOC003]
    marker = tmp_path / "marker"
    proc = kg_process(["build", str(src), "-o", str(out), "-q"], cwd=tmp_path, hook=SLOW_FSYNC, marker=marker)
    tmp_name = wait_for(marker, proc)
    kill(proc)
    assert out.read_bytes() == before
    (left,) = temporaries(tmp_path)  # the documented leftover of a killed writer
    assert str(left) == tmp_name and left.name.startswith(f".out.trig.{proc.pid}.")
    assert left.stat().st_size > 0.5 * len(before)  # it was complete, only not renamed yet

    doc003_graph.save(out)  # the next write
    assert temporaries(tmp_path) == []
    assert out.read_bytes() == before


def test_stale_temporaries_of_live_writers_are_kept(tmp_path):
    target = tmp_path / "g.nq"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale_pid = tmp_path / f".g.nq.{dead.pid}.abcd_123.tmp"
    live_pid = tmp_path / f".g.nq.{os.getppid()}.abcd_123.tmp"  # the process that runs pytest
    old_style = tmp_path / ".g.nq.zz9_8765.tmp"  # no pid: removed when older than this process
    new_style = tmp_path / ".g.nq.yy9_8765.tmp"
    other = tmp_path / ".g.nq.bak.1.abcd_123.tmp"  # another target's
    for p in (stale_pid, live_pid, old_style, new_style, other):
        p.write_text("x")
    os.utime(old_style, (time.time() - 86400,) * 2)
    os.utime(new_style, (time.time() + 60,) * 2)
    removed = remove_stale_temporaries(target)
    assert sorted(removed) == sorted([stale_pid, old_style])
    assert live_pid.exists() and new_style.exists() and other.exists()


# ---- the persistent store ------------------------------------------------------------------------

def _store_available() -> str | None:
    try:
        from kg.builder.incremental import add_documents  # noqa: F401
        from kg.stores import STORES, open_store  # noqa: F401
        from kg.stores.oxigraph import OxigraphStore  # noqa: F401
    except ImportError as err:
        return f"the persistent store is not there yet ({err})"
    if "oxigraph" not in STORES:
        return "no oxigraph store registered"
    return None


SLOW_ADD = """
from kg.stores.oxigraph import OxigraphStore
_replace = OxigraphStore.replace_graph
def _replace_then_wait(self, name, triples):
    _replace(self, name, triples)
    if "/doc/" in str(name):
        with open(os.environ["KG_TEST_MARKER"], "w") as fh:
            fh.write(str(name))
        time.sleep(300)
OxigraphStore.replace_graph = _replace_then_wait
"""


def snapshot(store) -> dict:
    return {g: frozenset(store.triples(g)) for g in store.graph_names()}


def assert_union_default_graph(store) -> None:
    """The store's invariant: the default graph is exactly the set union of the named graphs."""
    ox = store._ox
    extra = ox.query("ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
    missing = ox.query("ASK { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }")
    assert not bool(extra) and not bool(missing)


def mentions_in(store, graph) -> int:
    rows = store.query(f"SELECT (COUNT(?m) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?m itsrdf:taIdentRef ?e }} }}").rows
    return int(rows[0]["n"])


@pytest.mark.skipif(_store_available() is not None, reason=str(_store_available()))
def test_killed_incremental_update_leaves_the_store_consistent(tmp_path, doc003_graph, corpus_paths):
    from kg.builder.incremental import add_documents
    from kg.rdf.iris import doc_iri
    from kg.stores import open_store
    from kg.stores.loading import write_build

    uri = f"oxigraph:{tmp_path / 'store'}"
    store = open_store(uri, create=True)
    write_build(doc003_graph, store)
    before = snapshot(store)
    assert doc_iri(DOC003) in before
    store.close()
    del store

    new = [p for p in corpus_paths if p.stem.startswith(("002", "004"))]
    marker = tmp_path / "marker"
    proc = kg_process(["add", *map(str, new), "--store", uri, "-q"], cwd=tmp_path, hook=SLOW_ADD, marker=marker)
    first = wait_for(marker, proc)
    kill(proc)

    store = open_store(uri)  # opens: the killed writer's lock is gone
    try:
        after = snapshot(store)
        for g, triples in before.items():
            if g != doc_iri(DOC003) and "/doc/" not in str(g):
                continue  # the ontology and reference graphs are checked below
            assert after.get(g) == triples, f"{g} changed"
        docs = {str(g) for g in store.documents()}
        assert first in docs and len(docs) == 2, docs  # the first new document, whole; not the second
        assert_union_default_graph(store)
        n_first = mentions_in(store, first)
        assert n_first > 10
        # running the command again completes the update
        rep = add_documents(store, new)
        assert sorted(rep.added + rep.replaced) == sorted(p.stem for p in new)
        assert {str(g) for g in store.documents()} == {str(doc_iri(DOC003))} | {str(doc_iri(p.stem)) for p in new}
        assert mentions_in(store, first) == n_first
        assert frozenset(store.triples(doc_iri(DOC003))) == before[doc_iri(DOC003)]
        assert_union_default_graph(store)
    finally:
        store.close()


SLOW_BULK = """
from kg.stores.oxigraph import OxigraphStore
_bulk_file = OxigraphStore._bulk_file
def _wait_then_bulk(self, path):
    with open(os.environ["KG_TEST_MARKER"], "w") as fh:
        fh.write(str(path))
    time.sleep(300)
    return _bulk_file(self, path)
OxigraphStore._bulk_file = _wait_then_bulk
"""


@pytest.mark.skipif(_store_available() is not None, reason=str(_store_available()))
def test_killed_full_rebuild_into_a_store_keeps_the_previous_build(tmp_path, doc003_graph, corpus_paths):
    from kg.stores import open_store
    from kg.stores.loading import write_build

    uri = f"oxigraph:{tmp_path / 'store'}"
    store = open_store(uri, create=True)
    write_build(doc003_graph, store)
    before = snapshot(store)
    store.close()
    del store
    (src,) = [p for p in corpus_paths if p.stem.startswith("004")]
    marker = tmp_path / "marker"
    proc = kg_process(["build", str(src), "--store", uri, "-q"], cwd=tmp_path, hook=SLOW_BULK, marker=marker)
    wait_for(marker, proc)
    kill(proc)
    store = open_store(uri)
    try:
        assert snapshot(store) == before
    finally:
        store.close()


@pytest.mark.skipif(_store_available() is not None, reason=str(_store_available()))
@pytest.mark.parametrize("left", ["new", "old"])
def test_rebuild_killed_between_its_renames_is_recovered_on_open(tmp_path, doc003_graph, left):
    """The two renames of a rebuild's directory swap, interrupted: the store opens with the
    new build when it was complete (moved aside is the old one), else the old one."""
    import os

    from kg.stores import open_store
    from kg.stores.loading import write_build
    from kg.stores.oxigraph import _swap_dirs

    path = tmp_path / "store"
    store = open_store(f"oxigraph:{path}", create=True)
    write_build(doc003_graph, store)
    before = snapshot(store)
    store.close()
    del store
    new_dir, old_dir = _swap_dirs(path)
    os.replace(path, new_dir if left == "new" else old_dir)
    store = open_store(f"oxigraph:{path}")
    try:
        assert snapshot(store) == before
    finally:
        store.close()
    assert not new_dir.exists() and not old_dir.exists()
