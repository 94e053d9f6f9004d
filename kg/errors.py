"""Errors users can see, each with a stable code.

Every error that reaches a user is a :class:`KGError` with a code (``E0xx``) and a message
that names the file or input at fault. The CLI prints ``error[E0xx]: message`` and exits
non-zero; it never shows a traceback for these.

Examples
--------
>>> err = DecodeError("a.txt", "not text: 41% control bytes")
>>> err.code, str(err)
('E002', 'a.txt: cannot decode: not text: 41% control bytes')
"""

from __future__ import annotations

__all__ = [
    "KGError",
    "InputNotFound",
    "DecodeError",
    "EmptyDocument",
    "NoDocuments",
    "NothingBuilt",
    "FileAccessError",
    "UnknownComponent",
    "UnknownStore",
    "UnknownFormat",
    "QueryError",
    "UnknownQuery",
    "ParameterError",
    "GoldFormatError",
    "ValidationFailed",
    "StoreError",
    "ClusterError",
    "ModelError",
    "TrainingDataError",
    "ConfigError",
]


class KGError(Exception):
    """Base class: an error with a stable code and a user-facing message."""

    code = "E000"
    template = "{0}"

    def __init__(self, *args: object) -> None:
        self.args_ = args
        super().__init__(self.template.format(*args))


class InputNotFound(KGError):
    code = "E001"
    template = "{0}: no such file or directory"


class DecodeError(KGError):
    code = "E002"
    template = "{0}: cannot decode: {1}"


class EmptyDocument(KGError):
    code = "E003"
    template = "{0}: empty document (no text after decoding)"


class NoDocuments(KGError):
    code = "E005"
    template = "{0}: no documents found (looked for {1})"


class NothingBuilt(KGError):
    code = "E006"
    template = "no document could be read ({0} input(s) skipped); nothing was written"


class FileAccessError(KGError):
    code = "E007"
    template = "{0}: cannot {1}: {2}"


class UnknownComponent(KGError):
    code = "E010"
    template = "unknown pipeline component {0!r}; known: {1}"


class UnknownStore(KGError):
    code = "E011"
    template = "unknown store {0!r}; use memory, oxigraph:DIR or an http(s):// endpoint"


class UnknownFormat(KGError):
    code = "E012"
    template = "{0}: unknown RDF format; use one of {1}"


class GraphsWouldMerge(KGError):
    """Writing named graphs (one per document: the provenance of every fact) to a format
    that has no graphs would merge them; the user must ask for that."""

    code = "E014"
    template = ("{0}: {1} has no named graphs, so the named graphs of the build (one per document: "
                "where each fact comes from) would be merged into one; write .trig, .nq or .jsonld "
                "to keep them, or pass --merge-graphs (merge_graphs=True) to merge them")


class QueryError(KGError):
    code = "E020"
    template = "malformed SPARQL query: {0}"


class UnknownQuery(KGError):
    code = "E021"
    template = "unknown named query {0!r}; run `kg queries` to list them"


class ParameterError(KGError):
    code = "E022"
    template = "bad query parameter {0!r}: {1}"


class GoldFormatError(KGError):
    code = "E030"
    template = "{0}: not a gold annotation file: {1}"


class ValidationFailed(KGError):
    code = "E040"
    template = "{0}: SHACL validation found {1} violation(s)"


class StoreError(KGError):
    """A store cannot be opened, read or written (names the store and the cause)."""

    code = "E050"
    template = "{0}: {1}"


class ClusterError(KGError):
    """The cluster cannot be used: a bad address, Dask missing, the scheduler unreachable,
    or a build the cluster could not finish."""

    code = "E060"
    template = "{0}: {1}"


class ModelError(KGError):
    code = "E062"
    template = "entity model {0}: {1}"


class TrainingDataError(KGError):
    code = "E063"
    template = "training data {0}: {1}"


class ConfigError(KGError):
    code = "E017"
    template = "configuration {0}: {1}"
