"""Progress of a long run, reported as (stage, done, total) to whoever asked.

`targets.load` and `targets.check` call a `Progress` as they go (the bytes read, the series
judged); the library never draws anything. The command line passes one that draws a bar on
standard error when that is a terminal (`targets.cli._progress`), so machine-readable
output and CI logs never see it.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["STAGES", "Progress", "report_progress"]

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: `stage` is one of `STAGES`."""

STAGES = {"reading": "bytes", "judging": "series", "writing": "results"}
"""Each stage, and what its counts count."""


def report_progress(progress: Progress | None, stage: str, done: int, total: int) -> None:
    """Tell `progress`, if there is one."""
    if progress is not None:
        progress(stage, done, total)
