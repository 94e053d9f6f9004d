"""Numbers as written in Chinese news text: Arabic, Chinese numerals, or both with multipliers.

:func:`parse_number` reads one number alone (``1,439``, ``三十六``, ``6.4万``, ``三点五``);
:mod:`kg.extract.quantities` finds numbers with units in running text and
:mod:`kg.extract.periods` reads the years of time expressions with the same digit table.

Examples
--------
>>> parse_number("183.61亿"), parse_number("一百零五")
(Decimal('18361000000'), Decimal('105'))
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = ["CN_DIGITS", "MULTIPLIERS", "clean_decimal", "parse_number"]


#: Multiplier words after a number (``6.4万``) and their factors.
MULTIPLIERS = {
    "万亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11, "百亿": Decimal(10) ** 10,
    "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6,
    "万": Decimal(10) ** 4, "千": Decimal(10) ** 3, "百": Decimal(10) ** 2,
}

#: Chinese digits and their values (``两`` is 2, ``〇`` is 0).
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10 ** 4, "亿": 10 ** 8}


def _cn_integer(s: str) -> int | None:
    """Value of a Chinese integer numeral, or ``None`` when it is not well formed."""
    if s and not s.strip("零〇"):
        return 0 if len(s) == 1 else None
    total = 0  # completed 亿 / 万 groups
    section = 0  # current group below 万
    digit: int | None = None
    before_digit = ""  # what preceded the pending digit
    last_small = 10 ** 5  # the small unit seen last in this section (must decrease)
    last_big = 10 ** 9
    prev = ""  # "d" digit, "z" zero, "s" small unit, "b" big unit
    for ch in s:
        if ch in CN_DIGITS:
            v = CN_DIGITS[ch]
            if digit is not None:
                return None  # 二〇二一, 十三五: digits in a row
            if v == 0:
                prev = "z"
                continue
            digit, before_digit, prev = v, prev, "d"
        elif ch in _CN_SMALL:
            u = _CN_SMALL[ch]
            if u >= last_small:
                return None
            if digit is None:
                if ch != "十" or prev not in ("", "z", "b"):
                    return None
                digit = 1  # 十三 = 13, 一百一十 = 110
            section += digit * u
            digit, last_small, prev = None, u, "s"
        elif ch in _CN_BIG:
            u = _CN_BIG[ch]
            if u == 10 ** 8 and last_big == 10 ** 4 and prev == "b":
                total *= u  # 一万亿
                last_big = u
                continue
            if prev in ("", "b", "z") or u >= last_big:
                return None
            if digit is not None:
                section += digit
            total = (total + section) * u if u == 10 ** 8 else total + section * u
            section, digit, last_small, last_big, prev = 0, None, 10 ** 5, u, "b"
        else:
            return None
    if digit is not None:
        # A trailing digit is a unit digit only at the start, after 零 or after 十
        # (三, 一百零五, 二十三); 三万五 / 一百二 (colloquial abbreviations) are refused.
        if not (before_digit in ("", "z") or (before_digit == "s" and last_small == 10)):
            return None
        section += digit
    return total + section


def parse_number(s: str) -> Decimal | None:
    """Value of a number as written: Arabic, Chinese, or Arabic with multipliers.

    Parameters
    ----------
    s : str
        The number alone, e.g. ``"1,439"``, ``"6.4万"``, ``"一百二十八"``, ``"三点五"``.

    Returns
    -------
    Decimal or None
        ``None`` when ``s`` is not a well-formed number (``"十三五"``, ``"二〇二一"``).

    Examples
    --------
    >>> parse_number("6.4万"), parse_number("183.61亿"), parse_number("1,439")
    (Decimal('64000'), Decimal('18361000000'), Decimal('1439'))
    >>> parse_number("一百二十八"), parse_number("两"), parse_number("三十六万"), parse_number("一千零五")
    (Decimal('128'), Decimal('2'), Decimal('360000'), Decimal('1005'))
    >>> parse_number("十三五") is None, parse_number("二〇二一") is None
    (True, True)
    """
    s = s.strip()
    if not s:
        return None
    factor = Decimal(1)
    for word in sorted(MULTIPLIERS, key=len, reverse=True):
        if s.endswith(word) and s[: -len(word)] and s[-len(word) - 1].isdigit():
            factor = MULTIPLIERS[word]
            s = s[: -len(word)]
            break
    if s[0].isdigit():
        if not re.fullmatch(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", s):
            return None
        if len(s) > _MAX_DIGITS:
            return None  # a digit string, not a quantity (and past Decimal's precision)
        value = Decimal(s.replace(",", ""))
    else:
        whole, _, frac = s.partition("点")
        n = _cn_integer(whole)
        if n is None:
            return None
        value = Decimal(n)
        if frac:
            if not all(ch in CN_DIGITS for ch in frac):
                return None
            value += Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in frac))
    return clean_decimal(value * factor)


#: Longest Arabic number :func:`parse_number` reads (the context precision is 28 digits).
_MAX_DIGITS = 24


def clean_decimal(v: Decimal) -> Decimal:
    """Drop a trailing ``.0`` without switching to exponent notation.

    >>> clean_decimal(Decimal("12.70")), clean_decimal(Decimal("64000.0"))
    (Decimal('12.7'), Decimal('64000'))
    """
    if v == v.to_integral_value():
        try:
            return v.quantize(Decimal(1))
        except InvalidOperation:  # more digits than the context's precision: leave as is
            return v
    return v.normalize() if -6 < v.adjusted() < 18 else v
