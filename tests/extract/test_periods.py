"""Time periods a number is stated for (kg.extract.periods)."""

from __future__ import annotations

import re

import pytest

from kg.corpus import bundled_paths
from kg.extract.periods import Period, find_periods
from kg.text import read_document


def periods(text: str, date: str | None = None) -> list[tuple[str, str, str | None, str | None]]:
    return [(p.raw, p.kind, p.period_start, p.period_end) for p in find_periods(text, date)]


class TestPeriods:
    def test_year(self):
        assert periods("2019年地区生产总值") == [("2019年", "year", "2019", "2019")]

    def test_chinese_year(self):
        assert periods("二〇一九年") == [("二〇一九年", "year", "2019", "2019")]

    def test_year_end(self):
        assert periods("2020年底") == [("2020年底", "yearend", "2020-12-31", "2020-12-31")]

    def test_as_of_year_end(self):
        assert periods("截至2019年底,总人口达385万") == [("截至2019年底", "asof", None, "2019-12-31")]

    def test_this_year_without_date(self):
        assert periods("今年共压减焦化产能") == [("今年", "year", None, None)]

    def test_this_year_with_date(self):
        assert periods("今年共压减", "2021-08-10") == [("今年", "year", "2021", "2021")]
        assert periods("去年", "2021-08-10") == [("去年", "year", "2020", "2020")]
        assert periods("明年底", "2021") == [("明年底", "yearend", "2022-12-31", "2022-12-31")]

    def test_months_of_this_year(self):
        assert periods("今年1-7月完成产气量", "2021-08-10") == [
            ("今年1-7月", "months", "2021-01-01", "2021-07-31")]
        assert periods("今年1至5月签约项目49个") == [("今年1至5月", "months", None, None)]

    def test_bare_month_range(self):
        assert periods("1-5月吕梁全市", "2021-06-01") == [("1-5月", "months", "2021-01-01", "2021-05-31")]

    def test_half_year(self):
        assert periods("上半年压减", "2021-07-01") == [("上半年", "half", "2021-01-01", "2021-06-30")]
        assert periods("2020年上半年") == [("2020年上半年", "half", "2020-01-01", "2020-06-30")]
        assert periods("今年上半年") == [("今年上半年", "half", None, None)]

    def test_quarters(self):
        assert periods("前三季度", "2021") == [("前三季度", "quarter", "2021-01-01", "2021-09-30")]

    @pytest.mark.parametrize("text, start, end", [
        ("十三五", "2016", "2020"), ("“十三五”期间", "2016", "2020"), ("十四五", "2021", "2025"),
        ("十二五", "2011", "2015"), ("“十四五”时期", "2021", "2025"),
    ])
    def test_five_year_plans(self, text, start, end):
        assert periods(text) == [(text, "plan", start, end)]

    def test_year_range(self):
        assert periods("2016-2020年") == [("2016-2020年", "years", "2016", "2020")]
        assert periods("2016年至2020年") == [("2016年至2020年", "years", "2016", "2020")]

    def test_open_periods_have_no_dates(self):
        assert periods("截至目前") == [("截至目前", "asof", None, None)]
        assert periods("近年来") == [("近年来", "recent", None, None)]
        assert periods("目前已有") == [("目前", "now", None, None)]

    def test_since(self):
        assert periods("今年6月以来", "2021-08-10") == [("今年6月以来", "since", "2021-06-01", None)]
        assert periods("2017年以来") == [("2017年以来", "since", "2017", None)]

    def test_date(self):
        assert periods("截至6月29日", "2021-07-01") == [("截至6月29日", "asof", None, "2021-06-29")]
        assert periods("7月16日，在吕梁") == [("7月16日", "date", None, None)]

    def test_invalid_month_is_skipped(self):
        assert periods("13-15月") == []

    def test_offsets(self):
        text = "数据显示，“十三五”期间，今年1-7月，截至2019年底，近年来"
        for p in find_periods(text):
            assert isinstance(p, Period) and text[p.start:p.end] == p.raw

    def test_bounds_are_gyear_or_date(self):
        iso = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
        for d in (read_document(p) for p in bundled_paths()):
            for p in find_periods(d.text, "2021-08-10"):
                for bound in (p.period_start, p.period_end):
                    assert bound is None or iso.match(bound), p

