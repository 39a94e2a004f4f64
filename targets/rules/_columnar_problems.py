"""What the columnar checks share: a text column dictionary-encoded, and a file's problems
at the rows (and columns) they concern, a few rows a message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from targets._safe import quoted
from targets.rules._errors import SHOWN_ROWS, Diagnostic, Location, Severity, like_it
from targets.rules._table import Ints

if TYPE_CHECKING:
    from targets.rules._columnar import Columnar

__all__ = ["Bools", "Problems", "Texts", "unmapped"]

Bools = npt.NDArray[np.bool_]


@dataclass(slots=True)
class Texts:
    """A text column dictionary-encoded: each row's code and the distinct (trimmed) texts."""

    codes: Ints
    texts: list[str]
    _order: Ints | None = None
    _bounds: Ints | None = None

    def rows(self, code: int) -> Ints:
        """The rows holding text `code`, ascending: one sort for all codes, so a file with
        a hundred thousand distinct bad texts costs n log n, not n per text."""
        if self._order is None or self._bounds is None:
            self._order = np.argsort(self.codes, kind="stable")
            self._bounds = np.searchsorted(self.codes[self._order], np.arange(len(self.texts) + 2))
        return self._order[self._bounds[code] : self._bounds[code + 1]]

    def filled(self) -> Bools:
        """Rows with a non-empty text."""
        flags: Bools = np.asarray([t != "" for t in self.texts] + [False], dtype=bool)
        if flags[:-1].all():
            return self.codes >= 0  # no empty text: a comparison, where a gather costs more
        return flags[self.codes]


@dataclass(slots=True)
class Problems:
    """The problems of one file, at the lines (and columns) of the rows they concern."""

    file: Columnar
    found: list[Diagnostic] = field(default_factory=list)
    bad: Bools | None = None
    """Rows with an error: they become no figure."""
    only: Bools | None = None
    """The rows whose problems are said (None: all). Blank rows are skipped and rows that
    state a change are read again row by row: a problem of theirs must not be counted in
    an "and N more like it" of the rows read here."""

    def at_rows(
        self, rows: Bools | Ints, column: str | None, message: str, severity: Severity = "error"
    ) -> None:
        """A problem at some rows: a mask, or row numbers in ascending order."""
        where = np.flatnonzero(rows) if rows.dtype == np.bool_ else rows
        if self.only is not None:
            where = where[self.only[where]]
        if where.size == 0:
            return
        if severity == "error":
            if self.bad is None:
                self.bad = np.zeros(self.file.table.num_rows, dtype=bool)
            self.bad[where] = True
        for number, row in enumerate(where[:SHOWN_ROWS]):
            tail = like_it(where.size - SHOWN_ROWS) if number == SHOWN_ROWS - 1 else ""
            location = self.file.at(int(row), column)
            self.found.append(Diagnostic(location, message + tail, severity))

    def at_row(
        self, row: int, column: str | None, message: str, severity: Severity = "error"
    ) -> None:
        self.at_rows(np.asarray([row], dtype=np.int64), column, message, severity)

    def absorb(self, other: Problems) -> None:
        """Take `other`'s problems (of the same file) as this one's."""
        self.found += other.found
        if other.bad is not None:
            self.bad = other.bad if self.bad is None else self.bad | other.bad

    def valid(self, n: int) -> Bools:
        return ~self.bad if self.bad is not None else np.ones(n, dtype=bool)


def unmapped(name: str, columns: Sequence[str], mapping: Mapping[str, str]) -> Diagnostic | None:
    """Why the programme's column mapping was not applied to a file written in its layout
    (one of its columns there, another missing), or None: the header's problems alone said
    'missing column metric ...' of a file whose mapping named one column wrong."""
    there = set(columns)
    missing = [
        f"{quoted(column)} ({field})" for field, column in mapping.items() if column not in there
    ]
    if not missing or len(missing) == len(mapping):
        return None
    message = f"the column mapping does not apply: this file has no column {', '.join(missing)}"
    return Diagnostic(Location(name, 1), message)
