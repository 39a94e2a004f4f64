"""A chart drawn into the caller's own axes (``plot(ax=...)``) draws the texts it writes as
written, titles included: the axes' title texts exist before the chart is drawn (empty), so
telling ours from the caller's by which texts are new left the title read as mathematics
('$\\frac{$' in a target's name made the caller's figure fail to draw)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

import targets

Write = Callable[[dict[str, str]], Path]

RULES = """\
programme: {{name: P}}
metrics: [{{id: m, name: Revenue, unit: firm, direction: higher}}]
targets: [{{id: t, name: "{name}", metric: m, at_least: 100, by: 2030}}]
figures:
  - {{metric: m, period: 2020, value: 10, unit: firm}}
  - {{metric: m, period: 2023, value: 30, unit: firm}}
"""


@pytest.mark.parametrize("name", ["From $5bn to $10bn by 2030", r"Budget $\\frac{$ by 2030"])
def test_a_title_drawn_into_the_callers_axes_is_drawn_as_written(write: Write, name: str) -> None:
    import matplotlib.pyplot as plt  # noqa: PLC0415 - after matplotlib.use above

    directory = write({"programme.yaml": RULES.format(name=name)})
    fig, (mine, theirs) = plt.subplots(1, 2, figsize=(12, 4))
    theirs.set_title("$x^2$ by hand")
    targets.check(directory)["t"].plot(ax=mine)
    fig.savefig(io.BytesIO(), format="png", dpi=40)  # as Jupyter shows it: mathematics parsed
    assert name.replace("\\\\", "\\") in mine.get_title(loc="left").replace("\n", " ")
    assert not mine._left_title.get_parse_math()
    assert not mine._right_title.get_parse_math()
    assert theirs.title.get_parse_math()  # the caller's own text stays theirs
    plt.close(fig)
