"""Sentence splitting of normalised text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text.document import Sentence
from kg.text.sentences import split_runs, split_sentences


def texts(text: str, **kw) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text, **kw)]


def test_terminal_punctuation_and_semicolons():
    assert texts("吕梁是革命老区。吕梁是贫困地区！为什么？因为……；结束") == [
        "吕梁是革命老区。", "吕梁是贫困地区！", "为什么？", "因为……；", "结束"]


def test_ascii_punctuation_in_chinese_text():
    assert texts("增长5.7%;规模以上工业增加值完成693.2亿元,增长4.6%.如何应用?答案!") == [
        "增长5.7%;", "规模以上工业增加值完成693.2亿元,增长4.6%.如何应用?", "答案!"]


def test_closing_quotes_and_brackets_stay_with_their_sentence():
    text = "“要下大力气解决好群众身边的操心事。”吕梁市委书记孙大军说。（据《山西日报》。）后文"
    assert texts(text) == ["“要下大力气解决好群众身边的操心事。”", "吕梁市委书记孙大军说。",
                           "（据《山西日报》。）", "后文"]


def test_line_ends_split_and_number_paragraphs():
    sents = split_sentences("标题\n第一段。第二句\n\n第三段")
    assert [(s.start, s.end, s.paragraph) for s in sents] == [(0, 2, 0), (3, 7, 1), (7, 10, 1), (12, 15, 3)]


def test_no_empty_or_punctuation_only_sentences():
    assert texts("  好。。 。  \n  ！！\n\n") == ["好。。 。", "！！"]
    assert texts("") == []
    assert texts("。") == ["。"]


def test_ellipsis_does_not_end_a_sentence():
    assert texts("更便捷、更高效……开展党史学习教育以来，吕梁各级党组织。") == [
        "更便捷、更高效……开展党史学习教育以来，吕梁各级党组织。"]


def test_runs_keep_kinds_and_do_not_cross():
    text = "正文内容(本报记者 张三)\n图为吕梁。"
    sents = split_runs(text, [(0, 4, "body", 0), (4, 13, "credit", 0), (14, 19, "caption", 1)])
    assert sents == (Sentence(0, 4, "body", 0), Sentence(4, 13, "credit", 0), Sentence(14, 19, "caption", 1))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("吕梁市。！？!?；;”）》 \n，、a1…")), max_size=80))
def test_sentences_partition_the_visible_text(text):
    sents = split_sentences(text)
    pos = 0
    for s in sents:
        assert pos <= s.start < s.end <= len(text)
        body = text[s.start:s.end]
        assert body == body.strip() and "\n" not in body
        assert text[pos:s.start].strip() == ""  # only whitespace is left out
        pos = s.end
    assert text[pos:].strip() == ""
