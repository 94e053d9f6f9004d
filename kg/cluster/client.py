"""The cluster a build runs on: its address, and a Dask client connected to it.

Examples
--------
>>> parse_cluster("local:2"), parse_cluster("tcp://10.0.0.5:8786")
(('local', 2), ('scheduler', 'tcp://10.0.0.5:8786'))
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from typing import Any

from kg.errors import ClusterError

__all__ = ["parse_cluster", "connect"]

_ADDRESS = re.compile(r"(tcp|tls|ws|wss|ucx)://\S+:\d+")


def parse_cluster(spec: str) -> tuple[str, Any]:
    """``("local", N)`` for ``local:N``, ``("scheduler", address)`` for a scheduler address.

    >>> parse_cluster("10.0.0.5")
    Traceback (most recent call last):
    ...
    kg.errors.ClusterError: 10.0.0.5: not a cluster; use tcp://HOST:PORT (a Dask scheduler) or local:N (N worker processes here)
    """
    if spec.startswith("local:") and spec[6:].isdigit() and int(spec[6:]) >= 1:
        return "local", int(spec[6:])
    if _ADDRESS.fullmatch(spec):
        return "scheduler", spec
    raise ClusterError(spec, "not a cluster; use tcp://HOST:PORT (a Dask scheduler) or local:N (N worker processes here)")


def _distributed(spec: str):
    # Dask is an optional dependency (the "dask" extra): imported when a cluster is used
    try:
        import distributed
    except ImportError:
        raise ClusterError(spec, 'needs Dask distributed: pip install "lvliang-kg[dask]"') from None
    return distributed


@contextlib.contextmanager
def connect(spec: str, *, timeout: float = 30.0) -> Iterator[Any]:
    """A ``distributed.Client`` for ``spec`` (see :func:`parse_cluster`), closed on exit.

    ``local:N`` starts N worker processes of one thread each on this machine (and stops
    them on exit); an address connects to a running scheduler, whose workers need
    ``lvliang-kg`` installed and the input files under the same paths.

    Raises
    ------
    ClusterError
        A bad ``spec``, Dask not installed, or no scheduler answering within ``timeout``.
    """
    kind, arg = parse_cluster(spec)
    distributed = _distributed(spec)
    if kind == "local":
        cluster = distributed.LocalCluster(n_workers=arg, threads_per_worker=1, processes=True,
                                           dashboard_address=":0", silence_logs=logging.ERROR)
        with cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(arg, timeout=timeout)
    except (OSError, TimeoutError) as err:
        raise ClusterError(spec, f"no Dask scheduler answers there ({err})") from None
    with client:
        yield client
