"""Which figures count: the one implementation of the evidence rules, on plain numbers.

The rules, in order (``targets.judge`` applies them to loaded figures through this function):

1. **Known by then.** With ``as_of``, a figure counts only if it was published by then. A
   figure with no publication date counts from the end of its period (it cannot be reported
   earlier); a forecast with none is shown, with a note.
2. **Forecasts never count as actuals.** They come back apart, to be shown beside the trend.
3. **Estimates count** (and values derived from growth statements) unless ``estimates=False``.
4. **One granularity.** When annual figures exist, finer ones (quarters, months, days) are set
   aside with a note, so a June stock is not read as a year's.
5. **One figure per period.** When several are given, a source named in ``prefer`` wins; else
   a reported figure beats a derived one; else the latest publication (then the later one
   given). A disagreement is a `Conflict`, reported.

A range figure is assessed at both ends by ``assess_ends``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from targets.engine._headline import Detail, Headline
from targets.engine._num import when
from targets.engine._result import Assessment, Result
from targets.engine._status import Status, worst
from targets.engine._step import Step

__all__ = [
    "KINDS",
    "C",
    "Candidate",
    "Conflict",
    "D",
    "EndsAssessment",
    "Given",
    "Selection",
    "assess_ends",
    "is_known",
    "select_figures",
]


KINDS: tuple[str, ...] = ("actual", "estimate", "derived", "forecast")


class Candidate(Protocol):
    """A figure as a conflict names it."""

    @property
    def conflict_label(self) -> str:
        """Its value and who said it when: '18 (e2022, 2022-10)'."""
        ...


C = TypeVar("C", bound=Candidate)
D = TypeVar("D", bound=Candidate)


@dataclass(frozen=True, slots=True)
class Conflict(Generic[C]):
    """Different values given for one period: every candidate, the one chosen, and why."""

    year: float
    period: str
    """The period as the report names it ('2021')."""
    figures: tuple[C, ...]
    """Every figure given for the period, the chosen one among them."""
    chosen: C
    rule: str
    """'source preference', 'reported over derived', 'latest publication', or, between
    figures published the same day, 'the later in the files (same publication date)'."""

    def on(self, figures: Callable[[C], D]) -> Conflict[D]:
        """The same conflict about other objects standing for the same figures."""
        return Conflict(
            self.year, self.period, tuple(figures(f) for f in self.figures), figures(self.chosen),
            self.rule,
        )  # fmt: skip

    def __str__(self) -> str:
        others = ", ".join(f.conflict_label for f in self.figures if f is not self.chosen)
        return f"{self.period}: {self.chosen.conflict_label} chosen by {self.rule} over {others}"


@dataclass(frozen=True, slots=True)
class Given:
    """One figure handed to `select_figures`, by its position in the input."""

    index: int
    year: float
    low: float
    high: float
    kind: str
    source: str
    published: float | None
    end: float
    """The end of its period: an undated figure counts from then."""
    annual: bool
    label: str
    """The value as stated, for conflicts."""
    period: str

    @property
    def conflict_label(self) -> str:
        who = self.source or "no source"
        return (
            f"{self.label} ({who}, {when(self.published)})"
            if self.published is not None
            else (f"{self.label} ({who})")
        )


@dataclass(frozen=True, slots=True)
class Selection:
    """The figures a verdict stands on (positions in the input, in time order) and everything
    set aside on the way."""

    chosen: tuple[int, ...]
    years: tuple[float, ...]
    values: tuple[float, ...]
    """The chosen figures' values (the low ends of ranges)."""
    forecasts: tuple[tuple[float, float], ...]
    """(year, value) of the known forecasts, shown beside the trend, never used as actuals."""
    forecast_indices: tuple[int, ...]
    conflicts: tuple[Conflict[Given], ...]
    unpublished: tuple[int, ...]
    """Figures not yet published at ``as_of``."""
    set_aside: tuple[int, ...]
    """Known figures not used: another vintage or source, a finer period, an estimate with
    ``estimates=False``."""
    notes: tuple[str, ...]


def select_figures(
    years: Sequence[float],
    values: Sequence[float],
    *,
    highs: Sequence[float] | None = None,
    kinds: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    published: Sequence[float | None] | None = None,
    ends: Sequence[float] | None = None,
    annual: Sequence[bool] | None = None,
    labels: Sequence[str] | None = None,
    periods: Sequence[str] | None = None,
    as_of: float | None = None,
    as_of_label: str | None = None,
    prefer: Sequence[str] = (),
    estimates: bool = True,
) -> Selection:
    """One figure per period from figures of several kinds, sources and editions (see the
    module docstring). Times are years as floats (``published`` and ``ends`` too); the
    optional texts only word notes and conflicts."""
    n = len(years)
    ks = list(kinds) if kinds is not None else ["actual"] * n
    bad = sorted({k for k in ks if k not in KINDS})
    if bad:
        raise ValueError(f"unknown figure kind(s) {bad}; valid: {', '.join(KINDS)}")
    given = (
        values,
        highs if highs is not None else values,
        ks,
        sources if sources is not None else [""] * n,
        published if published is not None else [None] * n,
        ends if ends is not None else years,
        annual if annual is not None else [True] * n,
        labels if labels is not None else [f"{v:g}" for v in values],
        periods if periods is not None else [when(y) for y in years],
    )
    if any(len(column) != n for column in given):
        raise ValueError("years, values and the other columns differ in length")
    pool = [
        Given(i, float(y), float(v), float(h), k, s, None if p is None else float(p),
              float(e), bool(a), label, period)
        for i, (y, v, h, k, s, p, e, a, label, period) in enumerate(zip(years, *given, strict=True))
    ]  # fmt: skip
    return _select(pool, as_of, as_of_label or when(as_of), prefer, estimates)


def is_known(published: float | None, kind: str, end: float, as_of: float | None) -> bool:
    """Whether a figure was known at `as_of` (rule 1): published by then, or undated and its
    period over by then (an undated forecast is always shown)."""
    if as_of is None:
        return True
    if published is not None:
        return published <= as_of
    return kind == "forecast" or end <= as_of


def _known(f: Given, as_of: float | None) -> bool:
    return is_known(f.published, f.kind, f.end, as_of)


def _counted(kind: str, estimates: bool) -> bool:
    """Whether a figure of this kind counts: actuals, and estimates unless told not
    (tested by kind: looking each figure up among those counted was quadratic)."""
    return kind == "actual" or (estimates and kind != "forecast")


def _select(
    pool: list[Given], as_of: float | None, as_of_label: str, prefer: Sequence[str],
    estimates: bool,
) -> Selection:  # fmt: skip
    notes: list[str] = []
    known = [f for f in pool if _known(f, as_of)]
    unpublished = tuple(f.index for f in pool if not _known(f, as_of))
    if unpublished:
        notes.append(f"{len(unpublished)} figure(s) published after {as_of_label} not used")
    forecasts = sorted((f for f in known if f.kind == "forecast"), key=_order)
    if as_of is not None and any(f.kind != "forecast" and f.published is None for f in known):
        notes.append("figures without a publication date count from the end of their period")
    if any(f.kind == "forecast" and f.published is None for f in known):
        notes.append("forecasts without a publication date are shown whatever the date")
    counted = [f for f in known if _counted(f.kind, estimates)]
    set_aside = [f for f in known if f.kind != "forecast" and not _counted(f.kind, estimates)]
    if set_aside:
        notes.append(f"{len(set_aside)} estimate(s) not counted (estimates: false)")
    if any(f.annual for f in counted):
        finer = [f for f in counted if not f.annual]
        if finer:
            labels = ", ".join(sorted({f.period for f in finer}))
            notes.append(f"sub-annual figures ({labels}) set aside beside annual ones")
            counted = [f for f in counted if f.annual]
            set_aside += finer
    by_year: dict[float, list[Given]] = {}
    for f in counted:
        by_year.setdefault(f.year, []).append(f)
    chosen: list[Given] = []
    conflicts: list[Conflict[Given]] = []
    for year in sorted(by_year):
        group = by_year[year]
        pick, rule = _choose(group, prefer)
        chosen.append(pick)
        set_aside += [f for f in group if f is not pick]
        if len({(f.low, f.high) for f in group}) > 1:
            conflicts.append(Conflict(year, pick.period, tuple(group), pick, rule))
    return Selection(
        chosen=tuple(f.index for f in chosen),
        years=tuple(f.year for f in chosen),
        values=tuple(f.low for f in chosen),
        forecasts=tuple((f.year, f.low) for f in forecasts),
        forecast_indices=tuple(f.index for f in forecasts),
        conflicts=tuple(conflicts),
        unpublished=unpublished,
        set_aside=tuple(f.index for f in set_aside),
        notes=tuple(notes),
    )


def _order(f: Given) -> tuple[float, float]:
    return (f.year, f.published if f.published is not None else -float("inf"))


def _choose(group: list[Given], prefer: Sequence[str]) -> tuple[Given, str]:
    if len(group) == 1:
        return group[0], "the only figure"
    ranked = [f for f in group if f.source in prefer]
    if ranked:
        best = min(prefer.index(f.source) for f in ranked)
        return _latest([f for f in ranked if prefer.index(f.source) == best]), "source preference"
    reported = [f for f in group if f.kind != "derived"]
    if reported and len(reported) < len(group):
        return _latest(reported), "reported over derived"
    pick = _latest(group)
    if any(f is not pick and f.published == pick.published for f in group):
        return pick, "the later in the files (same publication date)"
    return pick, "latest publication"


def _latest(group: list[Given]) -> Given:
    # max() keeps the first of equals; scanning reversed makes the later in the input win.
    return max(
        reversed(group), key=lambda f: f.published if f.published is not None else -float("inf")
    )


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

    @property
    def chosen(self) -> Result:
        """The end the status comes from: the worse one (the low end when they agree)."""
        return self.low if self.status is self.low.status else self.high

    @property
    def assessment(self) -> Assessment | None:
        return self.chosen.assessment

    @property
    def headline(self) -> Headline:
        return self.chosen.headline

    @property
    def details(self) -> Mapping[str, Detail]:
        return {
            **self.chosen.details,
            "ends_agree": self.agree,
            "low_end_status": self.low.status.value,
            "high_end_status": self.high.status.value,
        }

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
