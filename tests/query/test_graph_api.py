"""KnowledgeGraph.run / .df / .entity / .to_networkx."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.errors import ParameterError, QueryError, UnknownQuery

INJECTION = '吕梁市" } ; DROP ALL ; #'


def test_run_returns_plain_rows_with_defaults(kg5):
    rows = kg5.run("located-in")  # default place: 吕梁市
    assert rows and isinstance(rows, list) and isinstance(rows[0], dict)
    assert set(rows[0]) == {"entity", "label", "class", "via", "viaLabel"}
    assert all(isinstance(r["label"], str) for r in rows)
    assert "兴县" in {r["label"] for r in rows}
    top = kg5.run("most-mentioned", type="Place")
    assert top[0]["label"] == "吕梁市" and isinstance(top[0]["mentions"], int)


def test_run_binds_values_safely(kg5, mini):
    before = len(kg5)
    assert kg5.run("lookup", name=INJECTION) == []
    assert kg5.run("memorials-by-county", county=INJECTION) == []
    assert len(kg5) == before
    with pytest.raises(ParameterError):
        kg5.run("lookup", nmae="吕梁")
    with pytest.raises(ParameterError):
        kg5.run("lookup")
    with pytest.raises(UnknownQuery):
        kg5.run("no-such-query")
    with pytest.raises(QueryError):
        kg5.run("SELECT ?x WHERE { ?x")


def test_run_accepts_python_values(mini):
    assert len(mini.run("projects", min_investment=Decimal("1e9"))) == 1
    assert mini.run("projects", min_investment=3_000_000_000) == []
    assert len(mini.run("co-mentions", min_sentences=1)) >= 1
    rows = mini.run("program-figures", name="吕梁山护工")
    assert sorted(r["value"] for r in rows) == [Decimal("64000"), Decimal("70000")]


def test_dataframes(kg5, mini):
    pd = pytest.importorskip("pandas")
    df = kg5.df("admin-hierarchy", within="吕梁市")
    assert isinstance(df, pd.DataFrame)
    assert df.loc[df.label == "吕梁市", "adcode"].item() == "141100000000"
    assert df.lon.dropna().between(110, 113).all()
    same = kg5.run("admin-hierarchy", as_dataframe=True, within="吕梁市")
    assert same.equals(df)
    figs = mini.df("program-figures")
    assert figs.value.dtype.kind == "f" and set(figs.value) == {64000.0, 70000.0}
    adhoc = mini.df("SELECT ?l WHERE { ?e a lv:County ; rdfs:label ?l }")
    assert list(adhoc.l) == ["兴县"]


def test_entity_by_alias(kg5):
    e = kg5.entity("吕梁")
    assert e["iri"] == "https://w3id.org/lvliang-kg/resource/lvliangshi"
    assert (e["label"], e["class"], e["type"]) == ("吕梁市", "City", "Place")
    assert "吕梁" in e["aliases"] and "吕梁市" not in e["aliases"]
    assert len(e["documents"]) == 5 and e["mentions"] > 100
    assert kg5.entity("吕梁市")["iri"] == e["iri"]
    m = kg5.entity("晋绥边区革命纪念馆")
    assert (m["class"], m["type"]) == ("MemorialHall", "Memorial")
    assert "000_03dcd241c001a0f4" in m["documents"]
    assert kg5.entity("没有这个地方") is None
    assert kg5.entity(INJECTION) is None


def test_entity_on_the_fixture(mini):
    e = mini.entity("吕梁市人社局")
    assert e["label"] == "吕梁市人力资源和社会保障局"
    assert e["aliases"] == ["吕梁市人社局"]
    assert (e["class"], e["type"], e["documents"], e["mentions"]) == ("GovernmentBody", "Institution", ["900_mini_a"], 1)


def test_to_networkx_on_the_fixture(mini):
    nx = pytest.importorskip("networkx")
    G = mini.to_networkx()
    assert isinstance(G, nx.MultiDiGraph)
    city = G.nodes["https://w3id.org/lvliang-kg/resource/lvliangshi"]
    assert {k: city[k] for k in ("label", "type", "cls", "aliases", "mentions", "documents")} == {
        "label": "吕梁市", "type": "Place", "cls": "City", "aliases": ["吕梁"], "mentions": 3,
        "documents": ["900_mini_a"]}
    rels = {(G.nodes[u]["label"], d["relation"], G.nodes[v]["label"]): d for u, v, d in G.edges(data=True)}
    assert rels[("孙大军", "heldPosition", "中共吕梁市委")]["roles"] == ["市委书记"]
    assert rels[("吕梁市", "partnerOf", "太原理工大学")]["documents"] == ["900_mini_a"]
    assert rels[("吕梁山护工", "operatedBy", "吕梁市人力资源和社会保障局")]
    assert rels[("护理护工就业服务中心", "renamedTo", "吕梁山护工服务中心")]
    assert rels[("吕梁山护工推介会", "heldAt", "吕梁市")]
    assert rels[("兴县", "locatedIn", "吕梁市")]["documents"] == ["reference"]
    assert rels[("晋绥边区革命纪念馆", "locatedIn", "兴县")]["documents"] == ["901_mini_b", "reference"]
    # documents, observations, positions and statements are not entities
    assert all(d["type"] in {"Place", "Institution", "Program", "Memorial", "Project", "Person", "Event"}
               for _, d in G.nodes(data=True))
    assert mini.to_networkx(include_isolated=False).number_of_nodes() < G.number_of_nodes() or \
        all(G.degree(n) for n in G)


def test_to_networkx_on_the_build(kg5):
    nx = pytest.importorskip("networkx")
    G = kg5.to_networkx()
    assert G.number_of_nodes() > 100 and G.number_of_edges() > 50
    lv = "https://w3id.org/lvliang-kg/resource/lvliangshi"
    assert G.nodes[lv]["label"] == "吕梁市" and G.nodes[lv]["mentions"] > 100
    assert G.has_edge("https://w3id.org/lvliang-kg/resource/xingxian", lv, key="locatedIn")
    central = nx.degree_centrality(nx.Graph(G))
    assert max(central, key=central.get) == lv


def test_one_to_networkx_with_evidence_on_request(kg5):
    import kg.viz

    assert not hasattr(kg.viz, "to_networkx")  # one conversion: KnowledgeGraph.to_networkx
    plain, rich = kg5.to_networkx(), kg5.to_networkx(evidence=True)
    assert set(rich.nodes) >= set(plain.nodes)
    node = "https://w3id.org/lvliang-kg/resource/lvliangshi"
    assert "cls_label" not in plain.nodes[node] and rich.nodes[node]["cls_label"] == "地级市"
    docs = kg5.to_networkx(documents=True)
    assert any(a.get("type") == "Document" for _, a in docs.nodes(data=True))
