"""The CI gate: which targets fail a run, and how every report says so.

A run gates either on statuses (``--fail-on``: a target at that status or worse, warn
severity aside unless ``--strict``) or, with a baseline, on changes (``--fail-on-change``:
regressions only, or any status change). A target the baseline does not have has no
earlier status to regress from, so on changes it is gated as a run without a baseline gates
it: at ``--fail-on`` or worse it fails (a pull request that adds a target already off track
does not pass). Every report marks the same targets the exit code counts, so a JUnit file
or a step summary never shows red on a passing run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from targets.judge._report import Report
    from targets.judge._result import TargetResult

__all__ = ["Gate"]


_CHANGES = {"worse": {"worse"}, "any": {"worse", "better", "changed"}}


@dataclass(frozen=True, slots=True)
class Gate:
    """What fails a run: a status at `fail_on` or worse, or a change since the baseline."""

    fail_on: str | None = "off_track"
    """A status, or None for no status gate."""
    strict: bool = False
    """Whether warn-severity targets can fail the gate (else only severity ``error``)."""
    on_change: str | None = None
    """'worse' or 'any': gate on changes since the baseline instead of on statuses."""

    def __post_init__(self) -> None:
        if self.fail_on == "none":  # as the command line writes "no status gate"
            object.__setattr__(self, "fail_on", None)

    def failures(self, report: Report) -> tuple[TargetResult, ...]:
        """The targets that fail the gate, in the report's order."""
        return tuple(report.results[i] for i in self._failing(report))

    def failing_keys(self, report: Report) -> list[str]:
        """The keys of the targets that fail the gate, in the report's order: what the exit
        code and every report's marks read, without building the results."""
        keys = report.keys
        return [keys[i] for i in self._failing(report)]

    def _failing(self, report: Report) -> list[int]:
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
            return f"--fail-on-change {self.on_change}"
        if self.fail_on is None:
            return "--fail-on none"
        return f"--fail-on {self.fail_on}" + (" --strict" if self.strict else "")

    def verdict(self, report: Report) -> str:
        """One sentence: passed, or how many targets fail and why."""
        failures = self.failing_keys(report)
        if self.on_change is not None:
            what = "worse than" if self.on_change == "worse" else "changed since"
            new = self._new_failures(report)
            if not failures:
                return f"gate {self.option}: passed, no target {what} the baseline"
            parts = []
            if len(failures) > len(new):
                parts.append(f"{_targets(len(failures) - len(new))} {what} the baseline")
            if new:
                parts.append(f"{_targets(len(new))} new at {self.fail_on} or worse")
            return f"gate {self.option}: failed, {' and '.join(parts)} (marked ✗)"
        if self.fail_on is None:
            return "gate --fail-on none: no gate"
        if not failures:
            return f"gate {self.option}: passed, no target at {self.fail_on} or worse"
        return (
            f"gate {self.option}: failed, {_targets(len(failures))} at {self.fail_on} or worse "
            "(marked ✗)"
        )


def _targets(n: int) -> str:
    return f"{n} target" if n == 1 else f"{n} targets"
