"""Yes/no milestones ("5G on domestic devices"): reached, missed, or not yet.

A boolean has no trend to project, so before the deadline an unreached milestone is
not assessable, with the reason "not yet reached; due <year>".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from targets.engine._explain import year
from targets.engine._headline import Detail, Headline
from targets.engine._num import when
from targets.engine._series import Numbers, prepare
from targets.engine._status import Status
from targets.engine._step import Step

__all__ = ["BINARY_LABELS", "BinaryAssessment", "assess_binary"]


BINARY_LABELS: tuple[str, ...] = ("reached", "not_reached", "missed")


@dataclass(frozen=True, slots=True)
class BinaryAssessment:
    target_year: float | None
    as_of: float | None
    years: tuple[float, ...]
    values: tuple[bool, ...]
    first_reached: float | None
    """The first year with a yes, among the figures used."""
    status: Status
    method_status: str
    reason: str | None
    notes: tuple[str, ...]
    steps: tuple[Step, ...] = ()

    @property
    def assessment(self) -> None:
        """Yes or no has no level to grow: no `Assessment` stands for it."""
        return None

    @property
    def headline(self) -> Headline:
        return Headline(
            target_year=self.target_year,
            latest_year=self.years[-1] if self.years else None,
            latest_value=float(self.values[-1]) if self.values else None,
        )

    @property
    def details(self) -> Mapping[str, Detail]:
        return {"first_reached": self.first_reached}

    def explain(self, *, unit: str | None = None, name: str | None = None) -> str:
        due = f" by {year(self.target_year)}" if self.target_year is not None else ""
        if self.status is Status.ACHIEVED:
            body = f"reached{due} (yes in {year(self.years[-1])}); achieved"
        elif self.status is Status.MISSED:
            body = f"not reached{due}; missed"
        else:
            body = f"not assessable: {self.reason}"
        return f"{name}: {body}" if name else body


def assess_binary(
    years: Numbers,
    values: Sequence[bool],
    *,
    target_year: float | None = None,
    as_of: float | None = None,
) -> BinaryAssessment:
    """Achieved when the latest figure says yes; missed once the data reach the deadline."""
    flags = [bool(v) for v in values]
    prep = prepare(
        years, [float(f) for f in flags], target_year=target_year, as_of=as_of, base_year=None
    )
    used = tuple(v == 1.0 for v in prep.values)
    first = next((y for y, v in zip(prep.years, used, strict=True) if v), None)
    notes = list(prep.notes)

    def result(status: Status, label: str, reason: str | None = None) -> BinaryAssessment:
        return BinaryAssessment(
            target_year, prep.as_of, prep.years, used, first, status, label, reason, tuple(notes)
        )

    if used and used[-1]:
        return result(Status.ACHIEVED, "reached")
    if first is not None:
        notes.append(f"reached in {when(first)} but not in the latest figure")
    if prep.deadline_reached:
        return result(Status.MISSED, "missed")
    due = f"due {when(target_year)}" if target_year is not None else "no deadline"
    if not used:
        return result(Status.NOT_ASSESSABLE, "not_reached", f"{prep.reason}; {due}")
    return result(Status.NOT_ASSESSABLE, "not_reached", f"not yet reached; {due}")
