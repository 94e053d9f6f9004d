"""The driver of a cluster build: submit the tasks, gather the shards, write the fixed graphs.

:func:`build_on_cluster` runs the five steps of :mod:`kg.cluster` on a Dask client; the
tasks themselves are in :mod:`kg.cluster.tasks`, the result in :mod:`kg.cluster.shards`.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.builder import BuildReport, core_counts, duplicate_ids, resolve_inputs
from kg.cluster.shards import ClusterBuild
from kg.cluster.tasks import _assemble, _extract, _manifest, _pick, _places, _resolve_bucket, _Shard, _summarise
from kg.errors import ClusterError, KGError
from kg.extract.pipeline import Pipeline
from kg.extract.reference import reference_lexicon
from kg.rdf.assemble import add_reference_nodes, assemble_quads
from kg.rdf.namespaces import RDF, REFERENCE_GRAPH
from kg.rdf.quads import Quads
from kg.resolve import entity_ids, full_forms, merge_key_places, reference_id, reference_nodes

__all__ = ["build_on_cluster"]


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
    # Dask is an optional dependency (the "dask" extra); a client given here means it is installed
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

        # 2. which short forms join full forms across documents: from every key's places
        places: dict[str, frozenset[str]] = {}
        for fut in as_completed([client.submit(_places, p, excluded, pure=True) for p in parts]):
            merge_key_places(places, fut.result())
            fut.release()
        joins_f = _shipped(client, full_forms(places))
        del places

        # 3-4. summarise and resolve, partitioned by identity key
        summaries = [client.submit(_summarise, p, excluded, n_buckets, joins_f, pure=True) for p in parts]
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
        table_f = _shipped(client, table)
        n_entities = len(set(ids.values()))
        del table, ids

        # 5. assemble, shard by shard to disk
        shards = [client.submit(_assemble, p, excluded, table_f, joins_f, pure=True) for p in parts]
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
        del shards, parts, table_f, joins_f
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


def _shipped(client, value: Any):
    """A future of ``value`` shipped inside its task (pickled, so no string in it is taken
    for a task key): the scheduler keeps it, and recomputes it if the worker holding it dies."""
    return client.submit(pickle.loads, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), pure=True)


def _fixed_graphs(ref_keys: Sequence[str]) -> Quads:
    """The ontology and reference graphs of a build whose documents use the reference
    entries ``ref_keys``."""
    lex = reference_lexicon()
    quads = assemble_quads([], [], {}, include_ontology=True)
    entries = sorted((lex.entries[k] for k in ref_keys), key=lambda e: reference_id(e))
    add_reference_nodes(quads.graph(REFERENCE_GRAPH), reference_nodes(entries))
    return quads
