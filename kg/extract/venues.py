"""Events, venues and projects named by their frame: ``<event>在<venue>举行``,
``<project>正式开工``.

News reports a meeting in one frame: the event's name, when (于9月27日至29日), 在, where,
and a verb of holding (举行, 召开, 开幕). The frame tells that the words before 在 name an
event when they end with an event head (大会, 推进会, 专场 … of ``data/heads.tsv``), and that
the words after it name a venue when they end with a facility head (剧院, 会展中心, 广场 …),
even when neither name is in any list or was proposed by the finders (庆祝中国共产党成立
100周年大会, 吕梁影剧院). Each becomes a mention (rule ``venues:…``) unless a chosen mention
already covers it; a chosen name inside the new one (中国共产党 in the event's name) becomes
nested in it. The event is then held at the place (``relations``, ``heldAt``).

A clause whose subject ends with 项目 or 工程 and whose verb starts, finishes or opens it
(年产200万只铝合金商用车轮毂智能制造项目正式开工) names a project the same way.

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> st = Pipeline(["lexicon", "grammar", "select", "venues", "relations"])(read_text(
...     "7月1日上午，举世瞩目的庆祝建校100周年大会在长治影剧院隆重举行。", doc_id="d"))
>>> [(m.text, m.core) for m in st.mentions if m.rule.startswith("venues")]
[('庆祝建校100周年大会', 'Event'), ('长治影剧院', 'Place')]
>>> [(s.subject.text, s.predicate, s.object.text) for s in st.statements if s.predicate == "heldAt"]
[('庆祝建校100周年大会', 'heldAt', '长治影剧院')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import core_of
from kg.extract.wordlists import head_table
from kg.records import Mention

__all__ = ["Venues"]

_HOLD = re.compile(r"(?:隆重|成功|顺利|正式|盛大)?(?:举行|召开|开幕|举办|闭幕|启幕)")
# When, between the event and 在: 于9月27日至29日, 7月1日上午.
_WHEN = re.compile(r"(?:于)?(?:[0-9０-９一二三四五六七八九十]{1,4}[年月日号](?:至|到|-|—)?){0,6}(?:上午|下午|晚上|晚)?$")
# Where an event's name may start, looking left: clause punctuation, or an adjective phrase
# that describes it (举世瞩目的…).
_NAME_STOP = "，。；！？：、,;!?:\n"
_LEADING = re.compile(r"(?:[0-9０-９一二三四五六七八九十]{1,4}[年月日号])*(?:上午|下午|晚上|晚)?(?:[^的“”]{1,8}的)?")


# The verb may stand alone (乌审旗风光制氢一体化示范项目开工) or after the phase that
# starts (…综合利用项目一期投产); 开工率, 投产仪式 are nouns of their own. Without an adverb
# the subject must hold a named place or body (乌审旗…项目开工, not 省级重大项目开工).
_PROJECT_VERB = re.compile(r"(?:[一二三四首]期)?(?P<adverb>正式|顺利|全面|如期|提前)?(?:开工建设|开工|投产|竣工|建成|落地|投用)"
                           r"(?![率数量面仪典活])")
_PROJECT_HEADS = ("项目", "工程")
_COUNTED = re.compile(r"[0-9０-９一二两三四五六七八九十几多]+[个批项座]")
# Clause subjects ending with 项目 that are no project's name: counts and kinds.
_NOT_A_NAME = ("一批", "多个", "个项目", "这些", "该", "此", "等", "重点项目", "所有", "新建项目", "续建项目",
               "全市", "全县", "全省", "全区", "全旗", "我市", "我县", "我省", "各类")


@functools.cache
def _heads(kind: str) -> tuple[tuple[str, str], ...]:
    """Heads of events (``kind="Event"``) or facilities (``"Facility"``), longest first."""
    rows = [(h.head, h.cls) for h in head_table().values()
            if (core_of(h.cls) == "Event" if kind == "Event" else h.cls == "Facility")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _head_at_end(text: str, kind: str) -> tuple[str, str] | None:
    return next(((h, c) for h, c in _heads(kind) if text.endswith(h) and len(text) > len(h)), None)


@register_component("venues")
class Venues:
    """Add event and venue ``mentions`` read from the frame ``<event>在<venue>举行``."""

    requires = ("mentions",)
    provides = ("mentions",)

    def __call__(self, state: DocState) -> None:
        text = state.doc.text
        mentions = list(state.mentions)
        added: list[Mention] = []
        for mt in re.finditer("在", text):
            hold = None
            end = min(len(text), mt.end() + 20)
            for k in range(mt.end() + 2, end):
                if text[k] in _NAME_STOP:
                    break
                h = _HOLD.match(text, k)
                if h is not None:
                    hold = (k, h)
                    break
            if hold is None:
                continue
            venue_end = hold[0]
            event = self._event_before(text, mt.start(), mentions)
            venue = self._venue(text, mt.end(), venue_end, mentions)
            for new in (event, venue):
                if new is not None:
                    mentions = self._insert(mentions, new)
                    added.append(new)
        for mt in _PROJECT_VERB.finditer(text):
            project = self._project_before(text, mt.start(), mentions, anchored=mt.group("adverb") is None)
            if project is not None:
                mentions = self._insert(mentions, project)
                added.append(project)
        if added:
            state.mentions = sorted(mentions, key=lambda m: (m.start, -m.length))

    @staticmethod
    def _project_before(text: str, end: int, mentions: list[Mention], *, anchored: bool = False) -> Mention | None:
        """A clause's subject ending with 项目/工程 right before a verb of building; with
        ``anchored``, only one that holds a named place or body."""
        start = _phrase_start(text, end)
        name = text[start:end]
        head = next((h for h in _PROJECT_HEADS if name.endswith(h)), None)
        if head is None or len(name) - len(head) < 4 or any(w in name for w in _NOT_A_NAME):
            return None
        if _COUNTED.search(name):
            return None  # 年底将有7个铝加工项目: how many, not which
        if any(m.core == "Person" and start <= m.start and m.end <= end for m in mentions):
            return None  # 书记刘志强宣布项目: a person speaks, the project is not named
        if anchored and not any(m.core in ("Place", "Institution") and start <= m.start and m.end <= end
                                for m in mentions):
            return None
        if any(m.start <= start and end <= m.end and not m.nested for m in mentions):
            return None
        if any(m.end == end and not m.nested for m in mentions):
            return None
        return Mention(start, end, name, "Project", "IndustrialProject" if "产" in name else "Project",
                       rule=f"venues:project:{head}", confidence=0.65)

    @staticmethod
    def _event_before(text: str, pos: int, mentions: list[Mention]) -> Mention | None:
        """The event named before 在 (and its date): a clause part ending with an event head."""
        when = _WHEN.search(text, max(0, pos - 20), pos)
        end = when.start() if when is not None else pos
        start = _phrase_start(text, end)
        name = text[start:end]
        if len(name) < 4 or "在" in name:
            return None
        head = _head_at_end(name, "Event")
        if head is None:
            return None
        if any(m.start <= start and end <= m.end and not m.nested for m in mentions):
            return None  # already named
        if any(m.core == "Event" and m.end == end and not m.nested for m in mentions):
            return None
        return Mention(start, end, name, "Event", head[1], rule=f"venues:event:{head[0]}", confidence=0.7)

    @staticmethod
    def _venue(text: str, lo: int, hi: int, mentions: list[Mention]) -> Mention | None:
        """The venue between 在 and the verb: a name ending with a facility head, when no
        chosen mention covers it (吕梁影剧院; not 北京天安门广场, which the lexicon knows)."""
        covered = [m for m in mentions if not m.nested and m.start < hi and lo < m.end]
        # A known place may open the venue's name (北京|国家会议中心): the venue follows it,
        # unless what follows is only the kind of venue (吕梁|影剧院, 太原|大剧院).
        start = lo
        for m in sorted(covered, key=lambda m: m.start):
            if m.start == start and m.core == "Place" and m.end < hi:
                start = m.end
            else:
                return None
        if start > lo:
            rest = text[start:hi]
            kind = next((h for h, _ in _heads("Facility") if rest.endswith(h)), None)
            if kind is not None and len(rest) - len(kind) < 2:
                start = lo
        name = text[start:hi]
        if len(name) < 3 or any(ch in _NAME_STOP for ch in name):
            return None
        head = _head_at_end(name, "Facility")
        if head is None:
            return None
        return Mention(start, hi, name, "Place", "Facility", rule=f"venues:facility:{head[0]}", confidence=0.65)

    @staticmethod
    def _insert(mentions: list[Mention], new: Mention) -> list[Mention]:
        """Add ``new``; chosen names inside it become nested in it."""
        out = []
        for m in mentions:
            if not m.nested and new.start <= m.start and m.end <= new.end:
                m = replace(m, nested=True, rule="nested:" + m.rule)
            out.append(m)
        out.append(new)
        return out


def _phrase_start(text: str, end: int) -> int:
    """Where the clause part ending at ``end`` begins (at most 40 characters back), past
    the words that lead into a name."""
    start = end
    while start > 0 and text[start - 1] not in _NAME_STOP and end - start < 40:
        start -= 1
    lead = _LEADING.match(text, start, end)
    return lead.end() if lead is not None else start
