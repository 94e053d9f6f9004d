"""Benchmark corpora: the bundled articles replicated with varied entity names.

Replica 0 is the bundled corpus as is. In replica ``i > 0`` every full county-level name
(兴县, 离石区, 孝义市 …) is replaced, consistently within the replica, by another county-level
name drawn from the national reference list, and every person name the extractor finds is
replaced by a generated name (a surname from the surname list + one or two given-name
characters). So a ×100 corpus names thousands of different places and people: per-name caches
(slugs, pinyin, resolution) cannot make the larger corpora look faster than they are.
Everything is seeded: the same factor gives the same texts.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Doc", "bundled", "replicate", "write"]

_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞斌波宇浩凯健俊帆帅旭宁龙林欣" \
         "怡佳琪晨雪丹宏志海峰建国文辉力永春梅立新亮成德云"


@dataclass(frozen=True)
class Doc:
    name: str  # file name, e.g. 0007_001_f31ba6f2b3a167ac.txt
    text: str


def bundled() -> list[Doc]:
    from kg.corpus import bundled_paths

    return [Doc(p.name, p.read_text("utf-8")) for p in bundled_paths()]


@functools.cache
def _counties() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(county-level names of Shanxi, county-level names of all China)."""
    from kg.extract.reference import reference_lexicon

    cls = {"County", "District", "CountyLevelCity"}
    entries = [e for e in reference_lexicon().entries.values() if e.cls in cls and len(e.name) >= 2]
    shanxi = sorted({e.name for e in entries if (e.adcode or "").startswith("14")}, key=lambda s: (-len(s), s))
    every = sorted({e.name for e in entries})
    return tuple(shanxi), tuple(every)


@functools.cache
def _surnames() -> tuple[str, ...]:
    from importlib import resources

    text = (resources.files("kg.extract.data") / "surnames.txt").read_text("utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@functools.cache
def _persons(text: str) -> tuple[str, ...]:
    """Person names the (fast) pipeline finds in ``text``, longest first."""
    from kg.extract.pipeline import DEFAULT_PIPELINE, Pipeline
    from kg.text import read_text

    pipe = _fast_pipeline(tuple(c for c in DEFAULT_PIPELINE if c != "ner"))
    state = pipe(read_text(text, doc_id="x"))
    names = {m.text for m in state.mentions if m.core == "Person" and len(m.text) >= 2}
    del Pipeline
    return tuple(sorted(names, key=lambda s: (-len(s), s)))


@functools.cache
def _fast_pipeline(names: tuple[str, ...]):
    from kg.extract.pipeline import Pipeline

    return Pipeline(list(names))


def _vary(text: str, rng: random.Random) -> str:
    shanxi, every = _counties()
    present = [n for n in shanxi if n in text]
    people = list(_persons(text))
    mapping = {n: rng.choice(every) for n in present}
    for p in people:
        mapping[p] = rng.choice(_surnames()) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=lambda s: (-len(s), s))))
    return pattern.sub(lambda m: mapping[m[0]], text)


def replicate(factor: int, *, seed: int = 7) -> list[Doc]:
    """``factor`` copies of the bundled corpus; copy 0 unchanged, the others varied."""
    base = bundled()
    out = []
    for i in range(factor):
        rng = random.Random(seed * 1_000_003 + i)
        for d in base:
            text = d.text if i == 0 else _vary(d.text, rng)
            out.append(Doc(f"{i:04d}_{d.name}", text))
    return out


def write(docs: list[Doc], directory: Path) -> list[Path]:
    """Write the documents as UTF-8 files; returns their paths in order."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for d in docs:
        p = directory / d.name
        p.write_text(d.text, "utf-8")
        paths.append(p)
    return paths
