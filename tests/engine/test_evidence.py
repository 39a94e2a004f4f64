"""Which figures count, and range figures judged at both ends."""

from __future__ import annotations

from collections.abc import Sequence

from targets.engine import Assessment, Status, assess, assess_ends, select_figures


def test_forecasts_never_count_and_come_back_separately() -> None:
    s = select_figures([2022, 2025], [23.0, 49.0], kinds=["actual", "forecast"])
    assert (s.years, s.values, s.forecasts) == ((2022.0,), (23.0,), ((2025.0, 49.0),))


def test_estimates_count_unless_excluded() -> None:
    kinds = ["actual", "estimate"]
    assert select_figures([2021, 2022], [64000.0, 70000.0], kinds=kinds).years == (2021, 2022)
    s = select_figures([2021, 2022], [64000.0, 70000.0], kinds=kinds, estimates=False)
    assert s.years == (2021.0,)


def test_estimates_left_out_are_set_aside_and_counted_in_a_note_however_many_figures() -> None:
    # 3,000 figures of one series, every third an estimate, every 300th a forecast
    kinds = ["forecast" if i % 300 == 0 else "estimate" if i % 3 == 1 else "actual"
             for i in range(3000)]  # fmt: skip
    years = [2000 + i % 20 for i in range(3000)]
    s = select_figures(years, [float(i) for i in range(3000)], kinds=kinds, estimates=False)
    estimates = [i for i, k in enumerate(kinds) if k == "estimate"]
    assert len(estimates) == 1000
    assert set(estimates) <= set(s.set_aside)
    assert "1000 estimate(s) not counted (estimates: false)" in s.notes
    assert not set(s.chosen) & set(estimates)


def test_figures_published_after_as_of_are_unknown() -> None:
    s = select_figures([2023, 2024], [67000.0, 73788.0], published=[2024.2, 2025.3], as_of=2025.0)
    assert s.years == (2023.0,)


def test_a_declared_source_preference_settles_a_conflict_and_it_is_reported() -> None:
    s = select_figures(
        [2022, 2022], [14.3, 16.5], sources=["GSO", "MIC"], published=[2023.5, 2023.2],
        prefer=["MIC"],
    )  # fmt: skip
    assert s.values == (16.5,)
    (conflict,) = s.conflicts
    assert (conflict.chosen.source, conflict.rule) == ("MIC", "source preference")


def test_without_preference_the_latest_publication_wins() -> None:
    s = select_figures(
        [2022, 2022], [14.3, 16.5], sources=["GSO", "MIC"], published=[2023.5, 2023.2]
    )
    assert s.values == (14.3,)
    assert s.conflicts[0].rule == "latest publication"


def test_equal_values_from_two_sources_are_no_conflict() -> None:
    s = select_figures([2022, 2022], [5.0, 5.0], sources=["a", "b"])
    assert (s.values, s.conflicts) == ((5.0,), ())


def test_a_range_figure_is_assessed_at_both_ends() -> None:
    def run(values: Sequence[float]) -> Assessment:
        return assess([2020, 2022], values, target=144.0, target_year=2024)

    # low end 110.25 (g_a 5 %): limited; high end 121 (g_a 10 %): substantial
    ends = assess_ends(run, [100.0, 110.25], [100.0, 121.0])
    assert not ends.agree
    assert ends.status is Status.OFF_TRACK
    assert (ends.low.status, ends.high.status) == (Status.OFF_TRACK, Status.ON_TRACK)
    assert any("ends disagree" in n for n in ends.notes)
