"""The rdflib engine wrapper: parsing (cached per text), errors, evaluation with bindings."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.errors import QueryError
from kg.sparql.engine import execute, prepare

TEXT = "SELECT ?e WHERE { ?e rdfs:label ?name }"


@pytest.fixture()
def ds():
    d = Dataset(default_union=True)
    g = d.graph(URIRef("urn:doc"))
    g.add((URIRef("urn:a"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("兴县", lang="zh")))
    g.add((URIRef("urn:b"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("临县", lang="zh")))
    return d


def test_one_parsed_query_serves_different_bindings(ds):
    assert prepare(TEXT) is prepare(TEXT)
    first = execute(ds, TEXT, {"name": Literal("兴县", lang="zh")}).records()
    second = execute(ds, TEXT, {"name": Literal("临县", lang="zh")}).records()
    assert first == [{"e": "urn:a"}] and second == [{"e": "urn:b"}]
    assert execute(ds, TEXT, {"name": Literal("兴县", lang="zh")}).records() == first


def test_a_syntax_error_is_raised_every_time():
    for _ in range(2):
        with pytest.raises(QueryError, match="line 1"):
            prepare("SELECT ?x WHERE { ?x a }")
