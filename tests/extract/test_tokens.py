"""The name grammar's tokens: jieba-rs must cut exactly as jieba does."""

from __future__ import annotations

import pytest

from kg.corpus import bundled_paths
from kg.extract import tokens
from kg.text.reader import read_document

pytest.importorskip("rjieba")


def _sentences() -> list[str]:
    from pathlib import Path

    paths = list(bundled_paths()) + sorted(Path(__file__).parent.glob("data/*.txt"))
    out = set()
    for p in paths:
        doc = read_document(p)
        out.update(doc.sentence_text(s) for s in doc.sentences)
    return sorted(out)


def test_rust_backend_is_in_use():
    assert tokens._rust() is not None


def test_jieba_rs_cuts_like_jieba_on_every_sentence_we_have():
    jieba_tk = tokens._tools()[0]
    sents = _sentences()
    assert len(sents) > 400
    differ = [s for s in sents
              if [tuple(t) for t in jieba_tk.tokenize(s, HMM=True)] != list(tokens._segment(s))]
    assert differ == []


@pytest.mark.parametrize("text", ["今年1-7月完成产气量12.7亿立方米", "撬动政府放大5-8倍", "PM2.5平均浓度",
                                  "G20--峰会", "3.5%-4%"])
def test_ascii_runs_are_cut_like_jieba(text):
    assert list(tokens._segment(text)) == [tuple(t) for t in tokens._tools()[0].tokenize(text, HMM=True)]


def test_lexicon_names_stay_whole():
    assert [t.word for t in tokens.tokenize("坐落在兴县蔡家崖的纪念馆")] == ["坐落", "在", "兴县", "蔡家崖", "的", "纪念馆"]
