"""Querying the graph: named SPARQL queries, safe parameter binding, result formats.

* :mod:`kg.query.named` — the ``.rq`` files of ``queries/`` and their header blocks;
* :mod:`kg.query.binding` — ``--param k=v`` and Python values → pre-bound variables, never text;
* :mod:`kg.query.results` — table, CSV, TSV, SPARQL JSON;
* :mod:`kg.query.network` — entity cards and the NetworkX view of the graph;
* :mod:`kg.cli.query_support` — what ``kg query`` and ``kg queries`` call.

Parameters are pre-bound variables: rdflib's ``initBindings`` bind ``?name`` before
evaluation, everywhere in the query including sub-selects; Oxigraph and remote endpoints get
the term substituted into the text (:mod:`kg.sparql.text`). Optional parameters are tested
with ``!BOUND(?param) || …``. A name parameter is declared ``label``: it is bound as a
``@zh`` literal, the tag of every label in the graph, so the query matches it as a term.

Writing a named query that stays fast on rdflib and on Oxigraph
----------------------------------------------------------------
rdflib joins lazily (feeding bindings from left to right) only when joins are not nested;
otherwise both sides are evaluated on their own and joined by a nested loop. Oxigraph
reorders the joins of a group greedily by estimated size, starting from the smallest pattern,
and looks a further pattern up per row only when it is a single pattern (or a path, or an
``OPTIONAL`` of one); anything else — a group of several patterns, a sub-select — it
evaluates whole and hash-joins. ``queries/`` follows these rules (what each saved on the
1M-quad benchmark graph is in ``benchmarks/README.md``):

* look a name up as a term: ``?e rdfs:label|skos:altLabel ?name`` with a ``label``
  parameter. ``FILTER(STR(?l) = STR(?name))`` gives Oxigraph no size, so it starts from
  the other patterns and tests every label of every row;
* an optional name: ``BIND(?name AS ?given) ?e rdfs:label|skos:altLabel ?given .`` at
  the top of the query — bound, it is a lookup; unbound, ``?given`` matches every name
  and ``?name`` stays unbound for ``!BOUND(?name)`` tests;
* put the required patterns first, contiguous (one ``GRAPH`` block plus one basic graph
  pattern at most), then every further pattern as ``OPTIONAL { … }``, then the
  ``FILTER``\\ s and ``BIND``\\ s at the end of the group: a ``FILTER`` between triple
  patterns splits them into separately evaluated blocks in rdflib;
* an ``OPTIONAL`` of two or more patterns goes outside ``GRAPH`` blocks, or becomes
  nested ``OPTIONAL``\\ s of one pattern each; inside ``GRAPH ?g`` Oxigraph evaluates it
  over the whole store;
* test a class or a path once per entity, not once per row: count in a sub-select, then
  ``FILTER EXISTS { ?e a/rdfs:subClassOf* ?type }``;
  never test ``lv:locatedIn*`` inside ``FILTER EXISTS`` with its start unbound; find the
  named node first and walk the path back from it (``events.rq``);
* pairs of large sets (conflicting-figures): look each side's details up first, then make
  the pairs with one join on all shared keys (a sub-select makes Oxigraph hash-join);
* never join two independent multi-valued ``OPTIONAL``\\ s of one entity (its mentions and
  its aliases' documents): the rows multiply; take the documents through the mentions
  (``lookup.rq``);
* break ties in ``ORDER BY`` (``?entity`` last) so output is the same on every store, but
  mind the cost: Oxigraph reads IRIs and long strings from disk at every comparison of a
  sort. One computed key compares in memory: ``ORDER BY (CONCAT(STR(?a), "\\t", STR(?b)))``
  sorts as ``?a ?b`` do, faster on Oxigraph for a little more work in rdflib; made by a
  ``BIND`` in a sub-select it costs rdflib more, so only mentions keeps one. An IRI
  tie-breaker still costs Oxigraph a read per comparison;
* write ``GROUP_CONCAT(DISTINCT COALESCE(?x, ""))`` when ``?x`` may be unbound (rdflib
  raises on an unbound value under DISTINCT).

Examples
--------
>>> q = resolve("lookup")
>>> q.name, [p.name for p in q.params]
('lookup', ['name'])
>>> resolve("SELECT * WHERE { ?s ?p ?o } LIMIT 1").name
'<query>'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kg.errors import InputNotFound
from kg.query.binding import bind
from kg.query.named import NamedQuery, Param, find, from_file, get, load_all, names, parse
from kg.sparql import QueryResult, execute, prepare
from kg.stores.base import Store

__all__ = ["NamedQuery", "Param", "QueryResult", "execute", "prepare", "get", "names",
           "load_all", "resolve", "run"]

_NAME_LIKE = re.compile(r"^[\w.\-/\\:~]+$")


def resolve(query: str | Path | NamedQuery) -> NamedQuery:
    """QUERY_OR_FILE_OR_NAME → a :class:`NamedQuery`: a shipped query's name, else an
    existing file, else SPARQL text (its header comments, if any, declare parameters).

    A single word that is neither a name nor a file is reported as an unknown query (with
    close names), not as a SPARQL syntax error.
    """
    if isinstance(query, NamedQuery):
        return query
    if isinstance(query, Path):
        return from_file(query)
    q = find(query)
    if q is not None:
        return q
    text = query.strip()
    if _NAME_LIKE.match(text) and "{" not in text:
        p = Path(text).expanduser()
        if p.is_file():
            return from_file(p)
        if p.suffix in (".rq", ".sparql") or "/" in text or "\\" in text:
            raise InputNotFound(text)
        get(text)  # raises UnknownQuery with suggestions
    return parse(query, "<query>")


def bindings_for(q: NamedQuery, params: Mapping[str, Any] | None, *, from_cli: bool = False):
    """Checked ``{variable: term}`` for running ``q`` with ``params``."""
    return bind(params, params=q.params or None, query_text=q.text, from_cli=from_cli)


def run(graph: Any, query: str | Path | NamedQuery, params: Mapping[str, Any] | None = None,
        *, from_cli: bool = False) -> QueryResult:
    """Run a named query, a ``.rq`` file or SPARQL text on a KnowledgeGraph (on its
    store, :attr:`kg.KnowledgeGraph.store`), a store or an rdflib Dataset, with parameters
    bound safely.

    >>> import kg
    >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
    >>> res = run(g, "lookup", {"name": "吕梁"})
    >>> res.records()[0]["label"]
    '吕梁市'
    """
    q = resolve(query)
    bindings = bindings_for(q, params, from_cli=from_cli)
    backend = graph.query_backend() if hasattr(graph, "query_backend") else graph
    store = getattr(backend, "store", None)
    store = getattr(store, "kg_store", store)  # an rdflib view of a kg store
    if isinstance(store, Store):
        backend = store
    if isinstance(backend, Store):  # Oxigraph / remote: the store's own engine, same semantics
        return backend.query(q.text, bindings)
    return execute(backend, q.text, bindings)
