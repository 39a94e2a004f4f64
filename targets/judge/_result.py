"""One target's verdict, with the figures, method and arithmetic behind it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

from targets.engine import (
    METHOD_LABELS,
    Assessment,
    Chance,
    Conflict,
    Detail,
    Headline,
    Result,
    Status,
    Step,
)
from targets.judge._evidence import Evidence
from targets.judge._export import result_dict
from targets.judge._whatif import Rate, Rates, Scenario, scenario, what_if
from targets.rules._errors import Location
from targets.rules._figures import Figure
from targets.rules._model import Metric
from targets.rules._targets import CountTarget, TargetBase
from targets.rules._words import unit_words

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure as PlotFigure

    from targets.render import Chart

__all__ = ["Refusal", "TargetResult", "unavailable_label"]


@dataclass(frozen=True, slots=True)
class Refusal:
    """Not assessable before any engine call, or the engine refused its inputs (its
    `RefusedInputError`): the reason is said, under the method's own label for "not
    available". Meets the engine's `Result` protocol, with no numbers."""

    reason: str
    method_status: str = "not_available"
    status: Status = Status.NOT_ASSESSABLE
    notes: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()

    @classmethod
    def by(cls, method: str, reason: str) -> Refusal:
        return cls(reason, unavailable_label(method))

    @property
    def assessment(self) -> None:
        """None: a refusal has no engine `Assessment`."""
        return None

    @property
    def headline(self) -> Headline:
        """An empty `Headline`: a refusal has no numbers."""
        return Headline()

    @property
    def details(self) -> Mapping[str, Detail]:
        """No details: a refusal has no numbers."""
        return {}

    def explain(self, *, unit: str | None = None, name: str | None = None) -> str:
        text = f"not assessable: {self.reason}"
        return f"{name}: {text}" if name else text


@dataclass(frozen=True)
class TargetResult:
    """A target judged: status in both vocabularies, the numbers, and why."""

    target: TargetBase
    metric: Metric
    method: str
    goal: str
    """The target in words: 'at least 100,000 firm by 2025'."""
    outcome: Result
    """The engine's result for this kind (`Assessment`, `BandAssessment`, `HoldAssessment`,
    ...), or a `Refusal`: every one meets the engine's `Result` protocol."""
    evidence: Evidence
    location: Location | None = None
    extra_notes: tuple[str, ...] = field(default=())
    entity: str | None = None
    """The entity this result is for, when the target is judged ``for_each`` entity."""

    @property
    def id(self) -> str:
        """The target's id (shared by every entity of a ``for_each`` target)."""
        return self.target.id

    @property
    def key(self) -> str:
        """What names this result in a report: the id, or ``id[entity]`` for one entity."""
        return self.id if self.entity is None else f"{self.id}[{self.entity}]"

    @property
    def kind(self) -> str:
        """The target's kind: level, band, relative, milestones, hold, growth, rank, count,
        direction or binary."""
        return self.target.kind

    @property
    def status(self) -> Status:
        """The common status (achieved ... missed, or not_assessable), comparable across methods."""
        return self.outcome.status

    @property
    def method_status(self) -> str:
        """The status in the method's own words ('limited_progress')."""
        return self.outcome.method_status

    @property
    def reason(self) -> str | None:
        """Why the target is not assessable (or a method's caveat); None otherwise."""
        return self.outcome.reason

    @property
    def notes(self) -> tuple[str, ...]:
        """The engine's notes, the evidence's, and each conflict between sources."""
        conflicts = tuple(f"sources disagree for {c}" for c in self.evidence.conflicts)
        return (*self.extra_notes, *self.outcome.notes, *self.evidence.notes, *conflicts)

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step of the arithmetic, to redo by hand."""
        return self.outcome.steps

    @property
    def conflicts(self) -> tuple[Conflict[Figure], ...]:
        """Periods for which sources give different values, and which one was used."""
        return self.evidence.conflicts

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The figures the verdict stands on, one per period."""
        return self.evidence.figures

    @property
    def headline(self) -> Headline:
        """The numbers reports show, whatever the kind (see `targets.engine.Headline`)."""
        return self.outcome.headline

    @property
    def details(self) -> Mapping[str, Detail]:
        """The kind's own numbers beyond the headline: a band's bound, a hold's breaches."""
        return self.outcome.details

    @property
    def assessment(self) -> Assessment | None:
        """The engine `Assessment` behind the headline numbers, where the kind has one."""
        return self.outcome.assessment

    @property
    def chance(self) -> Chance | None:
        """The project's own reading (never the method's): how likely the figure for the
        target year is to meet the target, and when it is reached. None for kinds without an
        `Assessment` (holds, growth rates, yes/no) or without a target; a `Chance` whose
        ``probability`` is None says why in its ``reason``."""
        assessment = self.assessment
        return assessment.chance if assessment is not None else None

    @property
    def latest(self) -> Figure | None:
        """The latest figure the verdict used (up to the deadline once it has passed); None
        for a count target, whose latest value is a count (see `latest_value`)."""
        if self.kind == "count":
            return None
        year = self.latest_year
        if year is not None:
            for figure in reversed(self.evidence.figures):
                if figure.time == year:
                    return figure
        return self.evidence.latest

    @property
    def latest_year(self) -> float | None:
        """The year of the latest value the verdict used."""
        year = self.headline.latest_year
        if year is None and self.evidence.latest is not None and self.kind != "count":
            year = self.evidence.latest.time
        return year

    @property
    def latest_value(self) -> float | None:
        """The latest value the verdict used: a figure, or for a count target the count."""
        value = self.headline.latest_value
        if value is not None:
            return value
        figure = self.latest
        return figure.value if figure is not None else None

    @property
    def target_value(self) -> float | None:
        """The level the verdict is judged against, in the metric's unit (a band's bound, the
        driving milestone's level, a count's number); None for kinds without one."""
        return self.headline.target

    @property
    def target_year(self) -> float | None:
        """The year the verdict is judged at (the driving milestone's, for milestones)."""
        return self.headline.target_year

    @property
    def base_year(self) -> float | None:
        """The year progress is measured from."""
        return self.headline.base_year

    @property
    def base_value(self) -> float | None:
        """The value at the base year."""
        return self.headline.base_value

    @property
    def growth_actual(self) -> float | None:
        """Compound growth a year achieved since the base year (0.049 is 4.9 %); for a
        growth-rate target, the latest period's growth."""
        return self.headline.growth_actual

    @property
    def growth_required(self) -> float | None:
        """Compound growth a year the whole programme requires, from the base year."""
        return self.headline.growth_required

    @property
    def growth_required_now(self) -> float | None:
        """Compound growth a year still required, from the latest figure to the deadline."""
        return self.headline.growth_required_now

    @property
    def change_actual(self) -> float | None:
        """Linear change a year achieved, in the metric's unit (places a year for ranks);
        for Destatis and holds, the five-year mean change its projection uses."""
        return self.headline.change_actual

    @property
    def change_required(self) -> float | None:
        """Linear change a year the whole programme requires, in the metric's unit."""
        return self.headline.change_required

    @property
    def change_required_now(self) -> float | None:
        """Linear change a year still required, in the metric's unit."""
        return self.headline.change_required_now

    @property
    def slope(self) -> float | None:
        """Change a year behind a linear projection."""
        return self.headline.slope

    @property
    def projection(self) -> str | None:
        """How the trend is carried forward: 'compound' or 'linear'."""
        return self.headline.projection

    @property
    def projected(self) -> float | None:
        """Where the trend leads by the deadline."""
        return self.headline.projected

    @property
    def reach_year(self) -> float | None:
        """When the trend meets the target (None: never, or already met)."""
        return self.headline.reach_year

    @property
    def trajectory_gap(self) -> float | None:
        """The latest value minus the path the programme promised, at the latest year."""
        return self.headline.trajectory_gap

    @property
    def ratio(self) -> float | None:
        """The method's progress ratio (Statistics Canada's R)."""
        return self.headline.ratio

    @property
    def progress(self) -> float | None:
        """The method's progress value (Statistics Canada's R, or x without a target), also
        where the label was decided without it, as the agency publishes it; see
        `targets.engine.Assessment.progress`."""
        return self.headline.progress

    @property
    def score(self) -> float | None:
        """The method's score, where it has one (Statistics Canada's indicator score)."""
        return self.headline.score

    @property
    def thresholds(self) -> Mapping[str, float]:
        """The method's thresholds this verdict used, overrides included."""
        return self.headline.thresholds

    @property
    def deadline(self) -> str | None:
        """The target's deadline as written ('2025'); None for an open-ended target."""
        deadline = self.target.deadline
        return deadline.label if deadline is not None else None

    @overload
    def what_if(self, growth: Rate) -> Scenario: ...
    @overload
    def what_if(self, growth: Rates) -> tuple[Scenario, ...]: ...
    def what_if(self, growth: Rate | Rates) -> Scenario | tuple[Scenario, ...]:
        """Where the metric lands, and when it meets the target, at `growth` a year from its
        latest figure (a fraction, 0.12 for 12 %; units a year for ranks; a numpy number or
        array too): one `Scenario`, or a tuple for several rates."""
        return what_if(self, growth)

    def chart(self, scenarios: Rates = ()) -> Chart:
        """What a chart of this target draws, as data (`targets.render.Chart`)."""
        from targets.render import chart_of  # noqa: PLC0415 - a convenience method, a layer up

        return chart_of(self, tuple(scenario(self, g) for g in scenarios))

    def rate_chart(self) -> Chart | None:
        """For a growth-rate target, a chart of the rate (achieved into each year against the
        rate required); None for other kinds."""
        from targets.render import rate_chart_of  # noqa: PLC0415 - a convenience, a layer up

        return rate_chart_of(self)

    def to_dict(self) -> dict[str, Any]:
        """This result as JSON-ready data (one entry of the JSON report's ``results``)."""
        return result_dict(self)

    def to_frame(self) -> pd.DataFrame:
        """The figures behind this verdict as a DataFrame, with a ``used`` column (False for
        figures set aside: another vintage, not yet published, sub-annual) and forecasts."""
        from targets.notebook import result_figures_frame  # noqa: PLC0415 - a layer up

        return result_figures_frame(self)

    def _repr_html_(self) -> str:
        from targets.notebook import result_html  # noqa: PLC0415 - a convenience, a layer up

        return result_html(self)

    def plot(self, *, scenarios: Rates = (), **options: Any) -> PlotFigure:
        """This target's chart (matplotlib, from ``targets[notebook]``): history, promised
        path, trend, target, and what-if `scenarios` (growth rates a year) beside the trend."""
        from targets.notebook import plot_result  # noqa: PLC0415 - a convenience, a layer up

        return plot_result(self, scenarios=scenarios, **options)

    def explain(self) -> str:
        """One paragraph in plain language: needed, achieved, where the trend leads, verdict."""
        unit: str | None
        if isinstance(self.target, CountTarget):
            unit = self.target.entities or "entities"
        else:
            unit = unit_words(self.metric.unit)
        return self.outcome.explain(unit=unit, name=None)

    def __repr__(self) -> str:
        return f"<TargetResult {self.key}: {self.status} ({self.method} {self.method_status})>"


def unavailable_label(method: str) -> str:
    """Each method's own word for "not assessable" (the last of its labels)."""
    labels = METHOD_LABELS.get(method)
    if labels:
        return labels[-1]
    return "not_reached" if method == "binary" else "not_available"
