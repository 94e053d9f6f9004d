"""Session-wide fixtures: the bundled corpus built once, and paths other tests reuse.

* ``built_graph``: :class:`kg.KnowledgeGraph` of the five bundled documents (built once per
  test session, default pipeline). Treat it as read-only.
* ``built_trig``: path of a ``.trig`` file of ``built_graph`` in a session temp directory.
* ``doc003_graph``: a build of the smallest bundled document alone (``003_…``), for tests
  that only need one document.
* ``run_kg``: ``run_kg(*args, cwd=…, env=…)`` runs ``python -m kg.cli`` in a subprocess.
* ``external``: a tiny ``shared/external`` tree (MSRA, PD1998, CLUENER files), for training
  and external-evaluation tests that must run in seconds.
* ``corpus_paths``: the bundled article paths; ``shared_dir``: ``../shared`` beside the
  repository (tests needing it are skipped when it is absent, e.g. in CI from a clone).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DOC003 = "003_50ea69b444730b6f"


def _run_kg(*args: str, cwd: Path | str | None = None, env: dict[str, str] | None = None,
           timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the ``kg`` command in a subprocess (``python -m kg.cli``), capturing text output."""
    # PYTHONPATH: the source tree answers even when cwd is elsewhere (a temporary directory)
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "COLUMNS": "200",
                "PYTHONPATH": path}
    full_env.pop("KG_DEBUG", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)


@pytest.fixture(scope="session")
def run_kg():
    """``run_kg(*args, cwd=…, env=…)`` runs the ``kg`` command in a subprocess."""
    return _run_kg


@pytest.fixture(scope="session")
def corpus_paths() -> list[Path]:
    from kg.corpus import bundled_paths

    paths = bundled_paths()
    assert len(paths) == 5
    return paths


@pytest.fixture(scope="session")
def built_graph():
    """The five bundled documents, built once per session (read-only: do not modify)."""
    import kg

    return kg.build()


@pytest.fixture(scope="session")
def built_trig(built_graph, tmp_path_factory) -> Path:
    """A ``.trig`` file of :func:`built_graph`."""
    path = tmp_path_factory.mktemp("build") / "lvliang.trig"
    built_graph.save(path)
    return path


@pytest.fixture(scope="session")
def doc003_graph(corpus_paths):
    """The smallest bundled document built alone."""
    import kg

    (path,) = [p for p in corpus_paths if p.stem == DOC003]
    return kg.build([path])


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (corpus and gold) beside the repository; skip when absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"{SHARED} is not present (CI runs from a clone without it)")
    return SHARED


def pytest_configure(config):
    # rdflib 7 warns about its own ConjunctiveGraph/default_context internals on every
    # Dataset lookup and parse; thousands of identical lines hide the warnings that matter.
    for pattern in ("Dataset.default_context is deprecated", "ConjunctiveGraph is deprecated"):
        config.addinivalue_line("filterwarnings", f"ignore:{pattern}:DeprecationWarning")


# --- a tiny shared/external tree ----------------------------------------------------

SENTENCES = [
    ("王刚在太原工作。", [[0, 2, "PER"], [3, 5, "LOC"]]),
    ("李明访问北京大学。", [[0, 2, "PER"], [4, 8, "ORG"]]),
    ("国务院在北京召开会议。", [[0, 3, "ORG"], [4, 6, "LOC"]]),
    ("张华和刘洋来到上海。", [[0, 2, "PER"], [3, 5, "PER"], [7, 9, "LOC"]]),
]


def _write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for k, (text, spans) in enumerate(rows, 1):
            fh.write(json.dumps({"text": text, "spans": spans, "id": f"{path.parent.name}-{path.stem}-{k}"},
                                ensure_ascii=False) + "\n")


@pytest.fixture
def external(tmp_path):
    root = tmp_path / "external"
    # 40 lines: msra-train-20 and -40 are the held-out slice.
    _write(root / "msra" / "train.jsonl", SENTENCES * 10)
    _write(root / "pd1998" / "train.jsonl", [(t, [[a, b, {"PER": "nr", "LOC": "ns", "ORG": "nt"}[x]]
                                                  for a, b, x in s]) for t, s in SENTENCES])
    _write(root / "cluener" / "train.jsonl", [("彭小军认为，台湾银行很好", [[0, 3, "name"], [6, 8, "address"],
                                                                   [6, 10, "book"]][:2])])
    _write(root / "cluener" / "dev.jsonl", [("温格的球队战胜曼联", [[0, 2, "name"], [7, 9, "organization"]])])
    return root
