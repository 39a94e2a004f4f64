"""Hold a floor, a ceiling or a band every year over a period, judged the Destatis way.

Every figure in the period (up to as_of) is checked. A figure outside the bounds breaks the
promise to hold every year, so the target is missed from then on, whatever the current state;
the breached years are listed. Without a breach, while the period runs, the status follows the
latest figure and the five-year mean change projected to the end of the period: inside and
holding is sun (achieved), inside but heading out is sun behind cloud (achieved, with a
warning), outside but not moving away is cloud (off track), else thunderstorm (regressing).
With a breach, ``method_status`` keeps that symbol for the current state. Once the data reach
the end of the period the assessment ends: achieved when no figure in the period breached,
else missed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from targets.engine._destatis import mean_change, too_few
from targets.engine._edge import at_least, at_most
from targets.engine._explain import number, period, year
from targets.engine._headline import Detail, Headline
from targets.engine._num import finite, fmt, when
from targets.engine._refused import RefusedInputError
from targets.engine._series import Numbers, prepare
from targets.engine._status import Status
from targets.engine._step import Step
from targets.engine._thresholds import NO_THRESHOLDS, resolve_thresholds

__all__ = ["HoldAssessment", "assess_hold"]


@dataclass(frozen=True, slots=True)
class HoldAssessment:
    low: float | None
    high: float | None
    start: float
    end: float
    years: tuple[float, ...]
    values: tuple[float, ...]
    checked: tuple[float, ...]
    """Years of the figures inside the period (up to as_of)."""
    breaches: tuple[float, ...]
    """Years whose figure lay outside the bounds."""
    slope: float | None
    projected: float | None
    """The latest figure carried to the end of the period by the mean change."""
    status: Status
    method_status: str
    reason: str | None
    notes: tuple[str, ...]
    steps: tuple[Step, ...]
    thresholds: Mapping[str, float] = NO_THRESHOLDS
    """The method's thresholds as judged with (defaults merged with the overrides)."""

    @property
    def assessment(self) -> None:
        """A hold is judged year by year, not as one level: no `Assessment` stands for it."""
        return None

    @property
    def headline(self) -> Headline:
        return Headline(
            target_year=self.end,
            latest_year=self.years[-1] if self.years else None,
            latest_value=self.values[-1] if self.values else None,
            change_actual=self.slope,
            slope=self.slope,
            projection="linear" if self.projected is not None else None,
            projected=self.projected,
            thresholds=self.thresholds,
        )

    @property
    def details(self) -> Mapping[str, Detail]:
        return {
            "hold_low": self.low,
            "hold_high": self.high,
            "hold_start": self.start,
            "hold_end": self.end,
            "checked": self.checked,
            "breaches": self.breaches,
        }

    def explain(self, *, unit: str | None = None, name: str | None = None) -> str:
        u = f" {unit}" if unit else ""
        bounds = " and ".join(
            text
            for text, bound in (("at least ", self.low), ("at most ", self.high))
            if bound is not None
            for text in [f"{text}{number(bound)}{u}"]
        )
        parts = [f"to stay {bounds} every year {period(self.start, self.end)}"]
        if self.values:
            parts.append(f"at {number(self.values[-1])}{u} ({year(self.years[-1])})")
        broken = self.breaches and self.status is Status.MISSED
        if self.breaches and not broken:
            parts.append("breached in " + ", ".join(year(y) for y in self.breaches))
        elif self.checked and not self.breaches:
            parts.append(f"held in all {len(self.checked)} figures so far")
        if self.projected is not None:
            parts.append(f"the trend reaches {number(self.projected, 3)}{u} by {year(self.end)}")
        label = self.method_status.replace("_", " ")
        if broken:
            verdict = f"missed: {self._breach_text(u)}, so not held every year"
            if self.method_status == "ended":
                verdict += " (destatis: assessment ended)"
            else:
                verdict += f"; now {label}"
        else:
            verdict = f"{self.status.value.replace('_', ' ')} (destatis: {label})"
            verdict += f": {self.reason}" if self.reason else ""
        parts.append(verdict)
        body = "; ".join(parts)
        return f"{name}: {body}" if name else body

    def _breach_text(self, u: str) -> str:
        """ "below 45 in 2016, 2017 and above 50 in 2020"."""
        value = dict(zip(self.years, self.values, strict=True))
        sides = []
        for word, bound, sign in (("below", self.low, -1), ("above", self.high, 1)):
            if bound is None:
                continue
            hit = [y for y in self.breaches if sign * (value[y] - bound) > 0]
            if hit:
                sides.append(f"{word} {number(bound)}{u} in " + ", ".join(year(y) for y in hit))
        return " and ".join(sides)


def assess_hold(
    years: Numbers,
    values: Numbers,
    *,
    low: float | None = None,
    high: float | None = None,
    start: float,
    end: float,
    as_of: float | None = None,
    thresholds: Mapping[str, float] | None = None,
    structural_break: bool = False,
) -> HoldAssessment:
    """Judge "stay within [low, high] every year from start to end" (one bound may be None)."""
    if low is None and high is None:
        raise RefusedInputError("a hold target needs a floor, a ceiling or both")
    if low is not None and high is not None and low > high:
        raise RefusedInputError(f"a hold band needs low <= high, got {low} and {high}")
    if not (math.isfinite(start) and math.isfinite(end) and start <= end):
        raise RefusedInputError("a hold period needs finite start <= end")
    th = resolve_thresholds("destatis", thresholds)
    prep = prepare(years, values, target_year=None, as_of=as_of, base_year=None)
    lo = -math.inf if low is None else low
    hi = math.inf if high is None else high
    checked = tuple(y for y in prep.years if start <= y <= end)
    breaches = tuple(
        y
        for y, v in zip(prep.years, prep.values, strict=True)
        if start <= y <= end and not lo <= v <= hi
    )
    notes: list[str] = []
    if breaches:
        notes.append(
            "breached in " + ", ".join(when(y) for y in breaches) + ": not held every year, "
            "so missed whatever the current state"
        )
    if prep.years and prep.years[-1] < start:
        notes.append(f"the period starts in {when(start)}: judged on the latest figure")

    def result(
        status: Status,
        label: str,
        reason: str | None = None,
        *,
        slope: float | None = None,
        projected: float | None = None,
        steps: tuple[Step, ...] = (),
    ) -> HoldAssessment:
        if breaches and label != "suspended":  # a breach cannot be undone: missed
            if reason is not None:
                notes.append(f"destatis cannot judge the current state: {reason}")
            status, reason = Status.MISSED, None
        return HoldAssessment(
            low,
            high,
            start,
            end,
            prep.years,
            prep.values,
            checked,
            breaches,
            slope,
            projected,
            status,
            label,
            reason,
            tuple(notes),
            steps,
            th,
        )

    if structural_break:
        return result(
            Status.NOT_ASSESSABLE, "suspended", "assessment suspended: a structural break"
        )
    if not prep.years:
        return result(Status.NOT_ASSESSABLE, "not_assessed", prep.reason)
    if prep.years[-1] >= end:
        return result(Status.MISSED if breaches else Status.ACHIEVED, "ended")
    if prep.as_of is not None and prep.as_of >= end:
        notes.append(f"the data stop in {when(prep.years[-1])}, before the end {when(end)}")
    slope, step = mean_change(prep, th)
    if slope is None:
        return result(Status.NOT_ASSESSABLE, "not_assessed", too_few(th), steps=(step,))
    t, v_t = prep.years[-1], prep.values[-1]
    projected = finite(v_t + slope * (end - t))
    if projected is None:
        return result(Status.NOT_ASSESSABLE, "not_assessed", "the linear projection overflows")
    steps = (step, Step("p_end", f"{fmt(v_t)} + {fmt(slope)} * ({fmt(end)} - {fmt(t)})", projected))
    if lo <= v_t <= hi:
        if at_least(projected, lo) and at_most(projected, hi):  # on a bound, within rounding
            return result(Status.ACHIEVED, "sun", slope=slope, projected=projected, steps=steps)
        notes.append("the trend threatens a setback: it leaves the bounds by the end")
        return result(
            Status.ACHIEVED, "sun_behind_cloud", slope=slope, projected=projected, steps=steps
        )
    toward = slope >= 0 if v_t < lo else slope <= 0
    if toward:
        return result(Status.OFF_TRACK, "cloud", slope=slope, projected=projected, steps=steps)
    return result(Status.REGRESSING, "thunderstorm", slope=slope, projected=projected, steps=steps)
