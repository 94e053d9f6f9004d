"""A grammar of Chinese proper names: modifier sequence + head word.

``晋绥边区革命纪念馆`` is the modifier ``晋绥边区革命`` plus the head ``纪念馆``, and the head
gives the type. For each head occurrence the modifier is grown leftwards over word tokens
while they can belong to a name (nouns, unknown words, place names, numbers inside names,
quoted names) and stops at verbs, prepositions, particles, punctuation and stop words. A
candidate must be *specific*: its modifier holds a proper or unknown word, a place name,
digits or a quoted name, so ``智能煤矿`` or ``相关企业`` are not names.

The reading is two tables: :data:`MODIFIER_RULES` say what a word left of the head does
(joins the name, ends it, or brings more words with it), the first rule with something to
say deciding; :data:`REJECTIONS` say why a phrase so read is no name. A new case is a
small function added to a table, not a branch in a loop; the tables are in
:mod:`kg.extract.name_rules`. Names found by their form rather than a head (lists,
offices, villages, routes, numbered events) are :mod:`kg.extract.name_forms`'.

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import DocState
>>> state = DocState(read_text("由北京嘉湖咨询公司提供技术支撑。", doc_id="d"))
>>> NameGrammar()(state)
>>> [(m.text, m.cls) for m in state.candidates]
[('北京嘉湖咨询公司', 'Enterprise')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

import ahocorasick

from kg.extract.name_forms import formed_names
from kg.extract.name_rules import (
    CUE_HEADS,
    MODIFIER_RULES,
    REJECTIONS,
    Reading,
    no_name_read,
    quoted_program_projects,
)
from kg.extract.name_words import (
    FUNCTION_CHARS,
    GENERIC_OPENERS,
    NAME_PUNCT,
    is_division,
    is_proper,
    token_index,
)
from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import core_of, reference_lexicon
from kg.extract.tokens import Token, tokenize, word_freq
from kg.extract.wordlists import Head, head_table, stopwords, title_table
from kg.records import Mention

__all__ = ["MODIFIER_RULES", "NameGrammar", "REJECTIONS", "find_names"]


# (打造 and 推进 take goals and slogans as often as projects: 打造…先进制造业基地.)
_BUILT = re.compile(r"(?:创建|建设|建成|实施|发展|投用|启动|新建|开工|加快建设)了?"
                    r"(?:[0-9.]+[万亿千百]?(?:亩|吨|千瓦|平方米|公里|个|座|处)?的?)?$")
# 吕梁市成立了护理护工就业服务中心: a body being founded is a particular one.
_FOUNDED = re.compile(r"(?:成立|组建|设立|挂牌成立)了?$")
# 日处理能力1000吨的垃圾焚烧发电厂: a stated capacity makes the facility a particular one.
_CAPACITY = re.compile(r"(?:能力|规模|装机|容量|产能|总投资|投资)[0-9.]+[万亿千百]?(?:吨|千瓦|兆瓦|立方米|亩|元|个)的$")
_IMPLEMENTED = re.compile(r"实施(?:了)?$")
# 实施再就业工程, 推进送温暖工程: a 工程 put into action is a particular programme.
_PUT_IN_ACTION = re.compile(r"(?:实施|推进|开展|启动)(?:了)?$")


_MAX_MODIFIER = {"Event": 40, "Program": 24}
_DEFAULT_MAX_MODIFIER = 18


@functools.cache
def _head_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for head in head_table():
        auto.add_word(head, head)
    auto.make_automaton()
    return auto


def _longest_heads(text: str) -> list[tuple[int, int, Head]]:
    """Head occurrences, keeping the longest head that ends at each position."""
    table = head_table()
    best: dict[int, str] = {}
    for end_idx, head in _head_automaton().iter(text):
        end = end_idx + 1
        if end not in best or len(head) > len(best[end]):
            best[end] = head
    return [(end - len(h), end, table[h]) for end, h in sorted(best.items())]


def find_names(text: str) -> list[Mention]:
    """Candidate names (head-typed) in ``text``; overlapping candidates are all kept."""
    tokens = tokenize(text)
    return formed_names(text, tokens) + _find_headed(text, tokens)


# Two-character heads jieba glues to a title (湘潭|大学校长); not 银行|行长, which would let
# a clause before it read as a bank's name.
_SCHOOL_HEADS = frozenset({"大学", "中学", "小学", "学院"})


def _split_titles(tokens: list[Token]) -> list[Token]:
    """局|局长: jieba glues a head to the title after it (改革局局长, 湘潭|大学校长); the
    head must end a token for the grammar to see it. It also reads 吉首|大|学校|长白 where
    the text says 吉首大学|校长|白…: a school's head before 长 is 大学, 中学 or 小学 and 校长."""
    titles, heads = title_table(), head_table()
    out: list[Token] = []
    skip_to = -1  # the start of a token cut short by the repair below
    for i, t in enumerate(tokens):
        if t.start < skip_to:
            if t.end > skip_to:
                out.append(Token(skip_to, t.end, t.word[skip_to - t.start:], "oov"))
            continue
        w = t.word
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (w == "学校" and out and out[-1].word in ("大", "中", "小") and out[-1].end == t.start
                and nxt is not None and nxt.word.startswith("长") and nxt.start == t.end):
            prev = out.pop()
            out.append(Token(prev.start, t.start + 1, prev.word + "学", "n"))
            out.append(Token(t.start + 1, nxt.start + 1, "校长", "n"))
            skip_to = nxt.start + 1
            continue
        split = next((k for k in (1, 2) if len(w) > k + 1 and w[:k] in heads and w[k:] in titles
                      and (k == 1 or w[:k] in _SCHOOL_HEADS)), None)
        if split is not None:
            out.append(Token(t.start, t.start + split, w[:split], "n"))
            out.append(Token(t.start + split, t.end, w[split:], "n"))
        else:
            out.append(t)
    return out


def _find_headed(text: str, tokens: list[Token]) -> list[Mention]:
    if not tokens:
        return []
    tokens = _split_titles(tokens)
    by_start, by_end = token_index(tokens)
    stop = stopwords()
    lex = reference_lexicon().surfaces
    out: list[Mention] = []
    for hs, he, head in _longest_heads(text):
        r = _start_reading(text, tokens, by_start, by_end, stop, lex, hs, he, head)
        if r is None:
            continue
        while r.j >= 0 and hs - r.tok.start <= r.limit:
            verdict = next((v for rule in MODIFIER_RULES if (v := rule(r)) is not None), None)
            if verdict is False:
                break
            if verdict is None:  # an ordinary word of the name
                w = r.tok.word
                r.take(r.j, proper=is_proper(r.tok) or w in lex)
                r.anchored = r.anchored or w in lex
        m = _finish_reading(r)
        if m is not None:
            out.append(m)
    return out


def _start_reading(text, tokens, by_start, by_end, stop, lex, hs: int, he: int, head: Head) -> Reading | None:
    """The reading of a head occurrence, or None when it is no head here."""
    # The head must end a word: 社会 is not the head 社 of a name.
    if he not in by_end:
        return None
    # Token holding the head start; its left part is glued to the head (吕梁市委 = 吕梁+市委).
    i = next((k for k in range(by_end[he], -1, -1) if tokens[k].start <= hs), None)
    if i is None:
        return None
    htok = tokens[i]
    # The head inside a common word (老区, 城市, 中小学) is no head at all.
    if htok.start < hs and htok.word not in lex and (
            htok.tag in ("l", "i", "v", "vd", "d", "a", "ad") or htok.word[0] in FUNCTION_CHARS):
        return None  # 出席会议, 主持会议: a phrase that ends with the head word
    # (A two-character part, as in 管理|局 or 教育|局, makes the word an institution noun.)
    if (htok.start < hs and hs - htok.start == 1 and htok.word not in lex and not is_proper(htok)
            and word_freq(htok.word) >= 20 and htok.word not in head_table()):
        return None
    # A known name is the lexicon's business (兴县 is not the head 县 of a new name).
    if htok.word in lex and htok.start <= hs and htok.end == he:
        return None
    start = htok.start
    core = core_of(head.cls)
    return Reading(text, tokens, by_start, lex, stop, head, core, hs, he, htok, i=i, last=by_end[he],
                    limit=_MAX_MODIFIER.get(core, _DEFAULT_MAX_MODIFIER), start=start, j=i - 1,
                    proper=start < hs and (is_proper(htok) or htok.word in lex),
                    # left of a place name only proper words continue a name
                    anchored=start < hs and htok.word in lex)


def _finish_reading(r: Reading) -> Mention | None:
    """The candidate a reading gives, or None when a rejection applies."""
    text, tokens, by_start = r.text, r.tokens, r.by_start
    # Drop generic openers from the left edge (全市…, 我市…).
    while True:
        first = by_start.get(r.start)
        if first is None or first >= r.i or tokens[first].word not in GENERIC_OPENERS:
            break
        r.start = tokens[first + 1].start
    start, hs, core, head = r.start, r.hs, r.core, r.head
    r.built = (core == "Project" and (_BUILT.search(text, max(0, start - 14), start) is not None
                                      or _CAPACITY.search(text, max(0, start - 16), start) is not None)
               or core == "Institution" and _FOUNDED.search(text, max(0, start - 6), start) is not None
               and len(head.head) >= 2
               # (景区提升工程: one common word says which, not what the programme is)
               or core == "Program" and head.head.endswith("工程")
               and _PUT_IN_ACTION.search(text, max(0, start - 6), start) is not None
               and sum(1 for t in r.tokens if start <= t.start and t.end <= hs) >= 2)
    # A national or provincial meeting is named by what it is about: 全国脱贫攻坚总结表彰大会.
    opener = tokens[by_start[start]].word if start in by_start else ""
    r.long_event = core == "Event" and hs - start >= 6 and (opener in ("全国", "全省") or opener in r.lex)
    if no_name_read(r) or quoted_program_projects(r):
        return None
    if core == "Place" and not head.head.endswith("市场"):
        # (a market is named with its city: 延安果品交易市场; a reservoir is not: 化州市|连介水库)
        r.start = start = _strip_leading_places(tokens, by_start, start, hs, r.lex)
    r.name = text[start:r.he]
    strong, r.generic = _evidence(tokens, by_start, start, hs, r.lex, r.quoted, r.htok)
    r.strong = strong or r.coined
    if any(reject(r) for reject in REJECTIONS):
        return None
    conf = head.weight * (1.0 if r.strong else 0.8) + (0.05 if r.quoted else 0.0)
    end, cls, name = r.he, head.cls, r.name
    if core == "Project" and head.head.endswith("工程") and _IMPLEMENTED.search(text, max(0, start - 8), start):
        # 大力实施吕梁山生态保护修复工程: a 工程 one implements is a programme, not a site.
        core, cls, conf = "Program", "Policy", max(conf, 0.7)
    if head.head in CUE_HEADS:
        # “吕梁山护工”品牌: the cue types the name but is not part of it.
        end = hs
        name = text[start:end].strip("“”\"")
        start = start + (1 if text[start] in "“\"" else 0)
        end = start + len(name)
    return Mention(start, end, name, core, cls, rule=f"grammar:head:{head.head}",
                   confidence=round(min(conf, 0.95), 3))


def _evidence(tokens, by_start, start: int, hs: int, lex, quoted: bool, htok: Token) -> tuple[bool, int]:
    """(strong evidence of a proper name, number of generic words) in the modifier."""
    # A proper word that holds the head (北武当山) is evidence by itself.
    # (jieba's own tags are no evidence here: it tags 培训基地 nz and glues 实训 as unknown.)
    strong = quoted or (htok.start < hs and htok.word in lex and len(htok.word) >= 3)
    # An interpunct joins the parts of a name (四·八, 智汇吕梁·创赢未来).
    strong = strong or any(tokens[k].word in NAME_PUNCT for k in range(by_start.get(start, len(tokens)), len(tokens))
                           if tokens[k].end <= hs)
    generic = 0
    k = by_start.get(start)
    while k is not None and k < len(tokens) and tokens[k].end <= hs:
        t = tokens[k]
        if t.word in lex or (t.tag in ("oov", "ns", "nz", "nt") and is_proper(t) and len(t.word) >= 2) or (
                t.tag in ("eng", "m") and len(t.word) >= 2 and any(c.isascii() and c.isalnum() for c in t.word)):
            strong = True
        elif not is_proper(t) and t.word not in "“”\"·":
            generic += 1
        k += 1
    return strong, generic


def _strip_leading_places(tokens, by_start, start: int, hs: int, lex) -> int:
    """吕梁市中阳县武家庄村 names 武家庄村 (its parents are separate mentions); but a zone
    named only by its county keeps it (兴县经开区)."""
    k = by_start.get(start)
    while k is not None and is_division(tokens[k].word) and tokens[k].end < hs:
        nxt = by_start.get(tokens[k].end)
        if nxt is None:
            break
        start, k = tokens[k].end, nxt
    return start


@register_component("grammar")
class NameGrammar:
    """Propose head-typed names (``candidates``)."""

    requires = ("doc",)
    provides = ("candidates",)

    def __call__(self, state: DocState) -> None:
        doc = state.doc
        for sent in doc.sentences:
            text = doc.text[sent.start:sent.end]
            for m in find_names(text):
                state.candidates.append(_shift(m, sent.start))


def _shift(m: Mention, offset: int) -> Mention:

    return replace(m, start=m.start + offset, end=m.end + offset)
