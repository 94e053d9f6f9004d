"""The tables of the head-word grammar: what a word left of a head does, and why a name is no name.

:class:`Reading` is a name being read leftwards from its head. :data:`MODIFIER_RULES`
say what the word being looked at does (joins the name, ends it, or brings more words
with it), the first rule with something to say deciding; :data:`REJECTIONS` say why a
phrase so read is no name. A new case is a small function added to a table;
:mod:`kg.extract.grammar` runs the tables.

Examples
--------
>>> len(MODIFIER_RULES) > 10, all(callable(rule) for rule in REJECTIONS)
(True, True)
>>> "品牌" in CUE_HEADS
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kg.extract.name_words import (
    COMMON_FREQ,
    COUNTERS,
    FUNCTION_CHARS,
    MEASURE_WORDS,
    NAME_PUNCT,
    NUMERAL,
    PROJECT_VERBS,
    QUOTES,
    STOP_TAGS,
    UNIT_START,
    all_divisions,
    ends_with_head,
    is_generic_word,
    is_proper,
    is_quantity,
    one_place,
)
from kg.extract.tokens import Token, word_freq
from kg.extract.wordlists import Head, stopwords

__all__ = ["CUE_HEADS", "MODIFIER_RULES", "REJECTIONS", "Reading", "no_name_read", "quoted_program_projects"]


_GOAL = re.compile(r"(?:打造|建成|建设成|成为|争创|努力建设)(?:为|成)?$")
_GOAL_HEADS = frozenset({"基地", "示范基地", "示范区", "高地", "中心", "样板", "标杆", "城市", "强市"})
# Modifiers of a title a place holds (全国…示范基地, 国家级…基地), not of a project's name.
_HONOURS = ("全国", "国家级", "省级", "市级", "首批")


# The period a recurring event belongs to, inside its name.
_EVENT_PERIOD = re.compile(r"(?:19|20)\d\d(?:年度?)?|年度?|第[一二三四]季度|[上下]半年|[春秋]季")


@dataclass(slots=True)
class Reading:
    """A name being read leftwards from its head, one word token at a time.

    ``j`` is the token being looked at and ``start`` where the name begins so far; the
    flags collect the evidence that the words read make a proper name.
    """

    text: str
    tokens: list[Token]
    by_start: dict[int, int]
    lex: Any
    stop: frozenset[str]
    head: Head
    core: str
    hs: int
    he: int
    htok: Token
    #: index of the head's token, and of the token that ends the head
    i: int
    last: int
    limit: int
    start: int
    j: int
    proper: bool
    anchored: bool
    quoted: bool = False
    coined: bool = False
    # set once the modifier is read
    name: str = ""
    built: bool = False
    long_event: bool = False
    strong: bool = False
    generic: int = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.j]

    def before(self, k: int = 1) -> Token | None:
        """The token ``k`` places left of the one being read."""
        return self.tokens[self.j - k] if self.j - k >= 0 else None

    def take(self, first: int, *, proper: bool = False) -> bool:
        """Extend the name over tokens ``first``..``j`` and read on left of them."""
        self.start = self.tokens[first].start
        self.proper = self.proper or proper
        self.j = first - 1
        return True


# Each modifier rule looks at the token ``r.j`` left of the name read so far and returns
# True when it took it (and maybe more) into the name, False when the name starts after
# it, None when it has nothing to say; the first rule with something to say decides.

def _quoted_part(r: Reading) -> bool | None:
    """“天河二号”省级超算中心: a quoted name inside the modifier."""
    w = r.tok.word
    if w not in QUOTES or r.j == 0:
        return None
    tokens, k = r.tokens, r.j - 1
    while k >= 0 and tokens[k].word != QUOTES[w] and r.hs - tokens[k].start <= r.limit:
        if tokens[k].word in "，。；：！？、\n":
            break
        k -= 1
    if k < 0 or tokens[k].word != QUOTES[w] or k == r.j - 1:
        return False
    r.quoted = True
    return r.take(k, proper=True)


def _interpunct(r: Reading) -> bool | None:
    """四·八, 智汇吕梁·创赢未来: an interpunct joins the parts of a name."""
    if r.tok.word in NAME_PUNCT and r.j > 0 and r.before().tag != "x" and r.start < r.hs:
        return r.take(r.j, proper=True)
    return None


def _bracketed_place(r: Reading) -> bool | None:
    """华为山西（吕梁）大数据中心: a place in brackets inside the name."""
    if r.tok.word in ")）" and r.j >= 2 and r.before().word in r.lex and r.before(2).word in "(（":
        return r.take(r.j - 2)
    return None


def _route(r: Reading) -> bool | None:
    """孝义至汾阳快速通道, 吕梁至太原南段: a route between two places."""
    if (r.tok.word in ("至", "到") and r.core == "Project" and r.j > 0 and r.before().word in r.lex
            and r.start in r.by_start and r.tokens[r.by_start[r.start]].word in r.lex):
        return r.take(r.j)
    return None


def _event_period(r: Reading) -> bool | None:
    """柳林县2023年第一季度重点项目集中开工仪式: the period an event is for."""
    if r.core == "Event" and r.start < r.hs and _EVENT_PERIOD.fullmatch(r.tok.word):
        return r.take(r.j)
    return None


def _joint_event(r: Reading) -> bool | None:
    """黄河板块暨乡村振兴文旅推介会: 暨 joins two parts of one event."""
    if r.tok.word == "暨" and r.core == "Event" and r.start < r.hs:
        return r.take(r.j)
    return None


def _committee_and_government(r: Reading) -> bool | None:
    """吕梁市委市政府: the party committee and the government are two bodies."""
    w = r.tok.word
    if w.endswith("委") and w in r.lex and r.head.head in ("政府", "人民政府"):
        return False
    return None


def _split_word_with_he(r: Reading) -> bool | None:
    """碳中和 is a word jieba splits (碳中|和); 大学和学院 joins two names."""
    if (r.tok.word == "和" and r.j > 0 and r.before().tag == "oov"
            and not ends_with_head(r.before().word)):
        return r.take(r.j)
    return None


def _fields_of_one_body(r: Reading) -> bool | None:
    """发展和改革局, 工业和信息化局, 科学与工程研究院: two fields of one body."""
    return r.take(r.j) if _joins_fields(r.tokens, r.j, r.core, r.lex) else None


def _capacity(r: Reading) -> bool | None:
    """加快建设离柳矿区561万吨煤化工新材料园区: a capacity inside a named project."""
    prev = r.before()
    if r.core == "Project" and r.j > 1 and prev.word and all(c in NUMERAL for c in prev.word):
        cap = _capacity_prefix(r.tokens, r.j, r.stop, r.lex)
        if cap is not None:
            r.start, r.proper = r.tokens[cap].start, True
            return False  # the project verb before the name ends it
    return None


def _coined_numeral(r: Reading) -> bool | None:
    """一码清大数据管理平台: jieba cuts a coined numeric name (一码|清) into odd tags."""
    if _numeric_coinage(r.tokens, r.j):
        r.coined = True
        return r.take(r.j - 1, proper=True)
    return None


def _verb_inside_programme(r: Reading) -> bool | None:
    """生态保护修复工程: a nominalised verb between nouns of a programme."""
    tok = r.tok
    if (r.core in ("Program", "Project") and r.head.head.endswith("工程") and tok.tag == "v"
            and len(tok.word) == 2 and r.j > 0 and r.before().tag == "n" and tok.word not in r.stop):
        return r.take(r.j)
    return None


def _function_word(r: Reading) -> bool | None:
    """Punctuation, stop words, particles, prepositions… (``STOP_TAGS``) start no name."""
    tok = r.tok
    if tok.tag == "x" or tok.word in r.stop or tok.tag in STOP_TAGS and tok.word not in r.lex:
        return False
    return None


def _glued_function_char(r: Reading) -> bool | None:
    """这是, 投用: jieba glues unknown pairs; they start no name."""
    return False if r.tok.tag == "oov" and r.tok.word[0] in FUNCTION_CHARS else None


# Coverbs and conjunctions that end no name (脐橙节由|赣州市人民政府: jieba glued 节由).
_COVERB_ENDS = frozenset("由在从向与对被把将给于和及")


def _glued_coverb(r: Reading) -> bool | None:
    """An unknown pair ending with a coverb before a known place starts no name."""
    tok = r.tok
    return False if r.anchored and tok.tag == "oov" and tok.word[-1] in _COVERB_ENDS else None


def _one_character_verb(r: Reading) -> bool | None:
    return False if r.tok.tag == "v" and len(r.tok.word) == 1 else None


def _quantity(r: Reading) -> bool | None:
    """三个|项目, 10|万千瓦, 11市: counts and units, not names."""
    tok, prev = r.tok, r.before()
    w = tok.word
    if is_quantity(r.tokens, r.j) or (len(w) == 1 and w in MEASURE_WORDS):
        return False
    if prev is not None and prev.word and all(c in NUMERAL for c in prev.word) and w[:1] in UNIT_START:
        return False
    if w.isdigit() and len(w) < 3:
        return False
    return None


def _subject_and_verb(r: Reading) -> bool | None:
    """吕梁|留下…会: a subject and its verb, not an event's name; 签约项目 is no project's
    name, 农光互补电站 is one (the verb sits inside it)."""
    tok, prev = r.tok, r.before()
    if r.core == "Event" and tok.tag == "v" and prev is not None and prev.word in r.lex:
        return False
    if r.core in ("Program", "Project") and tok.tag == "v" and not (
            prev is not None and prev.tag in ("oov", "nz") and prev.word not in r.lex):
        return False
    return None


def _after_a_known_name(r: Reading) -> bool | None:
    """Left of a place name only proper words continue a name (革命老区|兴县…), except one
    generic word between two known names at a boundary (中国|铁路|太原局集团)."""
    tok = r.tok
    if not r.anchored or is_proper(tok) or tok.word in r.lex:
        return None
    prev, prev2 = r.before(), r.before(2)
    if (prev is not None and prev.word in r.lex and not tok.tag.startswith("v")
            and (prev2 is None or prev2.tag == "x" or prev2.word in r.stop)):
        return r.take(r.j - 1)
    return False


#: What a word left of a head does to the name being read, tried in order (see above).
#: A word no rule stops is taken into the name.
MODIFIER_RULES: tuple[Callable[[Reading], bool | None], ...] = (
    _quoted_part, _interpunct, _bracketed_place, _route, _event_period, _joint_event,
    _committee_and_government, _split_word_with_he, _fields_of_one_body, _capacity,
    _coined_numeral, _verb_inside_programme, _function_word, _glued_function_char, _glued_coverb,
    _one_character_verb, _quantity, _subject_and_verb, _after_a_known_name,
)


# Each rejection says why a candidate read from a head is no name.

def no_name_read(r: Reading) -> bool:
    """Nothing read, or only common words with no build verb or long event title."""
    return r.start >= r.hs or not (r.proper or r.built or r.long_event)


def quoted_program_projects(r: Reading) -> bool:
    """“三个一批”项目: projects of the program 三个一批, named by the quote."""
    return (r.quoted and r.head.head == "项目" and r.text[r.start] in "“\""
            and r.text[r.hs - 1] in "”\"")


def _too_short(r: Reading) -> bool:
    return len(r.name) < 2 or len(r.name) == len(r.head.head)


def _one_common_word(r: Reading) -> bool:
    """荒山, 农村: a dictionary word that merely ends with the head; 康庄大道 (nr), 金光大道
    (nz): an idiom jieba happens to tag as a name."""
    k = r.by_start.get(r.start)
    if k is None or k != r.last:
        return False
    tag = r.tokens[k].tag
    return (is_generic_word(r.name, tag)
            or word_freq(r.name) > 0 and r.core != "Person" and tag in ("nr", "nrfg")
            or word_freq(r.name) > 0 and r.core == "Place" and len(r.head.head) == 2 and r.head.cls == "Street")


def _cooperatives_of_a_county(r: Reading) -> bool:
    """兴县合作社: the cooperatives of a county, not one named cooperative."""
    return (r.core == "Institution" and r.head.head.endswith("合作社")
            and all_divisions(r.tokens, r.by_start, r.start, r.hs))


def _counted(r: Reading) -> bool:
    """12大基地, 两级政府, 一个城市: counted things (一码清 is a name)."""
    first = r.tokens[r.by_start[r.start]].word if r.start in r.by_start else r.text[r.start]
    return not r.quoted and "·" not in r.text[r.start:r.hs] and (
        all(c in NUMERAL for c in first) and not first.isdigit() or first.isdigit() and len(first) < 3
        or len(first) == 2 and first[0] in NUMERAL and first[1] in COUNTERS)


_COUNT_WORD = re.compile(r"[一二两三四五六七八九十百几多数某][家个些所座]")
# A number of them right after the head (谋划延链补链项目100个以上): a kind being counted.
_COUNT_AFTER = re.compile(r"\s?(?:[0-9]+|[一二两三四五六七八九十百千]+)\s?(?:多|余)?\s?[个项批家座]")


def _counted_after(r: Reading) -> bool:
    """再谋划延链补链项目100个, 签约项目42个: a kind counted after its head names no one thing."""
    return r.core == "Project" and not r.quoted and _COUNT_AFTER.match(r.text, r.he) is not None


def _counted_inside(r: Reading) -> bool:
    """广州一家银行, 全国多家分行: a count right before the head says how many of a kind, it
    names none (三个一批项目集中开工仪式 counts inside a name)."""
    if r.quoted:
        return False
    k = r.by_start.get(r.start)
    while k is not None and k < len(r.tokens) and r.tokens[k].end <= r.hs:
        if r.tokens[k].end == r.hs and _COUNT_WORD.fullmatch(r.tokens[k].word):
            return True
        k += 1
    return False


def _generic_phrase(r: Reading) -> bool:
    """培训基地, 智能化煤矿: generic words and a head, unless a build verb makes the phrase a
    particular project (岚县创建了15万亩马铃薯产业园)."""
    return not r.strong and bool(r.generic) and not (r.built or r.long_event)


def _goal(r: Reading) -> bool:
    """打造中部地区先进制造业基地: a goal, not a project."""
    return (not r.quoted and r.head.head in _GOAL_HEADS
            and _GOAL.search(r.text, max(0, r.start - 6), r.start) is not None)


def _honour(r: Reading) -> bool:
    """全国爱国主义教育示范基地: a title a place holds, not a project."""
    return r.core == "Project" and not r.quoted and r.text.startswith(_HONOURS, r.start)


def _unquoted_policy_word(r: Reading) -> bool:
    """政策, 模式, 整治 name programs only in quotes (the quoted component); a labour brand is
    named by its home place and trade alone (吕梁山护工, 天镇保姆). 吕梁市脱贫攻坚 is a place
    and a generic program word."""
    if r.core != "Program" or r.quoted:
        return False
    if r.head.weight < 0.8 and not (r.head.cls == "LabourBrand" and one_place(r.tokens, r.by_start, r.start, r.hs)):
        return True
    return all_divisions(r.tokens, r.by_start, r.start, r.hs)


def _short_head_of_common_words(r: Reading) -> bool:
    """村, 山, 市…: short names of proper words only (武家庄村, not 移民新村)."""
    return len(r.head.head) == 1 and (
        not r.strong or r.core == "Place" and (bool(r.generic) or r.hs - r.start > 5))


def _quoted_cue(r: Reading) -> bool:
    """“X”品牌: a quoted name before a cue head is the quoted component's."""
    return r.head.head in CUE_HEADS and r.quoted


#: Why a name read from a head is rejected, checked once its modifier is read.
REJECTIONS: tuple[Callable[[Reading], bool], ...] = (
    _too_short, _one_common_word, _cooperatives_of_a_county, _counted, _counted_inside, _counted_after,
    _generic_phrase, _goal,
    _honour, _unquoted_policy_word, _short_head_of_common_words, _quoted_cue,
)


#: Heads that type a name without being part of it.
CUE_HEADS = frozenset({"品牌", "劳务品牌", "活动", "主题活动", "实践活动", "政策"})


_NOUN_TAGS = frozenset({"n", "vn", "nz", "oov", "an"})


def _joins_fields(tokens: list[Token], j: int, core: str, lex) -> bool:
    """和/与 between two field nouns inside a body's name (发展|和|改革|局), not between
    two names (山西大学|和|太原理工大学) or a place and a name (吕梁市|与|…)."""
    if core != "Institution" or tokens[j].word not in ("和", "与") or j < 1 or j + 1 >= len(tokens):
        return False
    left, right = tokens[j - 1], tokens[j + 1]
    return (left.tag in _NOUN_TAGS and right.tag in _NOUN_TAGS and left.word not in lex
            and right.word not in lex and not ends_with_head(left.word) and len(left.word) >= 2
            and len(right.word) >= 2 and left.word not in stopwords())


# Units of a facility's capacity, which Chinese writes inside the project's name.
_CAPACITY_UNITS = frozenset({"吨", "万吨", "千吨", "亿吨", "千瓦", "万千瓦", "兆瓦", "吉瓦", "万吨级", "千吨级",
                             "立方米", "万立方米", "万千伏安", "千伏"})


def _capacity_prefix(tokens: list[Token], j: int, stop, lex) -> int | None:
    """Index of the first token of ``<name> <number><unit>`` when ``tokens[j]`` is the
    unit, a proper word precedes the number and a project verb precedes the name."""
    if tokens[j].word not in _CAPACITY_UNITS:
        return None
    k, proper = j - 2, False
    while k >= 0 and j - 2 - k < 4 and tokens[k].tag != "x" and not tokens[k].tag.startswith("v") \
            and tokens[k].word not in stop:
        proper = proper or is_proper(tokens[k]) or tokens[k].word in lex
        k -= 1
    if k < 0 or k == j - 2 or not proper or tokens[k].word not in PROJECT_VERBS:
        return None
    return k + 1


_CN_DIGITS = frozenset("一二三四五六七八九十两")


def _numeric_coinage(tokens: list[Token], j: int) -> bool:
    """一码|清, 一网|通: a numeral word and one character that together are no dictionary
    word form a coined name, whatever tags jieba gave the pieces."""
    w = tokens[j].word
    if len(w) != 1 or j < 1 or not ("\u4e00" <= w <= "\u9fff"):
        return False
    prev = tokens[j - 1].word
    return (len(prev) == 2 and prev[0] in _CN_DIGITS and prev[1] not in NUMERAL and prev[1] not in COUNTERS
            and word_freq(prev + w) == 0 and word_freq(prev) < COMMON_FREQ
            and (j < 2 or tokens[j - 2].tag in ("x", "v", "vn", "l", "p") or tokens[j - 2].word in stopwords()))
