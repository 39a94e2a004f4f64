"""The inline SVG chart: well-formed, every mark drawn and countable, text always escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import targets
from targets.render._chart import Chart, Goal
from targets.render._svg import chart_svg, key_svg
from targets.render._svg_axes import nice_step, tick_label

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"
SVG = "{http://www.w3.org/2000/svg}"
Write = Callable[[dict[str, str]], Path]

RANKS = """\
programme: {name: Ranks}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics: [{id: gii, name: Innovation index rank, unit: rank}]
targets:
  - {id: gii-top30, metric: gii, top: 30, by: 2030}
figures:
  - {metric: gii, period: 2020, value: 44, unit: rank, source: s}
  - {metric: gii, period: 2022, value: 30, unit: rank, source: s}
  - {metric: gii, period: 2024, value: 17, unit: rank, source: s}
"""


@pytest.fixture
def example(example_report: targets.Report) -> targets.Report:
    return example_report


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def having(root: ET.Element, *wanted: str) -> list[ET.Element]:
    """Elements whose class list has every one of `wanted`."""
    return [e for e in root.iter() if set(wanted) <= classes(e)]


def test_every_example_chart_is_well_formed_and_labelled(example: targets.Report) -> None:
    for result in example:
        root = parse(chart_svg(result.chart()))
        assert root.get("role") == "img"
        assert (root.get("aria-label") or "").startswith(result.target.name or result.id)
        assert root.get("data-status") == result.status.value


def test_points_are_drawn_one_per_figure_by_kind(example: targets.Report) -> None:
    result = example["dt-firms-100k-2025"]
    root = parse(chart_svg(result.chart()))
    points = having(root, "point")
    drawn = Counter((sorted(classes(p) & {"actual", "estimate", "derived"})[0]) for p in points)
    assert drawn == {"actual": 8, "derived": 2, "estimate": 1}
    assert len(having(root, "point", "unused")) == 5
    # actual: filled circle; estimate and derived: hollow; set aside: grey
    for point in having(root, "point", "actual"):
        circle = point.find(f"{SVG}circle")
        assert circle is not None
        assert circle.get("fill") == circle.get("stroke")
    for point in having(root, "point", "estimate") + having(root, "point", "derived"):
        assert point.find(f"{SVG}circle").get("fill") == "#ffffff"  # type: ignore[union-attr]
    for point in having(root, "point", "unused"):
        assert point.find(f"{SVG}circle").get("stroke") == "#b0bec5"  # type: ignore[union-attr]


def test_forecasts_are_diamonds_and_ranges_bars(example: targets.Report) -> None:
    root = parse(chart_svg(example["de-share-20-30-mic"].chart()))
    forecasts = having(root, "point", "forecast")
    assert len(forecasts) == 1
    assert forecasts[0].find(f"{SVG}path") is not None
    assert forecasts[0].find(f"{SVG}circle") is None
    ranges = having(root, "point", "range")
    assert len(ranges) == 1  # 2021: 11-12 %
    bar = ranges[0].find(f"{SVG}path")
    assert bar is not None
    assert "11–12 %" in (ranges[0].findtext(f"{SVG}title") or "")


def test_trend_trajectory_goal_deadline_and_reach_of_a_known_target(
    example: targets.Report,
) -> None:
    root = parse(chart_svg(example["dt-firms-100k-2025"].chart()))
    trend, trajectory = having(root, "trend"), having(root, "trajectory")
    assert len(trend) == len(trajectory) == 1
    assert trend[0].get("stroke") == "#b71c1c"  # off track: the status colour
    assert trajectory[0].get("stroke-dasharray")
    assert len(having(root, "goal")) == 1
    assert len(having(root, "deadline")) == 1
    reach = having(root, "reach")
    assert len(reach) == 1
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "reaches 100,000 firms in 2031" in labels
    assert "≥ 100k firms" in labels


def test_tooltips_give_period_value_and_source(example: targets.Report) -> None:
    root = parse(chart_svg(example["dt-firms-100k-2025"].chart()))
    tips = [p.findtext(f"{SVG}title") for p in having(root, "point")]
    assert "2024 (sggp-2025-01-24): 73,788 firms, actual" in tips


def test_milestones_are_several_goals(example: targets.Report) -> None:
    root = parse(chart_svg(example["ict-revenue-165-185bn"].chart()))
    assert len(having(root, "goal")) == 2


def test_scenarios_are_dotted_lines_labelled_with_their_growth(example: targets.Report) -> None:
    chart = example["dt-firms-100k-2025"].chart(scenarios=[0.12, 0.2])
    root = parse(chart_svg(chart))
    scenarios = having(root, "scenario")
    assert len(scenarios) == 2
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "12.0 % a year" in labels
    assert "20.0 % a year" in labels


def _y_of(root: ET.Element, value: str) -> float:
    for point in having(root, "point"):
        if f": rank {value}," in (point.findtext(f"{SVG}title") or ""):
            return float(point.find(f"{SVG}circle").get("cy", "nan"))  # type: ignore[union-attr]
    raise AssertionError(f"no point for rank {value}")


def test_ranks_are_drawn_with_1_at_the_top(write: Write) -> None:
    report = targets.check(write({"p.yaml": RANKS}))
    root = parse(chart_svg(report["gii-top30"].chart()))
    assert _y_of(root, "17") < _y_of(root, "30") < _y_of(root, "44")
    ticks = [t for t in having(root, "tick") if t.get("text-anchor") == "end"]
    values = [float(t.text or "nan") for t in ticks]
    heights = [float(t.get("y", "nan")) for t in ticks]
    assert values == sorted(values)
    assert heights == sorted(heights)  # smaller ranks higher up
    assert "rank (1 = best, at the top)" in [t.text for t in root.iter(f"{SVG}text")]


def test_a_trend_past_rank_1_stops_there(example: targets.Report) -> None:
    chart = example["gci-top30-2030"].chart()
    chart = replace(chart, trend=((2024.0, 17.0), (2027.0, 1.0), (2030.0, -16.0)))
    root = parse(chart_svg(chart))
    top = max(float(t.get("y", "nan")) for t in having(root, "tick") if t.text == "1")
    trend = having(root, "trend")[0].get("points", "")
    assert min(float(pair.split(",")[1]) for pair in trend.split()) == pytest.approx(top, abs=0.2)


def test_everything_drawn_stays_inside_the_picture(example: targets.Report) -> None:
    for result in example:
        root = parse(chart_svg(result.chart(), width=400, height=200))
        pairs = [p.split(",") for e in root.iter() for p in e.get("points", "").split()]
        pairs += [[e.get("cx", "0"), e.get("cy", "0")] for e in root.iter(f"{SVG}circle")]
        pairs += [[e.get("x", "0"), e.get("y", "0")] for e in root.iter(f"{SVG}text")]
        _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
        assert width == 400
        assert height >= 200  # the chart, then its key's rows below
        for x, y in pairs:
            assert 0 <= float(x) <= width, result.id
            assert 0 <= float(y) <= height, result.id


def test_held_bands_and_bands_at_a_date(example: targets.Report) -> None:
    chart = example["dt-firms-100k-2025"].chart()
    held = Goal(2022.0, 2025.0, 60000.0, 70000.0, "between 60,000 and 70,000 every year")
    band = Goal(2025.0, 2025.0, 90000.0, 110000.0, "between 90,000 and 110,000 by 2025")
    root = parse(chart_svg(replace(chart, goals=(held, band))))
    hold = having(root, "goal", "hold")
    assert len(hold) == 1
    assert hold[0].find(f"{SVG}rect") is not None
    assert len(having(root, "goal", "band")) == 1
    assert "90k–110k firms" in [t.text for t in root.iter(f"{SVG}text")]


def test_an_empty_chart_is_a_placeholder_that_says_why(example: targets.Report) -> None:
    result = example["fibre-5g-universal-2030"]
    root = parse(chart_svg(result.chart()))
    assert having(root, "point") == []
    assert len(having(root, "empty")) == 1
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["no figures", "due 2030", "done by 2030"]


def test_a_chart_not_assessable_with_figures_says_why(example: targets.Report) -> None:
    root = parse(chart_svg(example["dt-firms-operational-60k-2025"].chart()))
    assert len(having(root, "point")) == 1
    (reason,) = having(root, "reason")
    said = " ".join(t.text or "" for t in reason.iter(f"{SVG}text"))
    assert said == "not assessable: fewer than two years of data"


HOSTILE = '<script>alert("x")</script> & Co\'s "firms"'


def _hostile(chart: Chart, text: str) -> Chart:
    points = tuple(replace(p, label=text) for p in chart.points)
    return replace(chart, title=text, goal=text, target=text, unit=text, points=points)


def test_hostile_text_is_escaped(example: targets.Report) -> None:
    chart = _hostile(example["dt-firms-100k-2025"].chart(), HOSTILE)
    for svg in (chart_svg(chart), chart_svg(replace(chart, points=()))):
        root = parse(svg)
        assert not [e for e in root.iter() if e.tag.endswith("script")]
        assert "<script>" not in svg
        texts = [t for e in root.iter() for t in (e.text, *e.attrib.values()) if t]
        assert any(HOSTILE in t for t in texts)


@given(text=st.text())
def test_any_text_makes_well_formed_svg(example_report: targets.Report, text: str) -> None:
    chart = example_report["egdi-top50-2030"].chart()
    parse(chart_svg(_hostile(chart, text)))
    parse(chart_svg(_hostile(replace(chart, points=()), text)))


def test_sizes_are_arguments(example: targets.Report) -> None:
    root = parse(chart_svg(example["dt-firms-100k-2025"].chart(), width=800, height=300))
    rows = len({k.find(f"{SVG}text").get("y") for k in having(root, "key")})  # type: ignore[union-attr]
    assert rows in {1, 2}
    height = 300 + 20 * rows  # the plot, then the key's rows below it
    assert (root.get("width"), root.get("height")) == ("800", str(height))
    assert root.get("viewBox") == f"0 0 800 {height}"


def test_readable_tick_numbers() -> None:
    assert [tick_label(v, 20000) for v in (0, 60000, 100000)] == ["0", "60k", "100k"]
    assert [tick_label(v, 250000) for v in (1e6, 1.25e6, 1.5e6)] == ["1M", "1.25M", "1.5M"]
    assert tick_label(14.5, 0.5) == "14.5"
    assert tick_label(2.5e9, 5e8) == "2.5bn"
    assert [nice_step(s, 5) for s in (10, 120, 0.9, 55000)] == [2.0, 25.0, 0.2, 20000.0]


def test_the_key_draws_each_mark() -> None:
    root = parse(key_svg())
    kinds = {c.removeprefix("key-") for g in having(root, "key") for c in classes(g)} - {"key"}
    assert {"actual", "estimate", "forecast", "trend", "trajectory", "goal", "reach"} <= kinds


def test_a_result_in_a_notebook_shows_its_chart(example: targets.Report) -> None:
    html = example["dt-firms-100k-2025"]._repr_html_()
    assert 'class="targets-chart"' in html


# What issue 12 asked of the charts.


def test_labels_carry_units(example: targets.Report) -> None:
    root = parse(chart_svg(example["dt-firms-100k-2025"].chart()))
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "reaches 100,000 firms in 2031" in labels
    assert "≥ 100k firms" in labels
    share = parse(chart_svg(example["de-share-20-30-mic"].chart()))
    words = " ".join(t.text or "" for t in share.iter(f"{SVG}text"))
    assert "reaches 20 % in 2024" in words


def test_the_target_and_its_milestones_have_different_markers(example: targets.Report) -> None:
    root = parse(chart_svg(example["hw-exports-137-160bn"].chart()))
    (milestone,) = having(root, "goal", "milestone")
    (final,) = having(root, "goal", "target")
    assert milestone.find(f"{SVG}path") is not None  # a hollow triangle
    assert final.find(f"{SVG}polygon") is not None  # a filled star
    assert milestone.find(f"{SVG}polygon") is None


def test_each_chart_has_a_key_to_the_marks_it_drew(example: targets.Report) -> None:
    root = parse(chart_svg(example["hw-exports-137-160bn"].chart()))
    keys = [sorted(classes(g) - {"key"})[0].removeprefix("key-") for g in having(root, "key")]
    assert keys == [
        "actual",
        "estimate",
        "forecast",
        "unused",
        "trajectory",
        "trend",
        "chance",
        "milestone",
        "goal",
    ]
    assert "scenario" not in keys  # no what-if drawn, none explained
    with_scenario = parse(chart_svg(example["dt-firms-100k-2025"].chart(scenarios=[0.12])))
    assert having(with_scenario, "key", "key-scenario")
    assert having(with_scenario, "key", "key-reach")


def test_the_chart_has_its_own_opaque_background(example: targets.Report) -> None:
    # On a dark notebook theme a transparent chart's dark text would vanish.
    root = parse(chart_svg(example["dt-firms-100k-2025"].chart()))
    first = root[0]
    assert first.tag == f"{SVG}rect"
    assert first.get("width") == first.get("height") == "100%"
    assert first.get("fill") == "#ffffff"
    assert first.get("fill-opacity") is None


def test_a_growth_rate_target_gets_a_chart_of_its_rate(example: targets.Report) -> None:
    result = example["it-revenue-growth-9.2-2022"]
    chart = result.rate_chart()
    assert chart is not None
    assert chart.unit == "% a year"
    into_2022 = next(p for p in chart.points if p.time == 2022)
    assert result.growth_actual is not None
    assert into_2022.low == pytest.approx(result.growth_actual * 100)
    (goal,) = chart.goals
    assert goal.low == pytest.approx(9.2)
    assert not [p for p in chart.points if p.time > 2022 and p.used]
    root = parse(chart_svg(chart))
    assert having(root, "goal", "hold")
    assert "≥ 9.2 % a year" in [t.text for t in root.iter(f"{SVG}text")]
    assert example["dt-firms-100k-2025"].rate_chart() is None


def _lab(hex_colour: str) -> tuple[float, float, float]:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    """CIE76 colour difference: about 2 is just noticeable, 20 plainly different."""
    return float(sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5)


def test_the_greens_and_the_dark_statuses_are_told_apart_and_missed_looks_worst() -> None:
    from targets.engine import Status  # noqa: PLC0415
    from targets.render import BADGE_COLOURS, BADGE_STYLE  # noqa: PLC0415

    assert delta_e("#000000", "#ffffff") == pytest.approx(100, abs=0.5)  # the measure itself
    pairs = [
        (Status.ACHIEVED, Status.ON_TRACK),
        (Status.MISSED, Status.NOT_ASSESSABLE),
        (Status.MISSED, Status.REGRESSING),
    ]
    for a, b in pairs:
        assert delta_e(BADGE_COLOURS[a][0], BADGE_COLOURS[b][0]) > 20, (a, b)
        assert delta_e(BADGE_STYLE[a][1], BADGE_STYLE[b][1]) > 20, (a, b)
    darkest = min(BADGE_STYLE, key=lambda s: _lab(BADGE_STYLE[s][1])[0])
    assert darkest is Status.MISSED
