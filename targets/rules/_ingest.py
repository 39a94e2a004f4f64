"""Figures from code: rows from a pandas DataFrame, dicts, or keyword arguments.

They go through exactly the checks a figures file goes through (the same model, units,
sources and growth statements); problems name the row, as ``<DataFrame>:3:1: ...``.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from targets._safe import oneline
from targets.rules._collect import Collected, collect
from targets.rules._derive import figures_for
from targets.rules._early import reading
from targets.rules._entities import judged_for_none, overrides_without_figures
from targets.rules._errors import Diagnostic, LoadError, Location, by_position, recurring
from targets.rules._figures import Figure
from targets.rules._inputs import gather, in_file_order, read_inputs
from targets.rules._locations import Locations
from targets.rules._table import FigureTable
from targets.rules._yaml import Document

if TYPE_CHECKING:
    from targets.rules._programme import Programme
    from targets.rules._targets import TargetBase

__all__ = ["figures_from", "figures_of_file", "rows_of", "with_figures"]


def _clean(value: Any) -> Any:
    """pandas' missing values and numpy scalars as plain Python."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__.startswith("numpy"):
        return _clean(item())
    if type(value).__name__ in {"NAType", "NaTType"}:
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    return value


def rows_of(data: Any) -> list[dict[str, Any]]:
    """Rows as dicts, from a DataFrame (``to_dict('records')``) or an iterable of mappings."""
    records = (
        data.to_dict("records") if hasattr(data, "to_dict") and hasattr(data, "columns") else data
    )
    rows = []
    for record in records:
        if not isinstance(record, Mapping):
            raise TypeError(f"a figure row is a mapping, not {type(record).__name__}")
        rows.append(
            {str(k): v for k, v in ((k, _clean(v)) for k, v in record.items()) if v is not None}
        )
    return rows


def figures_from(
    programme: Programme, data: Any, *, origin: str = "<figures>"
) -> tuple[Figure, ...]:
    """Load figure rows against `programme`'s metrics and sources; raise `LoadError`."""
    rows = rows_of(data)
    doc = Document(origin, data={"figures": rows})
    doc.values[()] = Location(origin)
    for index, row in enumerate(rows):
        doc.values[("figures", index)] = Location(origin, index + 1)
        for key in row:
            doc.values[("figures", index, key)] = Location(origin, index + 1)
    found = collect([doc], Collected())
    figures, problems = figures_for(found.figures, programme.metrics, programme.sources)
    problems = [*found.problems, *problems]
    if any(p.severity == "error" for p in problems):
        raise LoadError(problems)
    return tuple(figures)


def with_figures(programme: Programme, data: Any, *, origin: str = "<figures>") -> Programme:
    """`programme` with more figures: Figure objects, rows checked like a figures file, or
    the path of a figures file (YAML, CSV or Parquet)."""
    if isinstance(data, str | os.PathLike):
        added: tuple[Figure, ...] = figures_of_file(programme, data)
    elif isinstance(data, Figure):
        added = (data,)
    elif isinstance(data, Iterable) and not hasattr(data, "columns"):
        items = list(data)
        if items and all(isinstance(f, Figure) for f in items):
            added = tuple(items)
        else:
            added = figures_from(programme, items, origin=origin)
    elif hasattr(data, "columns") and hasattr(data, "to_dict"):  # a DataFrame
        added = figures_from(programme, data, origin=origin)
    else:
        kind = type(data).__name__
        message = f"figures are Figure objects, rows, a DataFrame or a file's path, not {kind}"
        raise LoadError([Diagnostic(Location("<arguments>"), message)])
    table = FigureTable.concat([programme.table, FigureTable.of(added)])
    return dataclasses.replace(programme, table=table, warnings=rewarned(programme, table))


def rewarned(programme: Programme, table: FigureTable) -> tuple[Diagnostic, ...]:
    """`programme`'s warnings with those its figures decide said again for `table`: an
    override for an entity no figure has, a target judged for no entity (the figures added
    may name that entity now)."""
    places = programme.locations

    def at(target: TargetBase, *keys: str) -> Location:
        if isinstance(places, Locations):
            return places.within("target", target.id, *keys)
        return places.get(f"target:{target.id}") or Location("<programme>")  # made in code

    def decided(figures: FigureTable) -> list[Diagnostic]:
        targets = programme.targets
        return [
            *overrides_without_figures(targets, figures, lambda t, e: at(t, "overrides", e)),
            *judged_for_none(targets, figures, lambda t: at(t, "for_each")),
        ]

    before = set(decided(programme.table))
    if not before and not any(t.for_each is not None for t in programme.targets):
        return programme.warnings  # no target is judged per entity: nothing to say again
    kept = [w for w in programme.warnings if w not in before]
    return tuple(sorted(recurring([*kept, *decided(table)]), key=by_position))


def figures_of_file(programme: Programme, path: str | os.PathLike[str]) -> tuple[Figure, ...]:
    """The figures of one file, read as `targets.load` reads a figures file (a CSV file of
    any size or a Parquet file into columns) and checked against `programme`'s metrics and
    sources; raise `LoadError` naming the file. Rules in it are refused: they belong to a
    programme, which `targets.load` reads whole."""
    file = Path(path)
    if not file.is_file():
        name = oneline(str(path))
        raise LoadError([Diagnostic(Location(name), "not a figures file (no such regular file)")])
    with reading([file]) as early:
        inputs = read_inputs(early)
    problems = list(inputs.problems)
    found = collect(inputs.docs, Collected())
    problems += found.problems
    for key in ("programmes", "metrics", "sources", "targets"):
        for item in getattr(found, key):
            message = f"only figures are added this way, not {key}: load the rules with them"
            problems.append(Diagnostic(item.at(), message))
    mapping = programme.info.columns
    tables, changes = gather(
        inputs.columnar,
        programme.metrics,
        programme.sources,
        broken=frozenset(),
        mapping={str(k): v for k, v in mapping.items()} if mapping else None,
        problems=problems,
    )
    figures, more = figures_for(
        [*found.figures, *changes.figures], programme.metrics, programme.sources
    )
    problems += more
    if any(p.severity == "error" for p in problems):
        raise LoadError(problems)
    return tuple(in_file_order(inputs.order, figures, tables).figures())
