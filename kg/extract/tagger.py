"""The learned entity tagger: a character CRF trained on public annotated Chinese news.

The model (``kg/extract/data/tagger.crfsuite``, rebuilt by ``kg train``; see the model card
``kg/extract/data/MODEL_CARD.md``) labels each character B/I/O for persons, places and
organisations. Each span becomes a candidate mention typed into the ontology by its head noun
(:func:`kg.extract.classify.classify`); its confidence is the least marginal probability
of its labels, so an uncertain boundary gives a weak candidate that rules can overrule.

The tagger works line by line on the normalised text: a line break ends every name.

Examples
--------
>>> tagger = CRFTagger()
>>> [(m.text, m.core) for m in tagger.spans("国务院总理李鹏在北京会见了美国客人。")]
[('国务院', 'Institution'), ('李鹏', 'Person'), ('北京', 'Place'), ('美国', 'Place')]
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from pathlib import Path

import pycrfsuite

from kg.errors import ModelError
from kg.extract.charfeatures import FEATURE_VERSION, char_features
from kg.extract.classify import classify
from kg.extract.pipeline import DocState, register_component
from kg.extract.wordlists import head_table
from kg.records import Mention

__all__ = ["CRFTagger", "MODEL_NAME", "default_model_path", "load_model", "decode_spans", "well_formed", "without_tail"]

MODEL_NAME = "tagger.crfsuite"
_LINE = re.compile(r"[^\n]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"[\u3400-\u9fffA-Za-z]")
_ALNUM = re.compile(r"[A-Za-z0-9]")
# A name never runs across a clause or sentence break.
# What follows a surname standing for a person not named (郭某, 陈先生, 毛师傅); a surname
# before a title (江主席) still names someone, as MSRA and People's Daily annotate it.
_ANONYMISED = re.compile(r"某|先生|女士|小姐|师傅|老师|大爷|大妈|阿姨|老汉")
_BREAK = re.compile(r"[。！？；，、：!?;,:]")
_OPEN, _CLOSE = "（(【[《", "）)】]》"


def default_model_path() -> Path:
    """The shipped model inside the package."""
    return Path(str(resources.files("kg.extract.data") / MODEL_NAME))


@functools.cache
def load_model(path: str):
    """An open crfsuite tagger for the model at ``path`` (cached per path)."""
    p = Path(path)
    if not p.is_file():
        raise ModelError(str(p), "no such model file; run `kg train` to build it")
    meta = p.with_suffix(".json")
    if meta.is_file():
        version = json.loads(meta.read_text(encoding="utf-8")).get("feature_version")
        if version != FEATURE_VERSION:
            raise ModelError(str(p), f"trained with features {version!r}, this code computes "
                                     f"{FEATURE_VERSION!r}; run `kg train`")
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(p))
    except Exception as exc:  # crfsuite raises a bare ValueError/OSError on a bad file
        raise ModelError(str(p), f"not a crfsuite model ({exc})") from None
    return tagger


def well_formed(name: str) -> str | None:
    """``name`` cut to a well-formed name, or None.

    A CRF labels characters one by one and can run a name across a full stop or into a
    bracket (遵义市茶产业发展中心（市茶办): a span holding a clause break is dropped, one that
    opens a bracket it does not close is cut before the bracket, and one that closes a
    bracket it did not open is dropped, its real start lying outside the span.

    Examples
    --------
    >>> well_formed("遵义市茶产业发展中心（市茶办")
    '遵义市茶产业发展中心'
    >>> well_formed("孚能科技（赣州）股份有限公司")
    '孚能科技（赣州）股份有限公司'
    >>> well_formed("赣州）股份有限公司") is None
    True
    >>> well_formed("长征路。纪念馆") is None
    True
    >>> well_formed("贾斯汀·")
    '贾斯汀'
    """
    if _BREAK.search(name):
        return None
    depth = 0
    for ch in name:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                return None
            depth -= 1
    if depth:
        first = min(name.find(o) for o in _OPEN if o in name)
        name = name[:first]
    # A foreign name broken at a line end (贾斯汀·) keeps only what stands before the dot.
    name = name.rstrip("·•・.")
    return name if _WORD.search(name) else None


# A bank, a stretch, a side or the people of a place follow its name but end none (于都河|畔,
# 长三角|游客, 华阳路|交叉处, 市政广场|南侧, 风景区|门票).
_TAIL = re.compile(r"(?:畔|之畔|沿岸|一带|境内|附近|周边|交叉处|交汇处|[东南西北]侧|以[东南西北]|门票"
                   r"|游客|市民|群众|村民|居民|农民|干部|职工)$")


def without_tail(name: str) -> str:
    """``name`` without a trailing word that follows names but ends none.

    Examples
    --------
    >>> without_tail("于都河畔"), without_tail("长三角游客"), without_tail("江畔")
    ('于都河', '长三角', '江畔')
    >>> without_tail("华阳路交叉处"), without_tail("新德里以南")
    ('华阳路', '新德里')
    """
    m = _TAIL.search(name)
    return name[:m.start()] if m and m.start() >= 2 else name


# A verb that relates two names and opens none (研究院|依托|遵义医科大学): a span the model runs
# across it names what follows.
_LEAD = re.compile(r"(?:依托|位于|地处|坐落于|联合|携手)")


def without_lead(name: str) -> int:
    """Where the name in ``name`` starts: after a relating verb inside it, else 0.

    Examples
    --------
    >>> without_lead("研究院依托遵义医科大学"), without_lead("遵义医科大学"), without_lead("依托")
    (5, 0, 0)
    """
    m = None
    for m in _LEAD.finditer(name):
        pass
    return m.end() if m is not None and m.start() > 0 and len(name) - m.end() >= 2 else 0


def _whole_word(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` is a whole Latin name: not part of a longer word or number, nor
    one word of several (Tom of Tom Smith, which the model cannot read across the space).

    Examples
    --------
    >>> _whole_word("由CAPCOM开发", 1, 7), _whole_word("记者Tom Smith说", 2, 5)
    (True, False)
    """
    before, after = text[max(0, a - 2):a].rstrip(), text[b:b + 2].lstrip()
    return not (before and _ALNUM.match(before[-1]) or after and _ALNUM.match(after[0]))


def decode_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, type)`` of a BIO label sequence; a stray I- starts a span.

    Examples
    --------
    >>> decode_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG"])
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'ORG')]
    """
    out = []
    start, kind = None, None
    for i, lab in enumerate([*labels, "O"]):
        if lab == "O" or lab.startswith("B-") or (kind is not None and lab[2:] != kind):
            if start is not None:
                out.append((start, i, kind))
                start, kind = None, None
            if lab != "O":
                start, kind = i, lab[2:]
        elif start is None:
            start, kind = i, lab[2:]
    return out


@register_component("tagger")
class CRFTagger:
    """Propose the CRF's persons, places and organisations as ``candidates``.

    Parameters
    ----------
    model : str, optional
        Path of a crfsuite model (default: the shipped one).
    min_confidence : float
        Spans whose least label marginal is below this are not proposed.
    latin_confidence : float
        The same for names without a Han character (CAPCOM), which the model knows less well.
    """

    requires = ("doc",)
    provides = ("candidates",)

    def __init__(self, *, model: str | None = None, min_confidence: float = 0.3,
                 latin_confidence: float = 0.6) -> None:
        self.model = str(model or default_model_path())
        self.min_confidence = min_confidence
        self.latin_confidence = latin_confidence

    def spans(self, text: str, offset: int = 0) -> list[Mention]:
        """Typed mentions the model finds in ``text`` (offsets shifted by ``offset``)."""
        tagger = load_model(self.model)
        out = []
        for line in _LINE.finditer(text):
            seg = line.group()
            if not _HAN.search(seg):
                continue  # a line without Chinese is not text the model knows
            labels = tagger.tag(char_features(seg))
            for a, b, kind in decode_spans(labels):
                name = well_formed(seg[a:b])
                if name is None:
                    continue
                if kind != "PER":
                    name = without_tail(name)
                    cut = without_lead(name)
                    name, a = name[cut:], a + cut
                elif name in head_table():
                    continue  # 陈列馆 read as 陈 + a given name: a kind of thing, not a person
                elif len(name) == 1 and _ANONYMISED.match(seg, a + 1):
                    continue  # 郭某, 陈先生: the guide names no anonymised person
                b = a + len(name)
                if _SPACE.search(name):
                    continue
                conf = min(tagger.marginal(("B-" if i == a else "I-") + kind, i)
                           for i in range(a, b))
                if conf < self.min_confidence:
                    continue
                # The model folds Latin letters to one symbol and saw little Latin text: a
                # Latin name (CAPCOM, Svensson) is kept only whole and when the model is sure.
                if not _HAN.search(name) and (conf < self.latin_confidence or not _whole_word(seg, a, b)):
                    continue
                t = classify(name, kind)
                start = offset + line.start() + a
                out.append(Mention(start, start + len(name), name, t.core, t.cls,
                                   rule=f"tagger:crf:{kind}" + (f"+head:{t.head}" if t.head else ""),
                                   confidence=round(0.5 + 0.45 * conf, 3)))
        return out

    def __call__(self, state: DocState) -> None:
        state.candidates.extend(self.spans(state.doc.text))
