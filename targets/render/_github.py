"""GitHub workflow-command annotations: an error on each rule that fails the gate."""

from __future__ import annotations

from targets._safe import escape_controls
from targets.engine import Status
from targets.judge import Gate, Report
from targets.render._chance import GateChance
from targets.render._status_words import status_words
from targets.rules import Location

__all__ = ["annotation", "render_github"]


def _escape(text: str, *, prop: bool = False) -> str:
    """Workflow-command escaping (``%``, CR and LF; also ``:`` and ``,`` in properties), after
    any other control character is written as an escape, so no input starts a line."""
    text = escape_controls(text, keep="\r\n")
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(report: Report, *, gate: Gate | None = None) -> str:
    """Workflow commands: an error on each rule that fails the gate, a warning on each other
    rule at risk or worse, then one notice that sums the run up. (GitHub shows only the
    first ten annotations of each level, so not-assessable targets are counted in the
    summary rather than annotated one by one.)"""
    gate = gate or Gate()
    failing = set(gate.failing_keys(report))
    chance = GateChance(report, gate)
    lines = []
    for result in report:
        if result.key in failing:
            level = "error"
        elif result.status.at_or_worse_than(Status.AT_RISK):
            level = "warning"
        else:
            continue
        title = f"{result.key}: {status_words(result.status)}"
        message = result.explain() + chance.reason(result)
        lines.append(annotation(level, message, result.location, title))
    counts = ", ".join(f"{n} {status_words(s)}" for s, n in report.summary.items() if n)
    summary = f"{len(report)} targets: {counts}. {gate.verdict(report)}"
    lines.append(f"::notice title={_escape('targets', prop=True)}::{_escape(summary)}")
    return "\n".join(lines) + "\n"


def annotation(level: str, message: str, location: Location | None, title: str | None) -> str:
    """One workflow command, e.g. ``::error file=a.yaml,line=3,col=5,title=...::message``."""
    props = []
    if location is not None:
        props += [
            f"file={_escape(location.path, prop=True)}",
            f"line={location.line}",
            f"col={location.col}",
        ]
    if title is not None:
        props.append(f"title={_escape(title, prop=True)}")
    return f"::{level} {','.join(props)}::{_escape(message)}"
