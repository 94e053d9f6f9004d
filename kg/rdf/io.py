"""Reading and writing build outputs: format by extension, sorted, atomic.

Output is deterministic: graphs in IRI order, subjects and predicates sorted inside each
graph (no blank nodes are ever written), N-Quads lines sorted. Files are written to a
temporary file beside the target and renamed over it, so an interrupted build leaves the
previous output intact.

Examples
--------
>>> format_for("out.trig"), format_for("x.nq"), format_for("g.jsonld")
('trig', 'nquads', 'json-ld')
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.serializers.nquads import _nq_row
from rdflib.plugins.serializers.nt import _nt_row

from kg.errors import InputNotFound, UnknownFormat
from kg.rdf.namespaces import PREFIXES, bind_prefixes

__all__ = ["FORMATS", "format_for", "serialize", "write_atomic", "save", "load_dataset"]

#: File extension → rdflib format name.
FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".jsonld": "json-ld",
           ".json": "json-ld", ".nt": "nt"}


def format_for(path: str | os.PathLike) -> str:
    """rdflib format name for a file name, by extension."""
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise UnknownFormat(str(path), ", ".join(sorted(FORMATS)))
    return FORMATS[ext]


def _named_graphs(ds: Dataset) -> list[Graph]:
    graphs = [g for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)]
    return sorted(graphs, key=lambda g: str(g.identifier))


def _turtle_body(g: Graph) -> str:
    tmp = Graph()
    bind_prefixes(tmp)
    for t in g:
        tmp.add(t)
    text = tmp.serialize(format="turtle")
    return "\n".join(ln for ln in text.splitlines() if not ln.startswith("@prefix")).strip()


def _prefix_block() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"


def serialize(ds: Dataset, fmt: str) -> str:
    """Deterministic serialisation of a Dataset in ``fmt``."""
    if fmt == "nquads":
        lines = set()
        for g in _named_graphs(ds):
            for t in g:
                lines.add(_nq_row(t, g.identifier).rstrip("\n"))
        return "\n".join(sorted(lines)) + "\n"
    if fmt == "trig":
        parts = [_prefix_block()]
        for g in _named_graphs(ds):
            body = "\n".join("    " + ln if ln else "" for ln in _turtle_body(g).splitlines())
            parts.append(f"{g.identifier.n3()} {{\n{body}\n}}\n\n")
        return "".join(parts).rstrip() + "\n"
    if fmt in ("turtle", "nt"):
        merged = Graph()
        bind_prefixes(merged)
        for g in _named_graphs(ds):
            for t in g:
                merged.add(t)
        if fmt == "nt":
            return "\n".join(sorted(_nt_row(t).rstrip("\n") for t in merged)) + "\n"
        return _prefix_block() + _turtle_body(merged) + "\n"
    if fmt == "json-ld":
        doc = []
        for g in _named_graphs(ds):
            nodes = json.loads(_graph_jsonld(g))
            nodes = sorted(nodes, key=lambda n: n.get("@id", ""))
            doc.append({"@id": str(g.identifier), "@graph": nodes})
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    raise UnknownFormat(fmt, ", ".join(sorted(set(FORMATS.values()))))


def _graph_jsonld(g: Graph) -> str:
    tmp = Graph()
    for t in g:
        tmp.add(t)
    data = json.loads(tmp.serialize(format="json-ld"))
    for node in data:
        for key, values in node.items():
            if isinstance(values, list):
                node[key] = sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return json.dumps(data, ensure_ascii=False)


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def save(ds: Dataset, path: str | os.PathLike) -> None:
    """Serialise ``ds`` by the extension of ``path`` and write it atomically."""
    write_atomic(path, serialize(ds, format_for(path)))


def load_dataset(path: str | os.PathLike) -> Dataset:
    """Parse a build output into an rdflib Dataset (format by extension)."""
    path = Path(path)
    if not path.is_file():
        raise InputNotFound(str(path))
    fmt = format_for(path)
    ds = Dataset()
    bind_prefixes(ds)
    if fmt in ("turtle", "nt"):
        # A triples-only file has lost its named graphs: its triples land in the default graph.
        ds.default_graph.parse(path, format=fmt)
    else:
        ds.parse(path, format=fmt)
    return ds
