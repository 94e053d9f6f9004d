"""Builds on a Dask ``distributed`` cluster: ``kg build DOCS --cluster tcp://HOST:PORT``.

The same graph as :func:`kg.build`, made in four steps whose bulky data stay on the workers:

1. **extract** (one task per partition of documents): a worker reads the partition's files
   and runs the extraction pipeline. File paths are shipped, not texts, so the workers must
   see the files under the same absolute paths (a shared or replicated file system). The
   document states stay in the worker's memory.
2. **summarise** (one task per partition): the identity key of every mention
   (:func:`kg.resolve.document_keys`) and, per key, a
   :class:`~kg.resolve.KeySummary`, split into buckets by a hash of the key.
3. **resolve** (one task per bucket): one bucket of every partition merged, so each key is
   named (label, core type, class) by the one task that sees all its members. The driver
   then gives every key its entity id: ids are decided in key order over the whole build (a
   slug an earlier key took gets a hash), so this step sees every key, one short row per
   entity, never the documents.
4. **assemble** (one task per partition): the partition's document graphs as sorted
   N-Quads lines. The driver writes each shard to disk as it arrives; the output is a merge
   of the sorted shards (the bytes :meth:`kg.KnowledgeGraph.save` writes), and a store is
   loaded shard by shard. The ontology and reference graphs are made by the driver.

Every task is a pure function of its inputs: when a worker dies, the scheduler recomputes
what it held on the other workers, and the output is the same. A document that cannot be
read or extracted is skipped and reported, as in a local build.

Examples
--------
>>> parse_cluster("local:2"), parse_cluster("tcp://10.0.0.5:8786")
(('local', 2), ('scheduler', 'tcp://10.0.0.5:8786'))
"""

from __future__ import annotations

import contextlib
import dataclasses
import heapq
import json
import logging
import math
import os
import pickle
import re
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from kg.builder import (
    BuildReport, Skipped, core_counts, duplicate_ids, extract_one, mentioned_types, resolve_inputs,
)
from kg.errors import KGError
from kg.extract.pipeline import DocState, Pipeline
from kg.extract.reference import reference_lexicon
from kg.rdf.assemble import add_reference_nodes, assemble_quads
from kg.rdf.io import format_for, load_dataset, serialize, write_text
from kg.rdf.namespaces import RDF, REFERENCE_GRAPH
from kg.rdf.quads import Quads
from kg.resolve import (
    KeySummary, document_keys, entities_from_table, entity_ids, reference_id, reference_nodes, resolved_document,
)
from kg.stores.loading import write_build
from kg.stores.oxigraph import from_ox

__all__ = ["ClusterError", "ClusterBuild", "parse_cluster", "connect", "build_on_cluster"]

_ADDRESS = re.compile(r"(tcp|tls|ws|wss|ucx)://\S+:\d+")


class ClusterError(KGError):
    """The cluster cannot be used: a bad address, Dask missing, the scheduler unreachable,
    or a build the cluster could not finish."""

    code = "E060"
    template = "{0}: {1}"


def parse_cluster(spec: str) -> tuple[str, Any]:
    """``("local", N)`` for ``local:N``, ``("scheduler", address)`` for a scheduler address.

    >>> parse_cluster("10.0.0.5")
    Traceback (most recent call last):
    ...
    kg.cluster.ClusterError: 10.0.0.5: not a cluster; use tcp://HOST:PORT (a Dask scheduler) or local:N (N worker processes here)
    """
    if spec.startswith("local:") and spec[6:].isdigit() and int(spec[6:]) >= 1:
        return "local", int(spec[6:])
    if _ADDRESS.fullmatch(spec):
        return "scheduler", spec
    raise ClusterError(spec, "not a cluster; use tcp://HOST:PORT (a Dask scheduler) or local:N (N worker processes here)")


def _distributed(spec: str):
    try:
        import distributed
    except ImportError:
        raise ClusterError(spec, 'needs Dask distributed: pip install "lvliang-kg[dask]"') from None
    return distributed


@contextlib.contextmanager
def connect(spec: str, *, timeout: float = 30.0) -> Iterator[Any]:
    """A ``distributed.Client`` for ``spec`` (see :func:`parse_cluster`), closed on exit.

    ``local:N`` starts N worker processes of one thread each on this machine (and stops
    them on exit); an address connects to a running scheduler, whose workers need
    ``lvliang-kg`` installed and the input files under the same paths.

    Raises
    ------
    ClusterError
        A bad ``spec``, Dask not installed, or no scheduler answering within ``timeout``.
    """
    kind, arg = parse_cluster(spec)
    distributed = _distributed(spec)
    if kind == "local":
        cluster = distributed.LocalCluster(n_workers=arg, threads_per_worker=1, processes=True,
                                           dashboard_address=":0", silence_logs=logging.ERROR)
        with cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(arg, timeout=timeout)
    except (OSError, TimeoutError) as err:
        raise ClusterError(spec, f"no Dask scheduler answers there ({err})") from None
    with client:
        yield client


# ---- the tasks (run on the workers) ---------------------------------------------------------

@dataclass
class _Partition:
    """Extraction output of one partition, kept on the worker that made it."""

    states: list[tuple[int, DocState]]  # (position in the input list, state)
    skipped: list[tuple[int, Skipped]]


def _extract(items: tuple[tuple[int, str, str], ...], pipeline: tuple[str, ...] | None,
             config: str = "{}") -> _Partition:
    """Read and extract ``(position, absolute path, path as given)`` items; ``config`` is
    the component options as JSON (one hashable argument, as task keys need)."""
    options = json.loads(config)
    part = _Partition([], [])
    for pos, source, given in items:
        res = extract_one(source, pipeline=pipeline, config=options)
        if isinstance(res, Skipped):
            part.skipped.append((pos, Skipped(given, res.reason.replace(source, given), res.code)))
            continue
        res.doc = dataclasses.replace(res.doc, path=given)  # as a local build records it
        res.candidates = []  # proposals nobody reads after selection: half a state's memory
        part.states.append((pos, res))
    return part


def _manifest(part: _Partition) -> tuple[list[tuple[int, str, str | None]], list[tuple[int, Skipped]]]:
    return [(pos, st.doc.id, st.doc.path) for pos, st in part.states], part.skipped


def _bucket(key: str, buckets: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % buckets


def _summarise(part: _Partition, excluded: frozenset[int], buckets: int) -> list[dict[str, KeySummary]]:
    out: list[dict[str, KeySummary]] = [{} for _ in range(buckets)]
    for pos, st in part.states:
        if pos in excluded:
            continue
        keys = document_keys(st.mentions)
        for i, m in enumerate(st.mentions):
            key = keys[m]
            one = KeySummary.of(key, m, (st.doc.id, i))
            into = out[_bucket(key, buckets)]
            if key in into:
                into[key].merge(one)
            else:
                into[key] = one
    return out


def _pick(summaries: list[dict[str, KeySummary]], bucket: int) -> dict[str, KeySummary]:
    return summaries[bucket]


def _resolve_bucket(*parts: dict[str, KeySummary]) -> dict[str, tuple[str, str, str, str, float]]:
    merged: dict[str, KeySummary] = {}
    for part in parts:
        for key, s in part.items():
            if key in merged:
                merged[key].merge(s)
            else:
                # a copy: the worker may hold the input for a retry of another task
                merged[key] = dataclasses.replace(s, surfaces=s.surfaces.copy(), votes=s.votes.copy(),
                                                  dotted=dict(s.dotted))
    return {key: s.naming(key) for key, s in merged.items()}


@dataclass
class _Shard:
    """One partition's document graphs, as sorted N-Quads text."""

    text: str
    quads: int
    graphs: list[str]
    mentions: int
    statements: int
    observations: int
    #: IRI of each entity the partition's documents mention → its classes there.
    typed: dict[str, frozenset[str]]
    #: Keys of the reference entries the partition's document graphs use.
    refs: frozenset[str] = frozenset()


def _assemble(part: _Partition, excluded: frozenset[int],
              table: dict[str, tuple[str, str, str, str, str, float]]) -> _Shard:
    states = [st for pos, st in part.states if pos not in excluded]
    entities, index = entities_from_table({st.doc.id: st.mentions for st in states}, table)
    refs: set[str] = set()
    quads = assemble_quads([resolved_document(st) for st in states], entities, index, include_ontology=False,
                           used_refs=refs)
    lines = quads.nquad_lines()
    return _Shard("".join(ln + "\n" for ln in lines), len(lines), [str(g.identifier) for g in quads.graphs()],
                  sum(len(st.mentions) for st in states), sum(len(st.statements) for st in states),
                  sum(len(st.observations) for st in states),
                  {e: frozenset(c) for e, c in mentioned_types(quads.graphs()).items()}, frozenset(refs))


# ---- the driver ---------------------------------------------------------------------------

@dataclass
class ClusterBuild:
    """The result of :func:`build_on_cluster`: the report, and the graph as sorted N-Quads
    shards on the driver's disk until :meth:`close` (or the end of a ``with`` block)."""

    report: BuildReport
    #: Entities by core class, as the build summary of ``kg build`` counts them.
    core_counts: dict[str, int]
    workdir: Path
    shards: list[Path] = field(default_factory=list)
    #: Graph names in each shard (same order as :attr:`shards`).
    shard_graphs: list[list[str]] = field(default_factory=list)

    def __enter__(self) -> ClusterBuild:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Remove the shards."""
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __len__(self) -> int:
        return self.report.triples

    def nquad_lines(self) -> Iterator[str]:
        """The sorted N-Quads lines (with their line breaks) of the whole build, merged
        from the shards: :meth:`kg.KnowledgeGraph.save` writes the same lines to ``.nq``."""
        return _merge_sorted(self.shards, self.workdir)

    def save(self, path: str | os.PathLike) -> None:
        """Write the graph to ``path`` (format by extension), atomically.

        ``.nq`` is written by merging the shards (the driver holds a few lines per shard);
        any other format needs the whole graph in the driver, parsed from that merge.
        """
        fmt = format_for(path)
        if fmt == "nquads":
            write_text(path, _chunks(self.nquad_lines()))
            return
        merged = self.workdir / "all.nq"
        write_text(merged, _chunks(self.nquad_lines()))
        try:
            write_text(path, serialize(load_dataset(merged), fmt))
        finally:
            merged.unlink(missing_ok=True)

    def load_into(self, store) -> None:
        """Write the build into ``store`` (a :class:`kg.stores.base.Store`), replacing the
        previous build as ``kg build --store`` does; one shard's graphs in memory at a time."""
        write_build(_ShardDataset(self), store)


def _chunks(lines: Iterable[str], size: int = 10_000) -> Iterator[str]:
    buf: list[str] = []
    for ln in lines:
        buf.append(ln)
        if len(buf) >= size:
            yield "".join(buf)
            buf = []
    if buf:
        yield "".join(buf)


#: Shards merged at once; more are merged in rounds (each open shard is a file handle).
_FAN_IN = 64


def _merge_sorted(paths: Sequence[Path], workdir: Path) -> Iterator[str]:
    paths = list(paths)
    level = 0
    while len(paths) > _FAN_IN:
        level += 1
        merged = []
        for i in range(0, len(paths), _FAN_IN):
            out = workdir / f"merge-{level}-{i // _FAN_IN}.nq"
            with open(out, "w", encoding="utf-8", newline="\n") as fh:
                fh.writelines(_merge_files(paths[i:i + _FAN_IN]))
            merged.append(out)
        paths = merged
    return _merge_files(paths)


def _merge_files(paths: Sequence[Path]) -> Iterator[str]:
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(open(p, encoding="utf-8", newline="\n")) for p in paths]
        # shards hold disjoint graphs, so no line is in two shards
        yield from heapq.merge(*files)


class _ShardGraph:
    """One named graph of a shard, read from disk when iterated (what the stores'
    ``load_dataset`` needs of a graph: ``identifier``, iteration, ``len``)."""

    def __init__(self, identifier: URIRef, owner: _ShardDataset, shard: int) -> None:
        self.identifier, self._owner, self._shard = identifier, owner, shard

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._owner.triples(self._shard, self.identifier))

    def __len__(self) -> int:
        return len(self._owner.triples(self._shard, self.identifier))


class _ShardDataset:
    """A build's graphs, shard by shard: the last shard read is cached, and the graphs are
    listed in shard order, so a store's load reads each shard once."""

    def __init__(self, build: ClusterBuild) -> None:
        self._build = build
        self._cached: tuple[int, dict[URIRef, list[tuple]]] | None = None

    def graphs(self) -> Iterator[_ShardGraph]:
        for i, names in enumerate(self._build.shard_graphs):
            for name in names:
                yield _ShardGraph(URIRef(name), self, i)

    def triples(self, shard: int, name: URIRef) -> list[tuple]:
        if self._cached is None or self._cached[0] != shard:
            self._cached = None
            self._cached = (shard, _read_shard(self._build.shards[shard]))
        return self._cached[1].get(name, [])


def _read_shard(path: Path) -> dict[URIRef, list[tuple]]:
    graphs: dict[URIRef, list[tuple]] = {}
    terms: dict[Any, Any] = {}

    def term(t):
        out = terms.get(t)
        if out is None:
            out = terms[t] = from_ox(t)
        return out

    for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        graphs.setdefault(term(q.graph_name), []).append((term(q.subject), term(q.predicate), term(q.object)))
    return graphs


def _partition(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def build_on_cluster(
    client: Any,
    inputs: str | os.PathLike | Iterable[str | os.PathLike] | None = None,
    *,
    pipeline: Sequence[str] | None = None,
    config: dict | None = None,
    partition_size: int | None = None,
    buckets: int | None = None,
    workdir: str | os.PathLike | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> ClusterBuild:
    """Build the knowledge graph of ``inputs`` on the cluster of ``client``.

    Parameters
    ----------
    client : distributed.Client
        See :func:`connect`.
    inputs : path, sequence of paths, or None
        As :func:`kg.build` takes them (``None``: the bundled corpus).
    pipeline : sequence of str, optional
        Extraction component names (default pipeline when omitted).
    config : dict, optional
        Component options, as :func:`kg.build` takes them.
    partition_size : int, optional
        Documents per extraction task (default: about eight tasks per worker thread, at
        most 64 documents each).
    buckets : int, optional
        Resolution tasks (default: two per worker thread).
    workdir : path, optional
        Where the driver keeps the shards (default: the system's temporary directory).
    progress : callable, optional
        ``progress(done, total, what)``: documents extracted, then partitions assembled.

    Returns
    -------
    ClusterBuild
        The report and the graph's shards; use it in a ``with`` block, or :meth:`~ClusterBuild.close` it.

    Raises
    ------
    ClusterError
        A task failed on every worker it was tried on (e.g. a document that kills its
        worker each time).

    Examples
    --------
    >>> from kg.cluster import connect, build_on_cluster   # doctest: +SKIP
    >>> with connect("local:2") as client, build_on_cluster(client) as built:  # doctest: +SKIP
    ...     built.save("out/lvliang.nq")
    """
    files, skipped = resolve_inputs(inputs)
    comp = tuple(pipeline) if pipeline else None
    conf = json.dumps(config or {}, sort_keys=True, ensure_ascii=False)
    if files:  # an unknown or misordered component or option fails here, once, not per document
        Pipeline(comp, config=config)
    threads = max(1, sum(client.nthreads().values()))
    size = partition_size or max(1, min(64, math.ceil(len(files) / (threads * 8))))
    items = [(i, str(Path(p).resolve()), str(p)) for i, p in enumerate(files)]
    parts_items = _partition(items, size)
    work = Path(tempfile.mkdtemp(prefix="kg-cluster-", dir=workdir))
    try:
        return _run(client, parts_items, (comp, conf), skipped, len(files), buckets or max(2, 2 * threads), work, progress)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _run(client, parts_items, extraction, skipped, n_files, n_buckets, work, progress) -> ClusterBuild:
    from distributed import as_completed

    try:
        parts = [client.submit(_extract, tuple(chunk), *extraction, pure=True) for chunk in parts_items]
        manifests = [client.submit(_manifest, p, pure=True) for p in parts]
        # 1. extract: progress by documents, as partitions finish
        done = 0
        index_of = {m.key: i for i, m in enumerate(manifests)}
        found: list[Any] = [None] * len(manifests)
        for fut in as_completed(manifests):
            i = index_of[fut.key]
            found[i] = fut.result()
            done += len(parts_items[i])
            if progress:
                progress(done, n_files, Path(parts_items[i][-1][2]).name)
        del manifests
        docs = sorted((pos, doc_id, path) for states, _ in found for pos, doc_id, path in states)
        dups = duplicate_ids([(doc_id, path) for _, doc_id, path in docs])
        excluded = frozenset(docs[i][0] for i in dups)
        # as a local build lists them: unreadable documents in input order, then duplicates
        bad = sorted((s for _, sk in found for s in sk), key=lambda x: x[0]) + sorted(dups.items())
        kept = [doc_id for pos, doc_id, _ in docs if pos not in excluded]
        del found, docs

        # 2-3. summarise and resolve, partitioned by identity key
        summaries = [client.submit(_summarise, p, excluded, n_buckets, pure=True) for p in parts]
        resolved = [client.submit(_resolve_bucket, *[client.submit(_pick, s, b, pure=True) for s in summaries],
                                  pure=True) for b in range(n_buckets)]
        naming: dict[str, tuple[str, str, str, str, float]] = {}
        for fut in as_completed(resolved):
            naming.update(fut.result())
            fut.release()
        del resolved, summaries
        ids = entity_ids({k: v[0] for k, v in naming.items()})
        table = {k: (ids[k], *v) for k, v in naming.items()}
        del naming
        # Shipped inside the task (pickled, so no string in it is taken for a task key): the
        # scheduler keeps it, and recomputes the table if the worker holding it dies.
        table_f = client.submit(pickle.loads, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL), pure=True)
        n_entities = len(set(ids.values()))
        del table, ids

        # 4. assemble, shard by shard to disk
        shards = [client.submit(_assemble, p, excluded, table_f, pure=True) for p in parts]
        paths: list[Path | None] = [None] * len(shards)
        graphs: list[list[str]] = [[] for _ in shards]
        at = {s.key: i for i, s in enumerate(shards)}
        totals = {"quads": 0, "mentions": 0, "statements": 0, "observations": 0}
        typed: dict[str, set[str]] = {}
        used_refs: set[str] = set()
        for n, fut in enumerate(as_completed(shards), 1):
            i = at[fut.key]
            shard: _Shard = fut.result()
            fut.release()
            paths[i] = work / f"shard-{i:06d}.nq"
            paths[i].write_text(shard.text, encoding="utf-8", newline="\n")
            graphs[i] = shard.graphs
            for k in totals:
                totals[k] += getattr(shard, k)
            for e, cls in shard.typed.items():
                typed.setdefault(e, set()).update(cls)
            used_refs |= shard.refs
            del shard
            if progress:
                progress(n, len(shards), f"assembled partition {i + 1}/{len(shards)}")
        del shards, parts, table_f
    except KGError:
        raise
    except Exception as err:  # noqa: BLE001 - a task lost on every worker, a cut connection ...
        if type(err).__name__ in ("KilledWorker", "FutureCancelledError", "CommClosedError", "CancelledError"):
            raise ClusterError("cluster", f"the build could not finish: {type(err).__name__}: {err}") from None
        raise

    fixed = _fixed_graphs(sorted(used_refs))
    fixed_path = work / "shard-fixed.nq"
    fixed_path.write_text(fixed.nquads(), encoding="utf-8", newline="\n")
    report = BuildReport(documents=kept, skipped=skipped + [s for _, s in bad], entities=n_entities,
                         mentions=totals["mentions"], statements=totals["statements"],
                         observations=totals["observations"], triples=totals["quads"] + len(fixed))
    for s, p, o in fixed.graph(REFERENCE_GRAPH):
        if p == RDF.type and str(s) in typed:
            typed[str(s)].add(str(o))
    return ClusterBuild(report=report, core_counts=core_counts(typed), workdir=work,
                        shards=[fixed_path, *[p for p in paths if p is not None]],
                        shard_graphs=[[str(g.identifier) for g in fixed.graphs()], *graphs])


def _fixed_graphs(ref_keys: Sequence[str]) -> Quads:
    """The ontology and reference graphs of a build whose documents use the reference
    entries ``ref_keys``."""
    lex = reference_lexicon()
    quads = assemble_quads([], [], {}, include_ontology=True)
    entries = sorted((lex.entries[k] for k in ref_keys), key=lambda e: reference_id(e))
    add_reference_nodes(quads.graph(REFERENCE_GRAPH), reference_nodes(entries))
    return quads
