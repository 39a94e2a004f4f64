"""One-line scalars for the fast YAML reader (`_yaml_fast`): keys, plain and quoted values.

Each function reads what YAML would read on one line, or raises `OutsideError` when the text
leaves the subset the fast reader takes (then the full reader, `load_yaml`, reads the file).
Plain scalars resolve with `resolve_plain`, as the full reader's do.
"""

from __future__ import annotations

import functools
from typing import Any

from targets.rules._yaml import Unusable, resolve_plain
from targets.rules._yaml_lines import MAX_KEY

__all__ = [
    "OutsideError",
    "end_of_line",
    "indicator",
    "key_of",
    "plain",
    "quoted",
    "resolved",
]


_NOT_PLAIN = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""First characters of a plain scalar that are indicators (a '-' is checked apart)."""
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX = {"x": 2, "u": 4, "U": 8}


class OutsideError(Exception):
    """The text leaves the subset: the full reader takes it."""


def key_of(text: str) -> tuple[Any, int] | None:
    """The key of ``key: ...`` and the index of its colon; None when `text` is no entry."""
    if text[0] == '"' or text[0] == "'":
        try:
            key, end = quoted(text, 0)
        except OutsideError:
            return None
        after = text[end:].lstrip(" ")
        if after[:1] != ":" or after[1:2] not in ("", " "):
            return None
        return key, len(text) - len(after)
    colon = text.find(": ")
    if colon < 0:
        comment = text.find(" #")
        written = (text if comment < 0 else text[:comment]).rstrip(" ")
        if not written.endswith(":"):
            return None
        colon = len(written) - 1
    written = text[:colon]
    if " #" in written or len(written) > MAX_KEY:
        return None
    written = written.rstrip(" ")
    if not written or indicator(written):
        raise OutsideError
    return resolved(written), colon


def indicator(text: str) -> bool:
    """Whether `text` starts with an indicator, so is no plain scalar ("-5" is one)."""
    return text[0] in _NOT_PLAIN and (text[0] != "-" or text[1:2] in ("", " "))


def plain(text: str) -> Any:
    """A plain scalar after ``key:`` or ``-``, up to a comment."""
    if indicator(text):
        raise OutsideError
    comment = text.find(" #")
    if comment >= 0:
        text = text[:comment]
    text = text.rstrip(" ")
    if ": " in text or text.endswith(":"):
        raise OutsideError  # a mapping where a scalar goes: the full reader explains
    return resolved(text)


@functools.lru_cache(maxsize=1 << 12)
def resolved(text: str) -> Any:
    """`resolve_plain`, each text once: machine-written rules repeat their years, methods
    and units thousands of times. (Scalars are immutable; a refusal is not cached.)"""
    value = resolve_plain(text)
    if type(value) is Unusable:
        raise OutsideError
    return value


def quoted(text: str, start: int) -> tuple[str, int]:
    """A quoted scalar that starts at `start` and ends on this line; its value and end."""
    quote = text[start]
    if quote == "'":
        parts: list[str] = []
        at = start + 1
        while True:
            close = text.find("'", at)
            if close < 0:
                raise OutsideError
            if text[close + 1 : close + 2] != "'":
                parts.append(text[at:close])
                return "".join(parts), close + 1
            parts.append(text[at : close + 1])
            at = close + 2
    close = text.find('"', start + 1)
    if close < 0:
        raise OutsideError
    if "\\" not in text[start + 1 : close]:
        return text[start + 1 : close], close + 1
    return _escaped(text, start + 1)


def _escaped(text: str, at: int) -> tuple[str, int]:
    """A double-quoted scalar with escapes, from just after its quote."""
    out: list[str] = []
    while at < len(text):
        char = text[at]
        if char == '"':
            return "".join(out), at + 1
        if char != "\\":
            out.append(char)
            at += 1
            continue
        code = text[at + 1 : at + 2]
        if code in _ESCAPES:
            out.append(_ESCAPES[code])
            at += 2
            continue
        width = _HEX.get(code)
        digits = text[at + 2 : at + 2 + width] if width else ""
        if (
            not width
            or len(digits) != width
            or not all(c in "0123456789abcdefABCDEF" for c in digits)
        ):
            raise OutsideError
        point = int(digits, 16)
        if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF:
            raise OutsideError
        out.append(chr(point))
        at += 2 + width
    raise OutsideError


def end_of_line(text: str, end: int) -> None:
    """After a quoted scalar or a flow list: nothing, or a comment after a space."""
    rest = text[end:]
    after = rest.lstrip(" ")
    if after and (after[0] != "#" or len(after) == len(rest)):
        raise OutsideError
