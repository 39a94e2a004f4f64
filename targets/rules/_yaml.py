"""Safe YAML: one document, YAML 1.2 core scalars, and a position for every key and value.

PyYAML's loaders resolve YAML 1.1 scalars (``yes`` is true, ``2025-01-24`` a date, ``1_000``
an int), keep the last of duplicate keys without a word, and expand aliases (the billion
laughs). We read PyYAML's event stream instead and build plain data ourselves, so every
rule is ours: no anchors, aliases or tags, no duplicate keys, 1.2 core scalars only, and a
`Location` for each node so validation errors can point at the exact line and column.

This module holds what both readers share: the document and the scalars' resolution. The
full reader is `_yaml_events.load_yaml`; `_files` tries the fast reader (`_yaml_fast`)
first, which reads most files without importing PyYAML.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from targets.rules._errors import Location
from targets.rules._numbers import Exponent, NumberError, usable_integer, usable_text

__all__ = [
    "MAX_DEPTH",
    "MAY_RESOLVE",
    "Document",
    "Path",
    "Positions",
    "Unusable",
    "path_key",
    "resolve_plain",
]


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
MAY_RESOLVE = frozenset("0123456789+-.~nNtTfF")
"""First characters of the plain scalars that are not text: null, booleans, numbers."""
_MAY_BE_WORD = frozenset("~nNtTfF")
"""First characters of null and the booleans, which no number (nor .inf, .nan) has."""


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar. A number a double cannot
    hold (``1e400``, 400 digits, ``1e-400``) comes back as `Unusable`, which the reader
    refuses with its position. A float written in exponent notation comes back as an
    `Exponent`, which keeps its text (``2e3`` is a number, but no year)."""
    if not text:
        return None
    first = text[0]
    if first not in MAY_RESOLVE:  # most scalars are words: no pattern can match them
        return text
    if first in _MAY_BE_WORD:  # no number starts so: null, a boolean, or a word
        if _NULL.match(text):
            return None
        if _TRUE.match(text):
            return True
        if _FALSE.match(text):
            return False
        return text
    try:
        if _INT10.match(text):
            return usable_integer(text)
        if _INT8.match(text):
            return usable_integer(text, 8)
        if _INT16.match(text):
            return usable_integer(text, 16)
        if _FLOAT.match(text):
            number = usable_text(text)
            return Exponent(number, text) if "e" in text or "E" in text else number
    except NumberError as exc:
        return Unusable(str(exc))
    if m := _INF.match(text):
        return -math.inf if m.group(1) == "-" else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def path_key(key: Any) -> str | int:
    """A mapping key as a step of a `Path`: text and integers as they are, any other
    scalar (a float, a boolean is an int, null) as its text. Both readers step so."""
    return key if isinstance(key, str | int) else str(key)


@dataclass(frozen=True, slots=True)
class Unusable:
    """A plain scalar that is a number no double can hold, and why (see `_numbers`)."""

    message: str


class Positions(Protocol):
    """Positions a reader left to find on demand: the fast reader (`_yaml_fast`) records the
    top levels only, since a clean file of 60,000 targets never asks for the rest."""

    def fill(self, doc: Document, path: Path) -> None:
        """Put the positions of the nodes on the way to `path` in the tables."""

    def fill_all(self, doc: Document) -> None:
        """Put every position in the tables."""

    def fill_items(self, doc: Document, paths: list[Path]) -> None:
        """Put the positions of these items (each a list item's path) in the tables."""


@dataclass(slots=True)
class Document:
    """Plain data from one file plus where each value and each mapping key was written."""

    path: str
    data: Any = None
    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)
    rejected: set[Path] = field(default_factory=set)
    """Paths whose value was refused (an alias, a number no double holds): already reported,
    so later stages skip them."""
    deferred: Positions | None = None
    """Where the positions the tables do not hold yet are found; `locate` asks it."""

    def complete(self) -> Document:
        """This document with every position in its tables, for code that walks them."""
        if self.deferred is not None:
            self.deferred.fill_all(self)
        return self

    def locate_items(self, paths: list[Path]) -> list[Location]:
        """`locate` of each of these list items' paths, found together (a report of 60,000
        targets asks where each was written: one call, not 60,000 walks to the runs)."""
        if self.deferred is not None:
            self.deferred.fill_items(self, paths)
        values = self.values
        return [values.get(path) or self.locate(path) for path in paths]

    def locate(self, path: Path, *, key: bool = False) -> Location:
        """The closest known position for `path` (a parent's, if the path is partial)."""
        if not key and type(path) is tuple and path in self.values:
            return self.values[path]  # an item's own: finding the positions below adds none
        if self.deferred is not None:
            self.deferred.fill(self, path)
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
