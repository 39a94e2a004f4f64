"""A progress bar on standard error, for long runs at a terminal only.

`targets.load` and `targets.check` report (stage, done, total); this draws a tqdm bar per
stage once the stage is big enough to be worth one (`SHOWN_FROM`). Never when standard
error is not a terminal, nor in CI (``CI`` set), nor with ``-q``: a log or a JSON file
never holds a bar.
"""

from __future__ import annotations

import os
import sys
from types import TracebackType
from typing import Any

__all__ = ["SHOWN_FROM", "TerminalProgress", "wants_progress"]

SHOWN_FROM = {"reading": 8 * 2**20, "judging": 5000, "writing": 5000}
"""The size of a stage from which it gets a bar: bytes read, series judged, results written."""
_UNITS = {"reading": "B", "judging": " series", "writing": " results"}


def wants_progress(quiet: bool) -> bool:
    """Whether a bar may be drawn: standard error is a terminal, not in CI, not ``-q``."""
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


class TerminalProgress:
    """A `targets.Progress` that draws one bar per stage on standard error."""

    def __init__(self) -> None:
        self._stage: str | None = None
        self._bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self.close()
            self._stage = stage
            if total >= SHOWN_FROM.get(stage, 0):
                from tqdm import tqdm  # noqa: PLC0415 - only for long runs at a terminal

                self._bar = tqdm(
                    total=total,
                    desc=stage,
                    unit=_UNITS.get(stage, ""),
                    unit_scale=stage == "reading",
                    file=sys.stderr,
                    leave=False,
                    dynamic_ncols=True,
                )
        if self._bar is not None:
            self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        self._bar = None

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
