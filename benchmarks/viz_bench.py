"""Benchmark: time until a 2,000-node graph page is interactive in headless Chromium.

Builds a synthetic entity graph (preferential attachment, Chinese labels, the core types,
~2 edges per node), renders it with :mod:`kg.viz.pages` (the grouped layout of
:mod:`kg.viz.grouping`, computed in Python, physics off), opens it from ``file://`` in headless Chromium (Playwright, the
system ``/usr/bin/chromium``) and measures:

* ``python``: layout and render time, page size;
* ``interactive_ms``: from navigation start to the first drawing of the network
  (``performance.now()`` when the page sets ``data-ready``; with physics on it would be the
  ``stabilized`` event instead);
* ``search_ms`` / ``ego_ms``: one search-and-focus and one depth-2 ego view, in the page;
* ``wall_ms``: ``page.goto`` to ready, as a user waits for it.

The median of ``--runs`` page loads is reported; with ``--physics`` the same page is also
measured with vis-network's physics on (expect ~40 s). Results go to
``benchmarks/results/viz.json``. Not a test: ``python benchmarks/viz_bench.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGET_MS = 5000


def synthetic(n: int, seed: int = 11):
    import networkx as nx

    from kg.types import core_types

    B = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.MultiDiGraph()
    types = core_types()
    rels = ("locatedIn", "partnerOf", "operatedBy", "heldPosition")
    rel_labels = {"locatedIn": "位于", "partnerOf": "合作伙伴", "operatedBy": "运营主体", "heldPosition": "任职于"}
    for i in B:
        t = types[i % len(types)]
        G.add_node(f"urn:x:{i}", label=f"吕梁实体{i}号", type=t, cls=t, cls_label=t, aliases=[f"实体{i}"],
                   mentions=(i * 7) % 23, documents=["d1"], evidence="吕梁市是山西省的地级市。", source="extracted",
                   iri=f"urn:x:{i}")
    for j, (u, v) in enumerate(sorted(B.edges())):
        rel = rels[j % len(rels)]
        G.add_edge(f"urn:x:{u}", f"urn:x:{v}", key=rel, relation=rel, label=rel_labels[rel],
                   documents=["d1"], evidence="")
    G.graph["documents"] = {"d1": {"iri": "urn:x:d1", "title": "合成文档"}}
    return G


def measure(page, url: str, *, physics: bool, timeout_ms: int) -> dict:
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=timeout_ms)
    wall = (time.perf_counter() - t0) * 1000
    interactive = page.evaluate("window.kgReadyAt")
    drawn = page.evaluate("Number(document.body.dataset.drawn)")
    nodes = page.evaluate("network.body.data.nodes.length")
    search = page.evaluate("""() => { const t = performance.now(); kgViz.search('吕梁实体1234号');
                                      return performance.now() - t; }""")
    ego = page.evaluate("""() => { const t = performance.now(); const ids = kgViz.ego('urn:x:0', 2);
                                   return [performance.now() - t, ids.length]; }""")
    return {"interactive_ms": round(interactive), "first_draw_after_script_ms": drawn, "wall_ms": round(wall),
            "nodes_drawn": nodes, "search_ms": round(search, 1), "ego_ms": round(ego[0], 1),
            "ego_nodes": ego[1], "physics": physics}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--physics", action="store_true", help="also measure with browser physics on (slow)")
    ap.add_argument("--chromium", default=os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "benchmarks" / "results" / "viz.json")
    args = ap.parse_args(argv)

    from kg.viz.grouping import containment, grouped_layout
    from kg.viz.pages import render

    G = synthetic(args.nodes)
    t = time.perf_counter()
    grouped_layout(G, containment(G), fonts={n: 14 for n in G}, sizes={n: 10 for n in G})
    layout_s = time.perf_counter() - t
    t = time.perf_counter()
    html = render(G, title="合成图 2000 节点")
    render_s = time.perf_counter() - t

    if not Path(args.chromium).is_file():
        print(f"{args.chromium} not found: install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    result: dict = {
        "benchmark": "viz page time to interactive",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "graph": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()},
        "python": {"layout_s": round(layout_s, 3), "render_s": round(render_s, 3),
                   "page_bytes": len(html.encode("utf-8"))},
        "target_ms": TARGET_MS,
    }
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "bench.html"
        path.write_text(html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        runs = []
        for _ in range(args.runs):
            ctx = browser.new_context(viewport={"width": 1400, "height": 900})
            page = ctx.new_page()
            runs.append(measure(page, path.as_uri(), physics=False, timeout_ms=60_000))
            ctx.close()
        result["runs"] = runs
        result["median_interactive_ms"] = statistics.median(r["interactive_ms"] for r in runs)
        result["median_wall_ms"] = statistics.median(r["wall_ms"] for r in runs)
        result["meets_target"] = result["median_interactive_ms"] < TARGET_MS
        if args.physics:
            slow = Path(tmp) / "physics.html"
            slow.write_text(render(G, physics=True), encoding="utf-8")
            ctx = browser.new_context(viewport={"width": 1400, "height": 900})
            result["with_physics"] = measure(ctx.new_page(), slow.as_uri(), physics=True, timeout_ms=180_000)
            ctx.close()
        browser.close()

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{G.number_of_nodes()} nodes / {G.number_of_edges()} edges: interactive after "
          f"{result['median_interactive_ms']:.0f} ms (median of {args.runs}; target < {TARGET_MS} ms), "
          f"layout {layout_s:.2f} s + render {render_s:.2f} s in Python → {args.output}")
    if "with_physics" in result:
        print(f"with physics: stabilized after {result['with_physics']['interactive_ms']} ms")
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
