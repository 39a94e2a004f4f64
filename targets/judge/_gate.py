"""The CI gate: which targets fail a run, and how every report says so.

A run gates either on statuses (``--fail-on``: a target at that status or worse, warn
severity aside unless ``--strict``) or, with a baseline, on changes (``--fail-on-change``:
regressions only, or any status change). A target the baseline does not have has no
earlier status to regress from, so on changes it is gated as a run without a baseline gates
it: at ``--fail-on`` or worse it fails (a pull request that adds a target already off track
does not pass). Every report marks the same targets the exit code counts, so a JUnit file
or a step summary never shows red on a passing run.

``--fail-on-chance-below P`` adds the project's own reading to either: a target whose chance
of meeting it by its deadline is below P fails too. The chance never changes a status; a
target without one (too few figures, a decided deadline, a kind without a reading) or one
that cannot be assessed never fails on it, and warn severity is aside unless ``--strict``,
as for statuses.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from targets._safe import excerpt
from targets.engine import STATUS_CODES, Status
from targets.judge._chance import chance_text, is_below
from targets.judge._errors import CheckError

if TYPE_CHECKING:
    from targets.judge._report import Report
    from targets.judge._result import TargetResult

__all__ = ["Gate"]


_CHANGES = {"worse": {"worse"}, "any": {"worse", "better", "changed"}}
_NOT_ASSESSABLE = STATUS_CODES.index(Status.NOT_ASSESSABLE)
_STATUSES = tuple(status.value for status in STATUS_CODES)


@dataclass(frozen=True, slots=True)
class Gate:
    """What fails a run: a status at `fail_on` or worse, or a change since the baseline; and
    with `chance_below`, a chance of meeting the target below it."""

    fail_on: str | None = "off_track"
    """A status, or None for no status gate."""
    strict: bool = False
    """Whether warn-severity targets can fail the gate (else only severity ``error``)."""
    on_change: str | None = None
    """'worse' or 'any': gate on changes since the baseline instead of on statuses."""
    chance_below: float | None = None
    """Also fail a target whose chance of meeting it (the project's reading, 0 to 1) is
    below this; None for no chance gate."""

    def __post_init__(self) -> None:
        if self.fail_on == "none":  # as the command line writes "no status gate"
            object.__setattr__(self, "fail_on", None)
        if self.fail_on is not None and self.fail_on not in _STATUSES:
            shown = excerpt(repr(self.fail_on))
            raise CheckError(f"fail_on is one of {', '.join(_STATUSES)} or 'none', not {shown}")
        if self.on_change is not None and self.on_change not in _CHANGES:
            raise CheckError(f"on_change is 'worse' or 'any', not {excerpt(repr(self.on_change))}")
        below = self.chance_below
        if below is not None and not (
            isinstance(below, int | float) and math.isfinite(below) and 0.0 <= below <= 1.0
        ):
            raise CheckError(f"chance_below must lie between 0 and 1, got {excerpt(repr(below))}")

    @property
    def is_set(self) -> bool:
        """Whether anything can fail: a status, a change or a chance gate."""
        return (
            self.fail_on is not None or self.on_change is not None or self.chance_below is not None
        )

    def failures(self, report: Report) -> tuple[TargetResult, ...]:
        """The targets that fail the gate, in the report's order."""
        return tuple(report.results[i] for i in self._failing(report))

    def failing_keys(self, report: Report) -> list[str]:
        """The keys of the targets that fail the gate, in the report's order: what the exit
        code and every report's marks read. Without a chance gate no result is built."""
        keys = report.keys
        return [keys[i] for i in self._failing(report)]

    def failing_rows(self, report: Report) -> list[int]:
        """The rows (positions in the report) of the targets that fail the gate, in order:
        `failing_keys` without a key made for each row."""
        return self._failing(report)

    def unlikely(self, report: Report) -> tuple[TargetResult, ...]:
        """The targets whose chance is below `chance_below` (empty without a chance gate)."""
        return tuple(report.results[i] for i in self._unlikely(report))

    def unlikely_rows(self, report: Report) -> list[int]:
        """The rows of `unlikely`, in order: read from the columns where the vectorised
        path judged them."""
        return self._unlikely(report)

    def chance_failures(self, report: Report) -> tuple[TargetResult, ...]:
        """The targets that fail by their chance alone, not by status or change: the ones a
        report must explain by the chance."""
        return tuple(report.results[i] for i in self.chance_failure_rows(report))

    def chance_failure_rows(self, report: Report) -> list[int]:
        """The rows of `chance_failures`, in order."""
        judged = set(self._judged(report))
        return [i for i in self._unlikely(report) if i not in judged]

    def _failing(self, report: Report) -> list[int]:
        judged = self._judged(report)
        if self.chance_below is None:
            return judged
        return sorted(set(judged) | set(self._unlikely(report)))

    def _unlikely(self, report: Report) -> list[int]:
        """Rows whose chance is below `chance_below`: read in bulk for the rows the
        vectorised path judged, from each result for the others."""
        below = self.chance_below
        if below is None:
            return []
        table = report.columns
        known = np.zeros(len(table), dtype=bool)
        unlikely = known.copy()
        if table.chance is not None:
            probability, known = table.chance.probabilities()
            with np.errstate(invalid="ignore"):
                unlikely = known & (probability < below) & (table.status != _NOT_ASSESSABLE)
        counts = self.strict or np.asarray(
            [t.severity == "error" for t in table.targets], dtype=bool
        )
        unlikely &= counts
        rest = np.flatnonzero(~known).tolist()
        built = [i for i in rest if self._counts(report.results[i], below)]
        return sorted(np.flatnonzero(unlikely).tolist() + built)

    def _counts(self, result: TargetResult, below: float) -> bool:
        return is_below(result, below) and (self.strict or result.target.severity == "error")

    def _judged(self, report: Report) -> list[int]:
        """The rows that fail on statuses or changes, read from the columns."""
        if self.on_change is not None:
            kinds = _CHANGES[self.on_change]
            ids = {c.target for c in report.changes or () if c.kind in kinds}
            ids |= self._new_failures(report)
            return [i for i, key in enumerate(report.keys) if key in ids]
        if self.fail_on is None:
            return []
        return report.failing(self.fail_on, strict=self.strict)

    def _new_failures(self, report: Report) -> set[str]:
        """Keys of the targets new since the baseline that are at `fail_on` or worse."""
        new = {c.target for c in report.changes or () if c.kind == "new"}
        if not new or self.fail_on is None:
            return set()
        keys = report.keys
        return {keys[i] for i in report.failing(self.fail_on, strict=self.strict)} & new

    @property
    def option(self) -> str:
        """The command-line words that set this gate."""
        if self.on_change is not None:
            words = f"--fail-on-change {self.on_change}"
        elif self.fail_on is None:
            words = "--fail-on none"
        else:
            words = f"--fail-on {self.fail_on}" + (" --strict" if self.strict else "")
        if self.chance_below is not None:
            words += f" --fail-on-chance-below {self.chance_below:g}"
        return words

    @staticmethod
    def noun(report: Report) -> str:
        """What the gate counts: 'target', or 'result' where a target is judged per entity
        (a rule for 63 provinces is 63 results, not 63 targets)."""
        return _noun(report)

    def verdict(self, report: Report) -> str:
        """One sentence: passed, or how many targets fail and why."""
        if not self.is_set:
            return "gate --fail-on none: no gate"
        noun = _noun(report)
        parts, passed = self._reasons(report, noun)
        if self.chance_below is not None:
            below = f"with a chance below {chance_text(self.chance_below)}"
            passed.append(below)
            alone = len(set(self._unlikely(report)) - set(self._judged(report)))
            if alone:
                counted = _count(alone, noun)  # '5 results', or '5 more results' after others
                parts.append(f"{counted.replace(' ', ' more ', 1) if parts else counted} {below}")
        if not parts:
            return f"gate {self.option}: passed, no {noun} {' or '.join(passed)}"
        return f"gate {self.option}: failed, {' and '.join(parts)} (marked ✗)"

    def _reasons(self, report: Report, noun: str) -> tuple[list[str], list[str]]:
        """What failed on statuses or changes (counted), and what passing means there."""
        counted = functools.partial(_count, noun=noun)
        judged = self._judged(report)
        if self.on_change is not None:
            what = "worse than" if self.on_change == "worse" else "changed since"
            new = self._new_failures(report)
            parts = []
            if len(judged) > len(new):
                parts.append(f"{counted(len(judged) - len(new))} {what} the baseline")
            if new:
                parts.append(f"{counted(len(new))} new at {self.fail_on} or worse")
            return parts, [f"{what} the baseline"]
        if self.fail_on is None:
            return [], []
        failed = [f"{counted(len(judged))} at {self.fail_on} or worse"] if judged else []
        return failed, [f"at {self.fail_on} or worse"]


def _noun(report: Report) -> str:
    """What the gate counts: targets, or results where a target is judged per entity (a
    rule for 63 provinces is 63 results, not 63 targets)."""
    return "target" if all(e is None for e in report.columns.entities) else "result"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n:,} {noun}s"
