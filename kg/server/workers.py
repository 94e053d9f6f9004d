"""Query worker processes: every query runs in a process that can be killed at its deadline.

Why processes: rdflib evaluates SPARQL in pure Python and offers no way to interrupt a
query; a thread that runs away (a cartesian product over all triples) can be abandoned but
not stopped, and keeps a core and its memory. A worker process holds its own copy of the
graph; at the deadline the server kills it (SIGKILL), answers 503, and starts a fresh
worker in the background. Costs: one copy of the graph per worker, and a restart after
each timeout (≈ 0.5–1 s for the bundled corpus, the graph is unpickled, not re-parsed).

How workers start: the ``forkserver`` start method where the platform has it (a clean,
single-threaded server process forks workers, so forking never copies the ASGI server's
threads and locks; modules are preloaded there), else ``spawn``. The graph reaches the
workers as a pickle file written once by the server, or a store URI each worker opens
read-only.

Row limit: a worker stops reading a SELECT result after ``max_rows + 1`` rows (rdflib yields
solutions lazily unless the query sorts or groups) and reports whether it truncated.

Nothing outside the served graph: ``FROM``/``FROM NAMED`` (rdflib would parse the IRI: a local
file, a URL), ``SERVICE`` (an HTTP request to any host, from either engine) and, in updates,
``LOAD`` and ``USING`` are refused (403) before evaluation.

Updates (``kg serve --allow-update``): :meth:`WorkerPool.update` takes every worker out of
service, one worker applies the update and writes the changed graph back to the pickle file
(atomically), the others reload it, and all return to service; an update that fails or runs
past the deadline changes nothing (the failing worker reloads, or is killed).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing as mp
import os
import pickle
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("kg.server")

__all__ = ["Source", "Outcome", "WorkerPool", "QueryTimeout", "PoolBusy", "WorkerFailed", "run_query"]


class QueryTimeout(Exception):
    """The query ran past its deadline; its worker was killed."""


class PoolBusy(Exception):
    """No worker became free in time."""


class WorkerFailed(Exception):
    """The worker died while running the query (e.g. out of memory)."""


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


# ---- inside a worker ------------------------------------------------------------------

def _is_update(text: str) -> bool:
    """True when ``text`` parses as SPARQL Update (INSERT, DELETE, LOAD, DROP, …)."""
    try:
        from rdflib.plugins.sparql.parser import parseUpdate

        parseUpdate(text)
        return True
    except Exception:  # noqa: BLE001 - not an update either
        return False


_QUOTED = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*")
_EXTERNAL_WORD = re.compile(r"(?<![\w:?$])(SERVICE|FROM|LOAD|USING)(?![\w:-])", re.IGNORECASE)
_EXTERNAL_NAMES = {"SERVICE": "SERVICE (federated query)", "FROM": "FROM / FROM NAMED",
                   "LOAD": "LOAD", "USING": "USING / USING NAMED"}


def external_access(parsed: Any) -> str | None:
    """What in a parsed query or update (rdflib algebra) reads outside the served graph:
    ``FROM``/``FROM NAMED``/``USING`` (rdflib parses the IRI: a local file, a URL),
    ``SERVICE`` (an HTTP request), ``LOAD``; None when nothing does.

    >>> from kg.sparql.engine import prepare
    >>> external_access(prepare("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }").algebra)
    'FROM / FROM NAMED'
    >>> external_access(prepare("SELECT * WHERE { SERVICE <http://h/> { ?s ?p ?o } }").algebra)
    'SERVICE (federated query)'
    >>> external_access(prepare("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").algebra) is None
    True
    """
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [parsed]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return _EXTERNAL_NAMES["SERVICE"]
            if node.name == "Load":
                return _EXTERNAL_NAMES["LOAD"]
            # (CompValue.get returns the key itself for a missing key: ask the dict)
            if dict.get(node, "datasetClause"):
                return _EXTERNAL_NAMES["FROM"]
            if dict.get(node, "using"):
                return _EXTERNAL_NAMES["USING"]
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
    return None


def external_words(text: str) -> str | None:
    """:func:`external_access` for text rdflib cannot parse (another engine may): the
    keywords outside strings, IRIs and comments.

    >>> external_words('SELECT * WHERE { ?s lv:service "FROM" ; <urn:service> ?from }') is None
    True
    >>> external_words("select * where { service <http://h/> { ?s ?p ?o } }")
    'SERVICE (federated query)'
    """
    m = _EXTERNAL_WORD.search(_QUOTED.sub(" ", text))
    return _EXTERNAL_NAMES[m.group(1).upper()] if m else None


def _refused(what: str) -> Outcome:
    return Outcome("forbidden", message=f"{what} is not allowed on this endpoint: it reads outside the "
                                         "served graph (files, other servers). The default graph is the "
                                         "union of all graphs; GRAPH <…> { } selects one.")


def run_query(backend: Any, text: str, bindings: dict | None, max_rows: int) -> Outcome:
    """Run one query on a Dataset or a store; used by workers (and tests, in-process)."""
    from rdflib.term import Variable

    from kg.errors import KGError, QueryError
    from kg.sparql import QueryResult, prepare

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
                if _is_update(text):
                    return Outcome("forbidden", message="SPARQL Update is not allowed: this endpoint is read-only")
                return Outcome("malformed", message=str(err))
            rows, truncated = res.rows[:max_rows], len(res.rows) > max_rows
            out = QueryResult(res.type, res.vars, rows, res.boolean)
            return Outcome("ok", out, truncated, elapsed=time.perf_counter() - t0)
        try:
            prepared = prepare(text)
        except QueryError as err:
            if _is_update(text):
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

    from kg.rdf.namespaces import PREFIXES

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
        from kg.stores.oxigraph import OxigraphStore

        st = OxigraphStore(None)
        st.load_nquads([source.location])
        return st
    if source.kind == "store":
        from kg.stores import open_store

        return open_store(source.location, read_only=True)
    raise ValueError(f"unknown source kind {source.kind!r}")


def _worker_main(conn, source: Source) -> None:  # pragma: no cover - runs in a child process
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


# ---- in the server --------------------------------------------------------------------

def _context():
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        ctx.set_forkserver_preload(["kg.server.workers", "kg.sparql.engine", "rdflib"])
    return ctx


class _Worker:
    def __init__(self, ctx, source: Source) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, source), daemon=True,
                                   name="kg-query-worker")
        self.process.start()
        child.close()
        self.pid = self.process.pid

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError(f"query worker did not start within {timeout:.0f} s")
        try:
            msg = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise RuntimeError("query worker exited while starting") from None
        if msg[0] != "ready":
            self.kill()
            raise RuntimeError(f"query worker could not load the graph: {msg[1]}")

    def kill(self) -> None:
        try:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(5)
        except Exception:  # noqa: BLE001 - best effort
            pass
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001
            pass

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.process.join(2)
        except Exception:  # noqa: BLE001
            pass
        self.kill()


def _poll_recv(conn, timeout: float):
    """In a thread: wait up to ``timeout`` s for the worker's answer. ``None`` on timeout."""
    if not conn.poll(timeout):
        return None
    return conn.recv()


class WorkerPool:
    """``size`` worker processes answering queries, each with a deadline.

    Use :meth:`start` (blocking) before serving and :meth:`close` after; :meth:`run` is a
    coroutine for the ASGI app.
    """

    def __init__(self, source: Source, size: int = 2, *, start_timeout: float = 300.0) -> None:
        self.source = source
        self.size = size
        self.start_timeout = start_timeout
        self._ctx = _context()
        self._executor = ThreadPoolExecutor(max_workers=size * 2 + 2, thread_name_prefix="kg-pool")
        self._idle: asyncio.Queue | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.restarts = 0
        self.timeouts = 0

    # lifecycle
    def start(self) -> None:
        """Start the workers and wait until each has loaded the graph."""
        started = [_Worker(self._ctx, self.source) for _ in range(self.size)]
        try:
            for w in started:
                w.wait_ready(self.start_timeout)
        except BaseException:
            for w in started:
                w.kill()
            raise
        with self._lock:
            self._workers.update(started)
        self._pending = started

    def _bind_loop(self) -> None:
        if self._idle is None:
            self._loop = asyncio.get_running_loop()
            self._idle = asyncio.Queue()
            self._update_lock = asyncio.Lock()
            for w in getattr(self, "_pending", []):
                self._idle.put_nowait(w)
            self._pending = []

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for w in workers:
            w.stop()
        self._executor.shutdown(wait=False, cancel_futures=True)

    @property
    def alive(self) -> int:
        with self._lock:
            return sum(1 for w in self._workers if w.process.is_alive())

    # replacing a killed worker
    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._workers.discard(worker)
        if self._closed:
            return
        self.restarts += 1
        loop = self._loop

        def spawn() -> None:
            for attempt in range(3):
                if self._closed:
                    return
                try:
                    w = _Worker(self._ctx, self.source)
                    w.wait_ready(self.start_timeout)
                except Exception as err:  # noqa: BLE001
                    log.error("could not restart a query worker (attempt %d): %s", attempt + 1, err)
                    time.sleep(1.0)
                    continue
                with self._lock:
                    if self._closed:
                        w.stop()
                        return
                    self._workers.add(w)
                loop.call_soon_threadsafe(self._idle.put_nowait, w)
                return

        threading.Thread(target=spawn, name="kg-pool-restart", daemon=True).start()

    # running a query
    async def run(self, text: str, bindings: dict | None, *, max_rows: int, timeout: float,
                  wait: float | None = None) -> Outcome:
        """Run ``text`` on a free worker; :class:`QueryTimeout` after ``timeout`` s of
        evaluation, :class:`PoolBusy` when no worker frees up within ``wait`` s."""
        self._bind_loop()
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=wait if wait is not None else timeout)
        except asyncio.TimeoutError:
            raise PoolBusy() from None
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send((text, bindings, max_rows))
            msg = await loop.run_in_executor(self._executor, _poll_recv, worker.conn, timeout)
        except (EOFError, OSError, BrokenPipeError) as err:
            self._replace(worker)
            raise WorkerFailed(f"query worker died: {type(err).__name__}") from None
        except BaseException:
            self._replace(worker)  # cancelled mid-query: the worker's state is unknown
            raise
        if msg is None:
            self.timeouts += 1
            self._replace(worker)
            raise QueryTimeout()
        self._idle.put_nowait(worker)
        return msg

    async def update(self, text: str, *, timeout: float) -> Outcome:
        """Apply a SPARQL Update on every worker's graph, or on none (see the module
        docstring). :class:`PoolBusy` when the workers do not all free up within
        ``timeout`` s; :class:`QueryTimeout` when the update itself runs longer."""
        self._bind_loop()
        loop = asyncio.get_running_loop()
        async with self._update_lock:
            held: list[_Worker] = []
            try:
                # All ``size`` workers, idle: no query runs and none is (re)starting, so
                # none can load the graph file while it changes.
                for _ in range(self.size):
                    held.append(await asyncio.wait_for(self._idle.get(), timeout=timeout))
            except asyncio.TimeoutError:
                for w in held:
                    self._idle.put_nowait(w)
                raise PoolBusy() from None
            except BaseException:
                for w in held:
                    self._idle.put_nowait(w)
                raise
            first, rest = held[0], held[1:]
            try:
                first.conn.send(("update", text))
                msg = await loop.run_in_executor(self._executor, _poll_recv, first.conn, timeout)
            except BaseException:
                self._replace(first)
                for w in rest:
                    self._idle.put_nowait(w)
                raise
            if msg is None:  # killed mid-update: the graph file was not replaced
                self.timeouts += 1
                self._replace(first)
                for w in rest:
                    self._idle.put_nowait(w)
                raise QueryTimeout()
            if msg.status == "ok":
                for w in rest:
                    try:
                        w.conn.send(("reload", None))
                        ok = await loop.run_in_executor(self._executor, _poll_recv, w.conn, self.start_timeout)
                    except (EOFError, OSError):
                        ok = None
                    if ok is None or ok.status != "ok":
                        self._replace(w)  # its replacement loads the new graph file
                    else:
                        self._idle.put_nowait(w)
            else:
                for w in rest:
                    self._idle.put_nowait(w)
            self._idle.put_nowait(first)
            return msg
