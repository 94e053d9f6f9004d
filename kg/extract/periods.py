"""Time periods a number can be stated for, in normalised Chinese text.

:func:`find_periods` reads years (``2019年``, ``2014年底``), relative years (``今年``, resolved
against the document date when known), month ranges (``1-7月``, ``今年1至5月``), halves and
quarters (``上半年``), five-year plans (``十三五`` → 2016–2020) and open periods
(``截至目前``, ``近年来``, ``今年6月以来``). Bounds are ISO strings: a year (``xsd:gYear``,
``"2016"``) or a day (``xsd:date``). One compiled expression scans the text once.

Examples
--------
>>> [(p.raw, p.period_start, p.period_end) for p in find_periods("“十三五”期间，累计培训6.4万人")]
[('“十三五”期间', '2016', '2020')]
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from kg.extract.numerals import CN_DIGITS

__all__ = ["Period", "find_periods"]


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
    return int("".join(str(CN_DIGITS[c]) for c in s)) if not s.isdigit() else int(s)


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
