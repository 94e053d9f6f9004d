"""How names, units and values are compared when scoring.

Names are compared after :func:`normalize_name` (NFKC, traditional → simplified, quotes and
whitespace removed, middle dots unified), units after :func:`normalize_unit` (magnitude
prefixes dropped, synonyms unified) and values with a relative tolerance
(:func:`values_match`).

Examples
--------
>>> name_forms(["吕梁市", " 吕梁市 ", "呂梁"])
('吕梁市', '吕梁')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import Any

__all__ = ["normalize_name", "normalize_unit", "values_match", "name_forms"]

_STRIP = dict.fromkeys(map(ord, "“”\"'‘’《》「」『』〈〉"), None)
_DOTS = dict.fromkeys(map(ord, "·•・‧∙⋅･"), "·")
_PARENS = {ord("（"): "(", ord("）"): ")", ord("〔"): "(", ord("〕"): ")"}


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc  # a declared dependency; imported lazily to keep `import kg` cheap

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Normalise a name for comparison.

    NFKC (full-width → half-width), traditional → simplified Chinese (OpenCC ``t2s``),
    quotes ``“”"'‘’《》「」`` and all whitespace removed, middle dots ``·•・`` unified to
    ``·`` and full-width parentheses made half-width.

    Parameters
    ----------
    name : str

    Returns
    -------
    str

    Examples
    --------
    >>> normalize_name("國家級風景名勝區")
    '国家级风景名胜区'
    >>> normalize_name(" 《四•八烈士纪念馆》 ")
    '四·八烈士纪念馆'
    >>> normalize_name("华为山西（吕梁）大数据中心")
    '华为山西(吕梁)大数据中心'
    """
    s = unicodedata.normalize("NFKC", name)
    s = _t2s().convert(s)
    s = s.translate(_STRIP).translate(_DOTS).translate(_PARENS)
    return "".join(s.split())


_MAGNITUDES = ("千万", "百万", "万", "亿")
# 名 and 位 count people: the gold files write 9.96万名 with the unit 人 and 140名 with 名.
_UNIT_SYNONYMS = {"％": "%", "百分比": "%", "平方千米": "平方公里", "千米": "公里", "名": "人", "位": "人"}


def normalize_unit(unit: str) -> str:
    """Normalise a unit: NFKC, no whitespace, magnitude prefixes dropped (万人 → 人).

    Values are compared already normalised to base units, so a magnitude left in the unit
    text (``万人``, ``亿元``) is a labelling slip, not a different unit.

    Examples
    --------
    >>> normalize_unit("万人"), normalize_unit("亿元"), normalize_unit("万千瓦"), normalize_unit("千瓦")
    ('人', '元', '千瓦', '千瓦')
    >>> normalize_unit("亿立方米"), normalize_unit(" ％ ")
    ('立方米', '%')
    """
    u = "".join(unicodedata.normalize("NFKC", unit).split())
    for mag in _MAGNITUDES:
        if u.startswith(mag) and len(u) > len(mag):
            u = u[len(mag):]
            break
    return _UNIT_SYNONYMS.get(u, u)


def values_match(gold: float | int | Decimal, predicted: float | int | Decimal,
                 *, tolerance: float = 0.005) -> bool:
    """True when ``predicted`` is within ``tolerance`` (relative) of ``gold``; exact for 0.

    Examples
    --------
    >>> values_match(64000, 64000.0), values_match(1000, 1004), values_match(1000, 1006)
    (True, True, False)
    >>> values_match(0, 0), values_match(0, 0.001)
    (True, False)
    """
    g, p = float(gold), float(predicted)
    if g == 0:
        return p == 0
    return abs(p - g) <= tolerance * abs(g)


def name_forms(names: Iterable[str]) -> tuple[str, ...]:
    """The distinct non-empty normalised forms of ``names``, in first-seen order."""
    out: dict[str, None] = {}
    for n in names:
        k = normalize_name(n)
        if k:
            out[k] = None
    return tuple(out)
