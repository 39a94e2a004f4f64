"""Finding input files and reading them into positioned documents (YAML or CSV)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from targets._errors import Diagnostic, Location, did_you_mean, one_of
from targets._yaml import Document, load_yaml

YAML_SUFFIXES = (".yaml", ".yml")
CSV_SUFFIXES = (".csv",)
SUFFIXES = YAML_SUFFIXES + CSV_SUFFIXES

CSV_REQUIRED = ("metric", "period", "value", "unit")
CSV_OPTIONAL = (
    "kind",
    "entity",
    "source",
    "quote",
    "published",
    "change",
    "since",
    "note",
)
MAX_BYTES = 64 * 1024 * 1024

StrPath = str | os.PathLike[str]


def display(path: Path) -> str:
    """A path as the user would write it: relative to the working directory when inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def discover(paths: Sequence[StrPath]) -> tuple[list[Path], set[Path], list[Diagnostic]]:
    """Input files under `paths`, in a stable order; directories are searched recursively.

    Also returns the files named explicitly: a file found in a folder that turns out not to
    be a rules or figures file is skipped, a named one is always checked.
    """
    found: list[Path] = []
    named: set[Path] = set()
    problems: list[Diagnostic] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not inside:
                problems.append(
                    Diagnostic(Location(str(raw)), "no .yaml, .yml or .csv files in this directory")
                )
            found.extend(inside)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                problems.append(
                    Diagnostic(
                        Location(str(raw)), "not a rules or figures file (.yaml, .yml, .csv)"
                    )
                )
            else:
                found.append(path)
                named.add(path.resolve())
        else:
            problems.append(Diagnostic(Location(str(raw)), "no such file or directory"))
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values()), named, problems


def read(path: Path) -> tuple[Document, list[Diagnostic]]:
    """Parse one file; problems come back as diagnostics."""
    name = display(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            message = f"file larger than {MAX_BYTES // 2**20} MiB; split it"
            return Document(name), [Diagnostic(Location(name), message)]
        raw = path.read_bytes()
    except OSError as exc:
        return Document(name), [Diagnostic(Location(name), f"cannot read: {exc.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Document(name), [Diagnostic(Location(name, line), "not UTF-8 text")]
    if path.suffix.lower() in CSV_SUFFIXES:
        return read_csv(text, name)
    return load_yaml(text, name)


def read_csv(text: str, name: str) -> tuple[Document, list[Diagnostic]]:
    """Figures from CSV, one row per figure, shaped like a figures file: ``{figures: [...]}``."""
    doc = Document(name)
    problems: list[Diagnostic] = []
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return doc, [Diagnostic(Location(name), "empty CSV file; expected a header row")]
    except csv.Error as exc:
        return doc, [Diagnostic(Location(name), f"invalid CSV: {exc}")]
    columns = [h.strip() for h in header]
    starts = _cell_starts(lines[0] if lines else "")
    problems += _check_header(columns, starts, name)
    rows: list[dict[str, str]] = []
    doc.data = {"figures": rows}
    doc.values[()] = Location(name)
    doc.values[("figures",)] = Location(name, 2)
    known = set(CSV_REQUIRED + CSV_OPTIONAL)
    previous_end = reader.line_num
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Diagnostic(Location(name, reader.line_num), f"invalid CSV: {exc}"))
            break
        first_line = previous_end + 1
        previous_end = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        index = len(rows)
        cells = (
            _cell_starts(lines[first_line - 1])
            if first_line == previous_end and first_line <= len(lines)
            else []
        )
        doc.values[("figures", index)] = Location(name, first_line)
        if len(record) != len(columns):
            problems.append(
                Diagnostic(
                    Location(name, first_line),
                    f"this row has {len(record)} cells; the header has {len(columns)}",
                )
            )
        row: dict[str, str] = {}
        for position, (column, cell) in enumerate(zip(columns, record, strict=False)):
            if column not in known or not cell.strip():
                continue
            row[column] = cell.strip()
            col = cells[position] if position < len(cells) else 1
            where = Location(name, first_line, col)
            doc.values[("figures", index, column)] = where
            doc.keys[("figures", index, column)] = where
        rows.append(row)
    return doc, problems


def _check_header(columns: list[str], starts: list[int], name: str) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    known = CSV_REQUIRED + CSV_OPTIONAL
    if len(columns) == 1 and ";" in columns[0]:
        return [Diagnostic(Location(name, 1), "columns are separated by commas, not semicolons")]
    seen: set[str] = set()
    for position, column in enumerate(columns):
        where = Location(name, 1, starts[position] if position < len(starts) else 1)
        if column in seen:
            problems.append(Diagnostic(where, f"duplicate column '{column}'"))
        seen.add(column)
        if column not in known:
            hint = did_you_mean(column, known)
            problems.append(
                Diagnostic(where, f"unknown column '{column}'{hint}; columns are {one_of(known)}")
            )
    missing = [c for c in CSV_REQUIRED if c not in seen]
    if missing:
        problems.append(Diagnostic(Location(name, 1), f"missing column {one_of(missing)}"))
    return problems


def _cell_starts(line: str) -> list[int]:
    """1-based columns where each cell of a one-line CSV record starts."""
    starts = [1]
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(index + 2)
    return starts


def read_all(files: Iterable[Path]) -> tuple[list[Document], list[Diagnostic]]:
    docs: list[Document] = []
    problems: list[Diagnostic] = []
    for path in files:
        doc, found = read(path)
        docs.append(doc)
        problems += found
    return docs, problems
