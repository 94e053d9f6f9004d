"""What ``kg serve`` calls: load the graph, start the query workers, run uvicorn.

The server is Starlette on uvicorn (a real ASGI server: HTTP/1.1 keep-alive, concurrent
requests on one event loop while queries run in worker processes, graceful shutdown).
"""

from __future__ import annotations

import os
import pickle
import shutil
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

from kg.errors import ServeError

__all__ = ["run_serve", "prepare_source", "listen"]


def prepare_source(graph: Path | None, store: str | None, workdir: Path, console=None, *,
                   engine: str = "oxigraph", notify=None):
    """The :class:`~kg.server.jobs.Source` for the workers and a description of it.

    A graph (``--graph``, else out/lvliang.trig, else a build) reaches the workers as an
    N-Quads file each loads into an in-memory Oxigraph store (engine ``oxigraph``), or as
    a pickled rdflib Dataset (engine ``rdflib``; also what ``--allow-update`` changes)."""
    from kg.server.jobs import Source

    if store and store != "memory":
        from kg.stores import open_store

        s = open_store(store, read_only=True)  # fail here, with the store's message
        try:
            n = len(s)
        finally:
            s.close()
        return Source("store", store), {"source": store, "quads": n}
    from kg.api import DEFAULT_OUTPUT, load_or_build

    label = str(graph) if graph else (DEFAULT_OUTPUT.as_posix() if DEFAULT_OUTPUT.is_file() else "bundled corpus")
    if engine not in ("oxigraph", "rdflib"):
        raise ServeError(f"--engine {engine!r}: use oxigraph or rdflib")
    g = load_or_build(graph, engine=engine, notify=notify or (console.print if console is not None else None))
    info = {"source": label, "quads": len(g), "engine": engine}
    if engine == "oxigraph":
        path = workdir / "graph.nq"
        g.save(path)
        return Source("nquads", str(path)), info
    path = workdir / "graph.pickle"
    with open(path, "wb") as fh:
        pickle.dump(g.dataset, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return Source("pickle", str(path)), info


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (port 0: a free one)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror}") from None
    family, _, _, _, addr = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
    except OSError as err:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror}") from None
    sock.listen(1024)  # bursts of clients connecting at once are queued, not refused
    sock.set_inheritable(True)
    return sock


def run_serve(graph: Path | None, *, host: str, port: int, timeout: float, max_rows: int, workers: int,
              console: Any, store: str | None = None, log_level: str = "info", allow_update: bool = False,
              token: str | None = None, cors: list[str] | tuple[str, ...] = (), max_pending: int = 256,
              engine: str = "oxigraph", notify=None) -> None:
    try:
        import starlette  # noqa: F401
        import uvicorn
    except ImportError as err:
        raise ServeError(f"kg serve needs starlette and uvicorn ({err.name} is missing): "
                         "pip install starlette uvicorn") from None

    from kg.server.app import LOOPBACK_HOSTS, Settings, create_app
    from kg.server.workers import WorkerPool

    if allow_update and not token:
        raise ServeError("--allow-update needs --token T (or KG_SERVE_TOKEN): updates are accepted only "
                         "with Authorization: Bearer T")
    if allow_update and store and store != "memory":
        raise ServeError("--allow-update works with --graph; change a store with kg add / kg remove")
    if token and len(token) < 8:
        raise ServeError("--token: use at least 8 characters")
    settings = Settings(timeout=timeout, max_rows=max_rows, allow_update=allow_update, token=token,
                        max_pending=max_pending, cors=tuple(cors or ()))
    sock = listen(host, port)  # fail on a taken port before loading anything
    workdir = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    pool = None
    try:
        # updates apply to the rdflib copy the workers share through the pickle file
        source, info = prepare_source(graph, store, workdir, console,
                                      engine="rdflib" if allow_update else engine, notify=notify)
        pool = WorkerPool(source, workers)
        pool.start()
        loopback = host in ("127.0.0.1", "localhost", "::1")
        app = create_app(pool, settings, info=info, allowed_hosts=LOOPBACK_HOSTS if loopback else None)
        actual = sock.getsockname()[1]
        shown = f"[{host}]" if ":" in host else host
        console.print(f"kg serve: SPARQL endpoint http://{shown}:{actual}/sparql · explorer http://{shown}:{actual}/ "
                      f"({info['source']}, {info['quads']} quads, {info.get('engine', 'store')}; {workers} worker(s), timeout {timeout:g} s, "
                      f"at most {max_rows} rows); Ctrl-C stops", highlight=False, soft_wrap=True)
        if allow_update:
            console.print("updates allowed with the token (POST update=… or application/sparql-update, "
                          "Authorization: Bearer …); they change the served copy, not the graph file",
                          highlight=False, soft_wrap=True)
        if cors:
            console.print(f"CORS: browsers may call the endpoint from {', '.join(cors)}", highlight=False)
        if not loopback:
            console.print(f"warning: listening on {host}: queries need no authentication", highlight=False)
        sys.stdout.flush()
        config = uvicorn.Config(app, log_level=log_level, access_log=True, lifespan="off",
                                server_header=False, timeout_graceful_shutdown=3)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        if pool is not None:
            pool.close()
        sock.close()
        shutil.rmtree(workdir, ignore_errors=True)
        if os.environ.get("KG_DEBUG"):
            console.print("kg serve: stopped", highlight=False)
