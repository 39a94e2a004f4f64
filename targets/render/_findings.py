"""Code-scanning formats: SARIF 2.1.0 and GitLab's code-quality report.

Both list the targets that need attention as findings on the rule's line, the way linters
report problems: a target that trips the gate is an error, any other target at risk or
worse a warning, a target that cannot be assessed a note. Targets achieved or on track are
not findings. Each finding's rule is its status (``off_track``, ``at_risk`` ...), and its
fingerprint is the target's id with that status, so a code-scanning service follows one
finding across runs and sees it resolved when the status changes. A target that fails only
the chance gate (``--fail-on-chance-below``) is a finding of the rule ``low_chance``, and
every target below the chance gate says its chance (the project's reading) in its message.

Both are JSON, so input strings stay data (`render` passes them through `guard`).

At scale (60,000 (target, entity) results) both list the first `MAX_FINDINGS` findings,
worst first; SARIF says in a tool notification how many more there are (GitLab's format
has no place for it). A finding left out of a run looks resolved to a code-scanning
service, so a run that crosses the cap says so; the JSON report lists every result.
Levels are read from the report's columns: only the findings written are built.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from targets._version import version
from targets.engine import STATUS_CODES, WORST_FIRST, Status
from targets.judge import Gate, Report, TargetResult
from targets.render._chance import CHANCE_RULE, GateChance
from targets.render._status_words import status_words
from targets.render._text_groups import worst_first

__all__ = [
    "GITLAB_SEVERITY",
    "MAX_FINDINGS",
    "SARIF_SCHEMA",
    "Finding",
    "findings",
    "gitlab_report",
    "sarif_log",
]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_FINDINGS = 1000
"""Findings a SARIF log or GitLab report lists, worst first (GitHub code scanning shows
5,000 a run at most; each finding is a result built and explained, a few ms apiece)."""
GITLAB_SEVERITY = {"error": "major", "warning": "minor", "note": "info"}
"""GitLab's scale is info, minor, major, critical, blocker: a target that trips the gate is
a major finding, the rest below it (critical and blocker are left to broken builds)."""

_RULE_TEXT = {
    Status.AT_RISK: "The trend reaches the target late or only partly: at risk.",
    Status.OFF_TRACK: "At the current trend the target will not be met by its deadline.",
    Status.REGRESSING: "The metric is moving away from the target.",
    Status.MISSED: "The deadline has passed and the target was not met.",
    Status.NOT_ASSESSABLE: "The figures do not allow a verdict (too few, none, or refused).",
}

_GATED_ONLY_TEXT = {
    Status.ON_TRACK: "The trend meets the target by its deadline; this run's gate fails it.",
    Status.ACHIEVED: "The target is met; this run's gate fails it (or the change to it).",
}
"""Rules of statuses that are findings only when the gate trips them (``--fail-on on_track``,
``--fail-on achieved``, ``--fail-on-change any``): listed only in a run that has one."""

_CHANCE_TEXT = (
    "By the project's own reading of its figures (not the method's), the target is less "
    "likely to be met by its deadline than --fail-on-chance-below allows."
)

Finding = tuple[str, TargetResult]
"""(level, result): level is 'error', 'warning' or 'note'."""


def findings(report: Report, gate: Gate | None = None) -> list[Finding]:
    """The targets that need attention, worst first, each with its level: the first
    `MAX_FINDINGS` (`needing_attention` counts them all)."""
    gate = gate or Gate()
    return [(level, report.results[i]) for level, i in _levels(report, gate)[:MAX_FINDINGS]]


def needing_attention(report: Report, gate: Gate | None = None) -> int:
    """How many findings `report` has, listed or not."""
    return len(_levels(report, gate or Gate()))


def _levels(report: Report, gate: Gate) -> list[tuple[str, int]]:
    """(level, row) of every finding, worst first, read from the columns."""
    failing = set(gate.failing_keys(report))
    columns = report.columns
    level: dict[int, str] = {}
    for i, key in enumerate(columns.keys):
        status = STATUS_CODES[int(columns.status[i])]
        if key in failing:
            level[i] = "error"
        elif status is Status.NOT_ASSESSABLE:
            level[i] = "note"
        elif status.at_or_worse_than(Status.AT_RISK):
            level[i] = "warning"
    return [(level[i], i) for i in worst_first(report, level)]


def _message(result: TargetResult, why: GateChance) -> str:
    words = f"{status_words(result.status)} ({result.method}: {status_words(result.method_status)})"
    return f"{result.key}: {words}: {result.explain()}{why.reason(result)}"


def _fingerprint(result: TargetResult, why: GateChance) -> str:
    key = f"{result.key}\0{why.rule(result)}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _uri(path: str) -> str:
    """A file as a SARIF artifact URI: relative paths stay relative (forward slashes)."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"))


def sarif_log(report: Report, *, gate: Gate | None = None) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log: one run, one rule per status, one result per
    finding (see the module)."""
    gate = gate or Gate()
    found, why = findings(report, gate), GateChance(report, gate)
    left = needing_attention(report, gate) - len(found)
    texts = {s.value: (status_words(s), _RULE_TEXT[s]) for s in WORST_FIRST if s in _RULE_TEXT}
    used = {why.rule(result) for _, result in found}
    for status, text in _GATED_ONLY_TEXT.items():
        if status.value in used:
            texts[status.value] = (status_words(status), text)
    if gate.chance_below is not None:
        texts[CHANCE_RULE] = ("chance below the gate", _CHANCE_TEXT)
    rules = [
        {
            "id": rule,
            "name": "".join(word.capitalize() for word in rule.split("_")),
            "shortDescription": {"text": short},
            "fullDescription": {"text": full},
            "defaultConfiguration": {"level": "note" if rule == "not_assessable" else "warning"},
            "help": {"text": "`targets explain TARGET` shows the figures and the arithmetic."},
        }
        for rule, (short, full) in texts.items()
    ]
    index = {rule: i for i, rule in enumerate(texts)}
    results = []
    for level, result in found:
        rule = why.rule(result)
        entry: dict[str, Any] = {
            "ruleId": rule,
            "ruleIndex": index[rule],
            "level": level,
            "message": {"text": _message(result, why)},
            "partialFingerprints": {"targetStatus/v1": _fingerprint(result, why)},
            "properties": {
                "target": result.key,
                "status": result.status.value,
                "method": result.method,
                "methodStatus": result.method_status,
            },
        }
        if result.location is not None:
            region = {"startLine": result.location.line, "startColumn": result.location.col}
            entry["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(result.location.path)},
                        "region": region,
                    }
                }
            ]
        results.append(entry)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "targets",
                        "version": version(),
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        **_left_out(left),
                        "properties": {
                            "gate": gate.option,
                            "asOf": report.as_of.isoformat() if report.as_of else None,
                        },
                    }
                ],
                "results": results,
            }
        ],
    }


def _left_out(left: int) -> dict[str, Any]:
    """A notification that `left` findings were not listed (nothing when none were)."""
    if not left:
        return {}
    text = (
        f"{left:,} more findings not listed (at most {MAX_FINDINGS:,} a run, worst first): "
        "they look resolved to a code-scanning service; the JSON report lists every result."
    )
    return {"toolExecutionNotifications": [{"level": "note", "message": {"text": text}}]}


def gitlab_report(report: Report, *, gate: Gate | None = None) -> list[dict[str, Any]]:
    """The report as GitLab code-quality findings (``artifacts:reports:codequality``): one
    object per finding with a location (a target made in code has none and is left out)."""
    gate = gate or Gate()
    why, out = GateChance(report, gate), []
    for level, result in findings(report, gate):
        if result.location is None:
            continue
        out.append(
            {
                "type": "issue",
                "description": _message(result, why),
                "check_name": why.rule(result),
                "fingerprint": _fingerprint(result, why),
                "severity": GITLAB_SEVERITY[level],
                "location": {
                    "path": result.location.path.replace(os.sep, "/"),
                    "lines": {"begin": result.location.line},
                },
            }
        )
    return out
