"""Builds on a Dask ``distributed`` cluster: ``kg build DOCS --cluster tcp://HOST:PORT``.

The same graph as :func:`kg.build`, made in five steps whose bulky data stay on the workers:

1. **extract** (one task per partition of documents): a worker reads the partition's files
   and runs the extraction pipeline. File paths are shipped, not texts, so the workers must
   see the files under the same absolute paths (a shared or replicated file system). The
   document states stay in the worker's memory.
2. **join** (one task per partition): the places of each candidate identity key in the
   partition's documents (:func:`kg.resolve.key_places`). The driver merges them and decides
   which short forms join which full forms across documents (:func:`kg.resolve.full_forms`,
   one short row per candidate key); the joins go to every later task.
3. **summarise** (one task per partition): the identity key of every mention
   (:func:`kg.resolve.document_keys`, then the joins) and, per key, a
   :class:`~kg.resolve.KeySummary`, split into buckets by a hash of the key.
4. **resolve** (one task per bucket): one bucket of every partition merged, so each key is
   named (label, core type, class) by the one task that sees all its members. The driver
   then gives every key its entity id: ids are decided in key order over the whole build (a
   slug an earlier key took gets a hash), so this step sees every key, one short row per
   entity, never the documents.
5. **assemble** (one task per partition): the partition's document graphs as sorted
   N-Quads lines. The driver writes each shard to disk as it arrives; the output is a merge
   of the sorted shards (the bytes :meth:`kg.KnowledgeGraph.save` writes), and a store is
   loaded shard by shard. The ontology and reference graphs are made by the driver.

Every task is a pure function of its inputs: when a worker dies, the scheduler recomputes
what it held on the other workers, and the output is the same. A document that cannot be
read or extracted is skipped and reported, as in a local build.

The modules: :mod:`kg.cluster.client` (the address and the Dask client),
:mod:`kg.cluster.tasks` (what the workers run), :mod:`kg.cluster.driver` (the build that
submits them) and :mod:`kg.cluster.shards` (the result on the driver's disk).

Examples
--------
>>> parse_cluster("local:2"), parse_cluster("tcp://10.0.0.5:8786")
(('local', 2), ('scheduler', 'tcp://10.0.0.5:8786'))
"""

from kg.cluster.client import connect, parse_cluster
from kg.cluster.driver import build_on_cluster
from kg.cluster.shards import ClusterBuild
from kg.errors import ClusterError

__all__ = ["ClusterError", "ClusterBuild", "parse_cluster", "connect", "build_on_cluster"]
