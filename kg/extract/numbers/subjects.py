"""What a numeric fact is about: the mention a number of a clause is stated for.

:func:`subject_of` tries, in order, the thing the number qualifies, a counted program,
the subject of the clause, a pronoun's person, a region word (``全市``), the subject of
the sentence, the paragraph's topic and the document's main place; the rule that chose
the mention names the observation's ``rule`` (see :mod:`kg.extract.numbers`).

Examples
--------
>>> "Program" in SUBJECT_CORES, "Person" in SUBJECT_CORES
(True, False)
"""

from __future__ import annotations

import re

from kg.extract.numbers.anaphora import ANAPHOR_HEADS, anaphor, level_word, title_at
from kg.extract.numbers.context import CLAUSE_END, DIVISION_CLASSES, SUBJECT_CORES, Context, Found, MentionIndex
from kg.extract.quantities import Quantity
from kg.records import Mention

__all__ = ["SUBJECT_CORES", "subject_of"]




# A preposition right before a mention makes it a place or party, not the subject.
_OBLIQUE = frozenset("在向赴从与同对往自于给至到")
# Words that put a number on the document's main place (a city): 全市, 我市.
_REGION_WORDS = ("全市", "我市", "本市", "市级", "全市上下")
# What may stand between a clause start and its subject (besides a period): 同时, 此外.
_SUBJECT_LEAD = frozenset({"", "同时", "此外", "另外", "其中", "据了解", "据介绍", "数据显示",
                           "特别是", "为此", "而且", "并且", "当前", "目前", "如今", "现在",
                           "这个", "该", "这一", "此", "这"})
_PRONOUNS = ("她", "他")


# A capacity a project's name states (年产200万只…项目, 日处理1000吨…发电项目).
_CAPACITY = re.compile(r"(?:年产|日产|年处理|日处理|年加工|装机)(?:能力)?$")


def _contains(m: Mention, q: Quantity) -> bool:
    return m.start < q.end and q.start < m.end


def _list_gap(text: str, lo: int, hi: int, index: MentionIndex) -> bool:
    """Whether ``text[lo:hi]`` is only list glue and mentions (、山东等): an enumeration."""
    covered = bytearray(hi - lo)
    for m in index.before(lo, hi):
        covered[m.start - lo:m.end - lo] = b"\x01" * (m.end - m.start)
    rest = "".join(ch for i, ch in enumerate(text[lo:hi]) if not covered[i])
    return rest.endswith("等") and all(ch in "、，,和及与等“”" for ch in rest)


def _usable(text: str, m: Mention, q: Quantity, lo: int, ctx: Context) -> bool:
    """Whether ``m`` can be the subject of a number after it (see :func:`subject_of`)."""
    if m.core not in SUBJECT_CORES or _contains(m, q):
        return False
    if text[m.start - 1:m.start] in _OBLIQUE and m.start - 1 >= lo:
        return False  # 在太原举办, 与山西省农行合作: a place or a party, not the subject
    if text[m.end:m.end + 1] in ("、", "等"):
        return False  # 北京、山东等11个省份: a member of a list, not the subject
    if m.core in ("Program", "Project") and m.end in ctx.q_starts:
        return False  # 完成退耕还林82万亩: the activity measured, not the subject
    if m.core == "Institution" and title_at(text, m.end):
        return False  # 吕梁市委书记孙大军: the person is the subject
    pos = m.start
    while pos > lo and text[pos - 1] in "“‘":
        pos -= 1
    if pos in ctx.q_ends:
        return False  # 2座智能化煤矿: what a number counts
    return True


def _enumerated(text: str, m: Mention, ctx: Context, span: int = 60) -> bool:
    """Whether ``m`` opens a list closed by 等 and a number (山西春德…等33个项目)."""
    end = min(len(text), m.end + span)
    pos = text.find("等", m.end, end)
    while pos >= 0:
        if any(ch in CLAUSE_END for ch in text[m.end:pos]):
            return False
        if pos + 1 in ctx.q_starts:
            return True
        pos = text.find("等", pos + 1, end)
    return False


# A clause after a list item that goes on with the list (…，以及各地优势产业).
_LIST_GOES_ON = ("以及", "及", "还有")


def _list_item(text: str, m: Mention) -> bool:
    """Whether the clause ``m`` opens is an item of a list the next clause goes on with
    (突出特钢、氢能2条产业链，杏花村汾酒专业镇，以及各地优势产业: an object, not a subject)."""
    end = m.end
    while end < len(text) and text[end] not in CLAUSE_END and end - m.end < 40:
        end += 1
    return text[end:end + 1] in ("，", ",") and text.startswith(_LIST_GOES_ON, end + 1)


def _subject_position(text: str, m: Mention, ctx: Context, sent_lo: int, *, modified: bool = True) -> bool:
    """Whether ``m`` opens its clause (after a period word or a connective; with
    ``modified``, also after a modifier with 的)."""
    cs = m.start
    while cs > sent_lo and text[cs - 1] not in CLAUSE_END and m.start - cs < 40:
        cs -= 1
    lead = text[cs:m.start]
    for p in ctx.periods_in(cs, m.start):
        lead = lead.replace(p.raw, "")
    # 位于县城以南的…产业园, 总投资25亿元的…项目, 与于都相邻的兴国县: a modifier with 的 before
    # the subject still leaves it the subject, however long the names in it (某公司（简称）正在
    # 建设的…项目: the project, not the company that builds it).
    if lead in _SUBJECT_LEAD or not modified:
        return lead in _SUBJECT_LEAD
    if any(text[x.end:x.end + 1] in _OBLIQUE and x.core in SUBJECT_CORES
           for x in ctx.index.before(cs, m.start)):
        return False  # 宜川县在景区周边的壶口镇建设了…: the name before 在 is the subject
    if _MODIFIED_SUBJECT.fullmatch(lead) is not None:
        return True
    keep = bytearray(b"\x01" * (m.start - cs))
    for x in [*ctx.periods_in(cs, m.start), *ctx.index.before(cs, m.start)]:
        keep[max(0, x.start - cs):max(0, x.end - cs)] = bytes(max(0, x.end - max(x.start, cs)))
    bare = "".join(ch for ch, k in zip(text[cs:m.start], keep) if k)
    return _MODIFIED_SUBJECT.fullmatch(bare) is not None


_MODIFIED_SUBJECT = re.compile(r"(?![在对把从向给为])[^，。；、]{1,16}的[“「]?")
_EVENT_ANAPHORA = ("此次", "本次", "这次", "本届", "开幕式上", "闭幕式上", "会上", "会议期间", "展会期间",
                   "博览会期间", "交易会期间", "洽谈会期间", "论坛期间", "大会期间", "峰会期间",
                   "活动期间", "现场")
_CEREMONY = ("开幕式上", "闭幕式上", "开幕式现场", "签约仪式上", "展会现场", "博览会现场", "展会期间", "博览会期间")
# 市长在开幕式上介绍，全市…: a ceremony where someone speaks is where the figures are told,
# not what they are the outcome of.
_SPEECH_AT = re.compile(r"(?:会|式|论坛|仪式)上(?:介绍|表示|指出|说|致辞|讲话|透露)")
_THIS_EVENT = ("此次", "本次", "这次", "本届")
_HAS_CEREMONY = re.compile(r"(?:博览会|交易会|展览会|洽谈会|文化节|旅游节|艺术节|大会|峰会|论坛|运动会|展会|节)$")
_FRAME_END = re.compile(r"[”」]?(?:上|期间|中|现场|会上)[，,]")


def _event_frame(text: str, sent_lo: int, hi: int, index: MentionIndex) -> Mention | None:
    """在开工仪式上，吕梁市签约…42个: the event a sentence opens with frames its figures
    (what a place did there is the event's outcome)."""
    pos = text.find("在", sent_lo, hi)
    while 0 <= pos < hi and pos - sent_lo <= 16:
        for m in index.starting_at(pos + 1):
            if m.core == "Event" and not m.nested and m.end < hi \
                    and _FRAME_END.match(text, m.end):
                return m
        pos = text.find("在", pos + 1, hi)
    return None


# What may follow the site a sentence opens with (在…园区内，在…景区里).
_SCENE_END = ("", "内", "里", "中", "境内", "一带")


def _scene(text: str, sent_lo: int, cs: int, ctx: Context) -> Mention | None:
    """The site a sentence opens with (在吉首市乾州古城旁的湘西黄金茶交易市场，…), for the
    figures of its later clauses that name no subject of their own."""
    if not text.startswith("在", sent_lo):
        return None
    end = sent_lo
    while end < cs and text[end] not in CLAUSE_END:
        end += 1
    if end >= cs:
        return None  # the figure stands in the opening clause itself
    for m in ctx.index.before(sent_lo, end, limit=1):
        if m.core in SUBJECT_CORES and m.core != "Event" and text[m.end:end] in _SCENE_END:
            return m
    return None


# 其 as "its" opening a clause (not 其中, 其他, 其余, 其实, 其次).
_ITS = re.compile(r"其(?![中他它余实次后间])")
def _its(text: str, f: Found, ctx: Context, at: int, topic_lo: int) -> Mention | None:
    """What a 其 opening the clause at ``at`` stands for (其总投资12亿元): the subject of the
    clause or sentence before (a project's confidence is too low for the paragraph topic)."""
    if not _ITS.match(text, at):
        return None
    return next((m for m in ctx.index.before(topic_lo, at) if _usable(text, m, f.q, topic_lo, ctx)
                 and _subject_position(text, m, ctx, topic_lo)), None)


_LIST_GLUE = ("、", "和", "与", "及", "以及")


def _respectively(text: str, f: Found, ctx: Context) -> Mention | None:
    """湄潭县、凤冈县茶园面积分别达到60万亩、50万亩: the i-th name of the list before 分别
    for the i-th figure after it."""
    cs, _ = f.clause
    k = text.rfind("分别", cs, f.q.start)
    if k < 0:
        return None
    names: list[Mention] = []
    for m in ctx.index.before(cs, k):
        if m.core not in SUBJECT_CORES or (names and text[m.end:names[-1].start] not in _LIST_GLUE):
            break
        names.append(m)
    if len(names) < 2:
        return None
    names.reverse()
    i = sum(1 for s in ctx.q_starts if k <= s < f.q.start)
    return names[i] if i < len(names) else None


def subject_of(text: str, f: Found, ctx: Context, sent_lo: int, para_lo: int,
               topic_lo: int) -> tuple[Mention | None, str, float]:
    """The mention ``f`` is about, the rule that chose it and a confidence (see
    :func:`_subject_of`). Divisions counted (10个贫困县全部摘帽) are a place's, never the
    program a clause before names (“两不愁三保障”全面实现)."""
    m, rule, conf = _subject_of(text, f, ctx, sent_lo, para_lo, topic_lo)
    if m is not None and m.core == "Program" and rule != "takes-part" and f.q.kind == "count" \
            and f.noun.endswith(_DIVISION_NOUNS):
        level = level_word(text, sent_lo, f.q.start, ctx, topic_lo)
        if level is not None:
            return level, "level-word", 0.65
        if ctx.main is not None:
            return ctx.main, "document-place", 0.45
    return m, rule, conf


def _subject_of(text: str, f: Found, ctx: Context, sent_lo: int, para_lo: int,
                topic_lo: int) -> tuple[Mention | None, str, float]:
    """The mention ``f`` is about, the rule that chose it and a confidence.

    What the clause itself says comes first: the program its people take part in, a
    demonstrative (该项目, 这个平台, 全矿) standing for a name said before, then the
    grammatical subject (:func:`_about_clause`). When that subject is only a place acting
    as the doer (吕梁持续实施新型职业农民培育工程，…培训农民4940人) and the sentence, or the
    sentence before, is about a program the place carries out, the figure is the program's.
    """
    cs, _ = f.clause
    own = next((m for m in ctx.index.holding(f.q.start, f.q.end)
                if m.core == "Project" and _CAPACITY.search(text, m.start, f.q.start)), None)
    if own is not None:
        return own, "own-name", 0.7  # 年产200万只铝合金轮毂项目: the capacity its name states
    each = _respectively(text, f, ctx)
    if each is not None:
        return each, "respectively", 0.7
    program = _taken_part_in(text, f, ctx)
    if program is not None:
        return program, "takes-part", 0.65
    said = anaphor(text, cs, f.q.start, ctx, topic_lo)
    if said is not None:
        return said, "anaphor", 0.65
    its = _its(text, f, ctx, cs, topic_lo)
    if its is not None:
        return its, "anaphor", 0.6
    m, rule, conf = _about_clause(text, f, ctx, sent_lo, para_lo)
    if rule in ("paragraph-topic", "document-place") and sent_lo < cs:
        # …其总投资12亿元，年发电量2亿千瓦时: the later clauses of a sentence opened by 其.
        its = _its(text, f, ctx, sent_lo, topic_lo)
        if its is not None:
            return its, "anaphor", 0.6
    if m is not None and m.text in ANAPHOR_HEADS:
        # A bare head word taken for a name (研究院依托…建设): the name it stands for.
        named = next((x for x in ctx.index.before(topic_lo, m.start)
                      if x.text.endswith(m.text) and x.length > m.length), None)
        if named is not None:
            return named, "anaphor", 0.6
    if m is not None and rule in _DOER_RULES and (m.core == "Place" or rule != "clause-subject"):
        # 全县, 全镇, 全州: the clause's own division word beats a subject found outside the
        # clause (局长某某介绍，今年全州…: the prefecture, not the bureau of the sentence before).
        level = level_word(text, sent_lo, f.q.start, ctx, topic_lo)
        if level is not None:
            return level, "level-word", 0.65
    if m is None or rule not in _DOER_RULES:
        return m, rule, conf
    if m.core in ("Program", "Project", "Event") and _REGION_MEASURE.search(f.measure):
        # 三北防护林工程在鄂尔多斯境内累计完成营造林…，森林覆盖率达到27.4%: only a place has
        # a forest cover rate or a population, whatever the sentence is about.
        place = next((x for x in ctx.index.before(sent_lo, f.q.start)
                      if x.core == "Place" and x.cls in DIVISION_CLASSES), ctx.main)
        if place is not None:
            return place, "region-measure", 0.6
    if m.core not in ("Place", "Institution"):
        # A topic carried over from an earlier sentence, whatever it is, gives way to the
        # program this sentence carries out (…中博会…。滚动推进三个一批，今年签约项目49个).
        measured = any(x.core == "Program" for x in ctx.index.before(cs, f.q.start))
        topic = _program_topic(text, ctx, sent_lo, cs) if rule == "paragraph-topic" and not measured else None
        return (topic, "program-topic", 0.6) if topic is not None else (m, rule, conf)
    if m.core == "Place" and text.startswith(_WHOLE, m.end):
        # 延安全市苹果种植面积…，产量…: the place named with its whole, a region word.
        return m, "region-word", conf
    if any(w in text[cs:f.q.start] for w in _REGION_WORDS) or _PLACE_MEASURE.search(f.measure):
        # 全市林草覆盖率, 地区生产总值: the clause names the place, or measures what only a
        # place has.
        return m, rule, conf
    if rule != "clause-subject":
        # The clause has no subject of its own: a demonstrative earlier in the sentence
        # (全矿减员153人，吨煤成本降低了15元).
        said = anaphor(text, sent_lo, cs, ctx, topic_lo)
        if said is not None:
            return said, "anaphor", 0.6
    # Only the sentence's own program: across sentences a place's figures are as often its
    # own (地区生产总值) as the program's.
    measured = any(x.core == "Program" for x in ctx.index.before(cs, f.q.start))
    topic = None if measured else _program_topic(text, ctx, sent_lo, cs)
    if (topic is None and not measured and topic_lo < para_lo == sent_lo and m.cls in DIVISION_CLASSES
            and text[:sent_lo].rstrip()[-1:] in "。！？!?”"):
        # A paragraph that opens with figures (截至目前，吕梁共培训5.83万人) reports on the
        # program the paragraph before was about (unless that one broke off mid-sentence:
        # then this is its continuation, not a new report).
        topic = _program_topic(text, ctx, topic_lo, sent_lo, built=False)
    if topic is not None:
        return topic, "program-topic", 0.6
    return m, rule, conf


# Counted nouns that are divisions (贫困县, 行政村, 乡镇).
_DIVISION_NOUNS = ("县", "村", "乡", "镇", "乡镇", "区", "市")
# Rules that choose a place as the one doing what the clause says (not one it describes).
_DOER_RULES = frozenset({"clause-subject", "sentence-subject", "region-word", "paragraph-topic",
                         "document-place"})
# What a region's statistics measure (the economy, population, land and budget of a place).
_PLACE_MEASURE = re.compile(r"生产总值|GDP|增加值|人口|面积|覆盖率|财政|税收|预算|固定资产投资|社会消费品零售|"
                            r"居民人均|城镇化率|森林|耕地|植被覆盖度")
# What only a region has (a program's or a project's figures never measure these).
_REGION_MEASURE = re.compile(r"森林覆盖率|植被覆盖度|林草覆盖率|生产总值|GDP|常住人口|总人口|户籍人口|城镇化率|"
                             r"一般公共预算|财政收入|社会消费品零售总额|居民人均可支配收入")
# A place name then 全市/全县 (吕梁全市, 延安全市): the whole place, named twice over.
_WHOLE = ("全市", "全县", "全区", "全州", "全省", "全旗", "全镇", "全乡", "全村")
_BUILT = re.compile(r"(?:共建|建设|建成|成立|组建|设立|打造|新建|兴建|投建|引进|签约|开工)(?:了)?[“「]?$")
# Verbs by which a place carries out a program (吕梁深入实施…工程, 设立…的“乡村振兴贷”).
# 推出 and 用好 too: a bank's loan product (某银行推出“苹果贷”，已累计发放贷款…) is what the
# figures after it report on, not the bank.
_CARRY_OUT = re.compile(r"(?:实施|推进|开展|设立|启动|推行|落实|打造|创建|推广|建立|深化|推出|用好|把)")
# 9.96万名贫困人口享受“三保险三救助”政策; 对791个贫困自然村实施易地扶贫搬迁.
_TAKE_PART = re.compile(r"[^，,；;。！？:：]{0,12}?(享受|参加|参与|加入|纳入|受益于|实施|开展)[“「《]?")
_CARRY_OUT_ON = frozenset({"实施", "开展"})
def _taken_part_in(text: str, f: Found, ctx: Context) -> Mention | None:
    """The program the people or places counted by ``f`` take part in, benefit from or
    have carried out on them (9.96万名贫困人口享受“三保险三救助”政策)."""
    q = f.q
    if q.kind not in ("count", "number"):
        return None
    _, ce = f.clause
    mt = _TAKE_PART.match(text, q.end, ce)
    if mt is None:
        return None
    if mt.group(1) in _CARRY_OUT_ON and text[q.start - 1:q.start] != "对":
        return None  # 完成3个项目，开展…: only 对N个X实施Y puts the number on Y's side
    return next((m for m in ctx.index.starting_at(mt.end())
                 if m.core == "Program" and not m.nested), None)


def _program_topic(text: str, ctx: Context, lo: int, hi: int, *, built: bool = True) -> Mention | None:
    """The last program in ``text[lo:hi]`` that a clause is about: carried out by the
    subject (实施…工程, 设立…的“乡村振兴贷”) or itself the subject (《吕梁山护工》劳务品牌叫响全国)."""
    for m in ctx.index.before(lo, hi):
        after = m.end + (1 if text[m.end:m.end + 1] in "”’」》" else 0)
        if m.core != "Program" or text[after:after + 1] in ("、", "等", "“") or after in ctx.q_starts:
            continue  # a list member, or the activity a number measures (退耕还林236万亩)
        cs = m.start
        while cs > lo and text[cs - 1] not in CLAUSE_END and m.start - cs < 40:
            cs -= 1
        lead = text[cs:m.start]
        if _CARRY_OUT.search(lead) or lead.strip("“《「") in _SUBJECT_LEAD:
            return m
    # 签约共建台州氢能研究院，首期投入科研经费5000万元: what the sentence has the subject
    # found or build is what its later figures are about.
    for m in ctx.index.before(lo, hi) if built else ():
        if m.core in ("Project", "Institution") or (m.core == "Place" and m.cls not in DIVISION_CLASSES):
            if _BUILT.search(text, max(lo, m.start - 4), m.start):
                return m
    return None


def _about_clause(text: str, f: Found, ctx: Context, sent_lo: int, para_lo: int) -> tuple[Mention | None, str, float]:
    """The subject the clause of ``f`` names (or the nearest that the text names before it)."""
    q = f.q
    cs, ce = f.clause
    index = ctx.index
    pos = q.end
    while pos < ce and pos - q.end < 2 and text[pos] in "的“":
        pos += 1
    for m in index.starting_at(pos):
        if m.nested or _contains(m, q) or m.core not in SUBJECT_CORES:
            continue
        # 日处理能力1000吨的垃圾焚烧发电厂, 总规模20亿元的“乡村振兴贷”: the number
        # qualifies the thing named right after it.
        if q.kind != "count" and (pos > q.end or m.core == "Project"):
            return m, "modifies", 0.7
        # 3.8万多名“吕梁山护工”: a count of a program's people or sites, when the name
        # ends the phrase (not 36个“两高”项目, a count of projects).
        after = m.end + (1 if text[m.end:m.end + 1] in "”’" else 0)
        # 挂牌14个“吕梁青少年党史研学基地”: the same for projects and memorials, named in quotes.
        named = m.core == "Program" or (m.core in ("Project", "Memorial") and text[m.start - 1:m.start] == "“")
        if q.kind == "count" and named and (after >= ce or text[after] in CLAUSE_END):
            return m, "counted", 0.65
    clause_text = text[cs:q.start]
    # The frame lasts to the full stop: 开工一批项目34个 after a semicolon is still framed.
    frame = _event_frame(text, max(para_lo, text.rfind("。", para_lo, q.start) + 1), q.start, index)
    speech = _SPEECH_AT.search(text, sent_lo, q.start) is not None
    if frame is None and any(w in text[sent_lo:q.start] for w in (_THIS_EVENT if speech else _EVENT_ANAPHORA)):
        # 此次集中开工的项目共15个: "this" event, the last one the paragraph named.
        frame = next((m for m in index.before(para_lo, sent_lo) if m.core == "Event"), None)
        if frame is None and not speech and any(w in text[sent_lo:q.start] for w in _CEREMONY):
            # 开幕式上，共有32个项目签约: the ceremony of the event the article reports, named
            # in an earlier paragraph (the last event named before, when it is an event with a
            # ceremony: a fair, a festival, a conference).
            frame = next((m for m in index.before(max(0, sent_lo - 1500), sent_lo, limit=256)
                          if m.core == "Event" and not m.nested and _HAS_CEREMONY.search(m.text)), None)
    if frame is None:
        # 中博会期间吕梁全市签约项目112个: what happened during an event is its outcome.
        frame = next((m for m in index.before(sent_lo, q.start)
                      if m.core == "Event" and text.startswith("期间", m.end)), None)
    for m in index.before(cs, q.start):
        if not _usable(text, m, q, cs, ctx):
            continue
        if _list_gap(text, m.end, q.start, index):
            continue  # 北京、山东等11个省份: members of a list, not the subject
        gap = text[m.end:q.start]
        if ("、" in gap or "等" in gap) and not _subject_position(text, m, ctx, cs):
            continue  # 红色教育、黄河文化、…6条路线, …清华大学等院校90名: inside a list
        if frame is not None and m.core == "Place":
            return frame, "event-frame", 0.7
        return m, "clause-subject", 0.75
    if frame is not None:
        return frame, "event-frame", 0.65
    if any(p in clause_text for p in _PRONOUNS):
        for m in index.before(para_lo, q.start):
            if m.core == "Person":
                return m, "pronoun", 0.6
    if ctx.main is not None and ctx.main_is_city and any(w in clause_text for w in _REGION_WORDS):
        return ctx.main, "region-word", 0.65
    # The subject of an earlier clause of the sentence (吕梁市签约一批项目42个，总投资额…).
    for m in index.before(sent_lo, cs):
        if (_usable(text, m, q, sent_lo, ctx) and _subject_position(text, m, ctx, sent_lo)
                and not _enumerated(text, m, ctx) and not _list_item(text, m)):
            return m, "sentence-subject", 0.65
    scene = _scene(text, sent_lo, cs, ctx)
    if scene is not None:
        return scene, "scene", 0.6
    if ctx.main is not None and ctx.main_is_city and any(w in text[sent_lo:q.start] for w in _REGION_WORDS):
        return ctx.main, "region-word", 0.6
    for m in index.before(para_lo, sent_lo):
        if m.confidence < 0.65 or not _usable(text, m, q, para_lo, ctx):
            continue
        # Across sentences only a plain subject sets the topic (特别是倾力打造的“吕梁山护工”品牌
        # is praised in passing; the paragraph's figures are the training campaign's).
        if (_subject_position(text, m, ctx, para_lo, modified=False) and not _enumerated(text, m, ctx)
                and not _list_item(text, m)):
            return m, "paragraph-topic", 0.55
    if ctx.main is not None:
        return ctx.main, "document-place", 0.45
    return None, "", 0.0
