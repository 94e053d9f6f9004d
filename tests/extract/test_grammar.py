"""Name-grammar rules on fixture sentences (not from the gold documents)."""

from __future__ import annotations

import pytest

from kg.extract.grammar import find_names


def found(text):
    return {(m.text, m.core) for m in find_names(text)}


@pytest.mark.parametrize("text,name,core", [
    # 和/与 joins two fields inside one body's name.
    ("柳林县发展和改革局局长出席。", "柳林县发展和改革局", "Institution"),
    ("考察了中国空间技术与工程研究院。", "中国空间技术与工程研究院", "Institution"),
    # A capacity inside a project's name, after a project verb.
    ("加快建设孝柳矿区300万吨焦化新材料园区，", "孝柳矿区300万吨焦化新材料园区", "Project"),
    # A coined numeric name cut apart by the tokenizer.
    ("充分运用一码清大数据管理平台，", "一码清大数据管理平台", "Project"),
    # A labour brand named by its home place and trade alone.
    ("以吕梁山护工培训就业为引领", "吕梁山护工", "Program"),
    # A 工程 one implements is a programme; its modifier may hold a nominalised verb.
    ("大力实施太行山生态保护修复工程，", "太行山生态保护修复工程", "Program"),
])
def test_names(text, name, core):
    assert (name, core) in found(text)


@pytest.mark.parametrize("text,bad", [
    ("山西大学和太原理工大学签约", "山西大学和太原理工大学"),   # two names, not one
    ("吕梁市与太原理工大学合作", "吕梁市与太原理工大学"),
    ("交城横山、会立10万千瓦风电项目进展顺利", "会立10万千瓦风电项目"),  # no project verb before
    ("建立一批大数据平台", "一批大数据平台"),
])
def test_not_names(text, bad):
    assert bad not in {t for t, _ in found(text)}


def test_site_project_stays_project():
    assert ("临县城东山环境绿化工程", "Project") in found("临县城东山环境绿化工程。")
