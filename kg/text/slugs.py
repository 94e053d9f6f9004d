"""ASCII names for Chinese text: pinyin slugs, and short hashes that tell equal slugs apart.

Entity ids (:mod:`kg.resolve.ids`) and the IRIs of derived nodes (:mod:`kg.rdf.iris`) are
made of these; neither depends on anything but the text.

Examples
--------
>>> slug("吕梁市"), slug("四·八烈士纪念馆")
('lvliangshi', 'sibalieshijinianguan')
>>> short_hash("吕梁")
'09ce23'
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from itertools import chain

from pypinyin import Style
from pypinyin.converter import UltimateConverter
from pypinyin.core import Pinyin

__all__ = ["slug", "short_hash"]

_NON_SLUG = re.compile(r"[^a-z0-9]+")

# What lazy_pinyin(name, style=Style.NORMAL, v_to_u=False, errors="default") does, with
# its two steps apart: it cuts the name into words (phrases of pypinyin's dictionary, runs
# of other characters), then converts each word. The converter is made once (lazy_pinyin
# makes one per call) and a word's conversion is kept: names share their words (市, 纪念馆).
_PINYIN = Pinyin(UltimateConverter(v_to_u=False, neutral_tone_with_five=False, tone_sandhi=False))


@functools.lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    return tuple(chain(*_PINYIN._converter.convert(word, Style.NORMAL, False, "default", strict=True)))


def _pinyin(name: str) -> list[str]:
    """``lazy_pinyin(name, style=Style.NORMAL, v_to_u=False, errors="default")``.

    >>> _pinyin("重庆"), _pinyin("中科院 No.1")
    (['chong', 'qing'], ['zhong', 'ke', 'yuan', ' No.1'])
    """
    return [p for word in _PINYIN.seg(name) for p in _word_pinyin(word)]


@functools.lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """ASCII slug of a Chinese (or mixed) name.

    >>> slug("吕梁市"), slug("中科院 No.1")
    ('lvliangshi', 'zhongkeyuan-no-1')
    """
    parts = _pinyin(name)
    text = "".join(p.replace("ü", "v") for p in parts).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("-", text).strip("-") or "x"


def short_hash(key: str, n: int = 6) -> str:
    """First ``n`` hex digits of the SHA-1 of ``key``.

    >>> short_hash("吕梁"), len(short_hash("吕梁", 12))
    ('09ce23', 12)
    """
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:n]
