"""The lines the fast YAML reader (`_yaml_fast`) reads at once, and the characters it
leaves to the full reader: patterns of its subset, apart from the reader that walks it."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

__all__ = [
    "KEY",
    "MAX_KEY",
    "NOT_IN_FLOW",
    "SIMPLE",
    "UNSURE",
    "WORDS",
    "further",
    "lines_from",
    "unsure",
]


UNSURE = re.compile(
    "[^\n -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""Characters left to the full reader: tabs, other line breaks, controls, byte-order marks."""
_ASCII_SURE = b"\n" + bytes(range(0x20, 0x7F))
"""The ASCII characters `UNSURE` lets through."""
NOT_IN_FLOW = re.compile(r"[:#?\[\]{}]")
MAX_KEY = 1000
"""The longest plain key read, in characters (YAML's simple keys end within 1024: the full
reader refuses longer ones, and so must the fast one)."""
KEY = rf"([A-Za-z_][\w-]{{0,{MAX_KEY - 1}}}): +"  # a key of letters, digits, '_' and '-'
_VALUE = (
    r"(?:((?:[^ \"'\[\]{}#&*!|>%@`?:,-]|-[^ #:])[^#:]*)"  # a plain value, no ':' or '#'
    r'|"([^"\\]*)" *)$'  # or a double-quoted one without escapes
)
SIMPLE = re.compile(r"( *)(- +)?" + KEY + _VALUE)  # maybe an item's first key
"""Most lines of a generated file: read at once, the rest by the general steps."""
WORDS = frozenset(("null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"))
"""The keys `SIMPLE` matches that are no text (a key there is a word, never a number)."""


@functools.cache
def further(col: int) -> Callable[[str], re.Match[str] | None]:
    """`SIMPLE` for the further keys of a mapping at `col`: a line it matches is one
    `SIMPLE` matches with `col` spaces and no dash (key, plain and quoted value its groups)."""
    return re.compile(" " * col + KEY + _VALUE).match


def unsure(text: str) -> bool:
    """Whether `text` holds a character of `UNSURE`: for ASCII text (most generated rules)
    by deleting the sure bytes, a fifth of the pattern's time on 11 MB."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _ASCII_SURE))
    return UNSURE.search(text) is not None


def lines_from(text: str, start: int, col: int) -> Iterator[str]:
    """The lines from offset `start` on, the first one blanked up to `col` (an item's node
    starts after its ``- ``)."""
    end = text.find("\n", start)
    yield " " * col + text[start + col : len(text) if end < 0 else end]
    start = len(text) + 1 if end < 0 else end + 1
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield text[start:end]
        start = end + 1
