"""Every figure of a programme as columns: what the fast check path reads.

A million figures as Python objects cost seconds and gigabytes; as numpy columns they cost
milliseconds and megabytes. `FigureTable` holds the numbers the evidence rules and the
engine need (metric, entity, time, value, kind, source, edition), with repeated texts
(metric ids, entities, periods, sources) stored once and referred to by code. A `Figure`
object is built only when something asks for one (`figure(i)`, `figures()`), from the
chunk the row came from: the objects of a YAML file, or the columns of a CSV or Parquet
file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from targets.rules._figures import Figure
from targets.rules._periods import Period, day

if TYPE_CHECKING:
    from targets.rules._errors import Location

__all__ = [
    "ANNUAL",
    "KIND_CODES",
    "Chunk",
    "FigureTable",
    "Floats",
    "Ints",
    "ObjectChunk",
    "Texts",
    "codes_of",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Texts = tuple[str, ...]

K = TypeVar("K")

KIND_CODES: Texts = ("actual", "estimate", "derived", "forecast")
"""The figure kinds, by code (the engine's evidence rules use the same names)."""
ANNUAL = frozenset({"year", "span"})


class Chunk(Protocol):
    """Where some rows came from, able to build their `Figure` objects on demand."""

    def figure(self, offset: int) -> Figure:
        """The `offset`-th figure of the chunk."""
        ...

    def location(self, offset: int) -> Location | None:
        """Where the figure was written."""
        ...

    def stated(self, offsets: Ints) -> list[str]:
        """The value as reported, with its unit, of each of these figures."""
        ...

    def lines(self, offsets: Ints) -> Ints:
        """The line each of these figures was written on (0 where none is known)."""
        ...


@dataclass(frozen=True, slots=True)
class ObjectChunk:
    """Figures that exist as objects already: from YAML, a DataFrame or code."""

    figures: tuple[Figure, ...]

    def figure(self, offset: int) -> Figure:
        return self.figures[offset]

    def location(self, offset: int) -> Location | None:
        return self.figures[offset].location

    def stated(self, offsets: Ints) -> list[str]:
        return [self.figures[int(o)].stated for o in offsets]

    def lines(self, offsets: Ints) -> Ints:
        found = [self.figures[int(o)].location for o in offsets]
        return np.asarray([w.line if w is not None else 0 for w in found], dtype=np.int64)


def codes_of(values: Iterable[str | None], table: dict[str, int]) -> Ints:
    """Codes of `values` in `table` (extended as new texts appear); -1 for None."""
    out: list[int] = []
    for value in values:
        if value is None:
            out.append(-1)
            continue
        code = table.get(value)
        if code is None:
            code = table[value] = len(table)
        out.append(code)
    return np.asarray(out, dtype=np.int64)


@dataclass(frozen=True, eq=False)
class FigureTable:
    """The programme's figures in file order (later rows were written later), as columns."""

    metrics: Texts
    metric: Ints
    entities: Texts
    entity: Ints
    """Index into `entities`, -1 for a figure about no entity."""
    periods: tuple[Period, ...]
    period: Ints
    low: Floats
    high: Floats
    kind: Ints
    """Index into `KIND_CODES`."""
    sources: Texts
    source: Ints
    """Index into `sources`, -1 for none."""
    editions: tuple[Period, ...]
    edition: Ints
    """The publication date (index into `editions`), -1 for none."""
    chunks: tuple[Chunk, ...] = ()
    chunk: Ints = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    offset: Ints = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return int(self.metric.size)

    # Columns derived from the codes, computed once per distinct period or edition.

    @property
    def time(self) -> Floats:
        """Each figure's position on the time axis, in years."""
        return _per_code([p.time for p in self.periods], self.period)

    def time_at(self, rows: Ints) -> Floats:
        """`time` of `rows` only: a report reads the latest figure of each result, not the
        time of all fourteen million rows."""
        return _per_code([p.time for p in self.periods], self.period[rows])

    @property
    def end(self) -> Floats:
        """The end of each figure's period (an undated figure is known from then)."""
        return _per_code([day(p.last_day).time for p in self.periods], self.period)

    @property
    def annual(self) -> npt.NDArray[np.bool_]:
        """Whether each figure is for a year or a span of years (not finer)."""
        flags = np.asarray([p.granularity in ANNUAL for p in self.periods], dtype=bool)
        return flags[self.period] if self.periods else np.zeros(len(self), dtype=bool)

    @property
    def published(self) -> Floats:
        """Each figure's publication date on the time axis (its last day); NaN if none."""
        times = [day(p.last_day).time for p in self.editions]
        return _per_code(times, self.edition)

    # Objects, only when asked for.

    def figure(self, row: int) -> Figure:
        """Row `row` as a `Figure`."""
        return self.chunks[int(self.chunk[row])].figure(int(self.offset[row]))

    def stated(self, rows: Ints) -> list[str]:
        """Each row's value as reported, with its unit ('148,500 USD million'), read from
        where the row came from without building its `Figure`."""
        if len(self.chunks) == 1:  # one file's figures: every row is its
            return self.chunks[0].stated(self.offset[rows])
        found = [""] * rows.size
        for code, chunk in enumerate(self.chunks):
            mine = np.flatnonzero(self.chunk[rows] == code)
            if mine.size:
                texts = chunk.stated(self.offset[rows[mine]])
                for i, text in zip(mine.tolist(), texts, strict=True):
                    found[i] = text
        return found

    def by_line(self) -> FigureTable:
        """The rows in the order of the lines they were written on (stably): for one file's
        figures gathered in two parts, its columns and the rows read again one by one."""
        lines = np.zeros(len(self), dtype=np.int64)
        for code, chunk in enumerate(self.chunks):
            mine = np.flatnonzero(self.chunk == code)
            lines[mine] = chunk.lines(self.offset[mine])
        order = np.argsort(lines, kind="stable")
        columns = ("metric", "entity", "period", "low", "high", "kind", "source", "edition",
                   "chunk", "offset")  # fmt: skip
        return replace(self, **{c: getattr(self, c)[order] for c in columns})

    def figures(self, rows: Sequence[int] | Ints | None = None) -> tuple[Figure, ...]:
        """The `Figure` objects of `rows` (default: every row, in order)."""
        chosen = range(len(self)) if rows is None else rows
        return tuple(self.figure(int(r)) for r in chosen)

    @classmethod
    def of(cls, figures: Sequence[Figure]) -> FigureTable:
        """The table of figures that exist as objects (YAML, a DataFrame, code)."""
        metrics: dict[str, int] = {}
        entities: dict[str, int] = {}
        sources: dict[str, int] = {}
        periods: dict[Period, int] = {}
        editions: dict[Period, int] = {}
        n = len(figures)
        return cls(
            metrics=(),
            metric=codes_of((f.metric for f in figures), metrics),
            entities=(),
            entity=codes_of((f.entity for f in figures), entities),
            periods=(),
            period=_period_codes((f.period for f in figures), periods),
            low=np.asarray([f.low for f in figures], dtype=float),
            high=np.asarray([f.high for f in figures], dtype=float),
            kind=np.asarray([KIND_CODES.index(f.kind) for f in figures], dtype=np.int64),
            sources=(),
            source=codes_of((f.source.id if f.source else None for f in figures), sources),
            editions=(),
            edition=_period_codes((f.published for f in figures), editions),
            chunks=(ObjectChunk(tuple(figures)),),
            chunk=np.zeros(n, dtype=np.int64),
            offset=np.arange(n, dtype=np.int64),
        ).named(metrics, entities, sources, periods, editions)

    def named(
        self,
        metrics: dict[str, int],
        entities: dict[str, int],
        sources: dict[str, int],
        periods: dict[Period, int],
        editions: dict[Period, int],
    ) -> FigureTable:
        """This table with its code tables (texts in code order)."""
        return FigureTable(
            metrics=tuple(metrics),
            metric=self.metric,
            entities=tuple(entities),
            entity=self.entity,
            periods=tuple(periods),
            period=self.period,
            low=self.low,
            high=self.high,
            kind=self.kind,
            sources=tuple(sources),
            source=self.source,
            editions=tuple(editions),
            edition=self.edition,
            chunks=self.chunks,
            chunk=self.chunk,
            offset=self.offset,
        )

    @classmethod
    def concat(cls, tables: Sequence[FigureTable]) -> FigureTable:
        """The rows of `tables`, one after the other, with one set of code tables."""
        metrics: dict[str, int] = {}
        entities: dict[str, int] = {}
        sources: dict[str, int] = {}
        periods: dict[Period, int] = {}
        editions: dict[Period, int] = {}
        columns: dict[str, list[npt.NDArray[np.generic]]] = {}
        chunks: list[Chunk] = []
        for table in tables:
            recode = {
                "metric": _recode(table.metrics, table.metric, metrics),
                "entity": _recode(table.entities, table.entity, entities),
                "source": _recode(table.sources, table.source, sources),
                "period": _recode(table.periods, table.period, periods),
                "edition": _recode(table.editions, table.edition, editions),
                "low": table.low,
                "high": table.high,
                "kind": table.kind,
                "chunk": table.chunk + len(chunks),
                "offset": table.offset,
            }
            for name, values in recode.items():
                columns.setdefault(name, []).append(values)
            chunks += table.chunks

        def joined(name: str, dtype: type[np.generic]) -> Any:
            parts = columns.get(name, [])
            if len(parts) == 1:  # one file: its columns as they are, no copy
                return parts[0].astype(dtype, copy=False)
            return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)

        def ints(name: str) -> Ints:
            found: Ints = joined(name, np.int64)
            return found

        def floats(name: str) -> Floats:
            found: Floats = joined(name, np.float64)
            return found

        return FigureTable(
            metrics=(),
            metric=ints("metric"),
            entities=(),
            entity=ints("entity"),
            periods=(),
            period=ints("period"),
            low=floats("low"),
            high=floats("high"),
            kind=ints("kind"),
            sources=(),
            source=ints("source"),
            editions=(),
            edition=ints("edition"),
            chunks=tuple(chunks),
            chunk=ints("chunk"),
            offset=ints("offset"),
        ).named(metrics, entities, sources, periods, editions)


def _period_codes(values: Iterable[Period | None], table: dict[Period, int]) -> Ints:
    out: list[int] = []
    for value in values:
        if value is None:
            out.append(-1)
        else:
            out.append(table.setdefault(value, len(table)))
    return np.asarray(out, dtype=np.int64)


def _recode(names: Sequence[K], codes: Ints, into: dict[K, int]) -> Ints:
    """`codes` into `names` as codes into the shared table `into` (extended as needed)."""
    first = len(into)
    mapping = np.asarray([into.setdefault(n, len(into)) for n in names] + [-1], dtype=np.int64)
    if first == 0 and len(into) == len(names):  # the first table: its codes stand
        return codes
    return mapping[codes]  # -1 (none) picks the trailing -1


def _per_code(values: Sequence[float], codes: Ints) -> Floats:
    """`values[code]` for each code, NaN where the code is -1."""
    lookup = np.asarray([*values, np.nan], dtype=float)
    return lookup[codes]
