"""A status as every report words it: 'off track', not 'off_track'."""

from __future__ import annotations

from targets.engine import Status

__all__ = ["status_words"]


def status_words(status: Status | str) -> str:
    """'on_track' as 'on track' (also a method's own labels: 'moderate_progress')."""
    return str(status).replace("_", " ")
