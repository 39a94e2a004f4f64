"""Every series in Statistics Canada's published sample: label, score and progress value agree.

The rows are the agency's own inputs and outputs (see ``data/README.md``); the engine must give
the same label, the same score and the same progress value (R with a target, x without) to
within rounding, for achieved series, single figures and zero latest values alike.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from targets.engine import METHOD_LABELS, Assessment, Status, assess, assess_batch

SAMPLE = Path(__file__).parent / "data" / "statcan-published-sample.jsonl"
ROWS: list[dict[str, Any]] = [
    json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line
]


def _run(row: dict[str, Any]) -> Assessment:
    """The row's figures through ``assess``: none, one (base year = current year) or two."""
    if row["base_value"] is None:
        years: list[float] = []
        values: list[float] = []
    elif row["base_year"] == row["current_year"]:
        years, values = [row["base_year"]], [row["base_value"]]
    else:
        years = [row["base_year"], row["current_year"]]
        values = [row["base_value"], row["current_value"]]
    target = row["target"]
    return assess(
        years,
        values,
        target=target,
        target_year=row["target_year"] if target is not None else None,
        direction="increase" if row["direction"] == 1 else "decrease",
        method="statcan",
        limit=row["limit"],
        base_year=row["base_year"] if years else None,
    )


def _close(ours: float | None, published: float | None) -> bool:
    if ours is None or published is None:
        return ours is None and published is None
    return math.isclose(ours, published, rel_tol=1e-12, abs_tol=1e-15)


def test_the_sample_has_the_rows_its_readme_describes() -> None:
    assert len(ROWS) == 105
    labels = {row["status"] for row in ROWS}
    assert labels == {
        "target_achieved",
        "substantial_progress",
        "moderate_progress",
        "limited_progress",
        "deterioration",
        "not_available",
    }


@pytest.mark.parametrize(
    "row", ROWS, ids=[f"{i}:{row['series'][:40]}" for i, row in enumerate(ROWS)]
)
def test_label_score_and_progress_value_match_the_published_row(row: dict[str, Any]) -> None:
    a = _run(row)
    assert a.method_status == row["status"], a.reason
    assert _close(a.score, row["score"]), (a.score, row["score"])
    assert _close(a.progress, row["progress_value"]), (a.progress, row["progress_value"])
    assert (a.status is Status.NOT_ASSESSABLE) == (row["status"] == "not_available")


def test_the_batch_path_reproduces_every_published_row_too() -> None:
    """All rows at once through ``assess_batch``: the same label, score and progress value."""
    rows = [row for row in ROWS if row["base_value"] is not None]
    ids: list[int] = []
    years: list[float] = []
    values: list[float] = []
    for i, row in enumerate(rows):
        single = row["base_year"] == row["current_year"]
        points = [(row["base_year"], row["base_value"])]
        points += [] if single else [(row["current_year"], row["current_value"])]
        for year, value in points:
            ids.append(i)
            years.append(year)
            values.append(value)
    nan = float("nan")
    batch = assess_batch(
        ids,
        years,
        values,
        target=[nan if row["target"] is None else row["target"] for row in rows],
        target_year=[row["target_year"] for row in rows],
        direction=[row["direction"] for row in rows],
        method="statcan",
        limit=[nan if row["limit"] is None else row["limit"] for row in rows],
    )
    assert len(batch) == len(rows) == 101
    for i, row in enumerate(rows):
        assert METHOD_LABELS["statcan"][batch.method_status[i]] == row["status"], row["series"]
        score, progress = float(batch.score[i]), float(batch.progress[i])
        assert _close(None if math.isnan(score) else score, row["score"]), row["series"]
        assert _close(None if math.isnan(progress) else progress, row["progress_value"])
