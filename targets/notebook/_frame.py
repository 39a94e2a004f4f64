"""pandas DataFrames of a report and of figures (the ``notebook`` extra).

pandas is optional: the core installs and runs without it, and asking for a DataFrame
without it says which extra to install.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from targets._extras import require
from targets.engine import WORST_FIRST
from targets.judge import figure_dict

if TYPE_CHECKING:
    from pandas import DataFrame

    from targets.judge import Report, TargetResult
    from targets.rules import Figure

__all__ = [
    "CHANCE",
    "COLUMNS",
    "DETAILS",
    "FIGURE_COLUMNS",
    "NUMBERS",
    "figures_frame",
    "report_frame",
    "result_figures_frame",
]


TEXT = ("target", "entity", "name", "kind", "metric", "unit", "goal", "method", "method_status")
NUMBERS = (
    "target_value",
    "target_year",
    "latest_year",
    "latest_value",
    "base_year",
    "base_value",
    "growth_actual",
    "growth_required",
    "growth_required_now",
    "change_actual",
    "change_required",
    "change_required_now",
    "projected",
    "reach_year",
    "ratio",
    "progress",
    "score",
    "trajectory_gap",
    "slope",
)
CHANCE = ("chance", "chance_reach_low", "chance_reach_high")
"""The project's own reading (the JSON report's ``chance``), never a method's: the chance
of meeting the target by its deadline (0 to 1) and the years within which it is reached
(80 %); NaN without a reading."""
DETAILS = (
    "trajectory_value",
    "limit",
    "interpolated",
    "band_low",
    "band_high",
    "bound",
    "driving_milestone",
    "milestones_trajectory_value",
    "milestones_trajectory_gap",
    "hold_low",
    "hold_high",
    "hold_start",
    "hold_end",
    "rate",
    "growth_start",
    "growth_end",
    "recent",
    "first_reached",
)
"""The kinds' own numbers (a result's ``details``), one float column each; empty for the
kinds without them."""
COLUMNS = (
    *TEXT,
    "deadline",
    "severity",
    "status",
    "latest_period",
    *NUMBERS,
    "reaches",
    "projection",
    *CHANCE,
    *DETAILS,
    "explanation",
    "file",
    "line",
)
"""Every column, in order; ``target`` is the index (the frame's only copy of the id, so
``groupby("target")`` and ``reset_index()`` work). ``entity`` is the entity a ``for_each``
target was judged for (NA for a target judged once), so each row is one (target, entity)
pair: ``set_index("entity", append=True)`` makes that pair the index."""


def _reaches(reach_year: float | None) -> int | None:
    """The year the text report shows in 'reaches': the first whole year at or after the
    trend meets the target (a hair of tolerance for floating point), None past 9999."""
    if reach_year is None or not math.isfinite(reach_year):
        return None
    year = math.ceil(reach_year - 1e-9)
    return year if year < 10_000 else None


def _chance(data: dict[str, Any] | None) -> dict[str, float | None]:
    """The chance's columns from the JSON report's ``chance`` object (None: no reading)."""
    if data is None:
        return dict.fromkeys(CHANCE)
    reach = data["reach"]
    return {"chance": data["probability"], "chance_reach_low": reach["low"],
            "chance_reach_high": reach["high"]}  # fmt: skip


def report_frame(report: Report, *, detail: str = "full") -> DataFrame:
    """One row per result (a target, or a target and one entity of its ``for_each``), indexed
    by target id and typed: text as ``string``, statuses as an ordered category in the text
    report's order (worst first, so ``sort_values("status")`` lists them as `targets check`
    does and ``status <= "off_track"`` is off track or worse), every number of the JSON
    report as ``float64``, and ``reaches`` the whole year the text report shows.

    The rows are the JSON report's results at `detail` (`Report.to_dict`): ``full`` builds
    every result (about 3 ms each: 60,000 take minutes); ``compact`` reads the result
    columns, every status and headline number the same, the chance, the kinds' own numbers
    and the explanation missing (`Report.explain` gives them for any row); ``auto`` is
    compact above a thousand results."""
    pd = require("pandas")
    rows = []
    for data in report.to_dict(detail=detail)["results"]:
        latest = data["latest"] or {}
        details = data["details"] or {}
        rows.append(
            {
                **{key: data[key] for key in (*TEXT, *NUMBERS, "projection")},
                "deadline": data["deadline"],
                "severity": data["severity"],
                "status": data["status"],
                "latest_period": latest.get("period"),
                "reaches": _reaches(data["reach_year"]),
                **_chance(data["chance"]),
                **{key: details.get(key) for key in DETAILS},
                "explanation": data["explanation"],
                "file": data["source"]["file"],
                "line": data["source"]["line"],
            }
        )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in (*TEXT, "deadline", "latest_period", "projection", "explanation", "file"):
        frame[column] = frame[column].astype("string")
    for column in (*NUMBERS, *CHANCE, *DETAILS):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    frame["severity"] = pd.Categorical(frame["severity"], categories=["error", "warn"])
    frame["status"] = pd.Categorical(
        frame["status"], categories=[s.value for s in WORST_FIRST], ordered=True
    )
    frame["line"] = frame["line"].astype("Int64")
    frame["reaches"] = frame["reaches"].astype("Int64")
    indexed: DataFrame = frame.set_index("target")
    return indexed


FIGURE_COLUMNS = (
    "metric",
    "period",
    "time",
    "value",
    "low",
    "high",
    "unit",
    "stated",
    "kind",
    "entity",
    "source",
    "published",
    "change",
    "note",
)


def figures_frame(figures: Iterable[Figure]) -> DataFrame:
    """One row per figure, every vintage and kind, values in the metric's unit."""
    pd = require("pandas")
    rows = [
        {**figure_dict(f), "metric": f.metric, "unit": f.unit, "change": f.change, "note": f.note}
        for f in figures
    ]
    frame: DataFrame = pd.DataFrame(rows, columns=list(FIGURE_COLUMNS))
    for column in FIGURE_COLUMNS:
        if column in {"time", "value", "low", "high"}:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        else:
            frame[column] = frame[column].astype("string")
    frame["kind"] = pd.Categorical(
        frame["kind"], categories=["actual", "estimate", "derived", "forecast"]
    )
    return frame


def result_figures_frame(result: TargetResult) -> DataFrame:
    """Every figure one verdict considered, with a ``used`` column (False for figures set
    aside: another vintage, not yet published, sub-annual) and forecasts."""
    every = result.evidence.every
    frame = figures_frame(every)
    frame["used"] = [result.evidence.used(f) for f in every]
    return frame
