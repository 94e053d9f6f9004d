"""``kg add``, ``kg load`` and ``kg remove``: change the documents of a store."""

from __future__ import annotations

import typer

from kg.cli.app import err, out, progress_bar

__all__ = ["add", "load_", "remove"]


def add(
    docs: list[str] = typer.Argument(..., help="Files, directories or globs to add (or replace)."),
    store: str = typer.Option(..., "--store", "-s", help="oxigraph:DIR or an http(s):// SPARQL endpoint."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for extraction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Add documents to a store, or replace them if changed; touches only their graphs."""
    from kg.cli.store_support import run_add

    raise typer.Exit(run_add(docs, store, jobs=jobs, quiet=quiet, out=out, err=err,
                             progress_bar=progress_bar))


def load_(
    files: list[str] = typer.Argument(..., help="Build outputs (.nq, .trig …), e.g. the shards of a distributed build."),
    store: str = typer.Option(..., "--store", "-s", help="oxigraph:DIR or an http(s):// SPARQL endpoint."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Bulk-load build outputs into a store (graphs merge; use `kg add` to replace documents)."""
    from kg.cli.store_support import run_load

    raise typer.Exit(run_load(files, store, quiet=quiet, out=out))


def remove(
    docs: list[str] = typer.Argument(..., help="Document identifiers, file paths or document IRIs."),
    store: str = typer.Option(..., "--store", "-s", help="oxigraph:DIR or an http(s):// SPARQL endpoint."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Remove documents (their named graphs) from a store."""
    from kg.cli.store_support import run_remove

    raise typer.Exit(run_remove(docs, store, quiet=quiet, out=out, err=err))
