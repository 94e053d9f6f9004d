"""Word tests the name finders share: tags, counters, proper and generic words, divisions.

A word can carry a name when jieba tags it proper and it is not common (or jieba does
not know it); a division is a place of the administrative hierarchy in the reference
lexicon. :mod:`kg.extract.grammar`, :mod:`kg.extract.name_rules` and
:mod:`kg.extract.name_forms` read names with these tests.

Examples
--------
>>> from kg.extract.tokens import Token
>>> is_proper(Token(0, 2, "吕梁", "ns")), is_division("兴县"), ends_with_head("山西大学")
(True, True, True)
"""

from __future__ import annotations

from kg.extract.reference import core_of, reference_lexicon
from kg.extract.tokens import Token, word_freq
from kg.extract.wordlists import head_table

__all__ = [
    "COMMON_FREQ",
    "COUNTERS",
    "FUNCTION_CHARS",
    "GENERIC_OPENERS",
    "MEASURE_WORDS",
    "NAME_PUNCT",
    "NUMERAL",
    "PROJECT_VERBS",
    "PROPER_TAGS",
    "QUOTES",
    "STOP_TAGS",
    "UNIT_START",
    "all_divisions",
    "ends_with_head",
    "is_division",
    "is_generic_word",
    "is_proper",
    "is_quantity",
    "one_place",
    "token_index",
]


# Tags that end a modifier (multi-character verbs do not: 创新, 修复 occur inside names;
# the news verbs that precede names are stop words): idioms, prepositions, conjunctions, particles, pronouns,
# adverbs, time words, measure words, interjections, punctuation.
STOP_TAGS = frozenset({"i", "l", "vd", "p", "c", "u", "uj", "ul", "uv", "ud", "ug", "uz", "r",
                        "rr", "rz", "d", "t", "tg", "q", "y", "e", "o", "x", "zg", "ad", "df"})
PROPER_TAGS = frozenset({"ns", "nr", "nt", "nz", "nrt", "nrfg", "j", "eng", "oov"})
# Determiners that open a noun phrase but never a name (全市…项目, 我市…中心).
GENERIC_OPENERS = frozenset({"全市", "全省", "全县", "全区", "我市", "我省", "我县", "本市", "市区", "城区", "县城",
                              "老城区", "新城区", "主城区",
                              "该市", "该县", "各级", "各类", "相关", "有关", "这些", "一批", "多个",
                              "其中", "此外", "目前", "已经", "共", "新", "各", "该", "本", "我"})
QUOTES = {"”": "“", "’": "‘", "」": "「", "》": "《", '"': '"'}
NAME_PUNCT = frozenset("·•・+")
# Function words and verbs that begin clauses; jieba glues them to unknown neighbours
# (这是, 投用, 做大, 抓大, 建强), which then look like unknown names.
FUNCTION_CHARS = frozenset("这那是在和与及对把被将为从向由投让使给到于以及就也都还又做抓谋推促加打搞引提扩稳增建开")
MEASURE_WORDS = frozenset("个项件座处名人家所户次届批条")
UNIT_START = frozenset("万亿千百十个项件座处名人家所户次届批条亩吨元米%％倍年月日天")
NUMERAL = frozenset("0123456789.一二三四五六七八九十百千万亿两零")
COUNTERS = frozenset("个级大名场批类项件座处条家所户")


def is_quantity(tokens: list[Token], j: int) -> bool:
    """A number followed by a unit (10万千瓦, 15万亩) starts no name."""
    w = tokens[j].word
    if not all(ch in NUMERAL for ch in w):
        return False
    nxt = tokens[j + 1].word if j + 1 < len(tokens) else ""
    return nxt[:1] in UNIT_START


def token_index(tokens: list[Token]) -> tuple[dict[int, int], dict[int, int]]:
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    return starts, ends


# jieba tags many common words as names (新建 ns, 中小学 j, 康庄大道 nr); a word that
# frequent in its dictionary is common whatever its tag.
COMMON_FREQ = 300


# Policy words newer than jieba's dictionary: unknown to it, yet no part of a name.
_POLICY_WORDS = frozenset({"脱贫", "扶智", "扶志", "双碳", "碳达峰", "文旅", "数字化", "智慧化",
                           "智能化", "一体化", "高质量", "新基建", "双创", "研学", "康养", "网格化",
                           "实训", "实训基地", "老旧", "新建", "脱贫攻坚", "精准扶贫"})


def is_proper(tok: Token) -> bool:
    """A token that can carry a name: proper-tagged and not common, or unknown."""
    return tok.tag in PROPER_TAGS and word_freq(tok.word) < COMMON_FREQ and tok.word not in _POLICY_WORDS


def is_generic_word(word: str, tag: str) -> bool:
    return (tag not in PROPER_TAGS and word_freq(word) > 0) or word_freq(word) >= COMMON_FREQ


# Verbs after which a project's name begins (建设离柳矿区…园区, 推进汾酒…项目).
PROJECT_VERBS = frozenset({"建设", "推进", "新建", "开工", "投产", "建成", "引进", "落地", "实施",
                            "谋划", "启动", "签约", "加快建设", "开工建设", "续建"})


_DIVISIONS = frozenset({"Province", "City", "County", "District", "CountyLevelCity", "Township"})


def is_division(word: str) -> bool:
    lex = reference_lexicon()
    return any(lex.entries[k].cls in _DIVISIONS for k in lex.surfaces.get(word, ()))


def one_place(tokens, by_start, start: int, hs: int) -> bool:
    """Whether the modifier is exactly one reference place (吕梁山|护工)."""
    k = by_start.get(start)
    if k is None or tokens[k].end != hs:
        return False
    lex = reference_lexicon()
    return any(core_of(lex.entries[key].cls) == "Place" for key in lex.surfaces.get(tokens[k].word, ()))


def all_divisions(tokens, by_start, start: int, hs: int) -> bool:
    k = by_start.get(start)
    seen = False
    while k is not None and k < len(tokens) and tokens[k].end <= hs:
        if not is_division(tokens[k].word):
            return False
        seen = True
        k += 1
    return seen


def ends_with_head(word: str) -> bool:
    """Whether ``word`` is a name: ends with a head (大学, 公司; 村, 镇 after two characters)."""
    table = head_table()
    return any(word[-k:] in table for k in range(1 if len(word) >= 2 else 2, len(word) + 1))
