"""Numbers with units in normalised text (kg.extract.quantities)."""

from __future__ import annotations

import re
import time
from decimal import Decimal

import pytest

from kg.corpus import bundled_paths
from kg.extract.periods import find_periods
from kg.extract.quantities import COUNT_UNITS, UNITS, Quantity, find_quantities
from kg.text import read_document

D = Decimal


def one(text: str) -> Quantity:
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


def triples(text: str) -> list[tuple[str, Decimal, str]]:
    return [(q.raw, q.value, q.base_unit) for q in find_quantities(text)]

# ----------------------------------------------------------------------------- forms


class TestNumeralForms:
    def test_arabic_with_unit(self):
        assert triples("有贫困村1439个") == [("1439个", D(1439), "个")]

    def test_thousands_separator(self):
        assert triples("投入1,500万元") == [("1,500万元", D(15000000), "元")]

    def test_ascii_comma_between_clauses_is_not_a_separator(self):
        assert triples("有贫困村1439个,贫困人口59万人") == [
            ("1439个", D(1439), "个"), ("59万人", D(590000), "人")]

    def test_decimal_with_wan(self):
        q = one("累计培训6.4万人")
        assert (q.raw, q.value, q.unit, q.base_unit, q.kind) == ("6.4万人", D(64000), "万人", "人", "count")

    def test_decimal_with_yi(self):
        q = one("总投资额183.61亿元")
        assert (q.value, q.unit, q.base_unit, q.kind) == (D(18361000000), "亿元", "元", "money")

    def test_wan_yi(self):
        assert one("1.2万亿元").value == D(1200000000000)

    def test_chinese_numerals(self):
        assert triples("三十六名队员，一百二十八处遗址") == [
            ("三十六名", D(36), "人"), ("一百二十八处", D(128), "处")]

    def test_liang(self):
        q = one("两千万元")
        assert (q.value, q.chinese) == (D(20000000), True)
        assert triples("来了两名护工") == [("两名", D(2), "人")]

    def test_chinese_with_multiplier_inside(self):
        assert one("三十六万人").value == D(360000)

    @pytest.mark.parametrize("text, raw, value, unit", [
        ("九十多名专家", "九十多名", 90, "人"),
        ("十多所高校", "十多所", 10, "所"),
        ("20余所知名高校", "20余所", 20, "所"),
        ("3.8万多名护工", "3.8万多名", 38000, "人"),
        ("400余名师生", "400余名", 400, "人"),
        ("3万余户", "3万余户", 30000, "户"),
        ("1800多件", "1800多件", 1800, "件"),
    ])
    def test_approximate(self, text, raw, value, unit):
        q = one(text)
        assert (q.raw, q.value, q.base_unit, q.approx) == (raw, D(value), unit, True)

    def test_percentages(self):
        assert triples("同比增长131%，贫困发生率降至0.18%") == [
            ("131%", D(131), "%"), ("0.18%", D("0.18"), "%")]
        assert one("131%").kind == "percent"

    def test_percent_in_words(self):
        q = one("覆盖率达到百分之三十")
        assert (q.raw, q.value, q.base_unit, q.chinese) == ("百分之三十", D(30), "%", True)
        assert one("百分之0.5").value == D("0.5")

    def test_percentage_points(self):
        q = one("提高2.3个百分点")
        assert (q.value, q.base_unit, q.kind) == (D("2.3"), "百分点", "percent_point")

    def test_offsets_index_the_text(self):
        text = "今年1-7月完成产气量12.7亿立方米，同比增长131%，累计培训6.4万人。"
        for q in find_quantities(text):
            assert text[q.start:q.end] == q.raw


class TestRanges:
    def test_wan_to_wan_yuan(self):
        q = one("带动增收7万至8万元")
        assert (q.raw, q.value, q.value_max, q.base_unit, q.is_range) == (
            "7万至8万元", D(70000), D(80000), "元", True)

    def test_multiplier_of_upper_end_applies_to_bare_lower_end(self):
        q = one("7至8万元")
        assert (q.value, q.value_max) == (D(70000), D(80000))

    def test_each_end_with_its_unit(self):
        q = one("7万元至8万元")
        assert (q.value, q.value_max) == (D(70000), D(80000))

    def test_times(self):
        q = one("撬动政府放大5-8倍")
        assert (q.raw, q.value, q.value_max, q.base_unit, q.kind) == ("5-8倍", D(5), D(8), "倍", "ratio")

    def test_em_dash_range(self):
        q = one("一般海拔在1000—2000米")
        assert (q.value, q.value_max, q.base_unit) == (D(1000), D(2000), "米")

    def test_percent_range(self):
        q = one("增长10%-15%")
        assert (q.value, q.value_max, q.base_unit) == (D(10), D(15), "%")

    def test_ages(self):
        q = one("培训18至52周岁的劳动力")
        assert (q.value, q.value_max, q.base_unit, q.kind) == (D(18), D(52), "岁", "age")

    def test_descending_range_is_not_a_quantity(self):
        assert find_quantities("8-5倍") == []


class TestUnits:
    @pytest.mark.parametrize("text, value, base, kind", [
        ("15万亩", 150000, "亩", "area"),
        ("2.1万平方公里", 21000, "平方公里", "area"),
        ("3平方千米", 3, "平方公里", "area"),
        ("200平方米", 200, "平方米", "area"),
        ("10万千瓦", 100000, "千瓦", "power"),
        ("200兆瓦", 200000, "千瓦", "power"),
        ("12万千瓦时", 120000, "千瓦时", "energy"),
        ("12.7亿立方米", 1270000000, "立方米", "volume"),
        ("12.7亿方，", 1270000000, "立方米", "volume"),
        ("140万吨", 1400000, "吨", "mass"),
        ("3.5亿公斤", 350000000, "公斤", "mass"),
        ("5千克", 5, "公斤", "mass"),
        ("160公里", 160, "公里", "length"),
        ("25千米", 25, "公里", "length"),
        ("546毫米", 546, "毫米", "length"),
        ("9℃", 9, "℃", "temperature"),
        ("12趟", 12, "趟", "count"),
        ("5.83万人次", 58300, "人次", "count"),
        ("112户", 112, "户", "count"),
        ("3个月", 3, "月", "duration"),
        ("2小时", 2, "小时", "duration"),
        ("59万人口", 590000, "人", "count"),
        ("6000元", 6000, "元", "money"),
    ])
    def test_base_units(self, text, value, base, kind):
        q = one(text)
        assert (q.value, q.base_unit, q.kind) == (D(value), base, kind)

    def test_people_classifiers_count_people(self):
        assert [q.base_unit for q in find_quantities("140名专家，三十多位上将，4228人")] == ["人"] * 3

    def test_unit_as_written_keeps_the_multiplier(self):
        assert [q.unit for q in find_quantities("6.4万人、12.7亿立方米、10万千瓦")] == [
            "万人", "亿立方米", "万千瓦"]

    def test_below_zero(self):
        assert [(q.raw, q.value) for q in find_quantities("最低气温-5℃，零下12.5℃")] == [
            ("-5℃", D(-5)), ("零下12.5℃", D("-12.5"))]

    def test_unit_table(self):
        assert "万亩" not in UNITS and "亩" in UNITS
        assert {"个", "座", "处", "项", "家", "所"} <= COUNT_UNITS

    def test_bare_multiple_has_no_unit(self):
        q = one("总人口达385万")
        assert (q.value, q.unit, q.base_unit, q.kind) == (D(3850000), "", "", "number")
        assert triples("投资385万3个项目") == [("385万", D(3850000), ""), ("3个", D(3), "个")]

    def test_latin_units(self):
        assert triples("10kV线路，5km") == [("10kV", D(10), "千伏"), ("5km", D(5), "公里")]
        assert find_quantities("10kVA") == []


class TestNotQuantities:
    @pytest.mark.parametrize("text", [
        "2021年", "1971年组建地区", "二〇二一年", "2016-2020年", "3月27日", "6月26日9时46分",
        "7月1日上午", "9月27日至29日",
        "第十二届中博会", "第3名", "排名第一",
        "209国道", "5G技术", "利用5G+智能矿山", "D9232次列车", "“1916”行动计划", "“985”重点产业链",
        "“十三五”期间", "十四五", "110工法", "CR200J型动车组", "PM2.5平均浓度", "3D增材",
        "“10条”举措", "“五个一”活动", "“三个全覆盖”",
        "十万级洁净车间", "千吨级铝镁", "十年前", "近5年来", "成立100周年", "1/2、1/3",
        "一个个红色故事", "一项具体举措", "万人空巷", "千方百计", "10大类", "三分之一",
        "方山县", "4号焦煤",
    ])
    def test_negative(self, text):
        assert find_quantities(text) == [], find_quantities(text)

    def test_an_industrys_yuan_scale_is_money(self):
        # 打造3000亿级煤都, 五百亿级产业集群: the output in yuan an industry aims at
        assert triples("打造3000亿级煤都，建成五百亿级产业集群") == [
            ("3000亿级", D(300000000000), "元"), ("五百亿级", D(50000000000), "元")]

    def test_a_space_before_the_unit_is_read_through(self):
        assert triples("等 20 件大事要事") == [("20 件", D(20), "件")]

    def test_date_then_number(self):
        assert triples("2019年地区生产总值完成1512.1亿元") == [("1512.1亿元", D(151210000000), "元")]

    def test_month_range_is_a_period_not_a_quantity(self):
        assert triples("今年1-7月完成产气量12.7亿立方米") == [("12.7亿立方米", D(1270000000), "立方米")]


@pytest.fixture(scope="module")
def docs():
    return {p.stem[:3]: read_document(p) for p in bundled_paths()}


class TestCorpus:
    """Real sentences of the bundled corpus."""

    def quantities(self, docs, key):
        return {(q.raw, q.value, q.base_unit) for q in find_quantities(docs[key].text)}

    def test_document_000(self, docs):
        found = self.quantities(docs, "000")
        assert {("12.7亿立方米", D(1270000000), "立方米"), ("131%", D(131), "%"),
                ("6.4万人", D(64000), "人"), ("2.6万人", D(26000), "人"),
                ("10万千瓦", D(100000), "千瓦"), ("九十多名", D(90), "人"),
                ("3.8万多名", D(38000), "人"), ("4000万元", D(40000000), "元"),
                ("140万吨", D(1400000), "吨")} <= found

    def test_document_001(self, docs):
        found = self.quantities(docs, "001")
        assert {("2.1万平方公里", D(21000), "平方公里"), ("385万", D(3850000), ""),
                ("420亿吨", D(42000000000), "吨"), ("0.18%", D("0.18"), "%"),
                ("907.05万亩", D(9070500), "亩"), ("5-8倍", D(5), "倍"),
                ("1000—2000米", D(1000), "米"), ("133—178天", D(133), "天")} <= found

    def test_document_002(self, docs):
        found = self.quantities(docs, "002")
        assert {("183.61亿元", D(18361000000), "元"), ("42个", D(42), "个"),
                ("561万吨", D(5610000), "吨"), ("15万亩", D(150000), "亩")} <= found

    def test_no_names_or_dates_anywhere(self, docs):
        seen = 0
        for d in docs.values():
            qs = find_quantities(d.text)
            for bad in ("209国道", "5G", "D9232次", "“1916”", "“985”", "110工法", "2021年",
                        "2019年", "十三五", "第十二届", "6月26日9时46分", "CR200J"):
                for m in re.finditer(re.escape(bad), d.text):
                    seen += 1
                    assert not [q for q in qs if q.start < m.end() and m.start() < q.end], bad
        assert seen >= 12

    def test_offsets(self, docs):
        for d in docs.values():
            for q in find_quantities(d.text):
                assert d.text[q.start:q.end] == q.raw



# ----------------------------------------------------------------------------- speed


class TestBacktracking:
    @pytest.mark.parametrize("text", ["1-" * 20000, "一" * 40000, "“" * 20000 + "1个", "5." * 20000])
    def test_no_pathological_backtracking(self, text):
        # A hang guard, not a speed test (speed is benchmarked): catastrophic backtracking
        # on these inputs takes hours; linear matching takes well under a second.
        t = time.perf_counter()
        find_quantities(text)
        find_periods(text)
        assert time.perf_counter() - t < 60.0
