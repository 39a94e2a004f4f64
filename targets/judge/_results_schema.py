"""The JSON Schema of `targets check --format json`, generated from these models.

`Report.to_dict` builds the document (the JSON Lines report is its header, then
each result on a line); a test validates real output against this schema, so
the two cannot drift apart. ``schema_version`` changes only with an incompatible change.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ChanceOut",
    "ChangeOut",
    "Citation",
    "FigureOut",
    "OutlierOut",
    "ProgrammeOut",
    "ReachOut",
    "ResultOut",
    "ResultsDocument",
    "RuleLocation",
    "Status",
    "Tool",
    "results_json_schema",
]


Status = Literal[
    "achieved", "on_track", "at_risk", "off_track", "regressing", "missed", "not_assessable"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FigureOut(_Strict):
    period: str
    time: float = Field(description="Position on the time axis, in years")
    value: float | None = Field(description="None for a range: see low and high")
    low: float
    high: float
    stated: str = Field(description="As reported, with its unit")
    kind: Literal["actual", "estimate", "forecast", "derived"]
    entity: str | None
    source: str | None
    published: str | None


class RuleLocation(_Strict):
    file: str | None
    line: int | None
    column: int | None


class Citation(_Strict):
    source: str | None
    quote: str | None


class ReachOut(_Strict):
    low: float | None = Field(
        description="The first whole year by which the chance of that year's figure meeting "
        "the target reaches (1 - level) / 2; null when the latest figure already meets it, or "
        "not within 50 years"
    )
    high: float | None = Field(description="The same for (1 + level) / 2")
    level: float = Field(description="The interval's probability, 0.8 for 80 %")


class OutlierOut(_Strict):
    year: float
    value: float


class ChanceOut(_Strict):
    """The project's own reading, never an agency's: it does not change the status."""

    probability: float | None = Field(
        description="The chance (0 to 1) that the figure for target_year meets the target; "
        "null without a reading (see reason)"
    )
    reach: ReachOut = Field(description="The years within which the target is reached")
    model: Literal["linear", "log-linear"]
    target: float
    target_year: float
    points: int = Field(description="Figures read, from the base year on (an outlier aside)")
    outlier: OutlierOut | None = Field(description="The one figure left out as an outlier")
    trend_slope: float | None = Field(description="On the model's scale (ln for log-linear)")
    trend_spread: float | None
    walk_drift: float | None
    walk_spread: float | None
    walk_weight: float | None = Field(description="How much the random-walk reading counts")
    reason: str | None = Field(description="Why there is no probability, when there is none")
    notes: list[str]


class ResultOut(_Strict):
    target: str
    entity: str | None = Field(
        description="The entity judged, for a target judged for each entity (else null)"
    )
    name: str | None
    kind: str
    metric: str
    metric_name: str
    unit: str
    goal: str
    deadline: str | None
    target_value: float | None = Field(
        description="The level judged against, in the metric's unit (a milestone's, a bound)"
    )
    target_year: float | None = Field(description="The year the verdict is judged at")
    severity: Literal["error", "warn"]
    tags: list[str]
    owner: str | None
    status: Status
    method: str
    method_status: str
    latest: FigureOut | None = Field(description="The latest figure the verdict used")
    latest_year: float | None = Field(description="Year of the latest value used")
    latest_value: float | None = Field(
        description="The latest value used (for a count target, the count)"
    )
    base_year: float | None
    base_value: float | None
    growth_actual: float | None = Field(
        description="Compound annual growth achieved (fraction); null for ranks"
    )
    growth_required: float | None = Field(description="Over the whole programme (fraction)")
    growth_required_now: float | None = Field(description="From the latest figure (fraction)")
    change_actual: float | None = Field(
        description="Linear change a year achieved (units; Destatis: its mean of the last changes)"
    )
    change_required: float | None = Field(description="Linear, over the whole programme")
    change_required_now: float | None = Field(description="Linear, from the latest figure")
    slope: float | None = Field(description="Change a year behind a linear projection")
    projection: str | None = Field(description="'compound' or 'linear'")
    projected: float | None = Field(description="The trend's value at the deadline")
    reach_year: float | None = Field(description="When the trend reaches the target")
    trajectory_gap: float | None
    ratio: float | None = Field(
        description="The quantity the method graded its label on; null where it decided "
        "without one (a met target)"
    )
    progress: float | None = Field(
        description="The method's progress value, where its formula is defined (a met target "
        "included): Statistics Canada's R, or x without a target; UNSD's P"
    )
    score: float | None
    thresholds: dict[str, float]
    chance: ChanceOut | None = Field(
        description="The project's own reading of how likely the target is to be met by its "
        "deadline, and when (never an agency's; it does not change the status); null for "
        "kinds without one (holds, growth rates, yes/no) or without a target, and in a "
        "compact report"
    )
    details: dict[str, Any] | None = Field(
        description="The kind's own numbers beyond the headline: a band's bound, a hold's "
        "breaches, a growth target's rate per period, each milestone (null: compact)"
    )
    explanation: str | None = Field(description="The arithmetic in words (null: compact)")
    reason: str | None
    notes: list[str] | None = Field(description="null: compact")
    figures: list[FigureOut] | None = Field(
        description="The figures the verdict used (null: compact; they are the metric's "
        "rows for the entity in the input, and `targets explain` lists them)"
    )
    forecasts: list[FigureOut] | None = Field(description="null: compact")
    conflicts: list[str] | None = Field(description="null: compact")
    source: RuleLocation = Field(description="Where the rule is written")
    citation: Citation = Field(description="The source that states the target")


class ChangeOut(_Strict):
    target: str
    change: Literal["worse", "better", "changed", "moved", "new", "removed"]
    before: Status | None
    after: Status | None
    projected_before: float | None
    projected_after: float | None
    reach_year_before: float | None
    reach_year_after: float | None


class Tool(_Strict):
    name: Literal["targets"]
    version: str


class ProgrammeOut(_Strict):
    id: str | None
    name: str
    files: list[str]


class ResultsDocument(_Strict):
    """The JSON report of ``targets check``."""

    schema_version: Literal[1]
    tool: Tool
    programme: ProgrammeOut
    as_of: str | None = Field(description="Evaluation date; null: every figure counts")
    method: str | None = Field(description="The run's method override, if any")
    detail: Literal["full", "compact"] = Field(
        description="full: each result carries its figures and explanation; compact (by "
        "default above 1,000 results): those are null, the numbers all there"
    )
    summary: dict[str, int] = Field(description="Targets per status, and 'total'")
    results: list[ResultOut]
    changes: list[ChangeOut] | None = Field(
        description="Transitions since the --baseline run; null without one"
    )


def results_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the JSON report."""
    schema = ResultsDocument.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
