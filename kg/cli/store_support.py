"""What ``kg add`` and ``kg remove`` do (kept out of kg/cli.py so the CLI stays thin).

Both return the exit status: 0 done; 3 done, but some inputs were skipped (``add``) or
not in the store (``remove``). Errors are :class:`~kg.errors.KGError` (exit 2).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.markup import escape

from kg.builder.incremental import add_documents, remove_documents
from kg.errors import InputNotFound, NothingBuilt, StoreError
from kg.stores import open_store
from kg.stores.loading import load_files

__all__ = ["run_add", "run_remove", "run_load"]

EXIT_OK, EXIT_PARTIAL = 0, 3


def _open(uri: str, *, create: bool = False):
    if uri in ("", "memory"):
        raise StoreError(uri or "memory", "kg add/remove need a persistent store: oxigraph:DIR "
                                          "or an http(s):// endpoint")
    return open_store(uri, create=create)


def run_add(docs: list[str], uri: str, *, jobs: int = 1, quiet: bool = False, out: Any = None,
            err: Any = None, progress_bar: Any = None) -> int:
    store = _open(uri, create=True)
    try:
        if progress_bar is not None:
            with progress_bar() as bar:
                task = bar.add_task("", total=None)

                def progress(done: int, total: int, name: str) -> None:
                    bar.update(task, completed=done, total=total, description=Path(name).name)

                rep = add_documents(store, docs, jobs=jobs, progress=progress)
        else:
            rep = add_documents(store, docs, jobs=jobs)
    finally:
        store.close()
    for s in rep.skipped:
        err.print(f"[yellow]skipped[/yellow] \\[{s.code}] {escape(s.reason)}", highlight=False)
    if not rep.added and not rep.replaced:
        raise NothingBuilt(len(rep.skipped))
    if not quiet:
        out.print(f"{uri}: added {len(rep.added)}, replaced {len(rep.replaced)} document(s); "
                  f"entities reused {rep.reused_entities}, new {rep.new_entities}; "
                  f"{rep.triples} quads in the store", highlight=False)
    return EXIT_PARTIAL if rep.skipped else EXIT_OK


def run_remove(docs: list[str], uri: str, *, quiet: bool = False, out: Any = None, err: Any = None) -> int:
    store = _open(uri)
    try:
        rep = remove_documents(store, docs)
    finally:
        store.close()
    for m in rep.missing:
        err.print(f"[yellow]not in the store[/yellow]: {escape(m)}", highlight=False)
    if not quiet:
        out.print(f"{uri}: removed {len(rep.removed)} document(s); {rep.triples} quads in the store",
                  highlight=False)
    return EXIT_PARTIAL if rep.missing else EXIT_OK


def run_load(files: list[str], uri: str, *, quiet: bool = False, out: Any = None) -> int:
    for f in files:
        if not Path(f).is_file():
            raise InputNotFound(f)
    store = _open(uri, create=True)
    try:
        n = load_files(store, files)
        total, docs = len(store), len(store.documents())
    finally:
        store.close()
    if not quiet:
        out.print(f"{uri}: loaded {n} quads from {len(files)} file(s); {docs} documents, "
                  f"{total} quads in the store", highlight=False)
    return EXIT_OK
