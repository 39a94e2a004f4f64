"""Huge pages for numpy's arrays in a large run, small ones otherwise.

Every array a run makes is fresh memory, and the kernel hands it over a page at a time on
first touch. With 4 KiB pages, the 13.8 million figures of the per-entity benchmark at 10x
took two million page faults, ten seconds of system time in a twenty-second run; with
huge pages (2 MiB, asked of the kernel by numpy's ``madvise``) half as many faults and
two seconds less (means of four alternating runs: 18.3 -> 16.5 s wall, sys 10.5 -> 7.8 s).
For the 1.4 million figures at 1x, where the kernel's compaction of memory for huge pages
costs more than the faults it saves, small pages are faster (sys 0.5 against 0.7 s).

So the command line asks numpy for small pages when it starts (`small_pages`), unless
the environment chose (``NUMPY_MADVISE_HUGEPAGE``), and the reader asks for huge ones once
the figures read pass `HUGE_PAGES_FROM` (`holding`). A program that imports the library
keeps numpy's own setting (huge pages, unless its environment says otherwise).
"""

from __future__ import annotations

import os

__all__ = ["HUGE_PAGES_FROM", "holding", "small_pages"]

HUGE_PAGES_FROM = 5_000_000
"""Figures read from which huge pages pay (between the 1x and 10x benchmarks above)."""

_VARIABLE = "NUMPY_MADVISE_HUGEPAGE"
_ours = False
"""Whether the page size is ours to choose: the command line chose small pages itself."""


def small_pages() -> None:
    """Ask numpy for small pages (read when numpy is imported: call first), unless the
    environment has chosen; from then on, `holding` may ask for huge ones."""
    global _ours  # noqa: PLW0603 - one choice for the process, as numpy's is
    if _VARIABLE not in os.environ:
        os.environ[_VARIABLE] = "0"
        _ours = True


def holding(figures: int) -> None:
    """A run holds `figures` figures: from `HUGE_PAGES_FROM` on, numpy is asked for huge
    pages, where `small_pages` made the choice ours (a user's setting stays)."""
    if not _ours or figures < HUGE_PAGES_FROM:
        return
    import numpy as np  # noqa: PLC0415 - imported by the reader already

    # numpy's switch is private (numpy 2: np._core; 1.26: np.core): a numpy without it
    # keeps its pages
    for home in ("_core", "core"):
        switch = getattr(getattr(getattr(np, home, None), "multiarray", None), _SWITCH, None)
        if switch is not None:
            switch(True)
            return


_SWITCH = "_set_madvise_hugepage"
