"""Decode document bytes: UTF-8, UTF-16/32, GB18030/GBK; reject binary and empty input.

The decoded text is kept exactly as decoded (only a byte-order mark is removed): it is
the document's original text and mention offsets index into it, so line breaks, spaces
and odd characters are not touched here.

Detection order:

1. A byte-order mark decides (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE).
2. NUL bytes mean UTF-16 without a BOM when they sit at alternating positions (ASCII
   text, digits and line breaks encode as ``xx 00`` / ``00 xx``); anywhere else they
   mean binary data.
3. Strict UTF-8.
4. GB18030 (a superset of GBK and GB2312), compared with BOM-less UTF-16 for text that
   has no ASCII at all; the candidate whose characters are more plausible as Chinese
   text (GB2312 ideographs, punctuation, ASCII) wins.

Decoded text with a high share of control characters is binary, not text.

Examples
--------
>>> decode_bytes("吕梁".encode("gbk"), name="a.txt")
('吕梁', 'gb18030')
>>> decode_bytes(b"\\xef\\xbb\\xbf\\xe5\\x90\\x95", name="a.txt")
('吕', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import re

from kg.errors import DecodeError, EmptyDocument

from .normalize import IGNORABLE, is_han

__all__ = ["decode_bytes", "is_blank"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_SAMPLE = 1 << 16
#: Share of control characters above which decoded text is treated as binary.
MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1c\x1d\x1e\x1f\x85")
# Visible = not whitespace and not a character the normaliser drops (zero-width, controls).
_VISIBLE_RE = re.compile(f"[^\\s{IGNORABLE}]")


def is_blank(text: str) -> bool:
    """Whether ``text`` has no visible character (whitespace and zero-width only).

    Examples
    --------
    >>> is_blank(" \\u3000\\n\\u200b"), is_blank(" 吕 ")
    (True, False)
    """
    return _VISIBLE_RE.search(text) is None


def _nul_layout(sample: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` if NULs sit at alternating positions, else None."""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    if odd >= 0.2 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.2 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (c < " " or "\x7f" <= c <= "\x9f") and c not in _ALLOWED_CONTROLS)
    return bad / len(sample)


def _plausibility(text: str) -> float:
    """How ordinary ``text`` looks as Chinese news text, 0..1.

    ASCII text, whitespace and GB2312 characters count fully, other Han characters
    (traditional, rare) half, anything else (controls, private use, stray symbols) not.
    """
    sample = text[:4096]
    if not sample:
        return 0.0
    common = 0
    rare = 0
    for c in sample:
        if c.isascii():
            common += c.isprintable() or c in "\t\r\n"
        elif c.isspace():
            common += 1
        else:
            try:
                c.encode("gb2312")
                common += 1
            except UnicodeEncodeError:
                rare += is_han(c)
    if len(sample) >= 8 and common < 0.2 * len(sample):
        return 0.0  # real text, even traditional, is full of common characters (的, 在, 是)
    return (common + 0.5 * rare) / len(sample)


def _decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, *, name: str) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    Parameters
    ----------
    data : bytes
        The raw document.
    name : str
        Used in error messages (a path or a document id).

    Returns
    -------
    tuple of (str, str)
        The decoded text (BOM removed, otherwise untouched) and the codec used.

    Raises
    ------
    kg.errors.DecodeError
        Binary data, or bytes that are not valid in any supported encoding.
    kg.errors.EmptyDocument
        Nothing but whitespace after decoding.

    Examples
    --------
    >>> decode_bytes("吕梁".encode("utf-16"), name="a")[0]
    '吕梁'
    >>> decode_bytes(b"\\x00\\x01\\x02binary\\x00", name="a.bin")
    Traceback (most recent call last):
    ...
    kg.errors.DecodeError: a.bin: cannot decode: binary data (NUL bytes)
    >>> decode_bytes(b" \\n\\t", name="a.txt")
    Traceback (most recent call last):
    ...
    kg.errors.EmptyDocument: a.txt: empty document (no text after decoding)
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode_bytes expects bytes, got {type(data).__name__}")
    data = bytes(data)
    text: str | None = None
    encoding = ""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            text = _decode(data[len(bom):], codec)
            if text is None:
                raise DecodeError(name, f"invalid {label} after a {label} byte-order mark")
            encoding = label if label == "utf-8-sig" else codec
            break
    if text is None:
        if 0 in data:
            codec = _nul_layout(data[:_SAMPLE])
            text = _decode(data, codec) if codec else None
            if text is not None and _plausibility(text) < 0.7:
                text = None  # NULs that merely happen to alternate (short binary data)
            if text is None:
                raise DecodeError(name, "binary data (NUL bytes)")
            encoding = codec
        else:
            text = _decode(data, "utf-8")
            encoding = "utf-8"
            if text is not None and len(data) < 64 and not text.isascii():
                # A few GBK bytes can happen to be valid UTF-8 ("省" = CA A1 = "ʡ"). UTF-8
                # that reads as Chinese stays UTF-8: E8A5BF E8B48F is "西贏" in UTF-8 and
                # "瑗胯磸" in GBK, and the GBK reading merely looks more common.
                gb = _decode(data, "gb18030")
                if gb is not None and not any(is_han(c) for c in text) and _plausibility(gb) > _plausibility(text):
                    text, encoding = gb, "gb18030"
            if text is None:
                text, encoding = _guess_legacy(data, name)
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM decoded as a character (e.g. UTF-16 with a second BOM)
    share = _control_share(text)
    if share > MAX_CONTROL_SHARE:
        raise DecodeError(name, f"not text: {share:.0%} control characters")
    if is_blank(text):
        raise EmptyDocument(name)
    return text, encoding


def _guess_legacy(data: bytes, name: str) -> tuple[str, str]:
    gb = _decode(data, "gb18030")
    best = (_plausibility(gb), gb, "gb18030") if gb is not None else (-1.0, None, "")
    if len(data) % 2 == 0 and len(data) >= 8:
        for codec in ("utf-16-le", "utf-16-be"):
            u16 = _decode(data, codec)
            # BOM-less UTF-16 must look clearly better: GBK bytes decode as UTF-16 too.
            if u16 is not None and _plausibility(u16) > best[0] + 0.25:
                best = (_plausibility(u16), u16, codec)
    score, text, codec = best
    if text is None:
        raise DecodeError(name, "not valid UTF-8, UTF-16 or GB18030 text")
    if score < 0.3:
        raise DecodeError(name, "not text in a supported encoding (UTF-8, UTF-16, GB18030)")
    return text, codec
