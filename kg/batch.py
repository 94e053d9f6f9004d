"""Settings of the process for batch work (a build), importable before the pipeline.

:func:`batch_gc` lives here rather than in :mod:`kg.builder` so that ``kg build`` can set
it before importing the pipeline, whose loading (pypinyin's phrase table) would otherwise
set off full collections of its own.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["batch_gc"]


@contextlib.contextmanager
def batch_gc(threshold: tuple[int, int, int] = (100_000, 50, 100)) -> Iterator[None]:
    """Run the enclosed work with the cyclic garbage collector called less often.

    A build allocates millions of short-lived containers (feature lists, tokens, mentions,
    triples) that reference counting frees; at Python's default thresholds the collector
    still ran some 900 times during a 78-document build and walked the whole heap six
    times, 0.6 s of 7 s. Its cycles are few (about 13,000 objects for those 78
    documents), so collecting them far less often costs little memory. Worker processes
    forked inside the block inherit the setting; the old thresholds come back after it.

    Parameters
    ----------
    threshold : tuple of int
        ``gc.set_threshold`` arguments for the block.

    Examples
    --------
    >>> import gc
    >>> before = gc.get_threshold()
    >>> with batch_gc((50_000, 20, 20)):
    ...     gc.get_threshold()
    (50000, 20, 20)
    >>> gc.get_threshold() == before
    True
    """
    old = gc.get_threshold()
    gc.set_threshold(*threshold)
    try:
        yield
    finally:
        gc.set_threshold(*old)
