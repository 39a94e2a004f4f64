"""Reading ``--baseline``: an earlier JSON report, read as carefully as the rule files.

The file is read bounded (a regular file, at most `BASELINE_MAX_BYTES`), as UTF-8 (UTF-16
and UTF-32 are named), nested at most 64 levels (checked before the JSON parser recurses),
and every number in it must be one a double holds: no NaN, no infinity, no 5,000-digit
integer (which Python refuses to convert past 4,300 digits), and no object may hold a key
twice (the parser would keep the last in silence). Anything else is a `BaselineError`
naming the file, with the line and column where there is one.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from targets._safe import excerpt, oneline, quoted
from targets.engine import STATUS_CODES
from targets.judge._errors import BaselineError
from targets.rules._files import UnreadableError, read_bounded
from targets.rules._numbers import NumberError, usable_integer, usable_text
from targets.rules._reading import decode
from targets.rules._types import ID_PATTERN, ID_RULE, TEXT_MOST

__all__ = ["BASELINE_MAX_BYTES", "MAX_DEPTH", "baseline_of", "load_baseline"]


BASELINE_MAX_BYTES = 1024 * 1024 * 1024
"""The largest baseline read (1 GiB). Not the 64 MiB of a rule file: a baseline is the JSON
report of an earlier run, and the report of 60,000 results is 100 MB. Reading one costs
about five times its size in memory while it is parsed (100 MB: 0.5 GB, 2 s)."""

MAX_DEPTH = 64
"""The deepest nesting of arrays and objects read; a report of ours nests 5 levels."""

_PLAIN = bytes(sorted(set(range(256)) - set(b'"[]{}')))
"""Every byte but quotes and brackets (no byte of a UTF-8 sequence for a character beyond
ASCII is one of them)."""
_QUOTE = ord('"')
_BRACKET_STEP = np.zeros(256, dtype=np.int8)
_BRACKET_STEP[list(b"[{")] = 1
_BRACKET_STEP[list(b"]}")] = -1
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_KEY_END = re.compile(r"\s*:")


class _BadNumberError(Exception):
    """A number in the JSON that no double holds (raised from the parser's hooks)."""

    def __init__(self, token: str, message: str) -> None:
        super().__init__(message)
        self.token = token


class _DuplicateKeyError(Exception):
    """An object of the JSON that holds a key twice (raised from the parser's hook)."""

    def __init__(self, key: str, ordinal: int = -1) -> None:
        super().__init__(key)
        self.key = key
        self.ordinal = ordinal
        """Which object, counted from 0 in the order their closing braces stand."""


def load_baseline(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read an earlier JSON report; refuse anything else with a clear message."""
    name = oneline(str(path))
    text = _text(Path(path), name)
    deep = _too_deep(text)
    if deep is not None:
        raise BaselineError(f"{name}:{_where(text, deep)}: nested deeper than {MAX_DEPTH} levels")
    try:
        data = json.loads(
            text,
            parse_int=_integer,
            parse_float=_float,
            parse_constant=_constant,
            object_pairs_hook=_object,
        )
    except _DuplicateKeyError:
        raise _duplicate(text, name) from None
    except _BadNumberError as exc:
        raise BaselineError(f"{name}:{_where(text, _find(text, exc.token))}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{name}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    return dict(_checked(data, name))  # a shallow copy: the few keys of the report


def baseline_of(given: Mapping[str, Any] | str | os.PathLike[str]) -> Mapping[str, Any]:
    """A baseline given to `targets.check`: a path is read with `load_baseline`; a mapping
    is checked the same way, so a malformed one is a `BaselineError`, not a KeyError or
    TypeError deep in the comparison."""
    if isinstance(given, str | os.PathLike):
        return load_baseline(given)
    return _checked(given, "the baseline")


def _checked(data: object, name: str) -> Mapping[str, Any]:
    """`data`, once known to have the shape the comparison reads: a mapping of
    schema_version 1 whose 'results' are a list of mappings, each with a string 'target', a
    known status and, if any, an entity that is a name. Else a `BaselineError` naming `name`:
    read from a file or given as an object, a baseline is held to the same shape."""
    if not isinstance(data, Mapping) or data.get("schema_version") != 1:
        raise BaselineError(
            f"{name}: not a targets JSON report (schema_version 1); "
            "write one with `targets check --json FILE`"
        )
    results = data.get("results")
    if not isinstance(results, list | tuple) or not all(
        isinstance(r, Mapping) and isinstance(r.get("target"), str) for r in results
    ):
        raise BaselineError(f"{name}: its 'results' are not a list of target results")
    wrong = list(_misread(results))
    if wrong:
        more = f" (and {len(wrong) - 3:,} more)" if len(wrong) > 3 else ""
        raise BaselineError(f"{name}: " + "; ".join(wrong[:3]) + more)
    return data


_STATUSES = tuple(status.value for status in STATUS_CODES)


def _misread(results: Sequence[Mapping[str, Any]]) -> Iterator[str]:
    """What in the results the comparison could not read: a status that is none of ours
    (its words would be printed), a target that is no id or an entity that is no name (a
    report prints both whole: a megabyte of 'target' made a megabyte of text report), a
    target (and entity) listed twice."""
    seen: dict[tuple[str, object], int] = {}
    for index, result in enumerate(results, 1):
        status, entity = result.get("status"), result.get("entity")
        key = (result["target"], entity if isinstance(entity, str) else None)
        first = seen.setdefault(key, index)
        if first != index:  # which of the two would the comparison read? (a report has one)
            shown = excerpt(repr(key[0] if key[1] is None else f"{key[0]}[{key[1]}]"))
            yield f"result {index}: the target {shown} is result {first} already"
        if not (isinstance(status, str) and status in _STATUSES):
            shown = excerpt(repr(status))
            yield f"result {index}: the status {shown} is none of {', '.join(_STATUSES)}"
        if not _ID.fullmatch(result["target"]):
            shown = excerpt(repr(result["target"]))
            yield f"result {index}: the target {shown} is no id: {ID_RULE}"
        if entity is not None and not (isinstance(entity, str) and len(entity) <= TEXT_MOST):
            yield f"result {index}: the entity {excerpt(repr(entity))} is no name"


_ID = re.compile(ID_PATTERN)


def _text(path: Path, name: str) -> str:
    try:
        raw = read_bounded(path.resolve(strict=True), BASELINE_MAX_BYTES)
    except UnreadableError as exc:  # too large, or not a regular file
        reason = str(exc).removeprefix("cannot read: ").removesuffix("; split it")
        raise BaselineError(f"{name}: cannot read the baseline: {reason}") from None
    except RuntimeError:  # Python 3.11 reports a symlink loop this way
        raise BaselineError(f"{name}: cannot read the baseline: a symlink loop") from None
    except OSError as exc:
        raise BaselineError(f"{name}: cannot read the baseline: {exc.strerror}") from None
    text, problem = decode(raw, name)
    if problem is not None:
        raise BaselineError(str(problem))
    return text


def _too_deep(text: str) -> int | None:
    """Where the nesting first goes deeper than `MAX_DEPTH` (an offset in `text`), if it
    does: measured at once (`_nesting`), walked again to say where only when too deep."""
    if _nesting(text) <= MAX_DEPTH:
        return None
    depth = 0
    for token in _TOKEN.finditer(text):
        depth += _STEP.get(token.group(), 0)
        if depth > MAX_DEPTH:
            return token.start()
    return None  # malformed (a string left open): the parser says where


def _nesting(text: str) -> int:
    """How deep the arrays and objects of JSON `text` nest, from its bytes: escaped
    backslashes and quotes taken out, then everything but quotes and brackets; a bracket
    after an odd number of quotes is in a string, the others are summed (100 MB of report:
    0.1 s, where patterns over the whole text took 2 s), a block at a time (a byte an item
    where it can be: a gigabyte of brackets makes no gigabytes of counts)."""
    data = text.encode("utf-8", "surrogatepass")
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    structure = np.frombuffer(data.translate(None, _PLAIN), dtype=np.uint8)
    deepest, depth, quotes = 0, 0, 0
    for start in range(0, structure.size, _BLOCK):
        block = structure[start : start + _BLOCK]
        quote = (block == _QUOTE).view(np.uint8)
        in_string = np.bitwise_xor.accumulate(quote) ^ quotes  # the parity carried over
        steps = _BRACKET_STEP[block]
        steps[in_string.view(np.bool_)] = 0
        depths = np.cumsum(steps, dtype=np.int64) + depth
        deepest = max(deepest, int(depths.max()))
        depth, quotes = int(depths[-1]), int(in_string[-1])
    return deepest


_BLOCK = 1 << 24
"""Bytes of structure measured at once (16 MiB: about 200 MB of report)."""


def _integer(token: str) -> int:
    if len(token) < _SHORT:  # the common case: a double holds it
        return int(token)
    try:
        return usable_integer(token)
    except NumberError as exc:
        raise _BadNumberError(token, str(exc)) from None


def _float(token: str) -> float:
    value = float(token)
    if value != 0 and value - value == 0:  # the common case: finite, not a lost tiny one
        return value
    try:
        return usable_text(token)
    except NumberError as exc:
        raise _BadNumberError(token, str(exc)) from None


_SHORT = 300
"""Digits (and a sign) of an integer a double surely holds: the hooks above are called for
every number of the report (a million and a half for 60,000 results), so the common case
is decided at once and only the rest is examined (`usable_integer`, `usable_text`)."""


def _constant(token: str) -> float:
    raise _BadNumberError(token, f"{token} is not a usable number (NaN and infinity are refused)")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object of the JSON as a dict, refused if it holds a key twice."""
    found = dict(pairs)
    if len(found) < len(pairs):
        raise _DuplicateKeyError(_first_repeated(pairs))
    return found


def _first_repeated(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    raise AssertionError("no key repeated")  # pragma: no cover - only called with one


def _duplicate(text: str, name: str) -> BaselineError:
    """The error for the first object holding a key twice, at that key's second place. The
    JSON is read again, counting objects, only on this path: the common one pays for no count.
    """
    ordinal = itertools.count()

    def counted(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        number = next(ordinal)
        try:
            return _object(pairs)
        except _DuplicateKeyError as exc:
            raise _DuplicateKeyError(exc.key, number) from None

    try:
        json.loads(text, object_pairs_hook=counted)
    except _DuplicateKeyError as exc:
        key, offset = exc.key, _second_key(text, exc.ordinal, exc.key)
    else:  # pragma: no cover - the first reading found one
        raise AssertionError("no duplicate key on the second reading")
    where = "" if offset is None else f":{_where(text, offset)}"
    return BaselineError(
        f"{name}{where}: the key {quoted(key)} is repeated in one object "
        "(a JSON report of ours never repeats one)"
    )


def _second_key(text: str, ordinal: int, key: str) -> int | None:
    """Where `key` stands the second time among the keys of the object whose closing brace
    is the `ordinal`-th (from 0) of `text`."""
    openers: list[int] = []
    closed = -1
    span = None
    for token in _TOKEN.finditer(text):
        mark = token.group()
        if mark in ("[", "{"):
            openers.append(token.start())
        elif mark in ("]", "}"):
            start = openers.pop()
            closed += mark == "}"
            if mark == "}" and closed == ordinal:
                span = (start, token.end())
                break
    if span is None:  # pragma: no cover - the parser closed as many objects
        return None
    depth, seen = 0, 0
    for token in _TOKEN.finditer(text, span[0], span[1]):
        mark = token.group()
        depth += _STEP.get(mark, 0)
        if depth == 1 and mark.startswith('"') and _KEY_END.match(text, token.end()):
            seen += json.loads(mark) == key
            if seen == 2:
                return token.start()
    return None  # pragma: no cover - the parser saw it twice


def _find(text: str, token: str) -> int:
    """Where `token` stands as a JSON value (not inside a string), or 0."""
    found = re.search(rf"(?<=[\[:,\s]){re.escape(token)}(?=[\]}},\s])", text)
    return found.start() if found else 0


def _where(text: str, offset: int) -> str:
    before = text[:offset]
    return f"{before.count(chr(10)) + 1}:{offset - before.rfind(chr(10))}"
