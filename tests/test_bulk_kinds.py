"""Relative, direction, band, milestone, growth-rate and rank targets are judged in bulk, as
the per-series path judges them.

A relative target ("halve by 2030 relative to 2015") on the level its base year's figure
gives; one whose series has no figure of that year is refused in bulk, as that path refuses
it. A direction target ("increase") by its method's rules for no target, eased near its
metric's natural limit. A band ("between 10 and 12") against its bound on the way the metric
is better, as `assess_band` judges a band with a direction. A milestone target ("28 by 2020,
40 by 2025, 60 by 2030") by the milestone that drives it, as `assess_milestones` chooses. A
growth rate ("5 % a year from 2021") period by period, as `assess_growth_rate` judges it. A
rank ("top 20") as a level on places, never past the first, as `assess_rank` judges it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import targets
from targets.judge import Report
from targets.judge._facts import MOST_MILESTONES

from .test_compact_report import assert_compact_matches_full
from .test_vector_path import HEAD, METRICS, assert_same_columns

Write = Callable[[dict[str, str]], Path]

RULES = HEAD.format(prefer="") + (
    "targets:\n"
    "  - {id: up-half-more, metric: up, relative_to: 2015, factor: 1.5, by: 2030,"
    " for_each: all}\n"
    '  - {id: up-plus-20pc, metric: up, relative_to: 2016, change: "+20 %", by: 2028,'
    " for_each: all}\n"
    "  - {id: up-plus-7, metric: up, relative_to: 2015, change: +7, by: 2027,"
    " for_each: all, method: unsd}\n"
    "  - {id: up-level, metric: up, at_least: 40, by: 2030, for_each: all}\n"
    "figures:\n"  # X has every year from 2015; Y starts in 2017, after both base years
    + "".join(
        f'  - {{metric: up, entity: {e}, period: {y}, value: {v}, unit: "firm"}}\n'
        for e, first, v0 in (("X", 2015, 20), ("Y", 2017, 30))
        for y, v in ((y, v0 + 2 * (y - first)) for y in range(first, 2024))
    )
)


@pytest.fixture
def report(write: Write) -> Report:
    return targets.check(targets.load(write({"p.yaml": RULES})))


def judged_both_ways(write: Write, text: str) -> Report:
    """The report of `text`, every pair judged in bulk, after checking that the bulk path
    and the per-series one agree on every column and every result, and that the compact
    report says what the full one says."""
    programme = targets.load(write({"p.yaml": text}))
    bulk, series = targets.check(programme), targets.check(programme, path="series")
    assert bulk.columns.vector.all()
    assert not series.columns.vector.any()
    assert_same_columns(bulk, series)
    assert [r.to_dict() for r in bulk] == [r.to_dict() for r in series]
    assert_compact_matches_full(bulk)
    return bulk


def test_relative_targets_are_judged_by_the_bulk_path_with_or_without_a_base_figure(
    report: Report,
) -> None:
    judged = dict(zip(report.keys, report.columns.vector.tolist(), strict=True))
    assert all(judged.values()), judged
    assert len(judged) == 8  # four targets, two entities each


def test_a_relative_target_is_worth_its_base_figure_times_its_factor_or_plus_its_change(
    report: Report,
) -> None:
    target = dict(zip(report.keys, report.columns.numbers["target"].tolist(), strict=True))
    # X: 20 in 2015, 22 in 2016 (worked by hand, not by the code under test)
    assert target["up-half-more[X]"] == 30.0  # 20 x 1.5
    assert target["up-plus-20pc[X]"] == pytest.approx(26.4)  # 22 x 1.2
    assert target["up-plus-7[X]"] == 27.0  # 20 + 7
    assert target["up-level[X]"] == 40.0


def test_a_relative_target_without_a_figure_of_its_base_year_is_refused_in_bulk(
    report: Report,
) -> None:
    refused = [r for r in report if r.entity == "Y" and r.target.kind == "relative"]
    assert len(refused) == 3
    for result in refused:
        assert result.status == "not_assessable"
        assert "the year the target is relative to" in (result.reason or "")
    columns = dict(zip(report.keys, range(len(report.keys)), strict=True))
    row = columns["up-plus-7[Y]"]
    assert report.columns.method_status[row] == "not_evaluated"  # UNSD's own word for it
    assert report.columns.methods[row] == "unsd"


def test_relative_targets_in_bulk_equal_the_per_series_path_in_every_report_field(
    write: Write,
) -> None:
    bulk = judged_both_ways(write, RULES)  # a refusal's compact line: no thresholds used
    compact = json.loads(bulk.to_json(detail="compact"))["results"]
    refused = [r for r in compact if r["entity"] == "Y" and r["kind"] == "relative"]
    assert [r["thresholds"] for r in refused] == [{}, {}, {}]


DIRECTIONS = HEAD.format(prefer="") + (
    "targets:\n"
    "  - {id: share-up, metric: share, trend: increase, base: 2015, for_each: all}\n"
    "  - {id: up-up, metric: up, trend: increase, by: 2030, for_each: all, method: unsd}\n"
    "figures:\n"
    # 'share' (limit 100) grows 0.6 % a year from 90: 90 x 1.006 ** k, rounded by hand
    + "".join(
        f'  - {{metric: share, entity: X, period: {2015 + k}, value: {v}, unit: "%"}}\n'
        for k, v in enumerate(["90", "90.54", "91.0832", "91.6297", "92.1795", "92.7326"])
    )
    + "".join(
        f'  - {{metric: up, entity: X, period: {y}, value: {v}, unit: "firm"}}\n'
        for y, v in ((2018, 100), (2019, 90), (2020, 80))
    )
)


def test_direction_targets_are_judged_by_the_bulk_path_as_the_per_series_path_judges_them(
    write: Write,
) -> None:
    judged_both_ways(write, DIRECTIONS)


def test_a_direction_target_near_its_metric_s_limit_is_held_to_eased_thresholds(
    write: Write,
) -> None:
    """StatCan's no-target thresholds (1.5 % a year for substantial progress) shrink near a
    limit, by 1 - (90 / 100) ** 4.44 = 0.374 at 90 of 100: 0.6 % a year is substantial."""
    report = targets.check(targets.load(write({"p.yaml": DIRECTIONS})))
    labels = dict(zip(report.keys, report.columns.method_status, strict=True))
    assert labels["share-up[X]"] == "substantial_progress"  # 0.6 % >= 1.5 % x 0.374
    assert labels["up-up[X]"] == "stagnation_or_regression"  # UNSD: down from 100 to 80


BANDS = HEAD.format(prefer="") + (
    "targets:\n"
    "  - {id: up-band, metric: up, between: [30, 40], by: 2030, for_each: all}\n"
    "  - {id: down-band, metric: down, between: [2, 5], by: 2030, for_each: all}\n"
    "figures:\n"
    + "".join(
        f'  - {{metric: {m}, entity: {e}, period: {y}, value: {v}, unit: "{METRICS[m]}"}}\n'
        for m, e, v0, step in (("up", "X", 20, 2), ("up", "Y", 45, 1), ("down", "X", 9, -1))
        for y, v in ((y, v0 + step * (y - 2016)) for y in range(2016, 2022))
    )
)


def test_band_targets_are_judged_by_the_bulk_path_against_the_bound_the_metric_moves_to(
    write: Write,
) -> None:
    bulk = judged_both_ways(write, BANDS)
    bound = dict(zip(bulk.keys, bulk.columns.numbers["target"].tolist(), strict=True))
    # higher is better: the low bound; lower is better: the high one (even above the band)
    assert bound == {"up-band[X]": 30.0, "up-band[Y]": 30.0, "down-band[X]": 5.0}
    statuses = dict(zip(bulk.keys, (r.status for r in bulk), strict=True))
    assert statuses["up-band[Y]"] == "achieved"  # 45-50, beyond the far bound: counted as met


MILESTONES = HEAD.format(prefer="") + (
    "targets:\n"
    "  - {id: three-steps, metric: up, for_each: all, milestones: [{by: 2020, at_least: 28},"
    " {by: 2025, at_least: 40}, {by: 2030, at_least: 60}]}\n"
    "  - {id: both-passed, metric: up, for_each: all, milestones: [{by: 2018, at_least: 30},"
    " {by: 2021, at_least: 31}]}\n"
    "figures:\n"  # X: 20 in 2015, +2 a year to 36 in 2023; Y: 30 in 2017, +2 a year to 42
    + "".join(
        f'  - {{metric: up, entity: {e}, period: {y}, value: {v}, unit: "firm"}}\n'
        for e, first, v0 in (("X", 2015, 20), ("Y", 2017, 30))
        for y, v in ((y, v0 + 2 * (y - first)) for y in range(first, 2024))
    )
)


def test_milestone_targets_are_judged_in_bulk_by_the_milestone_that_drives_them(
    write: Write,
) -> None:
    """In 2023 (the latest figure): X's 2025 milestone (40) is ahead and unmet (36), so it
    drives; Y already meets it (42), so 2030's drives. Both grow faster than they must
    (StatCan: X 36 / 20 over 8 years is 7.6 % a year against (40 / 20) ** (1 / 10) - 1 =
    7.2 % needed; Y 42 / 30 over 6 years, 5.8 % against 5.5 %): on track. With both
    milestones passed, X's 2018 miss (26 < 30) drives; Y achieved both (32, 38), so the
    last drives."""
    bulk = judged_both_ways(write, MILESTONES)
    driving = {
        key: (result.target_year, result.target_value, result.status)
        for key, result in zip(bulk.keys, bulk, strict=True)
    }
    assert driving == {
        "three-steps[X]": (2025, 40, "on_track"),
        "three-steps[Y]": (2030, 60, "on_track"),
        "both-passed[X]": (2018, 30, "missed"),
        "both-passed[Y]": (2021, 31, "achieved"),
    }


GROWTH = HEAD.format(prefer="") + (
    "targets:\n"
    "  - {id: five-a-year, metric: up, growth: {at_least: 5 %}, from: 2021, by: 2022,"
    " for_each: [X]}\n"
    "  - {id: five-in-2023, metric: up, growth: {at_least: 5 %}, by: 2023, for_each: [Y]}\n"
    "figures:\n"
    + "".join(
        f'  - {{metric: up, entity: {e}, period: {y}, value: {v}, unit: "firm"}}\n'
        for e, y, v in (("X", 2020, 100), ("X", 2021, 110), ("X", 2022, 112.2))
    )
    + '  - {metric: up, entity: Y, period: 2020, value: 100, unit: "firm"}\n'
    + '  - {metric: up, entity: Y, period: 2021, value: 106, unit: "firm"}\n'
)


def test_growth_rate_targets_are_judged_in_bulk_period_by_period(write: Write) -> None:
    """X grew 10 % into 2021 but 2 % into 2022, short of 5 %: missed, graded by that 2 %
    (StatCan's ratio 0.02 / 0.05 = 0.4: limited progress). Y's year, 2023, has no figure
    yet: its latest growth, 6 %, against 5 % is a ratio of 1.2, on track."""
    bulk = judged_both_ways(write, GROWTH)
    found = {
        key: (result.status.value, result.method_status, round(result.ratio or 0, 12))
        for key, result in zip(bulk.keys, bulk, strict=True)
    }
    assert found == {
        "five-a-year[X]": ("missed", "limited_progress", 0.4),
        "five-in-2023[Y]": ("on_track", "substantial_progress", 1.2),
    }


def test_a_target_of_more_milestones_than_the_bulk_path_takes_goes_the_per_series_way(
    write: Write,
) -> None:
    """Every milestone widens every pair's row of facts: a target of thousands (a hostile
    file) would cost gigabytes in bulk, so past `MOST_MILESTONES` it is judged alone."""
    steps = ", ".join(f"{{by: {2030 + i}, at_least: {40 + i}}}" for i in range(MOST_MILESTONES + 1))
    text = MILESTONES.replace(
        "targets:\n",
        f"targets:\n  - {{id: many, metric: up, for_each: all, milestones: [{steps}]}}\n",
    )
    report = targets.check(targets.load(write({"p.yaml": text})))
    vector = dict(zip(report.keys, report.columns.vector.tolist(), strict=True))
    assert vector == {
        "many[X]": False,
        "many[Y]": False,
        "three-steps[X]": True,
        "three-steps[Y]": True,
        "both-passed[X]": True,
        "both-passed[Y]": True,
    }


RANKS = HEAD.format(prefer="") + (
    "targets:\n"
    "  - {id: top-20, metric: place, top: 20, by: 2025, for_each: all}\n"
    "figures:\n"  # X climbs 2 places a year, 40 to 32; Y 10 to 2
    + "".join(
        f"  - {{metric: place, entity: {e}, period: {y}, value: {v}, unit: rank}}\n"
        for e, v0 in (("X", 40), ("Y", 10))
        for y, v in ((y, v0 - 2 * (y - 2015)) for y in range(2015, 2020))
    )
)


def test_rank_targets_are_judged_in_bulk_as_places_never_past_the_first(write: Write) -> None:
    """Two places a year: X reaches 32 - 2 x 6 = 20 by 2025, Y's trend would pass 1 (2 - 12
    = -10) and stops there. A rank has no growth rate: its change is in places a year."""
    bulk = judged_both_ways(write, RANKS)
    found = {
        key: (result.projected, result.change_actual, result.growth_actual)
        for key, result in zip(bulk.keys, bulk, strict=True)
    }
    assert found == {"top-20[X]": (20, -2, None), "top-20[Y]": (1, -2, None)}
