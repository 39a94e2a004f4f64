"""``--select`` and ``--exclude``: choose targets by id, tag, metric, owner, status or kind.

A pattern is a glob (``dt-firms-*``), optionally prefixed by what it matches
(``tag:firms``, ``status:off_track``, ``metric:de-share-*``, ``owner:MIC``, ``kind:rank``).
A bare pattern matches ids, tags, metrics and owners. A ``--select`` pattern that matches
nothing is an error, never a silent pass: a typo must not turn a CI gate green.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Sequence

from targets.engine import STATUS_CODES
from targets.judge._errors import SelectionError
from targets.judge._result import TargetResult
from targets.rules._errors import did_you_mean
from targets.rules._targets import KINDS as TARGET_KINDS

__all__ = ["FIELDS", "KINDS", "STATUSES", "choose", "matches"]


FIELDS: dict[str, Callable[[TargetResult], Iterable[str]]] = {
    "id": lambda r: [r.id],
    "tag": lambda r: r.target.tags,
    "metric": lambda r: [r.metric.id],
    "owner": lambda r: [r.target.owner] if r.target.owner else [],
    "status": lambda r: [r.status.value],
    "kind": lambda r: [r.kind],
}
_BARE = ("id", "tag", "metric", "owner")


STATUSES = tuple(status.value for status in STATUS_CODES)
KINDS = tuple(TARGET_KINDS)
_CLOSED = {"status": STATUSES, "kind": KINDS}
"""Fields whose values are known in advance: a plain word outside them is a typo."""


def _split(pattern: str) -> tuple[Sequence[str], str]:
    field, sep, rest = pattern.partition(":")
    if sep and field in FIELDS:
        known = _CLOSED.get(field)
        if known and not any(c in rest for c in "*?[") and rest not in known:
            hint = did_you_mean(rest, known)
            raise SelectionError(
                f"'{pattern}': unknown {field} '{rest}'{hint}; use one of {', '.join(known)}"
            )
        return (field,), rest
    if sep and field.isidentifier() and field not in FIELDS:
        hint = did_you_mean(field, FIELDS)
        raise SelectionError(f"'{pattern}': unknown field '{field}'{hint}; use {', '.join(FIELDS)}")
    return _BARE, pattern


def matches(result: TargetResult, pattern: str) -> bool:
    fields, glob = _split(pattern)
    return any(
        fnmatch.fnmatchcase(value, glob) for field in fields for value in FIELDS[field](result)
    )


def choose(
    results: Sequence[TargetResult], select: Sequence[str] = (), exclude: Sequence[str] = ()
) -> tuple[TargetResult, ...]:
    """The results matching any `select` pattern (all when none) and no `exclude` pattern."""
    for pattern in select:
        if not any(matches(r, pattern) for r in results):
            fields, glob = _split(pattern)
            known = {value for r in results for f in fields for value in FIELDS[f](r)}
            raise SelectionError(
                f"--select '{pattern}' matches no target{did_you_mean(glob, known)}"
            )
    for pattern in exclude:
        _split(pattern)  # refuse unknown fields in --exclude too
    chosen = [r for r in results if not select or any(matches(r, p) for p in select)]
    return tuple(r for r in chosen if not any(matches(r, p) for p in exclude))
