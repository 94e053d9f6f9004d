"""The ``repeats`` component: later occurrences of a chosen name are mentions too."""

from kg.extract.pipeline import Pipeline
from kg.text import read_text

PIPE = Pipeline()


def mentions(text: str, name: str) -> list[tuple[int, str, str | None]]:
    st = PIPE(read_text("标题\n\n" + text, doc_id="t"))
    return [(m.start, m.rule.split(":")[0], m.canonical) for m in st.mentions if m.text == name]


def test_a_town_named_again_in_a_title_is_the_town():
    # The tagger finds 边城镇 once; the second time it stands before a post (党委书记).
    text = ("9月下旬，苗族赶秋节在花垣县边城镇开幕。今年，边城镇与隔河相望的洪安镇签订文旅合作协议。"
            "边城镇党委书记麻建军介绍，今年前三季度全镇接待游客达到156万人次。")
    found = mentions(text, "边城镇")
    assert len(found) == 3
    assert [rule for _, rule, _ in found] == ["tagger", "repeats", "repeats"]


def test_a_full_name_is_repeated_only_where_nothing_else_is_named():
    text = "第十二届中博会在太原开幕。中博会期间签约项目112个，中博会展馆人流如织。"
    st = PIPE(read_text("标题\n\n" + text, doc_id="t"))
    events = [m for m in st.mentions if m.core == "Event"]
    assert [m.text for m in events][:2] == ["第十二届中博会", "中博会"]
    assert events[1].canonical == "第十二届中博会"
