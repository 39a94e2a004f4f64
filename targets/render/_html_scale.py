"""The HTML page of a large report: the worst results in full, the rest counted.

A statistics office's run holds 60,000 (target, entity) results; a card apiece made a page
of hundreds of megabytes that took minutes to write and a browser could not open. Above
`FULL_PAGE` results the page keeps its order (worst first) but caps each part, and says
where the rest are (every pair is in the JSON report and `Report.to_frame()`):

- a target judged for each entity is one section: how many of its entities are at each
  status, small multiples (a sparkline per entity, `SPARKS_PER_TARGET` at most, worst
  first) and a full card for its worst entity (`ENTITY_CARDS`) unless it is achieved;
- targets judged once keep their cards, worst first, while the page's `MAX_CARDS` last
  (entity cards count against it too), and each status section counts the rest.

The order within a target is `entity_groups`' (the text report's): by status, then the
rules' order. Statuses and numbers are read from the report's columns; a result is built
only for a full card.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from targets.engine import STATUS_CODES, WORST_FIRST, Status
from targets.judge import Report, used_series
from targets.render._html_card import card
from targets.render._spark import spark_svg
from targets.render._status_words import status_words
from targets.render._svg import escape
from targets.render._text_groups import EntityGroup, entity_count, entity_groups
from targets.rules import count

Series = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]

__all__ = [
    "ENTITY_CARDS",
    "FULL_PAGE",
    "MAX_CARDS",
    "SPARKS_PER_TARGET",
    "Plan",
    "entity_sections",
    "entity_table",
    "glance_rows",
    "single_sections",
]

FULL_PAGE = 300
"""Up to this many results the page shows every result as a card (as it always did)."""
MAX_CARDS = 200
"""Full cards on a larger page, worst first (a card costs about 15 ms to draw, with its
chart and the band of the project's chance, and 13 kB); also the changes since a baseline
the page lists."""
SPARKS_PER_TARGET = 60
"""Sparklines of a target judged for each entity: its worst entities."""
ENTITY_CARDS = 1
"""Full cards of a target judged for each entity: its worst entities not achieved."""

_WHERE = (
    "every result is in the JSON report (<code>targets check --json FILE</code>) and "
    "<code>Report.to_frame()</code>; <code>targets explain TARGET[ENTITY]</code> shows one"
)


class Plan:
    """What a large page shows: the groups of per-entity targets, the rows of targets
    judged once by status, and which rows get a full card."""

    def __init__(self, report: Report, failing: set[str]) -> None:
        columns = report.columns
        keys = columns.keys
        failing_rows = {i for i, key in enumerate(keys) if key in failing}
        self.report, self.failing, self.keys = report, failing, keys
        self.groups = entity_groups(report, failing_rows)
        self.single: dict[Status, list[int]] = {s: [] for s in WORST_FIRST}
        for i, entity in enumerate(columns.entities):
            if entity is None:
                self.single[STATUS_CODES[int(columns.status[i])]].append(i)
        budget = MAX_CARDS
        self.carded: set[int] = set()
        for group in self.groups:
            worst = [i for i in group.rows if _status(report, i) is not Status.ACHIEVED]
            chosen = worst[: min(ENTITY_CARDS, budget)]
            self.carded.update(chosen)
            budget -= len(chosen)
        for status in WORST_FIRST:
            chosen = self.single[status][:budget]
            self.carded.update(chosen)
            budget -= len(chosen)

    def card_of(self, row: int) -> str:
        result = self.report.results[row]
        return card(self.report, result, result.key in self.failing)


def _status(report: Report, row: int) -> Status:
    return STATUS_CODES[int(report.columns.status[row])]


def single_sections(plan: Plan) -> str:
    """A section per status of the targets judged once: the cards the page keeps, then
    how many more there are."""
    out = []
    for status in WORST_FIRST:
        rows = plan.single[status]
        if not rows:
            continue
        shown = [i for i in rows if i in plan.carded]
        cards = "".join(plan.card_of(i) for i in shown)
        more = ""
        if len(rows) > len(shown):
            left = len(rows) - len(shown)
            more = (
                f'<p class="more">… and {left:,} more {escape(status_words(status))}: {_WHERE}.</p>'
            )
        compact = " compact" if status is Status.NOT_ASSESSABLE else ""
        out.append(
            f'<section id="status-{status.value}" data-status="{status.value}">'
            f"<h2>{escape(status_words(status).capitalize())} "
            f'<span class="count">{len(rows):,}</span></h2>'
            f'<div class="grid{compact}">{cards}</div>{more}</section>'
        )
    return "".join(out)


def entity_sections(plan: Plan) -> str:
    """One section per target judged for each entity, worst target first."""
    report = plan.report
    shown = [i for group in plan.groups for i in group.rows[:SPARKS_PER_TARGET]]
    series = dict(zip(shown, used_series(report, shown), strict=True))
    return "".join(_entity_section(plan, group, series) for group in plan.groups)


def _entity_section(plan: Plan, group: EntityGroup, series: dict[int, Series]) -> str:
    report, columns = plan.report, plan.report.columns
    first = group.rows[0]
    target = columns.targets[first]
    worst = _status(report, first)
    tally = "".join(
        f'<li data-status="{s.value}"><span class="swatch"></span>{escape(status_words(s))} '
        f"<b>{n:,}</b></li>"
        for s, n in group.counts.items()
    )
    fails = (
        f'<p class="fails">✗ {entity_count(group.failing)} '
        f"{'trips' if group.failing == 1 else 'trip'} the gate</p>"
        if group.failing
        else ""
    )
    sparks = "".join(_spark(plan, i, series[i]) for i in group.rows[:SPARKS_PER_TARGET])
    left = group.entities - min(group.entities, SPARKS_PER_TARGET)
    more = (
        f'<p class="more">… and {entity_count(left, "more")} of <code>{escape(target.id)}</code>'
        f" not drawn: {_WHERE}.</p>"
        if left
        else ""
    )
    cards = "".join(plan.card_of(i) for i in group.rows if i in plan.carded)
    title = escape(target.name or target.id)
    better = escape(report.programme.metrics[target.metric].better)
    cards = f'<div class="grid">{cards}</div>' if cards else ""
    return (
        f'<section class="per-entity" id="entities-{escape(target.id)}" '
        f'data-status="{worst.value}"><h2>{title} <span class="count">'
        f"{entity_count(group.entities)}</span></h2><p><code>{escape(target.id)}</code>, "
        f"judged for each entity, worst first; {better} is better (the ring: the target at "
        f'its deadline)</p><ul class="legend">{tally}</ul>{fails}'
        f'<div class="sparks">{sparks}</div>{more}'
        f"{cards}</section>"
    )


def _spark(plan: Plan, row: int, drawn: Series) -> str:
    columns = plan.report.columns
    entity = str(columns.entities[row])
    status = _status(plan.report, row)
    times, values = drawn
    svg = spark_svg(
        times,
        values,
        float(columns.numbers["target"][row]),
        float(columns.numbers["target_year"][row]),
        label=status_words(status),
    )
    mark = "✗ " if plan.keys[row] in plan.failing else ""
    caption = f"{mark}{escape(entity)}"
    if row in plan.carded:
        caption = f'<a href="#target-{escape(plan.keys[row])}">{caption}</a>'
    return (
        f'<figure class="spark" data-status="{status.value}">{svg}'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def glance_rows(plan: Plan) -> Sequence[int]:
    """The rows the table at a glance lists: the targets judged once that have a card."""
    return [i for status in WORST_FIRST for i in plan.single[status] if i in plan.carded]


def entity_table(plan: Plan) -> str:
    """The targets judged for each entity in one table, worst first, with their counts."""
    if not plan.groups:
        return ""
    rows = []
    for group in plan.groups:
        target = plan.report.columns.targets[group.rows[0]]
        counts = " ".join(
            f'<span class="badge" data-status="{s.value}">{escape(status_words(s))} {n:,}</span>'
            for s, n in group.counts.items()
        )
        worst = ", ".join(escape(e) for e, _ in group.worst) or "none"
        mark = '<span class="fails">✗</span>' if group.failing else ""
        rows.append(
            f'<tr><td>{mark}<a href="#entities-{escape(target.id)}">{escape(target.id)}</a></td>'
            f"<td>{group.entities:,}</td><td>{counts}</td><td>{worst}</td></tr>"
        )
    return (
        '<section class="panel"><h2 style="margin-top:0">Judged for each entity '
        f'<span class="count">{count(len(plan.groups), "target")}</span></h2>'
        '<div class="scroll"><table class="glance entities"><thead><tr><th>target</th>'
        "<th>entities</th><th>statuses</th><th>worst</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )
