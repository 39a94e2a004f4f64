"""The positions the fast reader (`_yaml_fast`) leaves unrecorded, found when asked.

It records the positions of the sections and their items only (`SHALLOW` levels); those of
the items it read in runs are kept as spans (`_yaml_items.Runs.position`). A position
inside an item is found by reading that item's lines again, all of them recorded, the
first time one is asked: most never are (a report asks for the targets' own).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from targets.rules._yaml import Document, Path
from targets.rules._yaml_items import Runs
from targets.rules._yaml_lines import lines_from

__all__ = ["SHALLOW", "Deferred", "Reread"]


SHALLOW = 2
"""Levels whose positions are recorded as the file is read: a section and its items."""

Reread = Callable[[Document, Iterable[tuple[int, str]], int, Path], None]
"""Reads numbered lines again into a document, recording every position: (the document,
the lines, the indentation they are under, the path of the item they hold)."""


class Deferred:
    """The positions below `SHALLOW`, found by reading an item's lines again when asked,
    and those of the items read in runs (`Runs.position`), put in the tables when asked."""

    def __init__(self, runs: Runs, reread: Reread) -> None:
        self.runs = runs
        self.reread = reread
        self.open = runs.deferred  # items the reader read one line at a time
        self.done: set[Path] = set()  # items of runs read again

    def fill(self, doc: Document, path: Path) -> None:
        top = tuple(path[:SHALLOW])  # a path may come as a list
        if len(top) == SHALLOW and not self._placed(doc, top):
            return  # no item there: nothing to find
        if len(path) > SHALLOW and (top in self.open or self._in_run(top)):
            self._read(doc, top)

    def fill_items(self, doc: Document, paths: list[Path]) -> None:
        for path in paths:
            if len(path) == SHALLOW:
                self._placed(doc, path)

    def _placed(self, doc: Document, top: Path) -> bool:
        """Whether item `top` has its position in the tables, put there from its run (not
        read again yet) if it had none."""
        if top in doc.values:
            return True
        where = self.runs.position(top)
        if where is None:
            return False
        doc.values[top] = where
        return True

    def fill_all(self, doc: Document) -> None:
        for top in list(self.open):
            self._read(doc, top)
        for top in self.runs.items():
            if top not in self.done:
                self.fill(doc, top)
                self._read(doc, top)

    def _in_run(self, top: Path) -> bool:
        return top not in self.done and self.runs.position(top) is not None

    def _read(self, doc: Document, top: Path) -> None:
        self.open.discard(top)
        self.done.add(top)
        where = doc.values[top]
        first, col = where.line - 1, where.col - 1
        lines = lines_from(self.runs.text, self.runs.start(first), col)
        self.reread(doc, enumerate(lines, first), col - 1, top)
