"""The status colours every renderer draws with, in one place so they cannot drift apart."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from targets.engine import Status

__all__ = ["BADGE_COLOURS", "BADGE_STYLE", "ICONS", "TEXT_COLOURS"]

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
        Status.ON_TRACK: ("#00695c", "#d5efe9"),
        Status.AT_RISK: ("#7a5900", "#fff1c2"),
        Status.OFF_TRACK: ("#b71c1c", "#ffd6d6"),
        Status.REGRESSING: ("#880e4f", "#f8d0e1"),
        Status.MISSED: ("#3b0a0a", "#e9c9c9"),
        Status.NOT_ASSESSABLE: ("#546e7a", "#eceff1"),
    }
)
"""(ink, paper) of each status: the strong colour (trend lines, frames, the status bar's
segments under white numbers) and the light one (panels). Each ink carries white text at
5.4:1 or more and its paper's text at 4.6:1 or more (WCAG AA). The two greens differ in
hue (green, teal); missed is the darkest, a near-black red, and not assessable the only
grey."""

BADGE_STYLE: Mapping[Status, tuple[str, str]] = MappingProxyType(
    {
        Status.ACHIEVED: ("#ffffff", "#1b5e20"),
        Status.ON_TRACK: ("#00695c", "#d5efe9"),
        Status.AT_RISK: ("#7a5900", "#fff1c2"),
        Status.OFF_TRACK: ("#b71c1c", "#ffd6d6"),
        Status.REGRESSING: ("#880e4f", "#f8d0e1"),
        Status.MISSED: ("#ffffff", "#3b0a0a"),
        Status.NOT_ASSESSABLE: ("#37474f", "#eceff1"),
    }
)
"""(text, background) of each status's badge. The two ends of the scale are solid (white
on dark green for achieved, on near-black red for missed), the rest tinted, so achieved and
on track, missed and not assessable never look alike; every pair meets WCAG AA (4.5:1)."""

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
