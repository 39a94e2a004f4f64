"""Python's lock handed over more often while a worker thread takes short steps.

A thread that leaves Python's lock for each step in C (a numpy pass, a pyarrow call, a
write) has to wait for it again after each one; while another thread runs Python code,
that wait is Python's switch interval, 5 ms by default. Reading a 39 MB figures file takes
about eighty such steps: 0.15 s alone, 0.55 s beside the parsing of the 11 MB rules of
60,000 targets, so that its columns were encoded only after the rules were parsed. With
the lock handed over every half millisecond the file is read beside the rules (0.30 s),
and the parsing loses a few hundredths of a second. The same holds where the check's
chunks are judged two at a time, where the report's numbers are formatted beside its
lines, and where a report file is written beside its rendering (`worker_pool` is the
pool every such worker runs in): end to end, 60,000
independent targets 3.36 -> 3.24 s, the per-entity benchmark 1.46 -> 1.43 s (medians of
7, alternating), the same reports.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

__all__ = ["HANDOVER", "handing_over", "worker_pool"]

HANDOVER = 0.0005
"""The switch interval (seconds) while a worker takes short steps beside this thread."""

_lock = threading.Lock()
_depth = 0
_before = 0.0


@contextmanager
def handing_over() -> Iterator[None]:
    """Python's switch interval at most `HANDOVER` inside the block; the interval the
    process had is back once the last of such blocks (in any thread) is left."""
    global _depth, _before  # noqa: PLW0603 - one interval per process, so one count
    with _lock:
        if _depth == 0:
            _before = sys.getswitchinterval()
            sys.setswitchinterval(min(_before, HANDOVER))
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                sys.setswitchinterval(_before)


@contextmanager
def worker_pool(workers: int, name: str) -> Iterator[ThreadPoolExecutor]:
    """A pool of `workers` threads named after `name`, Python's lock handed over while it
    lives (`handing_over`): what every worker beside Python code here needs."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415 - large inputs only

    with handing_over(), ThreadPoolExecutor(workers, thread_name_prefix=name) as pool:
        yield pool
