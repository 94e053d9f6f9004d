"""lvliang-kg: Chinese regional news → a typed, provenance-tracked RDF knowledge graph.

Examples
--------
>>> import kg
>>> g = kg.build()                       # the bundled Lüliang corpus
>>> g.stats()["documents"]
5

The stages are subpackages, reachable as attributes after ``import kg`` (imported on
first use, so ``import kg`` stays light):

>>> kg.extract.COMPONENTS is not None, kg.query.names()[:2]
(True, ['admin-hierarchy', 'class-counts'])
"""

from __future__ import annotations

from kg.api import build, load, load_or_build
from kg.graph import KnowledgeGraph
from kg.version import __version__

__all__ = ["__version__", "build", "load", "load_or_build", "KnowledgeGraph"]

#: Subpackages ``kg.<name>`` imports on first attribute access.
SUBPACKAGES = ("corpus", "text", "extract", "rdf", "stores", "query", "viz", "server",
               "evaluate", "records", "errors", "registry", "validate", "builder")


def __getattr__(name: str):
    # PEP 562: `kg.extract` works after `import kg` without importing every stage up front
    if name in SUBPACKAGES:
        import importlib

        return importlib.import_module(f"kg.{name}")
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *SUBPACKAGES])
