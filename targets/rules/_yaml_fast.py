"""A fast reader for the block YAML people and programs write: `load_yaml`'s `Document`.

`load_yaml` turns every key and value into a PyYAML event and a `Location`: about 4 s and
300 MiB for the 11 MB rules of 60,000 targets, and PyYAML's import for the smallest file.
Rules use a small part of YAML: block mappings and sequences, one-line plain and quoted
scalars, comments, one-line flow lists and mappings (`_yaml_flow`), folded and literal
block scalars for notes (`_yaml_blocks`). This reader takes that part line by line,
resolves plain scalars with `resolve_plain`, and records the positions of the top `SHALLOW`
levels only (the sections and their items; those of the items read in runs as spans, see
`_yaml_items`); the positions inside an item are found again from its lines when
`Document.locate` asks.

Whatever it is unsure of (anchors, tags, nested flow collections, scalars over several
lines, tabs, odd indentation, a second document, a duplicate key, an unusable number, deep
nesting, a character YAML refuses) makes it return None, and the caller reads the text with
`load_yaml`: every input gets today's values and diagnostics. It reads a clean file or none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from targets.rules._errors import Location
from targets.rules._yaml import MAX_DEPTH, MAY_RESOLVE, Document, Path, path_key, resolve_plain
from targets.rules._yaml_blocks import block_scalar
from targets.rules._yaml_deferred import SHALLOW, Deferred
from targets.rules._yaml_flow import FlowSteps
from targets.rules._yaml_items import Runs
from targets.rules._yaml_lines import SIMPLE, WORDS, further, unsure
from targets.rules._yaml_scalars import (
    OutsideError,
    end_of_line,
    key_of,
    plain,
    quoted,
    resolved,
)

__all__ = ["load_fast"]


def load_fast(text: str, path: str) -> Document | None:
    """`load_yaml`'s document for `text` (which it would read without a problem), or None."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if unsure(text) or "\r" in text:
        return None
    doc = Document(path)
    lines = text.split("\n")
    runs = Runs(text, lines, path)
    deferred = Deferred(runs, _read_again)
    reader = _Reader(doc, SHALLOW, runs.deferred)
    reader.runs = runs
    try:
        reader.run(enumerate(lines), -1, ())
    except OutsideError:
        return None
    runs.lines = None  # half a million strings, not kept for the positions asked later
    if not reader.started:
        return None  # an empty file: the full reader says what it is
    doc.deferred = deferred
    return doc


def _read_again(doc: Document, lines: Iterable[tuple[int, str]], indent: int, top: Path) -> None:
    """An item's lines read again, every position recorded (see `Deferred`)."""
    _Reader(doc, 1 << 30, set()).run(lines, indent, top)


class _Frame:
    """An open block collection: its indentation, the container, its recorded path."""

    __slots__ = ("container", "indent", "path")

    def __init__(self, indent: int, container: Any, path: Path | None) -> None:
        self.indent = indent
        self.container = container
        self.path = path


class _Reader(FlowSteps):
    """Lines in, data and positions out; raises `OutsideError` at anything outside the subset."""

    def __init__(self, doc: Document, limit: int, deferred: set[Path]) -> None:
        self.doc = doc
        self.name = doc.path
        self.limit = limit
        self.deferred = deferred
        self.stack: list[_Frame] = []
        self.started = False
        self.opened = False  # a first '---' read
        self.number = 0
        # a value still to come: (frame, key, key path, line and column of its null)
        self.pending: tuple[_Frame | None, Any, Path | None, int, int] | None = None
        self.base: Path = ()
        self.runs: Runs | None = None  # when the whole text is read, not an item again
        self.rows: Iterator[tuple[int, str]] = iter(())
        self.carry: tuple[int, str] | None = None  # the line after a block scalar

    def run(self, lines: Iterable[tuple[int, str]], indent: int, base: Path) -> None:
        """Read the node that starts on the first line, deeper than `indent`, at `base`."""
        self.base = base
        self.pending = (None, None, base, 0, 0)
        self.stack = [_Frame(indent, None, None)]
        simple, stack = SIMPLE.match, self.stack
        rows = self.rows = iter(lines)
        carried: tuple[int, str] | None = None
        while True:
            if carried is None:
                row = next(rows, None)
                if row is None:
                    break
            else:
                row, carried = carried, None
            number, line = row
            match = simple(line)
            if match is not None and self.pending is None:
                indent = match.end(1)
                while stack[-1].indent > indent and len(stack) > 2:
                    stack.pop()  # never the root: the general steps say if the file ends
                top = stack[-1]
                if top.indent == indent:
                    self.number = number
                    if match[2] is None and type(top.container) is dict:
                        self.pair(top, match)
                        continue
                    if match[2] is not None and type(top.container) is list:
                        carried = self.mapping_item(rows, top, match)
                        continue
            text = line.lstrip(" ")
            if not text or text[0] == "#":
                continue
            col = len(line) - len(text)
            if col == 0 and (text[0] == "%" or text[:3] in ("---", "...")):
                if not self.opening(text):
                    raise OutsideError
                continue
            self.number = number
            if not self.line(col, text):
                break
            if self.carry is not None:
                carried, self.carry = self.carry, None
        if self.pending is not None and self.pending[0] is not None:
            self.null()  # the last key or item had no value

    def opening(self, text: str) -> bool:
        """Whether `text` is the ``---`` that may open a file, before anything else and
        with nothing after it but a comment (the document's node starts on a later line)."""
        if self.base or self.opened or self.started or text[:3] != "---":
            return False
        rest = text[3:]
        self.opened = not rest or (rest[0] == " " and rest.lstrip(" ")[:1] in ("", "#"))
        return self.opened

    def mapping_item(
        self, rows: Iterator[tuple[int, str]], seq: _Frame, match: re.Match[str]
    ) -> tuple[int, str] | None:
        """An item of `seq` that is a mapping whose first ``key: value`` `match` read. When
        its positions are not recorded, its further ``key: value`` lines are taken here in a
        loop of their own, as `pair` would take them (most lines of a generated file); the
        first other line comes back for the general steps."""
        if len(self.stack) > MAX_DEPTH - 2:
            raise OutsideError
        col = match.start(3)
        container: dict[Any, Any] = {}
        items, parent, limit = seq.container, seq.path, self.limit
        path = None if parent is None or len(parent) >= limit else (*parent, len(items))
        items.append(container)  # `record` and `attach`, for an item of a list
        if path is not None:
            self.doc.values[path] = Location(self.name, self.number + 1, col + 1)
        mapping = _Frame(col, container, path)
        self.stack.append(mapping)
        if path is not None and len(path) < limit:
            self.pair(mapping, match)
            return None
        following = further(col)
        row: tuple[int, str] | None = None
        key: Any
        key, plain, double = match.group(3, 4, 5)
        if path is not None:  # len(path) == limit: positions below are found when asked
            self.deferred.add(path)
            at = (match.start(2), col)
            into = (items, path[:-1])
            run = None if self.runs is None else self.runs.read(self.number, at, container, into)
            if run is not None:  # its last item stays open, as if its lines were read here
                self.number += run.lines - 1
                next(islice(rows, run.lines - 1, run.lines - 1), None)
                self.stack[-1] = _Frame(col, run.last, run.path)
                return next(rows, None)
        while True:
            if key in WORDS:
                key = resolve_plain(key)
            if key in container:
                raise OutsideError
            if plain is None:
                container[key] = double
            elif plain[0] in MAY_RESOLVE or plain[-1] == " ":
                container[key] = resolved(plain.rstrip(" "))
            else:
                container[key] = plain  # a word, as `resolved` would give it
            row = next(rows, None)
            if row is None:
                return None
            found = following(row[1])
            if found is None:
                return row
            self.number = row[0]
            key, plain, double = found.groups()

    def line(self, col: int, text: str) -> bool:
        """Take one line; False once the node read is over (a sibling or a parent follows)."""
        pending = self.pending
        if pending is not None:
            frame = pending[0]
            above = self.stack[-1].indent
            if col > above:
                self.pending = None
                self.block(col, text, frame, pending[1], pending[2])
                return True
            dash = text[0] == "-" and (len(text) == 1 or text[1] == " ")
            if col == above and dash and frame is not None and type(frame.container) is dict:
                self.pending = None
                self.block(col, text, frame, pending[1], pending[2])  # a list under its key
                return True
            if frame is None:
                raise OutsideError  # nothing at all, or a lone scalar
            self.null()
        stack = self.stack
        if len(stack) == 1:
            return self.over()  # text after a flow list read again
        while stack[-1].indent > col:
            stack.pop()
            if len(stack) == 1:
                return self.over()
        top = stack[-1]
        if top.indent != col:
            raise OutsideError  # odd indentation, or text after a scalar
        if type(top.container) is list:
            if text[0] == "-" and (len(text) == 1 or text[1] == " "):
                self.item(col, text, top)
                return True
            stack.pop()  # a list under its key ends at the key's next sibling
            top = stack[-1]
            if len(stack) == 1:
                return self.over()
            if top.indent != col or type(top.container) is not dict:
                raise OutsideError
        self.entry(col, text, top)
        return True

    def pair(self, mapping: _Frame, match: re.Match[str]) -> None:
        """A line ``key: value`` of `mapping` that `SIMPLE` matched."""
        key: Any = match[3]
        if key in WORDS:
            key = resolve_plain(key)
        container = mapping.container
        if key in container:
            raise OutsideError
        plain = match[4]
        if plain is None:
            container[key] = match[5]
            col = match.start(5) - 1
        else:
            container[key] = resolved(plain.rstrip(" "))
            col = match.start(4)
        parent = mapping.path
        if parent is not None and len(parent) < self.limit:
            path = (*parent, path_key(key))
            line = self.number + 1
            self.doc.keys[path] = Location(self.name, line, match.start(3) + 1)
            self.doc.values[path] = Location(self.name, line, col + 1)

    def over(self) -> bool:
        if not self.base:
            raise OutsideError  # text after the document's node ended
        return False

    def null(self) -> None:
        assert self.pending is not None
        frame, key, path, number, column = self.pending
        self.pending = None
        self.number, here = number, self.number
        self.attach(frame, key, path, None, column)
        self.number = here

    def record(self, frame: _Frame | None, key: Any) -> Path | None:
        """The path of a new child of `frame` if its position is recorded, else None."""
        if frame is None:
            return self.base
        parent = frame.path
        if parent is None or len(parent) >= self.limit:
            return None
        if type(frame.container) is list:
            return (*parent, len(frame.container))
        return (*parent, path_key(key))

    def attach(
        self, frame: _Frame | None, key: Any, path: Path | None, value: Any, col: int
    ) -> None:
        if frame is None:
            self.started = True
            if not self.base:  # a whole document, not an item read again
                self.doc.data = value
        elif type(frame.container) is list:
            frame.container.append(value)
        else:
            frame.container[key] = value
        if path is not None:
            self.doc.values[path] = Location(self.name, self.number + 1, col + 1)

    def block(self, col: int, text: str, frame: _Frame | None, key: Any, path: Path | None) -> None:
        """A collection that starts at `col` on this line, as the value of `key` in `frame`."""
        if len(self.stack) > MAX_DEPTH - 2:
            raise OutsideError
        if text[0] == "-" and (len(text) == 1 or text[1] == " "):
            container: Any = []
        elif frame is None and self.base and text[0] == "[":
            self.flow(col, text, frame, key, path)  # an item's list, read again
            return
        elif frame is None and self.base and text[0] == "{":
            self.flow_map(col, text, frame, key, path)  # an item's flow mapping, read again
            return
        else:
            container = {}
        self.attach(frame, key, path, container, col)
        if path is not None and len(path) == self.limit:
            self.deferred.add(path)
        opened = _Frame(col, container, path)
        self.stack.append(opened)
        if type(container) is list:
            self.item(col, text, opened)
        else:
            self.entry(col, text, opened)

    def item(self, col: int, text: str, seq: _Frame) -> None:
        """``- value``: a list item, its value on this line or the next ones."""
        rest = text[1:].lstrip(" ")
        path = self.record(seq, None)
        if not rest or rest[0] == "#":
            self.pending = (seq, None, path, self.number, col + 1)
            return
        at = col + len(text) - len(rest)
        if rest[0] == "{":
            self.flow_map(at, rest, seq, None, path)
        elif (rest[0] == "-" and (len(rest) == 1 or rest[1] == " ")) or key_of(rest) is not None:
            self.block(at, rest, seq, None, path)
        else:
            self.inline(at, rest, seq, None, path)

    def entry(self, col: int, text: str, mapping: _Frame) -> None:
        """``key: value``: a mapping entry, its value on this line or the next ones."""
        found = key_of(text)
        if found is None:
            raise OutsideError
        key, colon = found
        container = mapping.container
        if key in container:
            raise OutsideError  # a duplicate: the full reader says where the first one was
        path = self.record(mapping, key)
        if path is not None:
            self.doc.keys[path] = Location(self.name, self.number + 1, col + 1)
        rest = text[colon + 1 :].lstrip(" ")
        if not rest or rest[0] == "#":
            self.pending = (mapping, key, path, self.number, col + colon + 1)
            return
        self.inline(col + len(text) - len(rest), rest, mapping, key, path)

    def inline(self, col: int, text: str, frame: _Frame, key: Any, path: Path | None) -> None:
        """A scalar or a flow list written after ``key:`` or ``-``."""
        first = text[0]
        if first == "[":
            self.flow(col, text, frame, key, path)
            return
        if first == "{":
            self.flow_map(col, text, frame, key, path)
            return
        if first in "\"'":
            value, end = quoted(text, 0)
            end_of_line(text, end)
        elif first in ">|":
            if frame is None or type(frame.container) is not dict:
                raise OutsideError  # a block scalar as a list item or the whole document
            value, self.carry = block_scalar(text, self.rows, frame.indent)
        else:
            value = plain(text)
        self.attach(frame, key, path, value, col)
