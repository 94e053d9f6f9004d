"""Figures attached by the clause they stand in, on sentences taken from the public news
corpora (shared/external: People's Daily 1998 and MSRA training text), each clause form with
a near miss that must not take the same subject."""

import pytest

from kg.extract.pipeline import Pipeline
from kg.text import read_text

PIPE = Pipeline()


def about(text: str, raw: str) -> tuple[str, str]:
    """The subject and the rule of the observation whose raw text is ``raw``."""
    st = PIPE(read_text("标题\n\n" + text, doc_id="t"))
    hits = [o for o in st.observations if o.raw == raw]
    assert hits, [(o.raw, o.about.text) for o in st.observations]
    o = hits[0]
    return o.about.canonical or o.about.text, o.rule.split(":", 1)[1]


# 全乡, 全村, 全镇: the township or village named before, not the county or city around it.
LEVEL = "１、湖北省荆门市东宝区姚河乡大力推广室外大棚培育袋料香菇菌种技术，全乡有５个村、１８个种菇大户已形成产、供、销一条龙的产业化格局。"
VILLAGE = "琼林村几乎家家户户都买起了油锯，全村７０％以上的人家有了汽车和拖拉机等运输设备，在国家的计划下进行林业生产。"
TOWN = "初到公明镇，肖更民和镇长麦达通用一个月时间走遍了全镇１９个行政村（居委会），交了一大批“群众”朋友，了解到了许多实情。"


@pytest.mark.parametrize("text, raw, subject", [
    (LEVEL, "18个", "姚河乡"),
    (VILLAGE, "70%", "琼林村"),
    (TOWN, "19个", "公明镇"),
])
def test_level_words(text, raw, subject):
    assert about(text, raw) == (subject, "level-word")


def test_a_level_word_of_another_level_is_not_the_place_named():
    # 全县 with only a district and a township named, or a village: not that place.
    assert about(LEVEL.replace("全乡", "全县"), "18个")[1] != "level-word"
    assert about(TOWN.replace("全镇", "全县"), "19个")[1] != "level-word"


# X推出“P”，…: what the later clauses count is the program's outcome, not the launcher's.
LAUNCH = ("本报讯近年来，团中央推出“振兴千家中小企业行动”，动员一批青年企业家和各类青年人才，"
          "对亏损的中小企业进行兼并、租赁、改组、改造，先后使１０００多家中小企业扭亏或止亏，")


def test_a_launched_program_takes_the_figures():
    assert about(LAUNCH, "1000多家") == ("振兴千家中小企业行动", "program-topic")


def test_a_program_only_spoken_of_does_not():
    assert about(LAUNCH.replace("推出", "评价"), "1000多家")[0] == "共青团中央"
