"""What a non-editable install ships: every package under ``kg/`` is listed in pyproject.toml.

The package list is explicit (ontology/ and queries/ are symlinked data folders), so a new
subpackage that is not listed would work in the source tree and vanish from ``pip install .``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_python_package_is_shipped():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("*.py")}
    assert sorted(found - listed) == []
