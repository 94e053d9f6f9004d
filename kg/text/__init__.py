"""Reading documents: decoding, layout, offset-preserving normalisation, sentences.

The one entry point most callers need is :func:`read_document`; it returns a
:class:`Document` whose ``text`` is the normalised text the extractor matches against and
whose ``starts``/``ends`` map every normalised character back to the original text.

Examples
--------
>>> doc = read_text("吕梁新闻\\n\\n离石区位于吕梁市。", doc_id="demo")
>>> [doc.sentence_text(s) for s in doc.sentences]
['吕梁新闻', '离石区位于吕梁市。']
"""

from .document import SENTENCE_KINDS, Document, Sentence
from .reader import iter_paths, read_document, read_text

__all__ = ["read_document", "read_text", "iter_paths", "Document", "Sentence", "SENTENCE_KINDS"]
