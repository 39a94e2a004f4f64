"""References between items: a target's metric, a figure's source, a programme's documents."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from typing import Any

from targets._safe import quoted
from targets.rules._errors import Diagnostic, Location
from targets.rules._suggest import Suggestions

__all__ = ["known"]


def known(
    kind: str,
    pool: Mapping[str, Any],
    value: str | None,
    where: Location | Callable[[], Location],
    *,
    broken: Set[tuple[str, str]],
    problems: list[Diagnostic],
    hints: dict[str, Suggestions] | None = None,
) -> bool:
    """Whether `value` names an item of `pool`; if not, say so with the closest name.

    A reference to an item whose own definition was invalid is not reported again.
    `where` may be a function, so that the position is looked up only for a problem.
    `hints` keeps each kind's prepared names across calls on the same pools (sixty
    thousand metrics, thousands of unknown references: see `Suggestions`).
    """
    if value is None or value in pool:
        return value is not None
    section = f"{kind}s"
    if (section, value) not in broken:
        names = None if hints is None else hints.get(kind)
        if names is None:
            names = Suggestions([*pool, *(name for part, name in broken if part == section)])
            if hints is not None:
                hints[kind] = names
        at = where if isinstance(where, Location) else where()
        problems.append(Diagnostic(at, f"unknown {kind} {quoted(value)}{names.hint(value)}"))
    return False
