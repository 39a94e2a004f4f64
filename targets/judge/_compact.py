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

import json
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring as _string
from typing import TYPE_CHECKING, Any

import numpy as np

from targets._threads import worker_pool
from targets.engine import STATUS_CODES, resolve_thresholds
from targets.judge._export import result_dict
from targets.judge._number_text import number_members
from targets.judge._results import ResultTable
from targets.judge._run import Run
from targets.rules._locations import locate_many
from targets.rules._table import KIND_CODES, Floats, Ints
from targets.rules._targets import TargetBase
from targets.rules._words import describe_goal

if TYPE_CHECKING:
    from targets.judge._report import Report
    from targets.judge._result import TargetResult
    from targets.rules._model import Metric
    from targets.rules._programme import Programme

__all__ = ["DETAIL_FIELDS", "compact_dict", "compact_results"]

_ORDER = (
    "target_value", "target_year", "latest_year", "latest_value", "base_year", "base_value",
    "growth_actual", "growth_required", "growth_required_now", "change_actual",
    "change_required", "change_required_now", "slope",
)  # fmt: skip
_AFTER = ("projected", "reach_year", "trajectory_gap", "ratio", "progress", "score")


DETAIL_FIELDS = (
    "chance", "details", "explanation", "reason", "notes", "figures", "forecasts", "conflicts",
)  # fmt: skip
"""What a compact result leaves out (null): `targets explain` gives it for any result."""


def compact_dict(result: TargetResult) -> dict[str, Any]:
    """One result as the compact report writes it: `result_dict` without the detail."""
    data = result_dict(result)
    data.update(dict.fromkeys(DETAIL_FIELDS))
    return data


def compact_results(report: Report) -> Iterator[str]:
    """Each result of `report` as one line of JSON, in order: the vectorised path's rows
    written from the columns, the others from their (already built) results."""
    columns = report.columns
    programme = report.programme
    vector = columns.vector if columns.vector.size else np.zeros(len(columns), dtype=bool)
    numbers = _numbers(programme, columns)
    numbers["target_value"] = numbers.pop("target")
    with worker_pool(1, "targets-numbers") as pool:
        # pyarrow formats the headline's numbers, mostly out of Python's lock, while this
        # thread writes the latest figures (sixty thousand results: 0.30 -> 0.25 s)
        formatted = pool.submit(
            lambda: (
                number_members(_ORDER, [numbers[name] for name in _ORDER]),
                number_members(_AFTER, [numbers[name] for name in _AFTER]),
            )
        )
        latest = _latest(programme, np.where(vector, columns.latest_row, -1))
        before, after = formatted.result()
    statuses = [_dumps(s.value) for s in STATUS_CODES]
    distinct = {id(target): target for target in columns.targets}.values()
    fragments = _Fragments(Run(programme, report.as_of, report.method), distinct)
    fronts: dict[int, tuple[str, str, str]] = {}  # by id(target): entities share their copy
    text = _Texts()
    rows = zip(
        columns.targets,
        columns.entities,
        columns.status.tolist(),
        columns.methods,
        columns.method_status,
        columns.projection,
        vector.tolist(),
        latest,
        before,
        after,
        strict=True,
    )
    for row, (target, entity, status, method, label, projection, fast, *cells) in enumerate(rows):
        if not fast:
            yield _dumps(compact_dict(report.results[row]))
            continue
        parts = fronts.get(id(target))
        if parts is None:
            parts = fronts[id(target)] = fragments(target)
        figure, first, last = cells
        yield _LINE % (
            parts[0],
            text[entity],
            parts[1],
            statuses[status],
            text[method],
            text[label],
            figure,
            first,
            text[projection],
            last,
            parts[2],
        )


_LINE = (
    '{"target": %s, "entity": %s, %s, "status": %s, "method": %s, "method_status": %s, '
    '"latest": %s, %s, "projection": %s, %s, %s}'
)


def _dumps(value: object) -> str:
    if isinstance(value, str):
        return _string(value)
    return json.dumps(value, ensure_ascii=False)


class _Texts(dict[str | None, str]):
    """Strings as JSON, each distinct one encoded once (entities and labels repeat): read
    as ``text[value]``, a plain dict lookup once the value has been seen."""

    def __missing__(self, value: str | None) -> str:
        found = self[value] = "null" if value is None else _string(value)
        return found


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


class _Fragments:
    """The JSON of what a result's target fixes, before its status and after its numbers,
    written from templates: for sixty thousand independent targets, three `json.dumps`
    per target were a second of the report. Pieces that repeat (thresholds, units, tags)
    are encoded once."""

    def __init__(self, run: Run, targets: Iterable[TargetBase]) -> None:
        self.run = run
        ids = [target.id for target in targets]  # where each was written, found together
        where = locate_many(run.programme.locations, "target", ids)
        self.where = dict(zip(ids, where, strict=True))
        self.text = _Texts()
        self.thresholds: dict[tuple[str, tuple[tuple[str, float], ...]], str] = {}
        self.details = _dumps(dict.fromkeys(DETAIL_FIELDS))[1:-1]
        self.tag_lists: dict[tuple[str, ...], str] = {}

    def __call__(self, target: TargetBase) -> tuple[str, str, str]:
        """The target's id as JSON, and the JSON of what it fixes before its status and
        after its numbers."""
        run, text = self.run, self.text
        programme = run.programme
        metric = programme.metrics[target.metric]
        deadline = target.deadline
        tags = target.tags
        head = _HEAD % (
            _string(target.name) if target.name is not None else "null",
            text[target.kind],
            _string(metric.id),
            _string(metric.name) if metric.name is not None else "null",
            text[metric.unit],
            _string(describe_goal(target, metric)),
            text[deadline.label] if deadline is not None else "null",
            text[target.severity],
            self._tags(tags) if tags else "[]",
            text[target.owner],
        )
        location = self.where.get(target.id)
        tail = _TAIL % (
            self._thresholds(target, metric),
            self.details,
            text[location.path] if location else "null",
            location.line if location else "null",
            location.col if location else "null",
            text[target.source],
            text[target.quote],
        )
        return _string(target.id), head, tail

    def _tags(self, tags: Sequence[str]) -> str:
        key = tuple(tags)
        found = self.tag_lists.get(key)
        if found is None:
            found = self.tag_lists[key] = "[" + ", ".join(self.text[t] for t in tags) + "]"
        return found

    def _thresholds(self, target: TargetBase, metric: Metric) -> str:
        """The target's thresholds as JSON, each distinct set encoded once."""
        key = self.run.method_and_thresholds(target, metric)
        found = self.thresholds.get(key)
        if found is None:
            resolved = dict(resolve_thresholds(key[0], dict(key[1])))
            found = self.thresholds[key] = _dumps(resolved)
        return found


_HEAD = (
    '"name": %s, "kind": %s, "metric": %s, "metric_name": %s, "unit": %s, "goal": %s, '
    '"deadline": %s, "severity": %s, "tags": %s, "owner": %s'
)
_TAIL = (
    '"thresholds": %s, %s, "source": {"file": %s, "line": %s, "column": %s}, '
    '"citation": {"source": %s, "quote": %s}'
)


def _latest(programme: Programme, rows: Ints) -> list[str]:
    """Each result's latest figure as JSON (``null`` where it has none)."""
    table = programme.table
    found = ["null"] * rows.size
    chosen = np.flatnonzero(rows >= 0)
    if chosen.size == 0:
        return found
    picked = rows[chosen]
    low, high = table.low[picked], table.high[picked]
    text = _Texts()
    periods = [text[p.label] for p in table.periods]
    entities = [text[e] for e in table.entities] + ["null"]  # code -1: the last
    sources = [text[s] for s in table.sources] + ["null"]
    editions = [text[e.label] for e in table.editions] + ["null"]
    kinds = [text[k] for k in KIND_CODES]
    numbers = number_members(
        ("time", "value", "low", "high"),
        [table.time_at(picked), np.where(low == high, low, np.nan), low, high],
    )
    cells = zip(
        chosen.tolist(),
        table.period[picked].tolist(),
        numbers,
        [_string(s) for s in table.stated(picked)],  # texts: no type to ask
        table.kind[picked].tolist(),
        table.entity[picked].tolist(),
        table.source[picked].tolist(),
        table.edition[picked].tolist(),
        strict=True,
    )
    for at, period, middle, stated, kind, entity, source, edition in cells:
        found[at] = _FIGURE % (
            periods[period],
            middle,
            stated,
            kinds[kind],
            entities[entity],
            sources[source],
            editions[edition],
        )
    return found


_FIGURE = (
    '{"period": %s, %s, "stated": %s, "kind": %s, "entity": %s, "source": %s, "published": %s}'
)
