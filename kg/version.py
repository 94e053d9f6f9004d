"""The package version, in a module of its own so that any layer can name it (the RDF
stage writes it into the provenance of every build) without importing :mod:`kg`'s API.

>>> from kg import __version__ as v
>>> v == __version__
True
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
