"""The ``abbreviations`` component: bodies named by their level only are the bodies of the
place the document is about (and the committee-and-government pair of kg.extract.run_on_names)."""

import pytest

from kg.extract.pipeline import Pipeline
from kg.extract.run_on_names import split_committee_government
from kg.records import Mention
from kg.text import read_text

PIPE = Pipeline()


def bodies(text: str) -> list[tuple[str, str | None]]:
    st = PIPE(read_text(text, doc_id="t"))
    return [(m.text, m.canonical) for m in st.mentions if m.core == "Institution"]


def test_level_bodies_are_the_document_places():
    got = bodies("吕梁新闻\n\n吕梁市召开会议。市委书记讲话，市政府部署工作。")
    assert ("市政府", "吕梁市人民政府") in got


def test_a_government_after_its_committee_in_one_pair():
    # 吕梁市委市政府: no comma between the two, and still the city's government.
    got = bodies("吕梁新闻\n\n吕梁市委市政府将转型发展作为首要任务。")
    assert ("市政府", "吕梁市人民政府") in got


def test_a_county_government_and_its_head_are_one_body():
    # 县政府 and the body 县长 implies are both 湄潭县人民政府 (not 湄潭县政府 beside it).
    got = bodies("新闻\n\n近年来，湄潭县委县政府高度重视茶产业。湄潭县县长张三介绍，县政府将加大投入。")
    assert {c for t, c in got if t in ("县政府", "县长")} == {"湄潭县人民政府"}
    assert ("湄潭县委", None) in got


@pytest.mark.parametrize("name, cut", [("湄潭县委县政府", "湄潭县委"), ("吕梁市委市人民政府", "吕梁市委")])
def test_a_committee_and_its_government_written_together(name, cut):
    m = Mention(0, len(name), name, "Institution", "GovernmentBody", source="tagger")
    assert [x.text for x in split_committee_government([m])] == [cut]


def test_two_bodies_of_different_levels_stay_one_name():
    m = Mention(0, 7, "湄潭县委市政府", "Institution", "GovernmentBody", source="tagger")
    assert [x.text for x in split_committee_government([m])] == ["湄潭县委市政府"]
