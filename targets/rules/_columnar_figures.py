"""A CSV or Parquet file's columns checked and turned into a `FigureTable`, as arrays.

The same rules as a figure written in YAML, applied to columns (`_columnar_checks`). Rows
stating a change (``change``, ``since``) go back to the row-by-row loader, which derives
the figure they imply; the rest never become Python objects unless asked for
(`ArrowChunk.figure`). A declared column mapping (the programme's ``columns``) reads files
in another layout, such as SDMX-CSV's ``REF_AREA``, ``TIME_PERIOD``, ``OBS_VALUE``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from targets._safe import quoted
from targets.rules._arrow import dictionary, floats, lengths
from targets.rules._columnar import Columnar
from targets.rules._columnar_checks import (
    Problems,
    Texts,
    check_editions,
    check_kinds,
    check_metrics,
    check_periods,
    check_sources,
    check_units,
    check_values,
    plausible,
)
from targets.rules._errors import Diagnostic, Location
from targets.rules._figures import Figure
from targets.rules._files import check_header
from targets.rules._model import Metric, Source
from targets.rules._periods import Period
from targets.rules._table import KIND_CODES, FigureTable, Ints

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["ArrowChunk", "columnar_figures"]


def columnar_figures(
    file: Columnar,
    metrics: Mapping[str, Metric],
    sources: Mapping[str, Source],
    *,
    broken: Set[tuple[str, str]] = frozenset(),
    mapping: Mapping[str, str] | None = None,
) -> tuple[FigureTable | None, list[dict[str, Any]], list[Diagnostic]]:
    """The file's figures as a table (None when none is valid); the rows that state a
    change, for the row-by-row loader (each with its ``__line__``); every problem."""
    p = Problems(file)
    table, columns, mapped = _renamed(file, mapping)
    if not _header(file, columns, p, mapped=mapped):
        return None, [], p.found
    n = table.num_rows
    text = {c: Texts(*dictionary(table.column(c))) for c in table.column_names if c != "value"}
    values = table.column("value").combine_chunks()
    blank = lengths(values) == 0 if _is_text(values) else np.isnan(floats(values))
    for column in text.values():
        blank &= ~column.filled()
    changes = _filled(text, "change", n) | _filled(text, "since", n)
    stated_changes = _change_rows(file, table, ~blank & changes)
    keep = ~blank & ~changes
    sub = Problems(file)  # problems of the rows kept: the others are skipped or re-read
    metric = check_metrics(text["metric"], metrics, broken, sub)
    period, periods = check_periods(text["period"], sub)
    source = check_sources(text.get("source"), sources, broken, n, sub)
    kind = check_kinds(text.get("kind"), n, sub)
    low, high, flag = check_values(values, sub)
    stated = np.isfinite(low) & np.isfinite(high)
    factor = check_units(text["unit"], metric, metrics, flag, sub)
    with np.errstate(over="ignore", invalid="ignore"):
        low, high = low * factor, high * factor
    huge = keep & stated & np.isfinite(factor) & ~(np.isfinite(low) & np.isfinite(high))
    for row in np.flatnonzero(huge)[:3]:
        unit = metrics[list(metrics)[int(metric[row])]].unit
        message = f"{_value_text(values, row)} is too large in {unit}"
        sub.at_rows(np.arange(n) == row, "value", message)
    edition, editions = check_editions(text.get("published"), source, sources, sub)
    valid = keep & sub.valid(n) & (metric >= 0) & (period >= 0) & np.isfinite(low)
    rows = np.flatnonzero(valid)
    plausible(rows, metric=metric, low=low, high=high, metrics=metrics, p=sub)
    _early(
        rows, kind=kind, period=period, periods=periods, edition=edition, editions=editions, p=sub
    )
    keep_problems = [d for d in sub.found if _row_kept(d, file, keep)]
    p.found += keep_problems
    if rows.size == 0:
        return None, stated_changes, p.found
    entity = text.get("entity")
    own = FigureTable(
        metrics=tuple(metrics),
        metric=metric[rows],
        entities=tuple(entity.texts) if entity is not None else (),
        entity=_entity_codes(entity, rows),
        periods=tuple(periods),
        period=period[rows],
        low=low[rows],
        high=high[rows],
        kind=kind[rows],
        sources=tuple(sources),
        source=source[rows],
        editions=tuple(editions),
        edition=edition[rows],
    )
    chunk = ArrowChunk(file.without_text(), table, rows, own, metrics, sources)
    figures = dataclasses.replace(
        own,
        chunks=(chunk,),
        chunk=np.zeros(rows.size, dtype=np.int64),
        offset=np.arange(rows.size, dtype=np.int64),
    )
    return figures, stated_changes, p.found


def _row_kept(diagnostic: Diagnostic, file: Columnar, keep: Any) -> bool:
    """Whether a problem concerns a row read as columns (rows re-read say their own)."""
    rows = np.flatnonzero(file.lines == diagnostic.location.line)
    return rows.size == 0 or bool(keep[rows].any())


def _renamed(
    file: Columnar, mapping: Mapping[str, str] | None
) -> tuple[pa.Table, tuple[str, ...], bool]:
    """The table with a declared column mapping applied, when the file has every column
    the mapping names (other columns are then ignored); else as it is."""
    if not mapping or not set(mapping.values()) <= set(file.columns):
        return file.table, file.columns, False
    field_of = {source: name for name, source in mapping.items()}
    wanted = [c for c in file.columns if c in field_of]
    table = file.table.select(wanted).rename_columns([field_of[c] for c in wanted])
    return table, tuple(field_of[c] for c in wanted), True


def _header(file: Columnar, columns: tuple[str, ...], p: Problems, *, mapped: bool) -> bool:
    """The row-by-row reader's header checks, with the same messages."""
    starts = list(file.starts) if not mapped else [1] * len(columns)
    found = check_header(list(columns), starts, file.name, mapped=mapped)
    p.found += found
    return not any(d.severity == "error" for d in found)


def _is_text(values: Any) -> bool:
    import pyarrow as pa  # noqa: PLC0415 - columnar files only

    return bool(pa.types.is_string(values.type) or pa.types.is_large_string(values.type))


def _filled(text: Mapping[str, Texts], name: str, n: int) -> Any:
    column = text.get(name)
    return column.filled() if column is not None else np.zeros(n, dtype=bool)


def _value_text(values: Any, row: int) -> str:
    return quoted(values[int(row)].as_py())


def _entity_codes(entity: Texts | None, rows: Ints) -> Ints:
    if entity is None:
        return np.full(rows.size, -1, dtype=np.int64)
    lookup = np.asarray([i if t else -1 for i, t in enumerate(entity.texts)] + [-1])
    return np.asarray(lookup[entity.codes[rows]], dtype=np.int64)


def _change_rows(file: Columnar, table: pa.Table, chosen: Any) -> list[dict[str, Any]]:
    """Rows stating a change, as the row-by-row loader takes them (strings, no blanks)."""
    found = []
    for row in np.flatnonzero(chosen).tolist():
        record = {c: str(table.column(c)[row].as_py() or "").strip() for c in table.column_names}
        found.append({**{k: v for k, v in record.items() if v}, "__line__": file.lines[row]})
    return found


def _early(
    rows: Ints,
    *,
    kind: Ints,
    period: Ints,
    periods: list[Period],
    edition: Ints,
    editions: list[Period],
    p: Problems,
) -> None:
    """An actual figure published before its period began: perhaps a forecast (a warning)."""
    if not periods or not editions:
        return
    first = np.asarray([x.first_day.toordinal() for x in periods] + [0])[period]
    last = np.asarray([x.last_day.toordinal() for x in editions] + [10**9])[edition]
    chosen = np.zeros(kind.size, dtype=bool)
    chosen[rows] = True
    early = chosen & (kind == KIND_CODES.index("actual")) & (edition >= 0) & (last < first)
    for row in np.flatnonzero(early)[:3].tolist():
        said, when = periods[int(period[row])], editions[int(edition[row])]
        message = f"an actual figure for {said} published in {when}: is it a forecast?"
        p.at_rows(np.arange(kind.size) == row, "published", message, "warning")


@dataclass(frozen=True, eq=False)
class ArrowChunk:
    """Rows of a columnar file, turned into `Figure` objects only when asked for."""

    file: Columnar
    table: pa.Table
    rows: Ints
    """The file row of each of this chunk's figures, in order."""
    own: FigureTable
    """The chunk's figures as the file gave them (its codes, before any concatenation)."""
    metrics: Mapping[str, Metric]
    sources: Mapping[str, Source]

    def _cell(self, column: str, row: int) -> str | None:
        if column not in self.table.column_names:
            return None
        value = self.table.column(column)[row].as_py()
        text = str(value).strip() if value is not None else ""
        return text or None

    def location(self, offset: int) -> Location | None:
        return self.file.at(int(self.rows[offset]))

    def figure(self, offset: int) -> Figure:
        own, row = self.own, int(self.rows[offset])
        metric = self.metrics[own.metrics[int(own.metric[offset])]]
        value, unit = self._cell("value", row) or "", self._cell("unit", row)
        stated = value if metric.binary or unit is None else f"{value} {unit}"
        source, edition, entity = (int(own.source[offset]), int(own.edition[offset]),
                                   int(own.entity[offset]))  # fmt: skip
        return Figure(
            metric=metric.id,
            period=own.periods[int(own.period[offset])],
            low=float(own.low[offset]),
            high=float(own.high[offset]),
            unit=metric.unit,
            stated=stated,
            kind=KIND_CODES[int(own.kind[offset])],  # type: ignore[arg-type]
            entity=own.entities[entity] if entity >= 0 else None,
            source=self.sources[own.sources[source]] if source >= 0 else None,
            quote=self._cell("quote", row),
            published=own.editions[edition] if edition >= 0 else None,
            note=self._cell("note", row),
            location=self.file.at(row),
        )
