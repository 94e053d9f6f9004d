"""What ``kg eval`` does, kept out of the CLI module: find texts, get a graph, score, print.

Examples
--------
>>> corpus_text("000_03dcd241c001a0f4").split()[0]
'山西吕梁：传承红色基因'
>>> corpus_text("no_such_document") is None
True
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from kg.evaluate.gold import GoldDocument, load_gold
from kg.evaluate.report import print_report
from kg.evaluate.runner import EvalReport, evaluate

__all__ = ["corpus_path", "corpus_text", "text_source", "run_eval"]


def corpus_path(doc_id: str, search: Sequence[str | os.PathLike] = ()) -> Path | None:
    """The file ``{doc_id}.txt`` in one of the ``search`` dirs, else in the bundled corpus.

    Examples
    --------
    >>> corpus_path("002_ada5c33c7faa28a0").name
    '002_ada5c33c7faa28a0.txt'
    """
    name = f"{doc_id}.txt"
    for d in search:
        p = Path(d) / name
        if p.is_file():
            return p
    try:
        p = Path(str(resources.files("kg.corpus") / name))
    except ModuleNotFoundError:  # pragma: no cover - the corpus ships with the package
        return None
    return p if p.is_file() else None


def _decode(data: bytes, name: str) -> str:
    try:
        from kg.text.decode import decode_bytes
    except ImportError:  # pragma: no cover - the reader is part of the package
        return data.decode("utf-8-sig")
    return decode_bytes(data, name=name)[0]


def corpus_text(doc_id: str, search: Sequence[str | os.PathLike] = ()) -> str | None:
    """The original (decoded, otherwise untouched) text of ``doc_id``, or None if not found.

    Examples
    --------
    >>> "吕梁" in corpus_text("001_f31ba6f2b3a167ac")
    True
    """
    p = corpus_path(doc_id, search)
    if p is None:
        return None
    return _decode(p.read_bytes(), str(p))


def text_source(search: Sequence[str | os.PathLike] = ()) -> Callable[[str], str | None]:
    """A ``text_for(doc_id)`` callable for :func:`~kg.evaluate.evaluate`.

    Examples
    --------
    >>> text_source()("no_such_document") is None
    True
    """
    return lambda doc_id: corpus_text(doc_id, search)


def run_eval(gold: Sequence[str | os.PathLike], *, graph: str | os.PathLike | None = None,
             baselines: bool = True, as_json: bool = False, details: bool = True,
             console: Any = None, config: dict | None = None) -> EvalReport:
    """Score a graph (``graph``, else a fresh build of the gold documents) and print the report.

    Texts for the baselines and for the fresh build come from the directories of the gold
    files (``{doc_id}.txt``) and then the bundled corpus.

    Parameters
    ----------
    gold : sequence of path
        Gold JSON files.
    graph : path, optional
        A build output (``.trig``, ``.nq`` …).
    baselines : bool
        Also score the jieba and LAC baselines.
    as_json : bool
        Print JSON instead of tables.
    details : bool
        List missed and spurious entities.
    console : rich.console.Console, optional
    config : dict, optional
        Component options for the fresh build (as ``kg.build(config=…)``).

    Returns
    -------
    EvalReport

    Examples
    --------
    >>> import io, json, tempfile, pathlib
    >>> from rich.console import Console
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "g.json").write_text(json.dumps({"doc": "x.txt",
    ...     "entities": [{"name": "文水县", "type": "Place"}]}), encoding="utf-8")
    >>> _ = (tmp / "x.txt").write_text("刘胡兰是文水县人。", encoding="utf-8")
    >>> _ = (tmp / "empty.trig").write_text("", encoding="utf-8")
    >>> c = Console(file=io.StringIO(), width=120)
    >>> r = run_eval([tmp / "g.json"], graph=tmp / "empty.trig", console=c)
    >>> r.system("jieba").entities().overall.tp, r.system("ours").entities().overall.tp
    (1, 0)
    """
    from rich.console import Console

    console = console or Console()
    golds: list[GoldDocument] = [load_gold(p) for p in gold]
    search = list(dict.fromkeys(str(Path(p).resolve().parent) for p in gold))
    dataset = _dataset(golds, graph, search, config=config, console=console)
    report = evaluate(golds, dataset, baselines=baselines, texts=text_source(search))
    if as_json:
        console.print_json(report.to_json())
    else:
        print_report(report, console, lists=details)
    return report


def _dataset(golds: Sequence[GoldDocument], graph: str | os.PathLike | None,
             search: Sequence[str], *, config: dict | None = None, console: Any = None) -> Any:
    import kg

    if graph is not None:
        return kg.load(graph).dataset
    paths = [p for p in (corpus_path(g.doc_id, search) for g in golds) if p is not None]
    if not paths:
        return None
    built = kg.build([str(p) for p in paths], config=config)
    for s in built.report.skipped:  # a skipped document would otherwise just score zero
        if console is not None:
            console.print(f"skipped [{s.code}] {s.reason}", markup=False, highlight=False)
    return built.dataset
