"""Building a knowledge graph from documents: read → extract → resolve → assemble.

Documents are extracted independently (in parallel processes with ``jobs > 1``); entity
resolution then runs over all of them, and the graph is assembled. A document that cannot
be read is reported in :attr:`BuildReport.skipped` and the rest of the batch still builds.

Examples
--------
>>> from kg.builder import extract_documents
>>> states, skipped = extract_documents([b"\\xff\\xfe\\x00"], names=["bad.txt"])
>>> states, [s.path for s in skipped]
([], ['bad.txt'])
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError, NoDocuments
from kg.extract.pipeline import DocState, Pipeline
from kg.text import iter_paths, read_document
from kg.text.reader import DOCUMENT_SUFFIXES

__all__ = ["Skipped", "BuildReport", "extract_documents", "build_dataset", "build_quads", "resolve_inputs"]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document left out of the build, and why."""

    path: str
    reason: str
    code: str = "E000"


@dataclass
class BuildReport:
    """What a build read, skipped and produced."""

    documents: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    entities: int = 0
    mentions: int = 0
    statements: int = 0
    observations: int = 0
    triples: int = 0


_PIPELINE: Pipeline | None = None
_PIPELINE_KEY: tuple | None = None


def _worker_pipeline(names: tuple[str, ...] | None, config: str = "{}") -> Pipeline:
    """The pipeline of this process; ``config`` is JSON so that it travels to workers as is."""
    global _PIPELINE, _PIPELINE_KEY
    if _PIPELINE is None or _PIPELINE_KEY != (names, config):
        _PIPELINE, _PIPELINE_KEY = Pipeline(names, config=json.loads(config)), (names, config)
    return _PIPELINE


def _extract_one(args: tuple[object, str | None, tuple[str, ...] | None, str]) -> DocState | Skipped:
    source, name, names, config = args
    label = name or str(source)
    try:
        if isinstance(source, bytes):
            doc = read_document(source, doc_id=Path(label).stem)
        else:
            doc = read_document(source)
        return _worker_pipeline(names, config)(doc)
    except KGError as err:
        return Skipped(label, str(err), err.code)
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the batch
        return Skipped(label, f"{label}: internal error while extracting: {type(err).__name__}: {err}", "E099")


def extract_documents(
    sources: Sequence[str | os.PathLike | bytes],
    *,
    names: Sequence[str] | None = None,
    pipeline: Sequence[str] | None = None,
    config: dict | None = None,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[list[DocState], list[Skipped]]:
    """Read and extract every source; return the states and the skipped documents.

    Parameters
    ----------
    sources : sequence
        Paths, or raw ``bytes`` (then ``names`` gives their file names).
    pipeline : sequence of str, optional
        Component names (default pipeline when omitted).
    config : dict, optional
        ``{component: {option: value}}``, e.g. ``{"tagger": {"min_confidence": 0.5}}``.

    Raises
    ------
    kg.errors.UnknownComponent, kg.extract.pipeline.PipelineOrderError
        The pipeline cannot be built (checked before any document is read).
    jobs : int
        Worker processes; the result does not depend on it.
    progress : callable, optional
        ``progress(done, total, name)`` after each document.
    """
    names = list(names) if names is not None else [None] * len(sources)
    comp = tuple(pipeline) if pipeline else None
    conf = json.dumps(config or {}, sort_keys=True, ensure_ascii=False)
    if sources:  # an unknown or misordered component or option fails here, once, not per document
        _worker_pipeline(comp, conf)
    tasks = [(s if isinstance(s, bytes) else str(s), n, comp, conf) for s, n in zip(sources, names)]
    results: list[DocState | Skipped] = []
    if jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for i, res in enumerate(pool.map(_extract_one, tasks, chunksize=max(1, len(tasks) // (jobs * 8)))):
                results.append(res)
                if progress:
                    progress(i + 1, len(tasks), tasks[i][1] or str(tasks[i][0]))
    else:
        for i, task in enumerate(tasks):
            results.append(_extract_one(task))
            if progress:
                progress(i + 1, len(tasks), task[1] or str(task[0]))
    states = [r for r in results if isinstance(r, DocState)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    seen: dict[str, str] = {}
    unique = []
    for st in states:
        if st.doc.id in seen:
            skipped.append(Skipped(st.doc.path or st.doc.id,
                                   f"{st.doc.path}: duplicate document id {st.doc.id!r} (also {seen[st.doc.id]})", "E004"))
            continue
        seen[st.doc.id] = st.doc.path or st.doc.id
        unique.append(st)
    return unique, skipped


def build_dataset(states: Sequence[DocState], *, include_ontology: bool = True):
    """Resolve entities across ``states`` and assemble the Dataset."""
    quads, entities = build_quads(states, include_ontology=include_ontology)
    return quads.to_dataset(), entities


def build_quads(states: Sequence[DocState], *, include_ontology: bool = True):
    """Resolve entities across ``states`` and assemble the named graphs as
    :class:`~kg.rdf.quads.Quads` (no rdflib store: the fast path of large builds)."""
    from kg.extract.resolve import resolve
    from kg.rdf.assemble import assemble_quads

    entities, index = resolve({st.doc.id: st.mentions for st in states})
    return assemble_quads(states, entities, index, include_ontology=include_ontology), entities


def resolve_inputs(
    inputs: str | os.PathLike | Iterable[str | os.PathLike] | None,
) -> tuple[list[Path], list[Skipped]]:
    """Expand directories and globs; missing inputs are reported, not fatal.

    ``None`` means the bundled corpus; one path may be given without a list; an input
    that names no document (missing, an empty directory, a glob matching nothing) is
    reported in the second list. A file named twice is read once.

    >>> paths, skipped = resolve_inputs(["kg/corpus", "no/such/dir"])
    >>> len(paths), [(s.code, s.path) for s in skipped]
    (5, [('E001', 'no/such/dir')])
    >>> resolve_inputs([])
    ([], [])
    """
    from kg.corpus import bundled_paths

    if inputs is None:
        return bundled_paths(), []
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    paths: list[Path] = []
    seen: set[Path] = set()
    skipped: list[Skipped] = []
    for item in inputs:
        try:
            found = iter_paths([item])
        except KGError as err:
            skipped.append(Skipped(str(item), str(err), err.code))
            continue
        if not found:  # an empty directory, or a glob matching no document
            err = NoDocuments(str(item), ", ".join(DOCUMENT_SUFFIXES))
            skipped.append(Skipped(str(item), str(err), err.code))
        for p in found:
            key = p.resolve()
            if key not in seen:  # the same file named twice (or by a glob and a path)
                seen.add(key)
                paths.append(p)
    return paths, skipped
