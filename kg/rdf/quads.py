"""Named graphs as plain Python sets: the fast target of graph assembly.

rdflib's memory store indexes every triple three ways as it is added, which would be most
of the time of a large build. Assembly only ever adds, so it writes
into :class:`Quads` (one ``set`` of rdflib triples per named graph), and the rdflib
:class:`~rdflib.Dataset` is made when something asks for it. N-Quads output and the
bulk load of an Oxigraph store read the sets directly.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Dataset, Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral

from kg.rdf.namespaces import bind_prefixes

__all__ = ["Quads", "GraphSet"]


class GraphSet:
    """The triples of one named graph; quacks like the parts of an rdflib ``Graph`` that
    assembly, serialisation and the stores use (``add``, ``identifier``, iteration).

    >>> from rdflib import Literal
    >>> from kg.rdf.namespaces import RDFS
    >>> g = GraphSet(URIRef("urn:g"))
    >>> g.add((URIRef("urn:a"), RDFS.label, Literal("吕梁")))
    >>> g.add((URIRef("urn:a"), RDFS.label, Literal("吕梁")))
    >>> len(g)
    1
    """

    __slots__ = ("identifier", "triples")

    def __init__(self, identifier: URIRef) -> None:
        self.identifier = identifier
        self.triples: set = set()

    def add(self, triple: tuple) -> None:
        self.triples.add(triple)

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)


class Quads:
    """Named graphs of a build, each a :class:`GraphSet`.

    Examples
    --------
    >>> from rdflib import Literal
    >>> from kg.rdf.namespaces import RDFS
    >>> q = Quads()
    >>> q.graph(URIRef("urn:g")).add((URIRef("urn:a"), RDFS.label, Literal("吕梁", lang="zh")))
    >>> len(q), len(q.to_dataset().graph(URIRef("urn:g")))
    (1, 1)
    >>> q.nquads()
    '<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "吕梁"@zh <urn:g> .\\n'
    """

    def __init__(self) -> None:
        self._graphs: dict[URIRef, GraphSet] = {}

    def graph(self, name: URIRef) -> GraphSet:
        g = self._graphs.get(name)
        if g is None:
            g = self._graphs[name] = GraphSet(name)
        return g

    def drop(self, name: URIRef) -> None:
        """Remove the graph ``name`` (nothing happens when there is none)."""
        self._graphs.pop(name, None)

    def graphs(self) -> Iterator[GraphSet]:
        """The named graphs that hold triples, in name order."""
        return iter([g for _, g in sorted(self._graphs.items()) if g.triples])

    def __len__(self) -> int:
        return sum(len(g) for g in self._graphs.values())

    def to_dataset(self) -> Dataset:
        """An rdflib Dataset with the same graphs (prefixes bound)."""
        ds = Dataset()
        bind_prefixes(ds)
        for g in self.graphs():
            target = ds.graph(g.identifier)
            target.addN((s, p, o, target) for s, p, o in g.triples)
        return ds

    def nquads(self) -> str:
        """Sorted N-Quads, byte-identical to :func:`kg.rdf.io.serialize` of
        :meth:`to_dataset` in ``nquads``."""
        return "".join(ln + "\n" for ln in self.nquad_lines())

    def nquad_chunks(self, size: int = 10_000) -> Iterator[str]:
        """:meth:`nquads` in pieces of ``size`` lines: a large build is written without
        holding its whole text twice."""
        lines = self.nquad_lines()
        for i in range(0, len(lines), size):
            yield "\n".join(lines[i:i + size]) + "\n"

    def nquad_lines(self) -> list[str]:
        """The sorted lines of :meth:`nquads`, without their line breaks."""
        # The same term objects recur on many lines (assembly shares predicates, entities,
        # the document IRI): each is written out once, looked up by identity (they all live
        # in the sets until the end), which spares rdflib's Python-level hash and __eq__.
        # The rows are those of rdflib's _nq_row.
        n3: dict[int, str] = {}
        get = n3.get

        def term(t) -> str:
            text = n3[id(t)] = _quoteLiteral(t) if isinstance(t, Literal) else t.n3()
            return text

        # No two lines are equal: a graph's triples are distinct terms (N-Triples writes
        # distinct terms distinctly), and each graph's lines end in its own name.
        lines = []
        append = lines.append
        for g in self.graphs():
            name = g.identifier.n3()
            for s, p, o in g.triples:
                append(f"{get(id(s)) or term(s)} {get(id(p)) or term(p)} {get(id(o)) or term(o)} {name} .")
        lines.sort()
        return lines
