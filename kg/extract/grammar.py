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
small function added to a table, not a branch in a loop.

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
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import ahocorasick

from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import core_of, reference_lexicon
from kg.extract.tokens import Token, tokenize, word_freq, word_tag
from kg.extract.wordlists import Head, head_table, stopwords, title_table
from kg.records import Mention

__all__ = ["MODIFIER_RULES", "NameGrammar", "REJECTIONS", "find_names"]

# Tags that end a modifier (multi-character verbs do not: 创新, 修复 occur inside names;
# the news verbs that precede names are stop words): idioms, prepositions, conjunctions, particles, pronouns,
# adverbs, time words, measure words, interjections, punctuation.
_STOP_TAGS = frozenset({"i", "l", "vd", "p", "c", "u", "uj", "ul", "uv", "ud", "ug", "uz", "r",
                        "rr", "rz", "d", "t", "tg", "q", "y", "e", "o", "x", "zg", "ad", "df"})
_PROPER_TAGS = frozenset({"ns", "nr", "nt", "nz", "nrt", "nrfg", "j", "eng", "oov"})
# Determiners that open a noun phrase but never a name (全市…项目, 我市…中心).
_GENERIC_OPENERS = frozenset({"全市", "全省", "全县", "全区", "我市", "我省", "我县", "本市", "市区", "城区", "县城",
                              "老城区", "新城区", "主城区",
                              "该市", "该县", "各级", "各类", "相关", "有关", "这些", "一批", "多个",
                              "其中", "此外", "目前", "已经", "共", "新", "各", "该", "本", "我"})
_QUOTES = {"”": "“", "’": "‘", "」": "「", "》": "《", '"': '"'}
_NAME_PUNCT = frozenset("·•・+")
_GOAL = re.compile(r"(?:打造|建成|建设成|成为|争创|努力建设)(?:为|成)?$")
_GOAL_HEADS = frozenset({"基地", "示范基地", "示范区", "高地", "中心", "样板", "标杆", "城市", "强市"})
# Modifiers of a title a place holds (全国…示范基地, 国家级…基地), not of a project's name.
_HONOURS = ("全国", "国家级", "省级", "市级", "首批")
# (打造 and 推进 take goals and slogans as often as projects: 打造…先进制造业基地.)
_BUILT = re.compile(r"(?:创建|建设|建成|实施|发展|投用|启动|新建|开工|加快建设)了?"
                    r"(?:[0-9.]+[万亿千百]?(?:亩|吨|千瓦|平方米|公里|个|座|处)?的?)?$")
# Function words and verbs that begin clauses; jieba glues them to unknown neighbours
# (这是, 投用, 做大, 抓大, 建强), which then look like unknown names.
# 吕梁市成立了护理护工就业服务中心: a body being founded is a particular one.
_FOUNDED = re.compile(r"(?:成立|组建|设立|挂牌成立)了?$")
# 日处理能力1000吨的垃圾焚烧发电厂: a stated capacity makes the facility a particular one.
_CAPACITY = re.compile(r"(?:能力|规模|装机|容量|产能|总投资|投资)[0-9.]+[万亿千百]?(?:吨|千瓦|兆瓦|立方米|亩|元|个)的$")
_IMPLEMENTED = re.compile(r"实施(?:了)?$")
_FUNCTION_CHARS = frozenset("这那是在和与及对把被将为从向由投让使给到于以及就也都还又做抓谋推促加打搞引提扩稳增建开")
_MAX_MODIFIER = {"Event": 40, "Program": 24}
_DEFAULT_MAX_MODIFIER = 18
_MEASURE_WORDS = frozenset("个项件座处名人家所户次届批条")
_UNIT_START = frozenset("万亿千百十个项件座处名人家所户次届批条亩吨元米%％倍年月日天")
_NUMERAL = frozenset("0123456789.一二三四五六七八九十百千万亿两零")
_COUNTERS = frozenset("个级大名场批类项件座处条家所户")


def _is_quantity(tokens: list[Token], j: int) -> bool:
    """A number followed by a unit (10万千瓦, 15万亩) starts no name."""
    w = tokens[j].word
    if not all(ch in _NUMERAL for ch in w):
        return False
    nxt = tokens[j + 1].word if j + 1 < len(tokens) else ""
    return nxt[:1] in _UNIT_START


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


# jieba tags many common words as names (新建 ns, 中小学 j, 康庄大道 nr); a word that
# frequent in its dictionary is common whatever its tag.
_COMMON_FREQ = 300


# Policy words newer than jieba's dictionary: unknown to it, yet no part of a name.
_POLICY_WORDS = frozenset({"脱贫", "扶智", "扶志", "双碳", "碳达峰", "文旅", "数字化", "智慧化",
                           "智能化", "一体化", "高质量", "新基建", "双创", "研学", "康养", "网格化",
                           "实训", "实训基地", "老旧", "新建", "脱贫攻坚", "精准扶贫"})


def _is_proper(tok: Token) -> bool:
    """A token that can carry a name: proper-tagged and not common, or unknown."""
    return tok.tag in _PROPER_TAGS and word_freq(tok.word) < _COMMON_FREQ and tok.word not in _POLICY_WORDS


def _is_generic_word(word: str, tag: str) -> bool:
    return (tag not in _PROPER_TAGS and word_freq(word) > 0) or word_freq(word) >= _COMMON_FREQ


def find_names(text: str) -> list[Mention]:
    """Candidate names (head-typed) in ``text``; overlapping candidates are all kept."""
    tokens = tokenize(text)
    return (_branches(text) + _numbered_events(text) + _villages(text) + _list_siblings(text)
            + _routes(text, tokens)
            + _qualified_bodies(text)
            + _listed(text, tokens) + _offices(text) + _credited_bodies(text) + _find_headed(text, tokens))


# X、Y等33个项目 / 等一批好项目 / 等重点工程: the items of the list are projects; X、Y等棚户区 /
# 等村: the items are places. The noun after 等 types names that carry no head of their own.
_LIST_TAIL = re.compile(
    r"等(?:首批|一批)?(?:[0-9一二三四五六七八九十百]+[个项批处])?(?:好|重点|重大|合作|产业|建设|民生)?(?P<project>项目|工程)"
    r"|等(?:[0-9一二三四五六七八九十]+个)?(?P<place>棚户区|老旧小区|小区|社区|村|村庄|街道|片区)"
    r"|等(?:一批|多家|[0-9一二三四五六七八九十百]+[多余]?家)?(?:龙头|重点|知名|骨干|头部|上下游)?(?P<body>企业|公司|车企|银行|医院|高校)")
# What a listed body is, by the noun after 等 (上海申能、吉利汽车等86家企业).
_LISTED_BODY = {"企业": "Enterprise", "公司": "Enterprise", "车企": "Enterprise", "银行": "Bank",
                "医院": "Hospital", "高校": "University"}
_CLAUSE_END = "，,。；;：:！？!?\n（）()“”"
# Tags that precede the first item of a list rather than belong to it.
_LEAD_TAGS = frozenset({"x", "p", "c", "d", "ad", "t", "vd", "r", "m", "q", "u", "uj"})


def _listed(text: str, tokens: list[Token]) -> list[Mention]:
    """Names listed before 等 + a noun that says what they are (引进X等一批好项目,
    推进A、B等项目建设, 货源街、凤山底等棚户区, 上海申能、吉利汽车等86家企业)."""
    out = []
    stop = stopwords()
    lex = reference_lexicon().surfaces
    by_start, _ = _token_index(tokens)
    for m in _LIST_TAIL.finditer(text):
        begin = m.start()
        while begin > 0 and text[begin - 1] not in _CLAUSE_END:
            begin -= 1
        items = text[begin:m.start()].split("、")
        if not items or not items[0]:
            continue
        # The first item starts after the verb or function words that open the clause.
        first_end = begin + len(items[0])
        toks = [t for t in tokens if begin <= t.start and t.end <= first_end]
        cut, k0 = begin, 0
        while k0 < len(toks) - 1 and (toks[k0].word in stop or toks[k0].tag in _LEAD_TAGS
                                      or toks[k0].tag.startswith("v") or toks[k0].word in _GENERIC_OPENERS):
            cut = toks[k0].end
            k0 += 1
        for t in toks[k0:-1]:
            # 今年吕梁市引进X: a verb that takes the list as its object; verbs inside an
            # item (产业延伸, 保护开发) are no such verbs.
            if t.word in _PROJECT_VERBS or t.word in stop and t.tag.startswith("v") or t.word in _GENERIC_OPENERS \
                    or (m.group("place") and t.word in lex):
                cut = t.end
            elif m.group("body") and (t.word in stop or t.tag in _LEAD_TAGS or t.tag.startswith("v")):
                cut = t.end  # 景区已与|山西大学、…等高校: a body's name holds no function word
        items[0] = text[cut:first_end]
        pos = cut
        for k, item in enumerate(items):
            start = pos
            pos += len(item) + 1
            if k == 0:
                pos = first_end + 1
            if not _listable(item, bool(m.group("place")), stop, lex, body=bool(m.group("body"))):
                continue
            if m.group("project"):
                out.append(Mention(start, start + len(item), item, "Project", "Project",
                                   rule="grammar:list:" + m.group("project"), confidence=0.9))
            elif m.group("body"):
                out.append(Mention(start, start + len(item), item, "Institution", _LISTED_BODY[m.group("body")],
                                   rule="grammar:list:" + m.group("body"), confidence=0.8))
            else:
                head = next((item[-n:] for n in range(min(len(item) - 1, 4), 0, -1) if item[-n:] in head_table()), None)
                cls = head_table()[head].cls if head and core_of(head_table()[head].cls) == "Place" else "Place"
                out.append(Mention(start, start + len(item), item, "Place", cls,
                                   rule="grammar:list:" + m.group("place"), confidence=0.7))
    return out


def _listable(item: str, place: bool, stop, lex, *, body: bool = False) -> bool:
    """A list item that can be a name: no common word, no count, no function word. A
    listed body may be a word jieba knows as a rare name (比亚迪)."""
    if not (2 <= len(item) <= (8 if place else 30)) or item in lex:
        return False
    if word_freq(item) > 0 and not (body and word_tag(item) in _PROPER_TAGS and word_freq(item) < _COMMON_FREQ):
        return False
    if not all("\u4e00" <= c <= "\u9fff" or c.isalnum() or c in "·+（）()" for c in item):
        return False
    if item[0].isdigit() or item[0] in _NUMERAL and item[1] in _COUNTERS or item.startswith(tuple(_GENERIC_OPENERS)):
        return False
    if place and (any(c in stop for c in item) or any(c in _FUNCTION_CHARS for c in item[:1])):
        return False
    return True


# 中央联席办, 省扶贫办, 县乡村振兴办: an office named by its level and its field.
_OFFICE = re.compile(r"(?<![\u4e00-\u9fff])(中央|国务院|全国|省委|省政府|市委|市政府|县委|县政府|省|市|县|区)"
                     r"([\u4e00-\u9fff]{2,5}?)办(?![法理好事学公实成案结证件了过到完])")
# 交办, 督办, 通办: a verb with 办, not an office.
_NOT_OFFICE = frozenset("交承主协创开举兴包代帮领督查快通合要来去就再亲同")


def _offices(text: str) -> list[Mention]:
    out = []
    stop = stopwords()
    for m in _OFFICE.finditer(text):
        field = m.group(2)
        if field[-1] in _NOT_OFFICE or any(c in stop or c in _FUNCTION_CHARS for c in field):
            continue
        out.append(Mention(m.start(), m.end(), m.group(0), "Institution", "GovernmentBody",
                           rule="grammar:office", confidence=0.75))
    return out


# 主办单位：全国…联盟 — the credit line of an article names organisations.
_CREDIT = re.compile(r"(?:主办|承办|协办|指导|支持|出品|监制|供稿)单位[:：]\s*([^\n]{2,80})")


def _credited_bodies(text: str) -> list[Mention]:
    out = []
    for m in _CREDIT.finditer(text):
        pos = m.start(1)
        for part in re.split(r"([、，,；;\s]+)", m.group(1)):
            if part and not re.fullmatch(r"[、，,；;\s]+", part) and 4 <= len(part) <= 40 \
                    and all("\u4e00" <= c <= "\u9fff" or c in "()（）·" for c in part):
                head = next((part[-n:] for n in range(min(len(part) - 1, 6), 0, -1) if part[-n:] in head_table()), None)
                cls = head_table()[head].cls if head and core_of(head_table()[head].cls) == "Institution" \
                    else "Institution"
                out.append(Mention(pos, pos + len(part), part, "Institution", cls,
                                   rule="grammar:credit", confidence=0.85))
            pos += len(part)
    return out


_VILLAGE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(庄村|村|镇|乡|庄(?![\u4e00-\u9fff]))")
_PARENTS = frozenset({"County", "District", "CountyLevelCity", "Township"})


_PAREN_PLACE = re.compile(r"[(（]([\u4e00-\u9fff]{2,4})[)）]")


def _qualified_bodies(text: str) -> list[Mention]:
    """中国矿业大学(北京): a known body and the campus or branch place in brackets."""
    from kg.extract.lexicon import match_lexicon

    lex = reference_lexicon()
    out = []
    for m in match_lexicon(text):
        if m.core != "Institution":
            continue
        p = _PAREN_PLACE.match(text, m.end)
        if p and any(e.core == "Place" for e in lex.by_name(p.group(1))):
            out.append(Mention(m.start, p.end(), text[m.start:p.end()], m.core, m.cls,
                               rule="grammar:qualified-body", confidence=0.85))
    return out


def _villages(text: str) -> list[Mention]:
    """中阳县武家庄村, 肖家庄镇八十堡村: right after a county or township, two or three
    characters and 村/镇/乡 name the place inside it (jieba cuts such names apart)."""
    from kg.extract.lexicon import match_lexicon

    stop = stopwords()
    out = []
    hits = match_lexicon(text)
    longest = {}
    for h in hits:
        if h.start not in longest or h.length > longest[h.start].length:
            longest[h.start] = h
    # A township found this way is a parent in turn (汾阳|肖家庄镇|八十堡村).
    pending = sorted(p.end for p in longest.values() if p.cls in _PARENTS and p.ref)
    seen: set[int] = set()
    while pending:
        end = pending.pop(0)
        if end in seen:
            continue
        seen.add(end)
        m = _VILLAGE.match(text, end)
        if m is None:
            continue
        name = m.group(0)
        if (any(ch in stop or ch in _FUNCTION_CHARS for ch in m.group(1)) or name[0] in "省市县区"
                or name in reference_lexicon().surfaces):
            continue
        cls = "Village" if m.group(2)[-1] in "村庄" else "Township"
        out.append(Mention(m.start(), m.end(), name, "Place", cls, rule="grammar:village-after-parent",
                           confidence=0.75))
        if cls == "Township":
            pending.append(m.end())
    return out


# A list item that ends like a division: two or three characters and 乡/镇/村.
_SIBLING = re.compile(r"(?<=[、和与及])([\u4e00-\u9fff]{2,3}?)(乡|镇|村)(?=[、和与及等，。；])"
                      r"|([\u4e00-\u9fff]{2,3}?)(乡|镇|村)(?=[、和与及])")
_SIBLING_CLASS = {"乡": "Township", "镇": "Township", "村": "Village"}


def _list_siblings(text: str) -> list[Mention]:
    """穆村镇、薛村镇、陈家湾乡等地: an item shaped like a division, listed right next to a
    known division of the same level, or to another such item, is one too (no list holds
    陈家湾乡)."""
    from kg.extract.lexicon import match_lexicon

    stop = stopwords()
    known = [h for h in match_lexicon(text) if h.core == "Place" and h.cls in ("Township", "Village")]
    ends = {h.end: h.cls for h in known}
    starts = {h.start: h.cls for h in known}
    shaped = []
    for m in _SIBLING.finditer(text):
        stem, head = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        name = m.group(0)
        if (any(ch in stop or ch in _FUNCTION_CHARS for ch in stem) or stem[0] in "省市县区"
                or name in reference_lexicon().surfaces or word_freq(name) > 0):
            continue
        shaped.append((m.start(), m.end(), name, _SIBLING_CLASS[head]))
    for a, b, _, cls in shaped:
        ends.setdefault(b, cls)
        starts.setdefault(a, cls)
    out = []
    for a, b, name, cls in shaped:
        before = ends.get(a - 1) if a > 0 and text[a - 1] in "、和与及" else None
        after = starts.get(b + 1) if text[b:b + 1] in ("、", "和", "与", "及") else None
        if cls in (before, after):
            out.append(Mention(a, b, name, "Place", cls, rule="grammar:list-sibling", confidence=0.75))
    return out


# Province abbreviations (GB/T 2260 简称) that start route names: 京沪高铁, 晋陕….
_PROVINCE_ABBREVIATIONS = "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云藏陕秦甘陇青宁新"
_ROUTE_HEADS = ("高速公路", "城际铁路", "铁路", "高铁", "高速")
_ROUTE_LEFT_TAGS = frozenset({"x", "p", "c", "u", "uj", "f", "v", "d"})


@functools.cache
def _route_initials() -> frozenset[str]:
    """First characters of the prefecture-level cities and the province abbreviations: a
    route is named by one character per end or stop (太中银 = 太原–中卫–银川)."""
    lex = reference_lexicon()
    cities = {e.name[0] for e in lex.entries.values() if e.cls == "City" and e.core == "Place"}
    return frozenset(cities | set(_PROVINCE_ABBREVIATIONS))


def _routes(text: str, tokens: list[Token]) -> list[Mention]:
    """太中银铁路, 青银高速, 京沪高铁: two to four city initials before a route head (jieba
    cuts 太|中银; no list need hold the route)."""
    initials = _route_initials()
    by_start, _ = _token_index(tokens)
    out = []
    for head in _ROUTE_HEADS:
        for hm in re.finditer(head, text):
            hs = hm.start()
            for k in (4, 3, 2):
                b = hs - k
                if b < 0 or not all(ch in initials for ch in text[b:hs]) or b not in by_start:
                    continue
                i = by_start[b]
                if i > 0 and "\u4e00" <= text[b - 1] <= "\u9fff" and tokens[i - 1].tag not in _ROUTE_LEFT_TAGS:
                    continue
                if word_freq(text[b:hs]) >= 100:
                    continue  # a common word (中国, 全国) before the head
                out.append(Mention(b, hm.end(), text[b:hm.end()], "Project", "InfrastructureProject",
                                   rule="grammar:route", confidence=0.8))
                break
    return out


# The period a recurring event belongs to, inside its name.
_EVENT_PERIOD = re.compile(r"(?:19|20)\d\d(?:年度?)?|年度?|第[一二三四]季度|[上下]半年|[春秋]季")


def _split_titles(tokens: list[Token]) -> list[Token]:
    """局|局长: jieba glues a one-character head to the title after it (改革局局长); the
    head must end a token for the grammar to see it."""
    titles, heads = title_table(), head_table()
    out = []
    for t in tokens:
        w = t.word
        if len(w) >= 3 and w[:1] in heads and w[1:] in titles:
            out.append(Token(t.start, t.start + 1, w[:1], "n"))
            out.append(Token(t.start + 1, t.end, w[1:], "n"))
        else:
            out.append(t)
    return out


@dataclass(slots=True)
class _Reading:
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

def _quoted_part(r: _Reading) -> bool | None:
    """“天河二号”省级超算中心: a quoted name inside the modifier."""
    w = r.tok.word
    if w not in _QUOTES or r.j == 0:
        return None
    tokens, k = r.tokens, r.j - 1
    while k >= 0 and tokens[k].word != _QUOTES[w] and r.hs - tokens[k].start <= r.limit:
        if tokens[k].word in "，。；：！？、\n":
            break
        k -= 1
    if k < 0 or tokens[k].word != _QUOTES[w] or k == r.j - 1:
        return False
    r.quoted = True
    return r.take(k, proper=True)


def _interpunct(r: _Reading) -> bool | None:
    """四·八, 智汇吕梁·创赢未来: an interpunct joins the parts of a name."""
    if r.tok.word in _NAME_PUNCT and r.j > 0 and r.before().tag != "x" and r.start < r.hs:
        return r.take(r.j, proper=True)
    return None


def _bracketed_place(r: _Reading) -> bool | None:
    """华为山西（吕梁）大数据中心: a place in brackets inside the name."""
    if r.tok.word in ")）" and r.j >= 2 and r.before().word in r.lex and r.before(2).word in "(（":
        return r.take(r.j - 2)
    return None


def _route(r: _Reading) -> bool | None:
    """孝义至汾阳快速通道, 吕梁至太原南段: a route between two places."""
    if (r.tok.word in ("至", "到") and r.core == "Project" and r.j > 0 and r.before().word in r.lex
            and r.start in r.by_start and r.tokens[r.by_start[r.start]].word in r.lex):
        return r.take(r.j)
    return None


def _event_period(r: _Reading) -> bool | None:
    """柳林县2023年第一季度重点项目集中开工仪式: the period an event is for."""
    if r.core == "Event" and r.start < r.hs and _EVENT_PERIOD.fullmatch(r.tok.word):
        return r.take(r.j)
    return None


def _joint_event(r: _Reading) -> bool | None:
    """黄河板块暨乡村振兴文旅推介会: 暨 joins two parts of one event."""
    if r.tok.word == "暨" and r.core == "Event" and r.start < r.hs:
        return r.take(r.j)
    return None


def _committee_and_government(r: _Reading) -> bool | None:
    """吕梁市委市政府: the party committee and the government are two bodies."""
    w = r.tok.word
    if w.endswith("委") and w in r.lex and r.head.head in ("政府", "人民政府"):
        return False
    return None


def _split_word_with_he(r: _Reading) -> bool | None:
    """碳中和 is a word jieba splits (碳中|和); 大学和学院 joins two names."""
    if (r.tok.word == "和" and r.j > 0 and r.before().tag == "oov"
            and not _ends_with_head(r.before().word)):
        return r.take(r.j)
    return None


def _fields_of_one_body(r: _Reading) -> bool | None:
    """发展和改革局, 工业和信息化局, 科学与工程研究院: two fields of one body."""
    return r.take(r.j) if _joins_fields(r.tokens, r.j, r.core, r.lex) else None


def _capacity(r: _Reading) -> bool | None:
    """加快建设离柳矿区561万吨煤化工新材料园区: a capacity inside a named project."""
    prev = r.before()
    if r.core == "Project" and r.j > 1 and prev.word and all(c in _NUMERAL for c in prev.word):
        cap = _capacity_prefix(r.tokens, r.j, r.stop, r.lex)
        if cap is not None:
            r.start, r.proper = r.tokens[cap].start, True
            return False  # the project verb before the name ends it
    return None


def _coined_numeral(r: _Reading) -> bool | None:
    """一码清大数据管理平台: jieba cuts a coined numeric name (一码|清) into odd tags."""
    if _numeric_coinage(r.tokens, r.j):
        r.coined = True
        return r.take(r.j - 1, proper=True)
    return None


def _verb_inside_programme(r: _Reading) -> bool | None:
    """生态保护修复工程: a nominalised verb between nouns of a programme."""
    tok = r.tok
    if (r.core in ("Program", "Project") and r.head.head.endswith("工程") and tok.tag == "v"
            and len(tok.word) == 2 and r.j > 0 and r.before().tag == "n" and tok.word not in r.stop):
        return r.take(r.j)
    return None


def _function_word(r: _Reading) -> bool | None:
    """Punctuation, stop words, particles, prepositions… (``_STOP_TAGS``) start no name."""
    tok = r.tok
    if tok.tag == "x" or tok.word in r.stop or tok.tag in _STOP_TAGS and tok.word not in r.lex:
        return False
    return None


def _glued_function_char(r: _Reading) -> bool | None:
    """这是, 投用: jieba glues unknown pairs; they start no name."""
    return False if r.tok.tag == "oov" and r.tok.word[0] in _FUNCTION_CHARS else None


def _one_character_verb(r: _Reading) -> bool | None:
    return False if r.tok.tag == "v" and len(r.tok.word) == 1 else None


def _quantity(r: _Reading) -> bool | None:
    """三个|项目, 10|万千瓦, 11市: counts and units, not names."""
    tok, prev = r.tok, r.before()
    w = tok.word
    if _is_quantity(r.tokens, r.j) or (len(w) == 1 and w in _MEASURE_WORDS):
        return False
    if prev is not None and prev.word and all(c in _NUMERAL for c in prev.word) and w[:1] in _UNIT_START:
        return False
    if w.isdigit() and len(w) < 3:
        return False
    return None


def _subject_and_verb(r: _Reading) -> bool | None:
    """吕梁|留下…会: a subject and its verb, not an event's name; 签约项目 is no project's
    name, 农光互补电站 is one (the verb sits inside it)."""
    tok, prev = r.tok, r.before()
    if r.core == "Event" and tok.tag == "v" and prev is not None and prev.word in r.lex:
        return False
    if r.core in ("Program", "Project") and tok.tag == "v" and not (
            prev is not None and prev.tag in ("oov", "nz") and prev.word not in r.lex):
        return False
    return None


def _after_a_known_name(r: _Reading) -> bool | None:
    """Left of a place name only proper words continue a name (革命老区|兴县…), except one
    generic word between two known names at a boundary (中国|铁路|太原局集团)."""
    tok = r.tok
    if not r.anchored or _is_proper(tok) or tok.word in r.lex:
        return None
    prev, prev2 = r.before(), r.before(2)
    if (prev is not None and prev.word in r.lex and not tok.tag.startswith("v")
            and (prev2 is None or prev2.tag == "x" or prev2.word in r.stop)):
        return r.take(r.j - 1)
    return False


#: What a word left of a head does to the name being read, tried in order (see above).
#: A word no rule stops is taken into the name.
MODIFIER_RULES: tuple[Callable[[_Reading], bool | None], ...] = (
    _quoted_part, _interpunct, _bracketed_place, _route, _event_period, _joint_event,
    _committee_and_government, _split_word_with_he, _fields_of_one_body, _capacity,
    _coined_numeral, _verb_inside_programme, _function_word, _glued_function_char,
    _one_character_verb, _quantity, _subject_and_verb, _after_a_known_name,
)


# Each rejection says why a candidate read from a head is no name.

def _no_name_read(r: _Reading) -> bool:
    """Nothing read, or only common words with no build verb or long event title."""
    return r.start >= r.hs or not (r.proper or r.built or r.long_event)


def _quoted_program_projects(r: _Reading) -> bool:
    """“三个一批”项目: projects of the program 三个一批, named by the quote."""
    return (r.quoted and r.head.head == "项目" and r.text[r.start] in "“\""
            and r.text[r.hs - 1] in "”\"")


def _too_short(r: _Reading) -> bool:
    return len(r.name) < 2 or len(r.name) == len(r.head.head)


def _one_common_word(r: _Reading) -> bool:
    """荒山, 农村: a dictionary word that merely ends with the head; 康庄大道 (nr), 金光大道
    (nz): an idiom jieba happens to tag as a name."""
    k = r.by_start.get(r.start)
    if k is None or k != r.last:
        return False
    tag = r.tokens[k].tag
    return (_is_generic_word(r.name, tag)
            or word_freq(r.name) > 0 and r.core != "Person" and tag in ("nr", "nrfg")
            or word_freq(r.name) > 0 and r.core == "Place" and len(r.head.head) == 2 and r.head.cls == "Street")


def _cooperatives_of_a_county(r: _Reading) -> bool:
    """兴县合作社: the cooperatives of a county, not one named cooperative."""
    return (r.core == "Institution" and r.head.head.endswith("合作社")
            and _all_divisions(r.tokens, r.by_start, r.start, r.hs))


def _counted(r: _Reading) -> bool:
    """12大基地, 两级政府, 一个城市: counted things (一码清 is a name)."""
    first = r.tokens[r.by_start[r.start]].word if r.start in r.by_start else r.text[r.start]
    return not r.quoted and "·" not in r.text[r.start:r.hs] and (
        all(c in _NUMERAL for c in first) and not first.isdigit() or first.isdigit() and len(first) < 3
        or len(first) == 2 and first[0] in _NUMERAL and first[1] in _COUNTERS)


def _generic_phrase(r: _Reading) -> bool:
    """培训基地, 智能化煤矿: generic words and a head, unless a build verb makes the phrase a
    particular project (岚县创建了15万亩马铃薯产业园)."""
    return not r.strong and bool(r.generic) and not (r.built or r.long_event)


def _goal(r: _Reading) -> bool:
    """打造中部地区先进制造业基地: a goal, not a project."""
    return (not r.quoted and r.head.head in _GOAL_HEADS
            and _GOAL.search(r.text, max(0, r.start - 6), r.start) is not None)


def _honour(r: _Reading) -> bool:
    """全国爱国主义教育示范基地: a title a place holds, not a project."""
    return r.core == "Project" and not r.quoted and r.text.startswith(_HONOURS, r.start)


def _unquoted_policy_word(r: _Reading) -> bool:
    """政策, 模式, 整治 name programs only in quotes (the quoted component); a labour brand is
    named by its home place and trade alone (吕梁山护工, 天镇保姆). 吕梁市脱贫攻坚 is a place
    and a generic program word."""
    if r.core != "Program" or r.quoted:
        return False
    if r.head.weight < 0.8 and not (r.head.cls == "LabourBrand" and _one_place(r.tokens, r.by_start, r.start, r.hs)):
        return True
    return _all_divisions(r.tokens, r.by_start, r.start, r.hs)


def _short_head_of_common_words(r: _Reading) -> bool:
    """村, 山, 市…: short names of proper words only (武家庄村, not 移民新村)."""
    return len(r.head.head) == 1 and (
        not r.strong or r.core == "Place" and (bool(r.generic) or r.hs - r.start > 5))


def _quoted_cue(r: _Reading) -> bool:
    """“X”品牌: a quoted name before a cue head is the quoted component's."""
    return r.head.head in CUE_HEADS and r.quoted


#: Why a name read from a head is rejected, checked once its modifier is read.
REJECTIONS: tuple[Callable[[_Reading], bool], ...] = (
    _too_short, _one_common_word, _cooperatives_of_a_county, _counted, _generic_phrase, _goal,
    _honour, _unquoted_policy_word, _short_head_of_common_words, _quoted_cue,
)


def _find_headed(text: str, tokens: list[Token]) -> list[Mention]:
    if not tokens:
        return []
    tokens = _split_titles(tokens)
    by_start, by_end = _token_index(tokens)
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
                r.take(r.j, proper=_is_proper(r.tok) or w in lex)
                r.anchored = r.anchored or w in lex
        m = _finish_reading(r)
        if m is not None:
            out.append(m)
    return out


def _start_reading(text, tokens, by_start, by_end, stop, lex, hs: int, he: int, head: Head) -> _Reading | None:
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
            htok.tag in ("l", "i", "v", "vd", "d", "a", "ad") or htok.word[0] in _FUNCTION_CHARS):
        return None  # 出席会议, 主持会议: a phrase that ends with the head word
    # (A two-character part, as in 管理|局 or 教育|局, makes the word an institution noun.)
    if (htok.start < hs and hs - htok.start == 1 and htok.word not in lex and not _is_proper(htok)
            and word_freq(htok.word) >= 20 and htok.word not in head_table()):
        return None
    # A known name is the lexicon's business (兴县 is not the head 县 of a new name).
    if htok.word in lex and htok.start <= hs and htok.end == he:
        return None
    start = htok.start
    core = core_of(head.cls)
    return _Reading(text, tokens, by_start, lex, stop, head, core, hs, he, htok, i=i, last=by_end[he],
                    limit=_MAX_MODIFIER.get(core, _DEFAULT_MAX_MODIFIER), start=start, j=i - 1,
                    proper=start < hs and (_is_proper(htok) or htok.word in lex),
                    # left of a place name only proper words continue a name
                    anchored=start < hs and htok.word in lex)


def _finish_reading(r: _Reading) -> Mention | None:
    """The candidate a reading gives, or None when a rejection applies."""
    text, tokens, by_start = r.text, r.tokens, r.by_start
    # Drop generic openers from the left edge (全市…, 我市…).
    while True:
        first = by_start.get(r.start)
        if first is None or first >= r.i or tokens[first].word not in _GENERIC_OPENERS:
            break
        r.start = tokens[first + 1].start
    start, hs, core, head = r.start, r.hs, r.core, r.head
    r.built = (core == "Project" and (_BUILT.search(text, max(0, start - 14), start) is not None
                                      or _CAPACITY.search(text, max(0, start - 16), start) is not None)
               or core == "Institution" and _FOUNDED.search(text, max(0, start - 6), start) is not None
               and len(head.head) >= 2)
    # A national or provincial meeting is named by what it is about: 全国脱贫攻坚总结表彰大会.
    opener = tokens[by_start[start]].word if start in by_start else ""
    r.long_event = core == "Event" and hs - start >= 6 and (opener in ("全国", "全省") or opener in r.lex)
    if _no_name_read(r) or _quoted_program_projects(r):
        return None
    if core == "Place":
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
            and right.word not in lex and not _ends_with_head(left.word) and len(left.word) >= 2
            and len(right.word) >= 2 and left.word not in stopwords())


# Units of a facility's capacity, which Chinese writes inside the project's name.
_CAPACITY_UNITS = frozenset({"吨", "万吨", "千吨", "亿吨", "千瓦", "万千瓦", "兆瓦", "吉瓦", "万吨级", "千吨级",
                             "立方米", "万立方米", "万千伏安", "千伏"})
# Verbs after which a project's name begins (建设离柳矿区…园区, 推进汾酒…项目).
_PROJECT_VERBS = frozenset({"建设", "推进", "新建", "开工", "投产", "建成", "引进", "落地", "实施",
                            "谋划", "启动", "签约", "加快建设", "开工建设", "续建"})


def _capacity_prefix(tokens: list[Token], j: int, stop, lex) -> int | None:
    """Index of the first token of ``<name> <number><unit>`` when ``tokens[j]`` is the
    unit, a proper word precedes the number and a project verb precedes the name."""
    if tokens[j].word not in _CAPACITY_UNITS:
        return None
    k, proper = j - 2, False
    while k >= 0 and j - 2 - k < 4 and tokens[k].tag != "x" and not tokens[k].tag.startswith("v") \
            and tokens[k].word not in stop:
        proper = proper or _is_proper(tokens[k]) or tokens[k].word in lex
        k -= 1
    if k < 0 or k == j - 2 or not proper or tokens[k].word not in _PROJECT_VERBS:
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
    return (len(prev) == 2 and prev[0] in _CN_DIGITS and prev[1] not in _NUMERAL and prev[1] not in _COUNTERS
            and word_freq(prev + w) == 0 and word_freq(prev) < _COMMON_FREQ
            and (j < 2 or tokens[j - 2].tag in ("x", "v", "vn", "l", "p") or tokens[j - 2].word in stopwords()))


def _evidence(tokens, by_start, start: int, hs: int, lex, quoted: bool, htok: Token) -> tuple[bool, int]:
    """(strong evidence of a proper name, number of generic words) in the modifier."""
    # A proper word that holds the head (北武当山) is evidence by itself.
    # (jieba's own tags are no evidence here: it tags 培训基地 nz and glues 实训 as unknown.)
    strong = quoted or (htok.start < hs and htok.word in lex and len(htok.word) >= 3)
    # An interpunct joins the parts of a name (四·八, 智汇吕梁·创赢未来).
    strong = strong or any(tokens[k].word in _NAME_PUNCT for k in range(by_start.get(start, len(tokens)), len(tokens))
                           if tokens[k].end <= hs)
    generic = 0
    k = by_start.get(start)
    while k is not None and k < len(tokens) and tokens[k].end <= hs:
        t = tokens[k]
        if t.word in lex or (t.tag in ("oov", "ns", "nz", "nt") and _is_proper(t) and len(t.word) >= 2) or (
                t.tag in ("eng", "m") and len(t.word) >= 2 and any(c.isascii() and c.isalnum() for c in t.word)):
            strong = True
        elif not _is_proper(t) and t.word not in "“”\"·":
            generic += 1
        k += 1
    return strong, generic


_DIVISIONS = frozenset({"Province", "City", "County", "District", "CountyLevelCity", "Township"})


def _is_division(word: str) -> bool:
    lex = reference_lexicon()
    return any(lex.entries[k].cls in _DIVISIONS for k in lex.surfaces.get(word, ()))


_NUMBERED_EVENT = re.compile(
    r"第[0-9一二三四五六七八九十百]+[届次](?:[\u4e00-\u9fff·“”（）()]{1,16}?)(?:博览会|交易会|运动会|大会|论坛|峰会|会|节|展|赛)"
    r"(?![\u4e00-\u9fff]{0,1}(?:上|期间|开幕))?")


def _numbered_events(text: str) -> list[Mention]:
    """第十二届中博会, 第三届碛口古镇文化旅游节: an ordinal edition names an event."""
    out = []
    for m in _NUMBERED_EVENT.finditer(text):
        name = m.group(0)
        cls = "Meeting" if name.endswith(("大会", "论坛", "峰会", "会议")) else "Exhibition"
        out.append(Mention(m.start(), m.end(), name, "Event", cls,
                           rule="grammar:numbered-event", confidence=0.8))
    return out


def _branches(text: str) -> list[Mention]:
    """A known body or memorial right after a place: 山西省农行 (a branch), 石楼红军东征纪念馆."""
    from kg.extract.lexicon import match_lexicon

    hits = match_lexicon(text)
    division_ends = {m.end: m for m in hits if m.ref and _is_division(m.text)}
    out = []
    for m in hits:
        if m.core not in ("Institution", "Memorial"):
            continue
        prev = division_ends.get(m.start)
        start = prev.start if prev is not None else (m.start - 2 if text[max(0, m.start - 2):m.start] == "国家" else None)
        if start is None:
            continue
        out.append(Mention(start, m.end, text[start:m.end], m.core, m.cls,
                           rule="grammar:branch", confidence=0.8))
    return out


def _one_place(tokens, by_start, start: int, hs: int) -> bool:
    """Whether the modifier is exactly one reference place (吕梁山|护工)."""
    k = by_start.get(start)
    if k is None or tokens[k].end != hs:
        return False
    lex = reference_lexicon()
    return any(core_of(lex.entries[key].cls) == "Place" for key in lex.surfaces.get(tokens[k].word, ()))


def _all_divisions(tokens, by_start, start: int, hs: int) -> bool:
    k = by_start.get(start)
    seen = False
    while k is not None and k < len(tokens) and tokens[k].end <= hs:
        if not _is_division(tokens[k].word):
            return False
        seen = True
        k += 1
    return seen


def _strip_leading_places(tokens, by_start, start: int, hs: int, lex) -> int:
    """吕梁市中阳县武家庄村 names 武家庄村 (its parents are separate mentions); but a zone
    named only by its county keeps it (兴县经开区)."""
    k = by_start.get(start)
    while k is not None and _is_division(tokens[k].word) and tokens[k].end < hs:
        nxt = by_start.get(tokens[k].end)
        if nxt is None:
            break
        start, k = tokens[k].end, nxt
    return start


def _ends_with_head(word: str) -> bool:
    """Whether ``word`` is a name: ends with a head (大学, 公司; 村, 镇 after two characters)."""
    table = head_table()
    return any(word[-k:] in table for k in range(1 if len(word) >= 2 else 2, len(word) + 1))


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
