"""The notebook charts, checked through the artists they draw (not only that a file appears)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.axes import Axes
from matplotlib.collections import Collection
from matplotlib.colors import same_color
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

import targets
from targets import Report
from targets.engine import Status
from targets.render import BADGE_COLOURS

Write = Callable[[dict[str, str]], Path]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"


@pytest.fixture
def report(example_report: Report) -> Report:
    return example_report


def lines(ax: Axes, gid: str) -> list[Line2D]:
    return [line for line in ax.get_lines() if line.get_gid() == gid]


def line(ax: Axes, gid: str) -> Line2D:
    found = lines(ax, gid)
    assert len(found) == 1, f"{len(found)} lines with gid {gid!r}"
    return found[0]


def xy(artist: Line2D) -> list[tuple[float, float]]:
    xs, ys = artist.get_data()
    return [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]  # type: ignore[arg-type]


def collection(ax: Axes, gid: str) -> Collection:
    found = [c for c in ax.collections if c.get_gid() == gid]
    assert len(found) == 1, f"{len(found)} collections with gid {gid!r}"
    return found[0]


def axes_of(fig: Figure) -> Axes:
    (ax,) = fig.axes
    return ax


def test_plot_returns_a_figure_with_title_status_and_legend(report: Report) -> None:
    fig = report.plot("dt-firms-100k-2025")
    assert isinstance(fig, Figure)
    ax = axes_of(fig)
    assert ax.get_title(loc="left") == "100,000 digital technology firms by 2025"
    assert ax.get_title(loc="right") == "off track"
    legend = ax.get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[:2] == ["actual", "estimate"]
    assert {"not used", "promised path", "target", "deadline", "trend"} <= set(labels)
    assert len(labels) == len(set(labels))


def test_points_per_kind_equal_the_figures_of_that_kind(report: Report) -> None:
    for target in ("dt-firms-100k-2025", "ict-revenue-165-185bn", "de-share-20-30-mic"):
        result = report[target]
        ax = axes_of(result.plot())
        frame = result.to_frame()
        # Forecasts always show (dashed); figures the verdict set aside show faint.
        shown = frame["used"] | (frame["kind"] == "forecast")
        for kind in ("actual", "estimate", "derived", "forecast"):
            used = int((shown & (frame["kind"] == kind)).sum())
            unused = int((~shown & (frame["kind"] == kind)).sum())
            drawn = lines(ax, f"points:{kind}")
            faint = lines(ax, f"points:{kind}:unused")
            assert sum(len(xy(a)) for a in drawn) == used, (target, kind)
            assert sum(len(xy(a)) for a in faint) == unused, (target, kind)
            assert all(a.get_alpha() == 0.3 for a in faint)


def test_actuals_solid_estimates_hollow_forecasts_dashed(report: Report) -> None:
    ax = axes_of(report.plot("ict-revenue-165-185bn"))
    assert line(ax, "points:actual").get_markerfacecolor() != "white"
    for kind in ("estimate", "derived", "forecast"):
        assert line(ax, f"points:{kind}").get_markerfacecolor() == "white"
    assert line(ax, "history").get_linestyle() == "-"
    forecast = line(ax, "forecast-line")
    assert forecast.get_linestyle() == "--"
    # The dashed line runs through both forecasts, from the last figure before them.
    assert [x for x, _ in xy(forecast)] == [2023.0, 2024.0, 2025.0]


def test_history_line_joins_the_figures_used_in_time_order(report: Report) -> None:
    ax = axes_of(report.plot("dt-firms-100k-2025"))
    assert xy(line(ax, "history")) == [
        (2019.0, 45600.0),
        (2020.0, 58000.0),
        (2021.0, 64000.0),
        (2022.0, 70000.0),
        (2023.0, pytest.approx(67019.07, abs=0.01)),
        (2024.0, 73788.0),
    ]


def test_a_range_is_a_vertical_bar_with_its_marker_in_the_middle(report: Report) -> None:
    ax = axes_of(report.plot("de-share-20-30-mic"))
    (segment,) = collection(ax, "ranges").get_segments()  # type: ignore[attr-defined]
    assert [tuple(p) for p in segment] == [(2021.0, 11.0), (2021.0, 12.0)]
    assert (2021.0, 11.5) in xy(line(ax, "points:estimate"))


def test_trend_starts_at_the_latest_figure_and_ends_at_the_reach(report: Report) -> None:
    result = report["dt-firms-100k-2025"]
    ax = axes_of(result.plot())
    trend = xy(line(ax, "trend"))
    assert trend[0] == (2024.0, 73788.0)
    assert result.reach_year is not None
    assert trend[-1][0] == pytest.approx(result.reach_year)
    assert line(ax, "trend").get_color() == BADGE_COLOURS[Status.OFF_TRACK][0]


def test_target_marker_deadline_and_promised_path(report: Report) -> None:
    ax = axes_of(report.plot("dt-firms-100k-2025"))
    assert xy(line(ax, "target")) == [(2025.0, 100000.0)]
    assert line(ax, "target").get_marker() == "*"
    assert xy(line(ax, "deadline"))[0][0] == 2025.0
    path = xy(line(ax, "trajectory"))
    assert path[0] == (2021.0, 64000.0)
    assert path[-1] == pytest.approx((2025.0, 100000.0))
    assert line(ax, "trajectory").get_linestyle() == "--"


def test_reach_marker_sits_at_the_reach_year_and_says_so(report: Report) -> None:
    result = report["dt-firms-100k-2025"]
    ax = axes_of(result.plot())
    assert result.reach_year is not None
    ((year, value),) = xy(line(ax, "reach"))
    assert year == pytest.approx(result.reach_year)
    assert value == 100000.0
    words = [t.get_text() for t in ax.texts if t.get_gid() == "reach-label"]
    assert words == ["trend reaches\n100,000 firms in 2031"]


def test_milestones_are_markers_and_the_last_is_the_target(report: Report) -> None:
    ax = axes_of(report.plot("de-share-20-30-gso"))
    assert xy(line(ax, "milestone")) == [(2025.0, 20.0)]
    assert xy(line(ax, "target")) == [(2030.0, 30.0)]
    assert not lines(ax, "reach")  # the trend never gets there
    # Told apart by shape and fill: a filled star for the target, a hollow triangle before.
    assert line(ax, "target").get_marker() == "*"
    assert line(ax, "milestone").get_marker() == "^"
    assert line(ax, "milestone").get_markerfacecolor() == "white"
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "target-label"]
    assert labels == ["30 % by 2030"]


def test_ranks_are_drawn_with_1_at_the_top(report: Report) -> None:
    ax = axes_of(report.plot("egdi-top50-2030"))
    assert ax.yaxis_inverted()
    assert xy(line(ax, "target")) == [(2030.0, 50.0)]
    assert ax.get_ylabel() == "rank (1 = best)"
    # A trend past rank 1 is cut at the top of the axes, never below rank 0.5.
    ax = axes_of(report.plot("gci-top30-2030"))
    assert ax.yaxis_inverted()
    assert min(ax.get_ylim()) == 0.5
    assert not axes_of(report.plot("dt-firms-100k-2025")).yaxis_inverted()


def test_a_scenario_line_per_scenario_beside_the_trend(report: Report) -> None:
    result = report["dt-firms-100k-2025"]
    fig = result.plot(scenarios=[0.10, 0.12, 0.20])
    ax = axes_of(fig)
    scenarios = [a for a in ax.get_lines() if str(a.get_gid()).startswith("scenario:")]
    assert [a.get_gid() for a in scenarios] == ["scenario:0.1", "scenario:0.12", "scenario:0.2"]
    assert [a.get_label() for a in scenarios] == ["10.0 % a year", "12.0 % a year", "20.0 % a year"]
    for artist, growth in zip(scenarios, (0.10, 0.12, 0.20), strict=True):
        path = xy(artist)
        assert path[0] == (2024.0, 73788.0)  # from the latest figure, as the trend
        scenario = result.what_if(growth)
        assert scenario.reach_year is not None
        assert path[-1][0] == pytest.approx(max(scenario.reach_year, scenario.deadline))
    assert len({a.get_color() for a in scenarios}) == 3
    # Report.plot passes scenarios through.
    again = axes_of(report.plot("dt-firms-100k-2025", scenarios=[0.12]))
    assert len(lines(again, "scenario:0.12")) == 1


def test_band_held_over_a_period_is_a_shaded_rectangle(report: Report) -> None:
    ax = axes_of(report.plot("dt-gdp-contribution-6-6.5"))
    held = collection(ax, "target")
    (x0, y0), (x1, y1) = held.get_paths()[0].get_extents().get_points()
    assert (x0, y0, x1, y1) == (2022.0, 6.0, 2025.0, 6.5)
    assert [t.get_text() for t in ax.texts if t.get_gid() == "reason"] == [
        "not assessable: no figures"
    ]


def test_a_target_not_assessable_still_shows_its_figures_and_says_why(report: Report) -> None:
    ax = axes_of(report.plot("idi-top50-2025"))
    assert len(xy(line(ax, "points:actual"))) == 3
    assert not lines(ax, "trend")
    (reason,) = [t.get_text() for t in ax.texts if t.get_gid() == "reason"]
    assert " ".join(reason.split()) == (
        "not assessable: the base year 2017 is the latest year: no change to measure"
    )


def test_band_at_a_date_is_a_bar_over_a_shaded_span(report: Report) -> None:
    ax = axes_of(report.plot("it-zones-10-12-2025"))
    (segment,) = collection(ax, "target").get_segments()  # type: ignore[attr-defined]
    assert [tuple(p) for p in segment] == [(2025.0, 10.0), (2025.0, 12.0)]


def test_draws_into_a_given_axes(report: Report) -> None:
    import matplotlib.pyplot as plt  # noqa: PLC0415

    fig, (left, right) = plt.subplots(1, 2)
    try:
        assert report["de-share-20-30-mic"].plot(ax=left) is fig
        assert report.plot("de-share-20-30-gso", ax=right, legend=False) is fig
        assert lines(left, "trend")
        assert lines(right, "trend")
        assert right.get_legend() is None
    finally:
        plt.close(fig)


def test_small_multiple_has_one_panel_per_target_coloured_by_status(report: Report) -> None:
    fig = report.plot(columns=4)
    panels = {str(ax.get_gid()).removeprefix("panel:"): ax for ax in fig.axes}
    assert len(fig.axes) == len(report)
    assert set(panels) == {r.id for r in report}
    for result in report:
        ax = panels[result.id]
        ink = BADGE_COLOURS[result.status][0]
        assert all(same_color(s.get_edgecolor(), ink) for s in ax.spines.values()), result.id
        if result.status is Status.NOT_ASSESSABLE:
            assert not ax.get_lines()
            reason = [t.get_text() for t in ax.texts if t.get_gid() == "reason"]
            assert reason
            assert reason[0].startswith("not assessable")
        elif lines(ax, "trend"):
            assert same_color(line(ax, "trend").get_color(), ink), result.id
    # Worst first, as the text report lists them; not assessable last.
    order = [str(ax.get_gid()).removeprefix("panel:") for ax in fig.axes]
    statuses = [report[t].status for t in order]
    assert statuses[0] is Status.MISSED
    assert statuses[-1] is Status.NOT_ASSESSABLE
    # The status legend counts every status present.
    (legend,) = fig.legends
    words = [t.get_text() for t in legend.get_texts()]
    assert words[0] == "missed (2)"
    assert "not assessable (13)" in words
    assert sum(int(w.rsplit("(")[1].rstrip(")")) for w in words) == len(report)


def test_small_multiple_in_rules_order_and_grid(report: Report) -> None:
    fig = report.plot(columns=5, order="rules")
    assert [str(ax.get_gid()) for ax in fig.axes] == [f"panel:{r.id}" for r in report]
    spec = fig.axes[0].get_subplotspec()
    assert spec is not None
    assert spec.get_gridspec().ncols == 5
    with pytest.raises(ValueError, match="order"):
        report.plot(order="alphabet")


def test_figures_are_not_left_open_in_pyplot(report: Report) -> None:
    import matplotlib.pyplot as plt  # noqa: PLC0415

    before = plt.get_fignums()
    report.plot("dt-firms-100k-2025")
    report.plot()
    assert plt.get_fignums() == before


def test_count_target_points_are_drawn_as_counts(write: Write, programme_text: str) -> None:
    text = programme_text + "".join(
        f"  - {{metric: locality-revenue, period: {year}, value: {value}, unit: USD billion,"
        f" entity: {entity}}}\n"
        for year, entity, value in (
            (2020, "A", 0.5), (2020, "B", 1.5), (2023, "A", 1.2), (2023, "B", 2.0),
        )
    )  # fmt: skip
    text = text.replace(
        "  - id: hub\n",
        "  - id: locality-revenue\n    name: ICT revenue of a locality\n"
        "    unit: USD billion\n    direction: higher\n  - id: hub\n",
    ).replace(
        "targets:\n",
        "targets:\n  - id: two-localities\n    metric: locality-revenue\n"
        "    count: {at_least: 2}\n    where: {at_least: USD 1 billion}\n"
        "    entities: localities\n    by: 2025\n",
    )
    directory = write({"programme.yaml": text})
    result = targets.check(directory)["two-localities"]
    ax = axes_of(result.plot())
    assert xy(line(ax, "points:count")) == [(2020.0, 1.0), (2023.0, 2.0)]


def test_without_matplotlib_it_names_the_extra(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("matplotlib", "matplotlib.pyplot", "matplotlib.patches"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(ImportError, match=r"pip install 'targets\[notebook\]'"):
        report.plot("dt-firms-100k-2025")
    with pytest.raises(ImportError, match=r"pip install 'targets\[notebook\]'"):
        report.plot()


def test_a_growth_rate_target_is_drawn_with_its_rate_beside_its_levels(report: Report) -> None:
    fig = report.plot("it-revenue-growth-9.2-2022")
    levels, rate = fig.axes
    assert levels.get_ylabel() == "USD billion"
    assert rate.get_ylabel() == "% a year"
    used = xy(line(rate, "points:actual")) + xy(line(rate, "points:estimate"))
    growth = report["it-revenue-growth-9.2-2022"].growth_actual
    assert growth is not None
    into_2022 = [value for time, value in used if time == 2022.0]
    assert into_2022 == [pytest.approx(growth * 100)]
    assert len(axes_of(report.plot("dt-firms-100k-2025")).get_lines()) > 0
