"""kg.cluster.tasks: the tasks chained in-process (no Dask) name and assemble as a local build.

The algorithm (summaries by identity key, ids in the driver, assembly per partition) is
checked against :func:`kg.resolve.resolve` and the local build.
"""

from __future__ import annotations

import pytest

from kg.cluster.tasks import _assemble, _Partition, _resolve_bucket, _summarise
from kg.resolve import entity_ids, resolve


@pytest.mark.parametrize("buckets", [1, 3])
def test_summaries_name_entities_as_resolve_does(bundled_states, buckets):
    files, states = bundled_states
    entities, _ = resolve({st.doc.id: st.mentions for st in states})
    # documents split over partitions out of id order: merging must not depend on it
    parts = [_Partition([(i, st) for i, st in enumerate(states) if i % 2 == r], []) for r in (1, 0)]
    sums = [_summarise(p, frozenset(), buckets) for p in parts]
    naming = {}
    for b in range(buckets):
        naming.update(_resolve_bucket(*[s[b] for s in sums]))
    ids = entity_ids({k: v[0] for k, v in naming.items()})
    got = sorted((ids[k], *v) for k, v in naming.items())
    want = sorted((e.id, e.label, e.core, e.cls, e.rule, e.confidence) for e in entities)
    assert got == want


def test_partitions_assemble_the_local_graph(bundled_states, local_nq):
    """The tasks chained in-process (no Dask) give the local build's quads."""
    _, states = bundled_states
    parts = [_Partition([(i, st)], []) for i, st in enumerate(states)]
    sums = [_summarise(p, frozenset(), 2) for p in parts]
    naming = {}
    for b in range(2):
        naming.update(_resolve_bucket(*[s[b] for s in sums]))
    ids = entity_ids({k: v[0] for k, v in naming.items()})
    table = {k: (ids[k], *v) for k, v in naming.items()}
    lines = {ln for p in parts for ln in _assemble(p, frozenset(), table).text.splitlines()}
    local = set(local_nq.decode("utf-8").splitlines())
    assert lines and lines <= local
    doc_graphs = {ln for ln in local if "/resource/doc/" in ln.rsplit(" ", 2)[-2]}
    assert lines == doc_graphs
