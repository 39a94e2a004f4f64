"""``--select`` and ``--exclude``: choose results by id, tag, metric, owner, status, kind
or entity.

A pattern is a glob (``dt-firms-*``), optionally prefixed by what it matches
(``tag:firms``, ``status:off_track``, ``metric:de-share-*``, ``owner:MIC``, ``kind:rank``,
``entity:Ha*``).
A bare pattern matches ids, tags, metrics and owners. A ``--select`` pattern that matches
nothing is an error, never a silent pass: a typo must not turn a CI gate green.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from targets._safe import excerpt, quoted
from targets.engine import STATUS_CODES
from targets.judge._errors import SelectionError
from targets.judge._result import TargetResult
from targets.rules._suggest import did_you_mean
from targets.rules._targets import KINDS as TARGET_KINDS
from targets.rules._targets import TargetBase

__all__ = [
    "FIELDS",
    "KINDS",
    "STATUSES",
    "Facts",
    "choose",
    "choose_rows",
    "matches",
    "patterns",
]


@dataclass(frozen=True, slots=True)
class Facts:
    """What a pattern can match in one result, known without building the result."""

    target: TargetBase
    entity: str | None
    status: str

    @classmethod
    def of(cls, result: TargetResult) -> Facts:
        return cls(result.target, result.entity, result.status.value)


FIELDS: dict[str, Callable[[Facts], Iterable[str]]] = {
    "id": lambda f: [f.target.id],
    "tag": lambda f: f.target.tags,
    "metric": lambda f: [f.target.metric],
    "owner": lambda f: [f.target.owner] if f.target.owner else [],
    "status": lambda f: [f.status],
    "kind": lambda f: [f.target.kind],
    "entity": lambda f: [f.entity] if f.entity is not None else [],
}
_BARE = ("id", "tag", "metric", "owner")


STATUSES = tuple(status.value for status in STATUS_CODES)
KINDS = tuple(TARGET_KINDS)
_CLOSED = {"status": STATUSES, "kind": KINDS}
"""Fields whose values are known in advance: a plain word outside them is a typo."""


def patterns(given: object, name: str) -> tuple[str, ...]:
    """`select` or `exclude` as given to `targets.check`: one pattern or a list of them.
    A single string was read as a list of one-letter patterns ('d' matched nothing)."""
    if isinstance(given, str):
        return (given,)
    if not isinstance(given, Iterable):
        raise SelectionError(f"{name} is a pattern or a list of them, not {type(given).__name__}")
    found = tuple(given)
    for pattern in found:
        if not isinstance(pattern, str):
            kind = type(pattern).__name__
            raise SelectionError(f"{name}: a pattern is text, not {kind} {excerpt(repr(pattern))}")
    return found


def _split(pattern: str) -> tuple[Sequence[str], str]:
    field, sep, rest = pattern.partition(":")
    if sep and field in FIELDS:
        known = _CLOSED.get(field)
        if known and not any(c in rest for c in "*?[") and rest not in known:
            hint = did_you_mean(rest, known)
            raise SelectionError(
                f"{quoted(pattern)}: unknown {field} {quoted(rest)}{hint}; "
                f"use one of {', '.join(known)}"
            )
        return (field,), rest
    if sep and field.isidentifier() and field not in FIELDS:
        hint = did_you_mean(field, FIELDS)
        raise SelectionError(
            f"{quoted(pattern)}: unknown field {quoted(field)}{hint}; use {', '.join(FIELDS)}"
        )
    return _BARE, pattern


def matches(facts: Facts, pattern: str) -> bool:
    fields, glob = _split(pattern)
    return any(
        fnmatch.fnmatchcase(value, glob) for field in fields for value in FIELDS[field](facts)
    )


def choose_rows(
    facts: Sequence[Facts], select: Sequence[str] = (), exclude: Sequence[str] = ()
) -> list[int]:
    """The positions of the results matching any `select` pattern (all when none) and no
    `exclude` pattern."""
    for pattern in select:
        if not any(matches(f, pattern) for f in facts):
            fields, glob = _split(pattern)
            known = {value for f in facts for name in fields for value in FIELDS[name](f)}
            raise SelectionError(
                f"--select {quoted(pattern)} matches no target{did_you_mean(glob, known)}"
            )
    for pattern in exclude:
        _split(pattern)  # refuse unknown fields in --exclude too
    return [
        i
        for i, f in enumerate(facts)
        if (not select or any(matches(f, p) for p in select))
        and not any(matches(f, p) for p in exclude)
    ]


def choose(
    results: Sequence[TargetResult], select: Sequence[str] = (), exclude: Sequence[str] = ()
) -> tuple[TargetResult, ...]:
    """The results matching any `select` pattern (all when none) and no `exclude` pattern."""
    kept = choose_rows([Facts.of(r) for r in results], select, exclude)
    return tuple(results[i] for i in kept)
