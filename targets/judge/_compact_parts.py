"""The texts a compact JSON result is joined from, as pyarrow string arrays: what each
target fixes (written once per target), each result's latest figure, and columns of a
few distinct texts (entities, methods, labels), each text encoded once.

`targets.judge._compact` joins them into lines; this module writes the parts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring as _string
from typing import TYPE_CHECKING, Any

import numpy as np

from targets.engine import resolve_thresholds
from targets.judge._number_text import number_members, scalars
from targets.judge._run import Run
from targets.rules._arrow import strings, taken
from targets.rules._codes import numbered
from targets.rules._locations import locate_many
from targets.rules._table import KIND_CODES, Ints
from targets.rules._targets import TargetBase
from targets.rules._words import describe_goal

if TYPE_CHECKING:
    from targets.rules._model import Metric
    from targets.rules._programme import Programme

__all__ = ["DETAIL_FIELDS", "Coded", "Latest", "TargetTexts", "dumps", "joined"]


DETAIL_FIELDS = (
    "chance", "details", "explanation", "reason", "notes", "figures", "forecasts", "conflicts",
)  # fmt: skip
"""What a compact result leaves out (null): `targets explain` gives it for any result."""


def dumps(value: object) -> str:
    """`value` as JSON, as the report writes it (non-ASCII text as it is)."""
    if isinstance(value, str):
        return _string(value)
    return json.dumps(value, ensure_ascii=False)


def _json_text(value: str | None) -> str:
    return "null" if value is None else _string(value)


class _Texts(dict[str | None, str]):
    """Strings as JSON, each distinct one encoded once (units, kinds, owners repeat):
    read as ``text[value]``, a plain dictionary lookup once the value has been seen."""

    def __missing__(self, value: str | None) -> str:
        found = self[value] = _json_text(value)
        return found


def joined(glue: Sequence[str], parts: Sequence[Any]) -> Any:
    """Each row's text: ``glue[0] + parts[0] + glue[1] + ... + glue[-1]`` (one more glue
    than parts), joined by pyarrow."""
    import pyarrow.compute as pc  # noqa: PLC0415 - large reports only

    *texts, nothing = scalars([*glue, ""])
    pieces = [piece for pair in zip(texts[:-1], parts, strict=True) for piece in pair]
    return pc.binary_join_element_wise(*pieces, texts[-1], nothing)


@dataclass(frozen=True, slots=True)
class Coded:
    """A column of a few distinct texts: each row's code, and the texts (JSON) by code."""

    codes: Ints
    texts: Any

    @classmethod
    def of(cls, values: Sequence[str | None]) -> Coded:
        """`values` as JSON strings (null for None), each distinct one encoded once."""
        distinct, codes = numbered(values)
        return cls(codes, strings([_json_text(v) for v in distinct]))

    def take(self, rows: slice) -> Any:
        """The texts of these rows."""
        return taken(self.texts, self.codes[rows])


class TargetTexts:
    """The JSON of what each target fixes, written once per target from templates: its
    id (`ids`), what comes before its status (`heads`), its method's thresholds
    (`thresholds`) and what comes after them (`tails`), pyarrow arrays by the target's
    code. For sixty thousand independent targets, three `json.dumps` per target were a
    second of the report. Pieces that repeat (thresholds, units, tags) are encoded once."""

    def __init__(self, run: Run, targets: Sequence[TargetBase], written: Sequence[bool]) -> None:
        """`targets` by code; `written`: which are written from their texts (the others'
        results are written whole: their texts are left empty)."""
        self.run = run
        ids = [target.id for target in targets]  # where each was written, found together
        where = locate_many(run.programme.locations, "target", ids)
        self.where = dict(zip(ids, where, strict=True))
        self.text = _Texts()
        self.threshold_texts: dict[tuple[str, tuple[tuple[str, float], ...]], str] = {}
        self.details = dumps(dict.fromkeys(DETAIL_FIELDS))[1:-1]
        self.tag_lists: dict[tuple[str, ...], str] = {}
        parts = [self._parts(t) if w else _NONE for t, w in zip(targets, written, strict=True)]
        texts = (strings(list(t)) for t in zip(*parts, strict=True))
        self.ids, self.heads, self.thresholds, self.tails = texts

    def _parts(self, target: TargetBase) -> tuple[str, str, str, str]:
        programme = self.run.programme
        metric = programme.metrics[target.metric]
        deadline = target.deadline
        tags = target.tags
        text = self.text
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
            self.details,
            text[location.path] if location else "null",
            location.line if location else "null",
            location.col if location else "null",
            text[target.source],
            text[target.quote],
        )
        return _string(target.id), head, self._thresholds(target, metric), tail

    def _tags(self, tags: Sequence[str]) -> str:
        key = tuple(tags)
        found = self.tag_lists.get(key)
        if found is None:
            found = self.tag_lists[key] = "[" + ", ".join(map(self.text.__getitem__, tags)) + "]"
        return found

    def _thresholds(self, target: TargetBase, metric: Metric) -> str:
        """The target's thresholds as JSON, each distinct set encoded once."""
        key = self.run.method_and_thresholds(target, metric)
        found = self.threshold_texts.get(key)
        if found is None:
            resolved = dict(resolve_thresholds(key[0], dict(key[1])))
            found = self.threshold_texts[key] = dumps(resolved)
        return found


_NONE = ("", "", "", "")
"""The texts of a target whose results are written whole."""
_HEAD = (
    '"name": %s, "kind": %s, "metric": %s, "metric_name": %s, "unit": %s, "goal": %s, '
    '"deadline": %s, "severity": %s, "tags": %s, "owner": %s'
)
_TAIL = (
    '%s, "source": {"file": %s, "line": %s, "column": %s}, "citation": {"source": %s, "quote": %s}'
)


class Latest:
    """Results' latest figures as JSON, from the figure table's columns: `rows`, each
    result's table row (-1: none), written a block of results at a time."""

    def __init__(self, programme: Programme, rows: Ints) -> None:
        table = self.table = programme.table
        self.rows = rows
        self.periods = strings([_json_text(p.label) for p in table.periods])
        self.entities = strings([*map(_json_text, table.entities), "null"])  # code -1: last
        self.sources = strings([*map(_json_text, table.sources), "null"])
        self.editions = strings([*(_json_text(e.label) for e in table.editions), "null"])
        self.kinds = strings(list(map(_json_text, KIND_CODES)))
        chosen = rows >= 0
        self.place = np.cumsum(chosen) - 1  # a row's place among those with a figure
        # each file asked once for the whole report's texts (a figure's value as written):
        # two hundred files, one a province, asked once a block cost a second
        self.stated = strings([_string(s) for s in table.stated(rows[chosen])])

    def __call__(self, at: slice) -> Any:
        """The latest figure of each result in `at` (``null`` where it has none)."""
        import pyarrow as pa  # noqa: PLC0415 - large reports only

        rows = self.rows[at]
        chosen = rows >= 0
        picked = rows[chosen]
        if picked.size == 0:
            return strings(["null"] * rows.size)
        table = self.table
        low, high = table.low[picked], table.high[picked]
        figures = joined(
            _FIGURE,
            [
                taken(self.periods, table.period[picked]),
                number_members(
                    ("time", "value", "low", "high"),
                    [table.time_at(picked), np.where(low == high, low, np.nan), low, high],
                ),
                taken(self.stated, self.place[at][chosen]),
                taken(self.kinds, table.kind[picked]),
                taken(self.entities, _last_if_none(table.entity[picked], self.entities)),
                taken(self.sources, _last_if_none(table.source[picked], self.sources)),
                taken(self.editions, _last_if_none(table.edition[picked], self.editions)),
            ],
        )
        if picked.size == rows.size:
            return figures
        index = np.full(rows.size, picked.size, dtype=np.int64)  # the last: null
        index[chosen] = np.arange(picked.size)
        return taken(pa.concat_arrays([figures, strings(["null"])]), index)


def _last_if_none(codes: Ints, texts: Any) -> Ints:
    """`codes` with -1 (none) as the last text's code."""
    return np.where(codes < 0, len(texts) - 1, codes)


_FIGURE = (
    '{"period": ', ", ", ', "stated": ', ', "kind": ', ', "entity": ', ', "source": ',
    ', "published": ', "}",
)  # fmt: skip
