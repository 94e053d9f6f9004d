"""Extraction: pipeline registry and components.

Importing this package registers the built-in components: ``lexicon``, ``grammar``,
``quoted``, ``persons``, ``ner``, ``select``, ``abbreviations``, ``relations``, ``cooperation``.
"""

from kg.extract import abbreviations, cooperation, grammar, lexicon, ner, persons, quoted, relations, select  # noqa: F401
from kg.extract.pipeline import COMPONENTS, DEFAULT_PIPELINE, DocState, Pipeline, register_component

__all__ = ["COMPONENTS", "DEFAULT_PIPELINE", "DocState", "Pipeline", "register_component"]
