"""Which figures a verdict stands on: publication dates, kinds, granularity, conflicts."""

from __future__ import annotations

import datetime as dt

from targets.judge._evidence import known_by, select
from targets.rules._figures import Figure, FigureKind
from targets.rules._model import Source
from targets.rules._periods import Period, parse_date, parse_period


def fig(
    period: str | int,
    value: float,
    *,
    kind: FigureKind = "actual",
    source: str | None = "a",
    published: str | None = None,
    high: float | None = None,
) -> Figure:
    pub: Period | None = parse_date(published) if published else None
    return Figure(
        metric="m",
        period=parse_period(period),
        low=value,
        high=value if high is None else high,
        unit="firm",
        stated=str(value),
        kind=kind,
        source=Source(id=source, publisher=source.upper()) if source else None,
        published=pub,
    )


def test_a_figure_counts_only_once_published() -> None:
    late = fig(2022, 70_000, published="2023-01-09")
    assert not known_by(late, dt.date(2023, 1, 1))
    assert known_by(late, dt.date(2023, 1, 9))


def test_without_a_publication_date_a_figure_counts_from_the_end_of_its_period() -> None:
    undated = fig(2022, 70_000)
    assert not known_by(undated, dt.date(2022, 12, 30))
    assert known_by(undated, dt.date(2022, 12, 31))


def test_a_month_known_publication_counts_from_the_last_day_of_the_month() -> None:
    figure = fig(2021, 64_000, published="2022-01")
    assert not known_by(figure, dt.date(2022, 1, 30))
    assert known_by(figure, dt.date(2022, 1, 31))


def test_forecasts_are_kept_apart_and_never_counted() -> None:
    evidence = select([fig(2022, 23), fig(2025, 49, kind="forecast", published="2022-10")])
    assert [f.low for f in evidence.figures] == [23]
    assert [f.low for f in evidence.forecasts] == [49]


def test_estimates_and_derived_values_count_unless_switched_off() -> None:
    figures = [fig(2021, 1), fig(2022, 2, kind="estimate"), fig(2023, 3, kind="derived")]
    assert len(select(figures).figures) == 3
    only_actuals = select(figures, estimates=False)
    assert [f.low for f in only_actuals.figures] == [1]
    assert "2 estimate(s) not counted" in only_actuals.notes[0]


def test_latest_publication_wins_a_conflict_and_the_conflict_is_reported() -> None:
    first = fig(2021, 21, source="e2021", published="2021-11")
    revised = fig(2021, 18, source="e2022", published="2022-10")
    evidence = select([revised, first])
    assert evidence.figures == (revised,)
    (conflict,) = evidence.conflicts
    assert conflict.chosen is revised
    assert conflict.rule == "latest publication"
    assert str(conflict).startswith("2021: 18 (e2022, 2022-10) chosen by latest publication")


def test_as_of_reproduces_the_earlier_vintage() -> None:
    first = fig(2021, 21, source="e2021", published="2021-11")
    revised = fig(2021, 18, source="e2022", published="2022-10")
    evidence = select([first, revised], as_of=dt.date(2022, 1, 1))
    assert evidence.figures == (first,)
    assert evidence.conflicts == ()
    assert evidence.unpublished == (revised,)


def test_a_declared_source_preference_beats_the_latest_publication() -> None:
    gso = fig(2022, 12.67, source="gso", published="2023-12")
    mic = fig(2022, 14.26, source="mic", published="2024-01")
    evidence = select([gso, mic], prefer=["gso"])
    assert evidence.figures == (gso,)
    assert evidence.conflicts[0].rule == "source preference"


def test_a_reported_figure_beats_a_value_derived_from_a_growth_statement() -> None:
    reported = fig(2022, 1400, source="mic", published="2024-01")
    derived = fig(2022, 1402, kind="derived", source="vnn", published="2024-03")
    evidence = select([derived, reported])
    assert evidence.figures == (reported,)
    assert evidence.conflicts[0].rule == "reported over derived"


def test_equal_values_from_two_sources_are_not_a_conflict() -> None:
    evidence = select([fig(2023, 7.5, source="a"), fig(2023, 7.5, source="b")])
    assert evidence.conflicts == ()
    assert len(evidence.figures) == 1


def test_sub_annual_figures_are_set_aside_beside_annual_ones() -> None:
    evidence = select([fig(2021, 64_000), fig("2022-06", 67_300), fig(2022, 70_000)])
    assert [f.period.label for f in evidence.figures] == ["2021", "2022"]
    assert "sub-annual figures (2022-06) set aside" in evidence.notes[0]
    only_monthly = select([fig("2022-06", 67_300), fig("2022-12", 70_000)])
    assert len(only_monthly.figures) == 2


def test_ranges_are_kept_with_both_ends() -> None:
    evidence = select([fig(2023, 4, high=8)])
    assert evidence.has_ranges
    assert (evidence.lows, evidence.highs) == ((4,), (8,))
