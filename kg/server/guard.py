"""Nothing outside the served graph: what a SPARQL query or update may not reach.

``FROM``/``FROM NAMED`` (rdflib would parse the IRI: a local file, a URL), ``SERVICE`` (an
HTTP request to any host, from either engine) and, in updates, ``LOAD`` and ``USING`` are
refused (403) before evaluation: :func:`external_access` reads rdflib's algebra,
:func:`external_words` the text another engine may parse; :func:`is_update` tells an
update sent to the read-only query endpoint.

Examples
--------
>>> external_words("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
'FROM / FROM NAMED'
>>> is_update("INSERT DATA { <urn:a> <urn:b> <urn:c> }"), is_update("SELECT * WHERE { ?s ?p ?o }")
(True, False)
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["external_access", "external_words", "is_update"]


def is_update(text: str) -> bool:
    """True when ``text`` parses as SPARQL Update (INSERT, DELETE, LOAD, DROP, …)."""
    try:
        from rdflib.plugins.sparql.parser import parseUpdate

        parseUpdate(text)
        return True
    except Exception:  # noqa: BLE001 - not an update either
        return False


_QUOTED = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*")
_EXTERNAL_WORD = re.compile(r"(?<![\w:?$])(SERVICE|FROM|LOAD|USING)(?![\w:-])", re.IGNORECASE)
_EXTERNAL_NAMES = {"SERVICE": "SERVICE (federated query)", "FROM": "FROM / FROM NAMED",
                   "LOAD": "LOAD", "USING": "USING / USING NAMED"}


def external_access(parsed: Any) -> str | None:
    """What in a parsed query or update (rdflib algebra) reads outside the served graph:
    ``FROM``/``FROM NAMED``/``USING`` (rdflib parses the IRI: a local file, a URL),
    ``SERVICE`` (an HTTP request), ``LOAD``; None when nothing does.

    >>> from kg.sparql.engine import prepare
    >>> external_access(prepare("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }").algebra)
    'FROM / FROM NAMED'
    >>> external_access(prepare("SELECT * WHERE { SERVICE <http://h/> { ?s ?p ?o } }").algebra)
    'SERVICE (federated query)'
    >>> external_access(prepare("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").algebra) is None
    True
    """
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [parsed]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return _EXTERNAL_NAMES["SERVICE"]
            if node.name == "Load":
                return _EXTERNAL_NAMES["LOAD"]
            # (CompValue.get returns the key itself for a missing key: ask the dict)
            if dict.get(node, "datasetClause"):
                return _EXTERNAL_NAMES["FROM"]
            if dict.get(node, "using"):
                return _EXTERNAL_NAMES["USING"]
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
    return None


def external_words(text: str) -> str | None:
    """:func:`external_access` for text rdflib cannot parse (another engine may): the
    keywords outside strings, IRIs and comments.

    >>> external_words('SELECT * WHERE { ?s lv:service "FROM" ; <urn:service> ?from }') is None
    True
    >>> external_words("select * where { service <http://h/> { ?s ?p ?o } }")
    'SERVICE (federated query)'
    """
    m = _EXTERNAL_WORD.search(_QUOTED.sub(" ", text))
    return _EXTERNAL_NAMES[m.group(1).upper()] if m else None
