"""The status colours every renderer draws with, in one place so they cannot drift apart."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from targets.engine import Status

__all__ = ["BADGE_COLOURS", "ICONS", "TEXT_COLOURS"]

TEXT_COLOURS: Mapping[Status, str] = MappingProxyType(
    {
        Status.ACHIEVED: "green",
        Status.ON_TRACK: "green",
        Status.AT_RISK: "yellow",
        Status.OFF_TRACK: "red",
        Status.REGRESSING: "red",
        Status.MISSED: "magenta",
        Status.NOT_ASSESSABLE: "bright_black",
    }
)
"""Terminal colour names (click's) for the text report's status headings."""

BADGE_COLOURS: Mapping[Status, tuple[str, str]] = MappingProxyType(
    {
        Status.ACHIEVED: ("#1b5e20", "#c8e6c9"),
        Status.ON_TRACK: ("#2e7d32", "#dcedc8"),
        Status.AT_RISK: ("#8d6e00", "#fff3c4"),
        Status.OFF_TRACK: ("#b71c1c", "#ffcdd2"),
        Status.REGRESSING: ("#880e4f", "#f8bbd0"),
        Status.MISSED: ("#263238", "#cfd8dc"),
        Status.NOT_ASSESSABLE: ("#455a64", "#eceff1"),
    }
)
"""(ink, paper) of each status: badges in HTML, notebook cards, SVG and matplotlib charts."""

ICONS: Mapping[Status, str] = MappingProxyType(
    {
        Status.ACHIEVED: "🟢",
        Status.ON_TRACK: "🟢",
        Status.AT_RISK: "🟡",
        Status.OFF_TRACK: "🔴",
        Status.REGRESSING: "🔴",
        Status.MISSED: "⚫",
        Status.NOT_ASSESSABLE: "⚪",
    }
)
"""The Markdown report's status marks."""
