"""Reports: a checked `Report` in, text out (terminal, Markdown, JUnit, GitHub, HTML, SVG).

`render` is the one entry point for the CI formats; `explain_steps` shows the arithmetic of
one verdict; `report_html_document` writes the self-contained HTML page; `chart_of` turns a
result into the `Chart` that the SVG here and the matplotlib plots in `targets.notebook`
both draw. Shared pieces have one home each: the headline cells (`_cells`), the project's
chance (`_chance`: its cell, explain lines and band), status words (`_status_words`), the
colours (`_palette`). Imports the judge, rules and engine below it, never the notebook or
the CLI above.

Names resolve on first use (PEP 562), so a run imports only the formats it writes: the
small example's check renders text, and never loads the HTML page, JUnit's XML or SARIF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from targets._lazy import names_from

if TYPE_CHECKING:
    from targets.render._cells import (
        HEADER,
        WIDTHS,
        compact,
        growth_cell,
        latest_cell,
        percent_cell,
        places_cell,
        projected_cell,
        reach_cell,
        reach_label,
        row_cells,
        signed_cell,
        year_label,
    )
    from targets.render._chance import CHANCE_HEADER, chance_band, chance_cell, chance_phrase
    from targets.render._chart import (
        MAX_EXTENSION,
        RATE_UNIT,
        Chart,
        Goal,
        Point,
        chart_of,
        rate_chart_of,
    )
    from targets.render._explain import explain_steps
    from targets.render._findings import findings, gitlab_report, sarif_log
    from targets.render._github import annotation, render_github
    from targets.render._html import report_html_document, source_link
    from targets.render._json import json_report, jsonl_report
    from targets.render._junit import render_junit
    from targets.render._markdown import render_markdown
    from targets.render._palette import BADGE_COLOURS, BADGE_STYLE, ICONS, TEXT_COLOURS
    from targets.render._render import FORMATS, render, render_pieces
    from targets.render._status_words import status_words
    from targets.render._svg import chart_svg, key_svg, value_label
    from targets.render._text import MAX_ROWS, WIDTH, fit_id, plain, render_text, summary_line

_LAZY: dict[str, str] = {
    "BADGE_COLOURS": "targets.render._palette",
    "BADGE_STYLE": "targets.render._palette",
    "CHANCE_HEADER": "targets.render._chance",
    "Chart": "targets.render._chart",
    "FORMATS": "targets.render._render",
    "Goal": "targets.render._chart",
    "HEADER": "targets.render._cells",
    "ICONS": "targets.render._palette",
    "MAX_EXTENSION": "targets.render._chart",
    "MAX_ROWS": "targets.render._text",
    "Point": "targets.render._chart",
    "RATE_UNIT": "targets.render._chart",
    "TEXT_COLOURS": "targets.render._palette",
    "WIDTH": "targets.render._text",
    "WIDTHS": "targets.render._cells",
    "annotation": "targets.render._github",
    "chance_band": "targets.render._chance",
    "chance_cell": "targets.render._chance",
    "chance_phrase": "targets.render._chance",
    "chart_of": "targets.render._chart",
    "chart_svg": "targets.render._svg",
    "compact": "targets.render._cells",
    "explain_steps": "targets.render._explain",
    "findings": "targets.render._findings",
    "fit_id": "targets.render._text",
    "gitlab_report": "targets.render._findings",
    "growth_cell": "targets.render._cells",
    "json_report": "targets.render._json",
    "jsonl_report": "targets.render._json",
    "key_svg": "targets.render._svg",
    "latest_cell": "targets.render._cells",
    "percent_cell": "targets.render._cells",
    "places_cell": "targets.render._cells",
    "plain": "targets.render._text",
    "projected_cell": "targets.render._cells",
    "rate_chart_of": "targets.render._chart",
    "row_cells": "targets.render._cells",
    "reach_cell": "targets.render._cells",
    "reach_label": "targets.render._cells",
    "render": "targets.render._render",
    "render_github": "targets.render._github",
    "render_junit": "targets.render._junit",
    "render_markdown": "targets.render._markdown",
    "render_pieces": "targets.render._render",
    "render_text": "targets.render._text",
    "report_html_document": "targets.render._html",
    "sarif_log": "targets.render._findings",
    "signed_cell": "targets.render._cells",
    "source_link": "targets.render._html",
    "status_words": "targets.render._status_words",
    "summary_line": "targets.render._text",
    "value_label": "targets.render._svg",
    "year_label": "targets.render._cells",
}


__getattr__ = names_from(globals(), _LAZY)


def __dir__() -> list[str]:
    """The public names, imported or not (Jupyter completes from this)."""
    return sorted({*__all__, *globals()})


__all__ = [
    "BADGE_COLOURS",
    "BADGE_STYLE",
    "CHANCE_HEADER",
    "FORMATS",
    "HEADER",
    "ICONS",
    "MAX_EXTENSION",
    "MAX_ROWS",
    "RATE_UNIT",
    "TEXT_COLOURS",
    "WIDTH",
    "WIDTHS",
    "Chart",
    "Goal",
    "Point",
    "annotation",
    "chance_band",
    "chance_cell",
    "chance_phrase",
    "chart_of",
    "chart_svg",
    "compact",
    "explain_steps",
    "findings",
    "fit_id",
    "gitlab_report",
    "growth_cell",
    "json_report",
    "jsonl_report",
    "key_svg",
    "latest_cell",
    "percent_cell",
    "places_cell",
    "plain",
    "projected_cell",
    "rate_chart_of",
    "reach_cell",
    "reach_label",
    "render",
    "render_github",
    "render_junit",
    "render_markdown",
    "render_pieces",
    "render_text",
    "report_html_document",
    "row_cells",
    "sarif_log",
    "signed_cell",
    "source_link",
    "status_words",
    "summary_line",
    "value_label",
    "year_label",
]
