"""Finding input files: only regular files inside the folders given, links checked.

Rule and figure files arrive in pull requests, so discovery refuses what a hostile tree
could hold (links out of the folders given, FIFOs, devices, /proc) and names every path it
cannot read rather than skipping it (see SECURITY.md).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from targets._safe import excerpt, oneline, quoted
from targets.rules._errors import Diagnostic, Location

__all__ = [
    "COLUMNAR_SUFFIXES",
    "CSV_SUFFIXES",
    "PARQUET_SUFFIXES",
    "SPECIAL_ROOTS",
    "SUFFIXES",
    "YAML_SUFFIXES",
    "StrPath",
    "discover",
    "display",
    "file_kind",
]

YAML_SUFFIXES = (".yaml", ".yml")
CSV_SUFFIXES = (".csv",)
PARQUET_SUFFIXES = (".parquet",)
COLUMNAR_SUFFIXES = CSV_SUFFIXES + PARQUET_SUFFIXES
SUFFIXES = YAML_SUFFIXES + COLUMNAR_SUFFIXES

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
    holding: dict[Path, bool] = field(default_factory=dict)
    """Each folder walked or being walked (real path): whether its walk found or refused
    anything (False while it is walked: a link back to it finds nothing more)."""

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
            self.refuse(path, f"cannot read: not a regular file ({file_kind(mode)})")
            return
        self.found.append(path)

    def given(self, path: Path) -> bool:
        """Take a path given by the user; True when it is a file of ours, named."""
        reason = _unreachable(path)
        if reason is not None:  # a name too long, a folder without search permission
            self.refuse(path, f"cannot read: {reason}")
            return False
        real = self.follow(path, read=True) if path.is_symlink() else path
        if real is None:
            return False
        if not real.exists():
            self.refuse(path, "no such file or directory")
        elif real.is_dir():
            walked = self.holding.get(real.resolve())  # None: not walked yet
            if walked is None:  # a folder given again, or inside one given, is walked once
                before = (len(self.found), len(self.problems))
                self.walk(path)
                walked = (len(self.found), len(self.problems)) != before
            if not walked:
                self.refuse(path, "no .yaml, .yml, .csv or .parquet files in this directory")
        elif _special(real.resolve()):
            self.refuse(path, "refused: a special file system")
        elif path.suffix.lower() not in SUFFIXES:
            self.refuse(path, "not a rules or figures file (.yaml, .yml, .csv, .parquet)")
        else:
            found = len(self.found)
            self.file(path, real)
            return len(self.found) > found
        return False

    def walk(self, top: Path) -> None:
        """Every file of ours under `top`, in name order; hidden entries are left out."""
        real_top = top.resolve()
        if real_top in self.holding:
            return
        self.holding[real_top] = False
        before = (len(self.found), len(self.problems))
        self._entries(top)
        self.holding[real_top] = (len(self.found), len(self.problems)) != before

    def _entries(self, top: Path) -> None:
        """The entries of the folder `top` (see `walk`)."""
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
    once: dict[str, Path] = {}  # a path given twice (`base ./base`) counts once
    refused: list[Diagnostic] = []
    for raw in paths:
        why = _no_path(raw)
        if why is None:
            once.setdefault(os.path.abspath(raw), Path(raw))
        else:
            refused.append(Diagnostic(Location("<arguments>"), why))
    given = list(once.values())
    roots = [_root(path) for path in given]
    walk = _Walk(roots=roots, follow_links_outside=follow_links_outside, problems=refused)
    named = {path.resolve() for path in given if walk.given(path)}
    unique: dict[Path, Path] = {}
    for path in walk.found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values()), named, walk.problems


def _no_path(raw: object) -> str | None:
    """Why `raw`, given to `targets.load` as a path, is none (a list given where paths are
    spread, None, bytes, a NUL byte), or None: each was a bare TypeError or ValueError."""
    name = os.fspath(raw) if isinstance(raw, str | os.PathLike) else None
    if not isinstance(name, str):
        shown = excerpt(repr(raw))
        hint = (
            ": give each path as an argument, load(*paths)" if isinstance(raw, list | tuple) else ""
        )
        return f"a path is text or a path object, not {type(raw).__name__} {shown}{hint}"
    if "\x00" in name:
        return f"{quoted(name)} is no path: it holds a NUL byte"
    return None


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


def _unreachable(path: Path) -> str | None:
    """Why `path` cannot even be looked at (`Path.exists` and `is_symlink` raise for these),
    or None: a path that is missing is said so later, in words of its own."""
    try:
        os.lstat(path)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return None
        return exc.strerror or type(exc).__name__
    return None


def _is_missing(exc: OSError) -> bool:
    return exc.errno == errno.ENOENT


def file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"
