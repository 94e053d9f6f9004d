"""A third set of articles from outside Shanxi (tests/extract/data/regions3: 宁德, 大庆,
大理), written and annotated by the guide of ../shared/gold on 2026-12-07 before any
extractor ran on them. Their first scores are in the README (Extraction quality); they are a
yardstick, so no rule is written from reading them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from kg.cli.eval_support import run_eval

DATA = Path(__file__).parent / "data" / "regions3"
GOLD = sorted(DATA.glob("*.json"))


@pytest.fixture(scope="module")
def report():
    return run_eval(GOLD, baselines=False, details=False, console=Console(file=io.StringIO()))


def test_three_regions_of_set_three():
    assert {p.stem.split("_")[0] for p in GOLD} == {"ningde", "daqing", "dali"}
    assert all(p.with_suffix(".txt").exists() for p in GOLD)


def test_floors_under_the_first_measurement(report):
    # Regression floors a little under what the extractor scored the first time it read these
    # articles (entities 0.80 strict, relations recall 0.61, at ce5efe5): not targets.
    ours = report.system("ours")
    assert ours.entities("strict", True).overall.f1 >= 0.76
    assert ours.relations.overall.recall >= 0.56
