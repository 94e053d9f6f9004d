"""Projects named as the subject of a verb of building (kg.extract.venues); fixture sentences."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Pipeline
from kg.text import read_text

PIPE = Pipeline()


def projects(text):
    return {m.text for m in PIPE(read_text(text, doc_id="t")).mentions if m.core == "Project"}


@pytest.mark.parametrize("text,name", [
    # a bare verb after a subject that holds a named place
    ("准格尔旗50万千瓦风光储一体化项目开工。", "准格尔旗50万千瓦风光储一体化项目"),
    # the phase between the project and the verb
    ("延长石油延安炼化综合利用项目一期投产。", "延长石油延安炼化综合利用项目"),
])
def test_a_project_before_a_bare_verb_of_building(text, name):
    assert name in projects(text)


@pytest.mark.parametrize("text", [
    "目前，省级重大项目开工建设进展顺利。",   # no named place or body in the subject
    "年底将有7个铝加工项目投产。",           # how many, not which
    "全市重点项目开工率达到95%。",           # 开工率 is a noun
])
def test_no_project_from_counts_kinds_or_rates(text):
    assert not projects(text)
