"""What a number measures: the words before it in its clause, or the noun it counts.

``今年1-7月完成产气量12.7亿立方米`` measures ``产气量`` (the subject, the period and filler
words such as ``完成``, ``达到`` dropped); ``2座智能化煤矿`` counts ``智能化煤矿数量``; a bare
change (``同比增长131%``) is named after the measure before it in the sentence.
:func:`fill_measures` fills the measure of each quantity of one sentence.

Examples
--------
>>> from kg.extract.numbers.context import Found, MentionIndex
>>> from kg.extract.periods import find_periods
>>> from kg.extract.quantities import find_quantities
>>> text = "今年1-7月完成产气量12.7亿立方米，同比增长131%。"
>>> found = [Found(q, 0, (0, len(text))) for q in find_quantities(text)]
>>> fill_measures(text, found, find_periods(text), MentionIndex([]))
>>> [f.measure for f in found]
['产气量', '产气量同比增长']
"""

from __future__ import annotations

import re

from kg.extract.numbers.context import Found, MentionIndex
from kg.extract.periods import Period
from kg.extract.tokens import tokenize

__all__ = ["fill_measures"]


# Where the words naming a measure stop, looking left from the number.
_MEASURE_STOP = frozenset("，,；;：:。！？!?、")
# Where the counted noun stops, looking right from the unit.
_NOUN_STOP = frozenset("，,；;：:。！？!?、（(的 ")
_PARENS = re.compile(r"[（(][^（()）]*[)）]")
_EDGE_PUNCT = "“”‘’《》「」『』()（）—…·-~ "


_LEAD_STOP = frozenset({
    "其中", "共有", "共计", "总计", "合计", "共", "有", "完成", "全市", "全县", "全区", "全省",
    "全国", "对", "在", "将", "已", "已经", "目前", "现", "现有", "并", "和", "及", "与", "还",
    "也", "都", "均", "先后", "分别", "达", "为", "等", "等地", "地", "则", "又", "再", "就",
    "同时", "此外", "其", "另", "另有", "以及", "而", "且", "并且", "上", "中", "了", "的",
    "她", "他", "她们", "他们", "该", "这", "这个", "此", "由", "以", "把", "被", "从", "向",
})
_TRAIL_STOP = frozenset({
    "达到", "达", "为", "是", "约", "近", "超", "超过", "共", "共计", "总计", "合计", "计",
    "完成", "降至", "降到", "降", "增至", "增加到", "提高到", "提升至", "提升到", "上升到",
    "上升至", "突破", "至", "到", "了", "有", "约为", "分别", "分别为", "预计", "预计为",
    "高达", "仅", "仅为", "已", "已达", "已有", "就", "达到了", "累计达", "总数", "共有",
    "约有", "多达", "逾", "超出", "在", "于", "的", "着", "过", "由", "从",
})
# Words of effort that open many clauses (加快推进, 狠抓) and vague amounts (一批): not
# part of what is measured.
_EFFORT = frozenset({"加快", "推进", "加快推进", "大力", "积极", "狠抓", "全力", "持续", "着力",
                     "深入", "扎实", "稳步", "努力", "不断", "进一步", "切实", "全面", "重点",
                     "坚持", "继续", "坚决", "大力实施", "积极推进", "稳步推进", "强力", "统筹"})
_VAGUE = frozenset({"一批", "一些", "一系列", "多个", "一大批", "若干", "部分"})
_ADVERBS = frozenset({"全部", "均", "都", "已", "已经", "共", "全", "分别", "先后", "全面",
                      "基本", "顺利", "相继", "陆续", "正", "将", "还", "也", "再"})
_CHANGE = re.compile(r"^(?:同比|环比|较上年|比上年|较去年|比去年|较上年同期|比上年同期)?"
                     r"(?:增长|下降|增加|减少|提高|降低|上涨|下滑|回落|上升|增幅|降幅|增速)$")
_PEOPLE_NOUNS = ("贫困人口", "人口", "贫困劳动力", "劳动力", "群众", "农民", "居民", "人才",
                 "学生", "职工", "员工", "干部", "党员", "患者", "游客", "人员", "村民", "师生",
                 "果农", "茶农", "菜农", "牧民", "渔民", "工人", "妇女", "儿童", "老人",
                 "青年", "志愿者", "建档立卡贫困人口")
# A length measured per hour (列车时速160公里, 设计速度每小时80公里).
_SPEED = re.compile(r"(?:时速|每小时|速度)$")
# 从几乎为零增加到 / 由5%提高至: the change the figure ends, not part of what it measures.
_FROM_TO = re.compile(r"(?:也|已|则)?[从由][^，。；]{0,12}?(?:增加|增长|提高|提升|上升|下降|减少|降低|扩大|缩小|跃升|攀升)"
                      r"(?:到|至|为)?(?:了)?$")
# 最快只需1小时: a journey's time is a fact too.
_DURATION_MEASURE = re.compile(r"(期|时间|周期|时长|工期|年限|寿命|天数|时数|只需|仅需|用时|耗时|车程)$")
_NOUN_TAGS = ("n", "nz", "ns", "nt", "ng", "nrt", "j", "l", "eng", "oov")
_MODIFIER_TAGS = ("a", "an", "b", "vn", "nr", "f", "s", "z", "v")
_PEOPLE_UNITS = frozenset({"人", "名", "户", "人次", "位"})


def _has_han(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def _strip_words(s: str) -> str:
    """Drop filler words at both ends of a measure (word by word, with jieba)."""
    s = s.strip(_EDGE_PUNCT)
    if not s:
        return ""
    words = [t.word for t in tokenize(s) if t.word not in _VAGUE]
    while words and (words[0] in _LEAD_STOP or words[0] in _EFFORT or not _has_han(words[0])):
        words.pop(0)
    while words and (words[-1] in _TRAIL_STOP or not _has_han(words[-1])):
        words.pop()
    while words and sum(map(len, words)) > 14:
        words.pop(0)
    out = "".join(words).strip(_EDGE_PUNCT)
    # Unbalanced quotes left by the cut.
    if out.count("“") != out.count("”"):
        out = out.replace("“", "").replace("”", "")
    return out if _has_han(out) else ""


def _counted_noun(text: str, start: int) -> tuple[str, str]:
    """The phrase right after a unit: ``("np", noun)`` or ``("vp", verb phrase)``."""
    end = start
    limit = min(len(text), start + 14)
    while end < limit and text[end] not in _NOUN_STOP and not text[end].isdigit():
        end += 1
    if end == start:
        return "", ""
    toks = tokenize(text[start:end])
    i = 0
    while i < len(toks) and toks[i].word in _ADVERBS:
        i += 1
    toks = toks[i:]
    if not toks:
        return "", ""
    first = toks[0]
    second = toks[1].tag if len(toks) > 1 else ""
    if first.tag in ("d", "p", "c", "u", "uj", "ul"):
        return "", ""
    if first.tag == "v" and second not in _NOUN_TAGS:
        # 11.26万人全部搬迁安置到位: what the people did (not 知名高校, a modified noun)
        return "vp", "".join(t.word for t in toks)[:8]
    words: list[tuple[str, str]] = []
    noun_seen = False
    for t in toks:
        if t.word in _ADVERBS:
            break
        is_quote = t.word in ("“", "”")
        if t.tag in _NOUN_TAGS:
            noun_seen = True
        elif is_quote or t.tag in _MODIFIER_TAGS:
            if t.tag == "v" and noun_seen:
                break
        else:
            break
        words.append((t.word, t.tag))
    while words and words[-1][1] not in _NOUN_TAGS and words[-1][0] != "”":
        words.pop()
    np = "".join(w for w, _ in words)
    if np.count("“") != np.count("”"):
        np = np.replace("“", "").replace("”", "")
    return ("np", np) if _has_han(np) else ("", "")


def fill_measures(text: str, found: list[Found], periods: list[Period], index: MentionIndex) -> None:
    """Fill ``measure`` and ``unit`` of the quantities of one sentence."""
    prev: Found | None = None
    last_measure = ""  # the last non-change measure in the sentence
    by_unit: dict[str, str] = {}  # the last measure of each base unit in the sentence
    for f in found:
        q = f.q
        cs, _ = f.clause
        lo = cs
        same_clause_prev = prev if prev is not None and prev.clause == f.clause else None
        after_count = False
        if same_clause_prev is not None:
            lo = max(lo, same_clause_prev.q.end)
            after_count = same_clause_prev.q.kind == "count"
        hi = q.start
        for p in periods:
            if lo <= p.end <= q.start:
                if p.start > lo and not text[p.end:q.start].strip("的 "):
                    hi = p.start  # 收入增加到去年的420万元: the measure is before the period
                    break
                lo = max(lo, p.end)
        last = next(index.before(lo, hi), None)
        if last is not None and last.end == q.start and last.core in ("Program", "Project"):
            # 完成退耕还林82万亩: the program right before the number is what is measured.
            lo = last.start
        elif last is not None:
            lo = last.end
        window = _FROM_TO.sub("", _PARENS.sub("", text[lo:hi]))
        cut = max((window.rfind(ch) for ch in _MEASURE_STOP), default=-1)
        window = window[cut + 1:]
        conj = window.rfind("以及")
        if conj >= 0:
            window = window[conj + 2:]  # 智能矿山建设以及2座智能化煤矿
        if after_count and cut < 0 and same_clause_prev.q.end == lo and same_clause_prev.noun:
            # 11个省份22个城市, 45个市县的2小时: the words first are the noun counted before
            if window.startswith(same_clause_prev.noun):
                window = window[len(same_clause_prev.noun):].lstrip("的")
        if "的" in window:
            head, _, tail = window.rpartition("的")
            window = tail if _strip_words(tail) else head
        left = _strip_words(window)
        kind, right = _counted_noun(text, q.end)
        if kind == "np":
            f.noun = right
        unit = q.base_unit
        measure, source = left, "left"
        if q.raw.endswith("级"):
            # 打造3000亿级煤都吕梁: the scale of what is built, named after the number
            measure, source = (right if kind == "np" and right else "产业") + "规模", "right"
        elif q.kind == "count":
            if kind == "np" and right and not right.startswith(left or "\0"):
                measure, source = (left + right, "left") if left else (right + "数量", "right")
            elif not left and kind == "vp" and q.base_unit in _PEOPLE_UNITS:
                measure, source = right, "right"
        elif q.kind == "number":
            # A bare multiple: a people count when the words say so (总人口达385万,
            # 带动1.47万贫困劳动力), else not a quantity.
            if kind == "np" and right.startswith(_PEOPLE_NOUNS):
                unit = "人"
                measure, source = (left + right, "left") if left else (right + "数量", "right")
            elif left.endswith(("人口", "人数")):
                unit = "人"
            else:
                measure = ""
        elif not left and kind == "np" and q.kind in ("area", "mass", "volume", "power", "money"):
            measure, source = right, "right"
        if not measure and same_clause_prev is not None and same_clause_prev.measure:
            gap = text[same_clause_prev.q.end:q.start]
            if gap in ("", "、", "和", "及", "或"):
                measure, source = same_clause_prev.measure, "shared"
        if (not measure and last is not None and last.end == q.start and q.kind != "count"
                and last.core in ("Place", "Institution") and q.base_unit in by_unit):
            # 湄潭县茶园面积60万亩，凤冈县50万亩: a name and a number alone, in a list of
            # the same measure for each.
            measure, source = by_unit[q.base_unit], "shared"
        if q.kind == "length" and _SPEED.search(measure):
            unit = f"{q.base_unit}/小时"  # 时速160公里: a speed, not a distance
        if measure and _CHANGE.match(measure) and last_measure:
            measure, source = last_measure + measure, "change"
        f.measure, f.measure_from, f.unit = measure, source, unit
        if q.chinese and q.value < 10 and not q.approx:
            f.drop = True  # 三个一批, 两名, 四届: slogans and narration
        elif q.kind == "duration" and not _DURATION_MEASURE.search(measure):
            f.drop = True
        elif q.kind == "age" and not measure.endswith("年龄"):
            f.drop = True
        if measure and not _CHANGE.match(measure) and source != "change":
            last_measure = measure
            by_unit[q.base_unit] = measure
        prev = f
    # A quantity with no words of its own shares those of the one it is written next to
    # (3.74万户11.26万人全部搬迁安置到位).
    for f, g in zip(found, found[1:]):
        if not f.measure and f.unit and g.measure and g.clause == f.clause and f.q.end == g.q.start:
            f.measure, f.measure_from = g.measure, "shared"
