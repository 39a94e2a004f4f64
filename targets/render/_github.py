"""GitHub workflow-command annotations: an error on each rule that fails the gate.

GitHub shows at most ten annotations of each level per step and drops the rest, so a
run of 60,000 (target, entity) results annotates the worst `MAX_ANNOTATIONS` of each
level and its summary notice counts what was left out (every result is in the JSON
report). Levels are read from the report's columns: only the annotated results are built.
"""

from __future__ import annotations

import numpy as np

from targets._safe import escape_controls
from targets.engine import STATUS_CODES, Status
from targets.judge import Gate, Report
from targets.render._chance import GateChance
from targets.render._status_words import status_words
from targets.render._text_groups import worst_first
from targets.rules import Location

__all__ = ["MAX_ANNOTATIONS", "annotation", "render_github"]

MAX_ANNOTATIONS = 10
"""Annotations of each level (error, warning) written, worst first: what GitHub shows."""

_WARNS = np.asarray(
    [s is not Status.NOT_ASSESSABLE and s.at_or_worse_than(Status.AT_RISK) for s in STATUS_CODES]
)


def _escape(text: str, *, prop: bool = False) -> str:
    """Workflow-command escaping (``%``, CR and LF; also ``:`` and ``,`` in properties), after
    any other control character is written as an escape, so no input starts a line."""
    text = escape_controls(text, keep="\r\n")
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(report: Report, *, gate: Gate | None = None) -> str:
    """Workflow commands: an error on each rule that fails the gate, a warning on each other
    rule at risk or worse (the worst `MAX_ANNOTATIONS` of each level), then one notice that
    sums the run up. Not-assessable targets are counted in the summary, not annotated."""
    gate = gate or Gate()
    failing = set(gate.failing_keys(report))
    chance = GateChance(report, gate)
    columns = report.columns
    keys = columns.keys
    errors = [i for i, key in enumerate(keys) if key in failing]
    warned = np.flatnonzero(_WARNS[columns.status]).tolist()
    warnings = [i for i in warned if keys[i] not in failing]
    lines, left = [], []
    for level, rows in (("error", errors), ("warning", warnings)):
        for i in worst_first(report, rows)[:MAX_ANNOTATIONS]:
            result = report.results[i]
            title = f"{result.key}: {status_words(result.status)}"
            message = result.explain() + chance.reason(result)
            lines.append(annotation(level, message, result.location, title))
        if len(rows) > MAX_ANNOTATIONS:
            left.append(f"{len(rows) - MAX_ANNOTATIONS:,} more {level}s")
    counts = ", ".join(f"{n} {status_words(s)}" for s, n in report.summary.items() if n)
    noun = "results" if any(e is not None for e in columns.entities) else "targets"
    summary = f"{len(report)} {noun}: {counts}. {gate.verdict(report)}"
    if left:
        summary += (
            f" Not annotated: {' and '.join(left)} (GitHub shows {MAX_ANNOTATIONS} of each "
            "level; the JSON report lists every result)."
        )
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
