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
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from targets._version import version
from targets.engine import WORST_FIRST, Status
from targets.judge import Gate, Report, TargetResult
from targets.render._chance import CHANCE_RULE, GateChance
from targets.render._status_words import status_words

__all__ = [
    "GITLAB_SEVERITY",
    "SARIF_SCHEMA",
    "Finding",
    "findings",
    "gitlab_report",
    "sarif_log",
]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
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

_CHANCE_TEXT = (
    "By the project's own reading of its figures (not the method's), the target is less "
    "likely to be met by its deadline than --fail-on-chance-below allows."
)

Finding = tuple[str, TargetResult]
"""(level, result): level is 'error', 'warning' or 'note'."""


def findings(report: Report, gate: Gate | None = None) -> list[Finding]:
    """The targets that need attention, worst first, each with its level."""
    gate = gate or Gate()
    failing = set(gate.failing_keys(report))
    out: list[Finding] = []
    for status in WORST_FIRST:
        for result in (r for r in report if r.status is status):
            if result.key in failing:
                out.append(("error", result))
            elif status is Status.NOT_ASSESSABLE:
                out.append(("note", result))
            elif status.at_or_worse_than(Status.AT_RISK):
                out.append(("warning", result))
    return out


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
    texts = {s.value: (status_words(s), _RULE_TEXT[s]) for s in WORST_FIRST if s in _RULE_TEXT}
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
