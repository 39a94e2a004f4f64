"""The JSON report of a large check, written from the result columns, without objects.

For sixty thousand results, building each `TargetResult` (with its evidence, steps and
explanation) to print it costs minutes. A compact report carries what machines read: each
result's target, entity, status in both vocabularies, every headline number and its latest
figure. The figures behind each verdict, the arithmetic and the words are left out (they
are null, and ``"detail": "compact"`` says so); ``targets explain TARGET[ENTITY]`` gives
them for any result. Numbers (the headline and the latest figure's) are written by
pyarrow (`_number_text`): the same doubles Python's ``json`` writes, a whole number
without its ``.0``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from targets._threads import worker_pool
from targets.engine import STATUS_CODES
from targets.judge._compact_parts import DETAIL_FIELDS, Coded, Latest, TargetTexts, dumps, joined
from targets.judge._export import result_dict
from targets.judge._number_text import number_members
from targets.judge._results import ResultTable
from targets.judge._run import Run
from targets.rules._arrow import strings, taken
from targets.rules._codes import numbered
from targets.rules._table import Floats, Ints

if TYPE_CHECKING:
    from targets.judge._report import Report
    from targets.judge._result import TargetResult
    from targets.rules._programme import Programme

__all__ = ["BLOCK", "DETAIL_FIELDS", "compact_blocks", "compact_dict", "compact_results"]

_ORDER = (
    "target_value", "target_year", "latest_year", "latest_value", "base_year", "base_value",
    "growth_actual", "growth_required", "growth_required_now", "change_actual",
    "change_required", "change_required_now", "slope",
)  # fmt: skip
_AFTER = ("projected", "reach_year", "trajectory_gap", "ratio", "progress", "score")


def compact_dict(result: TargetResult) -> dict[str, Any]:
    """One result as the compact report writes it: `result_dict` without the detail."""
    data = result_dict(result)
    data.update(dict.fromkeys(DETAIL_FIELDS))
    return data


def compact_results(report: Report) -> Iterator[str]:
    """Each result of `report` as one line of JSON, in order (see `compact_blocks`)."""
    for block in compact_blocks(report, "\n"):
        yield from block.split("\n")  # JSON escapes every line break its strings hold


BLOCK = 2048
"""Results written as one block: the texts of one block are alive together (3 MB), not
the report's."""


def compact_blocks(report: Report, separator: str) -> Iterator[str]:
    """The results of `report` as lines of JSON, in order, `BLOCK` at a time: each
    block's lines joined by `separator`.

    The vectorised path's rows are joined by pyarrow from columns of texts (`_Lines`):
    sixty thousand lines formatted one by one in Python were most of the report's time.
    pyarrow leaves Python's lock while it formats and joins, so two threads write blocks
    side by side, a few blocks ahead of the one handed on. The other rows are written
    from their (already built) results, here."""
    import pyarrow as pa  # noqa: PLC0415 - large reports only

    size = len(report.columns)
    if size == 0:
        return
    vector = report.columns.vector
    lines_of = _Lines(report, separator)
    starts = range(0, size, BLOCK)
    drop = len(separator.encode())
    with worker_pool(2, "targets-json") as pool:
        pending = deque(pool.submit(lines_of, start) for start in starts[:_AHEAD])
        for number, start in enumerate(starts):
            if number + _AHEAD < len(starts):
                pending.append(pool.submit(lines_of, starts[number + _AHEAD]))
            lines = pending.popleft().result()
            slow = np.flatnonzero(~vector[start : start + BLOCK]) if vector.size else None
            if slow is None or slow.size:  # rows of the per-series path: their results
                slow = np.arange(len(lines)) if slow is None else slow
                whole = [
                    dumps(compact_dict(report.results[start + i])) + separator
                    for i in slow.tolist()
                ]
                index = np.arange(len(lines))
                index[slow] = len(lines) + np.arange(slow.size)
                lines = taken(pa.concat_arrays([lines, strings(whole)]), index)
            yield _text_of(lines, drop)


_AHEAD = 3
"""Blocks being written at most, beyond the one handed on: a few MB."""


class _Lines:
    """The lines of the vectorised path's results, a block at a time, from columns of
    texts: what their target fixes (written once per target), their entity, status,
    method, numbers and latest figure. Rows of the other path get a line too, to be
    replaced (`compact_blocks`)."""

    def __init__(self, report: Report, separator: str) -> None:
        columns = report.columns
        size = len(columns)
        vector = columns.vector if columns.vector.size else np.zeros(size, dtype=bool)
        numbers = _numbers(report.programme, columns)
        numbers["target_value"] = numbers.pop("target")
        self.numbers = numbers
        latest_rows = np.where(vector, columns.latest_row, -1)
        distinct, self.target = numbered(list(map(id, columns.targets)))
        firsts = np.unique(self.target, return_index=True)[1]  # numbered as they come
        written = np.zeros(len(distinct), dtype=bool)
        written[self.target[vector]] = True  # the others' rows are written from results
        self.texts = TargetTexts(
            Run(report.programme, report.as_of, report.method),
            [columns.targets[row] for row in firsts.tolist()],
            written.tolist(),
        )
        self.entity = Coded.of(columns.entities)
        self.method = Coded.of(columns.methods)
        self.label = Coded.of(columns.method_status)
        self.projection = Coded.of(columns.projection)
        statuses = strings([dumps(s.value) for s in STATUS_CODES])
        self.status = Coded(columns.status.astype(np.int64), statuses)
        self.latest = Latest(report.programme, latest_rows)
        # a refusal (no verdict) used no thresholds: its result says {}
        self.refused = columns.refused if columns.refused.size else np.zeros(size, dtype=bool)
        self.glue = (*_LINE, "}" + separator)

    def __call__(self, start: int) -> Any:
        """The lines of rows `start` to `start + BLOCK`, each ending with the separator."""
        at, numbers = slice(start, start + BLOCK), self.numbers
        texts, target = self.texts, self.target[at]
        return joined(
            self.glue,
            [
                taken(texts.ids, target),
                self.entity.take(at),
                taken(texts.heads, target),
                self.status.take(at),
                self.method.take(at),
                self.label.take(at),
                self.latest(at),
                number_members(_ORDER, [numbers[name][at] for name in _ORDER]),
                self.projection.take(at),
                number_members(_AFTER, [numbers[name][at] for name in _AFTER]),
                self._thresholds(at, target),
                taken(texts.tails, target),
            ],
        )

    def _thresholds(self, at: slice, target: Ints) -> Any:
        """The thresholds of rows `at` (their targets' codes: `target`)."""
        import pyarrow.compute as pc  # noqa: PLC0415 - large reports only

        found = taken(self.texts.thresholds, target)
        refused = self.refused[at]
        return pc.if_else(refused, "{}", found) if refused.any() else found


_LINE = (
    '{"target": ', ', "entity": ', ", ", ', "status": ', ', "method": ',
    ', "method_status": ', ', "latest": ', ", ", ', "projection": ', ", ",
    ', "thresholds": ', ", ",
)  # fmt: skip
"""What comes before each part of a result's line; the line ends with ``}``."""


def _text_of(lines: Any, drop: int) -> str:
    """The texts of a pyarrow string array, one after the other, read from its buffer
    at once, but for the last `drop` bytes (the last line's separator)."""
    _, offsets, data = lines.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int32, count=len(lines) + 1, offset=lines.offset * 4)
    return str(memoryview(data)[int(bounds[0]) : int(bounds[-1]) - drop], "utf-8")


def _numbers(programme: Programme, columns: ResultTable) -> dict[str, Floats]:
    """The headline's numbers; where a verdict has no latest year (a refusal), the year
    and value of the last figure chosen, as `TargetResult.latest_year` falls back to."""
    numbers = dict(columns.numbers)
    table, rows = programme.table, columns.latest_row
    gap = np.isnan(numbers["latest_year"]) & (rows >= 0) & columns.vector
    if gap.any():
        picked = rows[gap]
        year, value = numbers["latest_year"].copy(), numbers["latest_value"].copy()
        year[gap] = table.time_at(picked)
        low, high = table.low[picked], table.high[picked]
        value[gap] = np.where(low == high, low, np.nan)
        numbers["latest_year"], numbers["latest_value"] = year, value
    return numbers
