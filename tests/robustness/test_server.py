"""The endpoint's limits over real HTTP (``kg serve`` in subprocesses on loopback ports).

Two servers on a one-document graph: ``plain`` with the defaults (read-only, no CORS), and
``open_`` with ``--allow-update --token T --cors ORIGIN --max-pending 4`` (2 s timeout, 50
rows). What is checked: updates only with the token, and applied to every worker; query size
(413), row limit, timeout (503, the worker replaced), a cap on simultaneous queries (503 at
once), nothing read outside the graph (FROM, SERVICE, LOAD: 403; asset paths that climb out:
404), CORS only when asked for.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import json
import time
import urllib.parse

import pytest

from tests.robustness._http import (CARTESIAN, COUNT_Q, LABEL_Q, ORIGIN, TOKEN, ask, query, quads,
                                   raw_get, request, update)


# ---- updates ------------------------------------------------------------------------------

def test_read_only_by_default_even_with_a_token(plain):
    for form in (False, True):
        r = update(plain, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", form=form)
        assert r.status == 403 and "read-only" in r.text
    assert query(plain, "ASK { <urn:a> ?p ?o }").json()["boolean"] is False
    assert json.loads(request(plain, "/health").text)["updates"] is False


@pytest.mark.parametrize("token", [None, "wrong-token-123", TOKEN + "x", TOKEN[:-1]])
def test_updates_need_the_token(open_, token):
    before = quads(open_)
    r = update(open_, "INSERT DATA { <urn:t> <urn:p> <urn:o> }", token=token)
    assert r.status == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
    r = request(open_, "/sparql", data="INSERT DATA { <urn:t> <urn:p> <urn:o> }",
                headers={"Content-Type": "application/sparql-update", "Authorization": f"Basic {TOKEN}"})
    assert r.status == 401
    assert quads(open_) == before and ask(open_, "ASK { <urn:t> ?p ?o }") == [False] * 4


def test_an_update_with_the_token_reaches_every_worker(open_):
    before = quads(open_)
    r = update(open_, 'INSERT DATA { res:robustness-test rdfs:label "测试实体"@zh }')
    assert r.status == 200 and "(+1)" in r.text, r.text
    assert quads(open_) == before + 1
    assert ask(open_, "ASK { res:robustness-test rdfs:label ?l }") == [True] * 4
    r = update(open_, "DELETE WHERE { res:robustness-test ?p ?o }", form=True)
    assert r.status == 200 and "(-1)" in r.text
    assert quads(open_) == before and ask(open_, "ASK { res:robustness-test ?p ?o }") == [False] * 4


def test_bad_updates_change_nothing(open_):
    before = quads(open_)
    assert update(open_, "INSERT DATA { <urn:a> <urn:b> ").status == 400
    for text in ("LOAD <file:///etc/passwd>", "INSERT { ?s ?p ?o } USING <file:///etc/hosts> WHERE { ?s ?p ?o }",
                 "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"):
        r = update(open_, text)
        assert r.status == 403 and "not allowed" in r.text, (text, r.text)
    # an update in the query parameter stays refused, and says where updates go
    r = query(open_, "DROP ALL")
    assert r.status == 403 and "update=" in r.text
    r = request(open_, "/sparql", params={"update": "DROP ALL"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status == 405
    assert quads(open_) == before


# ---- limits -------------------------------------------------------------------------------------

def post_big(srv, body: str, headers: dict) -> int:
    """POST a large body; the server may answer (413) and close before it is all sent."""
    host, port = urllib.parse.urlsplit(srv.url).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        try:
            conn.request("POST", "/sparql", body=body.encode("utf-8"), headers=headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the answer came early; read it
        return conn.getresponse().status
    finally:
        conn.close()


def test_query_size_limit(open_):
    big = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + "x" * 1_000_001
    assert post_big(open_, big, {"Content-Type": "application/sparql-query"}) == 413
    assert post_big(open_, urllib.parse.urlencode({"query": big}),
                    {"Content-Type": "application/x-www-form-urlencoded"}) == 413
    assert post_big(open_, "INSERT DATA { <urn:a> <urn:b> <urn:c> } #" + "x" * 1_000_001,
                    {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}) == 413
    assert post_big(open_, "x" * 1_000_001, {"Content-Type": "application/sparql-update"}) == 413
    assert query(open_, LABEL_Q + " #" + "x" * 20_000).status == 200  # a long GET is fine


def test_row_limit(open_):
    r = query(open_, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert r.status == 200 and len(r.json()["results"]["bindings"]) == 50
    assert r.headers["X-KG-Result-Truncated"] == "true" and r.headers["X-KG-Result-Limit"] == "50"


def test_timeout_and_the_cap_on_simultaneous_queries(open_):
    """Two runaway queries hold both workers, two more wait: the 4-query cap is reached, so
    further queries get 503 at once; when the runaways are killed, service resumes."""
    with concurrent.futures.ThreadPoolExecutor(12) as ex:
        slow = [ex.submit(query, open_, CARTESIAN) for _ in range(2)]
        time.sleep(0.3)
        waiting = [ex.submit(query, open_, LABEL_Q) for _ in range(2)]
        time.sleep(0.3)
        burst = [f.result() for f in [ex.submit(query, open_, LABEL_Q) for _ in range(6)]]
        for r in burst:
            assert r.status == 503 and r.headers["Retry-After"] == "1", r.text
            assert r.elapsed < 1.0 and "too many queries" in r.text
        for f in slow:
            r = f.result()
            assert r.status == 503 and r.headers["X-KG-Timeout"] == "2" and r.elapsed < 5
        for f in waiting:
            assert f.result().status in (200, 503)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        health = json.loads(request(open_, "/health").text)
        if health["workers"] == 2 and health["pending"] == 0:
            break
        time.sleep(0.2)
    assert health["refused"] >= 6 and health["timeouts"] >= 2
    assert query(open_, LABEL_Q).status == 200


# ---- nothing outside the graph ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <file:///etc/hosts> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "ASK { SERVICE SILENT <http://169.254.169.254/latest/meta-data/> { ?s ?p ?o } }",
])
def test_queries_read_nothing_outside_the_graph(plain, text):
    r = query(plain, text)
    assert r.status == 403 and "not allowed" in r.text
    assert "root:" not in r.text


@pytest.mark.parametrize("path", [
    "/assets/../../etc/passwd", "/assets/..%2F..%2F..%2Fetc%2Fpasswd", "/assets/%2e%2e/%2e%2e/etc/passwd",
    "/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/assets/..%5c..%5cetc%5cpasswd", "/assets/%252e%252e%252fapp.py",
    "/assets/explorer.js/../../app.py", "/assets//etc/passwd", "/assets/%2Fetc%2Fpasswd", "/assets/..",
    "/assets/app.py", "/assets/__init__.py", "/assets/.%2e/app.py", "/..%2f..%2fetc%2fpasswd",
    "/assets/explorer.js%00.py", "/assets/explorer.js;/../app.py",
])
def test_asset_route_does_not_climb_out(plain, path):
    status, body = raw_get(plain, path)
    assert status in (404, 400), (path, status)
    assert b"root:" not in body and b"import" not in body
    assert raw_get(plain, "/assets/explorer.js")[0] == 200


# ---- CORS ---------------------------------------------------------------------------------------

def test_no_cors_by_default(plain):
    r = query(plain, LABEL_Q, Origin=ORIGIN)
    assert r.status == 200 and "Access-Control-Allow-Origin" not in r.headers
    pre = request(plain, "/sparql", method="OPTIONS",
                  headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in pre.headers and pre.status in (404, 405)


def test_cors_when_enabled(open_):
    r = query(open_, LABEL_Q, Origin=ORIGIN)
    assert r.status == 200 and r.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "X-KG-Result-Truncated" in r.headers["Access-Control-Expose-Headers"]
    pre = request(open_, "/sparql", method="OPTIONS",
                  headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                           "Access-Control-Request-Headers": "content-type"})
    assert pre.status == 200 and pre.headers["Access-Control-Allow-Origin"] == ORIGIN
    other = query(open_, LABEL_Q, Origin="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other.headers


def test_serve_refuses_updates_without_a_token(run_kg, graph_file):
    res = run_kg("serve", "--graph", str(graph_file), "--port", "0", "--allow-update", timeout=60)
    assert res.returncode == 2 and "--token" in res.stderr and "Traceback" not in res.stderr
