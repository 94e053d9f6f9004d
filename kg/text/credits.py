"""Recognise photo captions, credits, bylines, the credited source and a stated date.

Every function takes one line of *normalised* text (see :mod:`kg.text.normalize`).

Captions (kind ``caption``): ``图①为…``, ``图为…``, ``上图：…``, a photo credit at the
end (``…作业。侯利军 摄``, ``…（记者 张三 摄）``, ``…资料图片``).
Credits (kind ``credit``): a line wholly in brackets that credits someone
(``(吕梁市委宣传统战部供稿)``, ``（据《山西日报》）``, ``(本版文字、图片由…提供)``),
``本版图片…``, ``来源：…``, ``据《…》``, bylines (``■ 曹娜``, ``本报记者 张三``,
``新华社记者 …``), editorial lines (``主办单位：…``, ``责任编辑：…``).

Examples
--------
>>> line_kind("图①为吕梁市脱贫攻坚领导小组。"), line_kind("本版图片均由冯坤摄")
('caption', 'credit')
>>> line_kind("吕梁是革命老区。")
>>> credited_source("(本版文字、图片由吕梁市委宣传统战部提供)")
'吕梁市委宣传统战部'
>>> stated_date("2021年8月23日 星期一")
'2021-08-23'
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["line_kind", "trailing_credit", "credited_source", "stated_date", "dateline_date"]

_OPEN, _CLOSE = "(（", ")）"
_NAME = r"[\u4e00-\u9fff·]{2,4}"
_CREDIT_WORDS = r"(?:供稿|提供|整理|撰稿|编辑|记者|通讯员|来源|稿源|据《|作者|文/|图/)"

_CAPTION_RES = (
    re.compile(r"^(?:上|下|左|右|中|题|组|本|配)?图\s*[①-⑳0-9一二三四五六七八九十]*\s*[为：:]"),
    re.compile(r"^图\s*[①-⑳]"),
    # "…侯利军 摄", "…（记者 张三 摄）", "新华社记者 王某 摄"
    re.compile(r"(?:^|[\s。；;，,!！?？(（])(?:[^\s。；;，,(（)）]{0,12}记者\s*)?[\u4e00-\u9fff·]{2,4}\s*(?<!拍)摄[)）]?$"),
    re.compile(r"[(（][^()（）]*摄[^()（）]{0,4}[)）]$"),
    re.compile(r"(?:资料图片|资料图|供图|图片来源[:：].*|/图|（图）|\(图\))$"),
)
_CREDIT_RES = (
    re.compile(rf"^[(（][^()（）]{{0,60}}{_CREDIT_WORDS}[^()（）]{{0,60}}[)）]$"),
    re.compile(r"^(?:本版|本期|本文)?(?:图片|摄影|照片|图)(?:均|由|/|：|:)"),
    re.compile(r"^(?:来源|稿源|本文来源|转自|出处)\s*[:：]"),
    re.compile(r"^据《[^》]{1,30}》"),
    re.compile(rf"^■\s*{_NAME}(?:\s+{_NAME})*$"),
    re.compile(rf"^(?:本报|本刊|新华社|中新社|人民网|央视网)?(?:特约|实习)?(?:记者|通讯员)\s*[:：]?\s*{_NAME}"
               rf"(?:[\s、，,]+(?:(?:本报|特约|实习)?(?:记者|通讯员)\s*)?{_NAME})*$"),
    re.compile(r"^(?:主办|承办|协办|出品|监制|策划|制作|责任编辑|责编|编辑|校对|审核|审校|主编|"
               r"总编辑|值班编辑|美编|作者)(?:单位)?\s*[:：]"),
)
_TRAILING_CREDIT_RE = re.compile(
    rf"[(（](?:[^()（）]{{0,20}}(?:记者|通讯员|供稿|据《|来源|稿源|整理|撰稿)[^()（）]{{0,60}})[)）]\s*$"
)


def line_kind(line: str) -> str | None:
    """``"caption"`` or ``"credit"`` when the whole line is one, else None.

    Parameters
    ----------
    line : str
        One line of normalised text, stripped.

    Examples
    --------
    >>> line_kind("（据《山西日报》）"), line_kind("■ 曹娜"), line_kind("中阳县鑫岩煤矿。 资料图片")
    ('credit', 'credit', 'caption')
    >>> line_kind("工人正在进行质检作业。侯利军 摄")
    'caption'
    """
    line = line.strip()
    if not line or len(line) > 200:
        return None
    for pattern in _CREDIT_RES:
        if pattern.search(line):
            return "credit"
    if len(line) <= 150:
        for pattern in _CAPTION_RES:
            if pattern.search(line):
                return "caption"
    return None


def trailing_credit(line: str) -> int | None:
    """Index where a bracketed credit at the end of a body line starts, or None.

    Examples
    --------
    >>> s = "阔步前行。(本报记者 麻凯程 整理/文)"
    >>> s[trailing_credit(s):]
    '(本报记者 麻凯程 整理/文)'
    >>> trailing_credit("建成华为山西(吕梁)大数据中心。") is None
    True
    """
    m = _TRAILING_CREDIT_RE.search(line)
    if m is None or m.start() == 0:
        return None
    return m.start()


_SOURCE_RES = (
    re.compile(r"据《([^》]{1,30})》"),
    re.compile(r"(?:来源|稿源|本文来源|转自|出处)\s*[:：]\s*《?([^》\s，,。;；)）]{2,30})"),
    re.compile(r"由([^()（）\s，,。、]{2,30}?)(?:供稿|提供)"),
    re.compile(r"([^()（）\s，,。、]{2,30}?)供稿"),
    re.compile(rf"((?:本报|本刊|新华社|中新社|人民网|央视网)?(?:特约|实习)?记者)\s*[:：]?\s*({_NAME})"),
    re.compile(rf"^■\s*({_NAME})"),
)
_NAME_TAIL = re.compile(r"(?:整理|摄影|报道|摄|文|图)$")


def credited_source(line: str) -> str | None:
    """The source a credit line names for the text, or None for photo-only credits.

    Examples
    --------
    >>> credited_source("（据《山西日报》）"), credited_source("(吕梁市委宣传统战部供稿)")
    ('山西日报', '吕梁市委宣传统战部')
    >>> credited_source("(本报记者 麻凯程 整理/文 吕梁日报记者 刘亮亮/图)")
    '本报记者 麻凯程'
    >>> credited_source("本版图片均由冯坤摄") is None
    True
    """
    text = line.strip().strip(_OPEN + _CLOSE).strip()
    if re.match(r"^(?:本版|本期|本文)?(?:图片|摄影|照片)", text) and "文字" not in text:
        return None
    for pattern in _SOURCE_RES:
        m = pattern.search(text)
        if m is None:
            continue
        if m.lastindex == 2:
            name = _NAME_TAIL.sub("", m.group(2)) if len(m.group(2)) > 2 else m.group(2)
            return f"{m.group(1)} {name}"
        return m.group(1).strip()
    return None


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
_DATE_RES = (
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),
    re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"),
)


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _date(match: re.Match) -> str | None:
    try:
        y, m, d = (_cn_number(g) for g in match.groups())
        return _dt.date(y, m, d).isoformat() if 1900 <= y <= 2100 else None
    except ValueError:
        return None


def stated_date(line: str) -> str | None:
    """The ISO date a dateline, byline or credit line states, or None.

    Only lines that are *about* the date qualify (a date plus at most a few words such as
    ``星期一`` or ``发布时间：``, or a credit line); a date inside a body sentence is an
    event date, not the publication date.

    Examples
    --------
    >>> stated_date("发布时间：2021-08-23 10:30")
    '2021-08-23'
    >>> stated_date("二〇二一年八月二十三日")
    '2021-08-23'
    >>> stated_date("2021年8月23日，吕梁市召开了全市党史学习教育部署会，会议强调……") is None
    True
    """
    line = line.strip()
    for pattern in _DATE_RES:
        m = pattern.search(line)
        if m is None:
            continue
        rest = (line[: m.start()] + line[m.end():]).strip()
        rest = re.sub(r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?", "", rest)
        if len(rest) <= 16 or line_kind(line) == "credit":
            return _date(m)
    return None


_DATELINE_RE = re.compile(
    r"^[^，。,]{0,24}?(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:电|讯|消息)"
)


def dateline_date(paragraph: str) -> str | None:
    """The date of a news-agency dateline opening a paragraph (``新华社太原2021年8月23日电``).

    Examples
    --------
    >>> dateline_date("新华社太原2021年8月23日电（记者 王某）吕梁市……")
    '2021-08-23'
    >>> dateline_date("2021年8月23日，吕梁市召开会议。") is None
    True
    """
    m = _DATELINE_RE.match(paragraph)
    if m is None:
        return None
    inner = _DATE_RES[0].search(m.group(1))
    return _date(inner) if inner else None
