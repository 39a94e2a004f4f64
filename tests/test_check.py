"""`targets.check`: rules meet the engine through the evidence rules, one result per target."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest

import targets
from targets import Report
from targets.engine import EndsAssessment, MilestonesAssessment

Write = Callable[[dict[str, str]], Path]

HEADER = """\
programme:
  name: P
  prefer: [gso]
sources:
  - {id: mic, publisher: Ministry, date: 2025-01-24}
  - {id: gso, publisher: Statistics office, date: 2025-03}
  - {id: old, publisher: Ministry, date: 2022-01}
metrics:
  - {id: firms, name: Firms, unit: firm, direction: higher}
  - {id: share, name: Share of GDP, unit: "%", direction: higher, limit: 100}
  - {id: rank, name: Index rank, unit: rank}
  - {id: revenue, name: Revenue by province, unit: USD billion, direction: higher}
  - {id: hub, name: Hub, unit: yes/no}
"""


def run(write: Write, body: str, **kwargs: object) -> Report:
    root = write({"p.yaml": HEADER + body})
    return targets.check(targets.load(root), **kwargs)  # type: ignore[arg-type]


FIRMS = """\
figures:
  - {metric: firms, period: 2019, value: 45600, unit: firm, source: old}
  - {metric: firms, period: 2021, value: 64000, unit: firm, source: old}
  - {metric: firms, period: 2024, value: 73788, unit: firm, source: mic}
"""


def test_a_level_target_carries_the_numbers_of_its_verdict(write: Write) -> None:
    body = "targets:\n  - {id: t, metric: firms, at_least: 100000, by: 2025, base: 2019}\n"
    result = run(write, body + FIRMS)["t"]
    # g_a = (73788 / 45600) ** (1/5) - 1 = 0.10104; g_r = (100000 / 45600) ** (1/6) - 1
    # = 0.13983; R = 0.7226 -> moderate progress (0.60 <= R < 0.95) -> at risk.
    assert result.growth_actual == pytest.approx(0.10104, abs=1e-5)
    assert result.growth_required == pytest.approx(0.13983, abs=1e-5)
    assert result.growth_required_now == pytest.approx(100000 / 73788 - 1)
    assert result.projected == pytest.approx(73788 * 1.10104, rel=1e-4)
    assert result.ratio == pytest.approx(0.7226, abs=1e-4)
    assert (result.status, result.method, result.method_status) == (
        "at_risk",
        "statcan",
        "moderate_progress",
    )
    assert result.explain().startswith(
        "needs 35.5 % growth in one year, from 73,788 firms (2024) to 100,000 firms by 2025; "
        "grew 10.1 % a year since 2019; the compound trend reaches 81,200 firms by 2025"
    )
    assert [f.period.label for f in result.figures] == ["2019", "2021", "2024"]


def test_as_of_uses_only_figures_published_by_then(write: Write) -> None:
    body = "targets:\n  - {id: t, metric: firms, at_least: 100000, by: 2025}\n"
    report = run(write, body + FIRMS, as_of="2023-01-01")
    assert [f.period.label for f in report["t"].figures] == ["2019", "2021"]
    assert report.as_of is not None
    assert report.as_of.isoformat() == "2023-01-01"
    assert "1 figure(s) published after 2023-01-01 not used" in report["t"].notes


def test_a_passed_deadline_gives_achieved_or_missed(write: Write) -> None:
    body = "targets:\n  - {id: t, metric: firms, at_least: 70000, by: 2021}\n"
    assert run(write, body + FIRMS)["t"].status == "missed"
    body = "targets:\n  - {id: t, metric: firms, at_least: 60000, by: 2021}\n"
    assert run(write, body + FIRMS)["t"].status == "achieved"


def test_a_missing_base_year_moves_to_the_first_year_after_it_and_says_so(write: Write) -> None:
    # Open SDG (Statistics Canada): a base year without data becomes the first later year.
    body = "targets:\n  - {id: t, metric: firms, at_least: 100000, by: 2025, base: 2020}\n"
    result = run(write, body + FIRMS)["t"]
    assert result.base_year == 2021
    assert (  # the engine moves it now, by each method's rule (issue 13)
        "no figure for the base year 2020: the base moves to 2021, the first later year with a "
        "figure" in result.notes
    )
    late = body.replace("base: 2020", "base: 2024.5").replace("2024.5", "2024-07")
    assert run(write, late + FIRMS)["t"].status == "not_assessable"


def test_relative_targets_resolve_against_the_base_year_figure(write: Write) -> None:
    body = (
        "targets:\n"
        "  - {id: double, metric: firms, relative_to: 2019, factor: 2, by: 2030}\n"
        "  - {id: plus, metric: firms, relative_to: 2019, change: +25 %, by: 2030}\n"
        "  - {id: abs, metric: firms, relative_to: 2019, change: +20000, by: 2030}\n"
        "  - {id: none, metric: firms, relative_to: 2018, factor: 2, by: 2030}\n"
    )
    report = run(write, body + FIRMS)
    assert report["double"].headline.target == 91200
    assert report["plus"].headline.target == 57000
    assert report["abs"].headline.target == 65600
    assert report["plus"].status == "achieved"
    assert report["none"].status == "not_assessable"
    assert "2018" in (report["none"].reason or "")


def test_conflicting_sources_follow_the_programmes_preference(write: Write) -> None:
    body = """\
targets:
  - {id: t, metric: share, at_least: 20, by: 2025}
figures:
  - {metric: share, period: 2021, value: 12.87, unit: "%", source: gso}
  - {metric: share, period: 2022, value: 14.26, unit: "%", source: mic}
  - {metric: share, period: 2022, value: 12.67, unit: "%", source: gso}
"""
    result = run(write, body)["t"]
    assert [f.low for f in result.figures] == [12.87, 12.67]
    assert result.conflicts[0].rule == "source preference"
    assert any(note.startswith("sources disagree for 2022") for note in result.notes)


def test_a_range_figure_is_judged_at_both_ends_and_the_worse_counts(write: Write) -> None:
    body = """\
targets:
  - {id: t, metric: share, at_least: 20, by: 2025}
figures:
  - {metric: share, period: 2020, value: 10, unit: "%", source: mic}
  - {metric: share, period: 2023, value: 12-19, unit: "%", source: mic}
"""
    result = run(write, body)["t"]
    ends = result.outcome
    assert isinstance(ends, EndsAssessment)
    assert ends.agree is False
    assert result.status == ends.low.status
    assert any("the ends disagree" in note for note in result.notes)


def test_ranks_are_judged_linearly(write: Write) -> None:
    body = """\
targets:
  - {id: t, metric: rank, top: 30, by: 2030}
figures:
  - {metric: rank, period: 2017, value: 101, unit: rank, source: mic}
  - {metric: rank, period: 2020, value: 25, unit: rank, source: mic}
"""
    result = run(write, body)["t"]
    assert result.method == "sdsn"
    assert result.status == "achieved"
    statcan = run(write, body, method="statcan")["t"]
    assert statcan.method == "sdsn"
    assert "judged by sdsn, not statcan: ranks are judged linearly (places a year)" in statcan.notes


def test_a_method_override_for_the_run_applies_to_other_kinds(write: Write) -> None:
    body = "targets:\n  - {id: t, metric: firms, at_least: 100000, by: 2025}\n"
    result = run(write, body + FIRMS, method="unsd")["t"]
    assert result.method == "unsd"
    assert result.method_status in {"on_track", "acceleration_needed", "stagnation_or_regression"}
    with pytest.raises(ValueError, match="unknown method 'nope'"):
        run(write, body + FIRMS, method="nope")


def test_count_targets_count_entities_meeting_the_condition(write: Write) -> None:
    body = """\
targets:
  - id: t
    metric: revenue
    count: {at_least: 2}
    where: {at_least: USD 1 billion}
    entities: provinces
    by: 2025
figures:
  - {metric: revenue, period: 2023, entity: A, value: 1.5, unit: USD billion, source: mic}
  - {metric: revenue, period: 2023, entity: B, value: 900, unit: USD million, source: mic}
  - {metric: revenue, period: 2024, entity: A, value: 1.7, unit: USD billion, source: mic}
  - {metric: revenue, period: 2024, entity: B, value: 1.1, unit: USD billion, source: mic}
"""
    result = run(write, body)["t"]
    assert result.assessment is not None
    assert result.assessment.values == (1.0, 2.0)
    assert result.status == "achieved"
    assert result.goal == "at least 2 provinces with at least 1 USD billion by 2025"


def test_yes_no_milestones(write: Write) -> None:
    body = """\
targets:
  - {id: t, metric: hub, done: yes, by: 2030}
figures:
  - {metric: hub, period: 2024, value: no, source: mic}
"""
    result = run(write, body)["t"]
    assert result.status == "not_assessable"
    assert result.method == "binary"
    reached = run(write, body + "  - {metric: hub, period: 2025, value: yes, source: mic}\n")
    assert reached["t"].status == "achieved"


def test_every_kind_returns_a_result_without_nan(write: Write) -> None:
    body = """\
targets:
  - {id: level, metric: firms, at_least: 100000, by: 2025}
  - {id: band, metric: firms, between: [70000, 80000], by: 2025}
  - id: miles
    metric: firms
    milestones: [{by: 2022, at_least: 70000}, {by: 2025, at_least: 100000}]
  - {id: hold, metric: share, hold: {between: [6, 6.5]}, from: 2022, by: 2025}
  - {id: growth, metric: firms, growth: {at_least: 9.2 %}, by: 2024}
  - {id: trend, metric: firms, trend: increase}
figures:
  - {metric: share, period: 2022, value: 6.2, unit: "%", source: mic}
  - {metric: share, period: 2023, value: 6.4, unit: "%", source: mic}
"""
    report = run(write, body + FIRMS.replace("figures:\n", ""))
    assert len(report) == 6
    for result in report:
        data = result.__class__.__name__, result.status, result.explain()
        assert data[2]
        for name in ("growth_actual", "growth_required", "projected", "reach_year", "ratio"):
            value = getattr(result, name)
            assert value is None or math.isfinite(value)
    assert report["band"].status == "achieved"  # 73,788 lies in the band
    # 70,000 by 2022 is judged on the last figure up to 2022: 64,000 (2021), short of it.
    miles = report["miles"].outcome
    assert isinstance(miles, MilestonesAssessment)
    assert miles.milestones[0].status == "missed"
    assert report["hold"].method == "destatis"


def test_the_gate_counts_error_targets_at_or_below_fail_on(write: Write) -> None:
    body = (
        "targets:\n"
        "  - {id: strict, metric: firms, at_least: 70000, by: 2021}\n"
        "  - {id: lenient, metric: firms, at_least: 70000, by: 2021, severity: warn}\n"
        "  - {id: fine, metric: firms, at_least: 60000, by: 2021}\n"
    )
    report = run(write, body + FIRMS)
    assert [r.id for r in report.failures()] == ["strict"]
    assert [r.id for r in report.failures(strict=True)] == ["strict", "lenient"]
    assert [r.id for r in report.failures("missed")] == ["strict"]
    assert report.failures("achieved", strict=True) == tuple(report)
    assert report.summary["missed"] == 2


def test_explain_shows_the_arithmetic(write: Write) -> None:
    body = "targets:\n  - {id: t, metric: firms, at_least: 100000, by: 2025, base: 2019}\n"
    text = run(write, body + FIRMS).explain("t")
    assert "g_a = (73788 / 45600) ** (1 / (2024 - 2019)) - 1 = 0.101043" in text
    assert "verdict: at_risk (statcan moderate_progress)" in text
    with pytest.raises(KeyError, match="did you mean 't'"):
        run(write, body + FIRMS).explain("tt")
