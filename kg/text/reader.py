"""Read a document: bytes → text → layout → normalised text, offset map and sentences.

Examples
--------
>>> doc = read_text("吕梁：干好 20 件大事\\n\\n3 月 27 日，吕梁市召开会议。", doc_id="demo")
>>> doc.title, doc.text
('吕梁：干好20件大事', '吕梁：干好20件大事\\n3月27日，吕梁市召开会议。')
>>> doc.original_text(11, 16)
'3 月 27 日'
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

from kg.errors import DecodeError, EmptyDocument, InputNotFound, KGError

from .decode import decode_bytes, is_blank
from .document import Document
from .markup import looks_like_html, strip_html
from .layout import analyse
from .render import render
from .sentences import split_runs

__all__ = ["read_document", "read_text", "iter_paths", "DOCUMENT_SUFFIXES"]

#: File name suffixes picked up when a directory is given as input.
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".md")
_MAX_TITLE = 100


def read_text(text: str, *, doc_id: str, path: str | None = None, encoding: str = "utf-8",
              notes: tuple[str, ...] = ()) -> Document:
    """Build a :class:`Document` from already decoded text.

    Parameters
    ----------
    text : str
        The document text. HTML is recognised and reduced to its text, which then is the
        document's original text (noted in ``Document.notes``).
    doc_id : str
        The document identifier (file name without extension).
    path, encoding, notes
        Recorded on the document.

    Raises
    ------
    kg.errors.EmptyDocument
        No visible text.

    Examples
    --------
    >>> doc = read_text("<html><body><p>吕梁</p><p>离石区位于吕梁市。</p></body></html>", doc_id="d")
    >>> doc.original, doc.notes
    ('吕梁\\n\\n离石区位于吕梁市。', ('html: markup stripped; offsets index the stripped text',))
    """
    name = path or doc_id
    try:
        notes = tuple(notes)
        if text.startswith("\ufeff"):
            text = text[1:]
        if looks_like_html(text):
            text = strip_html(text)
            notes += ("html: markup stripped; offsets index the stripped text",)
        if is_blank(text):
            raise EmptyDocument(name)
        layout = analyse(text)
        rendered = render(layout)
        if not rendered.text.strip():
            raise EmptyDocument(name)
        sentences = split_runs(rendered.text, rendered.runs)
        title = ""
        headings = []
        for block in layout.blocks:
            if block.kind == "title" and not title:
                title = block.text.strip()
            elif block.kind == "heading":
                headings.append(block.text.strip())
        if not title and sentences:
            # No headline: the first body sentence names the document best, else whatever
            # text there is (a page of captions still needs a dcterms:title).
            first = min(sentences, key=lambda s: ({"body": 0, "heading": 1}.get(s.kind, 2), s.start))
            title = rendered.text[first.start:first.end][:_MAX_TITLE]
        return Document(
            id=doc_id,
            original=text,
            text=rendered.text,
            starts=rendered.starts,
            ends=rendered.ends,
            sentences=sentences,
            title=title,
            source=layout.source,
            headings=tuple(headings),
            path=path,
            encoding=encoding,
            date=layout.date,
            repeated=layout.repeated,
            notes=notes + layout.notes,
        )
    except KGError:
        raise
    except RecursionError as exc:  # pragma: no cover - pathological markup
        raise DecodeError(name, "input too deeply nested to read") from exc
    except Exception as exc:  # pragma: no cover - a reader bug must not escape as a crash
        raise DecodeError(name, f"unreadable ({type(exc).__name__}: {exc})") from exc


def read_document(source: str | os.PathLike | bytes, *, doc_id: str | None = None) -> Document:
    """Read a document from a path or from raw bytes.

    Parameters
    ----------
    source : str, os.PathLike or bytes
        A file path, or the document's bytes (then ``doc_id`` is required).
    doc_id : str, optional
        Identifier; defaults to the file name without extension.

    Returns
    -------
    Document

    Raises
    ------
    kg.errors.InputNotFound
        The path does not exist.
    kg.errors.DecodeError
        Not decodable text (binary, unknown encoding), or a path that is not a file.
    kg.errors.EmptyDocument
        No text.

    Examples
    --------
    >>> doc = read_document("吕梁市位于山西省。".encode("gb18030"), doc_id="demo")
    >>> doc.text, doc.encoding
    ('吕梁市位于山西省。', 'gb18030')
    >>> read_document("no/such/file.txt")
    Traceback (most recent call last):
    ...
    kg.errors.InputNotFound: no/such/file.txt: no such file or directory
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        if not doc_id:
            raise ValueError("read_document(bytes) needs doc_id")
        data = bytes(source)
        path = None
        name = doc_id
    else:
        p = Path(source)
        name = str(source)
        try:
            data = p.read_bytes()
        except FileNotFoundError as exc:
            raise InputNotFound(name) from exc
        except IsADirectoryError as exc:
            raise DecodeError(name, "is a directory, not a document") from exc
        except OSError as exc:
            raise DecodeError(name, f"cannot read ({exc.strerror or exc})") from exc
        path = name
        doc_id = doc_id or p.stem
    text, encoding = decode_bytes(data, name=name)
    notes = () if encoding in ("utf-8", "utf-8-sig") else (f"encoding: {encoding}",)
    return read_text(text, doc_id=doc_id, path=path, encoding=encoding, notes=notes)


def _has_magic(s: str) -> bool:
    return any(c in s for c in "*?[")


def iter_paths(inputs: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """Expand inputs into document paths.

    Directories yield their ``*.txt``, ``*.html``, ``*.htm`` and ``*.md`` files,
    recursively, sorted; glob patterns are expanded (``**`` recurses); files are taken
    as they are. Duplicates are dropped, first occurrence kept.

    Raises
    ------
    kg.errors.InputNotFound
        An input that is neither an existing path nor a pattern matching a file.

    Examples
    --------
    >>> from importlib.resources import files
    >>> corpus = files("kg") / "corpus"
    >>> [p.name[:3] for p in iter_paths([str(corpus)])]
    ['000', '001', '002', '003', '004']
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    out: list[Path] = []
    seen: set[Path] = set()

    def emit(p: Path) -> None:
        if p not in seen:
            seen.add(p)
            out.append(p)

    for item in inputs:
        s = os.fspath(item)
        p = Path(s)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix.lower() in DOCUMENT_SUFFIXES and q.is_file())
            for q in found:
                emit(q)
        elif p.is_file():
            emit(p)
        elif _has_magic(s):
            matches = sorted(glob.glob(s, recursive=True))
            files = []
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    files.extend(sorted(q for q in mp.rglob("*")
                                        if q.suffix.lower() in DOCUMENT_SUFFIXES and q.is_file()))
                elif mp.is_file():
                    files.append(mp)
            if not files:
                raise InputNotFound(s)
            for q in files:
                emit(q)
        else:
            raise InputNotFound(s)
    return out
