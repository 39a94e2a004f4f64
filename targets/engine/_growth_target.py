"""Growth-rate targets ("IT revenue to grow 9.2 % in 2022").

Judged on the realised growth between consecutive figures whose later year falls in the target
period (start, end]; a gap of several years is annualised. Any realised period short of the rate
is missed (its deadline has passed); all realised periods meeting it, with the data reaching the
end, is achieved. Before that, the most recent realised growth (between the last two figures)
plays g_a against the required rate in Statistics Canada's ratio R = d * g / |rate| with its
thresholds and labels, when the rate asks for movement in the desired direction (d * rate > 0);
otherwise meeting the rate is on track and missing it is regressing.

Growth-rate targets are always judged with Statistics Canada's ratio and labels, so
``thresholds`` are Statistics Canada's (``substantial_progress``, ``moderate_progress``,
``limited_progress`` matter here); another method's names are refused with a message saying so.
A period whose two figures are not of one sign (a zero counts) has no growth rate: the
result is not assessable, with the reason said. A fall to zero is the exception: -100 %.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from targets.engine._assess import direction_sign
from targets.engine._edge import at_least, below
from targets.engine._explain import percent, period, status_text, year
from targets.engine._growth import compound_rate, sign_break, sign_break_text
from targets.engine._headline import Detail, Headline
from targets.engine._num import finite, fmt, when
from targets.engine._refused import RefusedInputError
from targets.engine._series import Numbers, prepare
from targets.engine._statcan import label as statcan_label
from targets.engine._status import Status
from targets.engine._step import Step
from targets.engine._thresholds import NO_THRESHOLDS, resolve_thresholds

__all__ = ["GrowthTargetAssessment", "assess_growth_rate", "growth_thresholds"]


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
    thresholds: Mapping[str, float] = NO_THRESHOLDS
    """The method's thresholds as judged with (defaults merged with the overrides)."""

    @property
    def assessment(self) -> None:
        """A growth rate is judged period by period: no level `Assessment` stands for it."""
        return None

    @property
    def headline(self) -> Headline:
        measured = [at for at, g in self.realised if g is not None]
        latest = max(measured) if measured else (self.years[-1] if self.years else None)
        value = dict(zip(self.years, self.values, strict=True)).get(latest) if latest else None
        return Headline(
            target_year=self.end,
            latest_year=latest,
            latest_value=value,
            growth_actual=self.recent,
            growth_required=self.rate,
            growth_required_now=self.rate,
            ratio=self.ratio,
            progress=self.ratio,  # the ratio it grades on is its progress value
            thresholds=self.thresholds,
        )

    @property
    def details(self) -> Mapping[str, Detail]:
        return {
            "rate": self.rate,
            "growth_start": self.start,
            "growth_end": self.end,
            "recent": self.recent,
            "realised": tuple({"year": at, "growth": g} for at, g in self.realised),
        }

    def explain(self, *, unit: str | None = None, name: str | None = None) -> str:
        size = percent(self.rate)
        if self.direction == "increase":
            need = f"{size} growth" if self.rate >= 0 else f"a fall of at most {size}"
        else:
            need = f"growth of at most {size}" if self.rate >= 0 else f"a fall of at least {size}"
        parts = [f"needs {need} a year in {period(self.start, self.end)}"]
        for at, g in self.realised:
            parts.append(f"{_moved(g)} into {year(at)}" if g is not None else "")
        if self.recent is not None and not self.realised:
            parts.append(f"{_moved(self.recent)} in the latest period")
        short = [at for at, g in self.realised if g is not None and self._short(g)]
        if self.status is Status.MISSED and short:
            label = self.method_status.replace("_", " ")
            verdict = (
                f"missed: short of {percent(self.rate)} in {', '.join(year(y) for y in short)} "
                f"(the statcan trend label was: {label})"
            )
        else:
            verdict = status_text(self.status, "statcan", self.method_status)
        parts.append(verdict + (f": {self.reason}" if self.reason else ""))
        body = "; ".join(p for p in parts if p)
        return f"{name}: {body}" if name else body

    def _short(self, g: float) -> bool:
        d = 1 if self.direction == "increase" else -1
        return below(d * g, d * self.rate)


def _moved(g: float) -> str:
    return f"grew {percent(g)}" if g >= 0 else f"fell {percent(g)}"


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
    th = growth_thresholds(thresholds)
    start = target_year - 1 if start_year is None else start_year
    if not start < target_year:
        raise RefusedInputError("the start of a growth period must precede its end")
    prep = prepare(years, values, target_year=target_year, as_of=as_of, base_year=None)
    ys, vs = prep.years, prep.values
    periods = [i for i in range(1, len(ys)) if start < ys[i] <= target_year]
    realised = tuple((ys[i], _growth(ys, vs, i)) for i in periods)
    recent = _growth(ys, vs, len(ys) - 1) if len(ys) >= 2 else None
    steps = tuple(
        Step(
            f"growth into {when(ys[i])}",
            f"({fmt(vs[i])} / {fmt(vs[i - 1])}) ** (1 / ({fmt(ys[i])} - {fmt(ys[i - 1])})) - 1"
            f" vs required {fmt(rate)}",
            g,
        )
        for i, (_, g) in zip(periods, realised, strict=True)
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
            th,
        )

    broken = [brk for i in periods if (brk := sign_break(ys[i - 1 : i + 1], vs[i - 1 : i + 1]))]
    if broken:
        why = f"{sign_break_text(broken[0])}: growth is undefined"
        return result(Status.NOT_ASSESSABLE, "not_available", reason=why)
    if any(g is None for _, g in realised):
        return result(Status.NOT_ASSESSABLE, "not_available", reason="the growth rate overflows")
    short = [(y, g) for y, g in realised if g is not None and below(d * g, d * rate)]
    if short:
        notes.append("short of the rate in " + ", ".join(when(y) for y, _ in short))
        _, label, ratio = _grade(short[-1][1], rate, d, th)
        return result(Status.MISSED, label, ratio)
    if realised and prep.deadline_reached:
        return result(Status.ACHIEVED, "target_achieved")
    if recent is None:
        if len(ys) < 2:
            why = "needs two figures to measure growth"
        else:
            brk = sign_break(ys[-2:], vs[-2:])
            why = "the growth rate overflows" if brk is None else sign_break_text(brk)
            why += ": growth is undefined" if brk is not None else ""
        return result(Status.NOT_ASSESSABLE, "not_available", reason=why)
    return result(*_grade(recent, rate, d, th))


def growth_thresholds(thresholds: Mapping[str, float] | None) -> Mapping[str, float]:
    """Statistics Canada's thresholds with `thresholds` over them: the only ones a growth
    rate is graded by (another method's names are refused, saying so)."""
    try:
        return resolve_thresholds("statcan", thresholds)
    except ValueError as exc:
        raise ValueError(
            f"growth-rate targets use Statistics Canada's thresholds ({exc})"
        ) from None


def _growth(ys: tuple[float, ...], vs: tuple[float, ...], i: int) -> float | None:
    """Annual growth into figure i; None where the two figures are not of one sign (a fall to
    zero is -1)."""
    if sign_break(ys[i - 1 : i + 1], vs[i - 1 : i + 1]) is not None:
        return None
    return compound_rate(vs[i - 1], vs[i], ys[i] - ys[i - 1])


def _grade(
    growth: float | None, rate: float, d: int, th: Mapping[str, float]
) -> tuple[Status, str, float | None]:
    """Statistics Canada's ratio with the rate as the required growth."""
    if growth is None:
        return Status.NOT_ASSESSABLE, "not_available", None
    if d * rate <= 0:
        met = at_least(d * growth, d * rate)
        if met:
            return Status.ON_TRACK, "substantial_progress", None
        return Status.REGRESSING, "deterioration", None
    r = d * growth / abs(rate)
    name = statcan_label(
        r, th["substantial_progress"], th["moderate_progress"], th["limited_progress"]
    )
    return _LABEL_STATUS[name], name, finite(r)  # an overflowing ratio still grades, stored None
