"""The ``kg`` command. Thin: parses options, calls the library, prints results.

Exit status: 0 success; 1 validation violations; 2 error (nothing done);
3 built, but some inputs were skipped (each named on stderr with the reason).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from kg.errors import KGError

__all__ = ["app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Chinese regional news → RDF knowledge graph (build, query, validate, eval).")
out = Console()
err = Console(stderr=True)

EXIT_OK, EXIT_INVALID, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 2, 3


def _load(graph: Optional[Path]):
    import kg

    return kg.load(graph) if graph else kg.build()


def _progress_bar(total_hint: int = 0):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), TextColumn("{task.description}"), console=err,
                    transient=True, disable=not err.is_terminal)


@app.command()
def build(
    docs: list[str] = typer.Argument(None, help="Files, directories or globs (default: the bundled corpus)."),
    output: Path = typer.Option(Path("out/lvliang.trig"), "-o", "--output",
                                help="Output file; format by extension: .trig .nq .ttl .jsonld"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for extraction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Build the knowledge graph and write it to a file."""
    import kg
    from kg.rdf.io import format_for

    format_for(output)  # fail on a bad extension before doing any work
    with _progress_bar() as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(name).name)

        graph = kg.build(docs or None, jobs=jobs, progress=progress)
    rep = graph.report
    if not rep.documents:
        for s in rep.skipped:
            err.print(f"[red]skipped[/red] {s.reason}", highlight=False)
        raise KGError("no document could be read; nothing was written")
    graph.save(output)
    for s in rep.skipped:
        err.print(f"[yellow]skipped[/yellow] [{s.code}] {s.reason}", highlight=False)
    if not quiet:
        _print_summary(graph, output)
    if rep.skipped:
        raise typer.Exit(EXIT_PARTIAL)


def _print_summary(graph, output: Path) -> None:
    rep = graph.report
    st = graph.stats()
    t = Table(title=f"lvliang-kg build → {output}", show_header=True)
    t.add_column("what")
    t.add_column("count", justify="right")
    for k, v in (("documents", len(rep.documents)), ("skipped", len(rep.skipped)),
                 ("entities", rep.entities), ("mentions", rep.mentions),
                 ("relations", rep.statements), ("observations", rep.observations),
                 ("triples", rep.triples)):
        t.add_row(k, str(v))
    out.print(t)
    core = ("Place", "Institution", "Program", "Memorial", "Project", "Person", "Event")
    counts = _core_counts(graph)
    out.print("entities by type: " + ", ".join(f"{c} {counts.get(c, 0)}" for c in core), highlight=False)


def _core_counts(graph) -> dict[str, int]:
    rows = graph.query("""
        SELECT ?core (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?e lv:mentionedIn ?d ; a ?c . ?c rdfs:subClassOf* ?core .
          VALUES ?core { lv:Place lv:Institution lv:Program lv:Memorial lv:Project lv:Person lv:Event }
        } GROUP BY ?core""")
    return {str(r["core"]).rsplit("#", 1)[-1]: int(r["n"]) for r in rows}


@app.command()
def stats(
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help="A build output (default: build the bundled corpus)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Counts by class and property."""
    g = _load(graph)
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


@app.command()
def validate(
    file: Optional[Path] = typer.Argument(None, help="A build output (default: build the bundled corpus)."),
) -> None:
    """SHACL validation; exits 1 on violations."""
    from kg.validate import validate as run

    rep = run(_load(file))
    if rep.conforms:
        out.print(f"[green]conforms[/green]: {file or 'bundled corpus'} satisfies every shape")
        return
    out.print(rep.text, highlight=False)
    err.print(f"[red]{rep.violations} violation(s)[/red]")
    raise typer.Exit(EXIT_INVALID)


@app.command("eval")
def eval_(
    gold: list[Path] = typer.Argument(..., help="Gold annotation files (JSON, shared/gold format)."),
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help="A build output (default: build the gold documents from the bundled corpus)."),
    baselines: bool = typer.Option(True, "--baselines/--no-baselines", help="Also score the jieba and LAC baselines."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    details: bool = typer.Option(True, "--details/--no-details", help="List missed and spurious entities."),
) -> None:
    """Score extraction against gold files (P/R/F1 per type, strict and loose)."""
    from kg.evaluate.cli_support import run_eval

    run_eval(gold, graph=graph, baselines=baselines, as_json=as_json, details=details, console=out)


@app.command()
def query(
    query_text: str = typer.Argument(..., metavar="QUERY_OR_FILE_OR_NAME"),
    graph: Optional[Path] = typer.Option(None, "--graph", "-g"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, json or tsv"),
    param: list[str] = typer.Option(None, "--param", "-p", help="k=v, bound safely"),
) -> None:
    """Run a SPARQL query (text, a .rq file, or a named query)."""
    from kg.query.cli_support import run_query

    run_query(query_text, graph=graph, fmt=fmt, params=param or [], console=out)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kg`` console script."""
    try:
        app(args=argv, standalone_mode=False)
    except KGError as e:
        err.print(f"[red]error[{e.code}][/red]: {e}", highlight=False)
        return EXIT_ERROR
    except typer.Exit as e:
        return e.exit_code
    except SystemExit as e:  # click usage errors
        return int(e.code or 0)
    except KeyboardInterrupt:
        err.print("interrupted; previous outputs are left as they were")
        return 130
    except Exception as e:  # click.ClickException and friends
        import click

        if isinstance(e, click.ClickException):
            e.show()
            return EXIT_ERROR
        raise
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
