"""The ``kg`` application: the Typer app, its consoles and exit codes, and what commands share.

Exit status: 0 success; 1 validation violations; 2 error (nothing done);
3 built, but some inputs were skipped (each named on stderr with the reason).
The commands are registered, in the order ``kg --help`` lists them, by :mod:`kg.cli`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from kg.about import __version__
from kg.errors import ConfigError

__all__ = [
    "ENGINE_HELP",
    "EXIT_ERROR",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "app",
    "err",
    "graph_or_build",
    "note",
    "out",
    "progress_bar",
    "read_config",
]

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Chinese regional news → RDF knowledge graph (build, query, validate, eval).")
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one line per message, never wrapped

EXIT_OK, EXIT_INVALID, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 2, 3


def graph_or_build(graph: Optional[Path], engine: str = "oxigraph"):
    """``--graph FILE``, else out/lvliang.trig when it exists, else a build (said on stderr)."""
    from kg.api import load_or_build

    return load_or_build(graph, engine=engine, notify=note)


def note(message: str) -> None:
    """Say ``message`` on stderr, verbatim (no markup)."""
    err.print(message, highlight=False, markup=False)


def _version(value: bool) -> None:
    if value:
        out.print(f"kg (lvliang-kg) {__version__}", highlight=False)
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Chinese regional news → RDF knowledge graph (build, query, validate, eval)."""


ENGINE_HELP = "Query engine for a graph in memory: oxigraph (fast) or rdflib."


def progress_bar(total_hint: int = 0):
    """The extraction progress bar, on stderr and only when it is a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), TextColumn("{task.description}"), console=err,
                    transient=True, disable=not err.is_terminal)


def read_config(path: Optional[Path]) -> dict | None:
    """Component options from a JSON or TOML file (None without a file)."""
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(path), exc.strerror or str(exc)) from None
    try:
        if path.suffix.lower() == ".toml":
            import tomllib

            data = tomllib.loads(text)
        else:
            data = json.loads(text)
    except ValueError as exc:
        raise ConfigError(str(path), f"not valid {path.suffix.lstrip('.').upper() or 'JSON'}: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ConfigError(str(path), "expected {component: {option: value}}")
    return data
