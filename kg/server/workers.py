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

What a worker runs (a query with its row limit, an update) is :mod:`kg.server.jobs`; what
no query may reach (files, other servers) is refused by :mod:`kg.server.guard`.

Updates (``kg serve --allow-update``): :meth:`WorkerPool.update` takes every worker out of
service, one worker applies the update and writes the changed graph back to the pickle file
(atomically), the others reload it, and all return to service; an update that fails or runs
past the deadline changes nothing (the failing worker reloads, or is killed).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing as mp
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from kg.server.jobs import Outcome, Source, run_query, worker_main

log = logging.getLogger("kg.server")

__all__ = ["WorkerPool", "QueryTimeout", "PoolBusy", "WorkerFailed"]

__all__ = ["Source", "Outcome", "WorkerPool", "QueryTimeout", "PoolBusy", "WorkerFailed", "run_query"]


class QueryTimeout(Exception):
    """The query ran past its deadline; its worker was killed."""


class PoolBusy(Exception):
    """No worker became free in time."""


class WorkerFailed(Exception):
    """The worker died while running the query (e.g. out of memory)."""


def _context():
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        ctx.set_forkserver_preload(["kg.server.workers", "kg.sparql.engine", "rdflib"])
    return ctx


class _Worker:
    def __init__(self, ctx, source: Source) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_main, args=(child, source), daemon=True,
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
