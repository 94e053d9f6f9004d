"""A synthetic graph of about a million triples with the shape of a real build.

The bundled corpus is built once; its document graphs are then copied R times. In copy
``r`` every document gets a new IRI and identifier (``…-r7``), so do its mentions,
sentences, statements, observations and positions; every entity that is not a reference
entity becomes ``…-g{r mod G}``, so each entity variant is shared by about R/G documents
(as an entity is shared by several articles), while reference places (吕梁市, 兴县 …) stay
shared by all copies and keep their ``lv:locatedIn`` chains up to the country. The ontology
and reference graphs appear once. The result is written as N-Quads, so both stores load
the same bytes.
"""

from __future__ import annotations

import math
from pathlib import Path

from rdflib import Literal, URIRef

__all__ = ["make"]

_NODES = ("statement/", "observation/", "position/")


def _writer(fh, s, p, o, g) -> None:
    from kg.sparql.text import nt_triple

    fh.write(nt_triple(s, p, o)[:-1] + f"<{g}> .\n")


def make(path: Path, target: int = 1_000_000, *, groups: int | None = None) -> dict:
    """Write ``path`` (N-Quads) with about ``target`` quads; returns what it made."""
    import kg
    from kg.rdf.namespaces import DCTERMS, ONTOLOGY_GRAPH, REFERENCE_GRAPH, RES

    base = kg.build()
    ds = base.dataset
    res = str(RES)
    fixed = {ONTOLOGY_GRAPH, REFERENCE_GRAPH}
    reference = {s for s in ds.graph(REFERENCE_GRAPH).subjects() if isinstance(s, URIRef)}
    docs = sorted(g.identifier for g in ds.graphs() if len(g) and g.identifier not in fixed)
    per_copy = sum(len(ds.graph(d)) for d in docs)
    fixed_n = sum(len(ds.graph(g)) for g in fixed)
    copies = max(1, math.ceil((target - fixed_n) / per_copy))
    groups = groups or max(1, copies // 5)
    doc_prefixes = [str(d) for d in docs]

    def iri_for(t: URIRef, r: int) -> URIRef:
        s = str(t)
        if not s.startswith(res) or t in reference:
            return t
        for d in doc_prefixes:
            if s.startswith(d):
                return URIRef(f"{d}-r{r}{s[len(d):]}")
        local = s[len(res):]
        if local.startswith(_NODES):
            return URIRef(f"{s}-r{r}")
        if local.startswith(("doc/", "activity/", "geometry/")):
            return t
        return URIRef(f"{s}-g{r % groups}")

    n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for g in sorted(fixed):
            for s, p, o in ds.graph(g):
                _writer(fh, s, p, o, g)
                n += 1
        for r in range(copies):
            for d in docs:
                name = iri_for(d, r) if r else d
                for s, p, o in ds.graph(d):
                    if r:
                        s = iri_for(s, r)
                        o = iri_for(o, r) if isinstance(o, URIRef) else o
                        if p == DCTERMS.identifier and s == name:
                            o = Literal(f"{o}-r{r}")
                    _writer(fh, s, p, o, name)
                    n += 1
    return {"path": str(path), "quads": n, "copies": copies, "groups": groups,
            "documents": copies * len(docs), "base_quads": len(base)}


if __name__ == "__main__":
    import sys

    print(make(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000))
