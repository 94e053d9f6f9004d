"""Bodies named by their level only: 市委, 市政府, 县农业农村局 in a document about one place.

Chinese news names the local party committee and government of the place it is about by
level alone (市委书记, 县政府). When the document names one city (or county) most, such a
span is read as that place's body: 市委 → 中共吕梁市委 (the reference entry), 县农业农村局 →
文水县农业农村局. The mention keeps its surface text and carries the full name in
``canonical``. Two repairs of the names found come first: a short place name and the
level-only or zone body after it are one body (遵义|市委, 台州湾|新区管委会), and an address
after a county reads its township and village (伊金霍洛旗|乌兰木伦镇).

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> st = Pipeline(["lexicon", "grammar", "select", "abbreviations"])(read_text(
...     "吕梁市召开会议。市委书记讲话，市政府部署工作。", doc_id="d"))
>>> [(m.text, m.canonical) for m in st.mentions if m.core == "Institution"]
[('市委', '中共吕梁市委'), ('市政府', '吕梁市人民政府')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.cooperation import main_place
from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import reference_lexicon
from kg.extract.wordlists import head_table, jieba_dictionary
from kg.records import Mention

__all__ = ["LevelAbbreviations"]

_LEVEL_CLASSES = {"市": ("City", "CountyLevelCity"), "县": ("County",), "区": ("District",)}
# 市委, 市政府, 市人大常委会, 市政协, 市纪委监委, 县农业农村局, 市委宣传部 …
_BODY = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[市县区]委))([市县区])(委宣传部|委组织部|委统战部|委|政府|人大常委会|人大|政协|纪委监委|纪委|"
                   r"[\u4e00-\u9fff]{1,8}?(?:局|委员会|办公室|中心))")
# 省委, 省政府, 省人大常委会, 省政协: the province's own bodies named by level.
_PROVINCE_BODY = re.compile(r"省(委|政府|人大常委会|政协)")
# A post in a party committee before a department's post: 常委、, 副书记、.
_COMMITTEE_POST = re.compile(r"(?:常委|委员|副书记)、")
_DEPARTMENTS = frozenset({"宣传部", "组织部", "统战部", "政法委", "纪委", "办公室", "政研室", "网信办"})
# An address: a county's township, a township's village (2 to 4 characters and the level).
_TOWNSHIP = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:镇|乡|苏木|街道)")
_VILLAGE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:村|嘎查|社区)")
_CHAIN_NEXT = {"County": _TOWNSHIP, "District": _TOWNSHIP, "CountyLevelCity": _TOWNSHIP, "Township": _VILLAGE}
# 镇长, 乡村, 镇政府, 村民, 村委会…: the level word begins another word.
_CHAIN_NOT_AFTER = frozenset("长村镇政委党民里级干域庄")
_CHAIN_STOP = frozenset("的了在是和与及等将把被对从向为着过也都又就县市区省各全个这那其之年月日")
# 新区管委会, 开发区管委会, 高新区管理委员会: the body of a zone named by the zone's kind.
_ZONE_BODY = re.compile(r"(?:新区|开发区|高新区|经开区|保税区|综合试验区|合作区|示范区)(?:管委会|管理委员会|工委)")
_DIVISION_CLASSES = frozenset({"Country", "Province", "City", "County", "District", "CountyLevelCity", "Township"})
_BEFORE_OK = re.compile(r"[，。、；：！？“”（）\s]|^|[由与和及在对向为从经据将]$")


@register_component("abbreviations")
class LevelAbbreviations:
    """Add mentions for bodies named by level only (``mentions``)."""

    requires = ("mentions",)
    provides = ("mentions",)

    def __call__(self, state: DocState) -> None:
        self._address_chain(state)
        self._join_place(state)
        self._committee_department(state)
        text = state.doc.text
        taken = bytearray(len(text))
        for m in state.mentions:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        heads = head_table()
        added = []
        homes = {}
        # a finder may have proposed the level-only name itself (the tagger reads 县农业农村局
        # as an organisation): it is read as the home place's body like an untaken one
        bare = {(m.start, m.end): m for m in state.mentions
                if m.core == "Institution" and m.canonical is None and m.ref is None and m.source != "abbreviation"}
        replaced = set()
        for mt in _BODY.finditer(text):
            level, body = mt.group(1), mt.group(2)
            if any(taken[mt.start():mt.end()]) and mt.span() not in bare:
                continue
            prev = text[mt.start() - 1] if mt.start() else ""
            # (委 only where _BODY lets it: 吕梁市委市政府, the committee and the government as one pair)
            if prev and prev != "委" and not _BEFORE_OK.search(prev):
                continue
            if level not in homes:
                homes[level] = main_place(state, classes=_LEVEL_CLASSES[level])
            home = homes[level]
            if home is None or home.canonical is None:
                continue
            head = next((body[-k:] for k in range(min(len(body), 6), 0, -1) if body[-k:] in heads), None)
            cls = heads[head].cls if head else "GovernmentBody"
            if body.startswith("委"):
                cls = "PartyOrgan"
            added.append(_body_mention(mt.start(), mt.end(), mt.group(0), cls, home.canonical + body,
                                       "abbreviation:level"))
            if mt.span() in bare:
                replaced.add(mt.span())
        added.extend(self._province_bodies(state, taken, bare, replaced))
        added.extend(self._governments(state, taken, homes))
        if added:
            kept = [m for m in state.mentions if not (m.span in replaced and bare[m.span] is m)]
            state.mentions = sorted(kept + added, key=lambda m: (m.start, -m.length))

    @staticmethod
    def _province_bodies(state: DocState, taken: bytearray, bare: dict, replaced: set) -> list[Mention]:
        """省委、省政府 in a document about a place of one province: that province's party
        committee and government (the province named, or the one the document's city is in)."""
        text = state.doc.text
        # (a span the tagger read alone, as in 贯彻省委, is one too)
        found = [mt for mt in _PROVINCE_BODY.finditer(text) if mt.span() in bare or (
            not any(taken[mt.start():mt.end()])
            and not re.match(r"[\u4e00-\u9fff]", text[mt.start() - 1:mt.start()] if mt.start() else ""))]
        if not found:
            return []
        province = _home_province(state)
        if province is None:
            return []
        out = []
        for mt in found:
            body = mt.group(1)
            out.append(_body_mention(mt.start(), mt.end(), mt.group(0),
                                     "PartyOrgan" if body == "委" else "GovernmentBody",
                                     province + body, "abbreviation:level"))
            if mt.span() in bare:
                replaced.add(mt.span())
        return out

    @staticmethod
    def _address_chain(state: DocState) -> None:
        """伊金霍洛旗|乌兰木伦镇, 城川镇|大沙头嘎查: in an address a county is followed by its
        township (镇, 乡, 苏木, 街道) and a township by its village (村, 嘎查, 社区). A name
        of that form right after the division is read whole; names read inside it (木伦镇)
        give way to it."""
        text = state.doc.text
        words = jieba_dictionary()
        added, dropped = [], set()
        queue = sorted((m for m in state.mentions if m.core == "Place" and not m.nested and not m.implied),
                       key=lambda m: m.start)
        while queue:
            p = queue.pop(0)
            heads = _CHAIN_NEXT.get(p.cls)
            if heads is None or (p.cls != "Township" and p.ref is None):
                continue  # a county of the reference (not 苏区, a word read as a district)
            mt = heads.match(text, p.end)
            if mt is None or text[mt.end():mt.end() + 1] in _CHAIN_NOT_AFTER:
                continue
            name, stem = mt.group(0), mt.group(1)
            freq, tag = words.get(stem, (0, ""))
            if any(ch in _CHAIN_STOP for ch in stem) or (freq and not tag.startswith("n")):
                continue  # 加快乡村…, 全面镇…: a word of the sentence, not a name
            inside = [m for m in state.mentions if mt.start() <= m.start and m.end <= mt.end()]
            if any(m.span == mt.span() for m in inside) or any(
                    (m.start < mt.end() < m.end) or (m.start < mt.start() < m.end) for m in state.mentions):
                continue
            cls = "Township" if p.cls != "Township" else "Village"
            lex = reference_lexicon()
            entry = next((e for e in lex.by_name(name) if e.core == "Place"), None)
            new = Mention(mt.start(), mt.end(), name, "Place", cls, rule="abbreviation:address-chain",
                          confidence=0.75, parent=p.ref if entry is None else None)
            added.append(new)
            queue.insert(0, new)  # the village after a township just read (城川镇|大沙头嘎查)
            dropped.update(id(m) for m in inside)
        if added:
            kept = [m for m in state.mentions if id(m) not in dropped]
            state.mentions = sorted(kept + added, key=lambda m: (m.start, -m.length))

    @staticmethod
    def _committee_department(state: DocState) -> None:
        """延川县委常委、宣传部部长王五: a department named by its kind after a post in a
        party committee is that committee's (延川县委宣传部)."""
        text = state.doc.text
        ends = {m.end: m for m in state.mentions if m.core == "Institution" and not m.nested
                and (m.canonical or m.text).endswith("委")}
        out = []
        for m in state.mentions:
            pos = None
            if m.core == "Institution" and m.text in _DEPARTMENTS and not m.canonical:
                pos = next((k for k in range(max(0, m.start - 8), m.start)
                            if k in ends and _COMMITTEE_POST.fullmatch(text, k, m.start)), None)
            if pos is None:
                out.append(m)
                continue
            party = ends[pos]
            out.append(replace(m, canonical=(party.canonical or party.text) + m.text, cls="PartyOrgan"))
        state.mentions = out

    @staticmethod
    def _join_place(state: DocState) -> None:
        """遵义|市委书记: a place's short name read apart from the level-only body that
        follows it (the tagger reads 市委 alone) is one body, 遵义市委; the place stays as a
        name nested in it."""
        places = {m.end: m for m in state.mentions
                  if m.core == "Place" and not m.nested and not m.implied}
        joined, added = set(), []
        for m in state.mentions:
            if m.core != "Institution" or m.nested or m.implied or m.ref is not None or m.canonical:
                continue
            mt = _BODY.fullmatch(m.text)
            p = places.get(m.start)
            zone = _ZONE_BODY.match(m.text)
            if p is not None and zone is not None and p.cls not in _DIVISION_CLASSES:
                # 台州湾|新区管委会: a zone's body named by its kind only, after the zone's own
                # name (read as a place of its own), is one body.
                added.append(Mention(p.start, m.end, p.text + m.text, "Institution", m.cls, rule="abbreviation:zone-body",
                                     confidence=m.confidence, source="abbreviation"))
                joined.update((id(m), id(p)))
                continue
            if mt is None or p is None or p.cls not in _LEVEL_CLASSES[mt.group(1)]:
                continue
            level, body = mt.group(1), mt.group(2)
            name = p.canonical or p.text
            if p.text.endswith(level) or not name.endswith(level):
                continue  # 于都县|委书记 is the title's business; 交城|县委 of a guessed level
            cls = "PartyOrgan" if body.startswith("委") else (
                next((head_table()[body[-k:]].cls for k in range(min(len(body), 6), 0, -1)
                      if body[-k:] in head_table()), "GovernmentBody"))
            new = _body_mention(p.start, m.end, p.text + m.text, cls, name + body, "abbreviation:place-level")
            added.append(new)
            added.append(Mention(p.start, p.end, p.text, p.core, p.cls, rule=p.rule, confidence=p.confidence,
                                 ref=p.ref, canonical=p.canonical, source=p.source, nested=True, parent=p.parent))
            joined.update((id(m), id(p)))
        if added:
            kept = [m for m in state.mentions if id(m) not in joined]
            state.mentions = sorted(kept + added, key=lambda m: (m.start, -m.length))

    @staticmethod
    def _governments(state: DocState, taken: bytearray, homes: dict) -> list[Mention]:
        """吕梁市市长张广勇, 市长张广勇: the title implies the place's government. The title span
        becomes an *implied* mention of that government (吕梁市人民政府): the position gets its
        body, but the document is not said to mention the government (no ``lv:mentionedIn``).
        于都县委书记邱国斌 implies the county's party committee (于都县委) the same way."""
        text = state.doc.text
        places = {m.end: m for m in state.mentions if m.core == "Place" and m.canonical}
        out = []
        for p in state.mentions:
            if p.core != "Person" or not p.title:
                continue
            title = p.title
            level = title.lstrip("副常务")[:1]
            party = _PARTY_TITLE.match(title) is not None
            if level not in _GOV_LEVEL or not (party or (title.endswith("长") and len(title.lstrip("副常务")) == 2)):
                continue
            t0 = p.start - len(title)
            # 于都县委书记: the county's name and the title share its 县.
            shared = party and t0 + 1 in places and places[t0 + 1].text.endswith(level)
            if shared:
                t0 += 1
            if t0 < 0 or any(taken[t0:p.start]):
                continue
            if party:
                place = places.get(t0) if shared else None
                if place is None or place.cls not in _LEVEL_CLASSES[level]:
                    continue  # 县委书记 alone: the document's county is a guess too far
                full = place.canonical + "委" if place.canonical.endswith(level) else place.canonical + level + "委"
                out.append(_body_mention(t0, p.start, text[t0:p.start], "PartyOrgan", full,
                                         "implied:title-party-committee", implied=True))
                continue
            place = places.get(t0)
            if place is None or place.cls not in _LEVEL_CLASSES[level]:
                if level not in homes:
                    homes[level] = main_place(state, classes=_LEVEL_CLASSES[level])
                place = homes[level]
            if place is None or not place.canonical:
                continue
            out.append(_body_mention(t0, p.start, title, "GovernmentBody", place.canonical + "人民政府",
                                     "implied:title-government", implied=True))
        return out


# 县委书记, 市委副书记, 区委常委: a party committee's post, written after its place's name.
_PARTY_TITLE = re.compile(r"^[市县区]委(?:副书记|书记|常委)$")
_GOV_LEVEL = {"市": "City", "县": "County", "区": "District"}


def _home_province(state: DocState) -> str | None:
    """The name of the province a document is about: the one it names most, else the one
    its city lies in."""
    province = main_place(state, classes=("Province",))
    if province is not None and province.ref:
        return reference_lexicon().entries[province.ref].name
    city = main_place(state)
    if city is None or not city.ref:
        return None
    return next((a.name for a in reference_lexicon().ancestors(city.ref) if a.cls == "Province"), None)


def _body_mention(start: int, end: int, surface: str, cls: str, full: str, rule: str, *,
                  implied: bool = False) -> Mention:
    """A mention of a body under its full name, linked to the reference entry when there is one.

    Without one, a government keeps its full name (天台县人民政府), as the reference entries
    name theirs (吕梁市人民政府)."""
    lex = reference_lexicon()
    if full.endswith(("市政府", "县政府", "区政府", "旗政府", "州政府")):
        full = full[:-2] + "人民政府"  # 县政府 and 县长's body are one: 湄潭县人民政府
    entry = next((e for e in lex.by_name(full) if e.core == "Institution"), None)
    if entry is None and full.endswith("人民政府"):
        entry = next((e for e in lex.by_name(full.replace("人民政府", "政府")) if e.core == "Institution"), None)
    if entry is not None:
        return Mention(start, end, surface, "Institution", entry.cls, rule=rule, confidence=0.75,
                       ref=entry.key, canonical=entry.name, implied=implied)
    return Mention(start, end, surface, "Institution", cls, rule=rule, confidence=0.75,
                   canonical=full, implied=implied)

