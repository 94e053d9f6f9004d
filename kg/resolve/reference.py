"""The reference places a graph states, with their ids.

A document graph points at reference entities (administrative divisions, known
institutions …) by id; the reference graph states each such entry and the places that
contain it. This is what the RDF stage and incremental updates need to know of the
reference lexicon.

Examples
--------
>>> from kg.extract.reference import reference_lexicon
>>> [(n.id, n.parent) for n in reference_nodes([reference_lexicon().entries["adcode:141100000000"]])]
[('lvliangshi', 'shanxisheng'), ('shanxisheng', None)]
>>> entries_by_id()["lvliangshi"].key
'adcode:141100000000'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from kg.extract.reference import reference_lexicon
from kg.records import ReferenceNode, RefEntry
from kg.resolve.ids import reference_id

__all__ = ["reference_nodes", "entries_by_id"]


def reference_nodes(entries: Iterable[RefEntry]) -> list[ReferenceNode]:
    """The reference ``entries`` and the places that contain them, each once, as
    :class:`~kg.records.ReferenceNode` records (an entry before its containing places)."""
    lex = reference_lexicon()
    seen: set[str] = set()
    out: list[ReferenceNode] = []
    for entry in entries:
        chain = [entry, *lex.ancestors(entry.key)]
        for child, parent in zip(chain, [*chain[1:], None]):
            if child.key in seen:
                break
            seen.add(child.key)
            out.append(ReferenceNode(reference_id(child), child, reference_id(parent) if parent else None))
    return out


@functools.cache
def entries_by_id() -> dict[str, RefEntry]:
    """Entity id (:func:`~kg.resolve.ids.reference_id`) → entry, for every reference entry."""
    return {reference_id(e): e for e in reference_lexicon().entries.values()}
