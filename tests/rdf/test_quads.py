"""kg.rdf.quads: assembly into plain sets gives the graph the rdflib path gives."""

from __future__ import annotations

import pytest

import kg
from kg.rdf.io import serialize
from kg.rdf.quads import Quads


@pytest.fixture(scope="module")
def fresh_quads(corpus_paths):
    """The quads of a fresh build (``built_graph``'s have moved into its store)."""
    return kg.build(corpus_paths[3:4]).quads


def test_fresh_build_keeps_its_quads_until_the_store_is_made(corpus_paths):
    g = kg.build(corpus_paths[3:4])
    assert isinstance(g.quads, Quads) and g.unmade_quads is g.quads
    n = len(g)  # counted from the sets
    assert g.unmade_quads is g.quads
    assert sum(len(x) for x in g.dataset.graphs()) == n


def test_nquads_from_the_sets_equal_rdflibs_serialisation(fresh_quads):
    assert fresh_quads.nquads() == serialize(fresh_quads.to_dataset(), "nquads")


def test_save_nquads_fast_path_writes_the_same_bytes(corpus_paths, tmp_path):
    fast = kg.build(corpus_paths[:2])
    slow = kg.build(corpus_paths[:2])
    _ = slow.dataset  # moves the quads into the store: save() writes from there
    fast.save(tmp_path / "a.nq")
    slow.save(tmp_path / "b.nq")
    assert (tmp_path / "a.nq").read_bytes() == (tmp_path / "b.nq").read_bytes()
    assert fast.unmade_quads is fast.quads


def test_stats_are_the_same_from_sets_and_dataset(corpus_paths):
    a = kg.build(corpus_paths[3:4])
    b = kg.build(corpus_paths[3:4])
    _ = b.dataset
    assert a.stats() == b.stats()


def test_cli_summary_counts_from_sets_equal_the_sparql_counts(fresh_quads):
    from kg.cli.build import _core_counts, _core_counts_from_quads

    assert _core_counts_from_quads(fresh_quads) == _core_counts(kg.KnowledgeGraph(fresh_quads.to_dataset()))


def test_nquads_in_chunks_join_to_the_whole_text(fresh_quads):
    chunks = list(fresh_quads.nquad_chunks(size=100))
    assert len(chunks) > 1 and all(c.endswith("\n") for c in chunks)
    assert "".join(chunks) == fresh_quads.nquads()
