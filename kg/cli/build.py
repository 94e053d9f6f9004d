"""``kg build``: extract the documents, write the graph to a file and/or a store, print a summary.

With ``--cluster`` the same build runs on Dask workers (:mod:`kg.cluster`). Inputs that
could not be read are named on stderr; the command then exits 3 (2 when nothing was built).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from kg.batch import batch_gc
from kg.cli.app import EXIT_PARTIAL, err, out, progress_bar, read_config
from kg.errors import NothingBuilt

__all__ = ["build"]


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
    # The whole command: the pipeline's loading, the write and the summary too (they build
    # or walk large tables, which the collector would otherwise walk again and again).
    with batch_gc():
        _build(docs, output, jobs=jobs, quiet=quiet, store=store, config=config, merge_graphs=merge_graphs,
               cluster=cluster, partition_size=partition_size)


def _build(docs: list[str] | None, output: Optional[Path], *, jobs: int, quiet: bool, store: Optional[str],
           config: Optional[Path], merge_graphs: bool, cluster: Optional[str], partition_size: Optional[int]) -> None:
    import kg
    from kg.api import DEFAULT_OUTPUT
    from kg.rdf.io import check_keeps_graphs

    options = read_config(config)

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
    with progress_bar() as bar:
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


def _build_on_cluster(cluster: str, docs, output: Optional[Path], target, store: Optional[str], *,
                      quiet: bool, partition_size: Optional[int], config: Optional[dict] = None) -> None:
    """``kg build --cluster``: the same build, extracted and assembled on Dask workers."""
    from kg.cluster import build_on_cluster, connect

    try:
        with connect(cluster) as client:
            with progress_bar() as bar:
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
