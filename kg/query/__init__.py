"""Querying the graph: named SPARQL queries, safe parameter binding, result formats.

* :mod:`kg.query.named` — the ``.rq`` files of ``queries/`` and their header blocks;
* :mod:`kg.query.binding` — ``--param k=v`` and Python values → RDF terms, never text;
* :mod:`kg.query.engine` — parse (line/column errors) and run with pre-bound variables;
* :mod:`kg.query.results` — table, CSV, TSV, SPARQL JSON, records, pandas DataFrame;
* :mod:`kg.query.network` — entity cards and the NetworkX view of the graph;
* :mod:`kg.query.cli_support` — what ``kg query`` and ``kg queries`` call.

Parameters are pre-bound variables: rdflib's ``initBindings`` (pyoxigraph calls them
``substitutions``) bind ``?name`` before evaluation, everywhere in the query including
sub-selects. The shipped queries test optional parameters with ``!BOUND(?param) || …`` and
compare names with ``STR(?label) = STR(?name)``, so a value matches with or without a
language tag.

Writing a named query that stays fast on rdflib
-----------------------------------------------
rdflib joins lazily (feeding bindings from left to right) only when joins are not nested;
otherwise both sides are evaluated on their own and joined by a nested loop. In practice:

* put the required patterns first, contiguous (one ``GRAPH`` block plus one basic graph
  pattern at most), then every further pattern as ``OPTIONAL { … }`` (evaluated per row),
  then the ``FILTER``\\ s and ``BIND``\\ s at the end of the group: a ``FILTER`` between
  triple patterns splits them into separately evaluated blocks;
* a name lookup that should narrow everything else goes first in its own group
  ``{ ?e rdfs:label|skos:altLabel ?n . FILTER(STR(?n) = STR(?name)) }``;
* Oxigraph reorders joins only inside a group: keep the other patterns out of nested
  ``{ … }`` groups, and never test a path such as ``lv:locatedIn*`` inside
  ``FILTER EXISTS`` with its start unbound (Oxigraph then walks it from every node); find
  the named node first and walk the path back from it in a ``SELECT DISTINCT`` sub-query,
  in a ``UNION`` with ``{ FILTER(!BOUND(?param)) }`` when the parameter is optional
  (``events.rq``);
* never join two independent multi-valued ``OPTIONAL``\ s of one entity (its mentions and
  its documents): the rows multiply; take the documents through the mentions (``lookup.rq``);
* avoid sub-selects and ``VALUES`` joined to large patterns; take labels with ``MIN(?l)``
  under the query's ``GROUP BY`` instead (an entity may carry a label in several graphs);
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
from kg.query.engine import QueryResult, execute, prepare
from kg.query.named import NamedQuery, Param, find, get, load_all, names, parse

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
        from kg.query.named import from_file

        return from_file(query)
    q = find(query)
    if q is not None:
        return q
    text = query.strip()
    if _NAME_LIKE.match(text) and "{" not in text:
        p = Path(text).expanduser()
        if p.is_file():
            from kg.query.named import from_file

            return from_file(p)
        if p.suffix in (".rq", ".sparql") or "/" in text or "\\" in text:
            raise InputNotFound(text)
        get(text)  # raises UnknownQuery with suggestions
    return parse(query, "<query>")


def bindings_for(q: NamedQuery, params: Mapping[str, Any] | None, *, from_cli: bool = False):
    """Checked ``{variable: term}`` for running ``q`` with ``params``."""
    from kg.query.binding import bind

    return bind(params, params=q.params or None, query_text=q.text, from_cli=from_cli)


def run(graph: Any, query: str | Path | NamedQuery, params: Mapping[str, Any] | None = None,
        *, from_cli: bool = False) -> QueryResult:
    """Run a named query, a ``.rq`` file or SPARQL text on a KnowledgeGraph (or an rdflib
    Dataset) with parameters bound safely.

    >>> import kg
    >>> g = kg.build(["kg/corpus/003_50ea69b444730b6f.txt"])
    >>> res = run(g, "lookup", {"name": "吕梁"})
    >>> res.records()[0]["label"]
    '吕梁市'
    """
    q = resolve(query)
    bindings = bindings_for(q, params, from_cli=from_cli)
    from kg.stores.base import Store

    store = getattr(graph, "store", None)
    store = getattr(store, "kg_store", store)  # an rdflib view of a kg store
    if isinstance(store, Store):  # oxigraph / remote: the store's own engine, same semantics
        return store.query(q.text, bindings)
    dataset = getattr(graph, "dataset", graph)
    return execute(dataset, q.text, bindings)
