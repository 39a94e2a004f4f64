"""Editing a YAML figures file as text, so that every byte around the change stays as it was.

A round-trip library re-emits the whole document: ruamel.yaml keeps comments and key order
but normalises spacing (``key:   value``), ``~``, ``---``, a byte-order mark and unusual
indentation. So the figures list is located with the parser's marks and the change is
spliced into the text: a new figure goes after the last one, in its indentation and style;
a replaced figure has only its changed values rewritten; a removed one loses exactly its
lines. The result is parsed again and must hold exactly the data intended. Layouts the
splice does not handle (a flow-style ``figures: [...]``) go through ruamel.yaml's
round-trip mode instead, and the caller is told the file was re-emitted.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Mapping, Sequence
from typing import Any

from targets.rules._record_layout import (
    Item,
    Layout,
    blank_lines_above,
    layout,
    line_end,
    line_start,
)
from targets.rules._record_text import (
    Edit,
    EditError,
    block_item,
    flow_item,
    key_order,
    ordered,
    plain_data,
    scalar,
)
from targets.rules._yaml_events import load_yaml

__all__ = ["edit", "newline_of"]


def newline_of(text: str) -> str:
    """The file's line ending: that of its first line, LF for an empty file."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def edit(text: str, edits: Sequence[Edit], order: Sequence[str]) -> tuple[str, bool]:
    """`text` with `edits` applied; True when ruamel.yaml had to re-emit the document."""
    before, problems = load_yaml(text, "<file>")
    if problems:
        raise EditError("the file does not parse")
    expected = _expected(before.data, edits)
    found = layout(text)
    if found.kind != "other":
        rows = before.data.get("figures") if isinstance(before.data, dict) else None
        spliced = _splice(text, found, edits, order, rows or [])
        if _reads_as(spliced, expected):
            return spliced, False
    rewritten = _round_trip(text, edits, order)
    if _reads_as(rewritten, expected):
        return rewritten, True
    raise EditError("the edited file would not hold exactly the intended figures")


def _expected(data: Any, edits: Sequence[Edit]) -> Any:
    result = copy.deepcopy(data) if isinstance(data, dict) else {}
    given = result.get("figures")
    figures = list(given) if isinstance(given, list) else []  # else refused where edited
    removed = set()
    for change in edits:
        if change.index is None:
            continue
        if change.row is None:
            removed.add(change.index)
        else:
            figures[change.index] = {k: plain_data(v) for k, v in change.row.items()}
    figures = [f for i, f in enumerate(figures) if i not in removed]
    figures += [
        {k: plain_data(v) for k, v in e.row.items()}
        for e in edits
        if e.index is None and e.row is not None
    ]
    result["figures"] = figures or (None if "figures" in result else figures)
    return result


def _reads_as(text: str, expected: Any) -> bool:
    doc, problems = load_yaml(text, "<file>")
    data = doc.data if doc.data is not None else {}
    if isinstance(data, dict) and data.get("figures") == [] and expected.get("figures") is None:
        data = {**data, "figures": None}
    return not problems and data == expected


def _splice(
    text: str, found: Layout, edits: Sequence[Edit], order: Sequence[str], rows: list[Any]
) -> str:
    """Patches applied from the end of the text; where two start at one place, the one
    listed first is applied first and so ends up after the other."""
    nl = newline_of(text)
    patches: list[tuple[int, int, str]] = []
    added = [e.row for e in edits if e.index is None and e.row is not None]
    if added:
        patches.append(_addition(text, found, added, order, nl))
    for change in edits:
        if change.index is None:
            continue
        item = found.items[change.index]
        if change.row is None:
            patches.append(_removal(text, item))
        else:
            old = rows[change.index] if isinstance(rows[change.index], dict) else {}
            patches += _replacement(text, item, change.row, old, order=order, nl=nl)
    for start, end, new in sorted(patches, key=lambda p: p[0], reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _addition(
    text: str, found: Layout, rows: list[Mapping[str, Any]], order: Sequence[str], nl: str
) -> tuple[int, int, str]:
    if found.kind == "block" and found.items:
        last = found.items[-1]
        at = line_end(text, last.end)
        dash_col = last.dash - line_start(text, last.dash)
        same_line = line_start(text, last.start) == line_start(text, last.dash)
        key_col = last.start - line_start(text, last.start) if same_line else dash_col + 2
        separator = nl * blank_lines_above(text, last.dash)
        head = ""
    elif found.kind == "empty":
        at = found.keyline_end
        dash_col = found.key_start - line_start(text, found.key_start) + 2
        key_col, separator, head = dash_col + 2, "", ""
    else:
        at, dash_col, key_col, separator = len(text), 2, 4, ""
        head = (nl if text.strip() else "") + "figures:" + nl
    body = []
    for row in rows:
        pairs = ordered(row, order)
        if found.items and found.items[-1].flow:
            body.append(separator + " " * dash_col + "- " + flow_item(pairs) + nl)
        else:
            body.append(separator + block_item(pairs, dash_col, key_col, nl))
    return _insertion(text, at, head + "".join(body), nl)


def _insertion(text: str, at: int, lines: str, nl: str) -> tuple[int, int, str]:
    """Insert whole `lines` at `at`; at the end of a file with no final line break, the
    break goes before them instead, so the file still ends as it did."""
    if at == len(text) and text and not text.endswith("\n"):
        return at, at, nl + lines[: -len(nl)]
    return at, at, lines


def _removal(text: str, item: Item) -> tuple[int, int, str]:
    """The figure's lines and the blank lines that separate it: those above it, or if there
    are none (a comment or the list's key is right above), those below it."""
    start = line_start(text, item.dash)
    end = line_end(text, item.end)
    above = start
    while above > 0 and not text[line_start(text, above - 1) : above].strip():
        above = line_start(text, above - 1)
    if above < start:
        start = above
    else:
        while end < len(text) and not text[end : line_end(text, end)].strip():
            end = line_end(text, end)
    if end == len(text) and not text.endswith("\n") and start > 0:
        start -= 2 if text[start - 2 : start] == "\r\n" else 1
    return start, end, ""


def _replacement(
    text: str,
    item: Item,
    row: Mapping[str, Any],
    values: Mapping[Any, Any],
    *,
    order: Sequence[str],
    nl: str,
) -> list[tuple[int, int, str]]:
    """The changed values rewritten in place, dropped keys' lines removed, new keys added
    after their predecessor; a flow-style figure is rewritten whole."""
    old = {entry.key: entry for entry in item.entries}
    merged = key_order([{e.key: None for e in item.entries}], order)
    pairs = ordered(row, merged)
    if item.flow or (item.entries and item.entries[0].key not in row):
        start = item.start if item.flow else line_start(text, item.dash)
        end = item.end if item.flow else line_end(text, item.end)
        dash_col = item.dash - line_start(text, item.dash)
        key_col = item.start - line_start(text, item.start)
        new = flow_item(pairs) if item.flow else block_item(pairs, dash_col, key_col, nl)
        return [(start, end, new)]
    key_col = item.start - line_start(text, item.start)
    patches: list[tuple[int, int, str]] = []
    for entry in item.entries:
        if entry.key not in row:
            patches.append((line_start(text, entry.start), line_end(text, entry.value_end), ""))
        elif values.get(entry.key) != plain_data(row[entry.key]):
            patches.append((entry.value_start, entry.value_end, scalar(row[entry.key])))
    after = item.entries[0]
    for key, value in pairs:
        if key in old:
            after = old[key]
            continue
        at = line_end(text, after.value_end)
        patches.append(_insertion(text, at, " " * key_col + f"{key}: {scalar(value)}{nl}", nl))
    return patches


# --- the round-trip fallback -------------------------------------------------------------


def _round_trip(text: str, edits: Sequence[Edit], order: Sequence[str]) -> str:
    """The document re-emitted by ruamel.yaml with the edits applied (comments kept)."""
    from ruamel.yaml import YAML  # noqa: PLC0415 - only for files the splice cannot edit
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415
    from ruamel.yaml.error import YAMLError  # noqa: PLC0415
    from ruamel.yaml.util import load_yaml_guess_indent  # noqa: PLC0415

    nl = newline_of(text)
    try:
        _, indent, offset = load_yaml_guess_indent(text)
        rt = YAML(typ="rt")
        rt.preserve_quotes = True
        rt.width = 1 << 20
        rt.indent(
            mapping=max(2, (indent or 2) - (offset or 0)), sequence=indent or 2, offset=offset or 0
        )
        data = rt.load(text)
    except YAMLError as exc:
        raise EditError(str(exc)) from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, dict):
        raise EditError("the file is not a mapping")
    if data.get("figures") is None:
        data["figures"] = CommentedSeq()
    figures = data["figures"]
    if not isinstance(figures, list):
        raise EditError("'figures' is not a list")
    for change in edits:
        if change.index is not None and change.row is not None:
            old = figures[change.index]
            for key in [k for k in old if k not in change.row]:
                del old[key]
            for key, value in ordered(change.row, key_order([dict(old)], order)):
                old[key] = plain_data(value)
    for index in sorted(
        (e.index for e in edits if e.row is None and e.index is not None), reverse=True
    ):
        del figures[index]
    for change in edits:
        if change.index is None and change.row is not None:
            figures.append(CommentedMap((k, plain_data(v)) for k, v in ordered(change.row, order)))
    out = io.StringIO()
    rt.dump(data, out)
    result = out.getvalue()
    return result.replace("\n", nl) if nl != "\n" else result
