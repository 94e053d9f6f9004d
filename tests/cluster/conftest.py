"""Fixtures of the cluster tests: the local build they are compared with."""

from __future__ import annotations

import pytest

from kg.builder import extract_documents, resolve_inputs


@pytest.fixture(scope="session")
def local_nq(built_graph, tmp_path_factory) -> bytes:
    """The sorted N-Quads of the local build of the bundled corpus."""
    path = tmp_path_factory.mktemp("local") / "g.nq"
    built_graph.save(path)
    return path.read_bytes()


@pytest.fixture(scope="session")
def bundled_states():
    """The bundled corpus's files and their extracted document states."""
    files, _ = resolve_inputs(None)
    states, _ = extract_documents(files)
    return files, states
