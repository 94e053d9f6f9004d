"""Errors users can see, each with a stable code: the one registry of codes.

Every error that reaches a user is a :class:`KGError` with a code (``E0xx``) and a message
that names the file or input at fault. The CLI prints ``error[E0xx]: message`` and exits
non-zero; it never shows a traceback for these. Every such class is defined here, in code
order, so a code is given once (``tests/test_errors.py`` checks it); the modules that raise
them import them from here.

Codes by area: E00x inputs and builds, E01x pipeline, stores and formats, E02x queries,
E03x gold annotations, E04x validation, E05x stores, views and the server, E06x cluster
and models, E099 an internal error (a bug: the message names the exception).

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
    "DuplicateDocument",
    "NoDocuments",
    "NothingBuilt",
    "FileAccessError",
    "UnknownComponent",
    "UnknownStore",
    "UnknownFormat",
    "PipelineOrderError",
    "GraphsWouldMerge",
    "ComponentOptionError",
    "ConfigError",
    "QueryError",
    "UnknownQuery",
    "ParameterError",
    "GoldFormatError",
    "ValidationFailed",
    "StoreError",
    "UnknownDocument",
    "UnknownView",
    "UnknownType",
    "ViewError",
    "ServeError",
    "UnknownEntity",
    "ClusterError",
    "ModelError",
    "TrainingDataError",
    "InternalError",
]


class KGError(Exception):
    """Base class: an error with a stable code and a user-facing message."""

    code = "E000"
    template = "{0}"

    def __init__(self, *args: object) -> None:
        self.args_ = args
        super().__init__(self.template.format(*args))


# ---- inputs and builds ----------------------------------------------------------------------

class InputNotFound(KGError):
    code = "E001"
    template = "{0}: no such file or directory"


class DecodeError(KGError):
    code = "E002"
    template = "{0}: cannot decode: {1}"


class EmptyDocument(KGError):
    code = "E003"
    template = "{0}: empty document (no text after decoding)"


class DuplicateDocument(KGError):
    """A second document with an id an earlier input has: it is skipped, the first kept."""

    code = "E004"
    template = "{0}: duplicate document id {1!r} (also {2})"


class NoDocuments(KGError):
    code = "E005"
    template = "{0}: no documents found (looked for {1})"


class NothingBuilt(KGError):
    code = "E006"
    template = "no document could be read ({0} input(s) skipped); nothing was written"


class FileAccessError(KGError):
    code = "E007"
    template = "{0}: cannot {1}: {2}"


# ---- the pipeline, stores and formats by name ---------------------------------------------

class UnknownComponent(KGError):
    code = "E010"
    template = "unknown pipeline component {0!r}; known: {1}"


class UnknownStore(KGError):
    code = "E011"
    template = "unknown store {0!r}; use memory, oxigraph:DIR or an http(s):// endpoint"


class UnknownFormat(KGError):
    code = "E012"
    template = "{0}: unknown RDF format; use one of {1}"


class PipelineOrderError(KGError):
    code = "E013"
    template = "pipeline component {0!r} requires {1!r}, which no earlier component provides"


class GraphsWouldMerge(KGError):
    """Writing named graphs (one per document: the provenance of every fact) to a format
    that has no graphs would merge them; the user must ask for that."""

    code = "E014"
    template = ("{0}: {1} has no named graphs, so the named graphs of the build (one per document: "
                "where each fact comes from) would be merged into one; write .trig, .nq or .jsonld "
                "to keep them, or pass --merge-graphs (merge_graphs=True) to merge them")


class ComponentOptionError(KGError):
    code = "E016"
    template = "pipeline component {0!r} does not take the options {1} ({2})"


class ConfigError(KGError):
    code = "E017"
    template = "configuration {0}: {1}"


# ---- queries --------------------------------------------------------------------------------

class QueryError(KGError):
    code = "E020"
    template = "malformed SPARQL query: {0}"


class UnknownQuery(KGError):
    code = "E021"
    template = "unknown named query {0!r}; run `kg queries` to list them"


class ParameterError(KGError):
    code = "E022"
    template = "bad query parameter {0!r}: {1}"


# ---- evaluation and validation --------------------------------------------------------------

class GoldFormatError(KGError):
    code = "E030"
    template = "{0}: not a gold annotation file: {1}"


class ValidationFailed(KGError):
    code = "E040"
    template = "{0}: SHACL validation found {1} violation(s)"


# ---- stores, views and the server -----------------------------------------------------------

class StoreError(KGError):
    """A store cannot be opened, read or written (names the store and the cause)."""

    code = "E050"
    template = "{0}: {1}"


class UnknownDocument(KGError):
    code = "E051"
    template = "no document {0!r} in the graph; documents: {1}"


class UnknownView(KGError):
    code = "E052"
    template = "unknown view {0!r}; use one of {1}"


class UnknownType(KGError):
    code = "E053"
    template = "unknown type {0!r}; use core types: {1}"


class ViewError(KGError):
    code = "E054"
    template = "{0}"


class ServeError(KGError):
    code = "E055"
    template = "{0}"


class UnknownEntity(KGError):
    code = "E056"
    template = "no entity called {0!r} in the graph{1}"


# ---- the cluster and the models -------------------------------------------------------------

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


# ---- bugs -----------------------------------------------------------------------------------

class InternalError(KGError):
    """An unexpected exception: a bug, not a bad input. A build skips the document it
    happened in; the CLI reports it with the exception's type (``KG_DEBUG=1`` shows the
    traceback)."""

    code = "E099"
    template = "{0}"
