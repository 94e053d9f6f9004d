"""notebooks/explore.ipynb runs from top to bottom and is stored without outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def test_notebook_is_stored_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    assert all(c.get("outputs") == [] and c.get("execution_count") is None for c in code)
    text = "\n".join("".join(c["source"]) for c in nb["cells"])
    for needle in ("g.df(", "g.run(", "to_networkx", "degree_centrality", "betweenness_centrality",
                   "greedy_modularity_communities", "pyvis"):
        assert needle in text


def test_notebook_executes(built_trig, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # kernel "python3": jupyter_client runs it with this interpreter (sys.executable), so the
    # notebook sees the same environment as the tests
    # run where `kg build` has written out/lvliang.trig: the notebook loads it (the session's
    # build) instead of building the corpus again
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "lvliang.trig").write_bytes(built_trig.read_bytes())
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    stdout = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                     if o.output_type == "stream")
    assert "reading out/lvliang.trig" in stdout and "5 documents" in stdout
    # the graph page is shown inline: an iframe holding the whole offline page
    html = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.output_type in ("display_data", "execute_result") and "text/html" in o.get("data", {})]
    frames = [h for h in html if h.startswith("<iframe srcdoc=")]
    assert len(frames) == 1 and "vis.Network" in frames[0] and "吕梁市" in frames[0]
