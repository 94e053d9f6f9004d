"""``kg serve``: a SPARQL 1.1 Protocol endpoint and an explorer page over a graph or a store."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli.app import ENGINE_HELP, note, out

__all__ = ["serve"]


def serve(
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help="A build output (default: build the bundled corpus)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", "-p", min=0, max=65535, help="TCP port (0: any free port)."),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, help="Seconds a query may run before it is stopped."),
    max_rows: int = typer.Option(10000, "--max-rows", min=1, help="Rows returned at most per query (clients are told)."),
    workers: int = typer.Option(2, "--workers", min=1, max=32, help="Query worker processes."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help="Serve this store instead: "
                                        "oxigraph:DIR or an http(s):// SPARQL endpoint."),
    allow_update: bool = typer.Option(False, "--allow-update", help="Accept SPARQL Update from clients "
                                      "sending Authorization: Bearer TOKEN (needs --token)."),
    token: Optional[str] = typer.Option(None, "--token", envvar="KG_SERVE_TOKEN", show_default=False,
                                        help="The bearer token updates need (or KG_SERVE_TOKEN)."),
    cors: list[str] = typer.Option(None, "--cors", help="Let browsers call the endpoint from this origin "
                                   "(repeatable); off by default."),
    max_pending: int = typer.Option(256, "--max-pending", min=1, help="Queries running or waiting at "
                                    "once; more get 503 at once."),
    engine: str = typer.Option("oxigraph", "--engine", "-e", help=ENGINE_HELP + " --allow-update "
                               "serves an rdflib copy."),
) -> None:
    """SPARQL 1.1 Protocol endpoint at /sparql and an explorer page at /."""
    from kg.cli.serve_support import run_serve

    run_serve(graph, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers,
              console=out, store=store, allow_update=allow_update, token=token, cors=cors or [],
              max_pending=max_pending, engine=engine, notify=note)
