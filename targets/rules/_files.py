"""Finding input files and reading them into positioned documents (YAML or CSV)."""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from targets._safe import oneline, quoted
from targets.rules._errors import Diagnostic, Location, did_you_mean, one_of
from targets.rules._limits import YAML_LIMIT_VARIABLE, yaml_limit
from targets.rules._reading import (
    MAX_BYTES,
    NotRegularError,
    TooLargeError,
    decode,
    read_bounded,
)
from targets.rules._reading import kind as _kind
from targets.rules._yaml import Document, load_yaml

__all__ = [
    "CSV_OPTIONAL",
    "CSV_REQUIRED",
    "CSV_SUFFIXES",
    "MAX_BYTES",
    "SPECIAL_ROOTS",
    "SUFFIXES",
    "YAML_SUFFIXES",
    "StrPath",
    "discover",
    "display",
    "read",
    "read_all",
    "read_csv",
]


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
StrPath = str | os.PathLike[str]


def display(path: Path) -> str:
    """A path as the user would write it: relative to the working directory when inside.
    Escaped to one line, since file names arrive in pull requests too."""
    absolute = Path(os.path.abspath(path))  # a link shows as itself, not where it leads
    try:
        shown = str(absolute.relative_to(Path.cwd()))
    except ValueError:  # outside the working directory
        shown = str(path)
    return oneline(shown)


SPECIAL_ROOTS = (Path("/proc"), Path("/sys"), Path("/dev"))
"""Virtual file systems: their files look regular but hold the machine's state."""


@dataclass(slots=True)
class _Walk:
    """One discovery: the folders links may lead into, and what was found so far."""

    roots: list[Path]
    follow_links_outside: bool
    found: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    visited: set[Path] = field(default_factory=set)

    def refuse(self, path: Path, message: str) -> None:
        self.problems.append(Diagnostic(Location(display(path)), message))

    def inside(self, real: Path) -> bool:
        return any(real == root or real.is_relative_to(root) for root in self.roots)

    def follow(self, link: Path, *, read: bool) -> Path | None:
        """Where a symlink leads, if it may be followed; else the reason is reported (when
        the tool would have read what it leads to: `read`)."""
        try:
            real = link.resolve(strict=True)
        except RuntimeError:  # Python 3.11 reports a loop this way
            if read:
                self.refuse(link, "cannot read: a symlink loop")
            return None
        except OSError as exc:
            if read:
                reason = "the link leads nowhere" if _is_missing(exc) else exc.strerror
                self.refuse(link, f"cannot read: {reason}")
            return None
        if _special(real):
            if read:
                self.refuse(link, "refused: the link leads to a special file system")
            return None
        if not self.inside(real) and not self.follow_links_outside:
            if read:
                where = ", ".join(display(r) for r in self.roots)
                self.refuse(
                    link,
                    f"refused: the link leads outside {where} (--follow-links-outside allows it)",
                )
            return None
        return real

    def file(self, path: Path, real: Path) -> None:
        """A file of ours, if it is a regular file."""
        try:
            mode = os.stat(real).st_mode
        except OSError as exc:
            self.refuse(path, f"cannot read: {exc.strerror}")
            return
        if not stat.S_ISREG(mode):
            self.refuse(path, f"cannot read: not a regular file ({_kind(mode)})")
            return
        self.found.append(path)

    def given(self, path: Path) -> bool:
        """Take a path given by the user; True when it is a file of ours, named."""
        real = self.follow(path, read=True) if path.is_symlink() else path
        if real is None:
            return False
        if not real.exists():
            self.refuse(path, "no such file or directory")
        elif real.is_dir():
            before = (len(self.found), len(self.problems))
            self.walk(path)
            if (len(self.found), len(self.problems)) == before:
                self.refuse(path, "no .yaml, .yml or .csv files in this directory")
        elif _special(real.resolve()):
            self.refuse(path, "refused: a special file system")
        elif path.suffix.lower() not in SUFFIXES:
            self.refuse(path, "not a rules or figures file (.yaml, .yml, .csv)")
        else:
            found = len(self.found)
            self.file(path, real)
            return len(self.found) > found
        return False

    def walk(self, top: Path) -> None:
        """Every file of ours under `top`, in name order; hidden entries are left out."""
        real_top = top.resolve()
        if real_top in self.visited:
            return
        self.visited.add(real_top)
        try:
            entries = sorted(os.scandir(top), key=lambda e: e.name)
        except OSError as exc:
            self.refuse(top, f"cannot read this folder: {exc.strerror}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            ours = path.suffix.lower() in SUFFIXES
            if entry.is_symlink():
                # a link without a suffix may be a folder of figures, so it is checked too
                real = self.follow(path, read=ours or not path.suffix)
                if real is None:
                    continue
                if real.is_dir():
                    if not self.inside(real):  # allowed by --follow-links-outside
                        self.walk(path)
                    # a folder inside the roots is walked where it really is
                elif ours:
                    self.file(path, real)
            elif entry.is_dir(follow_symlinks=False):
                self.walk(path)
            elif ours:
                self.file(path, path)


def discover(
    paths: Sequence[StrPath], *, follow_links_outside: bool = False
) -> tuple[list[Path], set[Path], list[Diagnostic]]:
    """Input files under `paths`, in a stable order; directories are searched recursively.

    Only regular files inside the given folders are read: a symlink (given or found) must
    lead inside them (a given path's own link: inside the folder holding it) unless
    `follow_links_outside`; special files (FIFOs, devices, /proc) are refused, and a path
    that cannot be read is an error naming it, never skipped in silence. Also returns the
    files named explicitly: a file found in a folder that turns out not to be a rules or
    figures file is skipped, a named one is always checked.
    """
    roots = [_root(Path(raw)) for raw in paths]
    walk = _Walk(roots=roots, follow_links_outside=follow_links_outside)
    named = {Path(raw).resolve() for raw in paths if walk.given(Path(raw))}
    unique: dict[Path, Path] = {}
    for path in walk.found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values()), named, walk.problems


def _root(path: Path) -> Path:
    """The folder a given path lets links lead into: itself, or the folder holding a file.
    A given path that is itself a link is judged against the folder holding it."""
    try:
        if path.is_symlink() or not path.is_dir():
            return path.absolute().parent.resolve()
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute().parent


def _special(real: Path) -> bool:
    return any(real == root or real.is_relative_to(root) for root in SPECIAL_ROOTS)


def _is_missing(exc: OSError) -> bool:
    return exc.errno == errno.ENOENT


def read(path: Path) -> tuple[Document, list[Diagnostic]]:
    """Parse one file; problems come back as diagnostics.

    The file is opened without blocking and without following a last link, checked to be
    a regular file once open, and read up to `MAX_BYTES`: whatever `discover` saw, what is
    read is bounded and never a FIFO or a device.
    """
    name = display(path)
    try:
        raw = read_bounded(path.resolve(strict=True))
    except TooLargeError:
        message = f"file larger than {MAX_BYTES // 2**20} MiB; split it"
        return Document(name), [Diagnostic(Location(name), message)]
    except NotRegularError as exc:
        return Document(name), [Diagnostic(Location(name), f"cannot read: {exc}")]
    except RuntimeError:
        return Document(name), [Diagnostic(Location(name), "cannot read: a symlink loop")]
    except OSError as exc:
        return Document(name), [Diagnostic(Location(name), f"cannot read: {exc.strerror}")]
    text, problem = decode(raw, name)
    if problem is not None:
        return Document(name), [problem]
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
            problems.append(Diagnostic(where, f"duplicate column {quoted(column)}"))
        seen.add(column)
        if column not in known:
            hint = did_you_mean(column, known)
            problems.append(
                Diagnostic(
                    where, f"unknown column {quoted(column)}{hint}; columns are {one_of(known)}"
                )
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
    """Every file read, the YAML files within one budget (`_limits`): a file past it is
    refused, unread."""
    docs: list[Document] = []
    limit, problem = yaml_limit()
    problems: list[Diagnostic] = [problem] if problem is not None else []
    budget = limit
    for path in files:
        if path.suffix.lower() in YAML_SUFFIXES:
            size = _size(path)
            if size > budget:
                docs.append(Document(display(path)))
                problems.append(_over_budget(path, size, limit))
                continue
            budget -= size
        doc, found = read(path)
        docs.append(doc)
        problems += found
    return docs, problems


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:  # read() says why
        return 0


def _over_budget(path: Path, size: int, limit: int) -> Diagnostic:
    message = (
        f"refused: its {_size_text(size)} would take the YAML files read past "
        f"{_size_text(limit)} in all; put bulk figures in CSV, or raise ${YAML_LIMIT_VARIABLE}"
    )
    return Diagnostic(Location(display(path)), message)


def _size_text(size: int) -> str:
    return f"{size / 2**20:.3g} MiB" if size >= 2**20 else f"{size / 2**10:.3g} KiB"
