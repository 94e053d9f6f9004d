"""Figures with the gold's subject and value, pooled per set: floors a little under the
measurement on branch s9-fig (shared gold 65/76, regions 52/70, regions2 68/100), not
targets. The issue asks for 0.80 on the shared gold."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from kg.cli.eval_support import run_eval

DATA = Path(__file__).parent / "data"


def _quantities(gold):
    report = run_eval(sorted(gold), baselines=False, details=False, console=Console(file=io.StringIO()))
    return report.system("ours").quantities


def test_shared_gold_figures(shared_dir):
    q = _quantities((shared_dir / "gold").glob("0*.json"))
    assert q.total >= 70 and q.subject_recall >= 0.80 and q.value_recall >= 0.95


@pytest.mark.parametrize("name, floor", [("regions", 0.70), ("regions2", 0.62)])
def test_region_figures(name, floor):
    q = _quantities((DATA / name).glob("*.json"))
    assert q.subject_recall >= floor and q.value_recall >= 0.85
