"""A CSV or Parquet file's columns checked and turned into a `FigureTable`, as arrays.

The same rules as a figure written in YAML, applied to columns (`_columnar_checks`). Rows
stating a change (``change``, ``since``) go back to the row-by-row loader, which derives
the figure they imply; the rest never become Python objects unless asked for
(`ArrowChunk.figure`). A declared column mapping (the programme's ``columns``) reads files
in another layout, such as SDMX-CSV's ``REF_AREA``, ``TIME_PERIOD``, ``OBS_VALUE``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from targets._safe import quoted
from targets.rules._arrow import blank_strings, dictionary, floats, lengths, strings, taken
from targets.rules._codes import taker
from targets.rules._columnar import Columnar
from targets.rules._columnar_checks import (
    check_editions,
    check_kinds,
    check_lengths,
    check_metrics,
    check_periods,
    check_sources,
    check_units,
    check_values,
)
from targets.rules._columnar_problems import Bools, Problems, Texts, unmapped
from targets.rules._errors import Diagnostic, Location
from targets.rules._figures import Figure
from targets.rules._files import check_header
from targets.rules._model import Metric, Source
from targets.rules._periods import Period
from targets.rules._plausible import plausible
from targets.rules._shapes import shapes
from targets.rules._table import KIND_CODES, FigureTable, Floats, Ints
from targets.rules._words import said

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
        why = unmapped(file.name, file.columns, mapping) if mapping and not mapped else None
        return None, [], [*p.found, *([why] if why else [])]
    n = table.num_rows
    text = _encoded(file, table, mapped=mapped)
    values = table.column("value").combine_chunks()
    read = None if mapped else file.prepared.take_values()  # the reading thread's work
    file.prepared.drop()  # what is left of it (a mapping renamed its columns)
    if not _is_text(values):
        blank = np.isnan(floats(values))
    else:
        blank = lengths(values) == 0 if read is None else read[0].copy()  # `&=` below
    for column in text.values():
        blank &= ~column.filled()
    changes = _filled(text, "change", n) | _filled(text, "since", n)
    stated_changes = _change_rows(file, table, ~blank & changes)
    keep = ~blank & ~changes
    sub = Problems(file, only=keep)  # the rows kept: the others are skipped or re-read
    metric = check_metrics(text["metric"], metrics, broken, sub)
    period, periods = check_periods(text["period"], sub)
    unknown = Problems(file, only=keep)  # an unknown source is said; the row is checked on
    source = check_sources(text.get("source"), sources, broken, n, unknown)
    kind = check_kinds(text.get("kind"), n, sub)
    low, high, flag = check_values(values, sub, read[1:] if read is not None else None)
    edition, editions = check_editions(text.get("published"), source, sources, sub)
    check_lengths(text, sub)
    stated = np.isfinite(low) & np.isfinite(high)
    one = (low == 1) & (high == 1)  # '1 firm', not '1 firms', as the row reader says it
    # as the row reader, a row with a bad cell is not checked further (its unit, yes/no)
    grouped = shapes(list(metrics.values()))  # for the unit and plausibility checks
    factor = check_units(text["unit"], metric, metrics, flag, sub, fine=sub.valid(n),
                         grouped=grouped)  # fmt: skip
    with np.errstate(over="ignore", invalid="ignore"):
        converted = low * factor, high * factor
    _unusable(keep & stated & np.isfinite(factor), (low, high), after=converted, values=values,
              units=text["unit"], metric=metric, metrics=metrics, p=sub)  # fmt: skip
    low, high = converted
    checked = keep & sub.valid(n) & (metric >= 0) & (period >= 0) & np.isfinite(low)
    plausible(checked, metric=metric, low=low, high=high, metrics=metrics, grouped=grouped,
              p=sub)  # fmt: skip
    sub.absorb(unknown)  # said, and the row checked on (as the row reader does), then dropped
    valid = checked & sub.valid(n)
    rows = np.flatnonzero(valid)
    dated = text["published"].filled() if "published" in text else np.zeros(n, dtype=bool)
    _early(rows, kind=kind, period=period, periods=periods, edition=edition, editions=editions,
           own_date=dated, p=sub)  # fmt: skip
    p.found += sub.found  # only the kept rows' (`Problems.only`)
    if rows.size == 0:
        return None, stated_changes, p.found
    entity = text.get("entity")
    take = taker(rows, n)
    own = FigureTable(
        metrics=tuple(metrics),
        metric=take(metric),
        entities=tuple(entity.texts) if entity is not None else (),
        entity=_entity_codes(entity, rows, take),
        periods=tuple(periods),
        period=take(period),
        low=take(low),
        high=take(high),
        kind=take(kind),
        sources=tuple(sources),
        source=take(source),
        editions=tuple(editions),
        edition=take(edition),
    )
    kept = table.select([c for c in _CELLS if c in table.column_names])  # the rest: codes
    chunk = ArrowChunk(file.without_text(), kept, rows, own, metrics, sources, take(one))
    figures = dataclasses.replace(
        own,
        chunks=(chunk,),
        chunk=np.zeros(rows.size, dtype=np.int64),
        offset=np.arange(rows.size, dtype=np.int64),
    )
    return figures, stated_changes, p.found


_CELLS = ("value", "unit", "quote", "note")
"""The cells a figure is built from later (`ArrowChunk`); its other columns are codes."""


def _unusable(
    rows: Bools,
    /,
    before: tuple[Floats, Floats],
    *,
    after: tuple[Floats, Floats],
    values: Any,
    units: Texts,
    metric: Ints,
    metrics: Mapping[str, Metric],
    p: Problems,
) -> None:
    """Values that are no usable double in the metric's unit: infinite ('too large') or
    made 0 by underflow ('too small'), said as the row reader says them."""
    bad = np.zeros_like(rows)
    size: dict[int, str] = {}
    for low, high in zip(before, after, strict=True):
        large = rows & ~np.isfinite(high)
        small = rows & (high == 0) & (low != 0) & ~large
        if not (large.any() or small.any()):
            continue  # the usual case: every value usable, nothing to name
        for word, found in (("large", large), ("small", small)):
            for row in np.flatnonzero(found & ~bad).tolist():
                size[row] = word
        bad |= large | small
    names = list(metrics)
    for row in sorted(size):
        m, unit = metrics[names[int(metric[row])]], units.texts[int(units.codes[row])]
        value = values[row].as_py()
        p.at_row(row, "value", f"{value} {unit} is too {size[row]} in {m.unit}")


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


def _encoded(file: Columnar, table: pa.Table, *, mapped: bool) -> dict[str, Texts]:
    """Each column but the value dictionary-encoded: as the reading thread encoded it
    (`Columnar.encoded`), or now (a column a mapping renamed, one it does not encode)."""
    found = {}
    for column in table.column_names:
        if column == "value":
            continue
        done = None if mapped else file.prepared.take_text(column)
        found[column] = Texts(*(done if done is not None else dictionary(table.column(column))))
    return found


def _is_text(values: Any) -> bool:
    import pyarrow as pa  # noqa: PLC0415 - columnar files only

    return bool(pa.types.is_string(values.type) or pa.types.is_large_string(values.type))


def _filled(text: Mapping[str, Texts], name: str, n: int) -> Any:
    column = text.get(name)
    return column.filled() if column is not None else np.zeros(n, dtype=bool)


def _value_text(values: Any, row: int) -> str:
    return quoted(values[int(row)].as_py())


def _entity_codes(
    entity: Texts | None, rows: Ints, take: Callable[[npt.NDArray[Any]], npt.NDArray[Any]]
) -> Ints:
    if entity is None:
        return np.full(rows.size, -1, dtype=np.int64)
    lookup = np.asarray([i if t else -1 for i, t in enumerate(entity.texts)] + [-1])
    return np.asarray(lookup[take(entity.codes)], dtype=np.int64)


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
    own_date: Bools,
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
    for row in np.flatnonzero(early).tolist():
        said, when = periods[int(period[row])], editions[int(edition[row])]
        message = f"an actual figure for {said} published in {when}: is it a forecast?"
        column = "published" if own_date[row] else None  # else the source's date
        p.at_row(row, column, message, "warning")


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
    one: npt.NDArray[np.bool_]
    """Whether each figure's value as written is 1 (its unit then stays singular)."""

    def _cell(self, column: str, row: int) -> str | None:
        if column not in self.table.column_names:
            return None
        value = self.table.column(column)[row].as_py()
        return _text(value) or None

    def location(self, offset: int) -> Location | None:
        return self.file.at(int(self.rows[offset]))

    def stated(self, offsets: Ints) -> list[str]:
        """The value and unit cells of these figures' rows, joined as `figure` joins them:
        by pyarrow where both are text columns (each distinct unit's words worked out
        once), else cell by cell."""
        rows = self.rows[offsets]
        value, unit = self._texts
        plain = self._binary[self.own.metric[offsets]]  # a yes/no figure: its value alone
        if value is None or unit is None:
            values = _cells(self.table, "value", rows)
            units = _cells(self.table, "unit", rows)
            ones = self.one[offsets].tolist()
            return [
                v if alone or not u else said(v, one, u)
                for v, u, alone, one in zip(values, units, plain.tolist(), ones, strict=True)
            ]
        import pyarrow.compute as pc  # noqa: PLC0415 - columnar files only

        codes, texts = dictionary(taken(unit, rows))  # trimmed as `str.strip` trims
        words = [  # each unit's words after its number: singular, then plural
            said("", one, text) if text else "" for text in texts for one in (True, False)
        ]
        suffix = np.where(plain, len(words), 2 * codes + ~self.one[offsets])
        pieces = strings([*words, ""])  # the last: none (and the join's separator)
        joined = pc.binary_join_element_wise(
            pc.utf8_trim_whitespace(taken(value, rows)),
            taken(pieces, suffix),
            pieces[len(words)],
            null_handling="replace",  # a blank value cell: its unit's words alone
        )
        return joined.to_pylist()  # type: ignore[no-any-return]

    @functools.cached_property
    def _texts(self) -> tuple[Any, Any]:
        """The value and unit columns (`_text_column`), each joined into one array once:
        a report asks `stated` of a few thousand rows at a time, and taking rows from a
        column in chunks, or joining a million cells for each call, was most of its cost
        (as reading sixty thousand metrics' yes/no for each call was: `_binary`)."""
        return _text_column(self.table, "value"), _text_column(self.table, "unit")

    @functools.cached_property
    def _binary(self) -> npt.NDArray[np.bool_]:
        """Whether each of the chunk's metrics is yes/no (the last: none), read once."""
        return np.asarray([self.metrics[m].binary for m in self.own.metrics] + [False])

    def lines(self, offsets: Ints) -> Ints:
        found: Ints = self.file.lines[self.rows[offsets]]
        return found

    def figure(self, offset: int) -> Figure:
        own, row = self.own, int(self.rows[offset])
        metric = self.metrics[own.metrics[int(own.metric[offset])]]
        value, unit = self._cell("value", row) or "", self._cell("unit", row)
        one = bool(self.one[offset])
        stated = value if metric.binary or unit is None else said(value, one, unit)
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


def _text_column(table: pa.Table, column: str) -> Any:
    """The column as one string array: blanks where the file has no such column, None
    where it holds no text (a Parquet file's numbers)."""
    import pyarrow as pa  # noqa: PLC0415 - columnar files only

    if column not in table.column_names:
        return blank_strings(table.num_rows)
    found = table.column(column)
    if not (pa.types.is_string(found.type) or pa.types.is_large_string(found.type)):
        return None
    return found.combine_chunks()


def _cells(table: pa.Table, column: str, rows: Ints) -> list[str]:
    """The trimmed text of a column's cells at `rows` ("" where the column is absent)."""
    if column not in table.column_names:
        return [""] * rows.size
    cells = taken(table.column(column), rows).to_pylist()
    return [_text(v) for v in cells]


def _text(value: object) -> str:
    """A cell as text, trimmed: a boolean as yes or no, as the value it is read as."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value).strip()
