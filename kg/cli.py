"""The ``kg`` command. Thin: parses options, calls the library, prints results.

Exit status: 0 success; 1 validation violations; 2 error (nothing done);
3 built, but some inputs were skipped (each named on stderr with the reason).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg.about import __version__
from kg.errors import InternalError, KGError

__all__ = ["app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Chinese regional news → RDF knowledge graph (build, query, validate, eval).")
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one line per message, never wrapped

EXIT_OK, EXIT_INVALID, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 2, 3


def _load(graph: Optional[Path], engine: str = "oxigraph"):
    """``--graph FILE``, else out/lvliang.trig when it exists, else a build (said on stderr)."""
    from kg.api import load_or_build

    return load_or_build(graph, engine=engine, notify=_note)


def _note(message: str) -> None:
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


def _progress_bar(total_hint: int = 0):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), TextColumn("{task.description}"), console=err,
                    transient=True, disable=not err.is_terminal)


@app.command()
def build(
    docs: list[str] = typer.Argument(None, help="Files, directories or globs (default: the bundled corpus)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", show_default="out/lvliang.trig unless --store",
                                          help="Output file; format by extension: .trig .nq .ttl .jsonld"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for extraction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help="Also (or, without -o, only) write "
                                        "into this store: oxigraph:DIR or an http(s):// SPARQL endpoint."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Component options, a JSON or TOML "
                                          "file: {component: {option: value}}, e.g. {\"tagger\": {\"min_confidence\": 0.5}}."),
    merge_graphs: bool = typer.Option(False, "--merge-graphs", help="Allow .ttl/.nt output, which merges "
                                      "the document graphs (their provenance) into one."),
    cluster: Optional[str] = typer.Option(None, "--cluster", help="Build on a Dask cluster: tcp://HOST:PORT "
                                          "(a running scheduler; its workers must see the input files under "
                                          "the same paths) or local:N (N worker processes here). "
                                          "Needs lvliang-kg\\[dask]."),
    partition_size: Optional[int] = typer.Option(None, "--partition-size", min=1,
                                                 help="With --cluster: documents per task (default: about "
                                                 "eight tasks per worker thread, at most 64 documents)."),
) -> None:
    """Build the knowledge graph and write it to a file and/or a store."""
    import kg
    from kg.api import DEFAULT_OUTPUT
    from kg.rdf.io import check_keeps_graphs

    options = _read_config(config)

    store = None if store in (None, "", "memory") else store
    if output is None and store is None:
        output = DEFAULT_OUTPUT
    if output is not None:
        # fail on a bad extension, or on graphs that would be merged, before any work:
        # a build holds at least the ontology graph and one document graph
        check_keeps_graphs(output, 2, merge_graphs=merge_graphs)
    if cluster is not None:
        from kg.cluster import parse_cluster

        parse_cluster(cluster)  # fail on a bad address before opening the store
    target = None
    if store is not None:  # open (and lock) the store before doing any work
        from kg.stores import open_store

        target = open_store(store, create=True)
    if cluster is not None:
        _build_on_cluster(cluster, docs or None, output, target, store, quiet=quiet, partition_size=partition_size,
                          config=options)
        return
    with _progress_bar() as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(name).name)

        graph = kg.build(docs or None, jobs=jobs, progress=progress, config=options)
    rep = graph.report
    _stop_if_nothing_built(rep)
    if output is not None:
        graph.save(output, merge_graphs=merge_graphs)
    if target is not None:
        from kg.stores.loading import write_build

        write_build(graph, target)
        target.close()
    _finish_build(rep, _core_counts(graph), output, store, quiet=quiet)


def _stop_if_nothing_built(rep) -> None:
    """When no document was built: name every skipped input and stop (E006, exit 2)."""
    if rep.documents:
        return
    from kg.errors import NothingBuilt

    for s in rep.skipped:
        err.print(f"[red]skipped[/red] \\[{s.code}] {escape(s.reason)}", highlight=False)
    raise NothingBuilt(len(rep.skipped))


def _finish_build(rep, counts: dict[str, int], output: Optional[Path], store: Optional[str], *,
                  quiet: bool) -> None:
    """Name the skipped inputs, print the summary, and exit 3 when anything was skipped."""
    for s in rep.skipped:
        err.print(f"[yellow]skipped[/yellow] \\[{s.code}] {escape(s.reason)}", highlight=False)
    if not quiet:
        _print_summary(rep, counts, " + ".join(str(x) for x in (output, store) if x is not None))
    if rep.skipped:
        raise typer.Exit(EXIT_PARTIAL)


def _read_config(path: Optional[Path]) -> dict | None:
    """Component options from a JSON or TOML file (None without a file)."""
    if path is None:
        return None
    from kg.errors import ConfigError

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


def _build_on_cluster(cluster: str, docs, output: Optional[Path], target, store: Optional[str], *,
                      quiet: bool, partition_size: Optional[int], config: Optional[dict] = None) -> None:
    """``kg build --cluster``: the same build, extracted and assembled on Dask workers."""
    from kg.cluster import build_on_cluster, connect

    try:
        with connect(cluster) as client:
            with _progress_bar() as bar:
                task = bar.add_task("", total=None)

                def progress(done: int, total: int, name: str) -> None:
                    bar.update(task, completed=done, total=total, description=name)

                built = build_on_cluster(client, docs, config=config, partition_size=partition_size,
                                         progress=progress)
        with built:
            rep = built.report
            _stop_if_nothing_built(rep)
            if output is not None:
                built.save(output)
            if target is not None:
                built.load_into(target)
    finally:
        if target is not None:
            target.close()
    _finish_build(rep, built.core_counts, output, store, quiet=quiet)


def _print_summary(rep, counts: dict[str, int], output: Path) -> None:
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
    out.print("entities by type: " + ", ".join(f"{c} {counts.get(c, 0)}" for c in core), highlight=False)


def _core_counts(graph) -> dict[str, int]:
    if graph.unmade_quads is not None:  # a large fresh build: no rdflib store
        return _core_counts_from_quads(graph.unmade_quads)
    rows = graph.query("""
        SELECT ?core (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?e lv:mentionedIn ?d ; a ?c . ?c rdfs:subClassOf* ?core .
          VALUES ?core { lv:Place lv:Institution lv:Program lv:Memorial lv:Project lv:Person lv:Event }
        } GROUP BY ?core""")
    return {str(r["core"]).rsplit("#", 1)[-1]: int(r["n"]) for r in rows}


def _core_counts_from_quads(quads) -> dict[str, int]:
    """What :func:`_core_counts`' query counts, from the build's sets."""
    from kg.builder import core_counts, mentioned_types

    return core_counts(mentioned_types(quads.graphs()))


@app.command()
def stats(
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help="A build output (default: build the bundled corpus)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    network: bool = typer.Option(False, "--network", help="Network analytics instead: degree and "
                                 "betweenness centrality, components, communities."),
    top: int = typer.Option(10, "--top", min=1, help="How many entities the --network rankings list."),
) -> None:
    """Counts by class and property (or, with --network, network analytics)."""
    g = _load(graph)
    if network:
        from kg.viz.cli_support import print_network_stats

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
    out.print(rep.text, highlight=False, markup=False, soft_wrap=True)
    err.print(f"[red]{rep.violations} violation(s)[/red]")
    raise typer.Exit(EXIT_INVALID)


@app.command("eval")
def eval_(
    gold: list[Path] = typer.Argument(None, help="Gold annotation files (JSON, shared/gold format)."),
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help="A build output (default: build the gold documents from the bundled corpus)."),
    baselines: bool = typer.Option(True, "--baselines/--no-baselines", help="Also score the jieba and LAC baselines."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    details: bool = typer.Option(True, "--details/--no-details", help="List missed and spurious entities."),
    external: Optional[str] = typer.Option(None, "--external", "-x", help="Instead of gold files, score entity "
                                           "spans on a public corpus: msra-heldout or cluener (see shared/external)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="With --external: the first N sentences only."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="With --external: worker processes for the build."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Component options (as for kg build)."),
) -> None:
    """Score extraction against gold files (P/R/F1 per type, strict and loose), or with
    --external against a public annotated corpus (typed exact spans, read from a real build)."""
    if external:
        from kg.evaluate.external import evaluate_external, format_report

        systems = ("kg", "lac", "jieba") if baselines else ("kg",)
        rep = evaluate_external(external, systems=systems, limit=limit, jobs=jobs,
                                config=_read_config(config))
        out.print(json.dumps(rep, ensure_ascii=False, indent=2) if as_json else format_report(rep),
                  highlight=False, markup=False, soft_wrap=True)
        return
    if not gold:
        raise typer.BadParameter("give gold files, or --external NAME")
    from kg.evaluate.cli_support import run_eval

    run_eval(gold, graph=graph, baselines=baselines, as_json=as_json, details=details, console=out,
             config=_read_config(config))


@app.command()
def train(
    out_path: Optional[Path] = typer.Option(None, "-o", "--output", show_default="the shipped model in kg/extract/data",
                                            help="Where the model goes (its .json metadata and MODEL_CARD.md go beside it)."),
    external: Optional[Path] = typer.Option(None, "--external", help="The shared/external folder (default: found beside the checkout, or KG_EXTERNAL_DIR)."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="The shared/gold folder (default: beside --external)."),
    sources: str = typer.Option("msra,cluener*2,gold", "--sources",
                                help="Training sources, comma-separated; name*k reads a source k times (also: pd1998)."),
    iterations: int = typer.Option(100, "--iterations", min=1, help="L-BFGS iterations at most."),
    c1: float = typer.Option(0.1, "--c1", min=0.0, help="L1 regularisation (prunes features: a smaller model)."),
    c2: float = typer.Option(0.01, "--c2", min=0.0, help="L2 regularisation."),
    min_freq: int = typer.Option(2, "--min-freq", min=1, help="Leave out features seen fewer times."),
    evaluate: bool = typer.Option(True, "--eval/--no-eval", help="Score the new model on the MSRA held-out slice."),
) -> None:
    """Rebuild the entity tagger from the public corpora and the gold (deterministic)."""
    import time

    from kg.extract.tagger import default_model_path
    from kg.train import train_model
    from kg.train.crf import TrainOptions

    t0 = time.perf_counter()

    def progress(msg: str) -> None:
        err.print(f"[dim]{time.perf_counter() - t0:7.0f} s[/dim] {escape(msg)}", highlight=False)

    target = out_path or default_model_path()
    meta = train_model(target, sources=[s.strip() for s in sources.split(",") if s.strip()],
                       external=external, gold=gold, evaluate=evaluate, progress=progress,
                       options=TrainOptions(iterations=iterations, c1=c1, c2=c2, min_freq=min_freq))
    msg = f"wrote {target} ({meta['size_bytes'] / 1e6:.1f} MB) in {time.perf_counter() - t0:.0f} s"
    if "msra_heldout" in meta:
        msg += f"; msra-heldout F1 {meta['msra_heldout']['ALL']['f1']:.3f}"
    out.print(msg, highlight=False, markup=False)


@app.command()
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
    from kg.query.cli_support import run_query

    run_query(query_text, graph=graph, fmt=fmt, params=param or [], console=out, store=store,
              engine=engine, notify=_note)


@app.command()
def add(
    docs: list[str] = typer.Argument(..., help="Files, directories or globs to add (or replace)."),
    store: str = typer.Option(..., "--store", "-s", help="oxigraph:DIR or an http(s):// SPARQL endpoint."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for extraction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Add documents to a store, or replace them if changed; touches only their graphs."""
    from kg.builder.cli_support import run_add

    raise typer.Exit(run_add(docs, store, jobs=jobs, quiet=quiet, out=out, err=err,
                             progress_bar=_progress_bar))


@app.command("load")
def load_(
    files: list[str] = typer.Argument(..., help="Build outputs (.nq, .trig …), e.g. the shards of a distributed build."),
    store: str = typer.Option(..., "--store", "-s", help="oxigraph:DIR or an http(s):// SPARQL endpoint."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Bulk-load build outputs into a store (graphs merge; use `kg add` to replace documents)."""
    from kg.builder.cli_support import run_load

    raise typer.Exit(run_load(files, store, quiet=quiet, out=out))


@app.command()
def remove(
    docs: list[str] = typer.Argument(..., help="Document identifiers, file paths or document IRIs."),
    store: str = typer.Option(..., "--store", "-s", help="oxigraph:DIR or an http(s):// SPARQL endpoint."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Remove documents (their named graphs) from a store."""
    from kg.builder.cli_support import run_remove

    raise typer.Exit(run_remove(docs, store, quiet=quiet, out=out, err=err))


@app.command("queries")
def queries_(
    name: Optional[str] = typer.Argument(None, help="Show this named query in full."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the named queries with their titles and parameters."""
    from kg.query.cli_support import list_queries

    list_queries(name, as_json=as_json, console=out)


@app.command()
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
    from kg.viz.cli_support import run_viz

    run_viz(lambda: _load(graph), output, view=view, doc=doc, focus=focus, depth=depth, types=types or [],
            size_by=size_by, title=title, physics=physics, console=out)


@app.command()
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
    from kg.server.cli_support import run_serve

    run_serve(graph, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers,
              console=out, store=store, allow_update=allow_update, token=token, cors=cors or [],
              max_pending=max_pending, engine=engine, notify=_note)


def _click_errors() -> tuple[type[BaseException], ...]:
    """Usage-error classes: typer's own (recent typer vendors click and does not install
    it) and click's (older typer runs on click)."""
    found: list[type[BaseException]] = []
    if hasattr(typer, "TyperException"):
        found.append(typer.TyperException)
    try:
        import click
    except ImportError:
        pass
    else:
        found.append(click.ClickException)
    return tuple(found)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kg`` console script."""
    try:
        # standalone_mode=False: click returns the code of a typer.Exit instead of raising it
        rc = app(args=argv, standalone_mode=False)
    except KGError as e:
        err.print(f"[red]error\\[{e.code}][/red]: {escape(str(e))}", highlight=False)
        return EXIT_ERROR
    except typer.Exit as e:
        return e.exit_code
    except SystemExit as e:  # click usage errors
        return int(e.code or 0)
    except KeyboardInterrupt:
        err.print("interrupted; previous outputs are left as they were")
        return 130
    except Exception as e:  # click.ClickException and friends
        if isinstance(e, _click_errors()):  # usage errors: click/typer print them
            e.show()
            return EXIT_ERROR
        if os.environ.get("KG_DEBUG"):
            raise
        msg = " ".join(str(e).split())[:500]
        err.print(f"[red]error\\[{InternalError.code}][/red]: internal error: {type(e).__name__}: {escape(msg)} "
                  "(set KG_DEBUG=1 for the traceback)", highlight=False)
        return EXIT_ERROR
    return rc if isinstance(rc, int) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
