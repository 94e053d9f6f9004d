"""What ``kg query`` and ``kg queries`` do, kept out of kg/cli.py so the CLI stays thin.

``kg query QUERY_OR_FILE_OR_NAME`` resolves its argument as a named query, else an existing
file, else SPARQL text; checks the parameters and the syntax before loading or building
any graph; then prints a table (default) or CSV/TSV/SPARQL-JSON on stdout. Errors are
:class:`~kg.errors.KGError` (the CLI prints ``error[E0xx]: …`` and exits 2).
"""

from __future__ import annotations

from kg.errors import ParameterError

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.query.results import FORMATS

__all__ = ["run_query", "list_queries", "load_graph"]


def load_graph(graph: Path | str | None, store: str | None = None, *, engine: str = "oxigraph",
               notify=None):
    """``--graph FILE`` → that build output; ``--store URI`` → that store (kg.stores);
    neither → ``out/lvliang.trig`` when it exists, else build (:func:`kg.api.load_or_build`).

    >>> load_graph("no/such/file.trig")
    Traceback (most recent call last):
    ...
    kg.errors.InputNotFound: no/such/file.trig: no such file or directory
    """
    import kg

    if store and store != "memory":
        from kg.stores import open_store

        return kg.KnowledgeGraph(store=open_store(store))
    from kg.api import load_or_build

    return load_or_build(graph, engine=engine, notify=notify)


def run_query(
    query_text: str,
    *,
    graph: Path | str | None = None,
    fmt: str = "table",
    params: Sequence[str] = (),
    console: Any = None,
    store: str | None = None,
    engine: str = "oxigraph",
    notify: Any = None,
) -> None:
    """Run a query for the CLI and print its result on ``console`` (a rich Console).
    With ``store`` (``oxigraph:DIR``, ``http(s)://…``) the store's own engine answers,
    else ``engine`` (``oxigraph`` or ``rdflib``) on the graph in memory.

    >>> import io, tempfile, pathlib, kg
    >>> from rich.console import Console
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.nq"
    >>> kg.build(["kg/corpus/003_50ea69b444730b6f.txt"]).save(path)
    >>> buf = io.StringIO()
    >>> run_query("lookup", graph=path, fmt="csv", params=["name=吕梁"], console=Console(file=buf))
    >>> buf.getvalue().splitlines()[1].split(",")[1:3]
    ['吕梁市', 'City']
    """
    from rich.console import Console

    from kg.query import bindings_for, resolve, run
    from kg.query.binding import parse_assignments
    from kg.sparql.engine import prepare
    from kg.query.results import render, to_table

    console = console or Console()
    fmt = (fmt or "table").lower()
    if fmt not in FORMATS:
        raise ParameterError("--format", f"{fmt!r}; use one of {', '.join(FORMATS)}")
    q = resolve(query_text)
    values = parse_assignments(params)
    bindings_for(q, values, from_cli=True)  # parameter errors before any graph is loaded
    prepare(q.text)  # syntax errors too
    if engine not in ("oxigraph", "rdflib"):
        raise ParameterError("--engine", f"{engine!r}; use oxigraph or rdflib")
    kg_graph = load_graph(graph, store, engine=engine, notify=notify)
    result = run(kg_graph, q, values, from_cli=True)
    if fmt == "table":
        title = q.title if q.name != "<query>" else None
        console.print(to_table(result, title=title))
        return
    console.file.write(render(result, fmt))
    console.file.flush()


def list_queries(name: str | None = None, *, as_json: bool = False, console: Any = None) -> None:
    """``kg queries``: every named query with its title and parameters; with a name, that
    query in full (description, parameters, example, SPARQL).

    >>> import io
    >>> from rich.console import Console
    >>> buf = io.StringIO()
    >>> list_queries("lookup", console=Console(file=buf, width=120))
    >>> "kg query lookup --param name=吕梁" in buf.getvalue()
    True
    """
    from rich.console import Console
    from rich.table import Table

    from kg.query.named import get, load_all

    console = console or Console()
    queries = [get(name)] if name else list(load_all().values())
    if as_json:
        doc = [{"name": q.name, "title": q.title, "description": q.description,
                "params": [{"name": p.name, "type": p.type, "default": p.default,
                            "required": p.required, "description": p.description} for p in q.params],
                "examples": q.examples, **({"text": q.text} if name else {})} for q in queries]
        console.file.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    if name:
        q = queries[0]
        console.print(f"[bold]{q.name}[/bold] — {q.title}", highlight=False)
        if q.description:
            console.print(q.description, highlight=False)
        if q.params:
            t = Table(show_header=True, title="parameters")
            for col in ("name", "type", "default", "meaning"):
                t.add_column(col, overflow="fold")
            for p in q.params:
                t.add_row(p.name, p.type, "required" if p.required else (p.default or "all"), p.description)
            console.print(t)
        for ex in q.examples:
            console.print(f"example: {ex}", highlight=False, markup=False)
        console.print(q.text, highlight=False, markup=False)
        return
    t = Table(show_header=True, title=f"{len(queries)} named queries — kg query NAME --param k=v")
    t.add_column("name", no_wrap=True)
    t.add_column("title", overflow="fold")
    t.add_column("parameters", overflow="fold")
    for q in queries:
        t.add_row(q.name, q.title, ", ".join(p.signature() for p in q.params) or "—")
    console.print(t)
