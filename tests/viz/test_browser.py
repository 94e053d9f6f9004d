"""The pages in a real browser: headless Chromium driven by Playwright.

Every request the browser makes is intercepted: anything that is not ``file:``, ``data:``,
``blob:`` or loopback fails the test (the pages must work with no network). Skipped when
Chromium (``/usr/bin/chromium``) or the ``playwright`` package is missing.

The opening view of a page is *measured* as a reader sees it (1400 × 900, device scale 1):
:data:`LEGIBILITY_JS` reads every node vis-network draws inside the canvas, its label's size
on screen (the label's font size × ``network.getScale()`` × the canvas's CSS scale, capped as
vis-network caps it) and its label's box in CSS pixels, and counts the labels of at least
12 px, those overlapping another drawn label, and the shown nodes in view with no edge.

Screenshots go to ``docs/img/viz.png``, ``docs/img/explorer.png`` and
``docs/img/explorer-graph.png`` (used by the README) when ``KG_UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"

if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Guard:
    """Routes every request; lets local ones through and records (and aborts) the rest."""

    LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.seen: list[str] = []

    def __call__(self, route) -> None:
        url = route.request.url
        self.seen.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("file", "data", "blob") or (parts.scheme in ("http", "https", "ws")
                                                        and parts.hostname in self.LOCAL_HOSTS):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
    guard = Guard()
    context.route("**/*", guard)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.guard, pg.errors = guard, errors
    yield pg
    context.close()
    assert not guard.blocked, f"non-local requests: {guard.blocked}"
    assert not errors, f"script errors: {errors}"


#: Measures the opening view; returns counts and the offending labels (see the docstring).
LEGIBILITY_JS = """(canvasSelector) => {
  const net = window.network || window.explorerNetwork;
  const canvas = document.querySelector(canvasSelector);
  const rect = canvas.getBoundingClientRect();
  const ratio = net.canvas.pixelRatio || 1;
  const css = rect.width / (canvas.width / ratio);
  const scale = net.getScale();
  const shown = {};
  net.body.data.nodes.get().forEach(n => { if (!n.hidden) shown[n.id] = true; });
  const degree = {};
  net.body.data.edges.get().forEach(e => {
    if (e.from === e.to || !shown[e.from] || !shown[e.to]) return;
    degree[e.from] = (degree[e.from] || 0) + 1; degree[e.to] = (degree[e.to] || 0) + 1;
  });
  const labels = [], isolated = [];
  let inView = 0;
  for (const id of Object.keys(shown)) {
    const node = net.body.nodes[id];
    const c = net.canvasToDOM({x: node.x, y: node.y});
    if (c.x < 0 || c.y < 0 || c.x > rect.width / css || c.y > rect.height / css) continue;
    inView++;
    if (!degree[id]) isolated.push(node.options.label);
    const lm = node.labelModule;
    if (!node.options.label || !lm.visible()) continue;
    const maxVisible = node.options.scaling.label.maxVisible;
    const px = Math.min(lm.fontOptions.size * scale, maxVisible) * css;
    const s = lm.size;
    const a = net.canvasToDOM({x: s.left, y: s.top});
    const b = net.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
    labels.push({label: node.options.label, px, box: [a.x * css, a.y * css, b.x * css, b.y * css]});
  }
  const legible = labels.filter(l => l.px >= 12);
  const overlapping = legible.filter(l => labels.some(m => m !== l &&
      l.box[0] < m.box[2] && m.box[0] < l.box[2] && l.box[1] < m.box[3] && m.box[1] < l.box[3]));
  return {scale, inView, drawn: labels.length, legible: legible.map(l => l.label),
          smallest: legible.length ? Math.min(...legible.map(l => l.px)) : 0,
          overlapping: overlapping.map(l => l.label), isolated};
}"""


def legibility(pg, canvas: str = "#mynetwork canvas") -> dict:
    """:data:`LEGIBILITY_JS` on the page as it is now."""
    return pg.evaluate(LEGIBILITY_JS, canvas)


def assert_legible(m: dict) -> None:
    """The issue-18 targets for an opening view."""
    assert len(m["legible"]) >= 20, m
    assert m["smallest"] >= 12
    assert len(m["overlapping"]) <= 0.10 * len(m["legible"]), m["overlapping"]
    assert m["isolated"] == [], m["isolated"]


def _open(pg, path: Path) -> None:
    pg.goto(path.as_uri())
    pg.wait_for_selector("body[data-ready='1']", timeout=20_000)
    pg.wait_for_timeout(200)  # the opening fit and its label snap are drawn


def _screenshot(pg, name: str, tmp_path: Path) -> Path:
    shot = tmp_path / name
    pg.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if not os.environ.get("KG_UPDATE_SCREENSHOTS"):
        return shot  # the README's images are refreshed only on request
    try:
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_IMG / name)
    except OSError:  # a read-only checkout: the screenshot stays in tmp_path
        pass
    return shot


def test_overview_is_legible_at_first_sight(page, built_graph, tmp_path):
    """The default ``kg viz`` page: important labels legible, none alone, places as boxes."""
    import kg.viz
    from kg.viz import views
    from kg.viz.grouping import containment
    from kg.viz import page_graph
    from kg.viz.network import find_node

    G = page_graph(built_graph)
    path = tmp_path / "lvliang.html"
    kg.viz.write_page(G, path)
    _open(page, path)
    m = legibility(page)
    _screenshot(page, "viz.png", tmp_path)
    assert_legible(m)
    # the most important entities are among the legible ones
    assert {"吕梁市", "山西省", "兴县", "临县"} <= set(m["legible"])

    H = views.select(G, view="all")
    tree = containment(H)
    assert len(tree.isolated) > 50  # the corpus has many unconnected entities ...
    assert m["inView"] == len(H) - len(tree.isolated)  # ... none shown, everything else in view
    button = page.locator("#kg-isolated")
    assert f"({len(tree.isolated)})" in button.inner_text()
    # 吕梁市 is a box around its counties; its 位于 edges are hidden, not a star
    lvliang, xing = find_node(G, "吕梁市"), find_node(G, "兴县")
    box = page.evaluate("id => kgViz.boxes().find(b => b.id === id).rect", lvliang)
    x, y = page.evaluate("id => [network.getPositions([id])[id].x, network.getPositions([id])[id].y]", xing)
    assert box[0] < x < box[2] and box[1] < y < box[3]
    shown_spokes = page.evaluate("""id => network.body.data.edges.get({filter: e =>
        e.to === id && e.relation === 'locatedIn' && !e.hidden}).length""", lvliang)
    assert shown_spokes <= 3
    page.check("#kg-implied")
    assert page.evaluate("""id => network.body.data.edges.get({filter: e =>
        e.to === id && e.relation === 'locatedIn' && !e.hidden}).length""", lvliang) > 50
    page.uncheck("#kg-implied")
    # edge labels: not drawn at the opening view, drawn once zoomed in to 1:1
    edge_labels = """() => Object.values(network.body.edges).filter(e => e.options.label &&
        !e.options.hidden && e.labelModule.visible()).length"""
    assert page.evaluate(edge_labels) == 0
    page.evaluate("id => network.moveTo({position: network.getPositions([id])[id], scale: 1.2})", xing)
    page.wait_for_timeout(100)
    assert page.evaluate(edge_labels) > 0

    # the toggle shows the unconnected entities (rows below) and hides them again
    button.click()
    assert len(page.evaluate("kgViz.visibleIds()")) == len(H)
    assert "隐藏" in button.inner_text()
    button.click()
    assert len(page.evaluate("kgViz.visibleIds()")) == len(H) - len(tree.isolated)


def test_focus_page_is_legible_and_shows_its_depth(page, built_graph, tmp_path):
    import kg.viz
    from kg.viz import page_graph

    path = tmp_path / "focus.html"
    info = kg.viz.write_page(page_graph(built_graph), path, focus="吕梁市", depth=2)
    assert info.nodes > 100
    _open(page, path)
    m = legibility(page)
    assert_legible(m)
    assert "吕梁市" in m["legible"]
    assert page.input_value("#kg-depth") == "2"
    _screenshot(page, "viz-focus.png", tmp_path)
    # a depth beyond the menu's is still shown as the page's own
    deep = tmp_path / "deep.html"
    kg.viz.write_page(page_graph(built_graph), deep, focus="兴县", depth=5)
    _open(page, deep)
    assert page.input_value("#kg-depth") == "5"


def test_viz_page_offline_search_and_ego(page, built_graph, tmp_path):
    import networkx as nx

    import kg.viz
    from kg.viz import views
    from kg.viz.grouping import containment
    from kg.viz import page_graph
    from kg.viz.network import find_node

    G = page_graph(built_graph)
    path = tmp_path / "lvliang.html"
    kg.viz.write_page(G, path)
    _open(page, path)
    assert page.locator("#mynetwork canvas").count() == 1
    n = page.evaluate("network.body.data.nodes.length")
    assert n == len(views.select(G, view="all")) > 0
    isolated = len(containment(views.select(G, view="all")).isolated)
    assert page.evaluate("Object.keys(network.getPositions()).length") == n - isolated

    # search box: Enter selects and focuses 吕梁市, the details panel names it
    center = find_node(G, "吕梁市")
    page.fill("#kg-search", "吕梁市")
    page.press("#kg-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [center]
    assert "吕梁市" in page.inner_text("#kg-details")
    # an alias finds it too
    assert page.evaluate("kgViz.search('吕梁')") == center

    # ego view: depth 1 around 吕梁市 shows it and its neighbours only
    U = views.select(G, view="all").to_undirected(as_view=True)
    expected = set(nx.ego_graph(U, center, radius=1))
    page.select_option("#kg-depth", "1")
    page.click("#kg-ego")
    visible = set(page.evaluate("kgViz.visibleIds()"))
    assert visible == expected
    hidden = page.evaluate("network.body.data.nodes.get({filter: n => n.hidden}).length")
    assert hidden == n - len(expected)
    # type filter from the legend, then back to everything connected
    page.click("#kg-reset")
    page.click("#kg-types li[data-type='Place']")
    shown = set(page.evaluate("kgViz.visibleIds()"))
    assert center not in shown
    assert shown == {x for x in views.select(G, view="all")
                     if G.nodes[x]["type"] != "Place" and U.degree(x) > 0}
    page.click("#kg-reset")
    assert len(page.evaluate("kgViz.visibleIds()")) == n - isolated
    # an unconnected entity found by the search box is shown
    lonely = next(x for x in views.select(G, view="all") if U.degree(x) == 0)
    assert page.evaluate("label => kgViz.search(label)", G.nodes[lonely]["label"]) == lonely
    assert lonely in page.evaluate("kgViz.visibleIds()")
    assert all(urlsplit(u).scheme in ("file", "data") for u in page.guard.seen)


def test_places_view_draws_levels(page, built_graph, tmp_path):
    import kg.viz

    path = tmp_path / "places.html"
    info = kg.viz.write_page(built_graph, path, view="places")
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    assert page.evaluate("network.body.data.nodes.length") == info.nodes
    # parents are left of their children (levels from the roots)
    shanxi, lvliang = page.evaluate(
        "[kgViz.search('山西省'), kgViz.search('吕梁市')].map(id => network.getPositions([id])[id].x)")
    assert shanxi < lvliang


@pytest.fixture(scope="module")
def explorer_server(built_trig):
    from kg.server.process import ServerProcess

    with ServerProcess(built_trig, timeout=20, workers=1) as srv:
        yield srv


def _open_explorer(pg, srv) -> None:
    pg.goto(srv.url + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=20_000)


def _poll(pg, js: str, timeout_ms: int = 10_000) -> None:
    """Wait until ``js`` is true (the explorer's CSP forbids wait_for_function's eval)."""
    for _ in range(timeout_ms // 100):
        if pg.evaluate(js):
            return
        pg.wait_for_timeout(100)
    raise AssertionError(f"timed out waiting for {js}")


def _run(pg, name: str) -> None:
    pg.click(f"#q-list li[data-name='{name}']")
    pg.click("#run")
    pg.wait_for_selector("#table-view table tbody tr", timeout=30_000)


def test_explorer_runs_a_named_query(page, explorer_server, tmp_path):
    _open_explorer(page, explorer_server)
    assert page.locator("#q-list li").count() >= 10
    assert "SELECT" in page.input_value("#editor")  # preloaded with a named query
    _run(page, "partners")
    rows = page.locator("#table-view tbody tr").count()
    assert rows > 5
    assert "太原理工大学" in page.inner_text("#table-view")
    assert "行" in page.inner_text("#status")
    # the documents column lists titles, not hash identifiers (those are in the tooltips)
    docs = page.locator("#table-view tbody td.docs").all_inner_texts()
    assert len(docs) == rows and all("吕梁" in d or "表彰" in d for d in docs)
    assert not any(re.search(r"\d{3}_[0-9a-f]{16}", d) for d in docs)
    _screenshot(page, "explorer.png", tmp_path)
    page.click("button[data-tab='graph']")
    page.wait_for_selector("#graph-view canvas", timeout=10_000)
    assert page.evaluate("explorerNetwork.body.data.nodes.length") > 5
    # the graph has a legend: nodes coloured by core type, as on the graph pages
    legend = page.inner_text("#graph-legend")
    assert "图例" in legend and "机构 Institution" in legend and "地点 Place" in legend
    colours = set(page.evaluate("explorerNetwork.body.data.nodes.get().map(n => n.color)"))
    assert {"#1565c0", "#2e7d32"} <= colours  # Institution, Place
    hosts = {urlsplit(u).hostname for u in page.guard.seen}
    assert hosts == {"127.0.0.1"}


def test_explorer_located_in_graph_is_readable(page, explorer_server, tmp_path):
    _open_explorer(page, explorer_server)
    _run(page, "located-in")
    page.click("button[data-tab='graph']")
    page.wait_for_selector("#graph-view canvas", timeout=10_000)
    _poll(page, "() => !!(window.explorerBoxes && window.explorerNetwork)")
    page.wait_for_timeout(300)
    m = legibility(page, "#graph-view canvas")
    _screenshot(page, "explorer-graph.png", tmp_path)
    # the counties are boxes inside 吕梁市 with legible titles, not a star of edges
    assert len(m["legible"]) >= 15, m
    assert {"吕梁市", "兴县", "临县"} <= set(m["legible"])
    assert len(m["overlapping"]) <= 0.10 * len(m["legible"]), m["overlapping"]
    boxes = page.evaluate("explorerBoxes.rects().length")
    assert boxes >= 10
    shown_edges = page.evaluate("explorerNetwork.body.data.edges.get({filter: e => !e.hidden}).length")
    assert shown_edges < 10
    assert "方框" in page.inner_text("#graph-legend")


def test_explorer_titles_downloads_and_fresh_panels(page, explorer_server):
    _open_explorer(page, explorer_server)
    # documents by their dcterms:title, not their hash identifiers
    _run(page, "documents")
    first = page.locator("#table-view tbody tr").first.locator("td.iri a").inner_text()
    assert "吕梁" in first and not first.startswith("res:")
    # CSV and TSV of a named query's result: the same rows, from the server
    _run(page, "located-in")
    rows = page.locator("#table-view tbody tr").count()
    links = {f: page.eval_on_selector(f"#downloads a[data-format='{f}']", "a => a.href") for f in ("csv", "tsv")}
    assert all("/queries/located-in/run?" in h and f"format={f}" in h for f, h in links.items())
    csv = page.request.get(links["csv"])
    assert csv.ok and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text().strip().splitlines()
    assert lines[0].startswith("entity,label") and len(lines) == rows + 1
    tsv = page.request.get(links["tsv"])
    assert tsv.ok and len(tsv.text().strip().splitlines()) == rows + 1
    # with a parameter, the download runs with it
    page.fill("#params input[data-param='place']", "兴县")
    page.click("#run")
    page.wait_for_selector("#table-view table tbody tr", timeout=30_000)
    assert "place=%E5%85%B4%E5%8E%BF" in page.get_attribute("#downloads a[data-format='csv']", "href")
    # an error replaces the table, the downloads and the graph
    page.fill("#editor", "SELECT * WHERE { ?s ?p }")
    page.click("#run")
    page.wait_for_selector(".error-box", timeout=10_000)
    assert page.locator("#table-view table").count() == 0
    assert page.inner_text("#downloads") == ""
    assert "修改自" in page.inner_text("#q-title") and page.locator("#params input").count() == 0
    # a resource shown from a result replaces the previous header and table
    _run(page, "documents")
    page.locator("#table-view tbody tr").first.locator("td.iri a").click()
    page.wait_for_selector("#q-title:has-text('资源')", timeout=10_000)
    page.wait_for_selector("#table-view table tbody tr", timeout=10_000)
    assert "吕梁" in page.inner_text("#q-title")
    assert page.locator("#table-view th").all_inner_texts()[:2] == ["p", "o"]
    # choosing another named query clears the old result
    page.click("#q-list li[data-name='partners']")
    assert page.locator("#table-view table").count() == 0
