"""One target's verdict, with the figures, method and arithmetic behind it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from targets.engine import Status, Step
from targets.judge._evidence import Conflict, Evidence
from targets.rules._errors import Location
from targets.rules._figures import Figure
from targets.rules._model import Metric
from targets.rules._targets import TargetBase


@dataclass(frozen=True, slots=True)
class Refusal:
    """Not assessable before any engine call, or the engine refused its inputs (a documented
    ValueError): the reason is said, under the method's own label for "not available"."""

    reason: str
    method_status: str = "not_available"
    status: Status = Status.NOT_ASSESSABLE
    notes: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()

    @classmethod
    def by(cls, method: str, reason: str) -> Refusal:
        return cls(reason, unavailable_label(method))

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
    outcome: Any
    """The engine's result for this kind (`targets.engine.Assessment`, `BandAssessment`, ...)."""
    evidence: Evidence
    location: Location | None = None
    extra_notes: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return self.target.id

    @property
    def kind(self) -> str:
        return self.target.kind

    @property
    def status(self) -> Status:
        status: Status = self.outcome.status
        return status

    @property
    def method_status(self) -> str:
        label: str = self.outcome.method_status
        return label

    @property
    def reason(self) -> str | None:
        reason: str | None = self.outcome.reason
        return reason

    @property
    def notes(self) -> tuple[str, ...]:
        conflicts = tuple(f"sources disagree for {c}" for c in self.evidence.conflicts)
        return (*self.extra_notes, *self.outcome.notes, *self.evidence.notes, *conflicts)

    @property
    def steps(self) -> tuple[Step, ...]:
        steps: tuple[Step, ...] = self.outcome.steps
        return steps

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        return self.evidence.conflicts

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The figures the verdict stands on, one per period."""
        return self.evidence.figures

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
        year = getattr(self.assessment, "latest_year", None)
        if year is None and hasattr(self.outcome, "realised"):  # a growth-rate target
            measured = [y for y, g in self.outcome.realised if g is not None]
            year = max(measured) if measured else None
        if year is None and self.evidence.latest is not None and self.kind != "count":
            year = self.evidence.latest.time
        return float(year) if year is not None else None

    @property
    def latest_value(self) -> float | None:
        """The latest value the verdict used: a figure, or for a count target the count."""
        value = getattr(self.assessment, "latest_value", None)
        if value is not None:
            return float(value)
        figure = self.latest
        return figure.value if figure is not None else None

    @property
    def assessment(self) -> Any:
        """The engine `Assessment` behind the headline numbers, where the kind has one."""
        return lead(self.outcome)

    def _number(self, name: str) -> float | None:
        lead_assessment = self.assessment
        value = getattr(lead_assessment, name, None) if lead_assessment is not None else None
        return float(value) if value is not None else None

    def _growth(self, name: str) -> float | None:
        # a rank has no growth rate: its change is in places a year (the change_* numbers)
        return None if self.kind == "rank" else self._number(name)

    @property
    def growth_actual(self) -> float | None:
        """Compound growth a year achieved since the base year (0.049 is 4.9 %)."""
        return self._growth("growth_actual")

    @property
    def growth_required(self) -> float | None:
        """Compound growth a year the whole programme requires, from the base year."""
        return self._growth("growth_required")

    @property
    def growth_required_now(self) -> float | None:
        """Compound growth a year still required, from the latest figure to the deadline."""
        return self._growth("growth_required_now")

    @property
    def change_actual(self) -> float | None:
        """Linear change a year achieved, in the metric's unit (places a year for ranks);
        for Destatis, the five-year mean change its projection uses."""
        if getattr(self.assessment, "method", None) == "destatis":
            return self._number("slope")
        return self._number("growth_actual_linear")

    @property
    def change_required(self) -> float | None:
        return self._number("growth_required_linear")

    @property
    def change_required_now(self) -> float | None:
        """Linear change a year still required, in the metric's unit."""
        return self._number("growth_required_now_linear")

    @property
    def projected(self) -> float | None:
        return self._number("projected")

    @property
    def reach_year(self) -> float | None:
        return self._number("reach_year")

    @property
    def ratio(self) -> float | None:
        return self._number("ratio")

    @property
    def score(self) -> float | None:
        return self._number("score")

    @property
    def deadline(self) -> str | None:
        deadline = self.target.deadline
        return deadline.label if deadline is not None else None

    def what_if(self, growth: float | Sequence[float]) -> Any:
        """Where the metric lands, and when it meets the target, at `growth` a year from now
        (a fraction, 0.12 for 12 %; units a year for ranks): one `Scenario`, or a tuple."""
        from targets.judge._whatif import what_if  # noqa: PLC0415

        return what_if(self, growth)

    def chart(self, scenarios: Sequence[float] = ()) -> Any:
        """What a chart of this target draws, as data (`targets.render._chart.Chart`)."""
        from targets.judge._whatif import scenario  # noqa: PLC0415
        from targets.render._chart import chart_of  # noqa: PLC0415

        return chart_of(self, tuple(scenario(self, g) for g in scenarios))

    def to_dict(self) -> dict[str, Any]:
        """This result as JSON-ready data (one entry of the JSON report's ``results``)."""
        from targets.judge._report import result_dict  # noqa: PLC0415

        return result_dict(self)

    def to_frame(self) -> Any:
        """The figures behind this verdict as a DataFrame, with a ``used`` column (False for
        figures set aside: another vintage, not yet published, sub-annual) and forecasts."""
        from targets.notebook._frame import figures_frame  # noqa: PLC0415

        every = self.evidence.every
        frame = figures_frame(every)
        frame["used"] = [self.evidence.used(f) for f in every]
        return frame

    def _repr_html_(self) -> str:
        from targets.notebook._repr import result_html  # noqa: PLC0415
        from targets.render._svg import chart_svg  # noqa: PLC0415

        return result_html(self, chart=chart_svg(self.chart()))

    def plot(self, *, scenarios: Sequence[float] = (), **options: Any) -> Any:
        """This target's chart (matplotlib, from ``targets[notebook]``): history, promised
        path, trend, target, and what-if `scenarios` (growth rates a year) beside the trend."""
        from targets.notebook._plot import plot_result  # noqa: PLC0415

        return plot_result(self, scenarios=scenarios, **options)

    def explain(self) -> str:
        """One paragraph in plain language: needed, achieved, where the trend leads, verdict."""
        from targets.rules._words import unit_words  # noqa: PLC0415

        if self.kind == "count":
            unit = getattr(self.target, "entities", None) or "entities"
        else:
            unit = unit_words(self.metric.unit)
        text: str = self.outcome.explain(unit=unit, name=None)
        return text

    def __repr__(self) -> str:
        return f"<TargetResult {self.id}: {self.status} ({self.method} {self.method_status})>"


def unavailable_label(method: str) -> str:
    """Each method's own word for "not assessable" (the last of its labels)."""
    from targets.engine import METHOD_LABELS  # noqa: PLC0415

    labels = METHOD_LABELS.get(method)
    if labels:
        return labels[-1]
    return "not_reached" if method == "binary" else "not_available"


def lead(outcome: Any) -> Any:
    """The `Assessment` whose numbers stand for a result of any kind (None for yes/no)."""
    from targets.engine import Assessment  # noqa: PLC0415 - numpy on first use

    if isinstance(outcome, Assessment):
        return outcome
    inner = getattr(outcome, "assessment", None)
    if isinstance(inner, Assessment):
        return inner
    milestones = getattr(outcome, "milestones", None)
    if milestones:
        return lead(milestones[outcome.driving])
    low, high = getattr(outcome, "low", None), getattr(outcome, "high", None)
    if low is not None and hasattr(low, "status") and hasattr(high, "status"):
        return lead(low if outcome.status is low.status else high)
    return None
