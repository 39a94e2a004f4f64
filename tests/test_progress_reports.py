"""The method's progress value reaches every report: the result, the JSON report, the frame.

Expected values are Statistics Canada's formulas worked by hand on the figures below:
45,600 firms (2019), 64,000 (2021), 73,788 (2024).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import targets

Write = Callable[[dict[str, str]], Path]

PROGRAMME = """\
programme: {name: Progress, base: 2019}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics:
  - {id: firms, name: Firms, unit: firm, direction: higher}
targets:
  - {id: ahead, metric: firms, at_least: 100000, by: 2025}
  - {id: met, metric: firms, at_least: 60000, by: 2027}
  - {id: rising, metric: firms, trend: increase}
figures:
  - {metric: firms, period: 2019, value: 45600, unit: firm, source: s}
  - {metric: firms, period: 2021, value: 64000, unit: firm, source: s}
  - {metric: firms, period: 2024, value: 73788, unit: firm, source: s}
"""

G_A = (73788 / 45600) ** (1 / 5) - 1
"""Growth achieved a year, 2019 to 2024: 0.10104."""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> targets.Report:
    root = tmp_path_factory.mktemp("progress")
    (root / "p.yaml").write_text(PROGRAMME, encoding="utf-8")
    return targets.check(root)


def _everywhere(report: targets.Report, key: str) -> tuple[Any, Any, Any]:
    """The progress value as the result, the JSON report and the frame give it."""
    document = {r["target"]: r for r in report.to_dict()["results"]}
    frame = report.to_frame()
    return report[key].progress, document[key]["progress"], frame.loc[key, "progress"]


def test_a_target_ahead_has_its_ratio_as_progress(report: targets.Report) -> None:
    # R = g_a / |g_r|, g_r = (100000 / 45600) ** (1/6) - 1 = 0.13983: R = 0.7226
    expected = G_A / ((100000 / 45600) ** (1 / 6) - 1)
    assert expected == pytest.approx(0.7226, abs=1e-4)
    for value in _everywhere(report, "ahead"):
        assert value == pytest.approx(expected)
    assert report["ahead"].ratio == pytest.approx(expected)


def test_a_met_target_keeps_ratio_empty_and_publishes_progress(report: targets.Report) -> None:
    # Achieved (73,788 >= 60,000): the label needs no ratio, but the agency publishes R:
    # g_r = (60000 / 45600) ** (1/8) - 1 = 0.03490, R = 0.10104 / 0.03490 = 2.895
    expected = G_A / ((60000 / 45600) ** (1 / 8) - 1)
    assert expected == pytest.approx(2.895, abs=1e-3)
    result = report["met"]
    assert result.status == "achieved"
    assert result.ratio is None
    assert next(r for r in report.to_dict()["results"] if r["target"] == "met")["ratio"] is None
    for value in _everywhere(report, "met"):
        assert value == pytest.approx(expected)


def test_a_direction_target_has_the_progress_value_x(report: targets.Report) -> None:
    # Without a target, x = s * d * g_a = 1 * 1 * 0.10104
    for value in _everywhere(report, "rising"):
        assert value == pytest.approx(G_A)


def test_progress_in_the_json_report_meets_its_schema(
    report: targets.Report, results_validator: Any
) -> None:
    document = report.to_dict()
    results_validator.validate(document)
    schema = targets.json_schema(results=True)
    result_schema = schema["$defs"]["ResultOut"]
    assert "progress" in result_schema["required"]
    assert "progress" in result_schema["properties"]


def test_a_growth_rate_target_has_its_ratio_as_progress(write: Write) -> None:
    text = """\
    programme: {name: Growth}
    sources: [{id: s, publisher: P, date: 2025-01}]
    metrics: [{id: firms, name: Firms, unit: firm, direction: higher}]
    targets: [{id: g, metric: firms, growth: {at_least: 9.2 %}, from: 2021, by: 2026}]
    figures:
      - {metric: firms, period: 2023, value: 70000, unit: firm, source: s}
      - {metric: firms, period: 2024, value: 73788, unit: firm, source: s}
    """
    result = targets.check(write({"p.yaml": text}))["g"]
    # growth into 2024: 73788 / 70000 - 1 = 5.41 %, against 9.2 %: R = 0.0541 / 0.092
    assert result.progress == pytest.approx((73788 / 70000 - 1) / 0.092)
    assert result.to_dict()["progress"] == pytest.approx((73788 / 70000 - 1) / 0.092)
