"""Words that stand for a name said before: demonstratives (该项目, 这个平台, 全矿), bare
head nouns opening a clause (研究院依托…) and division words (全县, 全镇, 村里).

:func:`anaphor` and :func:`level_word` give the mention such a word stands for, for
:func:`~kg.extract.numbers.subjects.subject_of`.

Examples
--------
>>> ANAPHOR_HEADS["项目"], "Place" in SUBJECT_CORES
('Project', True)
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left

from kg.extract.numbers.context import CLAUSE_END, DIVISION_CLASSES, SUBJECT_CORES, Context
from kg.extract.wordlists import title_table
from kg.records import Mention

__all__ = ["ANAPHOR_HEADS", "anaphor", "level_word", "title_at"]


# A demonstrative and the kind of thing it stands for: 该项目, 这个城市综合服务平台, 全矿.
_ANAPHOR = re.compile(
    r"(?:该|此|这个|这一|这座|这家|这项|这条|本|全|我们的|我们|)([\u4e00-\u9fff]{0,6}?)"
    r"(项目|工程|平台|系统|基地|园区|电站|公司|企业|集团|学校|大学|医院|协会|合作社|会议|大会|论坛|"
    r"活动|博览会|纪念馆|旧址|政策|品牌|计划|煤矿|矿|厂|景区|新区|开发区|研究院|研究所|市场|县|市|区)")
#: Head nouns a demonstrative can stand with, and the core class of the names they stand for.
ANAPHOR_HEADS = {"项目": "Project", "工程": "Project", "平台": "Project", "系统": "Project",
                 "基地": "Project", "园区": "Place", "电站": "Project", "公司": "Institution",
                 "企业": "Institution", "集团": "Institution", "学校": "Institution",
                 "大学": "Institution", "医院": "Institution", "协会": "Institution",
                 "合作社": "Institution", "会议": "Event", "大会": "Event", "论坛": "Event",
                 "活动": "Event", "博览会": "Event", "纪念馆": "Memorial", "旧址": "Memorial",
                 "政策": "Program", "品牌": "Program", "计划": "Program", "煤矿": "Project",
                 "矿": "Project", "厂": "Project", "景区": "Place", "新区": "Place",
                 "开发区": "Place", "研究院": "Institution", "研究所": "Institution", "市场": "Institution",
                 "县": "Place", "市": "Place", "区": "Place"}
# A head noun standing for a name with another head of the same kind (学校 for a 大学).
_HEAD_KIN = {"学校": ("大学", "学院", "中学", "小学", "学校"), "大学": ("大学",), "企业": ("公司", "集团"),
             "公司": ("集团",)}
# 全县, 全市, 全区: the division of that level the text is about, not the document's city.
_LEVEL_CLASSES = {"县": ("County",), "市": ("City", "CountyLevelCity"), "区": ("District", "DevelopmentZone"),
                  "州": ("City",), "旗": ("County",), "镇": ("Township",), "乡": ("Township",),
                  "村": ("Village",)}
# 全县, 全镇, 全村 (not 全国, 全省: no division of the text's own); 村里, 镇上: the village or
# town as the place the clause is about; 村集体经济: the village's collective.
_LEVEL_WORD = re.compile(r"([全该])([县市区州旗镇乡村])|([村镇乡])(?:里|上)(?![面边头])|(村)(?=集体)")
_HEAD_REACH = 300
# 该院计划投入…, 该校, 该行 (a bank; not 该行业).
_SHORT_HEAD = re.compile(r"该([院校馆站局所社厂行])(?![业为动列])")
_SHORT_HEAD_ENDS = {"校": ("学校", "大学", "学院", "中学", "小学", "校")}
# 这座全国爱国主义教育示范基地: a site described anew, not named again by its head.
_SITE_DEMONSTRATIVES = frozenset({"这座", "这家", "这所"})
_SITE_DEMONSTRATIVE = re.compile("这座|这家|这所")
# 全 before these is the region word of the document's place (全市), not an anaphor.
_NOT_ANAPHOR = re.compile(r"(?:此外|本身|全面|全力|全国|全省|本地|本土)")


def anaphor(text: str, lo: int, hi: int, ctx: Context, topic_lo: int) -> Mention | None:
    """The name a demonstrative in ``text[lo:hi]`` stands for: the nearest earlier mention
    (since ``topic_lo``) whose name ends with the same head noun, else of the same kind, else
    (after 这座, 这家, 这所: a site described anew, 这座全国示范基地) the nearest site.

    Parameters
    ----------
    text : str
        The document's text.
    lo, hi : int
        Where to look for the demonstrative (a clause, or the sentence before a figure).
    ctx : Context
        The document's mentions and periods.
    topic_lo : int
        How far back the name may be (the start of the sentence before).

    Returns
    -------
    Mention or None

    Examples
    --------
    >>> from kg.text import read_text
    >>> from kg.extract.pipeline import Pipeline
    >>> doc = read_text("标题\\n\\n2月23日，晋源区光伏发电项目正式开工。该项目总投资12亿元。", doc_id="d")
    >>> state = Pipeline(["lexicon", "grammar", "select", "numbers"])(doc)
    >>> [(o.about.text, o.value, o.rule) for o in state.observations]
    [('晋源区光伏发电项目', Decimal('1200000000'), 'numbers:anaphor')]
    """
    for mt in _ANAPHOR.finditer(text, lo, hi):
        if _NOT_ANAPHOR.match(text, mt.start()):
            continue
        head, lead = mt.group(2), text[mt.start():mt.start(1)]
        if head in _LEVEL_CLASSES:
            continue  # 全县, 全市: division words (:func:`_level_word`)
        if lead == "全" and head not in ("矿", "煤矿", "厂", "园区", "景区"):
            continue
        # A bare head noun only as the subject opening its clause (研究院依托…, 今年1至6月份公司…:
        # the match may have taken the period's last characters before the head).
        at = mt.start(2) if lead == "" else mt.start()
        if lead == "" and not _bare_subject(text, at, mt.end(), ctx):
            continue
        if lead == "" and title_at(text, mt.end()):
            continue  # 纪念馆馆长某某介绍: the person speaks, the memorial is not the subject
        if any(m.start <= at < m.end for m in ctx.index.before(max(0, at - 40), mt.end())):
            continue  # inside a name
        core = ANAPHOR_HEADS[head]
        earlier = [m for m in ctx.index.before(topic_lo, mt.start())
                   if m.core in SUBJECT_CORES and m.end <= mt.start()]
        # …在黄河乾坤湾景区新建观景栈道…，景区全年接待游客…: a name written before the head
        # noun (the tagger's name left the head out) counts as a name with that head.
        same = next((m for m in earlier if m.text.endswith(head) or text.startswith(head, m.end)), None)
        if same is None:
            # The same head noun reaches further back than the sentence before (…纪念馆门前
            # 已排起长队。这座…基地馆藏文物…。今年1至10月，纪念馆累计接待观众…).
            same = next((m for m in ctx.index.before(max(0, topic_lo - _HEAD_REACH), topic_lo)
                         if m.core in SUBJECT_CORES and m.text.endswith(head)), None)
        if same is None and head in _HEAD_KIN:
            # 某大学校长吴某说，学校将每年选派100名…: 学校 is the university just named.
            same = next((m for m in earlier if mt.start() - m.end <= 40 and m.core == core
                         and m.text.endswith(_HEAD_KIN[head])), None)
        if same is None and lead != "":
            same = next((m for m in earlier if m.core == core), None)
        if same is None and lead in _SITE_DEMONSTRATIVES:
            same = next((m for m in earlier if m.core != "Place" or m.cls not in DIVISION_CLASSES), None)
        if same is not None:
            return same
    # 该院, 该校, 该馆: a one-character head standing for a name that ends with it.
    for mt in _SHORT_HEAD.finditer(text, lo, hi):
        ends = _SHORT_HEAD_ENDS.get(mt.group(1), (mt.group(1),))
        same = next((m for m in ctx.index.before(max(0, topic_lo - _HEAD_REACH), mt.start())
                     if m.core in SUBJECT_CORES and m.core != "Place" and m.text.endswith(ends)), None)
        if same is not None:
            return same
    # 这座水库主坝高134.5米 (a head noun not in the list): still the site just named.
    for mt in _SITE_DEMONSTRATIVE.finditer(text, lo, hi):
        if _bare_subject(text, mt.start(), mt.end(), ctx):
            return next((m for m in ctx.index.before(topic_lo, mt.start())
                         if m.core in SUBJECT_CORES and (m.core != "Place" or m.cls not in DIVISION_CLASSES)), None)
    return None


def level_word(text: str, lo: int, hi: int, ctx: Context, topic_lo: int) -> Mention | None:
    """The division a level word in ``text[lo:hi]`` stands for (全县, 该县, 全镇, 村里): the nearest
    place of that level named since ``topic_lo``.

    Asked for only where a place would be the subject anyway (an event's frame comes first);
    全市 in a city's news is the document's city (the region-word rule).

    Parameters
    ----------
    text : str
        The document's text.
    lo, hi : int
        Where to look for the word (the sentence before a figure).
    ctx : Context
        The document's mentions and main place.
    topic_lo : int
        How far back the place may be (the start of the sentence before).

    Returns
    -------
    Mention or None

    Examples
    --------
    >>> from kg.text import read_text
    >>> from kg.extract.pipeline import Pipeline
    >>> doc = read_text("标题\\n\\n长治市沁源县是“中国药茶之乡”，全县药材种植面积12万亩。", doc_id="d")
    >>> state = Pipeline(["lexicon", "grammar", "select", "numbers"])(doc)
    >>> [(o.about.text, o.rule) for o in state.observations]
    [('沁源县', 'numbers:level-word')]
    """
    # The word nearest the figure speaks for it (村里成立了合作社，…全市…产量: the city).
    for mt in reversed(list(_LEVEL_WORD.finditer(text, lo, hi))):
        head = mt.group(2) or mt.group(3) or mt.group(4)
        if mt.group(1) == "全" and head == "市" and ctx.main_is_city:
            return None  # 全市 in a city's news: the region-word rule
        if (mt.group(3) or mt.group(4)) and not _bare_subject(text, mt.start(), mt.end(), ctx):
            continue  # 来到村里: a place gone to, not the clause's subject
        # Places inside names count too (湄潭县茶产业发展中心的工作人员介绍，全县…).
        a, b = bisect_left(ctx.index.starts, topic_lo), bisect_left(ctx.index.starts, mt.start())
        places = []
        for m in reversed(ctx.index.by_start[a:b]):
            if m.end > mt.start():
                continue
            if m.core == "Place" and m.cls in _LEVEL_CLASSES[head]:
                places.append(m)
            elif m.core == "Institution" and m.text.endswith(_LEVEL_BODIES):
                # 茶峒镇党委书记张明介绍，今年全镇…: the town whose party committee speaks.
                owner = _owner_place(m, ctx, _LEVEL_CLASSES[head])
                if owner is not None:
                    places.append(owner)
        # 十八洞村…当戎寨4个自然寨…村里: a name with the level's own head before any other.
        same = next((m for m in places if m.text.endswith(head)), places[0] if places else None)
        if same is not None:
            return same
    return None


# Bodies of a division named after it (茶峒镇党委, 凤冈县人民政府).
_LEVEL_BODIES = ("党委", "政府", "委员会", "党工委", "管委会", "村委会", "居委会", "县委", "市委",
                 "镇委", "区委", "州委", "旗委", "党总支", "支部")


def _owner_place(body: Mention, ctx: Context, classes: tuple[str, ...]) -> Mention | None:
    """The place of one of ``classes`` the document names whose name opens ``body``'s."""
    return next((m for m in ctx.index.by_start if m.core == "Place" and m.cls in classes
                 and len(m.text) >= 2 and body.text.startswith(m.text) and m.text != body.text), None)


def title_at(text: str, pos: int) -> bool:
    """Whether a person's title (馆长, 负责人, 书记…) starts at ``pos``.

    Parameters
    ----------
    text : str
    pos : int

    Returns
    -------
    bool

    Examples
    --------
    >>> title_at("纪念馆馆长谢某介绍", 3), title_at("纪念馆累计接待观众", 3)
    (True, False)
    """
    return any(text.startswith(t, pos) for t in _titles().get(text[pos:pos + 1], ()))


@functools.cache
def _titles() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for t in (*title_table(), "负责人"):
        out.setdefault(t[0], []).append(t)
    return {k: tuple(v) for k, v in out.items()}


def _bare_subject(text: str, start: int, end: int, ctx: Context) -> bool:
    """Whether a head noun at ``start`` opens its clause (after a period or a connective at
    most: 今年1至10月，纪念馆…; 今年以来市场…)."""
    k = start
    while k > 0 and text[k - 1] not in CLAUSE_END and start - k <= 16:
        k -= 1
    lead = text[k:start].lstrip("“")
    for p in ctx.periods_in(k, start):
        lead = lead.replace(p.raw, "")
    return (k == 0 or text[k - 1] in CLAUSE_END) and not any(ch.isdigit() for ch in text[end:end + 1]) \
        and lead in ("", "目前", "今年", "同时", "此外", "其中", "去年", "以来", "如今")
