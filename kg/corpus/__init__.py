"""The bundled corpus: five articles about Lüliang (吕梁), Shanxi, as package data.

Examples
--------
>>> [p.name for p in bundled_paths()][:2]
['000_03dcd241c001a0f4.txt', '001_f31ba6f2b3a167ac.txt']
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["bundled_paths"]


def bundled_paths() -> list[Path]:
    """Paths of the bundled articles, sorted by name."""
    root = resources.files(__name__)
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".txt"))
