"""What ``kg viz`` and ``kg stats --network`` call (the CLI stays thin)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

__all__ = ["run_viz", "print_network_stats"]


def run_viz(load: Callable[[], Any], output: Path, *, view: str, doc: str | None, focus: str | None,
            depth: int, types: list[str], size_by: str, title: str | None, physics: bool | None,
            console) -> None:
    """Check the options, then ``load()`` the graph (it may build the corpus) and draw."""
    from kg.viz import write_page
    from kg.errors import UnknownView, ViewError
    from kg.viz.views import VIEWS, parse_types

    if view not in VIEWS:
        raise UnknownView(view, ", ".join(VIEWS))
    if size_by not in ("degree", "betweenness", "mentions"):
        raise ViewError(f"--size-by must be degree, betweenness or mentions, not {size_by!r}")
    if view == "document" and not doc:
        raise ViewError("the document view needs a document: --doc ID (see `kg query documents`)")
    if output.suffix.lower() not in (".html", ".htm"):
        raise ViewError(f"{output}: the page is HTML; name it …html")
    types = parse_types(types)
    info = write_page(load(), output, view=view, doc=doc, focus=focus, depth=depth, types=types,
                      size_by=size_by, title=title, physics=physics)
    layout = "physics, then still" if info.physics else ("levels" if info.view == "places" else "places as boxes")
    console.print(f"wrote {info.path}: view {info.view}, {info.nodes} nodes, {info.edges} edges ({layout}); "
                  f"open it in a browser, no network needed", highlight=False, soft_wrap=True)


def print_network_stats(graph: Any, *, top: int, as_json: bool, console) -> None:
    from rich.table import Table

    from kg.viz.analytics import network_stats

    s = network_stats(graph, top=top)
    if as_json:
        console.print_json(json.dumps(s.to_dict(), ensure_ascii=False))
        return
    c = s.components
    console.print(f"entity network: {s.nodes} entities, {s.edges} related pairs, density {s.density:.4f}; "
                  f"{c.count} connected components (largest {c.largest}, {c.isolated} isolated); "
                  f"{s.community_count} communities, modularity {s.modularity:.3f}", highlight=False, soft_wrap=True)
    for title, rows, fmt in (("degree centrality", s.degree, "{:.4f}"),
                             ("betweenness centrality" + ("" if s.betweenness_exact else " (sampled)"),
                              s.betweenness, "{:.4f}")):
        t = Table(title=f"top {len(rows)} by {title}", show_header=True)
        for col, kw in (("#", {"justify": "right"}), ("entity", {}), ("type", {}),
                        ("value", {"justify": "right"}), ("degree", {"justify": "right"})):
            t.add_column(col, **kw)
        for i, r in enumerate(rows, 1):
            t.add_row(str(i), r.label, r.type, fmt.format(r.value), str(r.degree))
        console.print(t)
    t = Table(title=f"largest communities (greedy modularity, {s.community_count} in all)", show_header=True)
    for col in ("#", "size", "types", "most connected members"):
        t.add_column(col)
    for i, cm in enumerate(s.communities, 1):
        t.add_row(str(i), str(cm.size), ", ".join(f"{k} {v}" for k, v in cm.types.items()), "、".join(cm.members))
    console.print(t)
    sizes = ", ".join(map(str, c.sizes[:12])) + (" …" if c.count > 12 else "")
    console.print(f"component sizes: {sizes}", highlight=False, soft_wrap=True)
