"""Input strings made safe to print: one line, no raw control characters, bounded length.

Rule and figure files arrive in pull requests, and what `targets` prints lands in CI logs.
GitHub Actions executes any log line that starts with ``::`` (after leading spaces) as a
workflow command, and any line holding ``##[`` as a legacy one; terminals obey escape
sequences. So every string that comes from input is printed through `oneline` (or
`excerpt`, when quoting a value the user did not mean as text for reports), and every
report passes `guard` last, which neutralises what a missed call site could still let
through.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

__all__ = [
    "EXCERPT",
    "NOT_XML",
    "GuardStyle",
    "escape_controls",
    "excerpt",
    "guard",
    "oneline",
    "quoted",
]

EXCERPT = 60
"""The longest excerpt of an input value a message quotes, in characters."""

_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff]"
)
"""C0 and C1 controls, DEL, line and paragraph separators, the bidirectional controls
that can make a line read differently from what it holds, and lone surrogates (a file
name that is no UTF-8, a ``\\ud800`` in a baseline's JSON), which no output can encode."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep: str = "") -> str:
    """Each control character of `text` but those in `keep` written as an escape."""
    if not keep:
        return _CONTROL.sub(_escape_one, text)
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape_one(m), text)


def oneline(text: str) -> str:
    """`text` on one line, each control character written as an escape (``\\n``,
    ``\\x1b``, ``\\u2028``); surrounding whitespace dropped."""
    return escape_controls(text.strip())


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A short, escaped excerpt of an input value: at most `limit` characters, cut with
    '...' so a message never quotes a whole line of an unexpected file."""
    text = oneline(value if isinstance(value, str) else str(value))
    if len(text) <= limit:
        return text
    return text[: max(limit - 3, 1)] + "..."


def quoted(value: object, limit: int = EXCERPT) -> str:
    """`excerpt` between single quotes, as messages quote values: ``'metirc'``."""
    return f"'{excerpt(value, limit)}'"


GuardStyle = Literal["text", "markdown", "json", "xml"]

_COMMAND_START = re.compile(r"^([^\S\n]*):(?=:)", re.MULTILINE)
"""``::`` after any whitespace at a line's start: the runner trims every Unicode space
(.NET's ``TrimStart``: no-break and em spaces too) before it looks for a command."""
_LEGACY = "##["
_SGR = re.compile(r"\x1b\[[0-9;]*m")
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Controls besides tab and line feed, which a report's own layout uses."""
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold at all, not even as references: written as escapes."""
_COLON = {"text": "\\:", "markdown": "\\:", "json": ":", "xml": "&#58;"}
_HASH = {"text": "#\\#[", "markdown": "#\\#[", "json": "#\\u0023[", "xml": "#&#35;["}


def guard(text: str, style: GuardStyle = "text", *, colour: bool = False) -> str:
    """A whole report made safe for a CI log, whatever its strings hold.

    No line starts with ``::`` (after spaces) and none holds ``##[``: a CI runner would run
    either as a workflow command. Each is escaped in the format's own way, so JSON still
    decodes and XML still parses to the same text (text and Markdown get a backslash).
    Raw control characters other than tab and line feed are escaped too, except the
    colour codes the text report adds itself when `colour` is on. Not for the GitHub
    format, whose own lines are workflow commands and whose strings are %-escaped.
    """
    if style == "json":
        # JSON lines start with spaces and a quote or a bracket, never '::'; "##[" can only
        # sit inside a string, where \u0023 decodes to '#'. A text without '#' is returned
        # as it is: looking for one character is a tenth of the cost of looking for three
        # (6 ms against 62 ms in a 100 MB report).
        text = text.replace(_LEGACY, _HASH["json"]) if "#" in text else text
        return _unseen(text, _json_escape)
    text = _COMMAND_START.sub(lambda m: m.group(1) + _COLON[style], text)
    text = text.replace(_LEGACY, _HASH[style])
    if style == "xml":
        # A raw CR would end a log line; as a character reference it is the same text.
        text = _unseen(text.replace("\r", "&#13;"), _reference)
        return NOT_XML.sub(_escape_one, text)
    if colour:
        parts = _SGR.split(text)
        codes = _SGR.findall(text)
        cleaned = [_RAW_CONTROL.sub(_escape_one, part) for part in parts]
        return "".join(p + c for p, c in zip(cleaned, [*codes, ""], strict=True))
    return _RAW_CONTROL.sub(_escape_one, text)


_UNSEEN = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""DEL, C1 controls, line and paragraph separators and bidirectional controls: legal in JSON
strings and XML text, so written raw there, yet a terminal may obey them or a reader be
misled by them."""


def _unseen(text: str, escape: Callable[[re.Match[str]], str]) -> str:
    """`text` with `_UNSEEN` characters escaped the format's way (the same text once
    decoded); a text of ASCII but DEL, as a large report is, is looked through in C only."""
    if text.isascii() and "\x7f" not in text:
        return text
    return _UNSEEN.sub(escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _reference(match: re.Match[str]) -> str:
    return f"&#x{ord(match.group()):x};"
