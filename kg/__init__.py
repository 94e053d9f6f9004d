"""lvliang-kg: Chinese regional news → a typed, provenance-tracked RDF knowledge graph.

Examples
--------
>>> import kg
>>> g = kg.build()                       # the bundled Lüliang corpus
>>> g.stats()["documents"]
5
"""

from __future__ import annotations

__version__ = "0.1.0"

from kg.api import build, load  # noqa: E402
from kg.graph import KnowledgeGraph  # noqa: E402

__all__ = ["__version__", "build", "load", "KnowledgeGraph"]
