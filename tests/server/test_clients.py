"""Real SPARQL clients with their default settings against ``kg serve`` on 127.0.0.1.

SPARQLWrapper asks for SPARQL XML (SELECT, ASK) and RDF/XML (CONSTRUCT, DESCRIBE) by
default and sends ``format=``/``output=`` values of its own; rdflib's ``SPARQLStore`` asks
for the media types of its XML parsers. Every query form, by GET and by POST, must work.
"""

from __future__ import annotations

import urllib.request

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from kg.server.process import ServerProcess

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

RES = Namespace("https://w3id.org/lvliang-kg/resource/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SH = Namespace("http://www.w3.org/ns/shacl#")
PREFIXES = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX lv: <https://w3id.org/lvliang-kg/ontology#>\n")
SELECT = PREFIXES + "SELECT ?l WHERE { <%s> rdfs:label ?l }" % RES.lvliangshi
ASK = PREFIXES + "ASK { <%s> a lv:City }" % RES.lvliangshi
CONSTRUCT = PREFIXES + "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e lv:locatedIn <%s> ; rdfs:label ?l }" % RES.xingxian
DESCRIBE = "DESCRIBE <%s>" % RES.lvliangshi


@pytest.fixture(scope="module")
def endpoint(built_trig):
    with ServerProcess(built_trig, timeout=20, workers=1) as srv:
        yield srv.url + "/sparql"


def _check_select(rows):
    assert [str(r[0]) for r in rows] == ["吕梁市"]


def _check_graph(g: Graph, label: str):
    assert len(g) >= 1 and label in {str(o) for o in g.objects()}


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_defaults(endpoint, method):
    from SPARQLWrapper import POST, SPARQLWrapper as Wrapper

    def run(q):
        w = Wrapper(endpoint)  # default return format: XML, conneg and format= both sent
        if method == "POST":
            w.setMethod(POST)
        w.setQuery(q)
        return w.query().convert()

    doc = run(SELECT)  # a DOM of SPARQL XML results
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == ["吕梁市"]
    doc = run(ASK)
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "true"
    g = run(CONSTRUCT)  # RDF/XML parsed into an rdflib Graph
    assert isinstance(g, Graph)
    _check_graph(g, "蔡家崖村")
    g = run(DESCRIBE)
    _check_graph(g, "吕梁市")


@pytest.mark.parametrize("fmt", ["json", "turtle", "n3", "json-ld"])
def test_sparqlwrapper_other_return_formats(endpoint, fmt):
    from SPARQLWrapper import SPARQLWrapper as Wrapper

    w = Wrapper(endpoint, returnFormat=fmt)
    w.setQuery(CONSTRUCT if fmt != "json" else SELECT)
    out = w.query().convert()
    if fmt == "json":
        assert [b["l"]["value"] for b in out["results"]["bindings"]] == ["吕梁市"]
    else:
        g = out if isinstance(out, Graph) else Graph().parse(data=out, format="json-ld" if fmt == "json-ld" else "turtle")
        _check_graph(g, "蔡家崖村")


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore_defaults(endpoint, method):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(endpoint) if method == "GET" else SPARQLStore(endpoint, method=method)
    g = Graph(store=store)
    _check_select(list(g.query(SELECT)))
    assert g.query(ASK).askAnswer is True
    _check_graph(g.query(CONSTRUCT).graph, "蔡家崖村")
    _check_graph(g.query(DESCRIBE).graph, "吕梁市")
    # the triples API goes through SELECT too
    assert (RES.lvliangshi, URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal("吕梁市", lang="zh")) in g


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                                        (None, "turtle")])
def test_service_description(endpoint, accept, fmt):
    req = urllib.request.Request(endpoint, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(req, timeout=30) as resp:
        body = resp.read()
    g = Graph().parse(data=body, format=fmt)
    (svc,) = g.subjects(SD.endpoint, URIRef(endpoint))
    assert (svc, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (svc, SD.feature, SD.UnionDefaultGraph) in g
    declared = {str(g.value(d, SH.prefix)): str(g.value(d, SH.namespace)) for d in g.objects(svc, SH.declare)}
    assert declared["lv"] == "https://w3id.org/lvliang-kg/ontology#"
    assert declared["res"] == str(RES)


def test_sparqlwrapper_reads_the_service_description_prefixes_by_use(endpoint):
    # a predeclared prefix the description names works in a client's query as is
    from SPARQLWrapper import JSON, SPARQLWrapper as Wrapper

    w = Wrapper(endpoint, returnFormat=JSON)
    w.setQuery("SELECT ?l WHERE { res:lvliangshi rdfs:label ?l }")
    assert [b["l"]["value"] for b in w.query().convert()["results"]["bindings"]] == ["吕梁市"]
