"""Which figures count: publication dates, forecasts, estimates, conflicting sources, ranges.

A figure published after ``as_of`` is not known yet, so last year's verdict can be reproduced.
Forecasts never count as actuals: they come back separately to be shown beside the trend.
Estimates count unless ``estimates=False``. Two different values for one period are a conflict:
the first source in ``prefer`` wins, else the latest publication (then the later one given),
and every conflict is reported. A range figure is assessed at both ends by ``assess_ends``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from targets.engine._num import when
from targets.engine._result import Result
from targets.engine._status import Status, worst
from targets.engine._step import Step

KINDS: tuple[str, ...] = ("actual", "estimate", "forecast")


@dataclass(frozen=True, slots=True)
class Conflict:
    year: float
    candidates: tuple[tuple[str, float, float | None], ...]
    """(source, value, published) for every figure given for the year."""
    chosen: str
    value: float
    rule: str
    """"preference" or "latest publication"."""


@dataclass(frozen=True, slots=True)
class Selection:
    years: tuple[float, ...]
    values: tuple[float, ...]
    forecasts: tuple[tuple[float, float], ...]
    conflicts: tuple[Conflict, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Figure:
    order: int
    year: float
    value: float
    kind: str
    source: str
    published: float | None


def select_figures(
    years: Sequence[float],
    values: Sequence[float],
    *,
    kinds: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    published: Sequence[float | None] | None = None,
    as_of: float | None = None,
    prefer: Sequence[str] = (),
    estimates: bool = True,
) -> Selection:
    """One value per year from figures of several kinds and sources (see the module docstring)."""
    n = len(years)
    kinds = list(kinds) if kinds is not None else ["actual"] * n
    sources = list(sources) if sources is not None else [""] * n
    dates = list(published) if published is not None else [None] * n
    if not len(values) == len(kinds) == len(sources) == len(dates) == n:
        raise ValueError("years, values, kinds, sources and published differ in length")
    bad = sorted({k for k in kinds if k not in KINDS})
    if bad:
        raise ValueError(f"unknown figure kind(s) {bad}; valid: {', '.join(KINDS)}")
    figures = [
        _Figure(i, float(years[i]), float(values[i]), kinds[i], sources[i], dates[i])
        for i in range(n)
    ]
    notes: list[str] = []
    known = [f for f in figures if as_of is None or f.published is None or f.published <= as_of]
    if len(known) < n:
        notes.append(f"{n - len(known)} figure(s) published after {when(as_of)} are not used")
    forecasts = tuple((f.year, f.value) for f in known if f.kind == "forecast")
    counted = [f for f in known if f.kind == "actual" or (f.kind == "estimate" and estimates)]
    if not estimates and any(f.kind == "estimate" for f in known):
        notes.append("estimates are not counted")
    by_year: dict[float, list[_Figure]] = {}
    for f in counted:
        by_year.setdefault(f.year, []).append(f)
    chosen: list[_Figure] = []
    conflicts: list[Conflict] = []
    for year in sorted(by_year):
        group = by_year[year]
        pick, rule = _choose(group, prefer)
        chosen.append(pick)
        if len({f.value for f in group}) > 1:
            conflicts.append(
                Conflict(
                    year,
                    tuple((f.source, f.value, f.published) for f in group),
                    pick.source,
                    pick.value,
                    rule,
                )
            )
            notes.append(
                f"sources disagree for {when(year)}: {pick.source or 'unnamed'} chosen by {rule}"
            )
    return Selection(
        years=tuple(f.year for f in chosen),
        values=tuple(f.value for f in chosen),
        forecasts=forecasts,
        conflicts=tuple(conflicts),
        notes=tuple(notes),
    )


def _choose(group: list[_Figure], prefer: Sequence[str]) -> tuple[_Figure, str]:
    ranked = [f for f in group if f.source in prefer]
    if ranked:
        return min(ranked, key=lambda f: (list(prefer).index(f.source), -f.order)), "preference"
    latest = max(group, key=lambda f: (f.published if f.published is not None else -1e300, f.order))
    return latest, "latest publication"


@dataclass(frozen=True, slots=True)
class EndsAssessment:
    """A series whose figures are ranges, judged at the low and at the high ends."""

    low: Result
    high: Result
    agree: bool
    status: Status
    """The worse of the two ends' statuses (a gate should not pass on the kinder end)."""
    method_status: str
    reason: str | None
    notes: tuple[str, ...]
    steps: tuple[Step, ...]

    def explain(self, *, unit: str | None = None, name: str | None = None) -> str:
        low = self.low.explain(unit=unit)
        if self.agree:
            body = f"at the low end: {low}"
        else:
            body = f"the ends disagree; low end: {low}; high end: {self.high.explain(unit=unit)}"
        return f"{name}: {body}" if name else body


def assess_ends(
    run: Callable[[Sequence[float]], Result],
    lows: Sequence[float],
    highs: Sequence[float],
) -> EndsAssessment:
    """Assess with the low ends and with the high ends (``run`` maps values to a result of any
    target kind)."""
    low, high = run(lows), run(highs)
    agree = low.status is high.status
    status = worst([low.status, high.status])
    pick = low if status is low.status else high
    notes = () if agree else (f"the ends disagree: low end {low.status}, high end {high.status}",)
    return EndsAssessment(
        low, high, agree, status, pick.method_status, pick.reason, (*pick.notes, *notes), pick.steps
    )
