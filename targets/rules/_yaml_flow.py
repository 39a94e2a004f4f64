"""One-line flow collections for the fast YAML reader (`_yaml_fast`): ``[a, "b", 3]`` and
``{by: 2025, between: [6, 6.5]}``, of scalars (a mapping's values may be lists of them).

Each function reads what YAML would read on one line, or raises `OutsideError` when the text
leaves the subset (a collection over several lines, nested mappings, a comma before the
end, a key without a value): the full reader then reads the file. `FlowSteps` are the
reader's steps that put them in the document with their positions.
"""

from __future__ import annotations

from typing import Any

from targets.rules._errors import Location
from targets.rules._yaml import MAX_DEPTH, Document, Path
from targets.rules._yaml_lines import NOT_IN_FLOW
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

    def attach(self, frame: Any, key: Any, path: Path | None, value: Any, col: int) -> None:
        raise NotImplementedError

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
            child = (*path, name if isinstance(name, str | int) else str(name))
            self.doc.keys[child] = Location(self.name, line, col + key_at + 1)
            self.doc.values[child] = Location(self.name, line, col + value_at + 1)
            for index, at in enumerate(starts):
                self.doc.values[(*child, index)] = Location(self.name, line, col + at + 1)


def flow_list(text: str, items: list[Any]) -> list[int]:
    """The scalars of a one-line flow list, ``[a, "b", 3]`` (`text` starts at its '['),
    appended to `items`; where each starts in `text`."""
    starts, end = _flow_items(text, items)
    end_of_line(text, end)
    return starts


def flow_mapping(text: str, into: dict[Any, Any]) -> list[tuple[Any, int, int, list[int]]]:
    """The entries of a one-line flow mapping of scalars and flow lists of scalars,
    ``{by: 2025, between: [6, 6.5]}`` (`text` starts at its '{'), put in `into`; for each,
    its key and where the key, the value and each item of a list value start in `text`."""
    entries: list[tuple[Any, int, int, list[int]]] = []
    at = 1
    while True:
        rest = text[at:].lstrip(" ")
        at = len(text) - len(rest)
        if not rest or (rest[0] == "}" and entries):
            raise OutsideError  # over several lines, or a comma before the '}'
        if rest[0] == "}":
            break
        key_at = at
        if rest[0] == '"' or rest[0] == "'":
            key, length = quoted(rest, 0)
        else:
            length = rest.find(":")
            key = _flow_plain(rest[:length] if length > 0 else "")
        after = rest[length:].lstrip(" ")
        if after[:2] != ": " or key in into:
            raise OutsideError  # no ': ', a duplicate, or a key without a value
        value_text = after[1:].lstrip(" ")
        at = len(text) - len(value_text)
        starts: list[int] = []
        if not value_text:
            raise OutsideError
        if value_text[0] == "[":
            items: list[Any] = []
            found, end = _flow_items(value_text, items)
            value: Any = items
            starts = [at + start for start in found]
        elif value_text[0] == '"' or value_text[0] == "'":
            value, end = quoted(value_text, 0)
        else:
            ends = [i for i in (value_text.find(","), value_text.find("}")) if i >= 0]
            end = min(ends) if ends else len(value_text)
            value = _flow_plain(value_text[:end])
        into[key] = value
        entries.append((key, key_at, at, starts))
        after = value_text[end:].lstrip(" ")
        at = len(text) - len(after)
        if after[:1] == "}":
            break
        if after[:1] != ",":
            raise OutsideError
        at += 1
    end_of_line(text, at + 1)
    return entries


def _flow_plain(text: str) -> Any:
    """A plain scalar within a flow collection, resolved; none of its indicators in it."""
    scalar = text.rstrip(" ")
    if not scalar or NOT_IN_FLOW.search(scalar) or "," in scalar or indicator(scalar):
        raise OutsideError
    return resolved(scalar)


def _flow_items(text: str, items: list[Any]) -> tuple[list[int], int]:
    """`flow_list`'s items and starts, and the index just past the list's ']' in `text`."""
    starts: list[int] = []
    at = 1
    while True:
        rest = text[at:].lstrip(" ")
        at = len(text) - len(rest)
        if not rest or (rest[0] == "]" and items):
            raise OutsideError  # over several lines, or a comma before the ']'
        if rest[0] == "]":
            break
        if rest[0] == '"' or rest[0] == "'":
            value, length = quoted(rest, 0)
        else:
            ends = [i for i in (rest.find(","), rest.find("]")) if i >= 0]
            if not ends:
                raise OutsideError
            length = min(ends)
            scalar = rest[:length].rstrip(" ")
            if not scalar or NOT_IN_FLOW.search(scalar) or indicator(scalar):
                raise OutsideError
            value = resolved(scalar)
        starts.append(at)
        items.append(value)
        after = rest[length:].lstrip(" ")
        at = len(text) - len(after)
        if after[:1] == "]":
            break
        if after[:1] != ",":
            raise OutsideError
        at += 1
    return starts, at + 1
