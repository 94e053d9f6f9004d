"""kg.query.evidence: the entity graph with class labels and the sentences behind it."""

from __future__ import annotations

import pytest

from kg.query.evidence import evidence_graph

LVLIANG = "https://w3id.org/lvliang-kg/resource/lvliangshi"


@pytest.fixture(scope="module")
def G(kg5):
    return evidence_graph(kg5, documents=True)


def test_nodes_carry_class_label_evidence_and_source(G):
    node = G.nodes[LVLIANG]
    assert (node["type"], node["cls"], node["cls_label"], node["source"]) == ("Place", "City", "地级市", "extracted")
    assert "吕梁" in node["evidence"]
    # a province only the reference gazetteer holds (a parent of a place the articles name)
    assert G.nodes["https://w3id.org/lvliang-kg/resource/hebeisheng"]["source"] == "reference"


def test_edges_carry_the_relation_label_and_a_sentence(G):
    located = [a for _, v, k, a in G.edges(keys=True, data=True) if k == "locatedIn" and v == LVLIANG]
    assert located and all(a["label"] == "位于" for a in located)
    assert any(a["evidence"] for a in located)
    assert G.graph["relations"]["operatedBy"] == "运营主体"


def test_documents_are_nodes_named_by_the_ontology(G):
    docs = [a for _, a in G.nodes(data=True) if a["type"] == "Document"]
    assert len(docs) == 5 and {a["cls_label"] for a in docs} == {"文档"}
    assert len(G.graph["documents"]) == 5
    assert any(k == "mentionedIn" and a["label"] == "提及于" for _, _, k, a in G.edges(keys=True, data=True))
