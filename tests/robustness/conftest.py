"""Fixtures of the robustness tests: two ``kg serve`` processes on a one-document graph,
shared by the server and the injection tests.

* ``plain``: the defaults (read-only, no CORS), 1 worker, 5 s timeout, 50 rows.
* ``open_``: ``--allow-update --token TOKEN --cors ORIGIN --max-pending 4``, 2 workers,
  2 s timeout, 50 rows.
"""

from __future__ import annotations

import pytest

from kg.server.process import ServerProcess
from tests.robustness._http import ORIGIN, TOKEN


@pytest.fixture(scope="package")
def graph_file(doc003_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "g.trig"
    doc003_graph.save(path)
    return path


@pytest.fixture(scope="package")
def plain(graph_file):
    with ServerProcess(graph_file, timeout=5, max_rows=50, workers=1) as srv:
        yield srv


@pytest.fixture(scope="package")
def open_(graph_file):
    args = ["--allow-update", "--token", TOKEN, "--cors", ORIGIN, "--max-pending", "4"]
    with ServerProcess(graph_file, timeout=2, max_rows=50, workers=2, extra_args=args) as srv:
        yield srv
