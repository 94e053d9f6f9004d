"""Fixtures for the query tests.

* ``kg5``: the five bundled documents built once (``built_graph`` of tests/conftest.py when
  it is there, else built here), read-only.
* ``kg5_file``: a build output of ``kg5`` for ``kg query --graph`` (``built_trig``).
* ``mini``: a KnowledgeGraph of ``data/mini.trig`` (a hand-written two-document graph that
  follows the data model exactly, with partners, positions, renamings, observations and a
  conflicting figure) plus the ontology graph, so class-tree queries work.
* ``mini_file``: ``mini`` saved as a ``.trig`` file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.trig"


@pytest.fixture(scope="session")
def kg5(request):
    try:
        return request.getfixturevalue("built_graph")
    except pytest.FixtureLookupError:  # pragma: no cover - tests/conftest.py provides it
        import kg

        return kg.build()


@pytest.fixture(scope="session")
def kg5_file(request, kg5, tmp_path_factory) -> Path:
    try:
        return request.getfixturevalue("built_trig")
    except pytest.FixtureLookupError:  # pragma: no cover
        path = tmp_path_factory.mktemp("kg5") / "lvliang.trig"
        kg5.save(path)
        return path


def load_mini():
    """The hand-written fixture with the shipped ontology added in its named graph."""
    from rdflib import Dataset

    from kg import KnowledgeGraph
    from kg.rdf.assemble import ontology_graph
    from kg.rdf.namespaces import ONTOLOGY_GRAPH

    ds = Dataset()
    ds.parse(MINI, format="trig")
    onto = ds.graph(ONTOLOGY_GRAPH)
    for t in ontology_graph():
        onto.add(t)
    return KnowledgeGraph(ds)


@pytest.fixture(scope="session")
def mini():
    return load_mini()


@pytest.fixture(scope="session")
def mini_file(mini, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("mini") / "mini.trig"
    mini.save(path)
    return path
