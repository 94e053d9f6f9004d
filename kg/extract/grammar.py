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
import re
from dataclasses import replace

import ahocorasick

from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import core_of, reference_lexicon
from kg.extract.tokens import Token, tokenize, word_freq
from kg.extract.wordlists import Head, head_table, stopwords, title_table
from kg.records import Mention

__all__ = ["NameGrammar", "find_names"]

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
    r"|等(?:[0-9一二三四五六七八九十]+个)?(?P<place>棚户区|老旧小区|小区|社区|村|村庄|街道|片区)")
_CLAUSE_END = "，,。；;：:！？!?\n（）()“”"
# Tags that precede the first item of a list rather than belong to it.
_LEAD_TAGS = frozenset({"x", "p", "c", "d", "ad", "t", "vd", "r", "m", "q", "u", "uj"})


def _listed(text: str, tokens: list[Token]) -> list[Mention]:
    """Names listed before 等 + a noun that says what they are (引进X等一批好项目,
    推进A、B等项目建设, 货源街、凤山底等棚户区)."""
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
        items[0] = text[cut:first_end]
        pos = cut
        for k, item in enumerate(items):
            start = pos
            pos += len(item) + 1
            if k == 0:
                pos = first_end + 1
            if not _listable(item, bool(m.group("place")), stop, lex):
                continue
            if m.group("project"):
                out.append(Mention(start, start + len(item), item, "Project", "Project",
                                   rule="grammar:list:" + m.group("project"), confidence=0.9))
            else:
                head = next((item[-n:] for n in range(min(len(item) - 1, 4), 0, -1) if item[-n:] in head_table()), None)
                cls = head_table()[head].cls if head and core_of(head_table()[head].cls) == "Place" else "Place"
                out.append(Mention(start, start + len(item), item, "Place", cls,
                                   rule="grammar:list:" + m.group("place"), confidence=0.7))
    return out


def _listable(item: str, place: bool, stop, lex) -> bool:
    """A list item that can be a name: no common word, no count, no function word."""
    if not (2 <= len(item) <= (8 if place else 30)) or item in lex or word_freq(item) > 0:
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


def _find_headed(text: str, tokens: list[Token]) -> list[Mention]:
    if not tokens:
        return []
    tokens = _split_titles(tokens)
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
        htok = tokens[i]
        # The head inside a common word (老区, 城市, 中小学) is no head at all.
        if htok.start < hs and htok.word not in lex and (
                htok.tag in ("l", "i", "v", "vd", "d", "a", "ad") or htok.word[0] in _FUNCTION_CHARS):
            continue  # 出席会议, 主持会议: a phrase that ends with the head word
        # (A two-character part, as in 管理|局 or 教育|局, makes the word an institution noun.)
        if (htok.start < hs and hs - htok.start == 1 and htok.word not in lex and not _is_proper(htok)
                and word_freq(htok.word) >= 20 and htok.word not in head_table()):
            continue
        start = tokens[i].start
        # A known name is the lexicon's business (兴县 is not the head 县 of a new name).
        if tokens[i].word in lex and tokens[i].start <= hs and tokens[i].end == he:
            continue
        proper = start < hs and (_is_proper(tokens[i]) or tokens[i].word in lex)
        # Left of a place name only proper words continue a name (革命老区|兴县…).
        anchored = start < hs and tokens[i].word in lex
        quoted = coined = False
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
                proper = True
                j -= 1
                continue
            if w in ")）" and j >= 2 and tokens[j - 1].word in lex and tokens[j - 2].word in "(（":
                start = tokens[j - 2].start  # 华为山西（吕梁）大数据中心
                j -= 3
                continue
            if (w in ("至", "到") and core == "Project" and j > 0 and tokens[j - 1].word in lex
                    and start in by_start and tokens[by_start[start]].word in lex):
                start = tok.start  # 孝义至汾阳快速通道, 吕梁至太原南段: a route between places
                j -= 1
                continue
            if core == "Event" and start < hs and _EVENT_PERIOD.fullmatch(w):
                start = tok.start  # 柳林县2023年第一季度重点项目集中开工仪式: the period it is for
                j -= 1
                continue
            if w == "暨" and core == "Event" and start < hs:
                start = tok.start  # 黄河板块暨乡村振兴文旅推介会: one event with two parts
                j -= 1
                continue
            if w.endswith("委") and w in lex and head.head in ("政府", "人民政府"):
                break  # 吕梁市委市政府: the party committee and the government
            if w == "和" and j > 0 and tokens[j - 1].tag == "oov" and not _ends_with_head(tokens[j - 1].word):
                # 碳中和 is a word jieba splits; 大学和学院 joins two names.
                start = tok.start
                j -= 1
                continue
            if _joins_fields(tokens, j, core, lex):
                # 发展和改革局, 工业和信息化局, 科学与工程研究院: two fields of one body.
                start = tok.start
                j -= 1
                continue
            if core == "Project" and j > 1 and tokens[j - 1].word and all(c in _NUMERAL for c in tokens[j - 1].word):
                cap = _capacity_prefix(tokens, j, stop, lex)
                if cap is not None:
                    # 加快建设离柳矿区561万吨煤化工新材料园区: a capacity inside a named project.
                    start, proper = tokens[cap].start, True
                    break
            coin = _numeric_coinage(tokens, j)
            if coin:
                # 一码清大数据管理平台: jieba cuts a coined numeric name (一码|清) into odd tags.
                start, proper, coined = tokens[j - 1].start, True, True
                j -= 2
                continue
            if (core in ("Program", "Project") and head.head.endswith("工程") and tok.tag == "v" and len(w) == 2
                    and j > 0 and tokens[j - 1].tag == "n" and w not in stop):
                start = tok.start  # 生态保护修复工程: a nominalised verb between nouns of a programme
                j -= 1
                continue
            if tok.tag == "x" or w in stop or tok.tag in _STOP_TAGS and w not in lex:
                break
            if tok.tag == "oov" and w[0] in _FUNCTION_CHARS:
                break  # 这是, 投用: jieba glues unknown pairs; they start no name
            if tok.tag == "v" and len(w) == 1:
                break
            if _is_quantity(tokens, j) or (len(w) == 1 and w in _MEASURE_WORDS):
                break
            if j > 0 and tokens[j - 1].word and all(c in _NUMERAL for c in tokens[j - 1].word) \
                    and w[:1] in _UNIT_START:
                break  # 10|万千瓦: the unit of a quantity
            if w.isdigit() and len(w) < 3:
                break  # 11市, 1区2市: counts, not names
            if core == "Event" and tok.tag == "v" and j > 0 and tokens[j - 1].word in lex:
                break  # 吕梁|留下: a subject and its verb, not an event's name
            if core in ("Program", "Project") and tok.tag == "v" and not (
                    j > 0 and tokens[j - 1].tag in ("oov", "nz") and tokens[j - 1].word not in lex):
                break  # 签约项目 is no name; 农光互补电站 is one (the verb sits inside it)

            if anchored and not _is_proper(tok) and w not in lex:
                # 中国|铁路|太原局集团: one generic word between two known names at a boundary.
                if (j > 0 and tokens[j - 1].word in lex and not tok.tag.startswith("v")
                        and (j < 2 or tokens[j - 2].tag == "x" or tokens[j - 2].word in stop)):
                    start = tokens[j - 1].start
                    j -= 2
                    continue
                break
            start = tok.start
            if _is_proper(tok) or w in lex:
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
        built = (core == "Project" and (_BUILT.search(text, max(0, start - 14), start) is not None
                                        or _CAPACITY.search(text, max(0, start - 16), start) is not None)
                 or core == "Institution" and _FOUNDED.search(text, max(0, start - 6), start) is not None
                 and len(head.head) >= 2)
        # A national or provincial meeting is named by what it is about:
        # 全国脱贫攻坚总结表彰大会.
        opener = tokens[by_start[start]].word if start in by_start else ""
        long_event = core == "Event" and hs - start >= 6 and (opener in ("全国", "全省") or opener in lex)
        if start >= hs or not (proper or built or long_event):
            continue
        if quoted and head.head == "项目" and text[start] in "“\"" and text[hs - 1] in "”\"":
            continue  # “三个一批”项目: projects of the program 三个一批, named by the quote
        if core == "Place":
            start = _strip_leading_places(tokens, by_start, start, hs, lex)
        name = text[start:he]
        if len(name) < 2 or len(name) == len(head.head):
            continue
        # A single dictionary word that merely ends with the head (荒山, 农村) is generic, and
        # so is an idiom jieba happens to tag as a name (康庄大道 nr, 金光大道 nz).
        if start in by_start and by_start[start] == by_end[he] and (
                _is_generic_word(name, tokens[by_start[start]].tag)
                or word_freq(name) > 0 and core != "Person" and tokens[by_start[start]].tag in ("nr", "nrfg")
                or word_freq(name) > 0 and core == "Place" and len(head.head) == 2 and head.cls == "Street"):
            continue
        if core == "Institution" and head.head.endswith("合作社") and _all_divisions(tokens, by_start, start, hs):
            continue  # 兴县合作社: the cooperatives of a county, not one named cooperative
        first = tokens[by_start[start]].word if start in by_start else text[start]
        if not quoted and "·" not in text[start:hs] and (
                all(c in _NUMERAL for c in first) and not first.isdigit() or first.isdigit() and len(first) < 3
                or len(first) == 2 and first[0] in _NUMERAL and first[1] in _COUNTERS):
            continue  # 12大基地, 两级政府, 一个城市: counted things (一码清 is a name)
        strong, generic = _evidence(tokens, by_start, start, hs, lex, quoted, htok)
        strong = strong or coined
        if not strong and generic:
            # 培训基地, 智能化煤矿: generic words and a head — unless a build verb makes the
            # phrase a particular project: 岚县创建了15万亩马铃薯产业园.
            if not (built or long_event):
                continue
        if (not quoted and head.head in _GOAL_HEADS
                and _GOAL.search(text, max(0, start - 6), start) is not None):
            continue  # 打造中部地区先进制造业基地: a goal, not a project
        if core == "Project" and not quoted and text.startswith(_HONOURS, start):
            continue  # 全国爱国主义教育示范基地: a title a place holds, not a project
        if core == "Program" and not quoted and head.weight < 0.8 and not (
                head.cls == "LabourBrand" and _one_place(tokens, by_start, start, hs)):
            # 政策, 模式, 整治 name programs only in quotes (the quoted component); a labour
            # brand is named by its home place and trade alone (吕梁山护工, 天镇保姆).
            continue
        if core == "Program" and not quoted and _all_divisions(tokens, by_start, start, hs):
            continue  # 吕梁市脱贫攻坚: a place and a generic program word
        if len(head.head) == 1 and (not strong or core == "Place" and (generic or hs - start > 5)):
            # 村, 山, 市…: short names of proper words only (武家庄村, not 移民新村).
            continue
        conf = head.weight * (1.0 if strong else 0.8) + (0.05 if quoted else 0.0)
        end, cls = he, head.cls
        if core == "Project" and head.head.endswith("工程") and _IMPLEMENTED.search(text, max(0, start - 8), start):
            # 大力实施吕梁山生态保护修复工程: a 工程 one implements is a programme, not a site.
            core, cls, conf = "Program", "Policy", max(conf, 0.7)
        if head.head in CUE_HEADS and quoted:
            continue  # “X”品牌 is the quoted component's
        if head.head in CUE_HEADS:
            # “吕梁山护工”品牌: the cue types the name but is not part of it.
            end = hs
            name = text[start:end].strip("“”\"")
            start = start + (1 if text[start] in "“\"" else 0)
            end = start + len(name)
        out.append(Mention(start, end, name, core, cls, rule=f"grammar:head:{head.head}",
                           confidence=round(min(conf, 0.95), 3)))
    return out


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
    r"第[0-9一二三四五六七八九十百]+[届次](?:[\u4e00-\u9fff·“”]{1,16}?)(?:博览会|交易会|运动会|大会|论坛|峰会|会|节|展|赛)"
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
