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

from kg.corpus import bundled_paths
from kg.errors import DuplicateDocument, InternalError, KGError, NoDocuments
from kg.extract.pipeline import DocState, Pipeline
from kg.rdf.assemble import add_reference_nodes, assemble_quads, ontology_graph
from kg.rdf.namespaces import LV, RDF, RDFS, REFERENCE_GRAPH
from kg.resolve import reference_nodes, resolve, resolved_document
from kg.types import core_types
from kg.text import iter_paths, read_document
from kg.text.reader import DOCUMENT_SUFFIXES

__all__ = ["Skipped", "BuildReport", "extract_one", "extract_documents", "duplicate_ids", "build_dataset",
           "build_quads", "resolve_inputs", "mentioned_types", "core_counts"]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document left out of the build, and why."""

    path: str
    reason: str
    code: str = KGError.code


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


def extract_one(source: str | os.PathLike | bytes, *, name: str | None = None,
                pipeline: Sequence[str] | None = None, config: dict | None = None) -> DocState | Skipped:
    """Read and extract one document; a document that fails is returned as a :class:`Skipped`.

    The pipeline is built once per process and reused (worker processes of a parallel or
    distributed build call this for each of their documents).

    >>> extract_one(b"\\xff\\xfe\\x00", name="bad.txt").code
    'E002'
    >>> extract_one("kg/corpus/003_50ea69b444730b6f.txt").doc.id
    '003_50ea69b444730b6f'
    """
    return _extract_one((source, name, tuple(pipeline) if pipeline else None, _config_key(config)))


def _config_key(config: dict | None) -> str:
    """Component options as canonical JSON: hashable, and sent to worker processes as is."""
    return json.dumps(config or {}, sort_keys=True, ensure_ascii=False)


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
        return Skipped(label, f"{label}: internal error while extracting: {type(err).__name__}: {err}",
                       InternalError.code)


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
    kg.errors.UnknownComponent, kg.errors.PipelineOrderError
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
        # The first document is extracted here: that loads the pipeline's tables and model,
        # which workers forked afterwards share instead of each loading them again.
        results.append(_extract_one(tasks[0]))
        if progress:
            progress(1, len(tasks), tasks[0][1] or str(tasks[0][0]))
        rest = tasks[1:]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for i, res in enumerate(pool.map(_extract_one, rest, chunksize=max(1, len(rest) // (jobs * 8))), 1):
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
    dups = duplicate_ids([(st.doc.id, st.doc.path) for st in states])
    skipped += dups.values()
    return [st for i, st in enumerate(states) if i not in dups], skipped


def duplicate_ids(docs: Sequence[tuple[str, str | None]]) -> dict[int, Skipped]:
    """Documents whose id an earlier one has: position in ``docs`` → why it is skipped.

    ``docs`` holds ``(doc_id, path)`` in input order; the first document of an id is kept.

    >>> dups = duplicate_ids([("a", "x/a.txt"), ("b", "b.txt"), ("a", "y/a.txt")])
    >>> {i: s.reason for i, s in dups.items()}
    {2: "y/a.txt: duplicate document id 'a' (also x/a.txt)"}
    """
    seen: dict[str, str] = {}
    out: dict[int, Skipped] = {}
    for i, (doc_id, path) in enumerate(docs):
        if doc_id in seen:
            dup = DuplicateDocument(path, doc_id, seen[doc_id])
            out[i] = Skipped(path or doc_id, str(dup), dup.code)
            continue
        seen[doc_id] = path or doc_id
    return out


def build_dataset(states: Sequence[DocState], *, include_ontology: bool = True):
    """Resolve entities across ``states`` and assemble the Dataset."""
    quads, entities = build_quads(states, include_ontology=include_ontology)
    return quads.to_dataset(), entities


def build_quads(states: Sequence[DocState], *, include_ontology: bool = True):
    """Resolve entities across ``states`` and assemble the named graphs as
    :class:`~kg.rdf.quads.Quads` (no rdflib store: the fast path of large builds)."""
    entities, index = resolve({st.doc.id: st.mentions for st in states})
    documents = [resolved_document(st) for st in states]
    used: set[str] = set()
    quads = assemble_quads(documents, entities, index, include_ontology=include_ontology, used_refs=used)
    # The reference hierarchy of the entities the documents use (as an incremental update
    # recomputes it from a store: kg.builder.incremental.refresh_reference).
    refs = [e.ref for e in entities if e.ref is not None and e.ref.key in used]
    add_reference_nodes(quads.graph(REFERENCE_GRAPH), reference_nodes(refs))
    return quads, entities


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


def mentioned_types(graphs: Iterable) -> dict[str, set[str]]:
    """IRI of every entity with ``lv:mentionedIn`` in ``graphs`` → its classes there.

    ``graphs`` are iterables of triples (rdflib graphs, :class:`~kg.rdf.quads.GraphSet`).

    >>> from rdflib import URIRef
    >>> e, d = URIRef("urn:e"), URIRef("urn:d")
    >>> mentioned_types([[(e, LV.mentionedIn, d), (e, RDF.type, LV.County), (d, RDF.type, LV.Document)]])
    {'urn:e': {'https://w3id.org/lvliang-kg/ontology#County'}}
    """
    mentioned: set[str] = set()
    types: dict[str, set[str]] = {}
    # A dict lookup hashes a term in C and calls rdflib's Python __eq__ only on the two
    # predicates wanted, where `p == x` would call it on every triple.
    wanted = {LV.mentionedIn: 1, RDF.type: 2}
    for g in graphs:
        for s, p, o in g:
            kind = wanted.get(p)
            if kind == 1:
                mentioned.add(str(s))
            elif kind == 2:
                types.setdefault(str(s), set()).add(str(o))
    return {e: types.get(e, set()) for e in mentioned}


def core_counts(typed: dict[str, Iterable[str]]) -> dict[str, int]:
    """Entities by core class (:func:`kg.types.core_types`): ``typed`` maps an entity to
    its classes (:func:`mentioned_types`); a class counts for every core class it is a
    subclass of in the ontology, an entity once per core class.

    >>> lv = "https://w3id.org/lvliang-kg/ontology#"
    >>> core_counts({"e1": [lv + "County"], "e2": [lv + "University"], "e3": [lv + "City", lv + "Place"]})
    {'Place': 2, 'Institution': 1}
    """
    core = {str(LV[c]) for c in core_types()}
    parents: dict[str, set[str]] = {}
    for s, _, o in ontology_graph().triples((None, RDFS.subClassOf, None)):
        parents.setdefault(str(s), set()).add(str(o))
    memo: dict[str, set[str]] = {}

    def cores(cls: str) -> set[str]:
        if cls not in memo:
            found, todo, seen = set(), [cls], set()
            while todo:
                c = todo.pop()
                if c not in seen:
                    seen.add(c)
                    found |= {c} & core
                    todo.extend(parents.get(c, ()))
            memo[cls] = found
        return memo[cls]

    counts: dict[str, int] = {}
    for classes in typed.values():
        found: set[str] = set()
        for c in classes:
            found |= cores(c)
        for c in sorted(found):
            name = c.rsplit("#", 1)[-1]
            counts[name] = counts.get(name, 0) + 1
    return counts
