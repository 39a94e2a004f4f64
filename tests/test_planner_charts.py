"""Charts of input a planner did not write: names with dollar signs, targets per province."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

import targets

Write = Callable[[dict[str, str]], Path]
PROVINCES = Path(__file__).resolve().parents[1] / "examples" / "vietnam-provinces"

RULES = """\
programme:
  name: "{programme}"
metrics:
  - id: m
    name: Revenue
    unit: firm
    direction: higher
targets:
  - id: t
    name: "{target}"
    metric: m
    at_least: 100
    by: 2030
figures:
  - {{metric: m, period: 2020, value: 10, unit: firm}}
  - {{metric: m, period: 2023, value: 30, unit: firm}}
"""


def drawn(fig: Figure) -> None:
    """Draw the figure as Jupyter does when it shows it (mathematics is parsed here)."""
    fig.savefig(io.BytesIO(), format="png", dpi=40)


@pytest.mark.parametrize("name", ["From $5bn to $10bn by 2030", r"Budget $\\frac{$ by 2030"])
def test_a_target_name_with_dollar_signs_is_drawn_as_written(write: Write, name: str) -> None:
    directory = write({"programme.yaml": RULES.format(programme="P", target=name)})
    fig = targets.check(directory)["t"].plot()
    drawn(fig)
    written = name.replace("\\\\", "\\")  # as the YAML string reads
    (title,) = [t for t in fig.findobj(Text) if t.get_text() == written]
    assert not title.get_parse_math()  # drawn as text, not as mathematics


def test_a_programme_name_with_dollar_signs_is_drawn_in_small_multiples(write: Write) -> None:
    directory = write({"programme.yaml": RULES.format(programme=r"$\\frac{$ plan", target="T")})
    drawn(targets.check(directory).plot())


def test_a_chart_of_one_entity_names_the_entity() -> None:
    """The rule is written for every province; Hanoi's own goal (30 %) is an override."""
    result = targets.check(targets.load(PROVINCES))["de-share-grdp-20-2025-provinces[Hanoi]"]
    title = result.plot().axes[0].get_title(loc="left").replace("\n", " ")
    assert title.startswith("Hanoi: ")


def test_drawing_into_a_given_axes_leaves_the_callers_own_texts_as_they_were(
    write: Write,
) -> None:
    import matplotlib.pyplot as plt  # noqa: PLC0415 - after matplotlib.use above

    directory = write({"programme.yaml": RULES.format(programme="P", target="$5bn by 2030")})
    fig, (mine, theirs) = plt.subplots(1, 2)
    theirs.set_title("$x^2$ by hand")
    targets.check(directory)["t"].plot(ax=mine)
    assert theirs.title.get_parse_math()
    assert not mine.get_legend().get_texts()[0].get_parse_math()
    plt.close(fig)


def test_small_multiples_draw_the_worst_first_up_to_a_limit_and_say_so() -> None:
    """The provinces: 3 on track, 10 achieved, 17 not assessable (README.md)."""
    report = targets.check(targets.load(PROVINCES))
    fig = report.plot(limit=12)
    drawn = [report[str(ax.get_gid()).removeprefix("panel:")].status for ax in fig.axes]
    assert drawn == ["on_track"] * 3 + ["achieved"] * 9
    title = fig.legends[0].get_title().get_text()
    assert title.endswith(": 30 targets (the first 12 drawn; limit=None draws every one)")
    assert len(report.plot(limit=None).axes) == 30


@pytest.mark.parametrize("limit", [0, -1, 2.5, True])
def test_small_multiples_refuse_a_limit_that_is_no_count_of_panels(limit: object) -> None:
    report = targets.check(targets.load(PROVINCES))
    with pytest.raises(ValueError, match="limit must be a whole number of panels"):
        report.plot(limit=limit)


def test_charts_side_by_side_keep_their_titles_and_legends_apart() -> None:
    """Two provinces' charts drawn into the caller's own axes, as the planning notebook does."""
    import matplotlib.pyplot as plt  # noqa: PLC0415 - after matplotlib.use above

    report = targets.check(targets.load(PROVINCES))
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))  # no layout engine to make room
    report["de-share-grdp-20-2025-provinces[Hanoi]"].plot(ax=left)
    report["de-share-grdp-20-2025-provinces[Ho Chi Minh City]"].plot(ax=right)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    fig.draw(renderer)

    def title(ax: Axes) -> Text:
        (found,) = [t for t in ax.findobj(Text) if t.get_text() == ax.get_title(loc="left")]
        return found

    assert title(left).get_window_extent(renderer).x1 < title(right).get_window_extent(renderer).x0
    legends = [ax.get_legend().get_window_extent(renderer) for ax in (left, right)]
    assert legends[0].x1 < legends[1].x0
    plt.close(fig)


def test_a_small_multiple_keeps_its_key_within_its_panel() -> None:
    """'de-share-grdp-20-2025-provinces[Ho Chi Minh City]' is longer than a panel is wide:
    the entity goes over the id."""
    report = targets.check(targets.load(PROVINCES))
    fig = report.plot()
    renderer = FigureCanvasAgg(fig).get_renderer()  # type: ignore[no-untyped-call] # closed
    fig.draw(renderer)
    for ax in fig.axes:
        key = str(ax.get_gid()).removeprefix("panel:")
        result = report[key]
        title = ax.get_title(loc="left")
        assert title in (key, f"{result.entity}\n{result.id}")
        (text,) = [t for t in ax.findobj(Text) if t.get_text() == title]
        assert text.get_window_extent(renderer).x1 <= ax.get_window_extent(renderer).x1 + 2
