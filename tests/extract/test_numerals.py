"""Numbers written alone: Arabic, Chinese numerals and multipliers (kg.extract.numerals)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.numerals import parse_number

D = Decimal

class TestParseNumber:
    @pytest.mark.parametrize("written, value", [
        ("0", "0"), ("7", "7"), ("128", "128"), ("1,439", "1439"), ("3,000,000", "3000000"),
        ("12.7", "12.7"), ("0.18", "0.18"), ("6.4万", "64000"), ("183.61亿", "18361000000"),
        ("1.2万亿", "1200000000000"), ("5千万", "50000000"), ("3百万", "3000000"),
        ("2千", "2000"),
    ])
    def test_arabic(self, written, value):
        assert parse_number(written) == D(value)

    @pytest.mark.parametrize("written, value", [
        ("零", 0), ("一", 1), ("两", 2), ("九", 9), ("十", 10), ("十三", 13), ("二十", 20),
        ("三十六", 36), ("九十", 90), ("一百", 100), ("一百一十", 110), ("一百零五", 105),
        ("一百二十八", 128), ("两千", 2000), ("一千零五", 1005), ("三万", 30000),
        ("三十六万", 360000), ("三万零五", 30005), ("两千万", 20000000), ("一亿", 100000000),
        ("三亿五千万", 350000000), ("一万亿", 10 ** 12),
    ])
    def test_chinese(self, written, value):
        assert parse_number(written) == D(value)

    def test_chinese_decimal(self):
        assert parse_number("三点五") == D("3.5")
        assert parse_number("十二点零五") == D("12.05")

    @pytest.mark.parametrize("written", [
        "十三五", "十四五", "二〇二一", "二零二一", "五一", "一二", "一百二", "三万五", "十百",
        "万", "1,43", "1.2.3", "", "abc",
    ])
    def test_not_numbers(self, written):
        assert parse_number(written) is None

    @settings(max_examples=300, deadline=None)
    @given(st.integers(min_value=0, max_value=99_999_999))
    def test_chinese_roundtrip(self, n):
        assert parse_number(_to_chinese(n)) == D(n)

    @settings(max_examples=200, deadline=None)
    @given(st.integers(min_value=1, max_value=10 ** 7), st.integers(min_value=0, max_value=99))
    def test_arabic_with_wan(self, whole, cents):
        written = f"{whole}.{cents:02d}万"
        assert parse_number(written) == D(f"{whole}.{cents:02d}") * 10000


def _to_chinese(n: int) -> str:
    """Standard Chinese numeral of ``n`` (< 10⁸), written out for the round trip."""
    digits = "零一二三四五六七八九"

    def below_10k(k: int) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d, k = divmod(k, size)
            if d:
                if zero:
                    out += "零"
                out += digits[d] + unit
                zero = False
            elif out:
                zero = True
        return out

    if n == 0:
        return "零"
    hi, lo = divmod(n, 10000)
    out = below_10k(hi) + "万" if hi else ""
    if lo:
        if hi and lo < 1000:
            out += "零"
        out += below_10k(lo)
    if out.startswith("一十"):
        out = out[1:]
    return out


def test_to_chinese_helper():
    assert [_to_chinese(n) for n in (10, 15, 105, 1005, 10010, 110000, 36)] == [
        "十", "十五", "一百零五", "一千零五", "一万零一十", "十一万", "三十六"]

