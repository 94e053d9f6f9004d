"""Numbers with units, and time periods, in normalised Chinese text.

:func:`find_quantities` reads numbers written with Arabic digits (``1,439``, ``12.7``),
Chinese numerals (``三十六``, ``一百二十八``, ``两``) or both (``6.4万``, ``183.61亿元``),
with multipliers (``百 千 万 亿 万亿``), ranges (``7万至8万元``, ``5-8倍``), approximations
(``20余所``, ``3.8万多名``) and percentages (``131%``, ``百分之三十``), followed by a unit.
Values are normalised to a base unit (``万亩`` → ``亩`` × 10⁴, ``兆瓦`` → ``千瓦`` × 10³);
the text as written stays in ``raw``.

Not quantities: dates (``2021年``, ``3月27日``), ordinals (``第十二届``), numbers inside
names and codes (``209国道``, ``5G``, ``D9232次``, ``“1916”行动计划``, ``110工法``), plan
periods (``十三五``), scale words (``3000亿级``) and numbers without a unit (except bare
multiples such as ``385万``, returned with an empty unit so a caller can infer one).

:func:`find_periods` reads time expressions a number can be stated for: years
(``2019年``, ``2014年底``), relative years (``今年``, resolved against the document date when
known), month ranges (``1-7月``, ``今年1至5月``), halves and quarters (``上半年``), five-year
plans (``十三五`` → 2016–2020) and open periods (``截至目前``, ``近年来``, ``今年6月以来``).
Bounds are ISO strings: a year (``xsd:gYear``, ``"2016"``) or a day (``xsd:date``).

Both scan the text once with one compiled expression: linear in the text length.

Examples
--------
>>> [(q.raw, q.value, q.base_unit) for q in find_quantities("今年1-7月完成产气量12.7亿立方米，同比增长131%")]
[('12.7亿立方米', Decimal('1270000000'), '立方米'), ('131%', Decimal('131'), '%')]
>>> [(p.raw, p.period_start, p.period_end) for p in find_periods("“十三五”期间，累计培训6.4万人")]
[('“十三五”期间', '2016', '2020')]
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "Quantity",
    "Period",
    "Unit",
    "UNITS",
    "COUNT_UNITS",
    "find_quantities",
    "find_periods",
    "parse_number",
]


# ---------------------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit word: its base unit, the factor to it, and the kind of quantity.

    Examples
    --------
    >>> UNITS["兆瓦"]
    Unit(word='兆瓦', base='千瓦', factor=Decimal('1000'), kind='power')
    >>> "座" in COUNT_UNITS, UNITS["名"].base
    (True, '人')
    """

    word: str
    base: str
    factor: Decimal
    kind: str


def _units() -> dict[str, Unit]:
    table: dict[str, Unit] = {}

    def add(kind: str, base: str, *words: str, factor: str = "1") -> None:
        for w in words:
            table[w] = Unit(w, base, Decimal(factor), kind)

    # Counts: the classifier is its own base unit.
    for w in ("个", "项", "家", "所", "座", "处", "次", "户", "人", "台", "辆", "套", "条",
              "件", "期", "趟", "场", "批", "批次", "张", "株", "棵", "头", "只", "间", "栋",
              "幢", "篇", "部", "本", "例", "起", "支", "种", "类", "门", "节", "列",
              "架", "艘", "组", "届", "轮", "匹", "眼", "处次", "人次", "户次", "车次",
              "架次", "剂次", "班次", "册", "首", "幅", "块"):
        add("count", w, w)
    # People: 名 and 位 are the classifiers of people (9.96万名贫困人口 = 99 600 人).
    add("count", "人", "人口", "名", "位")
    add("money", "元", "元")
    add("money", "美元", "美元")
    add("money", "欧元", "欧元")
    add("money", "港元", "港元")
    add("area", "亩", "亩")
    add("area", "公顷", "公顷")
    add("area", "平方公里", "平方公里", "平方千米", "km²")
    add("area", "平方米", "平方米", "平米", "㎡", "m²")
    add("length", "公里", "公里", "千米", "km")
    add("length", "米", "米")
    add("length", "厘米", "厘米", "cm")
    add("length", "毫米", "毫米", "mm")
    add("volume", "立方米", "立方米", "立方", "m³")
    add("volume", "升", "升")
    add("mass", "吨", "吨")
    add("mass", "公斤", "公斤", "千克", "kg")
    add("mass", "克", "克")
    add("mass", "斤", "斤")
    add("power", "千瓦", "千瓦", "kW")
    add("power", "千瓦", "兆瓦", "MW", factor="1000")
    add("power", "千瓦", "吉瓦", "GW", factor="1000000")
    add("energy", "千瓦时", "千瓦时", "kWh")
    add("voltage", "千伏", "千伏", "kV")
    add("temperature", "℃", "℃", "°C", "摄氏度")
    add("ratio", "倍", "倍")
    add("duration", "年", "年")
    add("duration", "月", "个月")
    add("duration", "天", "天")
    add("duration", "小时", "小时")
    add("duration", "分钟", "分钟")
    add("age", "岁", "岁", "周岁")
    add("percent", "%", "%", "％")
    add("permille", "‰", "‰")
    add("percent_point", "百分点", "个百分点", "百分点")
    return table


#: Unit words known to :func:`find_quantities`, with their base unit and factor.
UNITS: dict[str, Unit] = _units()
#: Base units of counts (classifiers): what a count of things is measured in.
COUNT_UNITS = frozenset(u.base for u in UNITS.values() if u.kind == "count")

_MULTIPLIERS = {
    "万亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11, "百亿": Decimal(10) ** 10,
    "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6,
    "万": Decimal(10) ** 4, "千": Decimal(10) ** 3, "百": Decimal(10) ** 2,
}

# ---------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
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
        if ch in _CN_DIGIT:
            v = _CN_DIGIT[ch]
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
    for word in sorted(_MULTIPLIERS, key=len, reverse=True):
        if s.endswith(word) and s[: -len(word)] and s[-len(word) - 1].isdigit():
            factor = _MULTIPLIERS[word]
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
            if not all(ch in _CN_DIGIT for ch in frac):
                return None
            value += Decimal("0." + "".join(str(_CN_DIGIT[ch]) for ch in frac))
    return _clean(value * factor)


#: Longest Arabic number :func:`parse_number` reads (the context precision is 28 digits).
_MAX_DIGITS = 24


def _clean(v: Decimal) -> Decimal:
    """Drop a trailing ``.0`` without switching to exponent notation."""
    if v == v.to_integral_value():
        try:
            return v.quantize(Decimal(1))
        except InvalidOperation:  # more digits than the context's precision: leave as is
            return v
    return v.normalize() if -6 < v.adjusted() < 18 else v


# ---------------------------------------------------------------------------------------
# The scanner
# ---------------------------------------------------------------------------------------

_DIG = "零〇一二两三四五六七八九"
_AR = r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?"
_CN = f"[{_DIG}十][{_DIG}十百千万亿]*(?:点[{_DIG}]+)?"
_MULT = r"(?:万亿|千亿|百亿|亿|千万|百万|万|千(?![瓦米克伏亿万])|百(?![分万亿]))"
_APPROX = "(?:多|余)"
_SEP = "(?:至|到|-|~|～|—|－|–)"
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))


def _numexpr(tag: str) -> str:
    return (f"(?P<{tag}>(?:(?<![A-Za-z0-9.])(?P<{tag}ar>{_AR})|(?P<{tag}cn>{_CN}))"
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
        base *= _MULTIPLIERS[mu]
    approx = bool(m.group(tag + "ap1") or m.group(tag + "ap2"))
    return _clean(base), approx, cn is not None


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
        if before == "第" or after[:1] == "级":
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
                value_base = _clean(value * UNITS[u1].factor)
            elif m.group("bmu") and not m.group("amu"):
                # 7至8万元: the multiplier of the upper end applies to the lower end.
                value_base = _clean(value * _MULTIPLIERS[m.group("bmu")] * unit.factor)
            else:
                value_base = _clean(value * unit.factor)
            vmax = _clean(vb * unit.factor)
            if vmax < value_base:
                continue
            approx = approx or approx_b
            chinese = chinese and chinese_b
        else:
            value_base = _clean(value * unit.factor)
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
    return out


# ---------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """A time expression: ``raw`` as written, and ISO bounds when they are known.

    ``period_start`` / ``period_end`` are ``"YYYY"`` (a year, ``xsd:gYear``) or
    ``"YYYY-MM-DD"`` (``xsd:date``); ``None`` when not stated or not resolvable (``今年``
    in a document without a date, ``截至目前``).

    Examples
    --------
    >>> p, = find_periods("2016-2020年")
    >>> p.kind, p.period_start, p.period_end
    ('years', '2016', '2020')
    """

    start: int
    end: int
    raw: str
    #: year, years, plan, month, months, date, half, quarter, yearend, yearstart, since,
    #: asof, now, recent
    kind: str
    period_start: str | None = None
    period_end: str | None = None


_CNY = "〇零一二三四五六七八九"
_YEAR = rf"(?P<y>\d{{4}}|[{_CNY}]{{4}})年"
_RELY = r"(?P<rel>今年|去年|前年|明年|上年|本年)"


def _months(p: str = "") -> str:
    """Months (1-7月, 6月29日, 8月初) with group names prefixed by ``p``."""
    return (rf"(?P<{p}m1>\d{{1,2}})(?:(?:-|至|到|—|~|～|－)(?P<{p}m2>\d{{1,2}}))?月份?"
            rf"(?:(?P<{p}d1>\d{{1,2}})[日号])?(?P<{p}msub>底|末|初|上旬|中旬|下旬)?")


_SUB = r"(?P<sub>底|末|初|上半年|下半年|前三季度|第?[一二三四]季度|全年|年底|年初|年末)"
_PERIOD_RE = re.compile(
    r"(?P<asof>截至|截止到|截止)?(?:"
    rf"(?P<plan>“?十(?P<pn>[一二三四五])五”?(?:规划)?(?:期间|时期|末|以来)?)"
    rf"|(?P<yr>(?P<ya>\d{{4}})年?(?:-|至|到|—|~|～|－)(?P<yb>\d{{4}})年)"
    rf"|(?:{_YEAR}|{_RELY})(?:{_months()}|{_SUB})?"
    rf"|(?P<mon>{_months('x')})"
    r"|(?P<half>上半年|下半年|前三季度|第?[一二三四]季度|年底|年初|年末|年内)"
    r"|(?P<now>目前|当前|日前|现在|如今)"
    r"|(?P<recent>近年来|近几年来?|近些年来?|近年|多年来|\d+年来)"
    r")(?P<since>以来)?"
)

_SUB_KIND = {"上半年": "half", "下半年": "half", "前三季度": "quarter", "一季度": "quarter",
             "二季度": "quarter", "三季度": "quarter", "四季度": "quarter", "全年": "year",
             "年底": "yearend", "年末": "yearend", "底": "yearend", "末": "yearend",
             "年初": "yearstart", "初": "yearstart", "年内": "year"}
_HALF = {"上半年": (1, 6), "下半年": (7, 12), "前三季度": (1, 9), "一季度": (1, 3),
         "二季度": (4, 6), "三季度": (7, 9), "四季度": (10, 12), "全年": (1, 12),
         "年底": (12, 12), "年末": (12, 12), "年初": (1, 1), "底": (12, 12), "末": (12, 12)}
_REL = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}


def _cn_year(s: str) -> int:
    return int("".join(str(_CN_DIGIT[c]) for c in s)) if not s.isdigit() else int(s)


def _day(y: int, m: int, d: int | None = None, last: bool = False) -> str | None:
    if not (1 <= m <= 12):
        return None
    if d is None:
        d = calendar.monthrange(y, m)[1] if last else 1
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _doc_year(doc_date: str | None) -> int | None:
    if doc_date and re.match(r"\d{4}", doc_date):
        return int(doc_date[:4])
    return None


def find_periods(text: str, doc_date: str | None = None) -> list[Period]:
    """Time expressions in ``text`` that a number can be stated for.

    Parameters
    ----------
    text : str
        Normalised text.
    doc_date : str, optional
        Publication date (``YYYY-MM-DD`` or ``YYYY``), to resolve ``今年``, ``上半年``, ``1-7月``.

    Returns
    -------
    list of Period

    Examples
    --------
    >>> [(p.raw, p.kind, p.period_start, p.period_end) for p in find_periods("今年1-7月完成产气量", "2021-08-10")]
    [('今年1-7月', 'months', '2021-01-01', '2021-07-31')]
    >>> [(p.raw, p.period_start, p.period_end) for p in find_periods("截至2019年底,总人口达385万")]
    [('截至2019年底', None, '2019-12-31')]
    >>> [(p.raw, p.kind, p.period_start) for p in find_periods("近年来，吕梁市……截至目前")]
    [('近年来', 'recent', None), ('截至目前', 'asof', None)]
    """
    dy = _doc_year(doc_date)
    out: list[Period] = []
    for m in _PERIOD_RE.finditer(text):
        start, end = m.span()
        g = m.group
        kind, ps, pe = "year", None, None
        year: int | None = None
        if g("plan"):
            n = "一二三四五".index(g("pn")) + 1
            y0 = 2001 + 5 * n
            kind, ps, pe = "plan", str(y0), str(y0 + 4)
        elif g("yr"):
            ya, yb = int(g("ya")), int(g("yb"))
            if not (1000 <= ya <= yb <= 2199):
                continue
            kind, ps, pe = "years", str(ya), str(yb)
        elif g("y") or g("rel"):
            if g("y"):
                year = _cn_year(g("y"))
                if not 1000 <= year <= 2199:
                    continue
            elif dy is not None:
                year = dy + _REL[g("rel")]
            kind = "year"
            ps = pe = str(year) if year else None
            if g("m1"):
                m1 = int(g("m1"))
                m2 = int(g("m2")) if g("m2") else m1
                kind = "date" if g("d1") else ("months" if g("m2") else "month")
                if year:
                    d1 = int(g("d1")) if g("d1") else None
                    ps, pe = _day(year, m1, d1), _day(year, m2, d1, last=True)
                    if g("msub") in ("底", "末"):
                        ps = pe
            elif g("sub"):
                sub = g("sub").lstrip("第")
                kind = _SUB_KIND.get(sub, "year")
                lo, hi = _HALF.get(sub, (1, 12))
                if year:
                    if sub in ("底", "末", "年底", "年末"):
                        ps = pe = _day(year, 12, 31)
                    elif (lo, hi) != (1, 12) and sub not in ("初", "年初"):
                        ps, pe = _day(year, lo), _day(year, hi, last=True)
        elif g("mon"):
            m1 = int(g("xm1"))
            m2 = int(g("xm2")) if g("xm2") else m1
            if not (1 <= m1 <= m2 <= 12):
                continue
            kind = "date" if g("xd1") else ("months" if g("xm2") else "month")
            if dy:
                d1 = int(g("xd1")) if g("xd1") else None
                ps, pe = _day(dy, m1, d1), _day(dy, m2, d1, last=True)
        elif g("half"):
            sub = g("half").lstrip("第")
            kind = _SUB_KIND.get(sub, "half")
            if dy:
                lo, hi = _HALF.get(sub, (1, 12))
                if kind == "yearend":
                    ps = pe = _day(dy, 12, 31)
                elif kind == "yearstart":
                    ps = pe = str(dy)
                else:
                    ps, pe = _day(dy, lo), _day(dy, hi, last=True)
        elif g("now"):
            kind = "now"
        elif g("recent"):
            kind = "recent"
        if g("asof"):
            kind, ps = "asof", None
        if g("since"):
            kind, pe = "since", None
        out.append(Period(start, end, text[start:end], kind, ps, pe))
    return out
