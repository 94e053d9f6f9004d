"""Relations read from the form of names and their neighbours.

* a name that contains a place is located in it (兴县经开区 → 兴县);
* a place right after a larger one is located in it (兴县蔡家崖 → 蔡家崖 in 兴县);
* ``X位于/坐落于/地处Y`` and ``坐落(在)Y(南麓, 西南郊…)的X``;
* an event held at a place (``E在P举行``, ``在P举行E``: ``lv:heldAt``);
* a project named after the body that runs it (``lv:operatedBy``).

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> state = Pipeline(["lexicon", "grammar", "select", "relations"])(
...     read_text("兴县经开区铝镁新材料产业园区开工。", doc_id="d"))
>>> sorted({(s.subject.text, s.predicate, s.object.text) for s in state.statements})
[('兴县经开区', 'locatedIn', '兴县'), ('兴县经开区铝镁新材料产业园区', 'locatedIn', '兴县'), ('兴县经开区铝镁新材料产业园区', 'locatedIn', '兴县经开区')]
"""

from __future__ import annotations

import re

from kg.extract.brackets import alias_end
from kg.extract.classify import classify
from kg.extract.cooperation import clear_home
from kg.extract.name_places import DIVISIONS, elsewhere_places, listed, name_locates, not_inside, superseded
from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import reference_lexicon
from kg.extract.select import container_finder, outer_names
from kg.extract.wordlists import title_table
from kg.records import Mention, Statement

__all__ = ["RelationFinder", "PLACE_LEVEL", "SITE_CLASSES", "is_post", "may_lie_in"]

#: Administrative level of place classes: a smaller number contains a larger one.
PLACE_LEVEL = {"Country": 0, "Province": 1, "Region": 1, "City": 2, "County": 3, "District": 3,
               "CountyLevelCity": 3, "DevelopmentZone": 4, "Township": 4, "Village": 5,
               "Street": 5, "ScenicArea": 5, "Facility": 5}
#: Places that lie in a division without being one (zones, sites, streets).
SITE_CLASSES = frozenset({"DevelopmentZone", "ScenicArea", "Facility", "Street"})
# Between members of a list: 、 and conjunctions, or an apposition before the next member
# (中国工农红军晋西游击队、第一个县级红色政权——中阳县苏维埃革命委员会).
_LIST_GAP = re.compile(r"[、和及与]|、[^，。；！？、——]{1,16}——")
# 坐落于天台山南麓的国清寺: a position word may stand between the place and 的.
_PLACE_THEN_DE = re.compile(r"(?:县城|城区|市区|城)?(?:[\u4e00-\u9fff]{1,4}?(?:[东南西北]岸|岸边|之滨|[东南西北]侧))?"
                            r"(?:[东南西北]麓|山脚下|脚下|山下|山上|境内|城区|市区|县城|郊区|[东南西北中]{1,2}部|"
                            r"[东西南北]{1,2}郊|附近|一带|之畔|河畔|湖畔|沿岸|内|上)?的")
# 位于宝塔区王家坪的…纪念馆: a smaller place no finder read, between the place and 的.
_UNREAD_THEN_DE = re.compile(r"[\u4e00-\u9fff]{2,3}" + _PLACE_THEN_DE.pattern)
_WATERS = frozenset({"River", "Lake"})
# 陕西省北部、黄土高原中南部: a part of one place, then the next place of the list.
_PART_THEN_NEXT = re.compile(r"(?:[东南西北中]{1,3}部|[东南西北]{1,2}端|腹地)、")
_LOCATED_ANY = re.compile(r"(?:均|都)?(?:位于|坐落于|坐落在|坐落|地处于|地处|诞生于|诞生在|设在|设于|驻扎在|驻在)")


def is_post(title: str) -> bool:
    """Whether a title is a post held in an organisation, not an honour (劳动模范: the
    ``honour`` kind of ``data/titles.tsv``) that an organisation awarded or lists.

    >>> is_post("市委书记"), is_post("劳动模范"), is_post("工作人员")
    (True, False, True)
    """
    t = title_table().get(title)
    return t is None or t.kind != "honour"


def may_lie_in(m: Mention, place: Mention) -> bool:
    """Whether ``m`` can lie in ``place``: not a division of the same or a higher level.

    >>> county = Mention(0, 2, "兴县", "Place", "County")
    >>> may_lie_in(county, Mention(3, 6, "吕梁市", "Place", "City")), may_lie_in(county, Mention(3, 6, "蔡家崖", "Place", "Village"))
    (True, False)
    """
    lm, lp = _level(m), _level(place)
    return lm is None or lp is None or m.cls in SITE_CLASSES or lm > lp


def _level(m: Mention) -> int | None:
    return PLACE_LEVEL.get(m.cls) if m.core == "Place" else None


# A site's name after 位于…的 that no finder read: up to the clause's end, with a strong head.
_SITE_NAME = re.compile(r"[\u4e00-\u9fff]{4,14}(?=[，,。；;])")
_SITE_CORES = frozenset({"Memorial"})


def _site_after_de(state: DocState, top: list[Mention], pos: int) -> Mention | None:
    """位于于都县城贡江北岸的中央红军长征出发纪念馆，…: the phrase from ``pos`` to the clause's
    end, when it ends in a memorial's head (纪念馆, 烈士陵园, 故居…), is the name of what lies
    there; names the finders read inside it (红军长征) give way to it."""
    mt = _SITE_NAME.match(state.doc.text, pos)
    if mt is None or "的" in mt.group(0):
        return None
    name = mt.group(0)
    t = classify(name, "LOC")
    if t.core not in _SITE_CORES or t.weight < 0.9 or t.head is None or len(name) - len(t.head) < 2:
        return None
    inside = [m for m in state.mentions if pos <= m.start and m.end <= mt.end()]
    if any(m.start == pos and m.end == mt.end() for m in inside) or any(
            m.start < mt.end() and m.end > mt.end() or m.start < pos < m.end for m in state.mentions):
        return None
    site = Mention(pos, mt.end(), name, t.core, t.cls, rule="relation:located-site", confidence=0.7)
    drop = {id(m) for m in inside}
    state.statements = [st for st in state.statements if id(st.subject) not in drop and id(st.object) not in drop]
    state.mentions = sorted([m for m in state.mentions if id(m) not in drop] + [site],
                            key=lambda m: (m.start, -m.length))
    top[:] = sorted([m for m in top if id(m) not in drop] + [site], key=lambda m: (m.start, -m.length))
    return site


_PARTY_GROUP = ("党组", "党委")


def _body_of_party_group(state: DocState, group: Mention, title: str) -> Mention | None:
    """The body named by ``group`` without its 党组/党委 (延安市文化和旅游局|党组), as a name
    nested in it, when ``title`` is a post of such a body (局长 of a 局)."""
    body = group.text[:-2]
    t = title_table().get(title)
    sufs = t.org_suffixes if t is not None else ()
    if len(body) < 3 or (sufs and not body.endswith(tuple(sufs))):
        return None
    found = next((c for c in state.candidates if c.start == group.start and c.end == group.end - 2
                  and c.core == "Institution"), None)
    m = Mention(group.start, group.end - 2, body, "Institution", found.cls if found else "GovernmentBody",
                rule="nested:relation:party-group-body", confidence=0.75, nested=True,
                canonical=found.canonical if found else None)
    state.mentions = sorted([*state.mentions, m], key=lambda x: (x.start, -x.length))
    return m


def _unread_ok(places: list[Mention], site: Mention) -> bool:
    """Whether 位于P|xx|的Y may skip the unread word: Y a named site or body (not a division:
    地处井冈山老区的江西省…, the division goes on), P divisions of two characters or more (地处
    中缅边境的: fragments) and no river (位于沅水中游的)."""
    return (site.core in ("Memorial", "Project", "Institution") or site.cls in SITE_CLASSES) \
        and all(_level(p) is not None and p.length > 1 and p.cls not in _WATERS for p in places)


def _names_higher(m: Mention, lvl: int) -> bool:
    """Whether ``m``'s text is the name of a division of level ``lvl`` or higher (湄潭县|中国…:
    a country's name after a county begins another name, 中国茶城, it is not in the county)."""
    return any(PLACE_LEVEL.get(e.cls, 99) <= lvl for e in reference_lexicon().by_name(m.text)
               if e.core == "Place" and e.cls in DIVISIONS | {"Country"})


def _sentence_index(state: DocState, m: Mention) -> int:
    return state.doc.sentence_index_at(m.start)


def _located(state: DocState, sub: Mention, obj: Mention, rule: str, conf: float) -> None:
    state.statements.append(Statement(sub, "locatedIn", obj, _sentence_index(state, sub), rule, conf))


# Between an event's name and 在: closing quotes, a date or a range of dates, 于.
_AFTER_EVENT = re.compile(r"[”」』\"]?(?:于?[0-9０-９一二三四五六七八九十]{1,4}[年月日号](?:至|到|-|—)?){0,6}(?:上午|下午|晚)?(?:于|在)")
_HELD_VERB = re.compile(r"[^，。；！？\n]{0,4}?(?:举行|举办|开幕|召开|开园|启动|揭牌|揭幕|闭幕|落幕|开工|开班)")
_HELD_VERB_BEFORE = re.compile(r"(?:隆重|成功|顺利)?(?:举行|举办|召开)(?:了)?(?:[“「])?")


def _held(state: DocState, event: Mention, place: Mention, rule: str) -> None:
    state.statements.append(Statement(event, "heldAt", place, _sentence_index(state, event), rule, 0.85))


_ORG_ROLE_PREFIX = ("市委", "县委", "省委", "区委", "市政府", "县政府", "省政府")


@register_component("relations")
class RelationFinder:
    """Add ``statements`` read from name structure and locative patterns."""

    requires = ("mentions",)
    provides = ("statements",)

    def __call__(self, state: DocState) -> None:
        ms = state.mentions
        top = [m for m in ms if not m.nested]
        containing = container_finder(outer_names(ms))
        inside: dict[int, list[Mention]] = {}
        # 黄冈中学吕梁学校, 北京大学深圳研究生院: of two divisions inside a name, one not in the
        # other, the later says where the thing is (the earlier names whose branch it is).
        divisions: dict[int, list[Mention]] = {}
        for m in ms:
            o = containing(m) if m.nested and m.ref and m.cls in DIVISIONS else None
            if o is not None:
                divisions.setdefault(id(o), []).append(m)


        for m in ms:
            if not m.nested:
                continue
            outer = containing(m)
            if outer is not None and m.ref and m.cls in DIVISIONS and superseded(divisions.get(id(outer), ()), m):
                continue
            before = next((x for x in divisions.get(id(outer), ()) if x.end == m.start), None)
            if outer is not None and name_locates(state.doc.text, outer, m, before):
                _located(state, outer, m, "relation:name-contains-place", 0.9)
                inside.setdefault(id(outer), []).append(m)
        for places in inside.values():
            self._nested_chain(state, places)
        self._named_operator(state, top)
        self._hierarchy(state, ms, top)
        for a, b in zip(top, top[1:]):
            la, lb = _level(a), _level(b)
            if b.start == a.end and la is not None and b.core in ("Place", "Memorial", "Institution", "Project"):
                # 圪洞镇糜家塔高新区: a zone or site after the division it lies in has the same
                # nominal level as a township but is no division itself.
                site = b.cls in SITE_CLASSES and a.cls in DIVISIONS
                # In a list, a name with no head and no entry after a foreign country is as
                # often a person's as a city's (英国帕尔默、美国科瓦尔 in a list of swimmers).
                unknown_after_country = (a.cls == "Country" and b.source == "tagger" and b.ref is None
                                         and "+head:" not in b.rule
                                         and listed(state.doc.text, a.start, b.end))
                if ((lb is None or la < lb or (site and la <= lb)) and not _names_higher(b, la)
                        and not unknown_after_country and not not_inside(a, b)):
                    _located(state, b, a, "relation:adjacent-place", 0.8)
        self._positions(state, top)
        self._located_pattern(state, top)
        self._held_at(state, top)
        # Last: only what no other rule placed falls back to the document's place.
        self._home(state, top)

    @staticmethod
    def _named_operator(state: DocState, top: list[Mention]) -> None:
        """A project named after the body that runs it: 中阳钢铁有限公司数字化生产系统."""
        by_start: dict[int, list[Mention]] = {}
        for m in top:
            by_start.setdefault(m.start, []).append(m)
        for group in by_start.values():
            projects = [m for m in group if m.core == "Project"]
            bodies = [m for m in group if m.core == "Institution"]
            for p in projects:
                for b in bodies:
                    if b.end < p.end:
                        state.statements.append(Statement(p, "operatedBy", b, _sentence_index(state, p),
                                                          "relation:name-starts-with-body", 0.8))

    @staticmethod
    def _held_at(state: DocState, top: list[Mention]) -> None:
        """E在P举行 / 在P举行E: an event held at a place (the last of a chain of places,
        汾阳市杏花村镇 → 杏花村镇)."""
        text = state.doc.text
        starts = {m.start: m for m in top}
        places_at = {m.start: m for m in top if m.core == "Place"}

        def chain(i: int) -> tuple[Mention | None, int]:
            # 在花垣县边城镇（原茶峒镇）开幕, 在康巴什区的鄂尔多斯国际会展中心举行: past a
            # former name in brackets and through 的 to the venue in the place.
            last = None
            while True:
                if i in places_at:
                    last = places_at[i]
                    i = alias_end(text, last.end)
                elif last is not None and text.startswith("的", i) and i + 1 in places_at \
                        and may_lie_in(places_at[i + 1], last):
                    i += 1
                else:
                    return last, i

        for e in top:
            if e.core != "Event":
                continue
            m = _AFTER_EVENT.match(text, e.end)
            if m and (p := chain(m.end()))[0] is not None and _HELD_VERB.match(text, p[1]):
                _held(state, e, p[0], "relation:held-at")
        for m in re.finditer("在", text):
            p, end = chain(m.end())
            if p is None:
                continue
            v = _HELD_VERB_BEFORE.match(text, end)
            e = starts.get(v.end()) if v else None
            if e is not None and e.core == "Event":
                _held(state, e, p, "relation:held-at")

    @staticmethod
    def _nested_chain(state: DocState, places: list[Mention]) -> None:
        """The places inside one name locate each other: 方山县|桥沟村 (adjacent, lower level
        after higher) and 兴县经开区 ⊃ 兴县 (a zone named after its county)."""
        places = sorted(places, key=lambda m: (m.start, -m.length))
        for a in places:
            for b in places:
                if a is b:
                    continue
                la, lb = _level(a), _level(b)
                if b.start == a.end and la is not None and lb is not None and la < lb and not not_inside(a, b):
                    _located(state, b, a, "relation:adjacent-place", 0.8)
                elif (a.start == b.start and b.end < a.end and a.ref is None and b.ref is not None
                      and b.cls in DIVISIONS):
                    _located(state, a, b, "relation:name-contains-place", 0.9)

    @staticmethod
    def _located_pattern(state: DocState, top: list[Mention]) -> None:
        """坐落(在)…兴县蔡家崖的晋绥边区革命纪念馆; 吕梁市位于山西省中西部."""
        text = state.doc.text
        for mt in _LOCATED_ANY.finditer(text):
            end = next((k for k in range(mt.end(), min(len(text), mt.end() + 40)) if text[k] in "，。；！？\n"), len(text))
            after = [m for m in top if mt.end() <= m.start < end]
            places = []
            for m in after:
                if m.core != "Place":
                    break
                if places and m.start - places[-1].end > 0:
                    break
                if not places and m.start - mt.end() > 6:
                    break
                places.append(m)
            if not places:
                continue
            rest = [m for m in after if m.start >= places[-1].end]
            de = _PLACE_THEN_DE.match(text, places[-1].end)
            if de is not None and (not rest or rest[0].start != de.end()):
                # 位于临县县城湫水河东岸的…纪念馆: a river or bank between the place and 的.
                site = next((m for m in after if m.start == de.end()), None) or \
                    _site_after_de(state, top, de.end())
                if site is not None:
                    rest = [site]
            if rest and (_PLACE_THEN_DE.fullmatch(text, places[-1].end, rest[0].start)
                         or (_UNREAD_THEN_DE.fullmatch(text, places[-1].end, rest[0].start)
                             and _unread_ok(places, rest[0]))):
                # 位于三峡坝区的湖北省宜昌县鄢家河村: what lies there is the chain's last place.
                site = rest[0]
                if text.startswith("某", site.end):
                    continue  # 驻扎在秦皇岛市的海军某部: an unnamed unit of the navy is there
                for m in rest[1:]:
                    if site.core != "Place" or m.core != "Place" or m.start != site.end:
                        break
                    site = m
                # A province or city does not lie in a place no reference knows (坐落在浦东的
                # 上海|第一八佰伴商场: the city opens the unread name of what stands there).
                if site.ref and _level(site) is not None and _level(site) <= 2 and places[-1].ref is None:
                    continue
                _located(state, site, places[-1], "relation:located-pattern", 0.85)
                for p in places[:-1]:
                    _located(state, site, p, "relation:located-pattern", 0.8)
                continue
            before = [m for m in top if m.end <= mt.start() and mt.start() - m.end <= 2]
            # 在仙居县，地处白塔镇的…: a place after 在 frames the sentence, it is not what lies
            # in the place named next; nor is a division in a smaller one.
            if before and (text[before[-1].start - 1:before[-1].start] == "在"
                           or not may_lie_in(before[-1], places[0])
                           or (places[0].cls in _WATERS and _level(before[-1]) is not None)):
                before = []  # (包头市位于黄河河套地区: a city by a river, not in it)
            if before:
                _located(state, before[-1], places[0], "relation:located-pattern", 0.85)
                # 枣园革命旧址，坐落于宝塔区枣园街道: the smallest place of the chain too;
                # 延安市位于陕西省北部、黄土高原中南部: and the next place of a list of parts.
                # (One-character places are fragments of a name: 中缅边境.)
                more = [p for p in places[1:] if may_lie_in(before[-1], p) and p.length > 1]
                nxt = next((m for m in after if m.start > places[-1].end
                            and _PART_THEN_NEXT.fullmatch(text, places[-1].end, m.start)), None)
                if nxt is not None and nxt.core == "Place" and may_lie_in(before[-1], nxt) and nxt.length > 1:
                    more.append(nxt)
                for p in more:
                    _located(state, before[-1], p, "relation:located-pattern", 0.8)
                # A list before the verb shares the place: A、B和C均诞生于吕梁.
                lst = [before[-1]]
                for m in reversed([x for x in top if x.end <= lst[0].start]):
                    if not _LIST_GAP.fullmatch(text[m.end:lst[-1].start]):
                        break
                    lst.append(m)
                for m in lst[1:]:
                    _located(state, m, places[0], "relation:located-pattern-list", 0.8)

    @staticmethod
    def _positions(state: DocState, top: list[Mention]) -> None:
        """吕梁市委书记孙大军: the organisation right before the title the person holds."""
        orgs = [m for m in top if m.core == "Institution"]
        # 延安革命纪念馆馆长贺晓明: a memorial hall is the body its curator and guides work for.
        halls = [m for m in top if m.core == "Memorial" and m.text.endswith("馆")]
        for p in top:
            if p.core == "Person" and p.honour:
                # 中国矿业大学(北京)何满潮院士: the organisation right before the name.
                org = next((o for o in orgs if 0 <= p.start - o.end <= 1), None)
                if org is not None:
                    state.statements.append(Statement(p, "heldPosition", org, _sentence_index(state, p),
                                                      "relation:org-name-honour", 0.75,
                                                      role=p.honour))
                continue
            if p.core != "Person" or not p.title or not is_post(p.title):
                continue
            title = p.title
            t0 = p.start - len(title)
            # The title may overlap the organisation's name (吕梁市委|书记 read as 市委书记).
            text = state.doc.text
            if text[p.start - 1:p.start] == " ":
                t0 -= 1  # byline: 吕梁日报记者 刘亮亮
            org = next((o for o in orgs if t0 <= o.end <= p.start and o.end > t0 - 1
                        and title.endswith(text[o.end:p.start].strip())), None)
            if org is None:
                # 延安市果业研究发展中心（市果业中心）主任马文斌: the body's short name in
                # brackets between it and the title; a hall only for a hall's post (馆长).
                # (常务副馆长: the title list holds the post without 常务, see with_executive)
                listed = title_table().get(title.removeprefix("常务"))
                sufs = listed.org_suffixes if listed is not None else ()
                org = next((o for o in orgs if o.end < t0 and alias_end(text, o.end) == t0), None) or \
                    next((o for o in halls if alias_end(text, o.end) == t0 and any(x.endswith("馆") for x in sufs)), None)
            if org is None:
                # A sub-unit between the organisation and the title: 卫生学校|培训科|科长.
                sub = next((o for o in orgs if 0 < t0 - o.end <= 6
                            and re.fullmatch(r"[\u4e00-\u9fff]{1,5}[科处室部股组]", text[o.end:t0])), None)
                if sub is not None:
                    state.statements.append(Statement(
                        p, "heldPosition", sub, _sentence_index(state, p), "relation:org-unit-title-name",
                        0.8, role=text[sub.end:t0] + title))
                    continue
            if t0 > 0 and text[t0 - 1] == "、":
                # 孝义市委副书记、市长李晓明: the first title comes with its organisation.
                t_end = t0 - 1
                prev_title = next((text[k:t_end] for k in range(max(0, t_end - 6), t_end)
                                   if text[k:t_end] in title_table()), None)
                if prev_title:
                    t1 = t_end - len(prev_title)
                    first = next((o for o in orgs if t1 <= o.end <= t_end
                                  and prev_title.endswith(text[o.end:t_end])), None)
                    if first is not None and first is not org:
                        prefix = next((x for x in _ORG_ROLE_PREFIX if first.text.endswith(x)), "")
                        role1 = prev_title if first.end > t1 else prefix + prev_title
                        state.statements.append(Statement(p, "heldPosition", first, _sentence_index(state, p),
                                                          "relation:title-chain", 0.8, role=role1))
                    if org is None and first is not None and first.text.endswith(_PARTY_GROUP):
                        # 文化和旅游局党组书记、局长周某: the second post is in the body whose
                        # party group the first is in.
                        org = _body_of_party_group(state, first, title)
            if org is None:
                continue
            if org.end > t0:
                role = title
            else:
                prefix = next((x for x in _ORG_ROLE_PREFIX if org.text.endswith(x)), "")
                role = prefix + title
            idx = _sentence_index(state, p)
            state.statements.append(Statement(p, "heldPosition", org, idx, "relation:org-title-name",
                                              0.85, role=role))
            # An earlier "organisation + title、" in the chain is a second position.
            text = state.doc.text
            if org.start > 0 and text[org.start - 1] == "、":
                prev_org = next((o for o in reversed(orgs) if o.end < org.start - 1), None)
                if prev_org is not None:
                    between = text[prev_org.end:org.start - 1]
                    if between and between in title_table():
                        state.statements.append(Statement(p, "heldPosition", prev_org, idx,
                                                          "relation:org-title-chain", 0.8, role=between))

    @staticmethod
    def _hierarchy(state: DocState, ms: list[Mention], top: list[Mention]) -> None:
        """兴县 … 吕梁市: the reference hierarchy, between places the document names."""
        lex = reference_lexicon()
        first: dict[str, Mention] = {}
        for m in ms:
            if m.ref and m.core == "Place" and not m.nested:
                first.setdefault(m.ref, m)
        for m in ms:
            if m.ref and m.core == "Place":
                first.setdefault(m.ref, m)
        seen: set[str] = set()
        # Nested places too: 中阳县 in 中阳县苏维埃革命委员会 is still in 吕梁市.
        for m in ms:
            if not m.ref or m.ref not in lex.entries or m.ref in seen:
                continue
            seen.add(m.ref)
            for anc in lex.ancestors(m.ref):
                if anc.key in first:
                    _located(state, m, first[anc.key], "relation:reference-hierarchy", 0.95)
                    break

    @staticmethod
    def _home(state: DocState, top: list[Mention]) -> None:
        """Memorials, projects and sites with no stated place are in the document's city."""
        home = clear_home(state)
        if home is None:
            return
        placed = {s.subject.text for s in state.statements if s.predicate == "locatedIn"}
        elsewhere = {_sentence_index(state, p) for p in elsewhere_places(state.mentions, home)}
        done, text, urban_ends = set(), state.doc.text, set()
        for m in top:
            site = m.core in ("Memorial", "Project") or m.cls in ("ScenicArea", "DevelopmentZone")
            # 市区新安大道、新区快速路: the streets or sites of "the city's urban area" (and
            # those listed after it) are in the document's city.
            if m.core == "Place" and home.cls in ("City", "CountyLevelCity") and (
                    text[max(0, m.start - 2):m.start] == "市区"
                    or text[m.start - 1:m.start] == "、" and m.start - 1 in urban_ends):
                urban_ends.add(m.end)
                site = True
            # A reference place has its parents from the hierarchy; a reference memorial or
            # project without a stated place is in the document's city like any other.
            if not site or m.text in placed or m.text in done or (m.ref and m.core == "Place"):
                continue
            if _sentence_index(state, m) in elsewhere:
                continue
            done.add(m.text)
            _located(state, m, home, "relation:document-place", 0.6)

