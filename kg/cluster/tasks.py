"""The tasks a cluster build runs on its workers: extract, find key places, summarise,
resolve, assemble.

Each is a pure function of its arguments, so the scheduler can recompute any of them on
another worker (see :mod:`kg.cluster`). Their outputs stay on the workers except the short
ones the driver asks for: a partition's manifest, a bucket's naming, a shard's text.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from dataclasses import dataclass

from kg.builder import Skipped, extract_one, mentioned_types
from kg.extract.pipeline import DocState
from kg.rdf.assemble import assemble_quads
from kg.resolve import KeySummary, document_keys, entities_from_table, key_places, resolved_document

__all__: list[str] = []  # run by kg.cluster.driver, not called by users


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


def _places(part: _Partition, excluded: frozenset[int]) -> dict[str, frozenset[str]]:
    """The key places of the partition's documents (:func:`kg.resolve.key_places`): the
    driver merges those of all partitions and decides which short forms join full forms."""
    return key_places(document_keys(st.mentions).values() for pos, st in part.states if pos not in excluded)


def _summarise(part: _Partition, excluded: frozenset[int], buckets: int,
               joins: dict[str, str] | None = None) -> list[dict[str, KeySummary]]:
    """Summaries by identity key, a short form under the full form it ``joins``."""
    joins = joins or {}
    out: list[dict[str, KeySummary]] = [{} for _ in range(buckets)]
    for pos, st in part.states:
        if pos in excluded:
            continue
        keys = document_keys(st.mentions)
        for i, m in enumerate(st.mentions):
            key = joins.get(keys[m], keys[m])
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
              table: dict[str, tuple[str, str, str, str, str, float]], joins: dict[str, str] | None = None) -> _Shard:
    states = [st for pos, st in part.states if pos not in excluded]
    entities, index = entities_from_table({st.doc.id: st.mentions for st in states}, table, joins)
    refs: set[str] = set()
    quads = assemble_quads([resolved_document(st) for st in states], entities, index, include_ontology=False,
                           used_refs=refs)
    lines = quads.nquad_lines()
    return _Shard("".join(ln + "\n" for ln in lines), len(lines), [str(g.identifier) for g in quads.graphs()],
                  sum(len(st.mentions) for st in states), sum(len(st.statements) for st in states),
                  sum(len(st.observations) for st in states),
                  {e: frozenset(c) for e, c in mentioned_types(quads.graphs()).items()}, frozenset(refs))
