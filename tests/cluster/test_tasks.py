"""kg.cluster.tasks: the tasks chained in-process (no Dask) name and assemble as a local build.

The algorithm (summaries by identity key, ids in the driver, assembly per partition) is
checked against :func:`kg.resolve.resolve` and the local build.
"""

from __future__ import annotations

import pytest

import kg
from kg.builder import extract_documents
from kg.cluster.tasks import _assemble, _Partition, _places, _resolve_bucket, _summarise
from kg.resolve import entity_ids, full_forms, merge_key_places, resolve
from tests.test_builder import SHORT_AND_FULL


def joins_of(parts):
    """The joins the driver decides from the partitions' key places."""
    places = {}
    for p in parts:
        merge_key_places(places, _places(p, frozenset()))
    return full_forms(places)


@pytest.mark.parametrize("buckets", [1, 3])
def test_summaries_name_entities_as_resolve_does(bundled_states, buckets):
    files, states = bundled_states
    entities, _ = resolve({st.doc.id: st.mentions for st in states})
    # documents split over partitions out of id order: merging must not depend on it
    parts = [_Partition([(i, st) for i, st in enumerate(states) if i % 2 == r], []) for r in (1, 0)]
    sums = [_summarise(p, frozenset(), buckets, joins_of(parts)) for p in parts]
    naming = {}
    for b in range(buckets):
        naming.update(_resolve_bucket(*[s[b] for s in sums]))
    ids = entity_ids({k: v[0] for k, v in naming.items()})
    got = sorted((ids[k], *v) for k, v in naming.items())
    want = sorted((e.id, e.label, e.core, e.cls, e.rule, e.confidence) for e in entities)
    assert got == want


def chained(parts):
    """The N-Quads lines of the partitions' document graphs, the tasks chained in-process."""
    joins = joins_of(parts)
    sums = [_summarise(p, frozenset(), 2, joins) for p in parts]
    naming = {}
    for b in range(2):
        naming.update(_resolve_bucket(*[s[b] for s in sums]))
    ids = entity_ids({k: v[0] for k, v in naming.items()})
    table = {k: (ids[k], *v) for k, v in naming.items()}
    return {ln for p in parts for ln in _assemble(p, frozenset(), table, joins).text.splitlines()}


def doc_graph_lines(nq: bytes) -> set[str]:
    return {ln for ln in nq.decode("utf-8").splitlines() if "/resource/doc/" in ln.rsplit(" ", 2)[-2]}


def test_partitions_assemble_the_local_graph(bundled_states, local_nq):
    """The tasks chained in-process (no Dask) give the local build's quads."""
    _, states = bundled_states
    lines = chained([_Partition([(i, st)], []) for i, st in enumerate(states)])
    assert lines and lines <= set(local_nq.decode("utf-8").splitlines())
    assert lines == doc_graph_lines(local_nq)


def test_partitions_join_short_and_full_forms_as_a_local_build(tmp_path):
    """The two documents of a short/full pair in two partitions: the local build's quads."""
    paths = []
    for name, text in SHORT_AND_FULL.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    states, _ = extract_documents(paths)
    parts = [_Partition([(i, st)], []) for i, st in enumerate(states)]
    assert list(joins_of(parts).values()) == ["Institution:石楼县东征精神研究会"]
    kg.build(paths).save(tmp_path / "local.nq")
    assert chained(parts) == doc_graph_lines((tmp_path / "local.nq").read_bytes())
