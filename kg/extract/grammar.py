"""A grammar of Chinese proper names: modifier sequence + head word.

``晋绥边区革命纪念馆`` is the modifier ``晋绥边区革命`` plus the head ``纪念馆``, and the head
gives the type. For each head occurrence the modifier is grown leftwards over word tokens
while they can belong to a name (nouns, unknown words, place names, numbers inside names,
quoted names) and stops at verbs, prepositions, particles, punctuation and stop words. A
candidate must be *specific*: its modifier holds a proper or unknown word, a place name,
digits or a quoted name, so ``智能煤矿`` or ``相关企业`` are not names.

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

import ahocorasick

from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import core_of, reference_lexicon
from kg.extract.tokens import Token, tokenize, word_freq
from kg.extract.wordlists import Head, head_table, stopwords
from kg.records import Mention

__all__ = ["NameGrammar", "find_names"]

# Tags that end a modifier: verbs, prepositions, conjunctions, particles, pronouns,
# adverbs, time words, measure words, interjections, punctuation.
_STOP_TAGS = frozenset({"v", "vd", "p", "c", "u", "uj", "ul", "uv", "ud", "ug", "uz", "r",
                        "rr", "rz", "d", "t", "tg", "q", "y", "e", "o", "x", "zg", "ad", "df"})
_PROPER_TAGS = frozenset({"ns", "nr", "nt", "nz", "nrt", "nrfg", "j", "eng", "oov", "m"})
# Determiners that open a noun phrase but never a name (全市…项目, 我市…中心).
_GENERIC_OPENERS = frozenset({"全市", "全省", "全县", "全区", "我市", "我省", "我县", "本市",
                              "该市", "该县", "各级", "各类", "相关", "有关", "这些", "一批", "多个",
                              "其中", "此外", "目前", "已经", "共", "新", "各", "该", "本", "我"})
_QUOTES = {"”": "“", "’": "‘", "」": "「", "》": "《", '"': '"'}
_NAME_PUNCT = frozenset("·•・+")
_MAX_MODIFIER = {"Event": 40, "Program": 24}
_DEFAULT_MAX_MODIFIER = 18
_MEASURE_WORDS = frozenset("个项件座处名人家所户次届批条")


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


def _token_index(tokens: list[Token]) -> tuple[dict[int, int], dict[int, int]]:
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    return starts, ends


def _is_generic_word(word: str, tag: str) -> bool:
    return tag not in _PROPER_TAGS and word_freq(word) > 0


def find_names(text: str, tokens: list[Token] | None = None) -> list[Mention]:
    """Candidate names (head-typed) in ``text``; overlapping candidates are all kept."""
    tokens = tokens if tokens is not None else tokenize(text)
    if not tokens:
        return []
    by_start, by_end = _token_index(tokens)
    stop = stopwords()
    lex = reference_lexicon().surfaces
    out: list[Mention] = []
    for hs, he, head in _longest_heads(text):
        # The head must end a word: 社会 is not the head 社 of a name.
        if he not in by_end:
            continue
        core = core_of(head.cls)
        limit = _MAX_MODIFIER.get(core, _DEFAULT_MAX_MODIFIER)
        # Token holding the head start; its left part is glued to the head (吕梁市委 = 吕梁+市委).
        i = next((k for k in range(by_end[he], -1, -1) if tokens[k].start <= hs), None)
        if i is None:
            continue
        start = tokens[i].start
        # A known name is the lexicon's business (兴县 is not the head 县 of a new name).
        if tokens[i].word in lex and tokens[i].start <= hs and tokens[i].end == he:
            continue
        proper = start < hs and (tokens[i].tag in _PROPER_TAGS or tokens[i].word in lex)
        # Left of a place name only proper words continue a name (革命老区|兴县…).
        anchored = start < hs and tokens[i].word in lex
        quoted = False
        j = i - 1
        while j >= 0 and hs - tokens[j].start <= limit:
            tok = tokens[j]
            w = tok.word
            if w in _QUOTES and j > 0:
                # A quoted name inside the modifier: “天河二号”省级超算中心.
                k = j - 1
                while k >= 0 and tokens[k].word != _QUOTES[w] and hs - tokens[k].start <= limit:
                    if tokens[k].word in "，。；：！？、\n":
                        break
                    k -= 1
                if k < 0 or tokens[k].word != _QUOTES[w] or k == j - 1:
                    break
                start = tokens[k].start
                quoted = proper = True
                j = k - 1
                continue
            if w in _NAME_PUNCT and j > 0 and tokens[j - 1].tag not in ("x",) and start < hs:
                start = tok.start
                j -= 1
                continue
            if tok.tag == "x" or w in stop or tok.tag in _STOP_TAGS and w not in lex:
                break
            if w in ("和", "与", "及") and j > 0 and _ends_with_head(tokens[j - 1].word):
                break
            if tok.tag == "m" and j + 1 < len(tokens) and tokens[j + 1].word[:1] in _MEASURE_WORDS:
                break
            if anchored and tok.tag not in _PROPER_TAGS and w not in lex:
                break
            start = tok.start
            if tok.tag in _PROPER_TAGS or w in lex:
                proper = True
            if w in lex:
                anchored = True
            j -= 1
        # Drop generic openers from the left edge (全市…, 我市…).
        while True:
            first = by_start.get(start)
            if first is None or first >= i or tokens[first].word not in _GENERIC_OPENERS:
                break
            start = tokens[first + 1].start
        if start >= hs or not proper:
            continue
        name = text[start:he]
        if len(name) < 2 or len(name) == len(head.head):
            continue
        # A single dictionary word that merely ends with the head (荒山, 农村) is generic.
        if start in by_start and by_start[start] == by_end[he] and _is_generic_word(
            name, tokens[by_start[start]].tag
        ):
            continue
        conf = round(min(0.95, 0.5 + 0.4 * head.weight + (0.05 if quoted else 0.0)), 3)
        out.append(Mention(start, he, name, core, head.cls, rule=f"grammar:head:{head.head}",
                           confidence=conf))
    return out


def _ends_with_head(word: str) -> bool:
    """Whether ``word`` ends with a name head of two or more characters (大学, 公司)."""
    table = head_table()
    return any(word[-k:] in table for k in range(2, len(word) + 1))


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
    from dataclasses import replace

    return replace(m, start=m.start + offset, end=m.end + offset)
