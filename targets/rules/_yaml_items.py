"""Runs of like list items read at once: the bulk of a generated rules file.

Sixty thousand targets and their metrics are half a million lines of ``key: value`` under
the ``- `` items of two lists, items of one kind with the same keys. Read line by line,
each line cost a pattern match and a dozen steps of the fast reader (`_yaml_fast`): 2.1 s
for the 11 MB, 1.4 s read here. Here the first item's keys make a pattern of a whole item
(a second item must have them too, or no pattern is built); one match finds where the items
written so end, one ``findall`` cuts them into values, and the values are resolved a column
and a distinct text at a time. The reader goes on at the first line that is anything else
(an item with other keys, a comment, a nested collection), as if it had read the run
itself. Only items whose inner positions are found again when asked come here, so no
position inside an item is recorded, and the items' own positions are kept as one span a
run (`Runs.position` works an item's out when asked).
"""

from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate
from operator import add
from typing import Any

from targets.rules._errors import Location
from targets.rules._yaml import MAY_RESOLVE, Path, Unusable, resolve_plain
from targets.rules._yaml_lines import KEY, WORDS
from targets.rules._yaml_scalars import OutsideError

__all__ = ["MOST_KEYS", "MOST_SHAPES", "Run", "Runs"]

MOST_KEYS = 32
"""Keys of an item read in a run at most: a pattern costs about 0.7 ms a key to build."""
MOST_SHAPES = 16
"""Patterns built for one file at most (items of other shapes are read line by line):
however a file is written, building them costs at most a fifth of a second."""

_PLAIN = r"""(?:[^ "'\[\]{}#&*!|>%@`?:,\n-]|-[^ #:\n])[^#:\n]*"""
"""`_yaml_lines._VALUE`'s plain value within one line: no ':' or '#', never a quote first."""
_VALUE = rf"""(?:"([^"\\\n]*)" *|({_PLAIN}))\n"""
"""A value and its line's end: a double-quoted one without escapes, or a plain one."""
_PASSED = rf"""(?:"[^"\\\n]*" *|{_PLAIN})\n"""
"""`_VALUE` without its groups, for a pattern whose end alone is asked."""
_NOT_A_WORD = re.compile("^[" + re.escape("".join(sorted(MAY_RESOLVE))) + "]| $", re.MULTILINE)
"""A plain text that may be no word (a number, null, a boolean) or ends in a space."""
_WHOLE_NUMBERS = re.compile(r"[0-9]{1,15}(?:\n[0-9]{1,15})*")
"""A column of plain whole numbers that `_plain` turns into ints (amounts, years)."""
_NUMBER = r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?"
_NUMBERS = re.compile(rf"{_NUMBER}(?:\n{_NUMBER})*")
"""A column of plain decimals and whole numbers, signed or not: `resolve_plain` gives each
``float(text)`` or ``int(text)``, which a double always holds (15 digits either side of
the point: no overflow, and no non-zero mantissa read as 0)."""


class Run:
    """What `Runs.read` read: how many lines, and the last item (its mapping and path)."""

    __slots__ = ("last", "lines", "path")

    def __init__(self, lines: int, last: dict[Any, Any], path: Path) -> None:
        self.lines = lines
        self.last = last
        self.path = path


class Runs:
    """A text's runs of like items, read for the fast reader, which gives its lines (split
    once). Keeps where each run's items start (`spans`, `position`), and where each line
    starts, for items read again when their inner positions are asked; `deferred` holds
    the paths of the other items the reader leaves to be read again so."""

    def __init__(self, text: str, lines: list[str], name: str) -> None:
        self.text = text
        self.lines: list[str] | None = lines
        self.name = name
        self.deferred: set[Path] = set()
        self.spans: dict[Path, tuple[list[int], list[tuple[int, int, int, int]]]] = {}
        """By list path: the first index of each run's items (ascending), and each run's
        end index, first line, lines an item and column (see `position`)."""
        self.starts: array[int] | None = None
        self.shapes: dict[tuple[int, int, tuple[str, ...]], tuple[re.Pattern[str], ...]] = {}
        self._ahead = (0, 0)  # a line and where it starts, as far as the reading has gone

    def start(self, number: int) -> int:
        """Where line `number` (from 0) starts in the text. The reader asks in order, down
        the text: each answer is found on from the last (the lengths of the lines between
        summed), and a table of every line's start is made only for a line asked again,
        behind (for a position: 0.1 s for the 240,000 lines of 60,000 targets' rules)."""
        line, at = self._ahead
        if self.starts is None and self.lines is not None and number >= line:
            at += sum(map(len, self.lines[line:number])) + number - line
            self._ahead = (number, at)
            return at
        if self.starts is None and self.lines is not None:
            self.starts = array("q", accumulate(map(len, self.lines), initial=0))
            self.starts = array("q", map(add, self.starts, range(len(self.starts))))
        elif self.starts is None:  # the lines are gone: where each line break is
            self.starts = array("q", [0])
            self.starts.extend(m.end() for m in re.finditer("\n", self.text))
        return self.starts[number]

    def read(
        self, number: int, at: tuple[int, int], first: dict[Any, Any], into: Any
    ) -> Run | None:
        """The items from line `number` (from 0) on with the first one's keys in its order,
        dashes at ``at[0]`` and keys at ``at[1]``. The first item's mapping `first` is
        already in the list `into`, whose path is ``into.path``; the others are added, as the
        reader adds them. None when fewer than two items are written so."""
        text, (indent, col) = self.text, at
        start = self.start(number)
        keys, end = _keys(text, start, indent, col)
        if not keys or len(keys) > MOST_KEYS or _keys(text, end, indent, col)[0] != keys:
            return None  # the next item is written otherwise: no pattern is built for one
        shape = (indent, col, tuple(keys))
        if shape not in self.shapes:
            if len(self.shapes) == MOST_SHAPES:
                return None
            self.shapes[shape] = _patterns(*shape)
        run, item = self.shapes[shape]
        whole = run.match(text, start)
        rows = item.findall(text, start, whole.end()) if whole is not None else []
        names = [resolve_plain(key) if key in WORDS else key for key in keys]
        if len(rows) < 2 or len(set(names)) < len(names):
            return None  # a duplicate key: the reader refuses it, and the full one says where
        columns = list(zip(*rows, strict=True))
        values = [_values(columns[i], columns[i + 1]) for i in range(0, len(columns), 2)]
        items, parent = into
        # as long as each other by construction: zip's checks would cost a quarter more
        made = list(map(dict, map(functools.partial(zip, names), zip(*values))))  # noqa: B905
        first.update(made[0])
        size, height = len(items), len(keys)
        items += made[1:]
        firsts, spans = self.spans.setdefault(parent, ([], []))
        firsts.append(size)
        spans.append((size + len(made) - 1, number + height + 1, height, col + 1))
        return Run(height * len(made), made[-1], (*parent, size + len(made) - 2))

    def position(self, path: Path) -> Location | None:
        """Where item `path` of a run starts, worked out from its run (None: no such
        item). A run records its items' positions as one span, not one each: 120,000
        paths and positions were a quarter of reading the rules of 60,000 targets."""
        found = self.spans.get(path[:-1])
        index = path[-1] if path else None
        if found is None or type(index) is not int:
            return None
        firsts, spans = found
        at = bisect_right(firsts, index) - 1
        if at < 0:
            return None
        end, line, height, col = spans[at]
        if index >= end:
            return None
        return Location(self.name, line + (index - firsts[at]) * height, col)

    def items(self) -> Iterator[Path]:
        """The path of every item a run read (its first item aside: the reader's own)."""
        for parent, (firsts, spans) in self.spans.items():
            for first, (end, *_) in zip(firsts, spans, strict=True):
                for index in range(first, end):
                    yield (*parent, index)


def _keys(text: str, start: int, indent: int, col: int) -> tuple[list[str], int]:
    """The keys of the item at `start`, as written, up to its first line that is no
    ``key: value``, and where that line starts (none: no item is written so there)."""
    dash, more = _lines(indent, col)
    line = dash.match(text, start)
    if line is None:
        return [], start
    keys = [line[1]]
    while (following := more.match(text, line.end())) is not None:
        keys.append(following[1])
        line = following
    return keys, line.end()


@functools.lru_cache(maxsize=64)
def _lines(indent: int, col: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An item's first line (its dash at `indent`, its key at `col`) and its further ones."""
    dash = " " * indent + "-" + " " * (col - indent - 1)
    return re.compile(dash + KEY + _VALUE), re.compile(" " * col + KEY + _VALUE)


def _patterns(indent: int, col: int, keys: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """A run of items with `keys` in this order (no groups: only its end is asked), and one
    such item (two groups a value)."""
    dash = " " * indent + "-" + " " * (col - indent - 1)
    starts = [dash] + [" " * col] * (len(keys) - 1)
    lines = [f"{start}{re.escape(key)}: +" for start, key in zip(starts, keys, strict=True)]
    return (
        re.compile("(?:" + "".join(line + _PASSED for line in lines) + ")+"),
        re.compile("".join(line + _VALUE for line in lines)),
    )


def _values(quoted: Sequence[str], plain: Sequence[str]) -> list[Any]:
    """A column's values: the quoted texts, and the plain ones resolved, each distinct
    text once (years, units and directions repeat down a column); a column of words (ids,
    names) as it is, found so by one search of the column."""
    if not any(plain):
        return list(quoted)
    if all(plain):
        joined = "\n".join(plain)
        if _NOT_A_WORD.search(joined) is None:
            return list(plain)
        if _WHOLE_NUMBERS.fullmatch(joined) is not None:
            return list(map(int, plain))  # what `_plain` gives each, at once
        if _NUMBERS.fullmatch(joined) is not None:  # amounts, shares: no pattern each
            return [float(text) if "." in text else int(text) for text in plain]
    memo = {text: _plain(text) for text in set(plain)}
    if "" not in memo:
        return list(map(memo.__getitem__, plain))
    return [memo[text] if text else value for value, text in zip(quoted, plain, strict=True)]


def _plain(text: str) -> Any:
    """A plain scalar's value ('' for none: a quoted one), as the line reader resolves it."""
    if not text or (text[0] not in MAY_RESOLVE and text[-1] != " "):
        return text  # a word
    text = text.rstrip(" ")
    if len(text) < 16 and text.isdigit() and text.isascii():
        return int(text)
    value = resolve_plain(text)
    if type(value) is Unusable:
        raise OutsideError
    return value
