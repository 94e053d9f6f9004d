"""What a query worker runs: queries with a row limit, updates, and its main loop.

Row limit: a worker stops reading a SELECT result after ``max_rows + 1`` rows (rdflib yields
solutions lazily unless the query sorts or groups) and reports whether it truncated.
:func:`run_query` and :func:`run_update` also run in-process (tests); :func:`worker_main`
is the loop of a worker process started by :class:`~kg.server.workers.WorkerPool`.

Examples
--------
>>> from rdflib import Dataset
>>> run_query(Dataset(), "ASK { ?s ?p ?o }", None, 10).result.boolean
False
>>> run_query(Dataset(), "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", None, 10).status
'forbidden'
"""

from __future__ import annotations

import itertools
import os
import pickle
import time
from dataclasses import dataclass, field
from typing import Any

from rdflib.term import Variable

from kg.errors import KGError, QueryError
from kg.rdf.namespaces import PREFIXES
from kg.server.guard import external_access, external_words, is_update
from kg.sparql import QueryResult, prepare
from kg.stores import open_store
from kg.stores.oxigraph import OxigraphStore

__all__ = ["Outcome", "Source", "run_query", "run_update", "worker_main"]


@dataclass(frozen=True)
class Source:
    """Where workers get the graph: ``nquads`` (an N-Quads file each worker loads into an
    in-memory Oxigraph store), ``pickle`` (a pickled rdflib Dataset file) or ``store`` (a
    store URI, opened read-only by each worker)."""

    kind: str
    location: str


@dataclass
class Outcome:
    """What a worker answers: ``status`` is ``ok``, ``malformed`` (400), ``forbidden`` (403)
    or ``error`` (500)."""

    status: str
    result: Any = None  # kg.sparql.result.QueryResult when ok
    truncated: bool = False
    message: str = ""
    elapsed: float = 0.0
    extra: dict = field(default_factory=dict)


def _refused(what: str) -> Outcome:
    return Outcome("forbidden", message=f"{what} is not allowed on this endpoint: it reads outside the "
                                         "served graph (files, other servers). The default graph is the "
                                         "union of all graphs; GRAPH <…> { } selects one.")


def run_query(backend: Any, text: str, bindings: dict | None, max_rows: int) -> Outcome:
    """Run one query on a Dataset or a store; used by workers (and tests, in-process)."""
    t0 = time.perf_counter()
    try:
        if hasattr(backend, "query") and hasattr(backend, "graph_names"):  # a kg store
            try:
                what = external_access(prepare(text).algebra)
            except QueryError:
                what = external_words(text)
            if what:
                return _refused(what)
            try:
                res = backend.query(text, bindings or {})
            except QueryError as err:
                if is_update(text):
                    return Outcome("forbidden", message="SPARQL Update is not allowed: this endpoint is read-only")
                return Outcome("malformed", message=str(err))
            rows, truncated = res.rows[:max_rows], len(res.rows) > max_rows
            out = QueryResult(res.type, res.vars, rows, res.boolean)
            return Outcome("ok", out, truncated, elapsed=time.perf_counter() - t0)
        try:
            prepared = prepare(text)
        except QueryError as err:
            if is_update(text):
                return Outcome("forbidden", message="SPARQL Update is not allowed: this endpoint is read-only")
            return Outcome("malformed", message=str(err))
        what = external_access(prepared.algebra)
        if what:
            return _refused(what)
        res = backend.query(prepared, initBindings={Variable(k): v for k, v in (bindings or {}).items()})
        if res.type == "ASK":
            out = QueryResult("ASK", [], [], bool(res.askAnswer))
            truncated = False
        elif res.type in ("CONSTRUCT", "DESCRIBE"):
            triples = list(itertools.islice(iter(res.graph), max_rows + 1))
            truncated = len(triples) > max_rows
            out = QueryResult(res.type, ["s", "p", "o"], [{"s": s, "p": p, "o": o} for s, p, o in triples[:max_rows]])
        else:
            names = [str(v) for v in (res.vars or [])]
            rows = []
            for row in itertools.islice(iter(res), max_rows + 1):
                rows.append({n: row[v] for n, v in zip(names, res.vars) if row[v] is not None})
            truncated = len(rows) > max_rows
            out = QueryResult("SELECT", names, rows[:max_rows])
        return Outcome("ok", out, truncated, elapsed=time.perf_counter() - t0)
    except KGError as err:
        status = "malformed" if isinstance(err, QueryError) else "error"
        return Outcome(status, message=str(err), elapsed=time.perf_counter() - t0)
    except Exception as err:  # noqa: BLE001 - report, keep the worker alive
        msg = " ".join(str(err).split())[:500]
        return Outcome("malformed" if "parse" in type(err).__name__.lower() else "error",
                       message=f"evaluation failed: {type(err).__name__}: {msg}",
                       elapsed=time.perf_counter() - t0)


def _quads(ds: Any) -> int:
    return sum(len(g) for g in ds.graphs())


def run_update(backend: Any, text: str, source: Source) -> Outcome:
    """Apply a SPARQL Update to a worker's Dataset and write it back to ``source`` (the
    pickle file the workers load). Raises on an evaluation error: the caller reloads."""
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    t0 = time.perf_counter()
    if source.kind != "pickle":
        return Outcome("forbidden", message="updates need a graph file source (kg serve --graph); "
                                            "change a store with kg add / kg remove")
    try:
        parsed = translateUpdate(parseUpdate(text), initNs=dict(PREFIXES))
    except Exception as err:  # noqa: BLE001 - pyparsing and rdflib raise many types
        msg = " ".join(str(err).split())[:500]
        return Outcome("malformed", message=f"malformed SPARQL update: {msg}")
    what = external_access(parsed.algebra)
    if what:
        return _refused(what)
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    for op in parsed.algebra:
        if op.name == "InsertData" and dict.get(op, "triples"):
            # rdflib adds INSERT DATA's default-graph triples to the Dataset itself, which
            # expects quads (ValueError): give them the default graph's name instead.
            quads = dict.get(op, "quads")
            if quads is None:
                quads = op["quads"] = {}
            quads.setdefault(DATASET_DEFAULT_GRAPH_ID, []).extend(op["triples"])
            op["triples"] = []
    before = _quads(backend)
    backend.update(parsed)
    after = _quads(backend)
    tmp = f"{source.location}.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        pickle.dump(backend, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, source.location)
    return Outcome("ok", message=f"update applied: {after} quads ({after - before:+d})",
                   elapsed=time.perf_counter() - t0, extra={"quads": after, "change": after - before})


def _open_backend(source: Source) -> Any:
    if source.kind == "pickle":
        with open(source.location, "rb") as fh:
            ds = pickle.load(fh)
        ds.default_union = True
        return ds
    if source.kind == "nquads":
        st = OxigraphStore(None)
        st.load_nquads([source.location])
        return st
    if source.kind == "store":
        return open_store(source.location, read_only=True)
    raise ValueError(f"unknown source kind {source.kind!r}")


def worker_main(conn, source: Source) -> None:  # pragma: no cover - runs in a child process
    """Serve jobs from ``conn`` (queries, updates, reloads) on the graph of ``source`` until told to stop."""
    import signal
    import warnings

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops workers, not Ctrl-C
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        backend = _open_backend(source)
    except BaseException as err:  # noqa: BLE001 - tell the server why
        conn.send(("failed", f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        if len(job) == 2:  # ("update", text) or ("reload", None)
            kind, text = job
            try:
                if kind == "reload":
                    backend = _open_backend(source)
                    conn.send(Outcome("ok", message="reloaded"))
                    continue
                conn.send(run_update(backend, text, source))
            except BaseException as err:  # noqa: BLE001 - undo a half-applied update
                backend = _open_backend(source)
                msg = " ".join(str(err).split())[:500]
                conn.send(Outcome("error", message=f"update failed, nothing changed: {type(err).__name__}: {msg}"))
            continue
        text, bindings, max_rows = job
        conn.send(run_query(backend, text, bindings, max_rows))
