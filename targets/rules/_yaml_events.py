"""The full YAML reader: PyYAML's event stream built into a `Document`, every key and value
positioned, every problem a diagnostic. It reads what the fast reader (`_yaml_fast`)
leaves; `_yaml` says which rules both keep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from targets._safe import quoted
from targets.rules._errors import Diagnostic, Location
from targets.rules._yaml import MAX_DEPTH, Document, Path, Unusable, path_key, resolve_plain

__all__ = ["REJECTED", "load_yaml"]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True)
class _Frame:
    path: Path
    container: dict[Any, Any] | list[Any]
    pending_key: Any = None
    pending_path: Path = ()
    has_key: bool = False
    key_marks: dict[Any, Location] = field(default_factory=dict)


def _loc(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def load_yaml(text: str, path: str) -> tuple[Document, list[Diagnostic]]:
    """Parse `text`; problems come back as diagnostics, never as exceptions."""
    doc = Document(path)
    problems: list[Diagnostic] = []
    other_break = _OTHER_BREAK.search(text)
    if other_break is not None:
        problems.append(_other_break(text, other_break.start(), path))
        return doc, problems
    try:
        _build(doc, yaml.parse(text, Loader=_Loader), problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _loc(path, mark) if mark is not None else Location(path)
        problem = exc.problem or exc.context or "invalid YAML"
        directive = _DIRECTIVE.search(text)
        if problem == "found incompatible YAML document" and directive is not None:  # 1.3, 2.0
            problems.append(Diagnostic(where, _version(directive[1])))
            doc.data = None
            return doc, problems
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


_DIRECTIVE = re.compile(r"^%YAML[ \t]+([^ \t\n#]{1,20})", re.MULTILINE)
"""A ``%YAML`` directive and its version, as written."""


def _version(version: str) -> str:
    """Why a ``%YAML`` directive for another version than 1.2 is refused: the file would be
    read by rules its writer did not mean (in YAML 1.1, ``yes`` and ``off`` are booleans)."""
    return (
        f"invalid YAML: a {quoted('%YAML ' + version)} directive; these files are read as YAML 1.2 "
        "(where yes, no, on and off are text): write '%YAML 1.2' or leave the directive out"
    )


_OTHER_BREAK = re.compile("[\x85\u2028\u2029]")
_BREAK_NAMES = {
    "\x85": "a next-line",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}


def _other_break(text: str, at: int, path: str) -> Diagnostic:
    """A next-line, line or paragraph separator: YAML 1.2 reads it as text, PyYAML (YAML
    1.1) as a line break, which would shift every later line number and fold a quoted
    value's text; so it is refused, where an editor shows it, as other controls are."""
    before = text[:at]
    where = Location(path, before.count("\n") + 1, at - before.rfind("\n"))
    char = text[at]
    return Diagnostic(
        where,
        f"invalid YAML: character U+{ord(char):04X} ({_BREAK_NAMES[char]}) is not allowed; "
        "in a double-quoted text write it as an escape, such as \\u2028",
    )


def _build(doc: Document, events: Iterator[Any], problems: list[Diagnostic]) -> None:
    _Builder(doc, problems).run(events)


_SCALAR = yaml.ScalarEvent
_STARTS = frozenset({yaml.MappingStartEvent, yaml.SequenceStartEvent})
_ENDS = frozenset({yaml.MappingEndEvent, yaml.SequenceEndEvent})


@dataclass(slots=True)
class _Builder:
    """Plain data from YAML events, refusing what the rule language does not allow.

    It runs once per node of every input file, so it is written for speed: events are told
    apart by their exact type, and each position is made once and shared by the tables.
    """

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
            kind = type(event)
            if self.skip_depth:
                self.skip_depth += (kind in _STARTS) - (kind in _ENDS)
            elif kind is _SCALAR:
                self.scalar(event)
            elif kind in _ENDS:
                self.stack.pop()
            elif kind in _STARTS:
                self.collection(event)
            elif kind is yaml.AliasEvent:
                self.refuse(event, f"aliases are not allowed (*{event.anchor}); repeat the value")
                self.reject(event)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.refuse(event, "one YAML document per file; found a second '---'")
                    return
                if event.version not in (None, (1, 2)):
                    self.refuse(event, _version("{}.{}".format(*event.version)))
            # the stream's start and end and a document's end carry nothing

    def reject(self, event: Any) -> None:
        """Put a refused value (already reported) in the data, for later stages to skip."""
        rejected = self.add(REJECTED, event)
        if rejected is not None:
            self.doc.rejected.add(rejected)

    def marks(self, event: Any) -> None:
        if event.anchor is not None:
            self.refuse(event, f"anchors are not allowed (&{event.anchor}); repeat the value")
        if event.tag is not None and event.tag != "!":
            self.refuse(event, f"tags are not allowed ({event.tag}); write a plain value")

    def scalar(self, event: Any) -> None:
        if event.anchor is not None or event.tag is not None:
            self.marks(event)
        value = resolve_plain(event.value) if event.implicit[0] else event.value
        if type(value) is Unusable:
            self.refuse(event, value.message)
            self.reject(event)
        else:
            self.add(value, event)

    def collection(self, event: Any) -> None:
        if event.anchor is not None or event.tag is not None:
            self.marks(event)
        if len(self.stack) >= MAX_DEPTH:
            self.refuse(event, f"nesting deeper than {MAX_DEPTH} levels")
            self.skip_depth = 1
            return
        container: dict[Any, Any] | list[Any] = {} if type(event) is yaml.MappingStartEvent else []
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
        container = top.container
        if type(container) is list:
            node_path: Path = (*top.path, len(container))
            container.append(value)
            doc.values[node_path] = self.here(event)
            return node_path
        if not top.has_key:
            self.key(top, value, event)
            return None
        key = top.pending_key
        top.has_key = False
        if key is _DUPLICATE:
            return None
        node_path = top.pending_path
        container[key] = value
        doc.values[node_path] = self.here(event)
        return node_path

    def key(self, top: _Frame, value: Any, event: Any) -> None:
        top.pending_key, top.has_key = _DUPLICATE, True
        if value is REJECTED:  # an alias or an unusable number as a key: said already
            return
        if isinstance(value, dict | list):
            self.refuse(event, "mapping keys must be plain text")
            return
        if value in top.container or value in top.key_marks:
            first = top.key_marks.get(value)
            at = f" (first written at line {first.line}, column {first.col})" if first else ""
            self.refuse(event, f"duplicate key {quoted(value)}{at}")
            return
        where = self.here(event)
        top.key_marks[value] = where
        top.pending_path = (*top.path, path_key(value))
        self.doc.keys[top.pending_path] = where
        top.pending_key = value


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column : column + 1] if line < len(lines) else ""


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_DUPLICATE = _Marker("<duplicate>")
REJECTED = _Marker("<alias>")
