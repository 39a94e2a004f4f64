"""The project's chance in every report: its table cell, its lines in `explain`, the band a
chart shades, and the words that say why a target fails a chance gate.

One home, so the table, the chart and the gate can never disagree on a chance. The chance is
the project's own reading: every place that shows it says so, and none mixes it into an
agency's status or label.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from targets._safe import oneline
from targets.rules import CountTarget, unit_words

if TYPE_CHECKING:
    from targets.judge import Gate, Report, TargetResult

__all__ = [
    "CHANCE_HEADER",
    "CHANCE_HEADING",
    "CHANCE_RULE",
    "GateChance",
    "chance_band",
    "chance_cell",
    "chance_lines",
    "chance_phrase",
    "shown_below",
]

CHANCE_HEADER = "chance"
"""The column's name in the text, Markdown and HTML tables."""
CHANCE_RULE = "low_chance"
"""The rule (SARIF, GitLab) or failure type (JUnit) of a target that fails the gate by its
chance alone."""
CHANCE_HEADING = "the project's own reading (not the method's; it does not change the verdict):"
"""The heading of the chance's lines in `explain`."""

Band = tuple[tuple[float, float, float], ...]


def chance_cell(result: TargetResult) -> str:
    """'72 %', '<1 %' and '>99 %' (a rounded 0 or 100 % would claim certainty); '-' without
    a probability (no reading, too few figures, a decided deadline, a kind without one)."""
    chance = result.chance
    if chance is None or chance.probability is None:
        return "-"
    p = chance.probability
    if p < 0.005:
        return "<1 %"
    if p > 0.995:
        return ">99 %"
    return f"{round(p * 100)} %"


def _unit(result: TargetResult) -> str | None:
    """The unit the chance's phrase says, as the result's explanation says it."""
    if isinstance(result.target, CountTarget):
        return result.target.entities or "entities"
    return unit_words(result.metric.unit)


def chance_phrase(result: TargetResult, *, measured: bool = False) -> str | None:
    """'the project's reading: 4 % chance that the 2025 figure meets 100,000 firms; ...', or
    None where the result has no reading at all (with `measured`, also where it has no
    probability: lists leave out "no chance measured")."""
    chance = result.chance
    if chance is None or (measured and chance.probability is None):
        return None
    return chance.phrase(unit=_unit(result))


def chance_lines(result: TargetResult, fill: Callable[[str, str, str], str]) -> list[str]:
    """The chance's section of `explain`: its heading, its phrase, every step of its
    arithmetic and its notes (`fill(text, first indent, later indent)` wraps each)."""
    chance, phrase = result.chance, chance_phrase(result)
    if chance is None or phrase is None:
        return []
    phrase = phrase.removeprefix("the project's reading: ")
    lines = ["", fill(CHANCE_HEADING, "", "  "), fill(oneline(phrase), "  ", "    ")]
    if chance.steps:
        lines.append("  arithmetic:")
        lines += [fill(str(step), "    ", " " * 8) for step in chance.steps]
    if chance.notes:
        lines.append("  notes:")
        lines += [fill(oneline(note), "    - ", "      ") for note in chance.notes]
    return lines


def chance_band(result: TargetResult, bounds: tuple[float | None, float | None]) -> Band:
    """(year, low, high) of the chance's forecast band (its ``level``, 80 %), from the latest
    figure read (where it has no width) to the deadline, kept within the metric's `bounds`;
    empty without a reading."""
    chance = result.chance
    if chance is None or chance.probability is None:
        return ()
    rows = chance.band()
    if not rows:
        return ()
    start = (chance.years[-1], chance.values[-1])
    if chance.outlier is not None and chance.outlier[0] > start[0]:
        start = chance.outlier  # the latest figure, though the reading left it out
    low, high = bounds

    def kept(value: float) -> float:
        value = max(value, low) if low is not None else value
        return min(value, high) if high is not None else value

    band = [(start[0], start[1], start[1])]
    band += [(year, kept(lo), kept(hi)) for year, lo, _, hi in rows]
    return tuple(band)


class GateChance:
    """Which targets `gate` fails by their chance, and how every CI format says so: a target
    failing by its chance alone is of the rule ``low_chance`` (its status would pass), and
    every target below the chance gate gives its chance in its message."""

    def __init__(self, report: Report, gate: Gate) -> None:
        self.gate = gate
        self.unlikely = {r.key for r in gate.unlikely(report)}
        self.alone = {r.key for r in gate.chance_failures(report)}

    def rule(self, result: TargetResult) -> str:
        """``low_chance``, or the result's status."""
        return CHANCE_RULE if result.key in self.alone else result.status.value

    def reason(self, result: TargetResult) -> str:
        """'; the project's reading: 4 % chance ...; the chance 0.039 is below
        --fail-on-chance-below 0.5' for a target below the chance gate, else ''."""
        chance, below = result.chance, self.gate.chance_below
        if result.key not in self.unlikely or chance is None or below is None:
            return ""
        if chance.probability is None:  # never below the gate: `unlikely` leaves it out
            return ""
        shown = shown_below(chance.probability, below)
        phrase = chance_phrase(result)
        return f"; {phrase}; the chance {shown} is below --fail-on-chance-below {below:g}"


def shown_below(p: float, below: float) -> str:
    """`p` with just the digits that show it below `below`: 0.4988 against 0.5 is '0.499',
    where '50 %' would read as no failure at all."""
    for digits in range(2, 17):
        text = f"{p:.{digits}g}"
        if float(text) < below:
            return text
    return f"{p!r}"
