"""JUnit XML: one test case per target, as CI systems show test results (each with its
explanation, or compact above a thousand: see `targets.render._junit_compact`).

Written to the strictest schema the consumers read, the Jenkins xunit plugin's
``junit-10.xsd`` (which GitLab and Azure DevOps also accept): the counts on ``<testsuites>``
are ``tests``, ``failures``, ``errors`` and ``time`` (that schema has no ``skipped`` there;
``<testsuite>`` has it), a ``timestamp`` and the real ``time`` of the run on the suite, and a
test case carries only ``name``, ``classname`` and ``time``. Where the rule is written
(``file:line:col``) is said in the failure and in ``<system-out>``, not in attributes the
schema does not allow.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np

from targets.engine import STATUS_CODES, Status
from targets.judge import Gate, Report, TargetResult
from targets.judge._document import detail_of
from targets.render._chance import GateChance
from targets.render._explain import explain_steps
from targets.render._junit_compact import compact_cases
from targets.render._status_words import status_words

__all__ = ["render_junit", "seconds"]


def seconds(value: float | None) -> str:
    """A duration as junit-10.xsd's SUREFIRE_TIME takes it: '0.042' (at most 3 decimals)."""
    return f"{max(value or 0.0, 0.0):.3f}"


def render_junit(report: Report, *, gate: Gate | None = None, detail: str = "auto") -> str:
    """One test case per target: failures trip the gate, not-assessable ones are skipped.
    `detail` as the JSON report's (``auto``: compact above a thousand results, see
    `targets.render._junit_compact`)."""
    gate = gate or Gate()
    compact = detail_of(report, detail) == "compact"
    rows = gate.failing_rows(report)
    skipped = int(np.count_nonzero(report.columns.status == _NOT_ASSESSABLE))
    time = seconds(report.elapsed)
    counts = {"tests": str(len(report)), "failures": str(len(rows)), "errors": "0"}
    suites = ET.Element("testsuites", {"name": "targets", **counts, "time": time})
    attributes = {"name": report.programme.info.name, **counts, "skipped": str(skipped)}
    attributes["time"] = time
    if report.checked_at is not None:
        attributes["timestamp"] = report.checked_at.replace(microsecond=0, tzinfo=None).isoformat()
    suite = ET.SubElement(suites, "testsuite", attributes)
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("as_of", report.as_of.isoformat() if report.as_of else "latest"),
        ("gate", gate.option),
        ("detail", "compact" if compact else "full"),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": value})
    if compact:
        suite.extend(compact_cases(report, gate, set(rows)))
    else:
        failing = {report.keys[i] for i in rows}
        chance = GateChance(report, gate)
        suite.extend(_case(report, result, failing, chance) for result in report)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


_NOT_ASSESSABLE = STATUS_CODES.index(Status.NOT_ASSESSABLE)


def _case(
    report: Report, result: TargetResult, failing: set[str], chance: GateChance
) -> ET.Element:
    programme = report.programme.info.id or "targets"
    attributes = {"classname": f"{programme}.{result.metric.id}", "name": result.key}
    case = ET.Element("testcase", attributes)
    headline = f"{status_words(result.status)} ({result.method}: {result.method_status})"
    where = f"{result.location}: " if result.location is not None else ""
    if result.key in failing:
        message = f"{where}{headline}: {result.explain()}{chance.reason(result)}"
        failure = ET.SubElement(case, "failure", {"message": message, "type": chance.rule(result)})
        failure.text = explain_steps(result)
    elif result.status is Status.NOT_ASSESSABLE:
        ET.SubElement(case, "skipped", {"message": result.reason or "not assessable"})
    out = ET.SubElement(case, "system-out")
    out.text = f"{where}{headline}; {result.explain()}"
    return case
