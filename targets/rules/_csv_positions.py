"""Where each row and cell of a CSV file read row by row was written, found when asked.

Read eagerly, a figures file of 300,000 rows made 1.8 million `Location`s (4 s of its
5), and `targets record` reads the file it edits several times; a clean file is asked for
a few of them. Each row keeps the lines it spans; its positions are worked out from them
when one is asked (`Document.locate` asks), with the cells the reader kept: the known
columns with a value, as `read_csv` keeps them.
"""

from __future__ import annotations

import csv
import io
from array import array
from collections.abc import Collection, Iterable

from targets.rules._errors import Location
from targets.rules._yaml import Document, Path

__all__ = ["CsvPositions", "cell_starts"]


class CsvPositions:
    """The rows of one CSV file (`lines`, its lines as the reader counted them; `columns`,
    its header's names) and their positions, put in a document's tables when asked."""

    def __init__(self, name: str, lines: list[str], columns: list[str], known: Collection[str]):
        self.name = name
        self.lines = lines
        self.columns = columns
        self.known = known
        self.first = array("q")  # by row: its first line, from 1
        self.last = array("q")  # and its last (a quoted cell may hold line breaks)
        self.done: set[int] = set()

    def add(self, first: int, last: int) -> None:
        """The next row, on lines `first` to `last`."""
        self.first.append(first)
        self.last.append(last)

    def fill(self, doc: Document, path: Path) -> None:
        """A row's position when it is asked (every figure's), its cells' when one is."""
        if len(path) < 2 or path[0] != "figures" or type(path[1]) is not int:
            return
        index = path[1]
        if not 0 <= index < len(self.first):
            return
        if ("figures", index) not in doc.values:
            doc.values[("figures", index)] = Location(self.name, self.first[index])
        if len(path) > 2:
            self._cells(doc, index)

    def fill_all(self, doc: Document) -> None:
        self.fill_rows(doc, range(len(self.first)))

    def fill_rows(self, doc: Document, indices: Iterable[int]) -> None:
        """The positions of these rows and of their cells."""
        for index in indices:
            self.fill(doc, ("figures", index))
            self._cells(doc, index)

    def fill_items(self, doc: Document, paths: list[Path]) -> None:
        """The positions of these rows (not of their cells, as for a YAML file's items)."""
        for path in paths:
            self.fill(doc, path[:2])

    def _cells(self, doc: Document, index: int) -> None:
        if index in self.done or not 0 <= index < len(self.first):
            return
        self.done.add(index)
        first, last = self.first[index], self.last[index]
        text = "\n".join(self.lines[first - 1 : last])
        cells = next(csv.reader(io.StringIO(text, newline="")), [])
        starts = cell_starts(text) if first == last else []
        for position, (column, cell) in enumerate(zip(self.columns, cells, strict=False)):
            if column not in self.known or not cell.strip():
                continue
            where = Location(self.name, first, starts[position] if position < len(starts) else 1)
            doc.values[("figures", index, column)] = where
            doc.keys[("figures", index, column)] = where


def cell_starts(line: str) -> list[int]:
    """1-based columns where each cell of a one-line CSV record starts."""
    starts = [1]
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(index + 2)
    return starts
