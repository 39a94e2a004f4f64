"""Reading input files: YAML into positioned documents, CSV row by row (the fallback that
names every problem of a malformed file), bounded and safe."""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from targets._safe import quoted
from targets.rules._csv_positions import CsvPositions, cell_starts
from targets.rules._discover import (
    CSV_SUFFIXES,
    display,
    file_kind,
)
from targets.rules._errors import Diagnostic, Location, one_of
from targets.rules._reading import decode
from targets.rules._suggest import Suggestions
from targets.rules._yaml import Document
from targets.rules._yaml_fast import load_fast

__all__ = [
    "CSV_OPTIONAL",
    "CSV_REQUIRED",
    "MAX_BYTES",
    "MOST_HEADER_PROBLEMS",
    "UnreadableError",
    "check_header",
    "first_bytes",
    "read",
    "read_all",
    "read_bounded",
    "read_csv",
]


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


def read(path: Path) -> tuple[Document, list[Diagnostic]]:
    """Parse one file; problems come back as diagnostics.

    The file is opened without blocking and without following a last link, checked to be
    a regular file once open, and read up to `MAX_BYTES`: whatever `discover` saw, what is
    read is bounded and never a FIFO or a device.
    """
    name = display(path)
    try:
        raw = read_bounded(path.resolve(strict=True))
    except UnreadableError as exc:
        return Document(name), [Diagnostic(Location(name), str(exc))]
    except RuntimeError:
        return Document(name), [Diagnostic(Location(name), "cannot read: a symlink loop")]
    except OSError as exc:
        return Document(name), [Diagnostic(Location(name), f"cannot read: {exc.strerror}")]
    text, problem = decode(raw, name)
    if problem is not None:
        return Document(name), [problem]
    if path.suffix.lower() in CSV_SUFFIXES:
        return read_csv(text, name)
    doc = load_fast(text, name)  # most files, without PyYAML
    if doc is not None:
        return doc, []
    from targets.rules._yaml_events import load_yaml  # noqa: PLC0415 - PyYAML: start-up time

    return load_yaml(text, name)  # what the fast reader leaves, every problem explained


class UnreadableError(OSError):
    """A file that is too large, or not a regular file once opened: the message says which,
    as a diagnostic should."""


def _open_regular(real: Path) -> tuple[int, os.stat_result]:
    """`real` opened without blocking or following a last link, and its status; refused
    (closed again) unless it is a regular file once open."""
    fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        os.close(fd)
        raise UnreadableError(f"cannot read: not a regular file ({file_kind(status.st_mode)})")
    return fd, status


def first_bytes(real: Path, count: int) -> bytes:
    """At most the first `count` bytes of `real`, opened as `read_bounded` opens it."""
    fd, _ = _open_regular(real)
    try:
        return os.read(fd, count)
    finally:
        os.close(fd)


def read_bounded(real: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of `real`, opened without blocking or following a last link, checked to be
    a regular file once open, read up to `limit` (a size on disk can lie: /proc says 0)."""
    fd, status = _open_regular(real)
    try:
        chunks: list[bytes] = []
        size = 0
        # The size it claims, and a byte more, in one read: the file arrives in one bytes
        # object, which the join below returns as it is (no second copy, no second set of
        # pages: 40 ms of a 39 MB file); more is read, in pieces, if the claim was short.
        claimed = status.st_size + 1 if status.st_size else 1 << 24
        while size <= limit:
            chunk = os.read(fd, min(claimed if not chunks else 1 << 24, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise UnreadableError(f"file larger than {limit // 2**20} MiB; split it")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_csv(text: str, name: str) -> tuple[Document, list[Diagnostic]]:
    """Figures from CSV, one row per figure, shaped like a figures file: ``{figures: [...]}``."""
    doc = Document(name)
    problems: list[Diagnostic] = []
    # lines as the reader counts them (\n, \r\n or \r), not as str.splitlines (which also
    # breaks at \x0b, \x1c or U+2028 inside a cell, shifting every later row's columns)
    lines = [line.rstrip("\r\n") for line in io.StringIO(text, newline="")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return doc, [Diagnostic(Location(name), "empty CSV file; expected a header row")]
    except csv.Error as exc:
        return doc, [Diagnostic(Location(name), f"invalid CSV: {exc}")]
    columns = [h.strip() for h in header]
    starts = cell_starts(lines[0] if lines else "")
    problems += check_header(columns, starts, name)
    rows: list[dict[str, str]] = []
    doc.data = {"figures": rows}
    doc.values[()] = Location(name)
    doc.values[("figures",)] = Location(name, 2)
    if problems:  # rows under a wrong header would only repeat its problem on every line
        return doc, problems
    known = set(CSV_REQUIRED + CSV_OPTIONAL)
    positions = doc.deferred = CsvPositions(name, lines, columns, known)
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
        positions.add(first_line, previous_end)  # where its cells are: found when asked
        if len(record) != len(columns):
            problems.append(
                Diagnostic(
                    Location(name, first_line),
                    f"this row has {len(record)} cells; the header has {len(columns)}",
                )
            )
        rows.append(
            {
                column: cell.strip()
                for column, cell in zip(columns, record, strict=False)
                if column in known and cell.strip()
            }
        )
    return doc, problems


MOST_HEADER_PROBLEMS = 1000
"""Problems of a CSV header named one by one at most: a header of a million unknown names
(7 MB) made a million messages; the ones beyond are counted in one."""


def check_header(
    columns: list[str], starts: list[int], name: str, *, mapped: bool = False
) -> list[Diagnostic]:
    """A figures file's header: known columns (any, with a declared mapping), no column
    twice, the required ones there."""
    problems: list[Diagnostic] = []
    known = CSV_REQUIRED + CSV_OPTIONAL
    if len(columns) == 1 and ";" in columns[0]:
        return [Diagnostic(Location(name, 1), "columns are separated by commas, not semicolons")]
    seen: set[str] = set()
    suggestions = Suggestions(known)  # prepared once: a header may name 100,000 columns
    unlisted, first_unlisted = 0, Location(name, 1)
    for position, column in enumerate(columns):
        repeated, unknown = column in seen, column not in known and not mapped
        seen.add(column)
        where = Location(name, 1, starts[position] if position < len(starts) else 1)
        if (repeated or unknown) and len(problems) >= MOST_HEADER_PROBLEMS:
            first_unlisted = first_unlisted if unlisted else where
            unlisted += 1
            continue
        if repeated:
            problems.append(Diagnostic(where, f"duplicate column {quoted(column)}"))
        if unknown:
            message = f"unknown column {quoted(column)}{suggestions.hint(column)}"
            problems.append(Diagnostic(where, f"{message}; columns are {one_of(known)}"))
    if unlisted:
        message = f"{unlisted:,} more duplicate or unknown columns from here on, not listed"
        problems.append(Diagnostic(first_unlisted, message))
    missing = [c for c in CSV_REQUIRED if c not in seen]
    if missing:
        problems.append(Diagnostic(Location(name, 1), f"missing column {one_of(missing)}"))
    return problems


def read_all(files: Iterable[Path]) -> tuple[list[Document], list[Diagnostic]]:
    docs: list[Document] = []
    problems: list[Diagnostic] = []
    for path in files:
        doc, found = read(path)
        docs.append(doc)
        problems += found
    return docs, problems
