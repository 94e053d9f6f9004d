"""``http(s)://…``: a SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, QLever …).

Endpoints
---------
The URI is the **query** URL. The update URL and the Graph Store Protocol (GSP) URL are
derived from it, or given as query-string options (removed before the URL is used):

=============================================  ==============================  ==========================
query URI                                      update URL                      GSP URL (bulk loads)
=============================================  ==============================  ==========================
``http://h:7878/query`` (Oxigraph server)      ``http://h:7878/update``        ``http://h:7878/store``
``http://h:3030/ds/query`` or ``/ds/sparql``   ``http://h:3030/ds/update``     ``http://h:3030/ds/data``
  (Fuseki)
any other path                                 none (read-only)                none (SPARQL Update used)
=============================================  ==============================  ==========================

Options: ``?update=URL`` (or ``none`` for read-only), ``?gsp=URL`` (or ``none``: bulk loads
then use ``INSERT DATA``), ``?union=kg|server`` (below), ``?timeout=SECONDS`` (default 300).
Example: ``http://127.0.0.1:7878/query?gsp=none``.

Default graph
-------------
``union=kg`` (the default): the store's default graph is kept equal to the set union of the
named graphs by every write ``kg`` makes (:mod:`kg.stores.updates`), and queries read the
plain default graph. Any SPARQL 1.1 server works, with no option, and answers match the
memory store. Do not start Oxigraph with ``--union-default-graph`` for such a store.

``union=server``: the server's default graph already is the union of its named graphs (QLever;
Fuseki with ``tdb2:unionDefaultGraph true``; Oxigraph ``--union-default-graph``, whose union is
a bag: a triple stated by several documents is matched once per document). ``kg`` then never
writes the default graph. Use it for data bulk-loaded by other tools.

Queries are sent by POST (``application/sparql-query``) with the project prefixes prepended
and parameters substituted as terms (:mod:`kg.sparql.text`); results are read as SPARQL
JSON (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.rdf.namespaces import bind_prefixes
from kg.sparql.engine import prepare
from kg.sparql.result import QueryResult
from kg.sparql.text import nt_triple, prologue, substitute
from kg.stores import updates
from kg.stores.base import Store, Triple, restore_datatype, to_terms
from kg.stores.view import SparqlView

__all__ = ["RemoteStore", "endpoints"]

#: Triples per request when a bulk load falls back to ``INSERT DATA``.
BATCH = 20_000


def endpoints(uri: str) -> dict[str, Any]:
    """Query, update and GSP URLs and options of a remote store URI.

    >>> e = endpoints("http://127.0.0.1:7878/query")
    >>> e["query"], e["update"], e["gsp"], e["union"]
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store', 'kg')
    >>> e = endpoints("https://h/ds/sparql?union=server&update=none")
    >>> e["query"], e["update"], e["gsp"], e["union"]
    ('https://h/ds/sparql', None, 'https://h/ds/data', 'server')
    >>> endpoints("http://h/sparql?x=1")["query"], endpoints("http://h/sparql")["update"]
    ('http://h/sparql?x=1', None)
    """
    parts = urllib.parse.urlsplit(uri)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(uri, "not an http(s) SPARQL endpoint URL")
    opts: dict[str, str] = {}
    keep = []
    for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True):
        if k in ("update", "gsp", "union", "timeout"):
            opts[k] = v
        else:
            keep.append((k, v))
    query = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(keep)))
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    update = gsp = None
    if last in ("query", "sparql"):
        base = parts._replace(query="", fragment="")
        if head:  # Fuseki: /dataset/query
            update = urllib.parse.urlunsplit(base._replace(path=f"{head}/update"))
            gsp = urllib.parse.urlunsplit(base._replace(path=f"{head}/data"))
        elif last == "query":  # Oxigraph server: /query /update /store
            update = urllib.parse.urlunsplit(base._replace(path="/update"))
            gsp = urllib.parse.urlunsplit(base._replace(path="/store"))
    if "update" in opts:
        update = None if opts["update"] in ("", "none") else opts["update"]
    if "gsp" in opts:
        gsp = None if opts["gsp"] in ("", "none") else opts["gsp"]
    union = opts.get("union", "kg")
    if union not in ("kg", "server"):
        raise StoreError(uri, f"union must be kg or server, not {union!r}")
    try:
        timeout = float(opts.get("timeout", 300))
    except ValueError:
        raise StoreError(uri, f"timeout must be a number of seconds, not {opts['timeout']!r}") from None
    return {"query": query, "update": update, "gsp": gsp, "union": union, "timeout": timeout}


def _term(b: Mapping[str, Any]) -> Node:
    kind = b.get("type")
    value = b.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind in ("literal", "typed-literal"):
        lang = b.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        dt = b.get("datatype")
        if dt and dt != str(XSD.string):
            return Literal(value, datatype=URIRef(dt))
        return Literal(value)
    if kind == "bnode":
        return BNode(value)
    raise StoreError("remote", f"unsupported term in a result: {b!r}")


class RemoteStore(Store):
    """A SPARQL 1.1 Protocol endpoint (see the module documentation for the URI)."""

    def __init__(self, uri: str, *, read_only: bool = False) -> None:
        self.uri = uri
        e = endpoints(uri)
        self.query_url, self.update_url, self.gsp_url = e["query"], e["update"], e["gsp"]
        self.union, self.timeout = e["union"], e["timeout"]
        self.read_only = read_only or self.update_url is None

    # ---- HTTP ---------------------------------------------------------------------------

    def _request(self, url: str, data: bytes | None, headers: dict[str, str],
                 method: str = "POST") -> tuple[str, bytes]:
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as err:
            body = err.read().decode("utf-8", "replace").strip()
            raise _HTTPFailure(err.code, " ".join(body.split())[:500]) from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise StoreError(self.uri, f"cannot reach {url}: {reason}") from None

    def _update(self, text: str) -> None:
        self._check_writable()
        try:
            self._request(self.update_url, text.encode("utf-8"),
                          {"Content-Type": "application/sparql-update; charset=utf-8"})
        except _HTTPFailure as f:
            raise StoreError(self.uri, f"update refused by {self.update_url} (HTTP {f.status}): {f.body}") from None

    # ---- writing ------------------------------------------------------------------------

    def replace_graph(self, name: URIRef, triples: Iterable[Triple]) -> None:
        self._check_writable()
        if self.union == "kg":
            self._update(updates.replace_graph(name, triples))
            return
        body = "\n".join(nt_triple(*t) for t in triples)
        g = f"<{name}>"
        self._update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")

    def drop_graph(self, name: URIRef) -> bool:
        self._check_writable()
        existed = self._ask(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        if self.union == "kg":
            self._update(updates.drop_graph(name))
        else:
            self._update(f"DROP SILENT GRAPH <{name}>")
        return existed

    def load_dataset(self, ds: Dataset, *, replace: bool = True) -> None:
        """Drop the previous build's graphs in one request, upload every graph (GSP ``PUT``
        when a GSP URL is known, else ``INSERT DATA`` batches), then rebuild the union."""
        self._check_writable()
        drops = [f"DROP SILENT GRAPH <{g}>" for g in (self._managed_graphs() if replace else [])]
        new = [g for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID]
        if any(len(g) for g in ds.graphs() if g.identifier == DATASET_DEFAULT_GRAPH_ID):
            raise StoreError(self.uri, "a build output holds no default-graph triples; put them in a named graph")
        drops += [f"DROP SILENT GRAPH <{g.identifier}>" for g in new]
        if self.union == "kg":
            drops.append(updates.CLEAR_UNION)
        if drops:
            self._update(" ;\n".join(dict.fromkeys(drops)))
        for g in new:
            self._upload(g.identifier, list(g))
        if self.union == "kg":
            self._update(updates.REFRESH_UNION)

    def _upload(self, name: URIRef, triples: list[Triple]) -> None:
        """Add ``triples`` to the (empty) graph ``name``, without touching the union."""
        if not triples:
            return
        if self.gsp_url:
            url = f"{self.gsp_url}?{urllib.parse.urlencode({'graph': str(name)})}"
            body = "".join(nt_triple(*t) + "\n" for t in triples).encode("utf-8")
            try:
                self._request(url, body, {"Content-Type": "application/n-triples"}, method="POST")
                return
            except _HTTPFailure as f:
                raise StoreError(self.uri, f"graph upload refused by {self.gsp_url} "
                                           f"(HTTP {f.status}): {f.body}") from None
        for i in range(0, len(triples), BATCH):
            body = "\n".join(nt_triple(*t) for t in triples[i:i + BATCH])
            self._update(f"INSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}")

    # ---- reading ------------------------------------------------------------------------

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None, *,
              prefixes: Mapping[str, str] | None = None):
        text = substitute(sparql, to_terms(bindings))
        head = prologue() + (prologue(prefixes) if prefixes else "")
        try:
            ctype, body = self._request(
                self.query_url, (head + text).encode("utf-8"),
                {"Content-Type": "application/sparql-query; charset=utf-8",
                 "Accept": "application/sparql-results+json, application/n-triples;q=0.9"})
        except _HTTPFailure as f:
            if f.status == 400:
                prepare(sparql)  # a syntax error: rdflib's line/column message
            raise QueryError(f"the endpoint {self.query_url} refused the query "
                             f"(HTTP {f.status}): {f.body}") from None
        ctype = ctype.split(";")[0].strip().lower()
        if ctype in ("application/n-triples", "text/plain", "text/turtle", "application/n-quads"):
            g = Graph()
            g.parse(data=body.decode("utf-8"), format="turtle" if ctype == "text/turtle" else "nt")
            return QueryResult("CONSTRUCT", ["s", "p", "o"], [{"s": s, "p": p, "o": o} for s, p, o in g])
        try:
            data = json.loads(body)
        except ValueError:
            raise StoreError(self.uri, f"unexpected response ({ctype or 'no content type'}) "
                                       f"from {self.query_url}") from None
        if "boolean" in data:
            return QueryResult("ASK", [], [], bool(data["boolean"]))
        names = list(data.get("head", {}).get("vars", []))
        rows = [{k: _term(v) for k, v in b.items()} for b in data.get("results", {}).get("bindings", [])]
        return QueryResult("SELECT", names, rows)

    def _ask(self, text: str) -> bool:
        return bool(self.query(text).boolean)

    def graph_names(self) -> list[URIRef]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").rows
        return sorted(r["g"] for r in rows if isinstance(r.get("g"), URIRef))

    def triples(self, graph: URIRef) -> list[Triple]:
        rows = self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(graph)}).rows
        return [(r["s"], r["p"], restore_datatype(r["p"], r["o"])) for r in rows]

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return int(rows[0]["n"]) if rows else 0

    def dataset(self) -> Dataset:
        view = Dataset(store=SparqlView(self), default_union=True)
        bind_prefixes(view)
        return view


class _HTTPFailure(Exception):
    def __init__(self, status: int, body: str) -> None:
        super().__init__(status, body)
        self.status, self.body = status, body
