"""A made-up entity type and relation type, seen through to the graph, the named queries and the
page legend.

``lv:Festival`` (节庆) and ``lv:celebratedIn`` (庆祝于) are added the way a contributor adds a
type. In this test that takes two things and no file of the package:

1. the ontology: :data:`FESTIVAL_ONTOLOGY`, added with :func:`kg.types.add_ontology`;
2. one component: :class:`Festivals`, registered with ``register_component`` and named in the
   pipeline the build runs.

The build types the entity with its class and writes the relation; ``class-counts`` (its core
classes come from :mod:`kg.types`), ``entities-in-document`` and ``lookup`` find it; the
entity graph draws the relation as an edge (relation types from :mod:`kg.types`); the page
legend lists both, named by the ontology's labels.

Shipped for good, the files touched, counted honestly:

* the ontology: ``ontology/lvliang.ttl`` (the class and the property with their labels) and
  ``ontology/core.ttl`` (the two lists); ``ontology/shapes.ttl`` too if ``kg validate``
  should check the new entities' labels;
* the component: a new module in ``kg/extract``;
* two other files: ``kg/extract/__init__.py`` (imports the module, which registers it) and
  ``kg/extract/pipeline.py`` (the component in ``DEFAULT_PIPELINE``);
* optionally a third, ``kg/viz/pages.py``, for a colour and glyph of its own in ``STYLES``
  (without one the legend shows the type as a grey dot).

An extension added at run time is not in a build's ontology graph (the build writes
``ontology/lvliang.ttl`` only), so labels here come from :mod:`kg.types`; shipped in
``lvliang.ttl``, they are in the graph as well.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

import kg
from kg.extract.pipeline import COMPONENTS, DEFAULT_PIPELINE, register_component
from kg.rdf.namespaces import LV, RDF, RES
from kg.records import Statement
from kg.types import add_ontology, core_types, relation_types, remove_ontology
from kg.viz import page

FESTIVAL_ONTOLOGY = """
@prefix lv:   <https://w3id.org/lvliang-kg/ontology#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

lv:Festival a owl:Class ;
    rdfs:label "节庆"@zh , "Festival"@en .

lv:celebratedIn a owl:ObjectProperty ;
    rdfs:domain lv:Festival ;
    rdfs:range lv:Place ;
    rdfs:label "庆祝于"@zh , "celebrated in"@en .

<https://w3id.org/lvliang-kg/ontology>
    lv:coreClasses ( lv:Festival ) ;
    lv:entityRelations ( lv:celebratedIn ) .
"""

TEXT = "太原市举办第十届晋祠庙会。\n"


class Festivals:
    """A chosen name ending in 庙会 is a Festival, celebrated in the place named before it."""

    requires = ("mentions",)
    provides = ("mentions", "statements")

    def __call__(self, state) -> None:
        state.mentions = [
            dataclasses.replace(m, core="Festival", cls="Festival", rule="festivals:庙会")
            if m.text.endswith("庙会") else m
            for m in state.mentions
        ]
        for fest in (m for m in state.mentions if m.core == "Festival"):
            sentence = state.doc.sentence_index_at(fest.start)
            places = [m for m in state.mentions if m.core == "Place" and m.end <= fest.start
                      and not m.nested and state.doc.sentence_index_at(m.start) == sentence]
            if places:
                state.statements.append(
                    Statement(fest, "celebratedIn", places[-1], sentence, "festivals:举办", 0.8))


@pytest.fixture
def festival(monkeypatch, tmp_path):
    """The type registered for one test: the ontology extension and the component."""
    monkeypatch.setattr(COMPONENTS, "_factories", dict(COMPONENTS._factories))
    register_component("festivals")(Festivals)
    add_ontology(FESTIVAL_ONTOLOGY)
    path = tmp_path / "festival.txt"
    path.write_text(TEXT, encoding="utf-8")
    pipeline = list(DEFAULT_PIPELINE)
    pipeline.insert(pipeline.index("select") + 1, "festivals")
    yield kg.build([path], pipeline=pipeline)
    remove_ontology(FESTIVAL_ONTOLOGY)


def _legend(html: str) -> dict:
    """The page's legend data: ``KG_DATA.meta``, the JSON the page script reads."""
    start = html.index('"meta": ', html.index("window.KG_DATA")) + len('"meta": ')
    return json.JSONDecoder().raw_decode(html, start)[0]


def test_the_type_is_registered_after_the_shipped_ones(festival):
    assert core_types()[-2:] == ("Event", "Festival")
    assert relation_types()[-1] == "celebratedIn"


def test_the_entity_is_in_the_graph_with_its_class_and_relation(festival):
    fair, taiyuan, doc = RES["dishijiejincimiaohui"], RES["taiyuanshi"], RES["doc/festival"]
    ds = festival.dataset
    assert {str(o) for o in ds.objects(fair, LV.typedBy)} == {"festivals:庙会"}
    assert set(ds.objects(fair, RDF.type)) == {LV.Festival}
    assert (fair, LV.celebratedIn, taiyuan, doc) in ds


def test_the_named_queries_count_and_find_it(festival):
    counts = festival.query("class-counts").records()
    assert {"core": "Festival", "class": "Festival", "entities": 1} in [
        {k: r[k] for k in ("core", "class", "entities")} for r in counts]
    rows = festival.query("entities-in-document", document="festival", type="Festival").records()
    assert [(r["label"], r["class"], r["mentions"]) for r in rows] == [("第十届晋祠庙会", "Festival", 1)]
    found = festival.query("lookup", name="第十届晋祠庙会").records()
    assert [(r["class"], r["documents"]) for r in found] == [("Festival", "festival")]


def test_the_networkx_graph_has_the_type_and_the_relation(festival):
    G = festival.to_networkx(evidence=True)
    node = G.nodes[str(RES["dishijiejincimiaohui"])]
    assert (node["type"], node["cls"], node["cls_label"]) == ("Festival", "Festival", "节庆")
    edge = G.edges[str(RES["dishijiejincimiaohui"]), str(RES["taiyuanshi"]), "celebratedIn"]
    assert (edge["label"], edge["documents"], edge["evidence"]) == ("庆祝于", ["festival"], "太原市举办第十届晋祠庙会。")


def test_the_page_legend_lists_the_type_and_the_relation(festival):
    legend = _legend(page(festival))
    assert legend["type_order"][-2:] == ["Festival", "Document"]
    assert legend["types"]["Festival"]["label"] == "节庆"
    assert legend["types"]["Festival"]["count"] == 1
    assert legend["relations"]["celebratedIn"] | {"color": None} == {
        "label": "庆祝于", "count": 1, "color": None, "dashes": False, "arrows": "to"}


def test_without_the_registration_nothing_of_it_remains(festival):
    remove_ontology(FESTIVAL_ONTOLOGY)
    assert "Festival" not in core_types() and "celebratedIn" not in relation_types()
    counts = festival.query("class-counts").records()
    assert all(r["core"] != "Festival" for r in counts)
