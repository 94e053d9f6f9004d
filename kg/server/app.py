"""The ASGI application: SPARQL 1.1 Protocol at ``/sparql``, the explorer at ``/``.

Routes
------
``GET /sparql?query=…``, ``POST /sparql`` (``application/x-www-form-urlencoded`` with
``query=…``, or ``application/sparql-query`` with the query as the body)
    Run a query. Result format by ``Accept`` or ``format=`` (see :mod:`kg.server.protocol`).
    ``GET /sparql`` without a query: the SPARQL 1.1 Service Description (RDF: languages,
    result formats, the union default graph, the predeclared prefixes).
    Read-only by default: SPARQL Update (an ``update`` parameter, ``application/sparql-update``,
    or update text given as a query) is refused with 403. With ``allow_update`` and a token,
    an update POSTed as ``update=…`` or ``application/sparql-update`` with
    ``Authorization: Bearer TOKEN`` is applied to every worker's graph (401 without the
    token). Malformed query: 400 with the parser's message (line, column, the offending
    text). ``FROM``, ``SERVICE``, ``LOAD``, ``USING``: 403 (nothing outside the served graph
    is read). A query text over ``max_query_bytes``: 413. More than ``max_pending`` queries
    running or waiting for a worker: 503 at once, with ``Retry-After``. A query running
    longer than the timeout: its worker is killed, 503. At most ``max_rows`` rows (or
    triples) are returned; every result says so in ``X-KG-Result-Limit``,
    ``X-KG-Result-Rows`` and ``X-KG-Result-Truncated: true|false``.
``GET /queries``, ``GET /queries/{name}``
    The named queries (``kg queries``) as JSON: name, title, description, parameters, text.
``GET|POST /queries/{name}/run?param=value…``
    Run a named query with its parameters bound as RDF terms (never pasted into the text);
    same formats, limits and headers as ``/sparql``.
``GET /health``
    JSON: status, workers alive, timeout, row limit, restarts after timeouts.
``GET /prefixes``
    JSON: the project prefixes (predeclared in every query).
``GET /types``
    JSON: the core types in legend order, with the graph pages' colours (the explorer's legend).
``GET /``, ``GET /assets/{file}``
    The explorer (query editor, results table, graph view), local files only: a name is
    looked up in a fixed table of the explorer's files, never joined to a path.

CORS: no ``Access-Control-Allow-Origin`` header unless origins are configured
(``kg serve --cors ORIGIN``); then those origins may call the endpoint from a browser.
"""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import KGError
from kg.query import bindings_for
from kg.query.named import find, load_all
from kg.rdf.namespaces import LV, PREFIXES
from kg.server.protocol import MEDIA_TYPES, negotiate, render, render_graph, service_description
from kg.server.workers import PoolBusy, QueryTimeout, WorkerFailed, WorkerPool
from kg.viz.network import page_types, type_label
from kg.viz.pages import asset_path, type_style

__all__ = ["Settings", "create_app", "MAX_BODY"]

#: Largest request body accepted (bytes).
MAX_BODY = 1_000_000

_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# the explorer loads nothing but its own files (vis-network's CSS uses data: images)
_PAGE_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
             "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0
    max_rows: int = 10000
    #: Accept SPARQL Update from clients that send ``Authorization: Bearer <token>``.
    allow_update: bool = False
    token: str | None = field(default=None, repr=False)
    #: Queries running or waiting for a worker at once; more get 503 at once.
    max_pending: int = 256
    #: Largest query or update text (UTF-8 bytes); larger: 413.
    max_query_bytes: int = MAX_BODY
    #: Origins allowed to call the endpoint from a browser (CORS); none by default.
    cors: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.allow_update and not self.token:
            raise ValueError("allow_update needs a token")


def _error(status: int, message: str, **headers: str) -> Response:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status,
                             headers={**_SECURITY_HEADERS, **headers})


def _assets() -> dict[str, Path]:
    """Files the explorer may load: kg/server/assets and the vendored vis-network."""
    files: dict[str, Path] = {}
    base = Path(str(resources.files("kg.server.assets")))
    for p in sorted(base.iterdir()):
        if p.is_file() and p.suffix in (".html", ".js", ".css", ".svg", ".png", ".ico"):
            files[p.name] = p
    for name in ("vis-network.min.js", "vis-network.css", "boxes.js"):
        files[name] = asset_path(name)
    return files


_MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
          ".ico": "image/x-icon"}


_READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"


async def _query_from(request: Request, settings: Settings | None = None
                      ) -> tuple[str | None, dict[str, list[str]], Response | None]:
    """(query text, all parameters, or an error response) of a /sparql request. With
    updates allowed, an update's text comes back in ``params["update"]`` (text None)."""
    settings = settings or Settings()
    params: dict[str, list[str]] = {}
    for k, v in request.query_params.multi_items():
        params.setdefault(k, []).append(v)
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY:
            return None, params, _error(413, f"request body larger than {MAX_BODY} bytes")
        body = await request.body()
        if len(body) > MAX_BODY:
            return None, params, _error(413, f"request body larger than {MAX_BODY} bytes")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return None, params, _error(400, "request body is not UTF-8")
        if ctype == "application/sparql-update":
            if not settings.allow_update:
                return None, params, _error(403, _READ_ONLY)
            params["update"] = [text]
            return None, params, None
        if ctype == "application/sparql-query":
            params.setdefault("query", []).append(text)
        elif ctype == "application/x-www-form-urlencoded":
            for k, vs in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(vs)
        else:
            return None, params, _error(415, "POST a query as application/x-www-form-urlencoded "
                                             "(query=…) or application/sparql-query")
    if "update" in params:
        if not settings.allow_update:
            return None, params, _error(403, _READ_ONLY)
        if request.method != "POST" or "update" in request.query_params:
            return None, params, _error(405, "send an update with POST (update=… or application/sparql-update)",
                                        Allow="POST")
        if len(params["update"]) > 1 or "query" in params:
            return None, params, _error(400, "one update, and no query, per request")
        return None, params, None
    queries = params.get("query", [])
    if not queries:
        return None, params, _error(400, "missing query: pass query=… (GET or form POST) or POST "
                                         "application/sparql-query; the explorer is at /")
    if len(queries) > 1:
        return None, params, _error(400, "more than one query parameter")
    if len(queries[0].encode("utf-8")) > settings.max_query_bytes:
        return None, params, _error(413, f"query larger than {settings.max_query_bytes} bytes")
    if params.get("default-graph-uri") or params.get("named-graph-uri"):
        return None, params, _error(400, "default-graph-uri and named-graph-uri are not supported: "
                                         "the default graph is the union of all graphs; use GRAPH <…> { }")
    return queries[0], params, None


#: Host headers accepted when the server listens on a loopback address: a web page whose
#: name was rebound to 127.0.0.1 (DNS rebinding) cannot read the endpoint.
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def create_app(pool: WorkerPool, settings: Settings | None = None, *, info: dict[str, Any] | None = None,
               allowed_hosts: list[str] | None = None) -> Starlette:
    """The Starlette app serving ``pool``; ``allowed_hosts`` restricts the ``Host`` header
    (None: any)."""
    settings = settings or Settings()
    assets = _assets()
    info = dict(info or {})
    load = {"pending": 0, "refused": 0}

    def overloaded() -> Response:
        load["refused"] += 1
        return _error(503, f"too many queries at once (more than {settings.max_pending} running or waiting); "
                           "try again", **{"Retry-After": "1"})

    async def execute(request: Request, text: str, bindings: dict | None, params: dict[str, list[str]]) -> Response:
        if load["pending"] >= settings.max_pending:
            return overloaded()
        load["pending"] += 1
        try:
            return await _execute(request, text, bindings, params)
        finally:
            load["pending"] -= 1

    async def _execute(request: Request, text: str, bindings: dict | None, params: dict[str, list[str]]) -> Response:
        fmt_param = params.get("format", []) + params.get("output", [])
        accept = request.headers.get("accept")
        t0 = time.perf_counter()
        try:
            outcome = await pool.run(text, bindings, max_rows=settings.max_rows, timeout=settings.timeout)
        except QueryTimeout:
            return _error(503, f"query timed out after {settings.timeout:g} s (the server's --timeout); "
                               "it was stopped. Narrow it down, or add LIMIT.",
                          **{"X-KG-Timeout": f"{settings.timeout:g}"})
        except PoolBusy:
            return _error(503, "all query workers are busy; try again", **{"Retry-After": "1"})
        except WorkerFailed as err:
            return _error(500, f"the query worker failed: {err}")
        if outcome.status == "forbidden":
            if settings.allow_update and outcome.message.startswith(_READ_ONLY):
                return _error(403, "send an update as update=… or application/sparql-update, not as a query")
            return _error(403, outcome.message)
        if outcome.status == "malformed":
            return _error(400, outcome.message)
        if outcome.status != "ok":
            return _error(500, outcome.message or "query failed")
        result = outcome.result
        fmt = negotiate(result.type, accept, fmt_param)
        if fmt is None:
            kinds = ("text/turtle, application/ld+json, application/n-triples"
                     if result.type in ("CONSTRUCT", "DESCRIBE") else
                     "application/sparql-results+json, application/sparql-results+xml, text/csv, "
                     "text/tab-separated-values")
            return _error(406, f"cannot give a {result.type} result as {accept!r}; available: {kinds}")
        body = render(result, fmt)
        headers = {
            **_SECURITY_HEADERS,
            "Vary": "Accept",
            "Cache-Control": "no-store",
            "X-KG-Result-Limit": str(settings.max_rows),
            "X-KG-Result-Rows": str(len(result.rows)),
            "X-KG-Result-Truncated": "true" if outcome.truncated else "false",
            "X-KG-Query-Time": f"{(time.perf_counter() - t0) * 1000:.0f}ms",
            "X-KG-Query-Form": result.type,
        }
        return Response(body.encode("utf-8"), media_type=MEDIA_TYPES[fmt], headers=headers)

    def authorised(request: Request) -> bool:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        return (scheme.lower() == "bearer" and bool(settings.token)
                and hmac.compare_digest(given.strip().encode("utf-8"), settings.token.encode("utf-8")))

    async def update(request: Request, text: str) -> Response:
        if not authorised(request):
            return _error(401, "SPARQL Update needs Authorization: Bearer <token> (the token kg serve was "
                               "started with)", **{"WWW-Authenticate": 'Bearer realm="kg"'})
        if len(text.encode("utf-8")) > settings.max_query_bytes:
            return _error(413, f"update larger than {settings.max_query_bytes} bytes")
        if load["pending"] >= settings.max_pending:
            return overloaded()
        load["pending"] += 1
        try:
            outcome = await pool.update(text, timeout=settings.timeout)
        except QueryTimeout:
            return _error(503, f"update timed out after {settings.timeout:g} s and was stopped; nothing changed",
                          **{"X-KG-Timeout": f"{settings.timeout:g}"})
        except PoolBusy:
            return _error(503, "the query workers did not free up for the update; try again", **{"Retry-After": "1"})
        except WorkerFailed as err:
            return _error(500, f"the query worker failed: {err}; nothing changed")
        finally:
            load["pending"] -= 1
        status = {"ok": 200, "forbidden": 403, "malformed": 400}.get(outcome.status, 500)
        return _error(status, outcome.message) if status != 200 else PlainTextResponse(
            outcome.message + "\n", headers={**_SECURITY_HEADERS, "Cache-Control": "no-store"})

    def description(request: Request) -> Response:
        fmt = negotiate("DESCRIBE", request.headers.get("accept"),
                        request.query_params.getlist("format")) or "turtle"
        endpoint = str(request.url.replace(query="", fragment=""))
        body = render_graph(service_description(endpoint), fmt)
        return Response(body.encode("utf-8"), media_type=MEDIA_TYPES[fmt],
                        headers={**_SECURITY_HEADERS, "Vary": "Accept"})

    async def sparql(request: Request) -> Response:
        if request.method == "GET" and not any(k in request.query_params for k in ("query", "update")):
            return description(request)  # SPARQL 1.1 Service Description
        text, params, err = await _query_from(request, settings)
        if err is not None:
            return err
        if text is None:
            return await update(request, params["update"][0])
        return await execute(request, text, None, params)

    def _named_json(q) -> dict[str, Any]:
        return {"name": q.name, "title": q.title, "description": q.description,
                "params": [{"name": p.name, "type": p.type, "default": p.default, "required": p.required,
                            "description": p.description} for p in q.params],
                "examples": list(q.examples), "text": q.text}

    async def queries(request: Request) -> Response:
        return JSONResponse([_named_json(q) for q in load_all().values()], headers=_SECURITY_HEADERS)

    async def query_one(request: Request) -> Response:
        q = find(request.path_params["name"])
        if q is None:
            return _error(404, f"no named query {request.path_params['name']!r}; GET /queries lists them")
        return JSONResponse(_named_json(q), headers=_SECURITY_HEADERS)

    async def query_run(request: Request) -> Response:
        q = find(request.path_params["name"])
        if q is None:
            return _error(404, f"no named query {request.path_params['name']!r}; GET /queries lists them")
        params: dict[str, list[str]] = {}
        for k, v in request.query_params.multi_items():
            params.setdefault(k, []).append(v)
        if request.method == "POST":
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > MAX_BODY:
                return _error(413, f"request body larger than {MAX_BODY} bytes")
            body = await request.body()
            if len(body) > MAX_BODY:
                return _error(413, f"request body larger than {MAX_BODY} bytes")
            for k, vs in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                params.setdefault(k, []).extend(vs)
        values = {k: vs[-1] for k, vs in params.items() if k != "format" and vs and vs[-1] != ""}
        try:
            bindings = bindings_for(q, values, from_cli=True)
        except KGError as e:
            return _error(400, str(e))
        return await execute(request, q.text, dict(bindings), params)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "workers": pool.alive, "timeout": settings.timeout,
                             "max_rows": settings.max_rows, "restarts": pool.restarts,
                             "timeouts": pool.timeouts, "pending": load["pending"],
                             "max_pending": settings.max_pending, "refused": load["refused"],
                             "updates": settings.allow_update, **info}, headers=_SECURITY_HEADERS)

    async def index(request: Request) -> Response:
        return FileResponse(assets["explorer.html"], media_type=_MEDIA[".html"],
                            headers={**_SECURITY_HEADERS, "Content-Security-Policy": _PAGE_CSP})

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        path = assets.get(name)
        if path is None:
            return _error(404, f"no asset {name!r}")
        return FileResponse(path, media_type=_MEDIA.get(path.suffix, "application/octet-stream"),
                            headers={**_SECURITY_HEADERS, "Cache-Control": "max-age=3600"})

    async def prefixes(request: Request) -> Response:
        return JSONResponse({k: str(v) for k, v in sorted(PREFIXES.items())}, headers=_SECURITY_HEADERS)

    async def types(request: Request) -> Response:
        """The core types, in legend order, with the colours and glyphs of the graph pages."""
        return JSONResponse([{"type": t, "iri": str(LV[t]), "label": type_label(t), "color": type_style(t)["color"],
                              "glyph": type_style(t)["glyph"]} for t in page_types()], headers=_SECURITY_HEADERS)

    async def favicon(request: Request) -> Response:
        return Response(status_code=204)

    routes = [
        Route("/", index, methods=["GET", "HEAD"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/queries", queries, methods=["GET"]),
        Route("/queries/{name}", query_one, methods=["GET"]),
        Route("/queries/{name}/run", query_run, methods=["GET", "POST"]),
        Route("/health", health, methods=["GET"]),
        Route("/prefixes", prefixes, methods=["GET"]),
        Route("/types", types, methods=["GET"]),
        Route("/assets/{name}", asset, methods=["GET", "HEAD"]),
        Route("/favicon.ico", favicon, methods=["GET"]),
    ]
    from starlette.middleware import Middleware

    middleware = []
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    if settings.cors:
        from starlette.middleware.cors import CORSMiddleware

        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(settings.cors), allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type", "Authorization"], max_age=600,
            expose_headers=["X-KG-Result-Limit", "X-KG-Result-Rows", "X-KG-Result-Truncated",
                            "X-KG-Query-Time", "X-KG-Query-Form", "X-KG-Timeout", "Retry-After"]))
    return Starlette(routes=routes, middleware=middleware)


