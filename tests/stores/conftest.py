"""Fixtures of the store tests.

* ``memory_answer(name, params)``: the records of a named query on the session's in-memory
  build (``built_graph``), computed once per case and shared by the Oxigraph and remote tests.
* ``oxigraph_bin``: the ``oxigraph`` server binary; tests that need it are skipped without it.
"""

from __future__ import annotations

import pytest

from tests.stores._util import oxigraph_binary


@pytest.fixture(scope="session")
def memory_answer(built_graph):
    from kg.query import bindings_for, load_all
    from kg.stores.memory import MemoryStore

    store = MemoryStore(built_graph.dataset)
    cache: dict = {}

    def answer(name: str, params: dict):
        key = (name, tuple(sorted(params.items())))
        if key not in cache:
            q = load_all()[name]
            cache[key] = store.query(q.text, bindings_for(q, params, from_cli=True))
        return cache[key]

    return answer


@pytest.fixture(scope="session")
def oxigraph_bin() -> str:
    path = oxigraph_binary()
    if path is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    return path
