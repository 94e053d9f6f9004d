"""Recognise HTML input and reduce it to plain text.

News often arrives as saved web pages. The reader keeps the *stripped* text as the
document's original text: mention offsets then index readable text, not markup.

Block-level elements become line breaks (a paragraph break for ``<p>``, ``<div>``,
headings, list items, table rows; a single break for ``<br>``) so that the layout
analysis sees the same paragraph structure as in a plain-text article. ``<script>``,
``<style>``, ``<noscript>``, ``<template>`` and comments are dropped; entities are
unescaped. The page ``<title>`` becomes the first line unless the body repeats it.

Examples
--------
>>> looks_like_html("<!DOCTYPE html><html><body><p>吕梁</p></body></html>")
True
>>> print(strip_html("<p>吕梁&amp;太原</p><script>x()</script><p>离石区</p>"))
吕梁&太原
<BLANKLINE>
离石区
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["looks_like_html", "strip_html"]

_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_KNOWN_TAG_RE = re.compile(
    r"</?(?:html|head|body|p|div|br|span|a|h[1-6]|ul|ol|li|table|tr|td|th|img|meta|"
    r"title|script|style|section|article|header|footer|strong|em|b|i|font|center)\b",
    re.IGNORECASE,
)
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
_BLOCK = frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "nav", "main",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr",
    "table", "blockquote", "pre", "figure", "figcaption", "form", "hr", "address", "center",
})
_LINE = frozenset({"br", "td", "th"})


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document rather than text that mentions a tag.

    True when it starts with ``<!doctype`` / ``<html`` (after whitespace and a BOM), or
    has at least five known tags making up a noticeable share of its lines.

    Examples
    --------
    >>> looks_like_html("吕梁市 <5 万人")
    False
    >>> looks_like_html("<div><p>a</p><p>b</p><br><p>c</p></div>")
    True
    """
    head = text[:512].lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower():
        return True
    if head.startswith(("<!doctype", "<html")):
        return True
    sample = text[:200_000]
    known = len(_KNOWN_TAG_RE.findall(sample))
    if known < 5:
        return False
    lines = sample.count("\n") + 1
    tags = len(_TAG_RE.findall(sample))
    return tags >= 0.5 * lines or known >= 20


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        tag = tag.lower()
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP:
            self._skip += 1
        elif not self._skip:
            self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if not self._skip:
            self._break(tag.lower())

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif not self._skip:
            self._break(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)

    def _break(self, tag: str) -> None:
        if tag in _BLOCK:
            self.parts.append("\n\n")
        elif tag in _LINE:
            self.parts.append("\n")


def strip_html(markup: str) -> str:
    """Return the readable text of an HTML page (see the module docstring).

    Examples
    --------
    >>> strip_html("<html><head><title>吕梁新闻</title></head><body>正文。</body></html>")
    '吕梁新闻\\n\\n正文。'
    """
    parser = _Stripper()
    parser.feed(markup)
    parser.close()
    body = "".join(parser.parts)
    # Source indentation shows up as whitespace around the inserted breaks; collapse
    # runs of blank lines so that layout gaps reflect the markup, not the indentation.
    body = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", body)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    title = " ".join("".join(parser.title).split())
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}" if body else title
    return body
