"""Safe YAML: one document, YAML 1.2 core scalars, and a position for every key and value.

PyYAML's loaders resolve YAML 1.1 scalars (``yes`` is true, ``2025-01-24`` a date, ``1_000``
an int), keep the last of duplicate keys without a word, and expand aliases (the billion
laughs). We read PyYAML's event stream instead and build plain data ourselves, so every
rule is ours: no anchors, aliases or tags, no duplicate keys, 1.2 core scalars only, and a
`Location` for each node so validation errors can point at the exact line and column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from targets._safe import quoted
from targets.rules._errors import Diagnostic, Location

__all__ = ["MAX_DEPTH", "REJECTED", "Document", "Path", "load_yaml", "resolve_plain"]


Path = tuple[str | int, ...]

MAX_DEPTH = 64

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^([-+]?)\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar."""
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT10.match(text):
        return int(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if m := _INF.match(text):
        return -math.inf if m.group(1) == "-" else math.inf
    if _NAN.match(text):
        return math.nan
    return text


@dataclass(slots=True)
class Document:
    """Plain data from one file plus where each value and each mapping key was written."""

    path: str
    data: Any = None
    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)
    rejected: set[Path] = field(default_factory=set)
    """Paths whose value was refused (an alias): already reported, so later stages skip them."""

    def locate(self, path: Path, *, key: bool = False) -> Location:
        """The closest known position for `path` (a parent's, if the path is partial)."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if key and probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
            table = self.values
        return self.values.get((), Location(self.path))


@dataclass(slots=True)
class _Frame:
    path: Path
    container: dict[Any, Any] | list[Any]
    pending_key: Any = None
    has_key: bool = False
    key_marks: dict[Any, Location] = field(default_factory=dict)


def _loc(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def load_yaml(text: str, path: str) -> tuple[Document, list[Diagnostic]]:
    """Parse `text`; problems come back as diagnostics, never as exceptions."""
    doc = Document(path)
    problems: list[Diagnostic] = []
    try:
        _build(doc, yaml.parse(text, Loader=_Loader), problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _loc(path, mark) if mark is not None else Location(path)
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            problem = "a tab character; YAML indents with spaces only"
        problems.append(Diagnostic(where, f"invalid YAML: {problem}"))
        doc.data = None
    except yaml.reader.ReaderError as exc:  # control characters and the like
        before = text[: exc.position]
        where = Location(path, before.count("\n") + 1, len(before) - before.rfind("\n"))
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        problems.append(Diagnostic(where, f"invalid YAML: character {char} is not allowed"))
        doc.data = None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        problems.append(Diagnostic(Location(path), f"invalid YAML: {first}"))
        doc.data = None
    return doc, problems


def _build(doc: Document, events: Iterator[Any], problems: list[Diagnostic]) -> None:
    _Builder(doc, problems).run(events)


_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_FRAMING = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


@dataclass(slots=True)
class _Builder:
    """Plain data from YAML events, refusing what the rule language does not allow."""

    doc: Document
    problems: list[Diagnostic]
    stack: list[_Frame] = field(default_factory=list)
    documents: int = 0
    skip_depth: int = 0
    """Above 0 while skipping a refused subtree (a complex key, a duplicate key's value)."""

    def here(self, event: Any) -> Location:
        return _loc(self.doc.path, event.start_mark)

    def refuse(self, event: Any, message: str) -> None:
        self.problems.append(Diagnostic(self.here(event), message))

    def run(self, events: Iterator[Any]) -> None:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self.refuse(event, "one YAML document per file; found a second '---'")
                    return
            elif isinstance(event, _FRAMING):
                continue
            elif self.skip_depth:
                self.skip_depth += 1 if isinstance(event, _STARTS) else 0
                self.skip_depth -= 1 if isinstance(event, _ENDS) else 0
            elif isinstance(event, yaml.AliasEvent):
                self.refuse(event, f"aliases are not allowed (*{event.anchor}); repeat the value")
                rejected = self.add(REJECTED, event)
                if rejected is not None:
                    self.doc.rejected.add(rejected)
            elif isinstance(event, _ENDS):
                self.stack.pop()
            else:
                self.node(event)

    def node(self, event: Any) -> None:
        if event.anchor is not None:
            self.refuse(event, f"anchors are not allowed (&{event.anchor}); repeat the value")
        if event.tag is not None and event.tag != "!":
            self.refuse(event, f"tags are not allowed ({event.tag}); write a plain value")
        if isinstance(event, yaml.ScalarEvent):
            self.add(resolve_plain(event.value) if event.implicit[0] else event.value, event)
            return
        if len(self.stack) >= MAX_DEPTH:
            self.refuse(event, f"nesting deeper than {MAX_DEPTH} levels")
            self.skip_depth = 1
            return
        container: dict[Any, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        node_path = self.add(container, event)
        if node_path is None:  # a complex key or a duplicate key's value: skip the subtree
            self.skip_depth = 1
            return
        self.stack.append(_Frame(node_path, container))

    def add(self, value: Any, event: Any) -> Path | None:
        """Attach `value` to the current container; the new node's path, if it has one."""
        doc = self.doc
        if not self.stack:
            doc.data = value
            doc.values[()] = self.here(event)
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            node_path = (*top.path, len(top.container))
            top.container.append(value)
            doc.values[node_path] = self.here(event)
            return node_path
        if not top.has_key:
            self.key(top, value, event)
            return None
        key = top.pending_key
        top.has_key = False
        if key is _DUPLICATE:
            return None
        node_path = (*top.path, _key(key))
        top.container[key] = value
        doc.values[node_path] = self.here(event)
        return node_path

    def key(self, top: _Frame, value: Any, event: Any) -> None:
        top.pending_key, top.has_key = _DUPLICATE, True
        if isinstance(value, dict | list):
            self.refuse(event, "mapping keys must be plain text")
            return
        if value in top.container or value in top.key_marks:
            first = top.key_marks.get(value)
            at = f" (first written at line {first.line}, column {first.col})" if first else ""
            self.refuse(event, f"duplicate key {quoted(value)}{at}")
            return
        top.key_marks[value] = self.here(event)
        self.doc.keys[(*top.path, _key(value))] = self.here(event)
        top.pending_key = value


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column : column + 1] if line < len(lines) else ""


def _key(value: Any) -> str | int:
    return value if isinstance(value, str | int) else str(value)


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_DUPLICATE = _Marker("<duplicate>")
REJECTED = _Marker("<alias>")
