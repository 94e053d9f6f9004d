"""A cluster build's result on the driver's disk: sorted N-Quads shards, merged when written.

The driver never holds the whole graph: :class:`ClusterBuild` writes ``.nq`` by merging
the sorted shards, and loads a store one shard's graphs at a time.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from kg.builder import BuildReport
from kg.rdf.io import format_for, load_dataset, serialize, write_text
from kg.stores.loading import write_build
from kg.stores.oxigraph import from_ox

__all__ = ["ClusterBuild"]


@dataclass
class ClusterBuild:
    """The result of :func:`~kg.cluster.build_on_cluster`: the report, and the graph as
    sorted N-Quads shards on the driver's disk until :meth:`close` (or the end of a ``with`` block).

    Examples
    --------
    >>> import tempfile
    >>> from kg.builder import BuildReport
    >>> with ClusterBuild(BuildReport(), {}, Path(tempfile.mkdtemp())) as built:
    ...     list(built.nquad_lines())
    []
    """

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
