"""Bytes in, text out: UTF-8 decoding that says what the bytes are when they are not UTF-8
(UTF-16 and UTF-32, with or without a byte-order mark).

Shared by the rule and figure files and by ``--baseline``: a file in another encoding is
named as such rather than reported as a bad byte somewhere.
"""

from __future__ import annotations

import codecs

from targets.rules._errors import Diagnostic, Location

__all__ = ["decode"]


_BOMS = (  # longest first: a UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


_WIDE_SHARE = 4
"""UTF-16 and UTF-32 text of the Latin script is a NUL byte in every two or four; UTF-8 text
with NUL bytes (at least one in `_WIDE_SHARE` bytes) is taken for one of them, and one with
fewer for UTF-8 text holding a stray NUL."""


def decode(raw: bytes, name: str) -> tuple[str, Diagnostic | None]:
    """`raw` as text, or empty text and why not, at the first byte that is not UTF-8.

    A UTF-8 byte-order mark is dropped; UTF-16 and UTF-32 (a byte-order mark, or NUL bytes
    in bytes not UTF-8 or in a share of them no UTF-8 text has) are named, so the fix is
    clear: save the file as UTF-8. A stray NUL in UTF-8 text is named where it is.
    """
    for mark, encoding in _BOMS:
        if raw.startswith(mark):
            return "", Diagnostic(Location(name), _other(encoding, "a byte-order mark"))
    nul = raw.find(b"\x00")
    try:
        text: str | None = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if nul < 0:
            line = raw[: exc.start].count(b"\n") + 1
            return "", Diagnostic(Location(name, line), "not UTF-8 text")
        text = None
    if nul < 0 and text is not None:
        return text, None
    where = _position(raw, nul, name)
    if text is None or raw.count(b"\x00") * _WIDE_SHARE >= len(raw):  # a NUL by most characters
        return "", Diagnostic(where, _other("UTF-16 or UTF-32", "NUL bytes"))
    return "", Diagnostic(where, "a NUL byte (U+0000), which no text holds; remove it")


def _other(encoding: str, sign: str) -> str:
    return f"not UTF-8 text: {encoding} ({sign}); save the file as UTF-8"


def _position(raw: bytes, offset: int, name: str) -> Location:
    before = raw[:offset]
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    return Location(name, before.count(b"\n") + 1, column)
