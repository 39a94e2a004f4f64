"""Growth-rate targets ("IT revenue to grow 9.2 % in 2022").

Judged on the realised growth between consecutive figures whose later year falls in the target
period (start, end]; a gap of several years is annualised. Any realised period short of the rate
is missed (its deadline has passed); all realised periods meeting it, with the data reaching the
end, is achieved. Before that, the most recent realised growth (between the last two figures)
plays g_a against the required rate in Statistics Canada's ratio R = d * g / |rate| with its
thresholds and labels, when the rate asks for movement in the desired direction (d * rate > 0);
otherwise meeting the rate is on track and missing it is regressing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from targets.engine._assess import direction_sign
from targets.engine._explain import percent, year
from targets.engine._growth import compound_rate
from targets.engine._num import fmt
from targets.engine._series import Numbers, prepare
from targets.engine._statcan import label as statcan_label
from targets.engine._status import Status
from targets.engine._step import Step
from targets.engine._thresholds import resolve_thresholds

_LABEL_STATUS = {
    "substantial_progress": Status.ON_TRACK,
    "moderate_progress": Status.AT_RISK,
    "limited_progress": Status.OFF_TRACK,
    "deterioration": Status.REGRESSING,
}


@dataclass(frozen=True, slots=True)
class GrowthTargetAssessment:
    rate: float
    start: float
    end: float
    direction: str
    years: tuple[float, ...]
    values: tuple[float, ...]
    realised: tuple[tuple[float, float | None], ...]
    """(year, annual growth into that year) for each period in the target period."""
    recent: float | None
    """The latest realised growth, judged against the rate before the period is complete."""
    ratio: float | None
    status: Status
    method_status: str
    reason: str | None
    notes: tuple[str, ...]
    steps: tuple[Step, ...]

    def explain(self, *, unit: str | None = None, name: str | None = None) -> str:
        parts = [f"needs {percent(self.rate)} growth a year in {year(self.start)}-{year(self.end)}"]
        for when, g in self.realised:
            parts.append(f"grew {percent(g)} into {year(when)}" if g is not None else "")
        if self.recent is not None and not self.realised:
            parts.append(f"grew {percent(self.recent)} in the latest period")
        verdict = self.status.value.replace("_", " ")
        parts.append(verdict + (f": {self.reason}" if self.reason else ""))
        body = "; ".join(p for p in parts if p)
        return f"{name}: {body}" if name else body


def assess_growth_rate(
    years: Numbers,
    values: Numbers,
    *,
    rate: float,
    target_year: float,
    start_year: float | None = None,
    direction: str = "increase",
    as_of: float | None = None,
    thresholds: Mapping[str, float] | None = None,
) -> GrowthTargetAssessment:
    """Judge a growth rate per year over (start_year, target_year]; start defaults to T - 1."""
    d = direction_sign(direction)
    th = resolve_thresholds("statcan", thresholds)
    start = target_year - 1 if start_year is None else start_year
    if not start < target_year:
        raise ValueError("the start of a growth period must precede its end")
    prep = prepare(years, values, target_year=target_year, as_of=as_of, base_year=None)
    ys, vs = prep.years, prep.values
    realised = tuple(
        (ys[i], compound_rate(vs[i - 1], vs[i], ys[i] - ys[i - 1]))
        for i in range(1, len(ys))
        if start < ys[i] <= target_year
    )
    recent = compound_rate(vs[-2], vs[-1], ys[-1] - ys[-2]) if len(ys) >= 2 else None
    steps = tuple(
        Step(f"growth into {fmt(y)}", f"realised annual growth vs required {fmt(rate)}", g)
        for y, g in realised
    )
    notes = list(prep.notes)

    def result(
        status: Status, label: str, ratio: float | None = None, reason: str | None = None
    ) -> GrowthTargetAssessment:
        return GrowthTargetAssessment(
            rate,
            start,
            target_year,
            direction,
            ys,
            vs,
            realised,
            recent,
            ratio,
            status,
            label,
            reason,
            tuple(notes),
            steps,
        )

    if any(g is None for _, g in realised):
        return result(
            Status.NOT_ASSESSABLE, "not_available", reason="growth across zero or a sign change"
        )
    short = [(y, g) for y, g in realised if g is not None and d * (g - rate) < 0]
    if short:
        notes.append("short of the rate in " + ", ".join(fmt(y) for y, _ in short))
        _, label, ratio = _grade(short[-1][1], rate, d, th)
        return result(Status.MISSED, label, ratio)
    if realised and prep.deadline_reached:
        return result(Status.ACHIEVED, "target_achieved")
    if recent is None:
        why = "needs two figures to measure growth" if len(ys) < 2 else "growth across zero"
        return result(Status.NOT_ASSESSABLE, "not_available", reason=why)
    return result(*_grade(recent, rate, d, th))


def _grade(
    growth: float | None, rate: float, d: int, th: Mapping[str, float]
) -> tuple[Status, str, float | None]:
    """Statistics Canada's ratio with the rate as the required growth."""
    if growth is None:
        return Status.NOT_ASSESSABLE, "not_available", None
    if d * rate <= 0:
        met = d * (growth - rate) >= 0
        if met:
            return Status.ON_TRACK, "substantial_progress", None
        return Status.REGRESSING, "deterioration", None
    r = d * growth / abs(rate)
    name = statcan_label(
        r, th["substantial_progress"], th["moderate_progress"], th["limited_progress"]
    )
    return _LABEL_STATUS[name], name, r
