"""Stable, readable IRIs.

An entity's IRI is its id (:mod:`kg.resolve.ids`: a pinyin slug, ``吕梁市`` →
``lvliangshi``, disambiguated by a short hash of the entity's identity key) under the
resource namespace, so IRIs do not depend on which other documents are in the build.

Examples
--------
>>> str(entity_iri("lvliangshi"))
'https://w3id.org/lvliang-kg/resource/lvliangshi'
>>> str(doc_iri("000_03dcd241c001a0f4"))
'https://w3id.org/lvliang-kg/resource/doc/000_03dcd241c001a0f4'
>>> str(mention_iri("d1", 3, 6))
'https://w3id.org/lvliang-kg/resource/doc/d1#char=3,6'
"""

from __future__ import annotations

from rdflib import URIRef

from kg.rdf.namespaces import RES
from kg.text.slugs import short_hash

__all__ = ["doc_iri", "entity_iri", "mention_iri", "node_iri"]


def doc_iri(doc_id: str) -> URIRef:
    return RES[f"doc/{doc_id}"]


def entity_iri(entity_id: str) -> URIRef:
    return RES[entity_id]


def mention_iri(doc_id: str, begin: int, end: int) -> URIRef:
    """NIF-style IRI of a span of the ORIGINAL text of a document."""
    return URIRef(f"{RES}doc/{doc_id}#char={begin},{end}")  # doc_iri's text, without making that term


def node_iri(kind: str, *parts: object) -> URIRef:
    """IRI of a derived node (observation, position, statement) from its identity."""
    return RES[f"{kind}/{short_hash('|'.join(map(str, parts)), 12)}"]
