"""Numbers with units in normalised Chinese text.

:func:`find_quantities` reads numbers written with Arabic digits (``1,439``, ``12.7``),
Chinese numerals (``三十六``, ``一百二十八``, ``两``) or both (``6.4万``, ``183.61亿元``),
with multipliers (``百 千 万 亿 万亿``), ranges (``7万至8万元``, ``5-8倍``), approximations
(``20余所``, ``3.8万多名``) and percentages (``131%``, ``百分之三十``), followed by a unit.
Values are normalised to a base unit (``万亩`` → ``亩`` × 10⁴, ``兆瓦`` → ``千瓦`` × 10³);
the text as written stays in ``raw``. The unit words are the table ``data/units.tsv``
(:data:`UNITS`); numbers alone are read by :func:`~kg.extract.numerals.parse_number`, time
periods by :func:`~kg.extract.periods.find_periods`.

Not quantities: dates (``2021年``, ``3月27日``), ordinals (``第十二届``), numbers inside
names and codes (``209国道``, ``5G``, ``D9232次``, ``“1916”行动计划``, ``110工法``), plan
periods (``十三五``), scale words other than an industry's yuan scale (``3000亿级`` is
3000亿元, ``十万级`` is nothing) and numbers without a unit (except bare multiples such as
``385万``, returned with an empty unit so a caller can infer one). A space between a number
and its multiplier or unit is read through (``20 件``).

The text is scanned once with one compiled expression: linear in the text length.

Examples
--------
>>> [(q.raw, q.value, q.base_unit) for q in find_quantities("今年1-7月完成产气量12.7亿立方米，同比增长131%")]
[('12.7亿立方米', Decimal('1270000000'), '立方米'), ('131%', Decimal('131'), '%')]
>>> UNITS["兆瓦"].factor, "座" in COUNT_UNITS, UNITS["名"].base
(Decimal('1000'), True, '人')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.extract.numerals import MULTIPLIERS, clean_decimal, parse_number
from kg.extract.wordlists import Unit, unit_table

__all__ = ["COUNT_UNITS", "Quantity", "UNITS", "find_quantities"]


#: Unit words known to :func:`find_quantities` (``data/units.tsv``), with their base unit and factor.
UNITS: dict[str, Unit] = unit_table()
#: Base units of counts (classifiers): what a count of things is measured in.
COUNT_UNITS = frozenset(u.base for u in UNITS.values() if u.kind == "count")


_DIG = "零〇一二两三四五六七八九"
_AR = r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?"
_CN = f"[{_DIG}十][{_DIG}十百千万亿]*(?:点[{_DIG}]+)?"
_MULT = r"(?:万亿|千亿|百亿|亿|千万|百万|万|千(?![瓦米克伏亿万])|百(?![分万亿]))"
_APPROX = "(?:多|余)"
_SEP = "(?:至|到|-|~|～|—|－|–)"
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))


# A space between a number and its multiplier or unit, as scans and some sites write them
# (等 20 件大事要事, 打造 3000 亿级): read through it.
_GAP = f"(?:[ \u3000](?={_APPROX}?(?:{_MULT}|{_UNIT_RE})))?"


def _numexpr(tag: str) -> str:
    return (f"(?P<{tag}>(?:(?<![A-Za-z0-9.])(?P<{tag}ar>{_AR})|(?P<{tag}cn>{_CN})){_GAP}"
            f"(?P<{tag}ap1>{_APPROX})?(?P<{tag}mu>{_MULT})?(?P<{tag}ap2>{_APPROX})?)")


_QTY_RE = re.compile(
    # a percentage written in words: 百分之三十, 百分之0.5
    f"(?P<pct>百分之(?P<pctnum>{_AR}|{_CN}))"
    # a number, optionally a range, then a unit
    f"|{_numexpr('a')}(?:(?P<u1>{_UNIT_RE})?{_SEP}{_numexpr('b')})?(?P<u>{_UNIT_RE}|方(?=[，。；、,;\\s]|$))?"
)

_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_TIME_AFTER_YEAR = ("前", "后", "来", "以来", "间", "内", "多来")
_OPEN_QUOTES = "“‘「『"
_CLOSE_QUOTES = "”’」』"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, found in normalised text.

    ``value`` is in ``base_unit`` (``6.4万人`` → 64000 人); for a range it is the lower end
    and ``value_max`` the upper one. ``unit`` is the unit word as written, with its
    multiplier (``亿立方米``); ``raw`` is the whole expression as written.

    Examples
    --------
    >>> q, = find_quantities("放大5-8倍")
    >>> q.raw, q.value, q.value_max, q.is_range, q.kind
    ('5-8倍', Decimal('5'), Decimal('8'), True, 'ratio')
    """

    start: int
    end: int
    raw: str
    value: Decimal
    unit: str
    base_unit: str
    kind: str  # count, money, area, length, volume, mass, power, percent, ratio, ..., number
    value_max: Decimal | None = None
    approx: bool = False  # 多 / 余: "more than"
    chinese: bool = False  # written with Chinese numerals

    @property
    def is_range(self) -> bool:
        return self.value_max is not None


def _in_short_quote(text: str, start: int, end: int, limit: int = 10) -> bool:
    """Whether ``text[start:end]`` lies inside a short quoted name (“1916”, “五个一”)."""
    lo = max(0, start - limit)
    left = text[lo:start]
    i = max(left.rfind(q) for q in _OPEN_QUOTES)
    if i < 0 or any(q in left[i + 1:] for q in _CLOSE_QUOTES):
        return False
    right = text[end:end + limit]
    j = min((right.find(q) for q in _CLOSE_QUOTES if q in right), default=-1)
    return j >= 0 and (start - (lo + i + 1)) + (end - start) + j <= limit


def _value(m: re.Match, tag: str) -> tuple[Decimal, bool, bool] | None:
    ar, cn = m.group(tag + "ar"), m.group(tag + "cn")
    base = parse_number(ar) if ar else parse_number(cn)
    if base is None:
        return None
    mu = m.group(tag + "mu")
    if mu:
        base *= MULTIPLIERS[mu]
    approx = bool(m.group(tag + "ap1") or m.group(tag + "ap2"))
    return clean_decimal(base), approx, cn is not None


def find_quantities(text: str) -> list[Quantity]:
    """Numbers with units in ``text``, in order.

    Parameters
    ----------
    text : str
        Normalised text (offsets of the results index it).

    Returns
    -------
    list of Quantity

    Examples
    --------
    >>> [(q.raw, q.value, q.unit, q.base_unit) for q in find_quantities("累计培训6.4万人，总投资183.61亿元")]
    [('6.4万人', Decimal('64000'), '万人', '人'), ('183.61亿元', Decimal('18361000000'), '亿元', '元')]
    >>> q, = find_quantities("带动企业增收7万至8万元")
    >>> q.raw, q.value, q.value_max, q.base_unit
    ('7万至8万元', Decimal('70000'), Decimal('80000'), '元')
    >>> [(q.raw, q.value, q.kind) for q in find_quantities("九十多名专家，会立10万千瓦风电项目")]
    [('九十多名', Decimal('90'), 'count'), ('10万千瓦', Decimal('100000'), 'power')]
    >>> find_quantities("2021年3月27日，第十二届中博会，209国道，5G，D9232次，“1916”行动计划")
    []
    >>> [(q.raw, q.value, q.base_unit) for q in find_quantities("等 20 件大事要事，打造 3000 亿级煤都")]
    [('20 件', Decimal('20'), '件'), ('3000 亿级', Decimal('300000000000'), '元')]
    >>> [(q.raw, q.value, q.base_unit) for q in find_quantities("最快只需1小时58分钟，收集资源1200余份")]
    [('1小时58分钟', Decimal('118'), '分钟'), ('1200余份', Decimal('1200'), '份')]
    """
    out: list[Quantity] = []
    for m in _QTY_RE.finditer(text):
        start, end = m.span()
        if m.group("pct"):
            v = parse_number(m.group("pctnum"))
            if v is not None and text[start - 1:start] != "第":
                out.append(Quantity(start, end, m.group(0), v, "%", "%", "percent",
                                    chinese=not m.group("pctnum")[0].isdigit()))
            continue
        a = _value(m, "a")
        if a is None:
            continue
        value, approx, chinese = a
        unit_word = m.group("u") or ""
        b = _value(m, "b") if m.group("b") else None
        if m.group("b") and b is None:
            continue
        # Ordinals, scale words, codes and names.
        before = text[start - 1:start]
        after = text[end:end + 2]
        if before == "第":
            continue
        if after[:1] == "级":
            # 打造3000亿级煤都, 千亿级产业集群: the yuan scale of an industry it aims at
            if not unit_word and m.group(0).endswith("亿") and not m.group("b"):
                out.append(Quantity(start, end + 1, text[start:end + 1], value, "亿元", "元",
                                    "money", approx=approx, chinese=chinese))
            continue
        nxt = after[:1]
        if nxt.isascii() and nxt.isalpha() or (unit_word.isascii() and unit_word and nxt in _ASCII_ALNUM):
            continue  # 5G, 3D, 10kVA: part of a code
        if m.group("aar") and before in _ASCII_ALNUM:
            continue
        if chinese and m.group("acn") == "一" and not m.group("amu") and not m.group("b"):
            continue  # 一个, 一项: an article, not a count
        mult = m.group("amu") or (m.group("bmu") if b else None)
        if not unit_word:
            # A bare multiple (总人口达385万) is kept with an empty unit; other bare
            # numbers are not quantities (209国道, 985, 110工法).
            if not mult or m.group("b"):
                continue
            if _in_short_quote(text, start, end):
                continue
            out.append(Quantity(start, end, m.group(0), value, "", "", "number",
                                approx=approx, chinese=chinese))
            continue
        if unit_word == "方" and not mult:
            continue  # 方 is a volume (亿方) only with a multiplier
        unit = UNITS.get(unit_word) or Unit("方", "立方米", Decimal(1), "volume")
        if unit.base == "年":
            if not mult and not approx and Decimal(1000) <= value <= Decimal(2199) and not b:
                continue  # a year: 2021年
            if b and value >= 1000:
                continue  # 2016-2020年
            if any(text.startswith(w, end) for w in _TIME_AFTER_YEAR):
                continue  # 十年前, 近5年来: time expressions
        if _in_short_quote(text, start, end):
            continue
        vmax = None
        if b is not None:
            vb, approx_b, chinese_b = b
            u1 = m.group("u1")
            if u1 and UNITS[u1].base != unit.base:
                continue
            if u1:
                # 10%-15%, 7万元至8万元: each end has its own unit of the same base.
                value_base = clean_decimal(value * UNITS[u1].factor)
            elif m.group("bmu") and not m.group("amu"):
                # 7至8万元: the multiplier of the upper end applies to the lower end.
                value_base = clean_decimal(value * MULTIPLIERS[m.group("bmu")] * unit.factor)
            else:
                value_base = clean_decimal(value * unit.factor)
            vmax = clean_decimal(vb * unit.factor)
            if vmax < value_base:
                continue
            approx = approx or approx_b
            chinese = chinese and chinese_b
        else:
            value_base = clean_decimal(value * unit.factor)
        raw = m.group(0)
        if unit.kind == "temperature" and not b:
            # 零下5℃, -5℃: below zero (a dash after a digit is a range, not a sign).
            # (``start >= 1``: at the very start, text[-1:0] is "", and "" is in any string)
            if start >= 2 and text[start - 2:start] == "零下":
                start, value_base, raw = start - 2, -value_base, text[start - 2:end]
            elif start >= 1 and text[start - 1] in "-－−" and not text[start - 2:start - 1].isdigit():
                start, value_base, raw = start - 1, -value_base, text[start - 1:end]
        prefix = m.group("bmu") if b is not None else m.group("amu")
        written = (prefix or "") + unit_word if prefix and unit.kind not in ("percent",) else unit_word
        out.append(Quantity(start, end, raw, value_base, written, unit.base, unit.kind,
                            value_max=vmax, approx=approx, chinese=chinese))
    return _joined_durations(text, out)


def _joined_durations(text: str, found: list[Quantity]) -> list[Quantity]:
    """Hours then minutes written together (1小时58分钟) are one time, in minutes."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.base_unit == "小时" and q.base_unit == "分钟"
                and prev.end == q.start and not prev.is_range and not q.is_range):
            out[-1] = Quantity(prev.start, q.end, text[prev.start:q.end],
                               clean_decimal(prev.value * 60 + q.value), "分钟", "分钟", "duration",
                               approx=prev.approx or q.approx, chinese=prev.chinese and q.chinese)
            continue
        out.append(q)
    return out
