"""The common status, its severity order for CI gates, and each method's own labels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "METHOD_LABELS",
    "NOT_ASSESSABLE_LABEL",
    "SEVERITY",
    "STATUS_CODES",
    "WORST_FIRST",
    "Status",
    "worst",
]


class Status(StrEnum):
    """One vocabulary across methods, so a gate can compare any two results."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    REGRESSING = "regressing"
    MISSED = "missed"
    NOT_ASSESSABLE = "not_assessable"

    @property
    def severity(self) -> int | None:
        """Rank in :data:`SEVERITY` (0 is best); None for not_assessable, which has no rank."""
        return _RANK.get(self)

    def at_or_worse_than(self, other: Status | str) -> bool:
        """Whether this status trips a gate set at ``other``; not_assessable never trips one."""
        gate = Status(other)
        if gate is Status.NOT_ASSESSABLE:
            raise ValueError("a gate cannot be set at not_assessable: it is outside the order")
        mine = self.severity
        return mine is not None and mine >= _RANK[gate]


SEVERITY: tuple[Status, ...] = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.REGRESSING,
    Status.MISSED,
)
"""Best to worst; not_assessable is deliberately absent."""

_RANK: dict[Status, int] = {status: rank for rank, status in enumerate(SEVERITY)}

STATUS_CODES: tuple[Status, ...] = (*SEVERITY, Status.NOT_ASSESSABLE)
"""Every status, best to worst, then not_assessable: the order summaries list them in, and
the integer codes the batch API uses (the index in this tuple)."""

WORST_FIRST: tuple[Status, ...] = (*reversed(SEVERITY), Status.NOT_ASSESSABLE)
"""The order reports show targets in: the worst first, not_assessable last."""


def worst(statuses: Iterable[Status]) -> Status:
    """The most severe status; not_assessable only when nothing else is there."""
    ranked = [s for s in statuses if s is not Status.NOT_ASSESSABLE]
    if not ranked:
        return Status.NOT_ASSESSABLE
    return max(ranked, key=lambda s: _RANK[s])


METHOD_LABELS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "statcan": (
            "target_achieved",
            "substantial_progress",
            "moderate_progress",
            "limited_progress",
            "deterioration",
            "not_available",
        ),
        "unsd": (
            "target_achieved",
            "on_track",
            "acceleration_needed",
            "stagnation_or_regression",
            "not_evaluated",
        ),
        "destatis": (
            "sun",
            "sun_behind_cloud",
            "slightly_cloudy",
            "cloud",
            "thunderstorm",
            "suspended",
            "ended",
            "not_assessed",
        ),
        "sdsn": (
            "maintaining",
            "on_track",
            "moderately_improving",
            "stagnating",
            "decreasing",
            "unavailable",
        ),
        "istat": (
            "clear_improvement",
            "slight_improvement",
            "stable",
            "slight_worsening",
            "clear_worsening",
            "not_assessed",
        ),
    }
)
"""Each method's published labels, best first; the batch API codes them by index."""

NOT_ASSESSABLE_LABEL: Mapping[str, str] = MappingProxyType(
    {
        "statcan": "not_available",
        "unsd": "not_evaluated",
        "destatis": "not_assessed",
        "sdsn": "unavailable",
        "istat": "not_assessed",
    }
)
