"""The JSON report's data: a `Report`, each `TargetResult` and each `Figure` as plain data.

`TargetResult.to_dict` returns it; the JSON renderer (`_document`) and the DataFrame
read it, so every number a result carries reaches both. Its schema is `_results_schema`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from targets.judge._chance import chance_dict
from targets.rules._figures import Figure

if TYPE_CHECKING:
    from targets.judge._result import TargetResult

__all__ = ["SCHEMA_VERSION", "figure_dict", "json_ready", "result_dict"]

SCHEMA_VERSION = 1
"""Version of the JSON document `Report.to_dict` returns; bumped on incompatible change."""


def json_ready(value: object) -> Any:
    """Tuples as lists and mappings as dicts, all the way down (a result's ``details``)."""
    if isinstance(value, Mapping):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [json_ready(v) for v in value]
    return value


def figure_dict(figure: Figure) -> dict[str, Any]:
    return {
        "period": figure.period.label,
        "time": figure.time,
        "value": figure.value,
        "low": figure.low,
        "high": figure.high,
        "stated": figure.stated,
        "kind": figure.kind,
        "entity": figure.entity,
        "source": figure.source.id if figure.source else None,
        "published": figure.published.label if figure.published else None,
    }


def result_dict(result: TargetResult) -> dict[str, Any]:
    """One result as JSON-ready data."""
    target, metric = result.target, result.metric
    location = result.location
    return {
        "target": target.id,
        "entity": result.entity,
        "name": target.name,
        "kind": target.kind,
        "metric": metric.id,
        "metric_name": metric.name,
        "unit": metric.unit,
        "goal": result.goal,
        "deadline": result.deadline,
        "target_value": result.target_value,
        "target_year": result.target_year,
        "severity": target.severity,
        "tags": list(target.tags),
        "owner": target.owner,
        "status": result.status.value,
        "method": result.method,
        "method_status": result.method_status,
        "latest": figure_dict(result.latest) if result.latest else None,
        "latest_year": result.latest_year,
        "latest_value": result.latest_value,
        "base_year": result.base_year,
        "base_value": result.base_value,
        "growth_actual": result.growth_actual,
        "growth_required": result.growth_required,
        "growth_required_now": result.growth_required_now,
        "change_actual": result.change_actual,
        "change_required": result.change_required,
        "change_required_now": result.change_required_now,
        "slope": result.slope,
        "projection": result.projection,
        "projected": result.projected,
        "reach_year": result.reach_year,
        "trajectory_gap": result.trajectory_gap,
        "ratio": result.ratio,
        "progress": result.progress,
        "score": result.score,
        "thresholds": dict(result.thresholds),
        "chance": chance_dict(result.chance),
        "details": json_ready(result.details),
        "explanation": result.explain(),
        "reason": result.reason,
        "notes": list(result.notes),
        "figures": [figure_dict(f) for f in result.figures],
        "forecasts": [figure_dict(f) for f in result.evidence.forecasts],
        "conflicts": [str(c) for c in result.conflicts],
        "source": {
            "file": location.path if location else None,
            "line": location.line if location else None,
            "column": location.col if location else None,
        },
        "citation": {"source": target.source, "quote": target.quote},
    }
