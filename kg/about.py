"""What the package is: its version, importable without importing the pipeline.

``kg.__version__`` is the same string; modules below the package top (the RDF writer names its
build activity after the version, a page shows it) import it from here, since ``import kg``
loads the public API and with it every stage.

>>> __version__
'0.1.0'
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
