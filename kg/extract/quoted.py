"""Quoted program names: “吕梁山护工”品牌, 开展“我为群众办实事”实践活动, 实施“三五工程”.

Quotation marks also mark speech and emphasis, so a quoted string is a Program only when
it ends with a program head or a program cue word follows it (or, alone, it is put into
action, 推进“三个一批”, or taken as the tool of work, 以“五个一批”为抓手).

Examples
--------
>>> [(m.text, m.cls) for m in find_quoted("打造“吕梁山护工”品牌，实施“三五工程”。")]
[('吕梁山护工', 'LabourBrand'), ('三五工程', 'Policy')]
>>> [(m.text, m.cls) for m in find_quoted("滚动推进“三个一批”，依托“红色柳林”文旅品牌")]
[('三个一批', 'Campaign'), ('红色柳林', 'Program')]
"""

from __future__ import annotations

import re

from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import core_of
from kg.extract.tokens import word_freq
from kg.extract.wordlists import head_table
from kg.records import Mention

__all__ = ["QuotedNames", "find_quoted", "find_titles", "find_formulas"]

_QUOTED = re.compile(r"[“\"「]([^“”\"「」，。；：！？\n]{2,24})[”\"」]")
#: Cue words after a quoted name → class of the name.
CUES = {
    "品牌": "LabourBrand", "劳务品牌": "LabourBrand", "实践活动": "Campaign",
    "主题活动": "Campaign", "活动": "Campaign", "行动": "Campaign", "专项行动": "Campaign",
    "工程": "Policy", "计划": "Policy", "行动计划": "Policy", "三年行动": "Campaign", "模式": "Policy", "试点": "ReformPilot",
    "战略": "Policy", "政策": "Policy", "工作法": "Policy", "机制": "Policy",
    "贷": "FinancialProduct", "贷款": "FinancialProduct", "基金": "FinancialProduct",
    "制度": "Policy", "改革": "ReformPilot", "项目": "Campaign", "人才新政": "Policy",
}
# A place's promotional brand: “红色柳林”文旅品牌, “中国酒都”城市品牌.
_PLACE_BRAND_CUES = ("文旅品牌", "城市品牌", "旅游品牌", "公用品牌", "区域公用品牌", "农业品牌")
CUES.update(dict.fromkeys(_PLACE_BRAND_CUES, "Program"))
#: Cues that type a quoted name without being part of it (“吕梁山护工”品牌).
EXCLUDED_CUES = frozenset({"品牌", "劳务品牌", "实践活动", "主题活动", "活动", "项目", "政策", "人才新政",
                           *_PLACE_BRAND_CUES})
# A verb that puts a programme into action, right before a quoted name with no cue after it:
# 滚动推进“三个一批”，.
_ACTION_BEFORE = re.compile(r"(?:实施|推进|开展|落实|推行|启动|深化)$")
_CLAUSE_AFTER = frozenset("，。；、！？,;\n")
# 以“五个一批”为抓手: a quoted name taken as the tool or vehicle of work is a programme.
_AS_TOOL = re.compile(r"为(?:总抓手|抓手|载体|牵引|引领)")
_PROGRAM_CLASSES = frozenset({"LabourBrand", "Campaign", "ReformPilot", "FinancialProduct",
                              "Policy", "PovertyAlleviationProgram"})


_TITLE = re.compile(r"《([^《》\n]{2,40})》")
#: The last words of a document title in 《》 → its class (a policy or a newspaper).
TITLE_ENDINGS = {
    "意见": "Policy", "实施意见": "Policy", "方案": "Policy", "实施方案": "Policy", "办法": "Policy",
    "规划": "Policy", "条例": "Policy", "决定": "Policy", "通知": "Policy", "纲要": "Policy",
    "计划": "Policy", "措施": "Policy", "细则": "Policy", "规定": "Policy",
    "日报": "Media", "晚报": "Media", "报": "Media", "杂志": "Media",
}


def find_titles(text: str) -> list[Mention]:
    """Titles in 《》 of policies and newspapers (《关于推进农村移风易俗的意见》, 《山西日报》).

    >>> [(m.text, m.cls) for m in find_titles("印发《关于推进农村移风易俗的意见》。据《山西日报》报道")]
    [('关于推进农村移风易俗的意见', 'Policy'), ('山西日报', 'Media')]
    """
    out = []
    for m in _TITLE.finditer(text):
        inner = m.group(1)
        end = next((e for e in sorted(TITLE_ENDINGS, key=len, reverse=True) if inner.endswith(e)), None)
        if end is None:
            continue
        cls = TITLE_ENDINGS[end]
        out.append(Mention(m.start(1), m.end(1), inner, core_of(cls), cls, rule="grammar:book-title",
                           confidence=0.8))
    return out


_NUM = "一二三四五六七八九十两"
_FORMULA = re.compile(rf"(?<![{_NUM}\d])((?:[{_NUM}]{{1,2}}个?[^{_NUM}\W\d]{{1,2}}){{2,4}})"
                      r"(?=项目|总体思路|要求|工程|行动|政策|模式|战略|目标|体系|机制|举措|活动|工作|要求)")
_FORMULA_BEFORE = re.compile(r"(?:按照|实施|推进|开展|落实|坚持|围绕|聚焦|推行|突出)$")


def find_formulas(text: str) -> list[Mention]:
    """Numbered formulas that name policies, unquoted: 四为四高两同步总体思路, 三个一批项目.

    >>> [m.text for m in find_formulas("按照山西省委四为四高两同步总体思路，开展三个一批项目")]
    ['四为四高两同步', '三个一批']
    """
    out = []
    for m in _FORMULA.finditer(text):
        name = m.group(1)
        chunks = re.findall(rf"[{_NUM}]{{1,2}}个?[^{_NUM}\W\d]{{1,2}}", name)
        # A formula repeats its numbered pattern; 一个城市 or 两个中心 alone is a count.
        if len(chunks) < 2 or len(name) > 10:
            continue
        # 一个城市两个中心 counts common nouns; a formula's parts are not words of their own.
        if any("个" in c and word_freq(c.split("个", 1)[1]) >= 300 for c in chunks):
            continue
        out.append(Mention(m.start(1), m.end(1), name, "Program", "Policy", rule="grammar:formula",
                           confidence=0.7))
    return out


def _cue_after(text: str, pos: int) -> str | None:
    after = text[pos:pos + 6]
    if after.startswith("等"):
        after = after[1:]
    return next((c for c in sorted(CUES, key=len, reverse=True) if after.startswith(c)), None)


def find_quoted(text: str) -> list[Mention]:
    """Quoted names typed as programs (the span excludes the quotation marks).

    A list of quoted names shares the cue after the last one:
    “开学第一课”“主题研学”“五个一”等活动 are three campaigns.
    """
    heads = head_table()
    out = []
    quotes = [m for m in _QUOTED.finditer(text) if m.group(1).strip() == m.group(1)]
    # Group quotes that follow each other directly or with 、 between them.
    groups: list[list[re.Match]] = []
    for m in quotes:
        if groups and text[groups[-1][-1].end():m.start()] in ("", "、", "和", "及"):
            groups[-1].append(m)
        else:
            groups.append([m])
    for group in groups:
        shared = _cue_after(text, group[-1].end())
        for m in group:
            inner = m.group(1)
            own = _cue_after(text, m.end()) if m is group[-1] else None
            cue = own or (shared if shared in EXCLUDED_CUES else None)
            cls = CUES[cue] if cue else None
            if cls is None:
                head = next((inner[-k:] for k in range(min(len(inner) - 1, 6), 0, -1)
                             if inner[-k:] in heads), None)
                if head and heads[head].cls in _PROGRAM_CLASSES:
                    cls = heads[head].cls
            if (cls is None and _ACTION_BEFORE.search(text, max(0, m.start() - 2), m.start())
                    and (m.end() == len(text) or text[m.end()] in _CLAUSE_AFTER) and len(inner) <= 8):
                out.append(Mention(m.start(1), m.end(1), inner, "Program", "Campaign",
                                   rule="grammar:quoted-after-action", confidence=0.7))
                continue
            if (cls is None and len(group) == 1 and text[m.start() - 1:m.start()] == "以"
                    and _AS_TOOL.match(text, m.end()) and len(inner) <= 12):
                out.append(Mention(m.start(1), m.end(1), inner, "Program", "Campaign",
                                   rule="grammar:quoted-as-tool", confidence=0.7))
                continue
            if cls is None:
                continue
            if cue and cue not in EXCLUDED_CUES and text.startswith(cue, m.end()):
                # “1916”行动计划: a cue that is a program noun belongs to the name.
                tail = text[m.end():m.end() + 6]
                full = next((h for h in sorted(heads, key=len, reverse=True)
                             if tail.startswith(h) and len(h) >= len(cue)), cue)
                out.append(Mention(m.start(), m.end() + len(full), text[m.start():m.end() + len(full)],
                                   core_of(cls), cls, rule="grammar:quoted+cue", confidence=0.8))
                continue
            out.append(Mention(m.start(1), m.end(1), inner, core_of(cls), cls,
                               rule="grammar:quoted", confidence=0.75))
    return out


@register_component("quoted")
class QuotedNames:
    """Propose quoted program names (``candidates``)."""

    requires = ("doc",)
    provides = ("candidates",)

    def __call__(self, state: DocState) -> None:
        state.candidates.extend(find_quoted(state.doc.text))
        state.candidates.extend(find_titles(state.doc.text))
        state.candidates.extend(find_formulas(state.doc.text))
