"""The text report: targets grouped by status, worst first, sized to the terminal.

Every line fits `width` columns (80 unless the CLI measured the terminal): sentences wrap,
and a table row never does. Its columns are as wide as their widest cell, the id column
takes what is left, and an id longer than that loses its middle to an ellipsis rather than
pushing its row onto a second line (`targets explain` takes the whole id; the JSON report
and the other formats keep it whole). The project's chance is the last column, shown where
it fits beside whole ids; on a very narrow terminal the least needed columns go first.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence

from targets._safe import oneline
from targets.engine import STATUS_CODES, WORST_FIRST, Status
from targets.judge import Gate, Report, TargetResult
from targets.render._cells import (
    HEADER,
    row_cells,
)
from targets.render._chance import CHANCE_HEADER, chance_phrase
from targets.render._status_words import status_words
from targets.render._text_groups import entity_groups, group_lines
from targets.rules import count

__all__ = [
    "MAX_ROWS",
    "WIDTH",
    "Style",
    "fit_id",
    "plain",
    "render_text",
    "summary_line",
    "table_layout",
]

Style = Callable[[str, Status], str]

WIDTH = 80
"""Columns when nothing better is known (not a terminal, no ``COLUMNS``)."""
_NARROWEST = 40
"""Below this the report is laid out for 40 columns anyway: nothing useful fits in less."""
_MARK = 2
"""The gate mark before an id: '✗ ' or two spaces."""
_SHORTEST_ID = 14
"""Columns an id keeps before whole columns are dropped to make room."""
MAX_ROWS = 10
"""Rows a status section shows when it has more than `_CAP`: sixty thousand targets in six
sections stay within two screenfuls (the JSON report lists every target)."""
_CAP = 25
_CAP_DISPUTED = 2000
"""Above this many results the note on disputed figures is left out: finding them means
building every result."""
_SGR = re.compile(r"\x1b\[[0-9;]*m")
"""A colour code: it takes no column on screen."""
_COLUMNS = (*HEADER, CHANCE_HEADER)
"""The table's columns: the id, the method's numbers, then the project's chance."""
_DROP_ORDER = (5, 3, 4, 2)
"""Cells (by position after the id) dropped first on a narrow terminal: chance, at
deadline, reaches, grew/yr. The id, latest figure and growth needed always stay. The chance
(the project's reading, an addition to the method's numbers) is shown only where it costs
no id a character: shortened to make room for it, two ids of one family
('dt-firms-100k-2025', 'dt-firms-80k-2025') could read alike."""


def plain(text: str, status: Status) -> str:
    return text


def fit_id(text: str, room: int) -> str:
    """`text` in at most `room` characters: whole, or its middle replaced by '…' (the tail of
    an id, its year, tells targets apart as often as its head)."""
    if len(text) <= room:
        return text
    if room <= 1:
        return "…"[:room]
    tail = (room - 1) // 2
    return text[: room - 1 - tail] + "…" + (text[-tail:] if tail else "")


def table_layout(
    ids: Sequence[str], rows: Sequence[tuple[str, ...]], width: int
) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
    """(id column width, the cell columns kept, their widths) for rows within `width`.

    A row is two spaces, the gate mark, the id, then each kept cell after one space."""
    cells = len(_COLUMNS) - 1
    columns = list(range(cells))
    sizes = [max([len(_COLUMNS[c + 1]), *(len(row[c]) for row in rows)]) for c in range(cells)]
    longest = max([len(_COLUMNS[0]), *(len(i) for i in ids)])

    def room() -> int:
        return width - 2 - _MARK - sum(sizes[c] + 1 for c in columns)

    for dropped in _DROP_ORDER:
        keep = longest if dropped == _DROP_ORDER[0] else min(longest, _SHORTEST_ID)
        if room() >= keep:
            break
        columns.remove(dropped)
    id_width = max(1, min(longest, room()))
    return id_width, tuple(columns), tuple(sizes[c] for c in columns)


def render_text(
    report: Report,
    *,
    style: Style = plain,
    gate: Gate | None = None,
    explain: bool = False,
    width: int = WIDTH,
) -> str:
    """The report as a table per status (worst first), then a summary line and the gate;
    no line longer than `width` columns."""
    width = max(width, _NARROWEST)
    programme = report.programme
    when = f"as of {report.as_of}" if report.as_of else "all figures"
    method = f", method {report.method} for every target" if report.method else ""
    name = oneline(programme.info.name)
    gate = gate or Gate()
    columns = report.columns
    failing_rows = set(gate.failing_rows(report))
    keys = columns.keys
    failing = {keys[i] for i in failing_rows}
    # targets judged once each get rows; those judged for each entity get a block apiece
    single = [i for i, entity in enumerate(columns.entities) if entity is None]
    by_status: dict[Status, list[int]] = {status: [] for status in WORST_FIRST}
    for i in single:
        by_status[STATUS_CODES[int(columns.status[i])]].append(i)
    shown = {
        status: rows[:MAX_ROWS] if len(rows) > _CAP else rows for status, rows in by_status.items()
    }
    results = {i: report.results[i] for rows in shown.values() for i in rows}
    judged = [r for r in results.values() if r.status is not Status.NOT_ASSESSABLE]
    cells = {r.key: row_cells(r) for r in judged}
    layout = table_layout([r.key for r in judged], list(cells.values()), width)
    lines = [*_wrap(_title(report, name, when, method, len(single)), width), ""]
    for status in WORST_FIRST:
        if by_status[status]:
            lines += _section(
                status,
                [results[i] for i in shown[status]],
                cells,
                layout,
                style=style,
                failing=failing,
                explain=explain,
                width=width,
                total=len(by_status[status]),
            )

    def wrap(text: str, first: str, rest: str) -> list[str]:
        return _wrap(text, width, first, rest)

    lines += group_lines(entity_groups(report, failing_rows), wrap)
    if report.changes is not None:
        lines.append(f"CHANGES SINCE THE BASELINE ({len(report.changes)})")
        for change in report.changes:
            lines += _wrap(oneline(str(change)), width, "  ", "    ")
        if not report.changes:
            lines.append("  none")
        lines.append("")
    # which verdicts rest on disputed figures is known from built results only
    disputed = [r for r in report if r.conflicts] if len(report) <= _CAP_DISPUTED else []
    if disputed:
        lines += _wrap(
            f"note: {count(len(disputed), 'target')} rest on figures that sources give "
            "differently; `targets explain TARGET` shows which figure was used and why",
            width,
        )
    lines += _wrap(summary_line(report, style), width, styled=style is not plain)
    lines += _wrap(gate.verdict(report), width)
    return "\n".join(lines) + "\n"


def _wrap(
    text: str, width: int, first: str = "", rest: str = "  ", *, styled: bool = False
) -> list[str]:
    """A sentence wrapped at `width`. Styled text (colour codes) is wrapped on its visible
    characters: each code sits inside a word, so textwrap would count it."""
    if not styled:
        return textwrap.wrap(
            text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
        ) or [first.rstrip()]
    out: list[str] = []
    line = first
    for word in text.split(" "):
        gap = "" if line in {first, rest} else " "
        if line not in {first, rest} and len(_SGR.sub("", line + gap + word)) > width:
            out.append(line)
            line, gap = rest, ""
        line += gap + word
    return [*out, line]


def _section(
    status: Status,
    chosen: list[TargetResult],
    cells: dict[str, tuple[str, ...]],
    layout: tuple[int, tuple[int, ...], tuple[int, ...]],
    *,
    style: Style,
    failing: set[str],
    explain: bool,
    width: int,
    total: int,
) -> list[str]:
    title = f"{status_words(status).upper()} ({total:,})"
    lines = [style(title, status)]
    id_width, columns, sizes = layout

    def row(mark: str, first: str, row_cells: tuple[str, ...]) -> str:
        out = [mark + fit_id(first, id_width).ljust(id_width)]
        out += [row_cells[c].rjust(size) for c, size in zip(columns, sizes, strict=True)]
        return ("  " + " ".join(out)).rstrip()

    if status is not Status.NOT_ASSESSABLE:
        lines.append(row("  ", _COLUMNS[0], _COLUMNS[1:]))
    for result in chosen:
        if status is Status.NOT_ASSESSABLE:
            reason = oneline(result.reason or "no reason given")
            lines += _wrap(f"{result.key}: {reason}", width, "    ", "      ")
            continue
        mark = "✗ " if result.key in failing else "  "
        lines.append(row(mark, result.key, cells[result.key]))
        if explain:
            lines += _wrap(oneline(result.explain()), width, "      ", "      ")
            phrase = chance_phrase(result, measured=True)
            if phrase is not None:  # apart from the method's words, and named as such
                lines += _wrap(oneline(phrase), width, "      ", "      ")
    if total > len(chosen):
        left = total - len(chosen)
        more = f"... and {left:,} more {status_words(status)} (the JSON report lists all)"
        lines += _wrap(more, width, "    ", "      ")
    lines.append("")
    return lines


def _title(report: Report, name: str, when: str, method: str, single: int) -> str:
    """The first line: the programme, how many targets (and entity results), the date."""
    if single == len(report):
        return f"{name}: {count(len(report), 'target')}, {when}{method}"
    per_entity = len(
        {
            t.id
            for t, e in zip(report.columns.targets, report.columns.entities, strict=True)
            if e is not None
        }
    )
    return (
        f"{name}: {count(single + per_entity, 'target')}, {per_entity} of them judged for "
        f"each entity ({count(len(report), 'result')}), {when}{method}"
    )


def summary_line(report: Report, style: Style = plain) -> str:
    parts = [
        style(f"{count:,} {status_words(status)}", Status(status))
        for status, count in report.summary.items()
        if count
    ]
    if any(entity is not None for entity in report.columns.entities):
        return f"{count(len(report), 'result')}: " + ", ".join(parts)
    return f"{count(len(report), 'target')}: " + ", ".join(parts)
