"""The pages in a real browser: headless Chromium driven by Playwright.

Every request the browser makes is intercepted: anything that is not ``file:``, ``data:``,
``blob:`` or loopback fails the test (the pages must work with no network). Skipped when
Chromium (``/usr/bin/chromium``) or the ``playwright`` package is missing.

Screenshots go to ``docs/img/viz.png``, ``docs/img/explorer.png`` and
``docs/img/explorer-graph.png`` (used by the README) when ``KG_UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import os
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


def test_viz_page_offline_search_and_ego(page, built_graph, tmp_path):
    import networkx as nx

    import kg.viz
    from kg.viz import views
    from kg.viz.network import find_node, page_graph

    G = page_graph(built_graph)
    path = tmp_path / "lvliang.html"
    kg.viz.write_page(G, path)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    assert page.locator("#mynetwork canvas").count() == 1
    n = page.evaluate("network.body.data.nodes.length")
    assert n == len(views.select(G, view="all")) > 0
    assert page.evaluate("Object.keys(network.getPositions()).length") == n

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
    # type filter from the legend, then back to everything
    page.click("#kg-reset")
    page.click("#kg-types li[data-type='Place']")
    shown = set(page.evaluate("kgViz.visibleIds()"))
    assert center not in shown
    assert shown == {x for x in views.select(G, view="all") if G.nodes[x]["type"] != "Place"}
    page.click("#kg-reset")
    assert len(page.evaluate("kgViz.visibleIds()")) == n

    # the README picture: 吕梁市 found by the search box, at a zoom where labels are read
    page.evaluate("""() => { const id = kgViz.search('吕梁市');
        network.moveTo({position: network.getPositions([id])[id], scale: 1.0}); }""")
    page.wait_for_timeout(300)
    _screenshot(page, "viz.png", tmp_path)
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


def test_explorer_runs_a_named_query(page, built_trig, tmp_path):
    from kg.server.process import ServerProcess

    with ServerProcess(built_trig, timeout=20, workers=1) as srv:
        page.goto(srv.url + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=20_000)
        assert page.locator("#q-list li").count() >= 10
        assert "SELECT" in page.input_value("#editor")  # preloaded with a named query
        page.click("#q-list li[data-name='partners']")
        page.click("#run")
        page.wait_for_selector("#table-view table tbody tr", timeout=30_000)
        rows = page.locator("#table-view tbody tr").count()
        assert rows > 5
        assert "太原理工大学" in page.inner_text("#table-view")
        assert "行" in page.inner_text("#status")
        _screenshot(page, "explorer.png", tmp_path)
        page.click("button[data-tab='graph']")
        page.wait_for_selector("#graph-view canvas", timeout=10_000)
        assert page.evaluate("explorerNetwork.body.data.nodes.length") > 5
        page.wait_for_timeout(1500)
        _screenshot(page, "explorer-graph.png", tmp_path)
        hosts = {urlsplit(u).hostname for u in page.guard.seen}
        assert hosts == {"127.0.0.1"}
