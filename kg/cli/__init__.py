"""The ``kg`` command. Thin: parses options, calls the library, prints results.

Exit status: 0 success; 1 validation violations; 2 error (nothing done);
3 built, but some inputs were skipped (each named on stderr with the reason).

The app and what commands share are :mod:`kg.cli.app`; each group of commands is a
module (:mod:`~kg.cli.build`, :mod:`~kg.cli.check`, :mod:`~kg.cli.model`,
:mod:`~kg.cli.query`, :mod:`~kg.cli.stores`, :mod:`~kg.cli.viz`, :mod:`~kg.cli.serve`),
registered here in the order ``kg --help`` lists them; the ``*_support`` modules hold what
the longer commands do. :func:`main` is the entry point of the ``kg`` console script.
Commands import the library when they run, so that ``kg --help`` starts at once.
"""

from __future__ import annotations

import os

import typer
from rich.markup import escape

from kg.cli import build, check, model, query, serve, stores, viz
from kg.cli.app import EXIT_ERROR, EXIT_OK, app, err
from kg.errors import InternalError, KGError

__all__ = ["app", "main"]

app.command()(build.build)
app.command()(check.stats)
app.command()(check.validate)
app.command("eval")(model.eval_)
app.command()(model.train)
app.command()(query.query)
app.command()(stores.add)
app.command("load")(stores.load_)
app.command()(stores.remove)
app.command("queries")(query.queries_)
app.command()(viz.viz)
app.command()(serve.serve)


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
