"""Tagged and formed spans that run a name into its neighbours, cut back to names.

News writes names next to each other with nothing between them: a nationality or a province
before a person (匈牙利|科瓦茨, 广东|吕钦), a body before a person, a verb or a coverb
(成都军区|周某某, 防腐厂|生产, 集团|向记者团), a person before a body in an unstopped list
(黄恕|四川省叙永县科协), a clause's time after a body (…部队|今天下午派出…), a post after a body
(警备区|政委), a photo credit after a name (刘宇|摄), two known bodies (党中央|国务院) or two
projects (209国道改线项目|车家湾特大桥). The learned tagger often reads such a run as one
name. Each repair here cuts or splits it; :func:`kg.extract.name_repairs.repaired` applies
them before selection.

Examples
--------
>>> m = Mention(0, 6, "匈牙利科瓦茨", "Place", "Place", source="tagger")
>>> [(x.text, x.core) for x in split_nationals([m])]
[('匈牙利', 'Place'), ('科瓦茨', 'Place')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.classify import head_of
from kg.extract.reference import core_of, reference_lexicon
from kg.extract.tokens import word_tag
from kg.extract.wordlists import head_table, surnames, title_table
from kg.records import Mention

__all__ = ["BODY_CHARS", "cut_at_clause_time", "split_body_person", "split_committee_government",
           "split_known_bodies", "split_nationals", "split_project_runs", "without_photo_credit",
           "without_trailing_title"]

# Countries whose people bear Chinese-style names: their surname opens a three-character
# name (韩国|金荣垣), while their cities' names are two characters (汉城, 平壤, 釜山).
_SURNAMED_NATIONS = frozenset({"韩国", "朝鲜"})
_GEOGRAPHIC_LEADS = frozenset("河湖山海江岛湾峡洋")
# Words that are verbs in the dictionary and bodies' heads in names (伊斯兰会议组织).
_BODY_VERBS = frozenset({"组织", "联合", "协作", "运动", "代表"})
# Coverbs that end a body's name before the one it acts on (集团|向记者团提供).
_COVERBS = frozenset("向对给把被将与同")
#: Characters of bodies' names (队, 会, 部…): a name holding one is no person's.
BODY_CHARS = frozenset("会团党部院局社队所阁委军厂司行报台署处办府厅组")
# 捷克共和国 and 英国王国 are the country itself.
_STATE_FORMS = ("共和国", "王国", "联邦", "合众国", "公国", "酋长国", "大公国")
_CURRENCIES = frozenset({"克朗", "马克", "法郎", "卢布", "日元", "美元", "英镑", "比索", "里拉", "卢比",
                         "兰特", "林吉特", "泰铢", "韩元", "欧元", "加元", "澳元", "港元", "新元"})
# Dictionary tags of a name: place, person, other proper noun, or a word the dictionary lacks.
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "oov"})


def _country_at(text: str) -> str | None:
    """The foreign country's name ``text`` opens with, or None."""
    lex = reference_lexicon()
    for k in range(min(len(text) - 2, 6), 1, -1):
        if text[:k] != "中国" and any(e.cls == "Country" for e in lex.by_name(text[:k])):
            return text[:k]
    return None


def _province_person(m: Mention) -> tuple[Mention, Mention] | None:
    """广东吕钦, 苏州陆子冈 or 杭州金海英 tagged as one body or place with no head: a province or
    city and a person from it."""
    if m.source != "tagger" or m.core not in ("Institution", "Place") or "+head:" in m.rule:
        return None
    lex = reference_lexicon()
    # (a place's name after a city is a place's far more often: only a person's word goes)
    tags = _NAME_TAGS if m.core == "Institution" else ("nr", "nrfg", "nrt", "oov")
    for k in (2, 3):
        rest = m.text[k:]
        entry = next((e for e in lex.by_name(m.text[:k]) if e.cls in ("Province", "City")), None)
        # after a city, only a full three-character name (苏州|陆子冈; 苏州|陆慕 is a town)
        if (entry is not None and len(rest) in ((2, 3) if entry.cls == "Province" else (3,))
                and rest[0] in surnames() and not lex.by_name(rest)
                and word_tag(rest) in tags and not BODY_CHARS & set(rest)):
            cut = m.start + k
            return (Mention(m.start, cut, m.text[:k], "Place", entry.cls, rule=f"lexicon:{entry.source}:short",
                            confidence=0.85, ref=entry.key, canonical=entry.name),
                    replace(m, start=cut, text=rest, core="Person", cls="Person"))
    return None


def _person_before_body(m: Mention) -> tuple[Mention, Mention] | None:
    """黄恕|四川省叙永县科协, 甘明|重庆市电影公司: in a list of prize-winners written without
    stops, a tagged or formed body that opens with a person's name and then a province or city."""
    if m.source not in ("tagger", "grammar") or m.core != "Institution" or m.text[0] not in surnames():
        return None
    lex = reference_lexicon()
    for k in (2, 3):
        person, rest = m.text[:k], m.text[k:]
        if (len(rest) >= 4 and not lex.by_name(person) and word_tag(person) in ("nr", "nrfg", "nrt", "oov")
                and any(e.cls in ("Province", "City") for n in (3, 2)
                        for e in lex.by_name(rest[:n]))):
            return (replace(m, end=m.start + k, text=person, core="Person", cls="Person",
                            rule=f"{m.source}:person-before-body"),
                    replace(m, start=m.start + k, text=rest))
    return None


def split_body_person(candidates: list[Mention]) -> list[Mention]:
    """A tagged span with no head of its own that is a body's name and more: a person's name
    run on (成都军区|周某某), a verb (铁道部柳州木材防腐厂|生产), or a coverb and what follows it
    (江苏康博集团|向记者团). The body stays, and the person; so do both of a person's name
    before a body's that opens with a province or city (黄恕|四川省叙永县科协).

    Examples
    --------
    >>> def cut(text):
    ...     m = Mention(0, len(text), text, "Institution", "Institution", source="tagger")
    ...     return [(x.text, x.core) for x in split_body_person([m])]
    >>> cut("安徽新闻出版报金兴安"), cut("铁道部柳州木材防腐厂生产"), cut("江苏康博集团向记者团")
    ([('安徽新闻出版报', 'Institution'), ('金兴安', 'Person')], [('铁道部柳州木材防腐厂', 'Institution')], [('江苏康博集团', 'Institution')])
    >>> cut("黄恕四川省叙永县科协")
    [('黄恕', 'Person'), ('四川省叙永县科协', 'Institution')]
    """
    out = []
    for m in candidates:
        split = _person_before_body(m)
        if split is not None:
            out += split
            continue
        if not (m.source == "tagger" and m.core == "Institution" and "+head:" not in m.rule):
            out.append(m)
            continue
        for k in range(3, len(m.text) - 1):
            body, rest = m.text[:k], m.text[k:]
            h = head_of(body)
            if h is None or not body.endswith(h.head) or h.weight < 0.4:
                continue
            body_m = replace(m, end=m.start + k, text=body, cls=h.cls, rule=f"{m.rule}+head:{h.head}")
            if rest[0] in _COVERBS:
                out.append(body_m)
                break
            if len(rest) in (2, 3) and rest[0] in surnames() and word_tag(rest) in ("nr", "nrfg", "nrt", "oov") \
                    and not BODY_CHARS & set(rest):
                out += [body_m, replace(m, start=m.start + k, text=rest, core="Person", cls="Person")]
                break
            # (组织 after a ministry's or a bureau's name is its verb: 日本通产省|组织编写)
            if word_tag(rest) in ("v", "vn", "vd") and rest not in head_table() and (
                    rest not in _BODY_VERBS or core_of(h.cls) in ("Institution", "Place") and h.weight >= 0.8):
                out.append(body_m)
                break
        else:
            out.append(m)
    return out


def split_known_bodies(candidates: list[Mention]) -> list[Mention]:
    """A tagged body whose name is two bodies the reference knows, written together
    (党中央|国务院, 中共中央|国务院), is the two.

    Examples
    --------
    >>> m = Mention(0, 6, "党中央国务院", "Institution", "Institution", source="tagger")
    >>> [x.text for x in split_known_bodies([m])]
    ['党中央', '国务院']
    """
    lex = reference_lexicon()

    def body(name: str):
        return next((e for e in lex.by_name(name) if e.core == "Institution"), None)

    out = []
    for m in candidates:
        if m.source == "tagger" and m.core == "Institution" and not lex.by_name(m.text):
            # (three characters a side: 中共中央|军委 is one body, the party's military commission)
            cut = next((k for k in range(3, len(m.text) - 2) if body(m.text[:k]) and body(m.text[k:])), None)
            if cut is not None:
                for a, b in ((0, cut), (cut, len(m.text))):
                    e = body(m.text[a:b])
                    out.append(Mention(m.start + a, m.start + b, m.text[a:b], "Institution", e.cls,
                                       rule=f"lexicon:{e.source}", confidence=0.97, ref=e.key, canonical=e.name))
                continue
        out.append(m)
    return out


# A committee and its government written as one pair (湄潭县委县政府, 吕梁市委市政府).
_COMMITTEE_AND_GOVERNMENT = re.compile(r"(.{2,12}?([市县区旗]))委\2(?:人民)?政府")


def split_committee_government(candidates: list[Mention]) -> list[Mention]:
    """A tagged body written as a place's party committee and its government together
    (湄潭县委县政府) is the committee alone; the government after it is named by its level
    (县政府), which the ``abbreviations`` component reads as the place's.

    Examples
    --------
    >>> m = Mention(2, 9, "湄潭县委县政府", "Institution", "GovernmentBody", source="tagger")
    >>> [(x.text, x.start, x.end, x.cls) for x in split_committee_government([m])]
    [('湄潭县委', 2, 6, 'PartyOrgan')]
    """
    out = []
    for m in candidates:
        mt = _COMMITTEE_AND_GOVERNMENT.fullmatch(m.text) if m.core == "Institution" else None
        if mt is None:
            out.append(m)
            continue
        k = len(mt.group(1)) + 1
        out.append(replace(m, end=m.start + k, text=m.text[:k], cls="PartyOrgan"))
    return out


def split_project_runs(candidates: list[Mention]) -> list[Mention]:
    """A project's name that holds a whole project before its own (209国道改线项目|车家湾特大桥)
    is the two: 项目 ends a name, it never sits inside one.

    Examples
    --------
    >>> m = Mention(0, 15, "209国道改线项目车家湾特大桥", "Project", "Project", rule="grammar:head:大桥")
    >>> [x.text for x in split_project_runs([m])]
    ['209国道改线项目', '车家湾特大桥']
    """
    out = []
    for m in candidates:
        k = m.text.find("项目", 2) if m.core == "Project" else -1
        rest = m.text[k + 2:] if k > 0 else ""
        h = head_of(rest) if len(rest) >= 3 else None
        if h is not None and rest.endswith(h.head) and core_of(h.cls) == "Project":
            cut = m.start + k + 2
            out += [replace(m, end=cut, text=m.text[:k + 2]), replace(m, start=cut, text=rest)]
            continue
        out.append(m)
    return out


def split_nationals(candidates: list[Mention]) -> list[Mention]:
    """A tagged place or person that opens with a foreign country's name and has no head of
    its own is the country and a second name (英国|伦敦, 匈牙利|科瓦茨 in a list of
    swimmers); a three-character name with a surname after 韩国 or 朝鲜 is a person's
    (韩国|金荣垣), and so is a two- or three-character one with no head after a province (a
    list of chess players: 广东|吕钦、黑龙江|赵国荣). A country's name and a currency
    (丹麦克朗) name money; the candidate goes.

    Only the tagger's places and persons are split: a body's name may open with its country
    and have no head the table knows (美国国会, 以色列内阁). The second name keeps the tagger's
    type; which it is, the country's name does not say.

    Examples
    --------
    >>> m = Mention(0, 6, "匈牙利科瓦茨", "Place", "Place", source="tagger")
    >>> [(x.text, x.core) for x in split_nationals([m])]
    [('匈牙利', 'Place'), ('科瓦茨', 'Place')]
    >>> k = Mention(0, 5, "韩国金荣垣", "Place", "Village", rule="tagger:crf:LOC+head:垣")
    >>> [(x.text, x.core) for x in split_nationals([k])]
    [('韩国', 'Place'), ('金荣垣', 'Person')]
    >>> c = Mention(0, 2, "韩国", "Place", "Country", rule="lexicon:general", ref="ref:韩国")
    >>> [(x.text, x.core) for x in split_nationals([c, replace(k, start=2, text="金荣垣")])]
    [('韩国', 'Place'), ('金荣垣', 'Person')]
    >>> g = Mention(0, 2, "广东", "Place", "Province", rule="lexicon:cpca:short", ref="adcode:440000000000")
    >>> [(x.text, x.core) for x in split_nationals([g, Mention(2, 4, "吕钦", "Place", "Place", source="tagger")])]
    [('广东', 'Place'), ('吕钦', 'Person')]
    >>> [(x.text, x.core) for x in split_nationals([Mention(0, 4, "广东吕钦", "Institution", "Institution",
    ...                                                       source="tagger")])]
    [('广东', 'Place'), ('吕钦', 'Person')]
    >>> [x.text for x in split_nationals([Mention(0, 5, "捷克共和国", "Place", "Place", source="tagger")])]
    ['捷克共和国']
    >>> [x.text for x in split_nationals([Mention(0, 4, "美国国会", "Institution", "Institution",
    ...                                            source="tagger")])]
    ['美国国会']
    """
    lex = reference_lexicon()
    after_nation = {m.end for m in candidates if m.text in _SURNAMED_NATIONS and m.ref}
    after_province = {m.end for m in candidates if m.cls == "Province" and m.ref}
    out = []
    for m in candidates:
        country = _country_at(m.text) if m.source == "tagger" and m.core in ("Place", "Person") else None
        rest = m.text[len(country):] if country else ""
        if not country and _province_person(m) is not None:
            province, person = _province_person(m)
            out += [province, person]
            continue
        if not country:
            if m.source == "tagger" and m.core in ("Place", "Institution") and not lex.by_name(m.text) \
                    and m.text[0] in surnames() and (
                        (m.start in after_nation and len(m.text) == 3)
                        or (m.start in after_province and len(m.text) in (2, 3) and "+head:" not in m.rule)):
                m = replace(m, core="Person", cls="Person", rule=m.rule.split("+head:")[0])
            out.append(m)
            continue
        if rest in _CURRENCIES:
            continue  # 丹麦克朗 is money
        person = country in _SURNAMED_NATIONS and len(rest) == 3 and rest[0] in surnames()
        # 约旦河, 朝鲜半岛 and 加拿大名城 go on with a common word, not a second name; a long
        # rest or one with a head is a facility's or a body's (美国|加州阿纳海姆会议中心).
        if not person and (not 2 <= len(rest) <= 6 or lex.by_name(m.text) or word_tag(m.text) != "oov"
                           or rest[0] in _GEOGRAPHIC_LEADS
                           or rest.startswith(_STATE_FORMS)
                           or word_tag(rest) not in _NAME_TAGS or head_of(rest) is not None):
            out.append(m)
            continue
        entry = next(e for e in lex.by_name(country) if e.cls == "Country")
        cut = m.start + len(country)
        out.append(Mention(m.start, cut, country, "Place", "Country", rule=f"lexicon:{entry.source}",
                           confidence=0.97, ref=entry.key, canonical=entry.name))
        core = "Person" if person else m.core
        out.append(replace(m, start=cut, text=rest, core=core, cls=core, rule=m.rule.split("+head:")[0]))
    return out


# Words of a clause's time, never inside a name: a tagged span that runs into one (北京军区驻
# 张家口部队|今天下午派出医疗队) ends before it.
_CLAUSE_TIME = re.compile(r"今天|昨天|明天|今晚|昨晚|上午|下午|晚上|上周|本周|下周|日前|近日")
# A people, not a body: 南非华人, 旅美侨胞 (a body of them has a head: 南非华人协会).
_PEOPLE = re.compile(r"(?:华人|华侨|侨胞|同胞|民众|群众)$")
_SUFFERS = re.compile(r"[遭被](?=[\u4e00-\u9fff]{2})")
_ETC = re.compile(r"等(?:国|地|省|市|县|单位|部门)")
_WEEKS = ("上周", "本周", "下周")
_SEASON = re.compile(r"新春|春节|元旦|岁末|年初|年底|年末")
_PASSIVE = re.compile(r"受(?=[\u4e00-\u9fff]{2})")


def cut_at_clause_time(candidates: list[Mention]) -> list[Mention]:
    """Tagged spans cut before a time word inside them, and tagged bodies before 受 after a
    body's name; one with no name before the cut goes, and so does a tagged or formed span
    that names several (阿根廷等国中央银行) or a tagged body that is a people (南非华人).

    Examples
    --------
    >>> m = Mention(0, 19, "北京军区驻张家口部队今天下午派出医疗队", "Institution", "Institution",
    ...             source="tagger")
    >>> [x.text for x in cut_at_clause_time([m])]
    ['北京军区驻张家口部队']
    >>> b = Mention(0, 14, "拉萨海关受西藏自治区人民政府", "Institution", "GovernmentBody", source="tagger")
    >>> [x.text for x in cut_at_clause_time([b])]
    ['拉萨海关']
    """
    out = []
    for m in candidates:
        lead = _CLAUSE_TIME.match(m.text) if m.source in ("tagger", "grammar") else None
        if lead is not None and len(m.text) - lead.end() >= 2:  # 上周四|英国政府
            cut = lead.end() + (1 if m.text[lead.end()] in "一二三四五六日天" and lead.group() in _WEEKS else 0)
            m = replace(m, start=m.start + cut, text=m.text[cut:])
        t = _CLAUSE_TIME.search(m.text, 1) if m.source == "tagger" else None
        if t is None and m.source == "tagger" and m.core == "Place":
            t = _SEASON.search(m.text, 2)  # 北京|新春纪念…
        if m.source in ("tagger", "grammar") and _ETC.search(m.text, 1):
            continue  # 阿根廷等国中央银行: several countries' banks, no name
        if m.source == "tagger" and m.core == "Institution" and _PEOPLE.search(m.text):
            continue
        if m.source == "tagger" and m.core != "Person" and _SUFFERS.search(m.text, 2):
            continue  # 香港遭港英当局…: a clause, not a name
        if t is None and m.source == "tagger" and m.core == "Institution":
            # 拉萨海关|受西藏自治区人民政府委托: a body, then the one it acts for.
            t = next((p for p in _PASSIVE.finditer(m.text, 2) if head_of(m.text[:p.start()])), None)
        if t is None:
            out.append(m)
        elif t.start() >= 2:
            out.append(replace(m, end=m.start + t.start(), text=m.text[:t.start()]))
    return out


def without_trailing_title(candidates: list[Mention]) -> list[Mention]:
    """A tagged body followed by a post in one span (青岛警备区|政委) is the body.

    Examples
    --------
    >>> m = Mention(0, 7, "青岛警备区政委", "Institution", "Institution", source="tagger")
    >>> [x.text for x in without_trailing_title([m])]
    ['青岛警备区']
    """
    titles = title_table()
    out = []
    for m in candidates:
        if m.source == "tagger" and m.core == "Institution":
            for k in range(min(len(m.text) - 3, 5), 1, -1):
                body = m.text[:-k]
                h = head_of(body)
                if m.text[-k:] in titles and h is not None and body.endswith(h.head):
                    m = replace(m, end=m.end - k, text=body, cls=h.cls)
                    break
        out.append(m)
    return out


def without_photo_credit(candidates: list[Mention]) -> list[Mention]:
    """A person's name with 摄 after it is a photo credit (新华社记者刘宇摄): 摄 is no part of it.

    Examples
    --------
    >>> [x.text for x in without_photo_credit([Mention(7, 10, "刘宇摄", "Person", "Person", source="tagger")])]
    ['刘宇']
    """
    return [replace(m, end=m.end - 1, text=m.text[:-1]) if m.core == "Person" and len(m.text) >= 3
            and m.text.endswith("摄") else m for m in candidates]
