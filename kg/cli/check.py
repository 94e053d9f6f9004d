"""``kg stats`` and ``kg validate``: what a graph holds, and whether it satisfies the shapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from kg.cli.app import EXIT_INVALID, err, graph_or_build, out

__all__ = ["stats", "validate"]


def stats(
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help="A build output (default: build the bundled corpus)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    network: bool = typer.Option(False, "--network", help="Network analytics instead: degree and "
                                 "betweenness centrality, components, communities."),
    top: int = typer.Option(10, "--top", min=1, help="How many entities the --network rankings list."),
) -> None:
    """Counts by class and property (or, with --network, network analytics)."""
    g = graph_or_build(graph)
    if network:
        from kg.cli.viz_support import print_network_stats

        print_network_stats(g, top=top, as_json=as_json, console=out)
        return
    s = g.stats()
    if as_json:
        out.print_json(json.dumps(s, ensure_ascii=False))
        return
    out.print(f"documents: {s['documents']}  triples: {s['triples']}", highlight=False)
    for title, key in (("class", "classes"), ("property", "properties")):
        t = Table(show_header=True)
        t.add_column(title)
        t.add_column("count", justify="right")
        for k, v in s[key].items():
            t.add_row(k, str(v))
        out.print(t)


def validate(
    file: Optional[Path] = typer.Argument(None, help="A build output (default: build the bundled corpus)."),
) -> None:
    """SHACL validation; exits 1 on violations."""
    from kg.validate import validate as run

    rep = run(graph_or_build(file))
    if rep.conforms:
        out.print(f"[green]conforms[/green]: {file or 'bundled corpus'} satisfies every shape")
        return
    out.print(rep.text, highlight=False, markup=False, soft_wrap=True)
    err.print(f"[red]{rep.violations} violation(s)[/red]")
    raise typer.Exit(EXIT_INVALID)
