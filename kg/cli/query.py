"""``kg query`` and ``kg queries``: run SPARQL or a named query, list the named queries."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli.app import ENGINE_HELP, note, out

__all__ = ["queries_", "query"]


def query(
    query_text: str = typer.Argument(..., metavar="QUERY_OR_FILE_OR_NAME"),
    graph: Optional[Path] = typer.Option(None, "--graph", "-g"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, json or tsv"),
    param: list[str] = typer.Option(None, "--param", "-p", help="k=v, bound safely"),
    store: Optional[str] = typer.Option(None, "--store", "-s", help="Query this store: oxigraph:DIR or an "
                                        "http(s):// SPARQL endpoint (default: --graph, else "
                                        "out/lvliang.trig, else build)."),
    engine: str = typer.Option("oxigraph", "--engine", "-e", help=ENGINE_HELP),
) -> None:
    """Run a SPARQL query (text, a .rq file, or a named query)."""
    from kg.cli.query_support import run_query

    run_query(query_text, graph=graph, fmt=fmt, params=param or [], console=out, store=store,
              engine=engine, notify=note)


def queries_(
    name: Optional[str] = typer.Argument(None, help="Show this named query in full."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the named queries with their titles and parameters."""
    from kg.cli.query_support import list_queries

    list_queries(name, as_json=as_json, console=out)
