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
from kg.records import Mention

__all__ = ["CRFTagger", "MODEL_NAME", "default_model_path", "load_model", "decode_spans"]

MODEL_NAME = "tagger.crfsuite"
_LINE = re.compile(r"[^\n]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_SPACE = re.compile(r"\s")


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
    """

    requires = ("doc",)
    provides = ("candidates",)

    def __init__(self, *, model: str | None = None, min_confidence: float = 0.3) -> None:
        self.model = str(model or default_model_path())
        self.min_confidence = min_confidence

    def spans(self, text: str, offset: int = 0) -> list[Mention]:
        """Typed mentions the model finds in ``text`` (offsets shifted by ``offset``)."""
        tagger = load_model(self.model)
        out = []
        for line in _LINE.finditer(text):
            seg = line.group()
            if not _HAN.search(seg):
                continue  # no span without a Han character is kept (below)
            labels = tagger.tag(char_features(seg))
            for a, b, kind in decode_spans(labels):
                name = seg[a:b]
                # Names here are Chinese: the model folds Latin letters to one symbol and
                # saw little Latin text, so a span of Latin words or across a space is noise.
                if not _HAN.search(name) or _SPACE.search(name):
                    continue
                conf = min(tagger.marginal(("B-" if i == a else "I-") + kind, i)
                           for i in range(a, b))
                if conf < self.min_confidence:
                    continue
                t = classify(name, kind)
                start = offset + line.start() + a
                out.append(Mention(start, start + len(name), name, t.core, t.cls,
                                   rule=f"tagger:crf:{kind}" + (f"+head:{t.head}" if t.head else ""),
                                   confidence=round(0.5 + 0.45 * conf, 3)))
        return out

    def __call__(self, state: DocState) -> None:
        state.candidates.extend(self.spans(state.doc.text))
