"""Find paragraphs that repeat an earlier one (identically or nearly so).

Page scans and copy-pasted web articles repeat whole paragraphs; reading them twice
would double every mention and fact. A paragraph repeats an earlier one when its
matching key (normalised text without whitespace) is identical, or, for longer
paragraphs, when almost all of its character 4-grams occur in one earlier paragraph of
similar length (``…6个服务部 and 17个服务站…`` vs ``…6个服务部和17个服务站…``).

The comparison is linear in the text: exact keys are hashed, and near-duplicates are
found through an index of content-sampled 4-grams whose posting lists are capped, so
pathological input (the same short line thousands of times) cannot make it quadratic.

Examples
--------
>>> find_repeats(["第一段内容比较长的句子。", "标题", "第一段内容比较长的句子。"])
[None, None, 0]
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["find_repeats"]

_K = 4
_MAX_POSTINGS = 16
_MAX_NEAR = 20_000


def _grams(key: str) -> set[str]:
    # Content-defined sampling: a 4-gram is kept when its first two characters say so,
    # so the same text yields the same sample wherever it sits in a paragraph.
    return {key[i:i + _K] for i in range(len(key) - _K + 1)
            if (ord(key[i]) * 7 + ord(key[i + 1])) % 4 == 0}


def find_repeats(keys: Sequence[str], *, min_exact: int = 8, min_near: int = 30,
                 threshold: float = 0.85) -> list[int | None]:
    """For each key, the index of the earlier key it repeats, or None.

    Parameters
    ----------
    keys : sequence of str
        Whitespace-free normalised text of each paragraph, in document order.
    min_exact : int
        Shorter keys are never treated as repeats (short lines such as ``（完）`` or a
        list marker legitimately recur).
    min_near : int
        Keys shorter than this must repeat exactly.
    threshold : float
        Share of sampled 4-grams the two paragraphs must have in common, both ways.

    Returns
    -------
    list of int or None

    Examples
    --------
    >>> a = "吕梁市扎实推进以护工为主的贫困劳动力技能培训，组建了驻北京、天津、青岛等地6个服务部和17个服务站。"
    >>> b = a.replace("和", "and")
    >>> find_repeats([a, "另一个段落。", b])
    [None, None, 0]
    """
    exact: dict[str, int] = {}
    index: dict[str, list[int]] = {}
    samples: dict[int, set[str]] = {}
    result: list[int | None] = []
    for i, key in enumerate(keys):
        if len(key) < min_exact:
            result.append(None)
            continue
        first = exact.get(key)
        if first is not None:
            result.append(first)
            continue
        exact[key] = i
        # A very long paragraph that nearly repeats another is not worth the sampling cost.
        grams = _grams(key) if min_near <= len(key) <= _MAX_NEAR else set()
        match = None
        if len(grams) >= 5:
            counts: dict[int, int] = {}
            for g in grams:
                for j in index.get(g, ()):
                    counts[j] = counts.get(j, 0) + 1
            for j, shared in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                other = samples[j]
                ratio = min(len(key), len(keys[j])) / max(len(key), len(keys[j]))
                if shared >= threshold * len(grams) and shared >= threshold * len(other) \
                        and ratio >= 0.85:
                    match = j
                break  # only the best candidate is worth checking
        result.append(match)
        if match is None and grams:
            samples[i] = grams
            for g in grams:
                postings = index.setdefault(g, [])
                if len(postings) < _MAX_POSTINGS:
                    postings.append(i)
    return result
