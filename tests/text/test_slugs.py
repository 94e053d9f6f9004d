"""Slugs: readable, safe, stable ASCII names for any text; short hashes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text.slugs import _pinyin, short_hash, slug

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize("name, expected", [
    ("吕梁市", "lvliangshi"),
    ("兴县", "xingxian"),
    ("四·八烈士纪念馆", "sibalieshijinianguan"),
    ("绿色", "lvse"),            # ü is written v
    ("5G基站", "5gjizhan"),
    ("“六区吕梁”", "liuqulvliang"),
    ("Ｈ２Ｏ", "h2o"),            # full-width ASCII folds
    ("·", "x"),                  # nothing sluggable left
])
def test_slug_examples(name, expected):
    assert slug(name) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_name_gives_a_safe_slug(name):
    s = slug(name)
    assert SLUG.match(s), (name, s)
    assert slug(name) == s


_HAN_AND_MORE = st.text(alphabet=st.sampled_from(
    "吕梁市兴县重庆长江大桥银行行长朝阳乐平和平中科院纪念馆绿色·-—《》 aüAZ019Ｈ２"), max_size=20)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_HAN_AND_MORE, st.text(max_size=20)))
def test_pinyin_is_lazy_pinyins(name):
    """Slugs read pinyin word by word with the conversion kept; it must be lazy_pinyin's."""
    from pypinyin import Style, lazy_pinyin

    assert _pinyin(name) == lazy_pinyin(name, style=Style.NORMAL, v_to_u=False, errors="default")


def test_short_hash_is_stable_and_short():
    assert short_hash("吕梁") == short_hash("吕梁") and len(short_hash("吕梁")) == 6
