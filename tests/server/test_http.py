"""The SPARQL endpoint over real HTTP: ``kg serve`` in a subprocess on a free loopback port.

One server for the module (2 workers, 2 s timeout, 50-row limit); every request goes
through the socket with urllib, as any SPARQL client would.
"""

from __future__ import annotations

import concurrent.futures
import csv
import io
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from rdflib import Graph

from kg.server.process import ServerProcess

TIMEOUT = 2.0
MAX_ROWS = 50
LABEL_Q = "SELECT ?l WHERE { res:lvliangshi rdfs:label ?l }"
# a 4-way cartesian product over all triples, counted: nothing is returned before the end
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(built_trig):
    with ServerProcess(built_trig, timeout=TIMEOUT, max_rows=MAX_ROWS, workers=2) as srv:
        yield srv


class Reply:
    def __init__(self, status: int, headers, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def ctype(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip()


def request(server, path: str, *, params: dict | None = None, data: bytes | str | None = None,
            headers: dict | None = None, method: str | None = None, timeout: float = 60) -> Reply:
    url = server.url + path + ("?" + urllib.parse.urlencode(params) if params else "")
    if isinstance(data, str):
        data = data.encode("utf-8")
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Reply(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as err:
        return Reply(err.code, err.headers, err.read())


def get(server, query: str, accept: str | None = None, **extra) -> Reply:
    return request(server, "/sparql", params={"query": query, **extra}, headers={"Accept": accept} if accept else {})


def post_form(server, query: str, accept: str | None = None) -> Reply:
    return request(server, "/sparql", data=urllib.parse.urlencode({"query": query}),
                   headers={"Content-Type": "application/x-www-form-urlencoded", **({"Accept": accept} if accept else {})})


def post_direct(server, query: str, accept: str | None = None) -> Reply:
    return request(server, "/sparql", data=query,
                   headers={"Content-Type": "application/sparql-query", **({"Accept": accept} if accept else {})})


# ---- content negotiation ------------------------------------------------------------

@pytest.mark.parametrize("send", [get, post_form, post_direct], ids=["GET", "POST-form", "POST-query"])
def test_select_json_default(server, send):
    r = send(server, LABEL_Q)
    assert r.status == 200
    assert r.ctype == "application/sparql-results+json"
    doc = json.loads(r.text)
    assert doc["head"]["vars"] == ["l"]
    assert doc["results"]["bindings"] == [{"l": {"type": "literal", "value": "吕梁市", "xml:lang": "zh"}}]
    assert r.headers["X-KG-Result-Truncated"] == "false"
    assert r.headers["X-KG-Result-Limit"] == str(MAX_ROWS)


@pytest.mark.parametrize("send", [get, post_form, post_direct], ids=["GET", "POST-form", "POST-query"])
def test_select_xml(server, send):
    r = send(server, LABEL_Q, "application/sparql-results+xml")
    assert r.status == 200 and r.ctype == "application/sparql-results+xml"
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(r.body)
    lit = root.find("s:results/s:result/s:binding/s:literal", ns)
    assert lit.text == "吕梁市" and lit.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"


def test_select_csv_and_tsv(server):
    r = get(server, LABEL_Q, "text/csv")
    assert r.status == 200 and r.ctype == "text/csv"
    assert list(csv.reader(io.StringIO(r.text))) == [["l"], ["吕梁市"]]
    assert r.text.endswith("\r\n")
    r = post_form(server, LABEL_Q, "text/tab-separated-values")
    assert r.status == 200 and r.ctype == "text/tab-separated-values"
    assert r.text.splitlines() == ["?l", '"吕梁市"@zh']


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.mark.parametrize("accept", [None, "*/*", BROWSER, "text/turtle"],
                         ids=["no-accept", "any", "browser", "no-result-type"])
@pytest.mark.parametrize("fmt,ctype", [("json", "application/sparql-results+json"),
                                       ("xml", "application/sparql-results+xml"),
                                       ("csv", "text/csv"), ("tsv", "text/tab-separated-values")])
def test_format_parameter_decides_when_accept_picks_no_type(server, accept, fmt, ctype):
    r = get(server, LABEL_Q, accept, format=fmt)
    assert r.status == 200 and r.ctype == ctype and "吕梁市" in r.text


@pytest.mark.parametrize("accept,fmt,ctype", [
    ("text/csv", "json", "text/csv"),
    ("application/sparql-results+json", "csv", "application/sparql-results+json"),
    ("text/tab-separated-values;q=0.9, text/csv;q=0.5", "xml", "text/tab-separated-values"),
    ("application/sparql-results+xml, */*;q=0.1", "json", "application/sparql-results+xml"),
])
def test_an_explicit_accept_decides_over_the_format_parameter(server, accept, fmt, ctype):
    r = get(server, LABEL_Q, accept, format=fmt)
    assert r.status == 200 and r.ctype == ctype and "吕梁市" in r.text


def test_an_explicit_accept_decides_for_graph_results_too(server):
    r = get(server, CONSTRUCT, "application/n-triples", format="jsonld")
    assert r.status == 200 and r.ctype == "application/n-triples"
    r = get(server, CONSTRUCT, BROWSER, format="jsonld")
    assert r.status == 200 and r.ctype == "application/ld+json"


def test_a_browser_without_format_gets_what_its_accept_lists(server):
    r = get(server, LABEL_Q, BROWSER)  # application/xml;q=0.9 is the first result type it names
    assert r.status == 200 and r.ctype == "application/sparql-results+xml"


def test_accept_quality_values(server):
    r = get(server, LABEL_Q, "application/sparql-results+json;q=0.5, text/csv")
    assert r.ctype == "text/csv"
    assert get(server, LABEL_Q, "*/*").ctype == "application/sparql-results+json"


def test_ask_json_and_xml(server):
    q = "ASK { res:lvliangshi a lv:City }"
    assert json.loads(get(server, q).text) == {"head": {}, "boolean": True}
    root = ET.fromstring(get(server, q, "application/sparql-results+xml").body)
    assert root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


CONSTRUCT = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e lv:locatedIn res:xingxian ; rdfs:label ?l }"


@pytest.mark.parametrize("accept,ctype,fmt", [("text/turtle", "text/turtle", "turtle"),
                                              ("application/ld+json", "application/ld+json", "json-ld"),
                                              ("application/n-triples", "application/n-triples", "nt"),
                                              (None, "text/turtle", "turtle")])
def test_construct_formats(server, accept, ctype, fmt):
    r = post_direct(server, CONSTRUCT, accept)
    assert r.status == 200 and r.ctype == ctype
    g = Graph().parse(data=r.text, format=fmt)
    labels = {str(o) for o in g.objects()}
    assert len(g) >= 1 and "蔡家崖村" in labels


def test_describe_is_a_graph(server):
    r = get(server, "DESCRIBE res:lvliangshi", format="jsonld")
    assert r.status == 200 and r.ctype == "application/ld+json"
    assert len(Graph().parse(data=r.text, format="json-ld")) > 0


def test_not_acceptable(server):
    r = get(server, CONSTRUCT, "text/csv")
    assert r.status == 406 and "text/turtle" in r.text
    assert get(server, LABEL_Q, "image/png").status == 406


# ---- errors --------------------------------------------------------------------------

def test_malformed_query_is_400_with_the_parser_message(server):
    r = get(server, "SELECT ?x WHERE {\n  ?x a \n")
    assert r.status == 400
    assert "malformed SPARQL query" in r.text and re.search(r"line \d+, column \d+", r.text)
    r = post_direct(server, "SELECT ?x WHERE { ?x nope:thing ?y }")
    assert r.status == 400 and "unknown prefix 'nope:'" in r.text


def test_missing_or_bad_requests(server):
    # GET without a query is the service description (tests/server/test_clients.py); a POST
    # without one is a bad request
    described = request(server, "/sparql")
    assert described.status == 200 and described.ctype == "text/turtle"
    r = request(server, "/sparql", data="", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 400 and "missing query" in r.text
    r = request(server, "/sparql", data="x", headers={"Content-Type": "text/plain"})
    assert r.status == 415
    r = request(server, "/sparql", params={"query": LABEL_Q, "default-graph-uri": "urn:x"})
    assert r.status == 400


@pytest.mark.parametrize("how", ["update-param", "update-body", "update-as-query", "insert-as-query"])
def test_updates_are_forbidden(server, how):
    if how == "update-param":
        r = request(server, "/sparql", data=urllib.parse.urlencode({"update": "DROP ALL"}),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update-body":
        r = request(server, "/sparql", data="DROP ALL", headers={"Content-Type": "application/sparql-update"})
    elif how == "update-as-query":
        r = get(server, "DROP ALL")
    else:
        r = post_form(server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert r.status == 403 and "read-only" in r.text
    # nothing changed
    assert json.loads(get(server, "ASK { <urn:a> ?p ?o }").text)["boolean"] is False


# ---- limits -------------------------------------------------------------------------

def test_row_limit_is_applied_and_announced(server):
    r = get(server, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert r.status == 200
    assert len(json.loads(r.text)["results"]["bindings"]) == MAX_ROWS
    assert r.headers["X-KG-Result-Truncated"] == "true"
    assert r.headers["X-KG-Result-Rows"] == str(MAX_ROWS)
    r = get(server, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}")
    assert r.headers["X-KG-Result-Truncated"] == "false"
    r = get(server, "CONSTRUCT { ?s rdfs:label ?o } WHERE { ?s rdfs:label ?o }", format="nt")
    assert r.status == 200, r.text
    assert r.headers["X-KG-Result-Truncated"] == "true" and len(r.text.strip().splitlines()) == MAX_ROWS


def test_timeout_kills_the_query_and_the_server_recovers(server):
    t0 = time.monotonic()
    r = get(server, CARTESIAN)
    elapsed = time.monotonic() - t0
    assert r.status == 503 and "timed out" in r.text
    assert r.headers["X-KG-Timeout"] == f"{TIMEOUT:g}"
    assert elapsed < TIMEOUT + 3
    # the other worker answers at once; then the killed one is replaced
    assert get(server, LABEL_Q).status == 200
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        health = json.loads(request(server, "/health").text)
        if health["workers"] == 2:
            break
        time.sleep(0.2)
    assert health["workers"] == 2 and health["restarts"] >= 1 and health["timeouts"] >= 1


def test_a_slow_query_does_not_block_others(server):
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        slow = ex.submit(get, server, CARTESIAN)
        time.sleep(0.3)
        t0 = time.monotonic()
        fast = get(server, LABEL_Q)
        fast_time = time.monotonic() - t0
        assert fast.status == 200 and fast_time < TIMEOUT
        assert slow.result().status == 503


# ---- named queries and the explorer ------------------------------------------------

def test_named_queries_listed_and_run_with_bound_parameters(server):
    qs = json.loads(request(server, "/queries").text)
    names = {q["name"] for q in qs}
    assert {"lookup", "partners", "most-mentioned"} <= names
    lookup = next(q for q in qs if q["name"] == "lookup")
    assert [p["name"] for p in lookup["params"]] == ["name"] and "SELECT" in lookup["text"]
    r = request(server, "/queries/lookup/run", params={"name": "吕梁", "format": "csv"})
    assert r.status == 200 and "吕梁市" in r.text
    # a value is a literal, never query text
    r = request(server, "/queries/lookup/run", params={"name": '吕梁市" } ; DROP ALL ; #'})
    assert r.status == 200 and json.loads(r.text)["results"]["bindings"] == []
    assert request(server, "/queries/nope").status == 404
    assert request(server, "/queries/lookup/run", params={"bogus": "1"}).status == 400


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("src", "href", "srcset", "action", "data", "poster") and v:
                self.refs.append(v)


def test_explorer_page_uses_local_assets_only(server):
    r = request(server, "/")
    assert r.status == 200 and r.ctype == "text/html"
    assert "default-src 'self'" in r.headers["Content-Security-Policy"]
    p = _Refs()
    p.feed(r.text)
    assert p.refs, "the page loads its scripts and styles"
    for ref in p.refs:
        assert not re.match(r"^(https?:)?//", ref), ref
        a = request(server, ref)
        assert a.status == 200, ref
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", a.text), ref
        assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", a.text), ref
    assert "vis-network.min.js" in " ".join(p.refs) and "boxes.js" in " ".join(p.refs)
    assert request(server, "/assets/../app.py").status == 404
    assert request(server, "/assets/secret.py").status == 404


def test_types_for_the_explorer_legend(server):
    from kg.viz.pages import STYLES

    r = request(server, "/types")
    assert r.status == 200
    types = json.loads(r.text)
    assert [t["type"] for t in types] == ["Place", "Institution", "Program", "Memorial", "Project", "Person",
                                          "Event", "Document"]
    assert [t["label"] for t in types] == ["地点", "机构", "举措", "纪念地", "项目", "人物", "事件", "文档"]
    assert all(t["color"] == STYLES[t["type"]]["color"] and t["iri"].endswith("#" + t["type"]) for t in types)


def test_foreign_host_header_is_refused(server):
    """DNS rebinding: a page served as evil.example and resolved to 127.0.0.1 cannot read."""
    r = get(server, LABEL_Q)
    assert r.status == 200
    req = urllib.request.Request(server.url + "/health", headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=10)
    assert e.value.code == 400
