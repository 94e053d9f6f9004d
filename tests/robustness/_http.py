"""HTTP helpers of the robustness tests (urllib and raw http.client, as any client)."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request

TOKEN = "robustness-token-5f2c"
ORIGIN = "https://analyst.example"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LABEL_Q = "SELECT ?l WHERE { res:lvliangshi rdfs:label ?l }"
COUNT_Q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"  # the union default graph


class Reply:
    def __init__(self, status, headers, body: bytes, elapsed: float) -> None:
        self.status, self.headers, self.body, self.elapsed = status, headers, body, elapsed

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


def request(srv, path: str, *, params: dict | None = None, data: bytes | str | None = None,
            headers: dict | None = None, method: str | None = None, timeout: float = 60) -> Reply:
    url = srv.url + path + ("?" + urllib.parse.urlencode(params) if params else "")
    if isinstance(data, str):
        data = data.encode("utf-8")
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Reply(resp.status, resp.headers, resp.read(), time.monotonic() - t0)
    except urllib.error.HTTPError as err:
        return Reply(err.code, err.headers, err.read(), time.monotonic() - t0)


def query(srv, text: str, **headers) -> Reply:
    return request(srv, "/sparql", params={"query": text}, headers=headers)


def update(srv, text: str, token: str | None = TOKEN, form: bool = False) -> Reply:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if form:
        return request(srv, "/sparql", data=urllib.parse.urlencode({"update": text}),
                       headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
    return request(srv, "/sparql", data=text, headers={**headers, "Content-Type": "application/sparql-update"})


def quads(srv) -> int:
    return int(query(srv, COUNT_Q).json()["results"]["bindings"][0]["n"]["value"])


def ask(srv, text: str) -> list[bool]:
    """ASK on every worker (several requests: the idle queue hands out workers in turn)."""
    return [query(srv, text).json()["boolean"] for _ in range(4)]


def raw_get(srv, path: str) -> tuple[int, bytes]:
    """GET with the path sent exactly as given (urllib would normalise ``..``)."""
    host, port = urllib.parse.urlsplit(srv.url).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()
