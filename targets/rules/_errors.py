"""Diagnostics: every problem in every input file, reported at once with its position.

Loading never stops at the first problem. Each stage appends `Diagnostic`s and the loader
raises one `LoadError` carrying all of them, so a user fixes a file in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from targets._safe import excerpt

__all__ = [
    "MAX_MESSAGE",
    "SHOWN_ROWS",
    "Diagnostic",
    "LoadError",
    "Location",
    "Severity",
    "UnknownTargetError",
    "by_position",
    "like_it",
    "one_of",
    "recurring",
]


Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A position in an input file; line and column count from 1, as editors do."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


MAX_MESSAGE = 400
"""A message is ours plus short excerpts of input; anything longer is cut (a safety net:
each place that quotes input already cuts its excerpt, see `targets._safe.quoted`)."""


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem, rendered as ``path:line:col: message`` (warnings say so).

    The message is made one line with its control characters escaped, whatever put it
    together, so a value from an input file never starts a line of its own.
    """

    location: Location
    message: str
    severity: Severity = "error"

    def __post_init__(self) -> None:
        safe = excerpt(self.message, MAX_MESSAGE)
        if safe != self.message:
            object.__setattr__(self, "message", safe)

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.location}: {prefix}{self.message}"


def by_position(d: Diagnostic) -> tuple[str, int, int, str, str]:
    """The order of diagnostics (file, line, column, message, severity: the dataclasses'
    own) as a key: sorting a hundred thousand problems by the generated comparisons took
    seconds, a key compared in C a fraction of one."""
    where = d.location
    return (where.path, where.line, where.col, d.message, d.severity)


SHOWN_ROWS = 3
"""How many rows a recurring problem is named at before the rest are counted."""


def like_it(more: int) -> str:
    """The tail of a recurring problem's last shown message: how many rows it stands for."""
    return f" (and {more} more like it)" if more else ""


def recurring(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The same problem on many rows of a file named at its first rows, the rest counted.

    A million-row file with one typo gives three lines, not a million; the columnar reader
    counts its rows the same way, so a file says the same however it is read.
    """
    groups: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for d in sorted(diagnostics, key=by_position):
        groups.setdefault((d.location.path, d.message, d.severity), []).append(d)
    kept: list[Diagnostic] = []
    for same in groups.values():
        shown = same[:SHOWN_ROWS]
        last = shown[-1]
        tail = like_it(len(same) - len(shown))
        kept += [*shown[:-1], Diagnostic(last.location, last.message + tail, last.severity)]
    return kept


class LoadError(Exception):
    """Rules or figures are invalid; carries every problem found, sorted by position."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        kept = recurring(set(diagnostics))
        self.diagnostics: tuple[Diagnostic, ...] = tuple(sorted(kept, key=by_position))
        errors = sum(d.severity == "error" for d in self.diagnostics)
        super().__init__(f"{errors} problem{'s' if errors != 1 else ''} in the input")

    def __str__(self) -> str:
        lines = [str(d) for d in self.diagnostics]
        return "\n".join([*lines, self.args[0]])


def one_of(names: Sequence[str]) -> str:
    """``'a', 'b' or 'c'``: the valid choices, for messages."""
    quoted = [f"'{n}'" for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


class UnknownTargetError(KeyError):
    """No target with this id (in a programme, or a report: the message suggests the
    closest one). A KeyError, as a lookup by id that finds nothing is."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown target"


for _public in (Diagnostic, LoadError, Location, UnknownTargetError):  # as targets.<name>
    _public.__module__ = "targets"
del _public
