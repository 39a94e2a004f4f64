"""pandas DataFrames of a report and of figures (the ``notebook`` extra).

pandas is optional: the core installs and runs without it, and asking for a DataFrame
without it says which extra to install.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from targets.judge._report import Report
    from targets.rules._figures import Figure

EXTRA_HINT = "pip install 'targets[notebook]'"


def require(module: str) -> Any:
    """Import an optional dependency, or say which extra brings it."""
    import importlib  # noqa: PLC0415

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"this needs {module.split('.', maxsplit=1)[0]}: {EXTRA_HINT}") from None


TEXT = ("target", "name", "kind", "metric", "unit", "goal", "method", "method_status")
NUMBERS = (
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
    "score",
    "trajectory_gap",
)
COLUMNS = (
    *TEXT,
    "deadline",
    "severity",
    "status",
    "latest_period",
    *NUMBERS,
    "explanation",
    "file",
    "line",
)


def report_frame(report: Report) -> Any:
    """One row per target, typed: text as ``string``, statuses as an ordered category."""
    pd = require("pandas")
    from targets.judge._report import STATUS_ORDER, result_dict  # noqa: PLC0415

    rows = []
    for result in report:
        data = result_dict(result)
        latest = data["latest"] or {}
        lead = result.assessment
        rows.append(
            {
                **{key: data[key] for key in ("target", "name", "kind", "metric", "unit", "goal")},
                "method": data["method"],
                "method_status": data["method_status"],
                "deadline": data["deadline"],
                "severity": data["severity"],
                "status": data["status"],
                "latest_period": latest.get("period"),
                "latest_year": data["latest_year"],
                "latest_value": data["latest_value"],
                **{key: data.get(key) for key in NUMBERS if key in data},
                "trajectory_gap": getattr(lead, "trajectory_gap", None),
                "explanation": data["explanation"],
                "file": data["source"]["file"],
                "line": data["source"]["line"],
            }
        )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in (*TEXT, "deadline", "latest_period", "explanation", "file"):
        frame[column] = frame[column].astype("string")
    for column in NUMBERS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    frame["severity"] = pd.Categorical(frame["severity"], categories=["error", "warn"])
    frame["status"] = pd.Categorical(
        frame["status"], categories=[s.value for s in STATUS_ORDER], ordered=True
    )
    frame["line"] = frame["line"].astype("Int64")
    return frame.set_index("target", drop=False)


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


def figures_frame(figures: Iterable[Figure]) -> Any:
    """One row per figure, every vintage and kind, values in the metric's unit."""
    pd = require("pandas")
    from targets.judge._report import figure_dict  # noqa: PLC0415

    rows = [
        {**figure_dict(f), "metric": f.metric, "unit": f.unit, "change": f.change, "note": f.note}
        for f in figures
    ]
    frame = pd.DataFrame(rows, columns=list(FIGURE_COLUMNS))
    for column in FIGURE_COLUMNS:
        if column in {"time", "value", "low", "high"}:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        else:
            frame[column] = frame[column].astype("string")
    frame["kind"] = pd.Categorical(
        frame["kind"], categories=["actual", "estimate", "derived", "forecast"]
    )
    return frame
