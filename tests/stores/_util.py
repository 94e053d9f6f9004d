"""Helpers shared by the store tests: named-query cases, row comparison, an Oxigraph server."""

from __future__ import annotations

import contextlib
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path


def named_cases() -> list[tuple[str, dict[str, str]]]:
    """Every named query without parameters (when none is required) and with each of its
    documented examples' ``--param`` values."""
    from kg.query import load_all

    cases = []
    for name, q in sorted(load_all().items()):
        if not any(p.required for p in q.params):
            cases.append((name, {}))
        for ex in q.examples:
            words = shlex.split(ex)
            params = {}
            for i, w in enumerate(words[:-1]):
                if w in ("--param", "-p"):
                    k, _, v = words[i + 1].partition("=")
                    params[k] = v
            if params:
                cases.append((name, params))
    return cases


def _norm(v):
    """A comparable value: numbers by value, GROUP_CONCAT lists as sorted items (SPARQL
    leaves the order of GROUP_CONCAT unspecified, and engines differ)."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float, Decimal)):
        return Decimal(str(v)).normalize()
    s = str(v)
    for sep in ("、", " "):
        if sep in s:
            return sep.join(sorted(s.split(sep)))
    return s


def comparable(records: list[dict]) -> list[tuple]:
    """Rows (plain-value dicts, as ``QueryResult.records()``) as a sorted list of tuples."""
    return sorted(tuple(sorted((k, repr(_norm(v))) for k, v in r.items())) for r in records)


def json_records(sparql_json: dict) -> list[dict]:
    """SPARQL JSON results → plain-value dicts (numbers by value)."""
    out = []
    num = ("integer", "decimal", "nonNegativeInteger", "double", "float", "int", "long")
    for b in sparql_json["results"]["bindings"]:
        row = {}
        for v in sparql_json["head"]["vars"]:
            t = b.get(v)
            if t is None:
                row[v] = None
            elif t.get("datatype", "").rsplit("#", 1)[-1] in num:
                row[v] = Decimal(t["value"])
            else:
                row[v] = t["value"]
        out.append(row)
    return out


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary (pip package ``oxigraph``) beside this Python, or on PATH."""
    here = Path(sys.executable).with_name("oxigraph")
    return str(here) if here.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def oxigraph_server(location: Path, *extra: str):
    """Run ``oxigraph serve`` on a free loopback port; yields the base URL."""
    binary = oxigraph_binary()
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve did not start: {proc.stderr.read().decode()[-500:]}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def canon(term):
    """Decimal literals by value: Oxigraph keeps xsd:decimal values, not their lexical form
    ("21000.0" reads back as "21000"); everything else as is."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        return Literal(format(Decimal(str(term)).normalize(), "f"), datatype=XSD.decimal)
    return term
