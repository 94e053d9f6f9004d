"""The learned tagger component with the shipped model."""

from __future__ import annotations

import pytest

pytest.importorskip("pycrfsuite")

from kg.errors import ModelError  # noqa: E402
from kg.extract.pipeline import Pipeline  # noqa: E402
from kg.extract.tagger import CRFTagger, decode_spans, load_model  # noqa: E402
from kg.text import read_text  # noqa: E402


@pytest.fixture(scope="module")
def tagger():
    return CRFTagger()


@pytest.mark.parametrize("text,name,core", [
    ("新华社记者王晓明报道，国务院总理在北京会见了客人。", "王晓明", "Person"),
    ("新华社记者王晓明报道，国务院总理在北京会见了客人。", "北京", "Place"),
    ("湄潭县永兴镇的茶农今年增收明显。", "湄潭县", "Place"),
    ("复旦大学与上海交通大学签署合作协议。", "复旦大学", "Institution"),
    ("游客来到天宁寺参观。", "天宁寺", "Place"),
])
def test_finds_names_of_any_region(tagger, text, name, core):
    assert (name, core) in {(m.text, m.core) for m in tagger.spans(text)}


def test_offsets_match_the_text(tagger):
    text = "第一行没有名字。\n李明在广州工作。"
    for m in tagger.spans(text, offset=0):
        assert text[m.start:m.end] == m.text


def test_names_do_not_cross_line_breaks(tagger):
    assert all("\n" not in m.text for m in tagger.spans("他来自北\n京大学"))


def test_mentions_carry_source_and_confidence(tagger):
    m = next(iter(tagger.spans("王刚在太原工作。")))
    assert m.source == "tagger" and 0.5 <= m.confidence <= 0.95


def test_min_confidence_is_an_option():
    text = "王刚在太原工作。"
    assert len(CRFTagger(min_confidence=1.01).spans(text)) == 0


def test_unknown_option_is_a_clear_error():
    from kg.extract.pipeline import ComponentOptionError

    with pytest.raises(ComponentOptionError, match="tagger"):
        Pipeline(["tagger"], config={"tagger": {"no_such_option": 1}})


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="kg train"):
        load_model(str(tmp_path / "missing.crfsuite"))


def test_in_the_default_pipeline():
    state = Pipeline()(read_text("外交部发言人华春莹在北京表示。", doc_id="t"))
    assert "tagger" in state.trace
    assert ("华春莹", "Person") in {(m.text, m.core) for m in state.mentions}


def test_decode_spans_handles_type_changes():
    assert decode_spans(["B-PER", "I-LOC", "I-LOC"]) == [(0, 1, "PER"), (1, 3, "LOC")]


def test_no_spans_of_latin_phrases_or_across_spaces(tagger):
    text = "The city of 吕梁市 (Lüliang) is in 山西省 Shanxi. 汾阳市 is famous for Fenjiu 酒."
    for m in tagger.spans(text):
        assert " " not in m.text and any("\u4e00" <= ch <= "\u9fff" for ch in m.text), m.text


def test_a_whole_latin_name_in_chinese_text_is_kept(tagger):
    found = {(m.text, m.core) for m in tagger.spans("日本游戏公司CAPCOM并没有放弃《街霸》电影系列。")}
    assert ("CAPCOM", "Institution") in found


def test_a_latin_word_of_a_longer_name_is_not_a_name(tagger):
    assert not [m for m in tagger.spans("美联社记者Tom Smith报道，") if m.text in ("Tom", "Smith")]


@pytest.mark.parametrize("name,kept", [
    ("长征路。纪念馆", None),
    ("湄潭、凤冈", None),
    ("赣州）股份有限公司", None),
    ("遵义市茶产业发展中心（市茶办", "遵义市茶产业发展中心"),
    ("孚能科技（赣州）股份有限公司", "孚能科技（赣州）股份有限公司"),
    ("中国(台州)氢能产业博览会", "中国(台州)氢能产业博览会"),
])
def test_spans_are_cut_to_well_formed_names(name, kept):
    from kg.extract.tagger import well_formed

    assert well_formed(name) == kept


def test_no_tagged_span_crosses_a_sentence_end(tagger):
    text = "8.6万余名中央红军将士踏上了漫漫长征路。纪念馆馆长谢海燕介绍，纪念馆去年接待游客100万人次。"
    for m in tagger.spans(text):
        assert not set(m.text) & set("。，、；"), m.text
        assert text[m.start:m.end] == m.text


def test_grammar_names_the_tagger_does_not_see_need_a_reliable_head():
    from kg.extract.select import select_mentions
    from kg.records import Mention

    tagged = Mention(0, 2, "王刚", "Person", "Person", rule="tagger:crf:PER", confidence=0.9)
    weak = Mention(5, 9, "点票中心", "Institution", "ServiceCentre", rule="grammar:head:中心", confidence=0.8)
    strong = Mention(10, 16, "兴县人民政府", "Institution", "GovernmentBody",
                     rule="grammar:head:人民政府", confidence=0.8)
    chosen = {m.text for m in select_mentions([tagged, weak, strong])}
    assert "兴县人民政府" in chosen and "点票中心" not in chosen
    assert "点票中心" in {m.text for m in select_mentions([tagged, weak, strong], unsupported=None)}


@pytest.mark.parametrize("name,kept", [("于都河畔", "于都河"), ("长三角游客", "长三角"), ("江畔", "江畔"),
                                       ("华阳路交叉处", "华阳路"), ("市政广场南侧", "市政广场"),
                                       ("河西", "河西"), ("西侧", "西侧")])
def test_a_trailing_bank_or_people_word_is_no_part_of_a_name(name, kept):
    from kg.extract.tagger import without_tail

    assert without_tail(name) == kept


# CLUENER train sentences (cluener-train-5240, -8400 style): a surname before 某 or a form of
# address is nobody's name, and a name broken at a line end keeps what stands before the dot.
@pytest.mark.parametrize("text", ["名单显示，3岁的郭某属于和义街道。", "陈先生遇到了柜员机卡钞故障。",
                                  "43岁的毛师傅是一名环卫工。"])
def test_a_surname_alone_is_no_person(tagger, text):
    assert all(m.length > 1 for m in tagger.spans(text) if m.core == "Person")


def test_a_full_name_is_still_a_person(tagger):
    found = {m.text for m in tagger.spans("郭某的邻居张建国介绍了情况。") if m.core == "Person"}
    assert found == {"张建国"}


def test_a_name_broken_after_its_dot_keeps_the_part_before():
    from kg.extract.tagger import well_formed

    assert well_formed("贾斯汀·") == "贾斯汀"
    assert well_formed("汉斯·克里斯蒂安·安徒生") == "汉斯·克里斯蒂安·安徒生"
