"""The public entry points :func:`build` and :func:`load`."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.batch import batch_gc
from kg.graph import KnowledgeGraph

__all__ = ["build", "load", "load_or_build", "DEFAULT_OUTPUT"]

#: Where ``kg build`` writes by default, relative to the working directory.
DEFAULT_OUTPUT = Path("out") / "lvliang.trig"


def build(
    paths: str | os.PathLike | Sequence[str | os.PathLike] | None = None,
    *,
    pipeline: Sequence[str] | None = None,
    config: dict | None = None,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> KnowledgeGraph:
    """Build a knowledge graph from documents (default: the bundled corpus).

    Parameters
    ----------
    paths : path or sequence of paths, optional
        Files, directories or globs (default, ``None``: the bundled corpus; an empty list
        builds nothing). Inputs that cannot be read are skipped and listed in
        ``graph.report.skipped``; the rest still builds.
    pipeline : sequence of str, optional
        Extraction component names (see ``kg.extract.COMPONENTS``).
    config : dict, optional
        Component options, ``{component: {option: value}}``, e.g.
        ``{"tagger": {"min_confidence": 0.5}}`` (an unknown option is an error, E016).
    jobs : int
        Worker processes for extraction.

    Examples
    --------
    >>> g = build(["kg/corpus/003_50ea69b444730b6f.txt"])
    >>> g.report.documents
    ['003_50ea69b444730b6f']
    """
    from kg.builder import BuildReport, build_quads, extract_documents, resolve_inputs

    files, skipped = resolve_inputs(paths)
    with batch_gc():
        states, bad = extract_documents(files, pipeline=pipeline, config=config, jobs=jobs, progress=progress)
        quads, entities = build_quads(states)
    report = BuildReport(
        documents=[s.doc.id for s in states],
        skipped=skipped + bad,
        entities=len(entities),
        mentions=sum(len(s.mentions) for s in states),
        statements=sum(len(s.statements) for s in states),
        observations=sum(len(s.observations) for s in states),
    )
    graph = KnowledgeGraph(quads=quads, report=report)
    report.triples = len(graph)
    return graph


def load(path: str | os.PathLike, *, engine: str = "oxigraph") -> KnowledgeGraph:
    """Load a build output file into a store of ``engine`` (``oxigraph``, the default:
    pyoxigraph in memory; or ``rdflib``), or open a store by URI; see :class:`KnowledgeGraph`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "g.nq"
    >>> build(["kg/corpus/003_50ea69b444730b6f.txt"]).save(out)
    >>> load(out).stats()["documents"]
    1
    """
    return KnowledgeGraph.load(path, engine=engine)


def load_or_build(path: str | os.PathLike | None = None, *, engine: str = "oxigraph",
                  notify: Callable[[str], None] | None = None) -> KnowledgeGraph:
    """The graph a command works on: ``path`` when given; else the default build output
    (``out/lvliang.trig``) when it exists; else a fresh build of the bundled corpus.
    ``notify`` is told which of the last two happened (the CLI prints it on stderr).

    Examples
    --------
    >>> import os, tempfile
    >>> here = os.getcwd(); os.chdir(tempfile.mkdtemp())
    >>> os.makedirs("out"); build(["%s/kg/corpus/003_50ea69b444730b6f.txt" % here]).save(DEFAULT_OUTPUT)
    >>> load_or_build(notify=print).stats()["documents"]
    reading out/lvliang.trig (the output of `kg build`; pass --graph FILE for another graph)
    1
    >>> os.chdir(here)
    """
    if path is not None:
        return load(path, engine=engine)
    if DEFAULT_OUTPUT.is_file():
        if notify is not None:
            notify(f"reading {DEFAULT_OUTPUT.as_posix()} (the output of `kg build`; "
                   "pass --graph FILE for another graph)")
        return load(DEFAULT_OUTPUT, engine=engine)
    if notify is not None:
        notify(f"no --graph and no {DEFAULT_OUTPUT.as_posix()}: building the bundled corpus "
               "(run `kg build` once to skip this)")
    graph = build()
    graph.engine = engine
    return graph
