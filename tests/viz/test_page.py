"""Offline graph pages: no external URLs, vis-network embedded, UTF-8, Chinese labels,
views and the ego cut select what they should, large graphs come pre-laid-out."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

import kg.viz
from kg.errors import UnknownDocument, UnknownEntity, UnknownType, UnknownView
from kg.viz import views
from kg.viz import page_graph
from kg.viz.network import find_node
from kg.viz.pages import LARGE, external_urls, render


@pytest.fixture(scope="module")
def G(built_graph):
    return page_graph(built_graph, documents=True)


@pytest.fixture(scope="module")
def all_html(G):
    return render(views.select(G, view="all"), title="吕梁知识图谱")


def page_data(html: str) -> dict:
    """The ``window.KG_DATA`` object a page embeds (valid JSON)."""
    start = html.index("window.KG_DATA = ") + len("window.KG_DATA = ")
    end = html.index(";\n</script>", start)
    return json.loads(html[start:end])


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, str, str]] = []
        self.scripts_with_src = 0
        self.meta_charset = None

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            self.attrs.append((tag, k, v or ""))
            if tag == "script" and k == "src":
                self.scripts_with_src += 1
            if tag == "meta" and k == "charset":
                self.meta_charset = v


def test_no_external_urls_of_any_kind(G):
    for kw in ({"view": "all"}, {"view": "places"}, {"view": "partners"},
               {"view": "document", "doc": "003"}):
        H = views.select(G, **kw)
        html = render(H, hierarchical=kw["view"] == "places")
        assert external_urls(html) == [], kw
        tags = _Tags()
        tags.feed(html)
        for tag, k, v in tags.attrs:
            if k in ("src", "href", "srcset", "action", "data", "poster", "xlink:href"):
                assert not re.match(r"\s*(https?:)?//", v), (tag, k, v)
        assert tags.scripts_with_src == 0  # everything inline
        assert not re.search(r"<link\b", html)
        assert not re.search(r"""url\(\s*["']?\s*(https?:)?//""", html)
        assert not re.search(r"@import", html)


def test_external_url_detector_catches_cdn_links():
    assert external_urls('<script src="https://cdn.jsdelivr.net/x.js"></script>') == ["https://cdn.jsdelivr.net/x.js"]
    assert external_urls("<link rel=stylesheet href='//cdnjs.cloudflare.com/a.css'>") == ["//cdnjs.cloudflare.com/a.css"]
    assert external_urls('<style>@import "https://fonts.googleapis.com/css";</style>') == ["https://fonts.googleapis.com/css"]
    assert external_urls('<div style="background:url(http://x/y.png)">') == ["http://x/y.png"]


def test_vis_network_is_embedded(all_html):
    assert "vis-network" in all_html and "@version 9.1.2" in all_html
    assert "new vis.Network(" in all_html
    assert len(all_html) > 600_000  # the library itself, not a reference to it
    assert "window.kgViz" in all_html  # our search / filter / ego script


def test_written_as_utf8(G, tmp_path):
    info = kg.viz.write_page(G, tmp_path / "p.html", view="partners")
    raw = (tmp_path / "p.html").read_bytes()
    text = raw.decode("utf-8")  # strict
    assert "吕梁市".encode("utf-8") in raw
    tags = _Tags()
    tags.feed(text)
    assert tags.meta_charset.lower() == "utf-8"
    assert info.view == "partners" and info.nodes > 0 and not list(tmp_path.glob(".p.html.*"))


def test_chinese_labels_legend_and_tooltip_data(all_html, G):
    data = page_data(all_html)
    labels = {n["label"] for n in data["nodes"]}
    assert {"吕梁市", "兴县", "山西省"} <= labels
    node = next(n for n in data["nodes"] if n["label"] == "吕梁市")
    assert node["type"] == "Place" and node["cls_label"] == "地级市"
    assert "吕梁" in node["aliases"] and node["mentions"] > 100 and len(node["documents"]) == 5
    assert "吕梁" in node["evidence"]
    # a type colour and shape per core type, and the legend names them in Chinese
    styles = {(n["type"], n["shape"], n["color"]["border"]) for n in data["nodes"]}
    assert len({t for t, _, _ in styles}) == len(styles) >= 5
    assert data["meta"]["types"]["Place"]["label"] == "地点"
    # edge labels by relation, with evidence
    rels = {e["relation"]: e for e in data["edges"]}
    assert rels["locatedIn"]["label"] == "位于"
    held = [e for e in data["edges"] if e["relation"] == "heldPosition"]
    assert any(e["label"] == "市委书记" for e in held)
    assert any(e["evidence"] for e in data["edges"])
    # sizes follow degree
    by_label = {n["label"]: n for n in data["nodes"]}
    assert by_label["吕梁市"]["value"] == max(n["value"] for n in data["nodes"])


def test_ego_view_node_count(G):
    center = find_node(G, "吕梁市")
    base = views.select(G, view="all")
    U = base.to_undirected(as_view=True)
    for depth in (0, 1, 2):
        H = views.select(G, view="all", focus=center, depth=depth)
        assert set(H) == set(nx.ego_graph(U, center, radius=depth)), depth
    one = views.select(G, view="all", focus=center, depth=1)
    assert len(one) == 1 + len(set(U.neighbors(center)))
    assert 10 < len(one) < len(base)
    # the API finds the entity by label or alias, and the page marks the focus
    html = kg.viz.page(G, focus="吕梁", depth=1)
    assert page_data(html)["meta"]["focus"] == center
    assert len(page_data(html)["nodes"]) == len(one)


def test_views_filter_correctly(G):
    places = views.select(G, view="places")
    assert len(places) > 10
    assert all(a["type"] == "Place" for _, a in places.nodes(data=True))
    assert {a["relation"] for *_, a in places.edges(data=True)} == {"locatedIn"}

    partners = views.select(G, view="partners")
    assert {a["relation"] for *_, a in partners.edges(data=True)} == {"partnerOf"}
    pairs = [frozenset((u, v)) for u, v in partners.edges()]
    assert len(pairs) == len(set(pairs))  # symmetric: one edge per pair
    assert find_node(G, "太原理工大学") in partners

    doc = views.select(G, view="document", doc="003")
    doc_id = doc.graph["document"]
    assert doc_id.startswith("003_")
    docs = [n for n, a in doc.nodes(data=True) if a["type"] == "Document"]
    assert len(docs) == 1
    assert all(doc_id in a["documents"] for _, a in doc.nodes(data=True))
    assert all(doc_id in a["documents"] for *_, a in doc.edges(data=True))

    typed = views.select(G, view="all", types=["Place,人物"])
    assert {a["type"] for _, a in typed.nodes(data=True)} == {"Place", "Person"}
    assert all(typed.nodes[u]["type"] in ("Place", "Person") and typed.nodes[v]["type"] in ("Place", "Person")
               for u, v in typed.edges())


def test_errors_name_the_problem(G):
    with pytest.raises(UnknownEntity, match="no entity called"):
        kg.viz.select(G, focus="没有这个实体")
    with pytest.raises(UnknownDocument):
        views.select(G, view="document", doc="999")
    with pytest.raises(UnknownView):
        views.select(G, view="bogus")
    with pytest.raises(UnknownType):
        views.parse_types(["Planet"])


def _synthetic(n: int) -> nx.MultiDiGraph:
    B = nx.barabasi_albert_graph(n, 2, seed=3)
    G = nx.MultiDiGraph()
    for i in B:
        G.add_node(f"n{i}", label=f"节点{i}", type=("Place", "Institution", "Program")[i % 3])
    for u, v in B.edges():
        G.add_edge(f"n{u}", f"n{v}", key="locatedIn", relation="locatedIn", label="位于")
    return G


def test_pages_are_pre_laid_out_without_physics():
    for n in (40, LARGE + 50):
        data = page_data(render(_synthetic(n)))
        assert data["options"]["physics"]["enabled"] is False, n
        assert all("x" in v and "y" in v for v in data["nodes"]), n
    # physics only when asked for, from a seeded start
    asked = page_data(render(_synthetic(40), physics=True))
    assert asked["options"]["physics"]["enabled"] is True
    assert all("x" in v for v in asked["nodes"])


def test_overview_page_data(G):
    """Labels sized by importance, unconnected entities hidden, containment as boxes."""
    data = page_data(render(views.select(G, view="all")))
    by_label = {v["label"]: v for v in data["nodes"]}
    sizes = sorted({v["font"]["size"] for v in data["nodes"]}, reverse=True)
    assert len(sizes) >= 3
    assert by_label["吕梁市"]["font"]["size"] == sizes[0] == by_label["兴县"]["font"]["size"]
    hidden = [v for v in data["nodes"] if v.get("hidden")]
    assert hidden and all(v.get("isolated") for v in hidden)
    assert data["meta"]["isolated"] == len(hidden)
    boxes = data["meta"]["boxes"]
    lv, xing = by_label["吕梁市"]["id"], by_label["兴县"]["id"]
    assert boxes["parent"][xing] == lv and lv in boxes["order"]
    implied = [e for e in data["edges"] if e.get("implied")]
    assert implied and all(e["hidden"] and e["relation"] == "locatedIn" for e in implied)
    assert any(e["from"] == xing and e["to"] == lv for e in implied)


def test_pages_are_deterministic(G):
    H = views.select(G, view="partners")
    assert render(H) == render(H)


def test_cli_viz(run_kg, built_trig, tmp_path):
    out = tmp_path / "ego.html"
    r = run_kg("viz", "--graph", str(built_trig), "-o", str(out), "--focus", "兴县", "--depth", "1")
    assert r.returncode == 0, r.stderr
    assert "wrote" in r.stdout and out.is_file()
    html = out.read_text("utf-8")
    assert "兴县" in html and external_urls(html) == []
    r = run_kg("viz", "--graph", str(built_trig), "-o", str(tmp_path / "x.html"), "--focus", "没有这个实体")
    assert r.returncode == 2 and "E056" in r.stderr and not (tmp_path / "x.html").exists()
