"""Choose among overlapping candidates: the longest, most confident span wins.

Candidates from all finders overlap (吕梁 in 吕梁市委, 兴县 in 兴县经开区…产业园区). The
chosen mentions do not overlap, except that reference-lexicon places nested inside a
chosen name are kept as ``nested`` mentions: they are real mentions, and the relation
stage reads ``X locatedIn Y`` from them.

Examples
--------
>>> from kg.records import Mention
>>> a = Mention(0, 2, "兴县", "Place", "County", rule="lexicon:cpca", confidence=0.97, ref="k")
>>> b = Mention(0, 5, "兴县经开区", "Place", "DevelopmentZone", rule="grammar:head:经开区",
...             confidence=0.9)
>>> [(m.text, m.rule) for m in select_mentions([a, b])]
[('兴县经开区', 'grammar:head:经开区'), ('兴县', 'nested:lexicon:cpca')]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from kg.extract.classify import RETYPE_WEIGHT, head_of
from kg.extract.name_repairs import (memorials_from_tagged_names, outside_epithets, repaired, with_date_numerals,
                                     with_route_sections)
from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import reference_lexicon
from kg.extract.tokens import tokenize
from kg.extract.wordlists import DIVISION_ENDS
from kg.records import Mention

__all__ = ["MentionSelector", "select_mentions", "across_words", "is_top_level", "outer_names", "container_finder"]

# On equal spans, which finder's typing to trust.
_SOURCE_RANK = {"lexicon": 3, "grammar": 2, "tagger": 1, "ner": 1}


def _rank(m: Mention) -> tuple:
    return (-m.length, -_SOURCE_RANK.get(m.source, 0), -m.confidence, m.start, m.text)


#: Administrative levels, from the province down.
_LEVEL = {"Province": 1, "City": 2, "County": 3, "District": 3, "CountyLevelCity": 3,
          "Township": 4, "Village": 5}

#: Cores whose boundaries the learned tagger decides (it labels persons, places, bodies).
_TAGGED_CORES = frozenset({"Person", "Place", "Institution", "Memorial"})
# Names listed before 等 + what they are (上海申能、吉利汽车等86家企业): the list says where
# each begins and ends and what it is, whatever the tagger reads there.
_LISTED = "grammar:list:"
# Names whose form alone says what they are and where they begin and end, tagger or not:
# rivers before their banks (沱江两岸), development zones by division and zone word
# (台州湾经济技术开发区), party committees by division and 委 (遵义市委).
_BY_FORM = (_LISTED, "grammar:water", "grammar:zone", "grammar:party-committee")


def _crossing_confident_spans(candidates: list[Mention], threshold: float) -> set[int]:
    """Indices of rule candidates that cut through a confident tagger span.

    A rule's person, place or body that starts or ends inside a name the tagger is sure of
    (and does not contain it whole) has its boundary wrong: 马烽邀 against 马烽, 楼位于 against
    nothing of the kind. Names of programs, projects and events are the rules' own business.
    """
    spans = sorted((m.start, m.end) for m in candidates
                   if m.source in ("tagger",) and m.confidence >= threshold)
    if not spans:
        return set()
    starts = [a for a, _ in spans]
    out = set()
    for k, m in enumerate(candidates):
        if m.source == "tagger" or m.core not in _TAGGED_CORES:
            continue
        listed = m.rule.startswith(_BY_FORM)
        i = bisect_right(starts, m.end - 1)
        for a, b in spans[max(0, i - 8):i]:
            if b <= m.start or a >= m.end or (a, b) == m.span:
                continue
            if m.start <= a and b <= m.end:
                if listed or _may_contain(m, a, b):
                    continue  # a listed name's bounds are the list's punctuation
            elif a <= m.start and m.end <= b:
                continue  # inside a tagged name: judged by length, or kept as nested
            out.add(k)
            break
    return out


#: Head weights (heads.tsv) from which a rule's name may extend a tagged name it starts
#: with: right after it (北京市|政府: news usually names the place alone), or with words
#: between (柳林县|发展和改革|局).
_STRONG_HEAD = 0.9
_HEAD = 0.8
_MEMORIAL_HEAD = 0.6
_GOVERNING = frozenset({"GovernmentBody", "PartyOrgan"})


def _may_contain(m: Mention, start: int, end: int) -> bool:
    """Whether rule name ``m`` may hold a tagged name at ``start``–``end``: a reference name
    may (中国人民银行 holds 中国), and so may a name that the tagged name begins and a strong
    head ends (吕梁市|人力资源和社会保障局); a span that swallows words around a name may not
    (上海交通大学|签约共建|台州氢能研究院, 国清寺|一路向北)."""
    if m.ref is not None:
        return True
    head = head_of(m.text)
    if start != m.start or head is None:
        return False
    if m.core == "Memorial":
        # a memorial is named after whom or what it remembers (刘胡兰|纪念馆, 红军总政治部|旧址)
        return head.weight >= _MEMORIAL_HEAD
    between = m.end - len(head.head) - end
    if between <= 0 and head.cls in _GOVERNING and m.text[end - m.start - 1] in DIVISION_ENDS:
        # 三亚市|政府, 县|委: a division's government or party committee is a body by the
        # guide, though MSRA-trained eyes see the place and a common noun.
        return head.weight >= _HEAD
    return head.weight >= (_STRONG_HEAD if between <= 0 else _HEAD)


def _split_division_runs(candidates: list[Mention]) -> list[Mention]:
    """A tagged place that is a reference division followed by a place the rules found
    (文水县|云周西村) is two places: the guide names the village and locates it in the county."""
    ref_ends = {(m.start, m.end) for m in candidates
                if m.ref is not None and m.core == "Place" and m.source == "lexicon"}
    rule_places = {(m.start, m.end) for m in candidates
                   if m.source in ("grammar", "lexicon") and m.core == "Place"}
    out = []
    for m in candidates:
        if m.source == "tagger" and m.core == "Place" and any(
                (m.start, k) in ref_ends and (k, m.end) in rule_places for k in range(m.start + 2, m.end - 1)):
            continue
        out.append(m)
    return out


def _with_tagger(candidates: list[Mention], unsupported: float | None = 0.9) -> list[Mention]:
    """Weigh rule candidates by what the tagger says of the same text.

    * A rule candidate whose span the tagger also proposes is as confident as the more
      confident of the two (a weak lexicon short form the tagger confirms survives, with
      its reference entry). Where they disagree whether it is a place or a body, the
      grammar's head decides only if it is reliable (华贸中心: 中心 is not).
    * A person found by a title or an honorific takes the boundaries of the tagger's person
      it overlaps, keeping its title (记者薛原报道: 薛原, not 薛原报); with no tagger person
      there it is dropped: the tagger knows names better than a surname list does.
    * A place or body the grammar found where the tagger sees no name (点票中心)
      needs a head at least ``unsupported`` reliable (…人民政府, …大学 yes; …中心 no), unless
      it is named inside a memorial's or project's name (方山县|桥沟村|农光互补电站).
    """
    candidates = _split_division_runs(candidates)
    tagged = {m.span: m for m in candidates if m.source == "tagger"}
    spans = sorted(tagged)
    # names of memorials and projects: a place named inside one is where it stands
    sited = [m.span for m in candidates if m.core in ("Memorial", "Project")]
    people = sorted((m for m in candidates if m.source == "tagger" and m.core == "Person"),
                    key=lambda m: m.start)
    out = []
    for m in candidates:
        if m.source == "tagger":
            out.append(m)
            continue
        if m.core == "Person":
            over = [p for p in people if p.start < m.end and m.start < p.end]
            if not over:
                continue
            p = min(over, key=lambda p: (abs(p.start - m.start) + abs(p.end - m.end), p.start))
            m = replace(m, start=p.start, end=p.end, text=p.text,
                        confidence=max(m.confidence, p.confidence))
        elif m.span in tagged:
            t = tagged[m.span]
            m = replace(m, confidence=max(m.confidence, t.confidence))
            if {m.core, t.core} == {"Place", "Institution"} and m.source == "grammar" \
                    and not m.rule.startswith(_LISTED):
                h = head_of(m.text)
                if h is None or h.weight < RETYPE_WEIGHT:
                    m = replace(m, core=t.core, cls=t.cls)
        elif unsupported is not None and m.source == "grammar" and m.core in ("Place", "Institution") \
                and not m.rule.startswith(_BY_FORM) \
                and not any(a < m.end and m.start < b for a, b in spans) \
                and not any(a <= m.start and m.end <= b for a, b in sited):
            h = head_of(m.text)
            if h is None or h.weight < unsupported:
                continue
        out.append(m)
    return out


# Division levels that end one part of an address chain (湄潭县|兴隆镇|田家沟村); 村 and
# 社区 end the chain only, being the lowest level.
# (州 and 盟 also end city names, 赣州 and 锡林郭勒盟, but as often a short form, 台州|湾新区.)

def select_mentions(candidates: list[Mention], *, min_confidence: float = 0.55,
                    tagger_veto: float | None = 0.8, unsupported: float | None = 0.9,
                    tagger_ran: bool | None = None) -> list[Mention]:
    """Non-overlapping mentions plus nested reference places, sorted by position.

    Candidates are first cut to names: a leading 东临/西依… goes, and an address chain
    found as one place (穆村镇沙曲村) becomes one place per part.

    When the tagger proposed candidates, rule candidates are first weighed against them
    (:func:`_with_tagger`), and ``tagger_veto`` drops rule candidates crossing a tagger span
    at least this confident (None: neither). ``unsupported``: a place or body the grammar
    found where the tagger sees no name at all is kept only when its head is at least this
    reliable (heads.tsv weight; None: always kept). ``tagger_ran`` says whether the tagger
    ran (default: whether it proposed anything); a pipeline without it keeps the rules' word.
    """
    if tagger_ran is None:
        tagger_ran = any(m.source == "tagger" for m in candidates)
    candidates = repaired(candidates)
    if tagger_veto is not None and tagger_ran:
        candidates = _with_tagger(memorials_from_tagged_names(candidates), unsupported)
        vetoed = _crossing_confident_spans(candidates, tagger_veto)
        if vetoed:
            candidates = [m for k, m in enumerate(candidates) if k not in vetoed]
    chosen: list[Mention] = []
    taken = bytearray(max((m.end for m in candidates), default=0))
    for m in sorted(candidates, key=_rank):
        if m.confidence < min_confidence:
            continue
        if any(taken[m.start:m.end]):
            continue
        chosen.append(m)
        taken[m.start:m.end] = b"\x01" * m.length
    containing = container_finder(chosen)
    lex = reference_lexicon()

    # Nested places by their outer mention: a nested place only ever contains, or is
    # contained in, another one of the same outer mention (outer mentions do not overlap).
    nested: dict[int, Mention] = {}  # insertion order = the order of the former list
    serial = 0
    per_outer: dict[int, list[int]] = {}
    for m in sorted(candidates, key=lambda c: (c.start, -c.length)):
        if m.core != "Place" or m.nested or m.confidence < min_confidence:
            continue
        outer = containing(m)
        if outer is None or outer == m or outer.ref is not None:
            continue
        # A town named after a village (杏花村|镇) does not lie in it: at the start of a
        # division's name only a division of a higher level is a container.
        if (m.start == outer.start and _LEVEL.get(outer.cls, 0)
                and _LEVEL.get(m.cls, 0) >= _LEVEL[outer.cls]):
            continue
        # Nor is a division that ends a place's name of the same level word a part of it,
        # unless a place is named before it (山西|兴县): it is a namesake (大兴县 holds no 兴县,
        # 崇礼县 no 礼县).
        if (m.end == outer.end and m.start > outer.start and outer.core == "Place" and _LEVEL.get(m.cls, 0)
                and outer.text[-1] == m.text[-1] and outer.text[:m.start - outer.start] not in lex.surfaces):
            continue
        # Reference places anywhere; places found by their form only where a memorial or a
        # project is named after its site (方山县|桥沟村|农光互补电站, 离柳矿区|561万吨…园区).
        # (A name several divisions share, such as 三交镇, is still a place.)
        if m.ref is None and not ((m.source == "grammar" or m.rule.startswith("lexicon:ambiguous"))
                                  and outer.core in ("Memorial", "Project") and m.end < outer.end):
            continue
        keys = per_outer.setdefault(id(outer), [])
        # Keep the longest of nested reference places only (吕梁市, not also 吕梁); a place
        # found by its form keeps the reference place it starts with (兴县|经开区).
        def same_kind(k: int) -> bool:
            return (nested[k].ref is None) == (m.ref is None)

        if any(same_kind(k) and nested[k].start <= m.start and m.end <= nested[k].end for k in keys):
            continue
        # Read left to right: a place that starts inside an earlier one and runs past it is
        # two names misread as one (武汉|中国地质大学 holds no 汉中).
        if any(nested[k].start < m.start < nested[k].end < m.end for k in keys):
            continue
        for k in [k for k in keys if same_kind(k) and m.start <= nested[k].start and nested[k].end <= m.end]:
            keys.remove(k)
            del nested[k]
        nested[serial] = replace(m, rule="nested:" + m.rule, nested=True)
        keys.append(serial)
        serial += 1
    # Names that stand inside another name of a different kind are mentions of their own:
    # the quoted program in a policy title (《实施“三五工程”…方案》), the body that holds a
    # meeting (吕梁市大数据专家咨询委员会|会议), the project an event is about.
    # The body a project is named after runs it (中阳钢铁有限公司|数字化生产系统): the longest
    # such body at the start of the name only.
    inner = []
    inner_spans: set[tuple[int, int]] = set()
    body_starts: set[int] = set()
    for m in sorted(candidates, key=_rank):
        outer = containing(m)
        if outer is None or outer.span == m.span or m.confidence < min_confidence:
            continue
        quoted_in_title = m.rule.startswith("grammar:quoted") and outer.rule == "grammar:book-title"
        body_of_event = (m.core == "Institution" and outer.core in ("Event", "Project")
                         and m.start == outer.start and m.source not in ("ner", "tagger"))
        if body_of_event and m.start in body_starts:
            continue
        # the project an event opens with (太中银铁路|吕梁至太原南段…开通仪式)
        project_of_event = (m.core == "Project" and outer.core == "Event" and m.start == outer.start
                            and m.source not in ("ner", "tagger"))
        if (quoted_in_title or body_of_event or project_of_event) and m.span not in inner_spans:
            inner.append(m)
            inner_spans.add(m.span)
            if body_of_event:
                body_starts.add(m.start)
    return sorted(_with_parents(chosen) + list(nested.values()) + inner, key=lambda m: (m.start, -m.length))


def _with_parents(chosen: list[Mention]) -> list[Mention]:
    """Give a place found by its form the reference division written right before it."""
    by_end = {m.end: m for m in chosen if m.ref is not None and m.core == "Place"}
    out = []
    for m in chosen:
        p = by_end.get(m.start)
        if p is not None and m.core == "Place" and m.ref is None and m.parent is None:
            m = replace(m, parent=p.ref)
        out.append(m)
    return out


def is_top_level(m: Mention) -> bool:
    """Whether ``m`` is a name the text states as such: not one nested in another name
    (``nested:…``) and not one only implied by it (``implied:…``)."""
    return not m.nested and not m.implied


def outer_names(mentions: list[Mention]) -> list[Mention]:
    """The names no other name contains, by start: of the top-level mentions
    (:func:`is_top_level`), the longest at each place (华为山西（吕梁）大数据中心, not the 华为
    inside it). They do not overlap."""
    tops = sorted(filter(is_top_level, mentions), key=lambda m: (m.start, -m.length))
    out: list[Mention] = []
    for m in tops:
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


def container_finder(outers: list[Mention]) -> Callable[[Mention], Mention | None]:
    """``find(m)``: the one of the non-overlapping ``outers`` that contains ``m``, or None.

    At most one outer contains a given position; it is found by bisection (a linear scan per
    mention was quadratic: minutes for a 1 MB document).

    >>> from kg.records import Mention
    >>> a = Mention(0, 5, "兴县经开区", "Place", "DevelopmentZone", rule="grammar", confidence=0.9)
    >>> find = container_finder([a])
    >>> find(Mention(0, 2, "兴县", "Place", "County", rule="x", confidence=0.9)) is a
    True
    """
    by_start = sorted(outers, key=lambda c: c.start)
    starts = [c.start for c in by_start]

    def find(m: Mention) -> Mention | None:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and by_start[i].start <= m.start and m.end <= by_start[i].end:
            return by_start[i]
        return None

    return find


# Dictionary tags of common words: a reference name ending inside one (大通|道 of 大通道) is
# a piece of that word.
_COMMON_TAGS = frozenset({"n", "v", "vn", "a", "ad", "an", "d", "f", "m", "q", "s", "t", "l", "i"})
# A name may end a proper noun the dictionary holds whole (北京|天安门广场).
_PROPER_TAGS = frozenset({"ns", "nt", "nz", "nr", "nrt", "nrfg"})


def across_words(doc, candidates: list[Mention]) -> list[Mention]:
    """Candidates without the reference names read across the words of their sentence that
    the tagger does not confirm: one starting inside a word (沿|海城市 of 沿海城市, 隆|重庆|祝,
    城|东山) unless it ends a proper noun there, or ending inside a common word (大通 of
    大通道, 华中 of 中华|中学), but for a people's name (葡萄牙|人).

    A name that starts or ends a proper noun is kept: 吕梁 in 吕梁市委, 天安门广场 in
    北京天安门广场.

    Examples
    --------
    >>> from kg.text import read_text
    >>> from kg.extract.lexicon import match_lexicon
    >>> doc = read_text("在瑞典北部沿海城市吕勒奥举行。吕梁市委召开会议。", doc_id="d")
    >>> [m.text for m in across_words(doc, match_lexicon(doc.text))]
    ['瑞典', '吕梁', '吕梁市', '吕梁市委']
    """
    tagged = {m.span for m in candidates if m.source == "tagger"}
    out = []
    for m in candidates:
        if m.source == "lexicon" and m.span not in tagged:
            sent = doc.sentence_at(m.start)
            if sent is not None and m.end <= sent.end and _crosses_words(doc.text[sent.start:sent.end],
                                                                         m.start - sent.start, m.end - sent.start):
                continue
        out.append(m)
    return out


def _crosses_words(sentence: str, start: int, end: int) -> bool:
    for t in tokenize(sentence):
        if t.start < start < t.end and t.tag not in ("oov", "x") and not (
                t.tag in _PROPER_TAGS and end == t.end and sentence[end - 1] not in DIVISION_ENDS):
            return True  # (胶南县 ends with 南县 and is another county: its namesake)
        # 大同市|委 (the token 市委) and 葡萄牙|人 are the name and a word about it.
        if (t.start < end < t.end and t.tag in _COMMON_TAGS and t.word[end - t.start:] != "人"
                and not (t.start == end - 1 and sentence[t.start] in DIVISION_ENDS)):
            return True
        if t.start >= end:
            break
    return False


@register_component("select")
class MentionSelector:
    """Choose the final ``mentions`` from the ``candidates``."""

    requires = ("candidates",)
    provides = ("mentions",)

    def __init__(self, *, min_confidence: float = 0.55, tagger_veto: float | None = 0.8,
                 unsupported: float | None = 0.9) -> None:
        self.min_confidence = min_confidence
        self.tagger_veto = tagger_veto
        self.unsupported = unsupported

    def __call__(self, state: DocState) -> None:
        text = state.doc.text
        candidates = with_route_sections(text, with_date_numerals(text, outside_epithets(
            text, across_words(state.doc, state.candidates))))
        state.mentions = select_mentions(candidates,
                                         min_confidence=self.min_confidence,
                                         tagger_veto=self.tagger_veto, unsupported=self.unsupported,
                                         tagger_ran="tagger" in state.trace)
