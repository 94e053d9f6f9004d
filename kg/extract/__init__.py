"""Extraction: pipeline registry and components.

Importing this package registers the built-in components: ``lexicon``, ``grammar``,
``quoted``, ``persons``, ``tagger``, ``ner``, ``select``, ``abbreviations``, ``relations``,
``repeats``, ``bare-heads``, ``venues``, ``cooperation``, ``frames``, ``constraints``, ``numbers``.
"""

from kg.extract import (  # noqa: F401
    abbreviations, bare_heads, constraints, cooperation, frames, grammar, lexicon, ner, numbers, persons, quoted,
    relations, repeats, select, tagger, venues,
)
from kg.extract.pipeline import COMPONENTS, DEFAULT_PIPELINE, DocState, Pipeline, register_component

__all__ = ["COMPONENTS", "DEFAULT_PIPELINE", "DocState", "Pipeline", "register_component"]
