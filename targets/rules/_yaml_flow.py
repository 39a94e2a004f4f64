"""One-line flow collections for the fast YAML reader (`_yaml_fast`): ``[a, "b", 3]`` and
``{by: 2025, between: [6, 6.5]}``, of scalars (a mapping's values may be lists of them).

Each function reads what YAML would read on one line, or raises `OutsideError` when the text
leaves the subset (a collection over several lines, nested mappings, a comma before the
end, a key without a value): the full reader then reads the file. `FlowSteps` are the
reader's steps that put them in the document with their positions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from targets.rules._errors import Location
from targets.rules._yaml import MAX_DEPTH, Document, Path, path_key
from targets.rules._yaml_lines import MAX_KEY, NOT_IN_FLOW
from targets.rules._yaml_scalars import OutsideError, end_of_line, indicator, quoted, resolved

__all__ = ["FlowSteps", "flow_list", "flow_mapping"]


class FlowSteps:
    """The fast reader's steps for a flow collection after ``key:`` or ``-`` (its
    `_Reader` takes them; the attributes and `attach` are the reader's)."""

    doc: Document
    name: str
    number: int
    limit: int
    deferred: set[Path]
    stack: list[Any]
    attach: Callable[[Any, Any, Path | None, Any, int], None]
    """Puts a value in its frame and records its position (the reader's own step)."""

    def flow(self, col: int, text: str, frame: Any, key: Any, path: Path | None) -> None:
        """A one-line flow list of scalars: ``[a, "b", 3]``."""
        items: list[Any] = []
        self.attach(frame, key, path, items, col)
        if path is not None and len(path) == self.limit:
            self.deferred.add(path)
        starts = flow_list(text, items)
        if path is not None and len(path) < self.limit:
            line = self.number + 1
            for index, at in enumerate(starts):
                self.doc.values[(*path, index)] = Location(self.name, line, col + at + 1)

    def flow_map(self, col: int, text: str, frame: Any, key: Any, path: Path | None) -> None:
        """A one-line flow mapping of scalars and flow lists: ``{by: 2025, at_least: 20}``.
        Its positions are recorded with its own (they are on its line), or all found later."""
        if len(self.stack) > MAX_DEPTH - 4:
            raise OutsideError
        mapping: dict[Any, Any] = {}
        self.attach(frame, key, path, mapping, col)
        entries = flow_mapping(text, mapping)
        if path is None:
            return
        if len(path) == self.limit:
            self.deferred.add(path)
            return
        line = self.number + 1
        for name, key_at, value_at, starts in entries:
            child = (*path, path_key(name))
            self.doc.keys[child] = Location(self.name, line, col + key_at + 1)
            self.doc.values[child] = Location(self.name, line, col + value_at + 1)
            for index, at in enumerate(starts):
                self.doc.values[(*child, index)] = Location(self.name, line, col + at + 1)


def flow_list(text: str, items: list[Any]) -> list[int]:
    """The scalars of a one-line flow list, ``[a, "b", 3]`` (`text` starts at its '['),
    appended to `items`; where each starts in `text`."""
    starts, end = _flow_items(text, 0, items)
    end_of_line(text, end)
    return starts


def flow_mapping(text: str, into: dict[Any, Any]) -> list[tuple[Any, int, int, list[int]]]:
    """The entries of a one-line flow mapping of scalars and flow lists of scalars,
    ``{by: 2025, between: [6, 6.5]}`` (`text` starts at its '{'), put in `into`; for each,
    its key and where the key, the value and each item of a list value start in `text`.

    Like `flow_list`, it walks the line by index, never copying what is left of it: a
    line of a hundred thousand entries is read in linear time."""
    entries: list[tuple[Any, int, int, list[int]]] = []
    at = _skip(text, 1)
    closed = _empty(text, at, "}")
    while not closed:
        key_at = at
        key, at = _scalar(text, at, _KEY)
        at = _skip(text, at)
        if text[at : at + 2] != ": " or key in into or at - key_at > MAX_KEY:
            raise OutsideError  # no ': ', a duplicate, a key without a value, or too long
        at = value_at = _skip(text, at + 1)
        starts: list[int] = []
        value: Any
        if text[at : at + 1] == "[":
            value = []
            starts, at = _flow_items(text, at, value)
        else:
            value, at = _scalar(text, at, _IN_MAPPING)
        into[key] = value
        entries.append((key, key_at, value_at, starts))
        closed, at = _after(text, at, "}")
    end_of_line(text, at + 1)
    return entries


_SPACES = re.compile(" *")
_KEY = re.compile("[^:]*")
"""A plain key of a flow mapping: up to its ':' (`_flow_plain` refuses a ',' in it)."""
_IN_LIST = re.compile(r"[^,\]]*")
_IN_MAPPING = re.compile("[^,}]*")
"""A plain scalar of a flow list or mapping, up to the ',' or the end that follows it."""


def _skip(text: str, at: int) -> int:
    """Where the first character that is no space from `at` on is."""
    return _past(_SPACES, text, at)


def _past(pattern: re.Pattern[str], text: str, at: int) -> int:
    """The end of `pattern`'s match at `at` (each pattern matches everywhere, maybe empty)."""
    found = pattern.match(text, at)
    assert found is not None
    return found.end()


def _flow_plain(text: str) -> Any:
    """A plain scalar within a flow collection, resolved; none of its indicators in it."""
    scalar = text.rstrip(" ")
    if not scalar or NOT_IN_FLOW.search(scalar) or "," in scalar or indicator(scalar):
        raise OutsideError
    return resolved(scalar)


def _flow_items(text: str, begin: int, items: list[Any]) -> tuple[list[int], int]:
    """The items of the flow list whose '[' is at `begin`, appended to `items`; where each
    starts in `text`, and the index just past the list's ']'."""
    starts: list[int] = []
    at = _skip(text, begin + 1)
    closed = _empty(text, at, "]")
    while not closed:
        starts.append(at)
        value, at = _scalar(text, at, _IN_LIST)
        items.append(value)
        closed, at = _after(text, at, "]")
    return starts, at + 1


def _scalar(text: str, at: int, plain: re.Pattern[str]) -> tuple[Any, int]:
    """The quoted or plain scalar that starts at `at` (a plain one where `plain` ends),
    and the index just past it."""
    if text[at : at + 1] in ('"', "'"):
        return quoted(text, at)
    end = _past(plain, text, at)
    return _flow_plain(text[at:end]), end


def _empty(text: str, at: int, close: str) -> bool:
    """Whether the collection's first item is its `close` (``[]``, ``{}``)."""
    if at == len(text):
        raise OutsideError  # over several lines
    return text[at] == close


def _after(text: str, at: int, close: str) -> tuple[bool, int]:
    """After an item: whether its collection closes there, and where the close or the
    next item is."""
    at = _skip(text, at)
    if text[at : at + 1] == close:
        return True, at
    if text[at : at + 1] != ",":
        raise OutsideError
    at = _skip(text, at + 1)
    if at == len(text) or text[at] == close:
        raise OutsideError  # over several lines, or a comma before the close
    return False, at
