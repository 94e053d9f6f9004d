"""Stores: where a knowledge graph lives, found by URI in a registry.

=========================  =========================================================
URI                        store
=========================  =========================================================
``memory``                 the graph in this process (default): ``open_store`` gives
                           an rdflib Dataset (:class:`~kg.stores.memory.MemoryStore`);
                           ``kg.load``, ``kg query`` and ``kg serve`` hold the graph in
                           pyoxigraph's in-memory store instead (engine ``oxigraph``)
                           unless asked for ``rdflib`` (:class:`kg.KnowledgeGraph`)
``oxigraph:DIR``           persistent pyoxigraph (RocksDB) store in ``DIR``
``http(s)://…``            SPARQL 1.1 endpoint (query URL; update and Graph Store URLs
                           derived or given, see :mod:`kg.stores.remote`)
=========================  =========================================================

Every store has the same operations (:class:`~kg.stores.base.Store`): ``load_dataset``,
``add_document`` (replace one document graph), ``remove_document``, ``query(sparql,
bindings)``, ``documents()``, ``len`` — and the same semantics: the default graph of a
query is the set union of the named graphs, and parameters are bound, never formatted in.
A new backend is a registration::

    from kg.stores import STORES

    @STORES.register("mystore")
    def open_mystore(uri, *, read_only=False, create=False):
        return MyStore(uri.partition(":")[2])

Examples
--------
>>> s = open_store("memory")
>>> type(s).__name__, len(s)
('MemoryStore', 0)
>>> open_store("redis://x")
Traceback (most recent call last):
...
kg.errors.UnknownStore: unknown store 'redis://x'; use memory, oxigraph:DIR or an http(s):// endpoint
>>> is_store_uri("oxigraph:/tmp/kg"), is_store_uri("out/lvliang.trig")
(True, False)
"""

from __future__ import annotations

from kg.errors import StoreError, UnknownStore
from kg.registry import Registry
from kg.stores.base import Store

__all__ = ["STORES", "Store", "open_store", "is_store_uri", "scheme_of"]

STORES = Registry("store", error=lambda name, known: UnknownStore(name))


def scheme_of(uri: str) -> str:
    """Registry key of a store URI: ``memory``, ``oxigraph``, ``http`` …

    >>> scheme_of("oxigraph:data/kg"), scheme_of("https://h/q"), scheme_of("memory")
    ('oxigraph', 'https', 'memory')
    """
    head, sep, _ = uri.partition(":")
    return head.lower() if sep else uri.lower()


def is_store_uri(text: str) -> bool:
    """True when ``text`` names a registered store rather than a file."""
    s = str(text)
    return scheme_of(s) in STORES and (s.lower() == "memory" or ":" in s) and len(s.partition(":")[0]) > 1


def open_store(uri: str, *, read_only: bool = False, create: bool = False) -> Store:
    """Open the store named by ``uri``; ``create`` makes a local store that does not
    exist yet (``kg build --store``, ``kg add``), otherwise a missing one is an error."""
    uri = str(uri).strip()
    key = scheme_of(uri)
    if key not in STORES or not is_store_uri(uri):
        raise UnknownStore(uri)
    return STORES.create(key, uri, read_only=read_only, create=create)


# Each backend is imported when a store of its kind is opened: the memory store needs
# neither pyoxigraph nor HTTP.
@STORES.register("memory")
def _memory(uri: str, *, read_only: bool = False, create: bool = False) -> Store:
    from kg.stores.memory import MemoryStore

    rest = uri.partition(":")[2]
    if rest:
        raise StoreError(uri, "the memory store takes no location; use `memory`")
    return MemoryStore()


@STORES.register("oxigraph")
def _oxigraph(uri: str, *, read_only: bool = False, create: bool = False) -> Store:
    from kg.stores.oxigraph import OxigraphStore

    path = uri.partition(":")[2]
    if not path:
        raise StoreError(uri, "give a directory: oxigraph:DIR")
    return OxigraphStore(path, read_only=read_only, create=create, uri=uri)


def _remote(uri: str, *, read_only: bool = False, create: bool = False) -> Store:
    from kg.stores.remote import RemoteStore

    return RemoteStore(uri, read_only=read_only)


STORES.add("http", _remote)
STORES.add("https", _remote)
