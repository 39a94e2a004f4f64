"""Jupyter: HTML cards and tables (`_repr_html_`), DataFrames and matplotlib charts.

pandas and matplotlib come with the ``notebook`` extra and are imported only inside the
functions that need them, so the core runs without them. Imports render, judge, rules and
engine below it.
"""

from __future__ import annotations

from targets.notebook._frame import (
    CHANCE,
    COLUMNS,
    DETAILS,
    FIGURE_COLUMNS,
    NUMBERS,
    figures_frame,
    report_frame,
    result_figures_frame,
)
from targets.notebook._multiples import plot_report
from targets.notebook._plot import plot_result
from targets.notebook._repr import badge, programme_html, report_html, result_html

__all__ = [
    "CHANCE",
    "COLUMNS",
    "DETAILS",
    "FIGURE_COLUMNS",
    "NUMBERS",
    "badge",
    "figures_frame",
    "plot_report",
    "plot_result",
    "programme_html",
    "report_frame",
    "report_html",
    "result_figures_frame",
    "result_html",
]
