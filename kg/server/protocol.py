"""SPARQL 1.1 Protocol details: reading a request's query, content negotiation, result bodies.

Result formats by ``Accept``, as the SPARQL 1.1 Protocol has it: an explicit ``Accept``
header that names a type of this query form decides. A ``format`` parameter (``output``
too) is for clients that cannot set the header — browsers, which send ``text/html`` first
— so it applies only when ``Accept`` picks no type: the header is absent, only ``*/*``, a
browser's (``text/html`` or ``application/xhtml+xml`` first), or names no type of this
form. The first ``format`` value that names a format of the query form is taken, any other
is ignored (clients such as SPARQLWrapper send several, some of them media types, some of
them names no endpoint knows, like ``n3``). ``xml`` and ``json`` mean RDF/XML and JSON-LD
for graph results.

=========================  ==================================================  ============
query form                 media type                                          ``format=``
=========================  ==================================================  ============
SELECT, ASK                ``application/sparql-results+json`` (default)       ``json``
SELECT, ASK                ``application/sparql-results+xml``                  ``xml``
SELECT, ASK                ``text/csv``                                        ``csv``
SELECT, ASK                ``text/tab-separated-values``                       ``tsv``
CONSTRUCT, DESCRIBE        ``text/turtle`` (default)                           ``turtle``
CONSTRUCT, DESCRIBE        ``application/ld+json``                             ``jsonld``
CONSTRUCT, DESCRIBE        ``application/n-triples``                           ``nt``
CONSTRUCT, DESCRIBE        ``application/rdf+xml``                             ``rdfxml``
=========================  ==================================================  ============

``application/json`` means SPARQL JSON for SELECT/ASK and JSON-LD for graphs,
``application/xml`` SPARQL XML and RDF/XML; N3 types get Turtle (Turtle is N3); ``*/*`` or no
``Accept`` gives the default. A request that accepts none of them gets 406.

``GET /sparql`` without a query answers with the SPARQL 1.1 Service Description of the
endpoint (:func:`service_description`), as RDF in the negotiated graph format.

Examples
--------
>>> negotiate("SELECT", "text/csv;q=0.5, application/sparql-results+xml")
'xml'
>>> negotiate("CONSTRUCT", "application/json"), negotiate("ASK", None)
('json-ld', 'json')
>>> negotiate("SELECT", "text/turtle") is None
True
>>> negotiate("SELECT", "text/csv", "json")  # an explicit Accept decides
'csv'
>>> negotiate("SELECT", None, "csv"), negotiate("SELECT", "*/*", "csv")  # format= when it does not
('csv', 'csv')
>>> negotiate("SELECT", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "csv")
'csv'
>>> negotiate("SELECT", "text/turtle", "tsv")  # Accept names no result type: format= decides
'tsv'
>>> negotiate("CONSTRUCT", "application/rdf+xml"), negotiate("CONSTRUCT", "text/turtle", ["n3", "xml"])
('rdf-xml', 'turtle')
>>> negotiate("CONSTRUCT", "text/turtle,text/n3", ["n3"])  # an unknown format= is ignored
'turtle'
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.query.results import to_json, to_tsv
from kg.rdf.namespaces import PREFIXES, bind_prefixes
from kg.sparql.result import QueryResult

__all__ = ["RESULT_TYPES", "GRAPH_TYPES", "FORMAT_ALIASES", "MEDIA_TYPES", "negotiate", "render",
           "to_xml", "parse_accept", "service_description", "render_graph"]

#: media type → format, for SELECT and ASK results
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
#: media type → format, for CONSTRUCT and DESCRIBE results
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/ld+json": "json-ld",
    "application/json": "json-ld", "application/n-triples": "nt", "text/plain": "nt",
    "application/rdf+xml": "rdf-xml", "application/xml": "rdf-xml", "text/xml": "rdf-xml",
    "application/turtle": "turtle", "text/n3": "turtle", "text/rdf+n3": "turtle",
    "application/n3": "turtle", "application/x-json+ld": "json-ld",
}
#: ``format=`` values
FORMAT_ALIASES = {
    "json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
    "turtle": "turtle", "ttl": "turtle", "jsonld": "json-ld", "json-ld": "json-ld", "nt": "nt",
    "ntriples": "nt", "n-triples": "nt", "rdfxml": "rdf-xml", "rdf-xml": "rdf-xml",
    "rdf+xml": "rdf-xml",
}
#: format → Content-Type of the response
MEDIA_TYPES = {
    "json": "application/sparql-results+json; charset=utf-8",
    "xml": "application/sparql-results+xml; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "json-ld": "application/ld+json; charset=utf-8",
    "nt": "application/n-triples; charset=utf-8",
    "rdf-xml": "application/rdf+xml; charset=utf-8",
}
_DEFAULT = {"SELECT": "json", "ASK": "json", "CONSTRUCT": "turtle", "DESCRIBE": "turtle"}
_RESULT_FORMATS = {"json", "xml", "csv", "tsv"}
_GRAPH_FORMATS = {"turtle", "json-ld", "nt", "rdf-xml"}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an ``Accept`` header, best first (q, then specificity, then order).

    >>> parse_accept("text/*;q=0.3, text/csv, */*;q=0.1")
    [('text/csv', 1.0), ('text/*', 0.3), ('*/*', 0.1)]
    """
    items = []
    for i, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        mt = fields[0].lower()
        if not mt:
            continue
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(v)))
                except ValueError:
                    q = 0.0
        specificity = 0 if mt == "*/*" else (1 if mt.endswith("/*") else 2)
        items.append((-q, -specificity, i, mt, q))
    return [(mt, q) for *_, mt, q in sorted(items) if q > 0]


#: Media types a browser lists first in ``Accept``: such a header asks for a page, not for a
#: result format, so it leaves the choice to ``format=``.
BROWSER_TYPES = ("text/html", "application/xhtml+xml")


def negotiate(form: str, accept: str | None, fmt: str | list[str] | None = None) -> str | None:
    """The result format for a query form, an ``Accept`` header and the ``format``
    parameter values; None when nothing acceptable is available (→ 406)."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    table = GRAPH_TYPES if graph else RESULT_TYPES
    ranges = parse_accept(accept)
    explicit = [r for r in ranges if r[0] != "*/*"]
    if explicit and ranges[0][0] not in BROWSER_TYPES:
        picked = _from_accept(explicit, table)
        if picked is not None:
            return picked
    picked = _from_format(fmt, table, _GRAPH_FORMATS if graph else _RESULT_FORMATS, graph=graph)
    if picked is not None:
        return picked
    if not ranges or ranges[0][0] == "*/*":
        return _DEFAULT[form]
    for mt, _q in ranges:
        if mt == "*/*":
            return _DEFAULT[form]
        picked = _from_accept([(mt, _q)], table)
        if picked is not None:
            return picked
    return None


def _from_accept(ranges: list[tuple[str, float]], table: dict[str, str]) -> str | None:
    """The format of the best media range that names one (``type/*`` included)."""
    for mt, _q in ranges:
        if mt in table:
            return table[mt]
        if mt.endswith("/*") and mt != "*/*":
            main = mt[:-1]
            for cand, f in table.items():
                if cand.startswith(main):
                    return f
    return None


def _from_format(fmt: str | list[str] | None, table: dict[str, str], allowed: set[str], *,
                 graph: bool) -> str | None:
    """The first ``format=`` value that names a format of the query form."""
    for value in [fmt] if isinstance(fmt, str) else (fmt or []):
        key = value.strip().lower()
        f = FORMAT_ALIASES.get(key) or table.get(key)
        if graph and f in ("json", "xml"):
            f = {"json": "json-ld", "xml": "rdf-xml"}[f]
        if f in allowed:
            return f
    return None


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(s: str) -> str:
    return escape(_XML_BAD.sub("\ufffd", s))


def _xml_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{_xml_text(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{_xml_text(str(term))}</bnode>"
    attrs = ""
    if isinstance(term, Literal):
        if term.language:
            attrs = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype and term.datatype != XSD.string:
            attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{_xml_text(str(term))}</literal>"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML.

    >>> from rdflib import Literal
    >>> print(to_xml(QueryResult("SELECT", ["l"], [{"l": Literal("吕梁<市>", lang="zh")}])))
    <?xml version="1.0" encoding="utf-8"?>
    <sparql xmlns="http://www.w3.org/2005/sparql-results#">
      <head><variable name="l"/></head>
      <results>
        <result><binding name="l"><literal xml:lang="zh">吕梁&lt;市&gt;</literal></binding></result>
      </results>
    </sparql>
    """
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.type == "ASK":
        out += ["  <head/>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out.append("  <head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.vars) + "</head>")
    out.append("  <results>")
    for row in result.rows:
        cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                        for v in result.vars if row.get(v) is not None)
        out.append(f"    <result>{cells}</result>")
    out += ["  </results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results with the CRLF line ends the format prescribes."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.type == "ASK":
        w.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return buf.getvalue()
    w.writerow(result.vars)
    for row in result.rows:
        w.writerow(["" if row.get(v) is None else (f"_:{row[v]}" if isinstance(row[v], BNode) else str(row[v]))
                    for v in result.vars])
    return buf.getvalue()


def _graph(result: QueryResult) -> Graph:
    g = Graph(bind_namespaces="none")
    bind_prefixes(g)
    for r in result.rows:
        g.add((r["s"], r["p"], r["o"]))
    return g


def render(result: QueryResult, fmt: str) -> str:
    """The response body of ``result`` in ``fmt`` (a value of :data:`FORMAT_ALIASES`)."""
    if fmt == "json":
        return to_json(result, indent=None)
    if fmt == "xml":
        return to_xml(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt in ("turtle", "json-ld", "nt", "rdf-xml"):
        text = _graph(result).serialize(format={"nt": "nt11", "rdf-xml": "xml"}.get(fmt, fmt))
        return text if isinstance(text, str) else text.decode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


def render_graph(g: Graph, fmt: str) -> str:
    """An rdflib Graph in a graph format of :data:`GRAPH_TYPES` (``turtle``, ``rdf-xml`` …)."""
    text = g.serialize(format={"nt": "nt11", "rdf-xml": "xml"}.get(fmt, fmt))
    return text if isinstance(text, str) else text.decode("utf-8")


def service_description(endpoint: str) -> Graph:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``: the languages and
    result formats it supports, that its default graph is the union of the named graphs,
    and the prefixes every query may use without declaring them (as SHACL prefix
    declarations, ``sh:declare``, the W3C vocabulary for them).

    >>> g = service_description("http://127.0.0.1:8000/sparql")
    >>> from rdflib import URIRef
    >>> SD = "http://www.w3.org/ns/sparql-service-description#"
    >>> (None, URIRef(SD + "endpoint"), URIRef("http://127.0.0.1:8000/sparql")) in g
    True
    >>> sorted(str(o) for o in g.objects(None, URIRef("http://www.w3.org/ns/shacl#prefix")))[:3]
    ['dcterms', 'foaf', 'geo']
    """
    from rdflib import RDF, RDFS, Namespace

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    sh = Namespace("http://www.w3.org/ns/shacl#")
    fmt = Namespace("http://www.w3.org/ns/formats/")
    g = Graph(bind_namespaces="none")
    bind_prefixes(g)
    g.bind("sd", sd)
    g.bind("sh", sh)
    g.bind("formats", fmt)
    svc = URIRef(endpoint + "#service")
    g.add((svc, RDF.type, sd.Service))
    g.add((svc, sd.endpoint, URIRef(endpoint)))
    g.add((svc, sd.supportedLanguage, sd.SPARQL11Query))
    g.add((svc, sd.feature, sd.UnionDefaultGraph))
    g.add((svc, RDFS.label, Literal("lvliang-kg SPARQL endpoint (kg serve)", lang="en")))
    g.add((svc, RDFS.comment, Literal(
        "Read-only SPARQL 1.1 Query endpoint. The default graph is the union of the named graphs "
        "(one per document, plus the ontology and reference graphs); GRAPH ?g { } selects one. "
        "The prefixes declared with sh:declare are predeclared: queries may use them without "
        "PREFIX lines. FROM, FROM NAMED and SERVICE are refused.", lang="en")))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                 "SPARQL_Results_TSV", "Turtle", "JSON-LD", "N-Triples", "RDF_XML"):
        g.add((svc, sd.resultFormat, fmt[name]))
    dataset = URIRef(endpoint + "#dataset")
    g.add((svc, sd.defaultDataset, dataset))
    g.add((dataset, RDF.type, sd.Dataset))
    for prefix, ns in sorted(PREFIXES.items()):
        decl = URIRef(f"{endpoint}#prefix-{prefix}")
        g.add((svc, sh.declare, decl))
        g.add((decl, sh.prefix, Literal(prefix)))
        g.add((decl, sh.namespace, Literal(str(ns), datatype=XSD.anyURI)))
    return g
