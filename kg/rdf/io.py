"""Reading and writing build outputs: format by extension, sorted, atomic.

Output is deterministic (the same dataset gives the same bytes, whatever
``PYTHONHASHSEED``): graphs in IRI order, subjects, predicates and objects sorted inside
each graph, N-Quads lines sorted, prefixes declared once in sorted order. No blank nodes
are written by the builder (the ontology's are skolemised), so no label can vary. Files are
written to a temporary file beside the target and renamed over it, so an interrupted build
leaves the previous output intact.

Formats: ``.trig`` and ``.nq`` (and ``.jsonld``) keep the named graphs; ``.ttl`` and
``.nt`` hold triples only, so every graph is merged into one.

Examples
--------
>>> format_for("out.trig"), format_for("x.nq"), format_for("g.jsonld")
('trig', 'nquads', 'json-ld')
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
import warnings
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager, split_uri
from rdflib.plugins.serializers.nquads import _nq_row
from rdflib.plugins.serializers.nt import _nt_row

from kg.errors import DecodeError, FileAccessError, GraphsWouldMerge, InputNotFound, UnknownFormat
from kg.rdf.namespaces import bind_prefixes

__all__ = ["FORMATS", "GRAPHLESS", "check_keeps_graphs", "format_for", "serialize", "write_atomic", "remove_stale_temporaries", "save", "write_text",
           "load_dataset"]

#: File extension → rdflib format name.
FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".jsonld": "json-ld",
           ".json": "json-ld", ".nt": "nt"}

_PREFIX_LINE = re.compile(r"^@prefix (\S*): <([^>]*)> \.$")


def format_for(path: str | os.PathLike) -> str:
    """rdflib format name for a file name, by extension.

    >>> format_for("out.xyz")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownFormat: out.xyz: unknown RDF format; use one of .json, .jsonld, .nq, .nt, .trig, .ttl
    """
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise UnknownFormat(str(path), ", ".join(sorted(FORMATS)))
    return FORMATS[ext]


def _graphs(ds: Dataset) -> list[Graph]:
    """Non-empty graphs: the default graph first (if it holds triples), then by IRI."""
    named, default = [], []
    for g in ds.graphs():
        if not len(g):
            continue
        (default if g.identifier == DATASET_DEFAULT_GRAPH_ID else named).append(g)
    return default + sorted(named, key=lambda g: str(g.identifier))


class _PrefixTable(NamespaceManager):
    """A NamespaceManager that refuses at once an IRI no bound prefix can abbreviate.

    rdflib's ``compute_qname`` inserts the namespace of every IRI it is asked about into a
    trie, bound or not, and scans a node's children linearly. Mention IRIs
    (``doc#char=B,E``) each have their own "namespace" under ``res:``, so serialising a
    document would take time quadratic in its mentions. When
    no prefix may be generated, an IRI gets a prefix only if a bound namespace lies between
    its split point and its end; when none does, the answer is "no prefix" and the trie is
    left alone. Every other call goes to rdflib unchanged.
    """

    _bound: tuple[str, ...] | None = None

    def bind(self, *args, **kwargs):  # noqa: ANN002, ANN003 - rdflib's signature
        self._bound = None
        return super().bind(*args, **kwargs)

    def compute_qname(self, uri: str, generate: bool = True):
        if not generate:
            if self._bound is None:
                self._bound = tuple(str(ns) for _, ns in self.namespaces() if str(ns))
            text = str(uri)
            try:
                split, _ = split_uri(text)
            except ValueError:
                split = None
            if split is not None and not any(b.startswith(split) and text.startswith(b) for b in self._bound):
                raise KeyError(f"no bound prefix for {text}")
        return super().compute_qname(uri, generate)


def _namespaces(graphs: list[Graph]) -> NamespaceManager:
    """One prefix table for a whole output, so every graph body uses the same prefixes.

    The project prefixes are bound first; a namespace the project does not know gets a
    generated prefix (``ns1`` …) in sorted order of the predicates that need one, so the
    numbering does not depend on iteration order.
    """
    holder = Graph(bind_namespaces="none")
    holder.namespace_manager = _PrefixTable(holder, bind_namespaces="none")
    bind_prefixes(holder)
    nm = holder.namespace_manager
    preds = sorted({p for g in graphs for p in g.predicates(unique=True) if isinstance(p, URIRef)})
    for p in preds:
        try:
            nm.compute_qname(p, generate=True)
        except Exception:  # noqa: BLE001 - an IRI that cannot be split stays in <…>
            pass
    return nm


def _turtle(g: Graph, nm: NamespaceManager) -> tuple[str, dict[str, str]]:
    """Turtle of ``g`` without its ``@prefix`` lines, and the prefixes it used."""
    tmp = Graph(bind_namespaces="none")
    tmp.namespace_manager = nm
    for t in g:
        tmp.add(t)
    lines = tmp.serialize(format="turtle").splitlines()
    used: dict[str, str] = {}
    i = 0  # only the leading block: a literal may hold a line that looks like @prefix
    while i < len(lines) and (not lines[i].strip() or _PREFIX_LINE.match(lines[i])):
        m = _PREFIX_LINE.match(lines[i])
        if m:
            used[m.group(1)] = m.group(2)
        i += 1
    return "\n".join(lines[i:]).strip(), used


def _prefix_block(used: dict[str, str]) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(used.items())) + "\n"


def _merge_prefixes(into: dict[str, str], used: dict[str, str]) -> None:
    for p, ns in used.items():
        if into.setdefault(p, ns) != ns:  # cannot happen with one shared prefix table
            raise RuntimeError(f"prefix {p!r} bound to both {into[p]} and {ns}")


def serialize(ds: Dataset, fmt: str) -> str:
    """Deterministic serialisation of a Dataset in ``fmt`` (an rdflib format name)."""
    graphs = _graphs(ds)
    if fmt == "nquads":
        lines = set()
        for g in graphs:
            for t in g:
                lines.add(_nq_row(t, g.identifier).rstrip("\n"))
        return "".join(ln + "\n" for ln in sorted(lines))
    if fmt == "trig":
        nm = _namespaces(graphs)
        used: dict[str, str] = {}
        parts = []
        for g in graphs:
            text, u = _turtle(g, nm)
            _merge_prefixes(used, u)
            # Not indented: a line break may be inside a multi-line literal ("""…""").
            name = "" if g.identifier == DATASET_DEFAULT_GRAPH_ID else g.identifier.n3() + " "
            parts.append(f"{name}{{\n{text}\n}}\n")
        return _prefix_block(used) + "\n".join(parts)
    if fmt in ("turtle", "nt"):
        merged = Graph(bind_namespaces="none")
        for g in graphs:
            for t in g:
                merged.add(t)
        if fmt == "nt":
            return "".join(ln + "\n" for ln in sorted({_nt_row(t).rstrip("\n") for t in merged}))
        text, used = _turtle(merged, _namespaces([merged]))
        return _prefix_block(used) + text + "\n"
    if fmt == "json-ld":
        doc = []
        for g in graphs:
            nodes = sorted(_graph_jsonld(g), key=lambda n: n.get("@id", ""))
            if g.identifier == DATASET_DEFAULT_GRAPH_ID:
                doc.extend(nodes)
            else:
                doc.append({"@id": str(g.identifier), "@graph": nodes})
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    raise UnknownFormat(fmt, ", ".join(sorted(FORMATS)))


def _graph_jsonld(g: Graph) -> list[dict]:
    tmp = Graph(bind_namespaces="none")
    for t in g:
        tmp.add(t)
    data = json.loads(tmp.serialize(format="json-ld"))
    for node in data:
        for key, values in node.items():
            if isinstance(values, list):
                node[key] = sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return data


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: When this process started using this module: temporary files older than this, of a
#: writer whose process id is not in their name, cannot be this process's.
_STARTED = time.time()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or cannot tell: leave its file alone
    return True


def remove_stale_temporaries(path: str | os.PathLike) -> list[Path]:
    """Remove the temporary files a killed writer of ``path`` left beside it.

    :func:`write_atomic` names its temporary file ``.{name}.{pid}.{random}.tmp``. A process
    killed with SIGKILL while writing cannot remove it; the next write does: a file whose
    writer process is gone, or (a name without a process id) one older than this process.
    A temporary file of a live writer is never touched. Returns the files removed.
    """
    path = Path(path)
    # mkstemp's random part: 8 characters of [a-z0-9_]
    own = re.compile(rf"\.{re.escape(path.name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.tmp")
    removed = []
    try:
        candidates = list(path.parent.iterdir())
    except OSError:
        return removed
    for p in candidates:
        m = own.fullmatch(p.name)
        if m is None:
            continue
        try:
            if m.group(1) is not None:
                pid = int(m.group(1))
                if pid == os.getpid() or _pid_alive(pid):
                    continue
            elif p.stat().st_mtime >= _STARTED:
                continue
            p.unlink()
            removed.append(p)
        except OSError:  # gone already, or not ours to remove
            continue
    return removed


def write_atomic(path: str | os.PathLike, text: str | Iterable[str]) -> None:
    """Write ``text`` (UTF-8; a string or an iterable of string pieces) to ``path``
    through a temporary file and a rename.

    The temporary file ``.{name}.{pid}.{random}.tmp`` lives beside ``path`` (same file
    system, so the rename is atomic) and is removed if anything goes wrong; ``path`` then
    keeps its previous content. A process killed outright (SIGKILL, power loss) cannot
    remove it: the next write does (:func:`remove_stale_temporaries`). The new file gets the
    permissions of the file it replaces, or the umask's.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            if isinstance(text, str):
                fh.write(text)
            else:
                for piece in text:
                    fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


#: Formats without named graphs: writing several graphs to them merges the graphs.
GRAPHLESS = ("turtle", "nt")


def check_keeps_graphs(path: str | os.PathLike, graphs: int, *, merge_graphs: bool = False) -> None:
    """Refuse to write ``graphs`` named graphs to a format without graphs (``.ttl``,
    ``.nt``) unless ``merge_graphs``: the graph names are the provenance of every fact.

    >>> check_keeps_graphs("x.ttl", 1), check_keeps_graphs("x.ttl", 6, merge_graphs=True)
    (None, None)
    >>> check_keeps_graphs("x.ttl", 6)
    Traceback (most recent call last):
    ...
    kg.errors.GraphsWouldMerge: x.ttl: Turtle has no named graphs, so the named graphs of the build ...
    """
    fmt = format_for(path)
    if fmt in GRAPHLESS and graphs > 1 and not merge_graphs:
        raise GraphsWouldMerge(str(path), {"turtle": "Turtle", "nt": "N-Triples"}[fmt], graphs)


def save(ds: Dataset, path: str | os.PathLike, *, merge_graphs: bool = False) -> None:
    """Serialise ``ds`` by the extension of ``path`` and write it atomically.

    Raises
    ------
    kg.errors.UnknownFormat
        The extension is not one of :data:`FORMATS` (nothing is written).
    kg.errors.GraphsWouldMerge
        ``.ttl``/``.nt`` of several named graphs without ``merge_graphs`` (nothing is written).
    kg.errors.FileAccessError
        The file or its directory cannot be written (the previous file is left as it was).
    """
    check_keeps_graphs(path, len(_graphs(ds)), merge_graphs=merge_graphs)
    write_text(path, serialize(ds, format_for(path)))


def write_text(path: str | os.PathLike, text: str | Iterable[str]) -> None:
    """:func:`write_atomic`, with errors as :class:`~kg.errors.FileAccessError`."""
    try:
        write_atomic(path, text)
    except OSError as err:
        raise FileAccessError(str(path), "write", err.strerror or err) from None


def load_dataset(path: str | os.PathLike) -> Dataset:
    """Parse a build output into an rdflib Dataset (format by extension).

    A ``.ttl``/``.nt`` file holds no graph names: its triples land in the default graph.

    Raises
    ------
    kg.errors.InputNotFound
        ``path`` is not a file.
    kg.errors.UnknownFormat
        The extension is not one of :data:`FORMATS`.
    kg.errors.DecodeError
        The file is not valid RDF in the format its extension names.
    kg.errors.FileAccessError
        The file cannot be read.
    """
    path = Path(path)
    fmt = format_for(path)
    if not path.is_file():
        raise InputNotFound(str(path))
    ds = Dataset()
    bind_prefixes(ds)
    try:
        with warnings.catch_warnings():
            # rdflib's own parsers use its deprecated ConjunctiveGraph API internally
            warnings.simplefilter("ignore", DeprecationWarning)
            if fmt in ("turtle", "nt"):
                ds.default_graph.parse(path, format=fmt)
            else:
                ds.parse(path, format=fmt)
    except OSError as err:
        raise FileAccessError(str(path), "read", err.strerror or err) from None
    except Exception as err:  # noqa: BLE001 - parsers raise many types; show one line
        msg = " ".join(str(err).split())
        raise DecodeError(str(path), f"not valid {fmt}: {msg[:300]}") from None
    return ds
