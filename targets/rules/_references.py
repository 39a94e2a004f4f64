"""References between items: a target's metric, a figure's source, a programme's documents."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from typing import Any

from targets._safe import quoted
from targets.rules._errors import Diagnostic, Location, did_you_mean

__all__ = ["known"]


def known(
    kind: str,
    pool: Mapping[str, Any],
    value: str | None,
    where: Location | Callable[[], Location],
    *,
    broken: Set[tuple[str, str]],
    problems: list[Diagnostic],
) -> bool:
    """Whether `value` names an item of `pool`; if not, say so with the closest name.

    A reference to an item whose own definition was invalid is not reported again.
    `where` may be a function, so that the position is looked up only for a problem.
    """
    if value is None or value in pool:
        return value is not None
    section = f"{kind}s"
    if (section, value) not in broken:
        names = [*pool, *(name for part, name in broken if part == section)]
        hint = did_you_mean(value, names)
        at = where if isinstance(where, Location) else where()
        problems.append(Diagnostic(at, f"unknown {kind} {quoted(value)}{hint}"))
    return False
