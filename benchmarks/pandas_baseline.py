"""The pandas script a planner would write by hand: Statistics Canada's ratio for every series.

Run: ``python benchmarks/pandas_baseline.py FIGURES.csv TARGETS.csv --out results.csv``.
FIGURES has the columns ``targets`` reads (``metric,[entity,]period,value,unit``); TARGETS is
the planner's table of targets (``metric,direction,target,base,by``; ``sdg_data.py`` writes
it beside each variant). Every series (a metric, or a metric and an entity) is judged on its
figures from the base year on, with the formulas of /work/shared/METHOD.md:
``g_a = (v_t / v_b) ** (1 / (t - b)) - 1``, ``g_r = (v* / v_b) ** (1 / (T - b)) - 1``,
``R = s * d * g_a / |g_r|``. Plain, idiomatic ``groupby().apply()``: the yardstick
``bench_scale.py`` holds ``targets check`` to, neither tuned nor made slow on purpose.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pandas as pd

ZERO = 0.001  # Statistics Canada replaces a zero base or target with this
COLUMNS = (
    "base_year",
    "base_value",
    "latest_year",
    "latest_value",
    "growth_actual",
    "growth_required",
    "ratio",
    "status",
    "method_status",
)


def assess(series: pd.DataFrame) -> pd.Series[Any]:
    """Statistics Canada's verdict on one series: its figures from the base year on, in order."""
    periods, values = series["period"], series["value"]
    target = series["target"].iloc[0] or ZERO
    result: dict[str, Any] = dict.fromkeys(COLUMNS, float("nan"))
    result["status"], result["method_status"] = "not_assessable", "not_available"
    d = 1 if series["direction"].iloc[0] == "higher" else -1
    t, v_t = periods.iloc[-1], values.iloc[-1]
    if len(series) < 2:  # the met test comes before the count of years, as the agency's code
        if d * (v_t - target) >= 0:
            result.update(latest_year=t, latest_value=v_t)
            result["status"], result["method_status"] = "achieved", "target_achieved"
        return pd.Series(result)
    b, v_b = periods.iloc[0], values.iloc[0] or ZERO
    s = -1 if v_b < 0 else 1
    g_a = (v_t / v_b) ** (1 / (t - b)) - 1
    g_r = (target / v_b) ** (1 / (series["by"].iloc[0] - b)) - 1
    result.update(base_year=b, base_value=v_b, latest_year=t, latest_value=v_t)
    result.update(growth_actual=g_a, growth_required=g_r)
    if d * (v_t - target) >= 0:
        result["status"], result["method_status"] = "achieved", "target_achieved"
    elif target != v_b:  # else the ratio is undefined: not assessable
        ratio = s * d * g_a / abs(g_r)
        result["ratio"] = ratio
        if ratio >= 0.95:
            result["status"], result["method_status"] = "on_track", "substantial_progress"
        elif ratio >= 0.60:
            result["status"], result["method_status"] = "at_risk", "moderate_progress"
        elif ratio >= 0:
            result["status"], result["method_status"] = "off_track", "limited_progress"
        else:
            result["status"], result["method_status"] = "regressing", "deterioration"
    return pd.Series(result)


def read(path: Path) -> pd.DataFrame:
    """Figures from CSV, or from Parquet (whose periods are text, as in the CSV)."""
    if path.suffix == ".parquet":
        figures = pd.read_parquet(path)
        figures["period"] = figures["period"].astype(int)
        return figures
    return pd.read_csv(path)


def judge(figures: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """One row of results per series (a metric, or a metric and an entity) with figures since
    its base year; a series without any is not in the results."""
    keys = ["metric", "entity"] if "entity" in figures.columns else ["metric"]
    data = figures.merge(goals, on="metric")
    data = data[data["period"] >= data["base"]].sort_values([*keys, "period"])
    results = data.groupby(keys).apply(assess)
    assert isinstance(results, pd.DataFrame)  # assess gives every series the same fields
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("figures", type=Path)
    parser.add_argument("targets", type=Path)
    parser.add_argument("--out", type=Path, default=Path("results.csv"))
    args = parser.parse_args()
    results = judge(read(args.figures), pd.read_csv(args.targets))
    results.to_csv(args.out)
    print(results["status"].value_counts().to_string())


if __name__ == "__main__":
    main()
