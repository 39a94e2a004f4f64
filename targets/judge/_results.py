"""A report's results as columns, and as `TargetResult` objects built when asked for.

Sixty thousand `TargetResult` objects, each with its evidence and every step, cost
seconds; the statuses and numbers of sixty thousand results cost kilobytes. `ResultTable`
holds the columns every summary, gate and machine-readable report needs; `LazyResults`
hands out the full `TargetResult` of a row (rebuilt by the per-series path) only when
code asks for that row.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import overload

import numpy as np
import numpy.typing as npt

from targets.engine import STATUS_CODES, Headline
from targets.judge._bulk_chance import BulkChance
from targets.judge._result import TargetResult
from targets.rules._targets import TargetBase

__all__ = ["NUMBERS", "LazyResults", "ResultTable"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

NUMBERS: tuple[str, ...] = tuple(
    f.name for f in fields(Headline) if f.name not in {"projection", "thresholds"}
)
"""The headline's numbers: one float column each (NaN where a result has none)."""


@dataclass(frozen=True, eq=False)
class ResultTable:
    """One row per result, in the report's order: what summaries and gates read."""

    targets: list[TargetBase]
    """Each row's target, as the entity must meet it (overrides applied)."""
    entities: list[str | None]
    status: npt.NDArray[np.int8]
    """Index into `STATUS_CODES`."""
    methods: list[str]
    method_status: list[str]
    projection: list[str | None]
    numbers: Mapping[str, Floats]
    latest_row: Ints
    """The figure table's row of each result's latest figure (-1: none, or not known
    without rebuilding the result)."""
    vector: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    """Rows judged by the vectorised path."""
    chance: BulkChance | None = None
    """The chance of the rows judged by the vectorised path, read when a gate asks."""
    refused: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    """Rows judged by the vectorised path with no verdict at all: no numbers, no
    thresholds used (a relative target without its base year's figure)."""

    def __len__(self) -> int:
        return len(self.targets)

    @property
    def keys(self) -> list[str]:
        """Each row's key, ``id`` or ``id[entity]`` (a copy: the gate, the text report and
        the exit code each ask for sixty thousand of them)."""
        return list(self._keys)

    @functools.cached_property
    def error_severity(self) -> npt.NDArray[np.bool_]:
        """Which rows' targets are of error severity (the others only warn): read by every
        gate, kept for the next."""
        return np.fromiter(
            (t.severity == "error" for t in self.targets), dtype=bool, count=len(self.targets)
        )

    @functools.cached_property
    def _keys(self) -> tuple[str, ...]:
        return tuple(
            t.id if e is None else f"{t.id}[{e}]"
            for t, e in zip(self.targets, self.entities, strict=True)
        )

    def status_of(self, row: int) -> str:
        return STATUS_CODES[int(self.status[row])].value

    def take(self, rows: Sequence[int]) -> ResultTable:
        """These rows only, in this order."""
        index = np.asarray(rows, dtype=np.int64)
        return ResultTable(
            targets=[self.targets[i] for i in rows],
            entities=[self.entities[i] for i in rows],
            status=self.status[index],
            methods=[self.methods[i] for i in rows],
            method_status=[self.method_status[i] for i in rows],
            projection=[self.projection[i] for i in rows],
            numbers={k: v[index] for k, v in self.numbers.items()},
            latest_row=self.latest_row[index],
            vector=self.vector[index] if self.vector.size else self.vector,
            refused=self.refused[index] if self.refused.size else self.refused,
            chance=self.chance.take(index) if self.chance is not None else None,
        )

    @classmethod
    def of(cls, results: Sequence[TargetResult], latest_row: Ints | None = None) -> ResultTable:
        """The columns of results that exist as objects."""
        return cls(
            targets=[r.target for r in results],
            entities=[r.entity for r in results],
            status=np.asarray([STATUS_CODES.index(r.status) for r in results], dtype=np.int8),
            methods=[r.method for r in results],
            method_status=[r.method_status for r in results],
            projection=[r.headline.projection for r in results],
            numbers={
                name: np.asarray(
                    [_number(getattr(r.headline, name)) for r in results], dtype=np.float64
                )
                for name in NUMBERS
            },
            latest_row=latest_row
            if latest_row is not None
            else np.full(len(results), -1, dtype=np.int64),
            vector=np.zeros(len(results), dtype=bool),
        )


def _number(value: float | None) -> float:
    return np.nan if value is None else float(value)


class LazyResults(Sequence[TargetResult]):
    """The results of a report, each built on first access (and kept)."""

    def __init__(self, size: int, make: Callable[[int], TargetResult]) -> None:
        self._made: dict[int, TargetResult] = {}
        self._size = size
        self._make = make

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> TargetResult: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[TargetResult]: ...
    def __getitem__(self, index: int | slice) -> TargetResult | Sequence[TargetResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._size))]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError(f"result {index} of {self._size}")
        found = self._made.get(index)
        if found is None:
            found = self._made[index] = self._make(index)
        return found

    def __iter__(self) -> Iterator[TargetResult]:
        return (self[i] for i in range(self._size))

    def __reduce__(self) -> tuple[type[tuple[TargetResult, ...]], tuple[list[TargetResult]]]:
        """Pickled (or deep-copied) as the results, every one built: the function that builds
        them is the check's own."""
        return (tuple, (list(self),))
