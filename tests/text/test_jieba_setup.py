"""One jieba tokenizer factory (``kg.text.jieba_setup``)."""

from __future__ import annotations

from kg.text.jieba_setup import cache_dir, new_tokenizer


def test_the_cache_folder_follows_kg_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == str(tmp_path / "c") and (tmp_path / "c").is_dir()


def test_tokenizers_are_independent():
    a, b = new_tokenizer(), new_tokenizer()
    a.add_word("蔡家崖村", freq=5000)
    assert "蔡家崖村" in a.lcut("兴县蔡家崖村")
    assert "蔡家崖村" not in b.lcut("兴县蔡家崖村")
