"""Where the figures list and each figure are in a YAML text, found from the parser's
events and marks: what `_record_yaml` splices its edits into, byte for byte."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["Entry", "Item", "Layout", "blank_lines_above", "layout", "line_end", "line_start"]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    start: int
    value_start: int
    value_end: int


@dataclass(slots=True)
class Item:
    dash: int
    start: int
    end: int = 0
    flow: bool = False
    entries: list[Entry] = field(default_factory=list)


@dataclass(slots=True)
class Layout:
    """Where the figures list and each figure are in the text; `kind` says how it is written:
    ``block`` (a block list), ``empty`` (``figures:`` with nothing), ``absent`` (no such key
    in a block mapping or an empty document) or ``other``."""

    kind: str = "other"
    items: list[Item] = field(default_factory=list)
    key_start: int = 0
    keyline_end: int = 0


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def line_end(text: str, index: int) -> int:
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def blank_lines_above(text: str, index: int) -> int:
    count, start = 0, line_start(text, index)
    while start > 0:
        above = line_start(text, start - 1)
        if text[above:start].strip():
            break
        count, start = count + 1, above
    return count


def _start(event: Any) -> int:
    return int(event.start_mark.index)


def _stop(event: Any) -> int:
    return int(event.end_mark.index)


def _end(event: Any, text: str) -> int:
    """Where a node's text really ends: block scalars' marks run on over blank lines."""
    end = _stop(event)
    if isinstance(event, yaml.ScalarEvent) and event.style in ("|", ">"):
        start = _start(event)
        while end > start and text[end - 1] in " \t\r\n":
            end -= 1
    return end


def _subtree(events: Iterator[Any], first: Any, text: str) -> int:
    """Consume the node starting with `first`; the end of its last character."""
    end = _end(first, text)
    flows = [first.flow_style] if isinstance(first, _STARTS) else []
    while flows:
        event = next(events)
        if isinstance(event, _STARTS):
            flows.append(event.flow_style)
        elif isinstance(event, _ENDS):
            if flows.pop():
                end = max(end, _stop(event))
        else:
            end = max(end, _end(event, text))
    return end


def _item(events: Iterator[Any], first: Any, text: str) -> Item | None:
    if not isinstance(first, yaml.MappingStartEvent):
        _subtree(events, first, text)
        return None
    dash = _start(first) - 1
    while dash >= 0 and text[dash] in " \r\n":
        dash -= 1
    item = Item(dash, _start(first), flow=bool(first.flow_style))
    while True:
        key = next(events)
        if isinstance(key, yaml.MappingEndEvent):
            item.end = (
                _stop(key)
                if item.flow
                else max((e.value_end for e in item.entries), default=item.start)
            )
            break
        _subtree(events, key, text)
        value = next(events)
        value_end = _subtree(events, value, text)
        name = str(getattr(key, "value", ""))
        item.entries.append(Entry(name, _start(key), _start(value), value_end))
    usable = dash >= 0 and text[dash] == "-" and not text[line_start(text, dash) : dash].strip()
    return item if usable else None


def layout(text: str) -> Layout:
    """The figures list of a YAML text that parses (the caller has checked it does)."""
    found = Layout()
    events = iter(yaml.parse(text, Loader=_Loader))
    for event in events:
        if isinstance(event, yaml.StreamStartEvent | yaml.DocumentStartEvent):
            continue
        if (
            isinstance(event, yaml.ScalarEvent) and event.value == "" and event.implicit[0]
        ) or isinstance(event, yaml.StreamEndEvent):
            found.kind = "absent"
        elif isinstance(event, yaml.MappingStartEvent) and not event.flow_style:
            _top_level(events, text, found)
        return found
    return found


def _top_level(events: Iterator[Any], text: str, found: Layout) -> None:
    found.kind = "absent"
    while True:
        key = next(events)
        if isinstance(key, yaml.MappingEndEvent):
            return
        _subtree(events, key, text)
        value = next(events)
        is_figures = isinstance(key, yaml.ScalarEvent) and key.value == "figures"
        if not is_figures:
            _subtree(events, value, text)
            continue
        found.key_start = _start(key)
        found.kind = "other"
        if isinstance(value, yaml.ScalarEvent) and value.value == "" and value.implicit[0]:
            found.kind = "empty"
            found.keyline_end = line_end(text, _stop(value))
        elif isinstance(value, yaml.SequenceStartEvent) and not value.flow_style:
            found.kind = "block"
            for event in events:
                if isinstance(event, yaml.SequenceEndEvent):
                    break
                item = _item(events, event, text)
                if item is None:
                    found.kind = "other"
                    return
                found.items.append(item)
        else:
            _subtree(events, value, text)
