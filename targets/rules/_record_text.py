"""Values as text (YAML scalars, CSV cells), and editing a CSV figures file as text.

A value is written so that it reads back as the same value: plain when the YAML reader
would read the plain text back unchanged, double-quoted with escapes otherwise.

A CSV figures file keeps its own column order and line endings.
Each figure is one record of the file, possibly over several lines (a quoted cell may hold
a line break). New rows go after the last record; a replaced row is rewritten in place; a
removed row loses exactly its lines. Every other byte stays as it was, and the result must
read back (with the loader's own CSV reader) as exactly the intended rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from targets.rules._errors import Diagnostic
from targets.rules._files import CSV_OPTIONAL, CSV_REQUIRED
from targets.rules._yaml import Document, resolve_plain

__all__ = [
    "CsvFile",
    "Edit",
    "EditError",
    "block_item",
    "cell",
    "flow_item",
    "key_order",
    "ordered",
    "plain_data",
    "scalar",
]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EditError(Exception):
    """Neither the splice nor the round-trip gave exactly the intended data."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Add `row` (index None), replace the figure at `index` with it, or remove it (row None)."""

    row: Mapping[str, Any] | None
    index: int | None = None


_PRINTABLE_ASCII = frozenset(chr(c) for c in range(0x20, 0x7F))
_DIGITS = re.compile(r"[-+]?[0-9]+")
_LONGEST_NUMBER = 400
"""Digits beyond any float; written plain, Python would refuse to convert the longest."""


def _printable(char: str) -> bool:
    code = ord(char)
    return (
        char in _PRINTABLE_ASCII
        or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029))
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar: every non-printable character escaped."""
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif _printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def _plain_reads_back(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or not all(_printable(c) for c in text):
        return False
    if len(text) > _LONGEST_NUMBER and _DIGITS.fullmatch(text):
        return False  # plain, it would be an integer too long to convert: quote it
    if not isinstance(resolve_plain(text), str):
        return False
    probe = f"[{text}]" if flow else f"k: {text}"
    try:
        events = list(yaml.parse(probe, Loader=_Loader))
    except yaml.YAMLError:
        return False
    scalars = [e for e in events if isinstance(e, yaml.ScalarEvent | yaml.AliasEvent)]
    last = scalars[-1] if scalars else None
    return (
        len(scalars) == (1 if flow else 2)
        and isinstance(last, yaml.ScalarEvent)
        and not last.style
        and last.tag is None
        and last.anchor is None
        and last.value == text
    )


def scalar(value: Any, *, flow: bool = False) -> str:
    """`value` as a YAML scalar that reads back as the same value (plain when it can)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    text = str(plain_data(value))
    return text if _plain_reads_back(text, flow) else _quoted(text)


def plain_data(value: Any) -> Any:
    """What `value` reads back as once written by `scalar`."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain_data(v) for v in value]
    return value


def key_order(rows: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> list[str]:
    """Keys in the order the file writes them: merged from its figures, then `fields`."""
    order: list[str] = []
    for keys in [*(list(map(str, row)) for row in rows), list(fields)]:
        previous = -1
        for key in keys:
            if key in order:
                previous = order.index(key)
            else:
                previous += 1
                order.insert(previous, key)
    return order


def cell(value: Any) -> str:
    """A value as CSV cell text, read back by the loader as the same figure field."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "-".join(cell(v) for v in value)
    return str(value).strip()


def ordered(row: Mapping[str, Any], order: Sequence[str]) -> list[tuple[str, Any]]:
    """The row's fields in `order` (see `key_order`)."""
    rank = {key: i for i, key in enumerate(order)}
    return sorted(row.items(), key=lambda kv: rank.get(kv[0], len(rank)))


def block_item(pairs: list[tuple[str, Any]], dash_col: int, key_col: int, nl: str) -> str:
    """A figure as a block mapping in a block list: its dash and its keys at these columns."""
    lines = []
    for i, (key, value) in enumerate(pairs):
        lead = " " * dash_col + "-" + " " * (key_col - dash_col - 1) if i == 0 else " " * key_col
        lines.append(f"{lead}{key}: {scalar(value)}{nl}")
    return "".join(lines)


def flow_item(pairs: list[tuple[str, Any]]) -> str:
    """A figure as a one-line flow mapping, for files that write theirs so."""
    return "{" + ", ".join(f"{key}: {scalar(value, flow=True)}" for key, value in pairs) + "}"


@dataclass(frozen=True, slots=True)
class CsvFile:
    """A CSV figures file's header and the character span of each figure's record."""

    text: str
    columns: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    """(start, end) of each non-blank record, end after its line break."""
    header_end: int
    newline: str

    @classmethod
    def parse(cls, text: str) -> CsvFile:
        lines = list(io.StringIO(text, newline=""))
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
        reader = csv.reader(iter(lines), strict=True)
        try:
            header = next(reader)
        except StopIteration:
            return cls(text, (), (), 0, newline)
        except csv.Error as exc:
            raise EditError(f"invalid CSV: {exc}") from None
        spans: list[tuple[int, int]] = []
        previous = reader.line_num
        header_end = offsets[previous]
        try:
            for record in reader:
                first, previous = previous, reader.line_num
                if any(c.strip() for c in record):
                    spans.append((offsets[first], offsets[previous]))
        except csv.Error as exc:
            raise EditError(f"invalid CSV: {exc}") from None
        return cls(text, tuple(h.strip() for h in header), tuple(spans), header_end, newline)

    def missing_columns(self, rows: Sequence[Mapping[str, Any]]) -> list[str]:
        """Fields the rows give that the file has no column for."""
        if not self.columns:
            return []
        return sorted({key for row in rows for key in row if key not in self.columns})

    def edit(self, edits: Sequence[Edit], read: Read) -> str:
        """The text with `edits` applied; raises `EditError` if it would not read back as
        `read` reads a text (as the loader does; the caller's may have read this one)."""
        text, nl = self.text, self.newline
        columns = self.columns or self._columns_for(edits)
        patches: list[tuple[int, int, str]] = []
        added = [e.row for e in edits if e.index is None and e.row is not None]
        if added:
            at = self.spans[-1][1] if self.spans else self.header_end
            insertion = "".join(self._line(row, columns) for row in added)
            if not self.columns:
                insertion = self._line({c: c for c in columns}, columns) + insertion
            if at == len(text) and text and not text.endswith(("\n", "\r")):
                insertion = nl + insertion[: -len(nl)]
            patches.append((at, at, insertion))
        for change in edits:
            if change.index is None:
                continue
            start, end = self.spans[change.index]
            open_end = end == len(text) and not text.endswith(("\n", "\r"))
            if change.row is None:
                if open_end:
                    start -= len(nl) if text[start - len(nl) : start] == nl else 1
                patches.append((start, end, ""))
            else:
                line = self._line(change.row, columns)
                patches.append((start, end, line[: -len(nl)] if open_end else line))
        for start, end, new in sorted(patches, key=lambda p: p[0], reverse=True):
            text = text[:start] + new + text[end:]
        self._check(text, edits, read)
        return text

    def _columns_for(self, edits: Sequence[Edit]) -> tuple[str, ...]:
        used = {key for e in edits if e.row is not None for key in e.row}
        return CSV_REQUIRED + tuple(c for c in CSV_OPTIONAL if c in used)

    def _line(self, row: Mapping[str, Any], columns: Sequence[str]) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator=self.newline).writerow(
            [cell(row[c]) if c in row else "" for c in columns]
        )
        return out.getvalue()

    def _check(self, text: str, edits: Sequence[Edit], read: Read) -> None:
        before, _ = read(self.text)
        after, problems = read(text)
        rows = list(before.data["figures"]) if before.data else []
        removed = {e.index for e in edits if e.row is None}
        for change in edits:
            if change.index is not None and change.row is not None:
                rows[change.index] = _cells(change.row)
        expected = [r for i, r in enumerate(rows) if i not in removed]
        expected += [_cells(e.row) for e in edits if e.index is None and e.row is not None]
        if problems or after.data is None or after.data["figures"] != expected:
            raise EditError("the edited file would not hold exactly the intended figures")


Read = Callable[[str], tuple[Document, list[Diagnostic]]]
"""A CSV text read as the loader reads it."""


def _cells(row: Mapping[str, Any]) -> dict[str, str]:
    return {key: cell(value) for key, value in row.items() if cell(value)}
