"""The files of a programme read, and their figures gathered into one table in file order.

YAML files become positioned documents; CSV and Parquet files become columns
(`_columnar`), checked against the metrics and sources once the rules are known
(`_columnar_figures`). A malformed CSV file is read row by row instead, so its problems
are named one by one. The figures of every file end up in one `FigureTable`, in the order
of the files, since "the later in the files" settles a tie between editions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import TYPE_CHECKING, Any

from targets._progress import Progress, report_progress
from targets.rules._collect import Collected, collect
from targets.rules._discover import YAML_SUFFIXES, display
from targets.rules._early import Early
from targets.rules._errors import Diagnostic, Location
from targets.rules._figures import Figure
from targets.rules._files import read
from targets.rules._limits import YamlBudget
from targets.rules._model import Metric, Source
from targets.rules._table import FigureTable
from targets.rules._yaml import Document

if TYPE_CHECKING:
    from targets.rules._columnar import Columnar  # imported when a columnar file is read

__all__ = ["Inputs", "gather", "in_file_order", "read_inputs"]


class Inputs:
    """What reading the files gave: documents, columnar files, problems, the files' order."""

    def __init__(self) -> None:
        self.docs: list[Document] = []
        self.columnar: list[Columnar] = []
        self.problems: list[Diagnostic] = []
        self.order: list[str] = []


def read_inputs(early: Early, progress: Progress | None = None) -> Inputs:
    """Every file of `early` read: YAML as documents, CSV and Parquet as columns where they
    parse (their reading under way since `early` was made: see `_early`). `progress` hears
    the bytes read so far, file by file. The YAML files are parsed here meanwhile; every
    list keeps the files' order."""
    found = Inputs()
    budget = YamlBudget()
    paths, sizes, pending = early.paths, early.sizes, early.pending
    done, total = 0, sum(sizes)
    yaml: dict[int, tuple[Document, list[Diagnostic]]] = {}  # by the file's position
    for i, path in enumerate(paths):
        if early.columnar[i]:
            continue
        report_progress(progress, "reading", done, total)
        done += sizes[i]
        if path.suffix.lower() in YAML_SUFFIXES and not budget.take(path, display(path)):
            yaml[i] = Document(display(path)), []  # refused unread, and said why
            continue
        yaml[i] = read(path)  # YAML, or a small CSV file read row by row
    for i, path in enumerate(paths):
        found.order.append(display(path))
        if i in yaml:
            doc, problems = yaml[i]
        else:
            report_progress(progress, "reading", done, total)
            done += sizes[i]
            columns, problems = pending[i].result()
            if columns is not None:
                found.problems += problems
                found.columnar.append(columns)
                continue
            if problems:  # it could not be read at all (and says why)
                found.problems += problems
                continue
            doc, problems = read(path)  # a CSV file the row-by-row reader explains
        found.docs.append(doc)
        found.problems += problems
    found.problems += budget.problems
    report_progress(progress, "reading", total, total)
    return found


def gather(
    columnar: Sequence[Columnar],
    metrics: Mapping[str, Metric],
    sources: Mapping[str, Source],
    *,
    broken: Set[tuple[str, str]],
    mapping: Mapping[str, str] | None,
    problems: list[Diagnostic],
) -> tuple[list[FigureTable], Collected]:
    """Each columnar file's figures as a table, and the rows stating a change collected
    as figure items for the row-by-row loader (which derives what they imply)."""
    tables: list[FigureTable] = []
    changes = Collected()
    if columnar:  # the column checks, for columnar files only (see `read_inputs`)
        from targets.rules._columnar_figures import columnar_figures  # noqa: PLC0415
    for file in columnar:
        table, rows, found = columnar_figures(
            file, metrics, sources, broken=broken, mapping=mapping
        )
        problems += found
        if table is not None:
            tables.append(table)
        if rows:
            collect([_document(file.name, rows)], changes)
    problems += changes.problems
    return tables, changes


def _document(name: str, rows: list[dict[str, Any]]) -> Document:
    """Rows of a columnar file as a figures document, each value at its row's line."""
    doc = Document(name, data={"figures": []})
    doc.values[()] = Location(name)
    for index, row in enumerate(rows):
        line = int(row.pop("__line__"))
        doc.data["figures"].append(row)
        doc.values[("figures", index)] = Location(name, line)
        for key in row:
            doc.values[("figures", index, key)] = Location(name, line)
    return doc


def in_file_order(
    order: Sequence[str], figures: Sequence[Figure], tables: Sequence[FigureTable]
) -> FigureTable:
    """One table of every figure, the files' figures in the files' order."""
    by_file: dict[str, list[Figure]] = {}
    for figure in figures:
        path = figure.location.path if figure.location is not None else ""
        by_file.setdefault(path, []).append(figure)
    columnar = {_name_of(t): t for t in tables}
    parts: list[FigureTable] = []
    for name in order:
        if name in by_file and name in columnar:  # a columnar file's rows stating a change
            both = [FigureTable.of(by_file.pop(name)), columnar.pop(name)]
            parts.append(FigureTable.concat(both).by_line())  # in its order, as read row by row
            continue
        if name in by_file:
            parts.append(FigureTable.of(by_file.pop(name)))
        if name in columnar:
            parts.append(columnar.pop(name))
    parts += [FigureTable.of(rest) for rest in by_file.values()]  # from code or a DataFrame
    parts += list(columnar.values())
    return FigureTable.concat(parts) if parts else FigureTable.of(())


def _name_of(table: FigureTable) -> str:
    chunk = table.chunks[0] if table.chunks else None
    location = chunk.location(0) if chunk is not None and len(table) else None
    return location.path if location is not None else ""
