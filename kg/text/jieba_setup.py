"""One way to make a jieba tokenizer: quiet, with its cache in one known folder.

jieba's global tokenizer writes its dictionary cache to the system's temporary folder and
logs to stderr. Every part of the project that needs a jieba tokenizer of its own (the
name grammar's tokens, the jieba baseline of ``kg eval``) takes a fresh one from
:func:`new_tokenizer`, so all share one cache (``KG_CACHE_DIR``, else a per-user folder
under the temporary folder) and none prints.

Examples
--------
>>> tk = new_tokenizer()
>>> tk.lcut("吕梁市位于山西省")[:2]
['吕梁市', '位于']
"""

from __future__ import annotations

import logging
import os
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

__all__ = ["cache_dir", "new_tokenizer"]


def cache_dir() -> str:
    """The folder jieba's dictionary cache lives in (created when missing)."""
    base = os.environ.get("KG_CACHE_DIR") or os.path.join(tempfile.gettempdir(), f"kg-jieba-{os.getuid()}")
    os.makedirs(base, exist_ok=True)
    return base


def new_tokenizer() -> jieba.Tokenizer:
    """A fresh, initialised jieba tokenizer over jieba's main dictionary.

    Words added to it (``add_word``) stay its own. jieba's global tokenizer, should
    anything initialise it later, gets the same cache folder.
    """
    import jieba  # here, not at the top: a build that cuts with jieba-rs never loads it

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.tmp_dir = cache_dir()
    if not getattr(jieba.dt, "initialized", False) and jieba.dt.tmp_dir is None:
        jieba.dt.tmp_dir = tk.tmp_dir
    tk.initialize()
    return tk
