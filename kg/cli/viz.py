"""``kg viz``: draw the graph as an interactive HTML page that works offline."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli.app import graph_or_build, out

__all__ = ["viz"]


def viz(
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help="A build output (default: build the bundled corpus)."),
    output: Path = typer.Option(Path("out/lvliang.html"), "-o", "--output", help="The HTML page to write."),
    view: str = typer.Option("all", "--view", help="all, places (hierarchy), partners or document."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Document identifier (or a unique prefix) for --view document."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Only the neighbourhood of this entity (label, alias or IRI)."),
    depth: int = typer.Option(1, "--depth", min=0, max=10, help="Neighbourhood radius for --focus."),
    types: list[str] = typer.Option(None, "--types", help="Core types to keep: Place,Institution,… (or 地点,机构,…); repeatable."),
    size_by: str = typer.Option("degree", "--size-by", help="Node size by degree, betweenness or mentions."),
    title: Optional[str] = typer.Option(None, "--title", help="Page title."),
    physics: Optional[bool] = typer.Option(None, "--physics/--no-physics", show_default="off: places as boxes",
                                           help="Let the browser settle a force-directed layout instead."),
) -> None:
    """Draw the graph as an interactive HTML page that works offline."""
    from kg.cli.viz_support import run_viz

    run_viz(lambda: graph_or_build(graph), output, view=view, doc=doc, focus=focus, depth=depth, types=types or [],
            size_by=size_by, title=title, physics=physics, console=out)
