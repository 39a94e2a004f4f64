"""How the bulk path (`_vector`) splits a programme's series into chunks, and spreads the
chunks over threads. Series are independent, so neither changes a result.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from targets._threads import worker_pool
from targets.rules._table import Ints

__all__ = ["CHUNK_ROWS", "WORKERS", "chunks", "each"]

T = TypeVar("T")

CHUNK_ROWS = 1 << 18
"""About how many figures the bulk path takes at once. Series are independent, so a large
programme is judged a chunk of series at a time: its temporary arrays stay a few MB, and
the allocator reuses them (arrays of a hundred MB are mapped and unmapped each time: at 14
million figures, page faults took half the check). A quarter of a million figures a chunk
kept the peak of 1.4 million figures 40 to 80 MB lower than a million did, in the same
time."""


def chunks(sizes: Ints, most: int) -> list[tuple[int, int]]:
    """Consecutive ranges of series whose figures add up to about `most` (a series larger
    than that is a range of its own)."""
    if sizes.size == 0:
        return []
    ends = np.cumsum(sizes)
    found: list[tuple[int, int]] = []
    lo = 0
    while lo < sizes.size:
        before = ends[lo - 1] if lo else 0
        hi = int(np.searchsorted(ends, before + most, side="right"))
        hi = max(hi, lo + 1)
        found.append((lo, hi))
        lo = hi
    return found


WORKERS = 2
"""Chunks judged at once. Series are independent and numpy leaves Python's lock in its
array loops, so a second thread keeps a second core busy: 0.34 -> 0.25 s for the 1.4
million figures of the per-entity benchmark on 2 cores. Each chunk's results are its own
and are joined in the chunks' order, so the report is the same whatever the threads do;
more threads would hold more chunks' temporaries at once, each doing less."""


def each(judged: Callable[[int], T], count: int) -> list[T]:
    """`judged` of every chunk number, in order: on `WORKERS` threads where there are
    chunks and cores enough, else one after the other."""
    workers = min(WORKERS, count, _cores())
    if workers < 2:
        return [judged(number) for number in range(count)]
    with worker_pool(workers, "targets-judge") as pool:
        return list(pool.map(judged, range(count)))


def _cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
