"""What changed since an earlier run: status transitions and moved projections.

``targets check --baseline results.json`` compares the run with the JSON report of an
earlier one, so a pull request that adds figures shows which verdicts it moved, and
``--fail-on-change worse`` gates on regressions only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from targets.engine import STATUS_CODES, Status, format_number
from targets.judge._baseline import load_baseline
from targets.judge._report import Report
from targets.rules._numbers import LARGEST

__all__ = ["PROJECTION_TOLERANCE", "Change", "ChangeKind", "compare", "load_baseline"]


ChangeKind = Literal["worse", "better", "changed", "moved", "new", "removed"]

PROJECTION_TOLERANCE = 0.005
"""A projection 'moved' when it changed by more than 0.5 % (or the reach year changed)."""


@dataclass(frozen=True, slots=True)
class Change:
    target: str
    kind: ChangeKind
    before: str | None
    """Status in the baseline (None for a new target)."""
    after: str | None
    projected_before: float | None = None
    projected_after: float | None = None
    reach_before: float | None = None
    reach_after: float | None = None

    def __str__(self) -> str:
        if self.kind == "new":
            return f"{self.target}: new target, {_words(self.after)}"
        if self.kind == "removed":
            return f"{self.target}: removed (was {_words(self.before)})"
        text = f"{self.target}: {_words(self.before)} -> {_words(self.after)}"
        if self.kind == "moved":
            text = f"{self.target}: {_words(self.after)}, projection moved"
        moved = []
        if _differs(self.projected_before, self.projected_after):
            moved.append(
                f"projection {_num(self.projected_before)} -> {_num(self.projected_after)}"
            )
        reach_before = _reach(self.reach_before, self.before)
        reach_after = _reach(self.reach_after, self.after)
        if reach_before != reach_after:
            moved.append(f"reaches {reach_before} -> {reach_after}")
        return f"{text} ({'; '.join(moved)})" if moved else text

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "change": self.kind,
            "before": self.before,
            "after": self.after,
            "projected_before": self.projected_before,
            "projected_after": self.projected_after,
            "reach_year_before": self.reach_before,
            "reach_year_after": self.reach_after,
        }


def _words(status: str | None) -> str:
    return (status or "none").replace("_", " ")


def _num(value: float | None) -> str:
    return "none" if value is None else format_number(value, 3)


def _year(value: float | None) -> str:
    return "never" if value is None else str(math.ceil(value))


def _reach(value: float | None, status: str | None) -> str:
    if value is None and status == "achieved":
        return "met"
    return "n/a" if value is None and status == "not_assessable" else _year(value)


def _differs(before: float | None, after: float | None) -> bool:
    if before is None or after is None:
        return (before is None) != (after is None)
    scale = max(abs(before), abs(after), 1e-12)
    return abs(after - before) / scale > PROJECTION_TOLERANCE


def compare(baseline: Mapping[str, Any], report: Report) -> tuple[Change, ...]:
    """Every target whose status changed or whose projection moved, and new or removed ones."""
    before = {_key(r): r for r in baseline["results"]}
    changes: list[Change] = []
    columns = report.columns  # read as columns: a large report's results are not built
    projected = columns.numbers["projected"].tolist()
    reach = columns.numbers["reach_year"].tolist()
    for row, key in enumerate(columns.keys):
        status = STATUS_CODES[int(columns.status[row])]
        old = before.pop(key, None)
        if old is None:
            changes.append(Change(key, "new", None, status.value))
            continue
        change = _transition(key, old, status, _finite(projected[row]), _finite(reach[row]))
        if change is not None:
            changes.append(change)
    changes += [
        Change(target, "removed", old.get("status"), None) for target, old in before.items()
    ]
    return tuple(changes)


def _key(result: Mapping[str, Any]) -> str:
    """A baseline result's key, as `TargetResult.key` names it: ``id`` or ``id[entity]``."""
    entity = result.get("entity")
    return result["target"] if not isinstance(entity, str) else f"{result['target']}[{entity}]"


def _transition(
    target: str,
    old: Mapping[str, Any],
    status: Status,
    projected: float | None,
    reach: float | None,
) -> Change | None:
    was = str(old.get("status"))
    old_projected = _float(old.get("projected"))
    old_reach = _float(old.get("reach_year"))
    numbers = (old_projected, projected, old_reach, reach)
    if was == status.value:
        moved = _differs(old_projected, projected) or _year(old_reach) != _year(reach)
        return Change(target, "moved", was, status.value, *numbers) if moved else None
    kind: ChangeKind = "changed"
    try:
        old_rank, new_rank = Status(was).severity, status.severity
    except ValueError:
        old_rank = new_rank = None
    if old_rank is not None and new_rank is not None:
        kind = "worse" if new_rank > old_rank else "better"
    return Change(target, kind, was, status.value, *numbers)


def _finite(value: float) -> float | None:
    return None if math.isnan(value) else value


def _float(value: Any) -> float | None:
    """A number of the baseline, or None: a baseline given as a mapping (not read by
    `load_baseline`) may hold anything."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int) and abs(value) > LARGEST:
        return None
    number = float(value)
    return number if math.isfinite(number) else None
