"""`targets.record`: add, replace or remove figures in a figures file without losing a byte.

The file is edited as text (see `_record_yaml`, and `_record_text` for CSV), the result is
validated with the rules around it exactly as ``targets validate`` would load them, and only
then written, atomically and under a lock (see `_record_io`). A figure is the same as
another when the loader would call it the same edition: metric, period, entity, source,
publication date (the source's date by default) and whether it is a forecast.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from targets.rules._csv_positions import CsvPositions
from targets.rules._discover import CSV_SUFFIXES, StrPath, discover, display
from targets.rules._early import COLUMNAR_FROM
from targets.rules._errors import Diagnostic, LoadError, Location
from targets.rules._files import CSV_OPTIONAL, CSV_REQUIRED, read, read_csv
from targets.rules._load import load_documents
from targets.rules._periods import PeriodError, parse_date, parse_period
from targets.rules._record_io import (
    RecordError,
    around,
    check_target,
    excerpt,
    figures_given,
    locked,
    pause,
    read_target,
    refuse,
    write_atomically,
)
from targets.rules._record_text import CsvFile, Edit, EditError, cell, key_order, plain_data
from targets.rules._record_yaml import edit
from targets.rules._yaml import Document
from targets.rules._yaml_events import load_yaml

if TYPE_CHECKING:
    from targets.rules._columnar import Columnar
    from targets.rules._model import Source
    from targets.rules._programme import Programme

__all__ = ["RecordError", "Recorded", "record"]

FIELDS = CSV_REQUIRED + CSV_OPTIONAL
_KEY_FIELDS = ("metric", "period", "entity", "source", "published", "kind")


@dataclass(frozen=True, slots=True)
class Recorded:
    """What `record` did: the text before and after, and what changed."""

    path: Path
    before: str
    after: str
    added: int = 0
    replaced: int = 0
    removed: int = 0
    written: bool = False
    rewritten: bool = False
    """True when ruamel.yaml re-emitted the whole file (a layout the splice does not edit,
    such as ``figures: [...]``): comments and key order are kept, spacing may not be."""
    warnings: tuple[Diagnostic, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the file's text changed."""
        return self.before != self.after

    @property
    def diff(self) -> str:
        """The change as a unified diff, ``a/FILE`` to ``b/FILE``."""
        name = display(self.path)
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )


def record(
    path: StrPath,
    figures: Mapping[str, Any] | Iterable[Mapping[str, Any]] | StrPath,
    *,
    rules: Sequence[StrPath] | None = None,
    replace: bool = False,
    remove: bool = False,
    dry_run: bool = False,
    wait: float = 10.0,
    origin: str = "<figures>",
) -> Recorded:
    """Add figures to the YAML or CSV figures file at `path`, keeping every other byte.

    `figures` is one mapping of figure fields, several, or the path of a CSV or YAML figures
    file. The result is validated with `rules` (files and folders; default: the nearest
    folder, from the file's own upwards, holding a ``programme:`` section) before it is
    written. A figure already recorded (same metric, period, entity, source, edition and
    forecast or not) is refused unless `replace`, which rewrites it in place. `remove`
    removes the figures matching each given one instead. `dry_run` writes nothing.

    Raises `RecordError` (a `LoadError`) listing every problem; nothing is written then.
    """
    if replace and remove:
        raise ValueError("replace and remove exclude each other")
    target = Path(path)
    rows, source = figures_given(figures, origin)
    check_target(target)
    context = [Path(p) for p in rules] if rules else [around(target)]
    with contextlib.nullcontext() if dry_run else locked(target, wait):
        before, bom, mode = read_target(target)
        pause("locked", 0)
        current = _File(target, before)
        if remove:
            edits = _removals(current, rows, source, _load(current, before, context, {}).sources)
        else:
            edits = _additions(current, rows, source, context, replace)
        after, rewritten = current.edit(edits)
        remap = _remap(current, after, edits, source)
        programme = _load(current, after, context, remap)
        done = Recorded(
            target,
            before,
            after,
            added=sum(e.index is None for e in edits),
            replaced=sum(e.index is not None and e.row is not None for e in edits),
            removed=sum(e.row is None for e in edits),
            written=not dry_run and after != before,
            rewritten=rewritten,
            warnings=tuple(_moved(d, remap) for d in programme.warnings),
        )
        if done.written:
            write_atomically(target, (b"\xef\xbb\xbf" if bom else b"") + after.encode(), mode)
    return done


class _File:
    """The figures file being edited: its rows as written, and how to edit its text."""

    def __init__(self, target: Path, text: str) -> None:
        self.path = target
        self.name = display(target)
        self.text = text
        self.csv = target.suffix.lower() in CSV_SUFFIXES
        self._read: list[tuple[str, tuple[Document, list[Diagnostic]]]] = []
        self.doc, problems = self.parse(text)
        if any(p.severity == "error" for p in problems):
            raise RecordError(problems)
        data = self.doc.data
        figures = data.get("figures") if isinstance(data, dict) else None
        self.rows: list[Any] = list(figures) if isinstance(figures, list) else []

    def parse(self, text: str) -> tuple[Document, list[Diagnostic]]:
        """`text` read as the loader reads this file. The last two texts read are kept:
        a record reads the text before its edit and after it several times each (to check
        the edit, to place the new figures, to validate), 5 s a time for a file of 1.4
        million figures. What is read is never changed: the loader is given it unreleased."""
        for seen, found in self._read:
            if seen == text:
                return found
        found = read_csv(text, self.name) if self.csv else load_yaml(text, self.name)
        self._read = [(text, found), *self._read[:1]]
        return found

    def locate(self, index: int) -> Location:
        return self.doc.locate(("figures", index))

    def edit(self, edits: list[Edit]) -> tuple[str, bool]:
        try:
            if self.csv:
                table = CsvFile.parse(self.text)
                missing = table.missing_columns([e.row for e in edits if e.row is not None])
                if missing:
                    names = ", ".join(f"'{m}'" for m in missing)
                    raise refuse(self.name, f"no column for {names}; add the column first")
                return table.edit(edits, self.parse), False
            rows = [r for r in self.rows if isinstance(r, Mapping)]
            return edit(self.text, edits, key_order(rows, FIELDS))
        except EditError as exc:
            raise refuse(self.name, f"cannot edit this file safely: {exc}") from None


def _load(
    current: _File, text: str, context: list[Path], remap: dict[Location, Location]
) -> Programme:
    """The programme with `text` as the file's content, loaded as `targets.load` does."""
    files, named, problems = discover(context)
    target = current.path.resolve()
    if target not in {f.resolve() for f in files}:
        files.append(current.path)
    named.add(target)
    docs: list[Document] = []
    columnar: list[Columnar] = []
    for file in files:
        if file.resolve() != target:
            doc, found = read(file)
        elif (as_columns := _columns(current, text)) is not None:
            columnar.append(as_columns[0])
            problems += as_columns[1]
            continue
        else:
            doc, found = current.parse(text)
        docs.append(doc)
        problems += found
    named_paths = {display(f) for f in files if f.resolve() in named}
    order = [display(f) for f in files]
    try:
        return load_documents(docs, named_paths, problems, columnar=columnar, order=order)
    except LoadError as exc:
        raise RecordError([_moved(d, remap) for d in exc.diagnostics]) from None


def _columns(current: _File, text: str) -> tuple[Columnar, list[Diagnostic]] | None:
    """The edited CSV file as columns, where `targets.load` would read a file this large
    so (`COLUMNAR_FROM`): a figures file of 300,000 rows, validated row by row, twice,
    took 14 s of a record's 26. None: read row by row (a small file, or one the columnar
    reader leaves to the row reader, such as a malformed one)."""
    data = text.encode("utf-8")
    if not current.csv or len(data) < COLUMNAR_FROM:
        return None
    from targets.rules._columnar import csv_columns  # noqa: PLC0415 - pyarrow: large files only

    columns, problems = csv_columns(data, current.name)
    if columns is None:  # the row-by-row reader says what is wrong, as `targets.load` does
        return None
    return columns.encoded(), problems


def _additions(
    current: _File,
    rows: list[dict[str, Any]],
    source: Document,
    context: list[Path],
    replace: bool,
) -> list[Edit]:
    """Append every row; an existing figure with the same key is refused or replaced."""
    appended = [Edit(row) for row in rows]
    after, _ = current.edit(appended)
    remap = _remap(current, after, appended, source)
    sources = _load(current, after, context, remap).sources
    existing = _keys(current.rows, sources)
    edits: list[Edit] = []
    problems: list[Diagnostic] = []
    seen: dict[tuple[Any, ...], int] = {}
    for index, row in enumerate(rows):
        key = _identity(row, sources)
        where = source.locate(("figures", index))
        if key in seen:
            problems.append(Diagnostic(where, f"{_describe(row)} is given twice"))
            continue
        seen[key] = index
        matches = [i for i, other in enumerate(existing) if other == key]
        if not matches:
            edits.append(Edit(row))
        elif len(matches) > 1:
            at = ", ".join(f"line {current.locate(i).line}" for i in matches)
            message = (
                f"{_describe(row)} is recorded {len(matches)} times ({at}); remove all but one"
            )
            problems.append(Diagnostic(current.locate(matches[0]), message))
        elif replace:
            edits.append(Edit(row, matches[0]))
        else:
            message = f"{_describe(row)} is already recorded here; --replace replaces it"
            problems.append(Diagnostic(current.locate(matches[0]), message))
    if problems:
        raise RecordError(problems)
    return edits


def _removals(
    current: _File, rows: list[dict[str, Any]], source: Document, sources: Mapping[str, Source]
) -> list[Edit]:
    """The figure matching each row's key (and any other field it gives) is removed."""
    existing = _keys(current.rows, sources)
    edits: list[Edit] = []
    problems: list[Diagnostic] = []
    for index, row in enumerate(rows):
        where = source.locate(("figures", index))
        if "metric" not in row or "period" not in row:
            problems.append(Diagnostic(where, "to remove a figure, give its metric and period"))
            continue
        try:
            key = _identity(row, sources)
        except PeriodError as exc:
            problems.append(Diagnostic(where, f"cannot tell which figure: {excerpt(str(exc))}"))
            continue
        matches = [i for i, other in enumerate(existing) if other == key]
        if len(matches) != 1:
            count = "no figure" if not matches else f"{len(matches)} figures"
            problems.append(Diagnostic(where, f"{count} in {current.name} match {_describe(row)}"))
            continue
        differ = [
            k
            for k, v in row.items()
            if k not in _KEY_FIELDS and cell(v) != cell(current.rows[matches[0]].get(k, ""))
        ]
        if differ:
            message = f"{_describe(row)} is recorded with another {_both(differ)}; nothing removed"
            problems.append(Diagnostic(current.locate(matches[0]), message))
            continue
        edits.append(Edit(None, matches[0]))
    if problems:
        raise RecordError(problems)
    return edits


def _both(names: list[str]) -> str:
    return " and ".join(f"'{n}'" for n in names)


def _keys(rows: list[Any], sources: Mapping[str, Source]) -> list[tuple[Any, ...] | None]:
    keys: list[tuple[Any, ...] | None] = []
    for row in rows:
        try:
            keys.append(_identity(row, sources) if isinstance(row, Mapping) else None)
        except PeriodError:
            keys.append(None)
    return keys


def _identity(row: Mapping[str, Any], sources: Mapping[str, Source]) -> tuple[Any, ...]:
    """The loader's notion of one edition of a figure (see `_resolve._duplicate_figures`)."""
    text = {k: (str(plain_data(row[k])).strip() or None) if k in row else None for k in _KEY_FIELDS}
    period = parse_period(row.get("period"))
    cited = sources.get(text["source"] or "")
    edition = (
        parse_date(row["published"])
        if "published" in row
        else (cited.date if cited is not None else None)
    )
    return (
        text["metric"],
        period.time,
        text["entity"],
        text["kind"] == "forecast",
        text["source"],
        None if edition is None else (edition.first_day, edition.last_day),
    )


def _describe(row: Mapping[str, Any]) -> str:
    parts = [f"{row.get('metric', '?')} {plain_data(row.get('period', '?'))}"]
    parts += [f"{k} {plain_data(row[k])}" for k in ("entity", "source", "published") if k in row]
    if row.get("kind") == "forecast":
        parts.append("(forecast)")
    return "the figure " + excerpt(", ".join(parts))


def _remap(
    current: _File, after: str, edits: list[Edit], source: Document
) -> dict[Location, Location]:
    """Positions of the new figures in the edited text, mapped to where they were given."""
    doc, _ = current.parse(after)
    kept = len(current.rows) - sum(e.row is None for e in edits)
    places: dict[int, int] = {}
    appended = 0
    for number, change in enumerate(e for e in edits if e.row is not None):
        if change.index is None:
            places[kept + appended] = number
            appended += 1
        else:
            places[change.index] = number
    mapping: dict[Location, Location] = {}
    if isinstance(doc.deferred, CsvPositions):  # a CSV file finds positions when asked
        doc.deferred.fill_rows(doc, places)
    for table, key in ((doc.values, False), (doc.keys, True)):
        for path, where in table.items():
            if len(path) >= 2 and path[0] == "figures" and path[1] in places:
                given = ("figures", places[int(path[1])], *path[2:])
                mapping[where] = source.locate(given, key=key)
    return mapping


def _moved(diagnostic: Diagnostic, remap: Mapping[Location, Location]) -> Diagnostic:
    where = remap.get(diagnostic.location)
    return (
        diagnostic if where is None else Diagnostic(where, diagnostic.message, diagnostic.severity)
    )


record.__module__ = "targets"  # public as targets.record (see targets.rules: imported lazily)
