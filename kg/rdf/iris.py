"""Stable, readable IRIs.

Entities get pinyin slugs (``吕梁市`` → ``lvliangshi``); a slug shared by two entities is
disambiguated with a short hash of the entity's identity key, so IRIs do not depend on
which other documents are in the build.

Examples
--------
>>> slug("吕梁市")
'lvliangshi'
>>> slug("四·八烈士纪念馆")
'sibalieshijinianguan'
>>> str(doc_iri("000_03dcd241c001a0f4"))
'https://w3id.org/lvliang-kg/resource/doc/000_03dcd241c001a0f4'
>>> str(mention_iri("d1", 3, 6))
'https://w3id.org/lvliang-kg/resource/doc/d1#char=3,6'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from rdflib import URIRef

from kg.rdf.namespaces import RES

__all__ = ["slug", "short_hash", "doc_iri", "entity_iri", "mention_iri", "node_iri"]

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """ASCII slug of a Chinese (or mixed) name.

    >>> slug("吕梁市"), slug("中科院 No.1")
    ('lvliangshi', 'zhongkeyuan-no-1')
    """
    parts = lazy_pinyin(name, style=Style.NORMAL, v_to_u=False, errors="default")
    text = "".join(p.replace("ü", "v") for p in parts).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("-", text).strip("-") or "x"


def short_hash(key: str, n: int = 6) -> str:
    """First ``n`` hex digits of the SHA-1 of ``key``."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:n]


def doc_iri(doc_id: str) -> URIRef:
    return RES[f"doc/{doc_id}"]


def entity_iri(entity_id: str) -> URIRef:
    return RES[entity_id]


def mention_iri(doc_id: str, begin: int, end: int) -> URIRef:
    """NIF-style IRI of a span of the ORIGINAL text of a document."""
    return URIRef(f"{doc_iri(doc_id)}#char={begin},{end}")


def node_iri(kind: str, *parts: object) -> URIRef:
    """IRI of a derived node (observation, position, statement) from its identity."""
    return RES[f"{kind}/{short_hash('|'.join(map(str, parts)), 12)}"]
