"""JUnit XML: one test case per target, as CI systems show test results.

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

from targets.engine import Status
from targets.judge import Gate, Report, TargetResult
from targets.render._chance import GateChance
from targets.render._explain import explain_steps
from targets.render._status_words import status_words

__all__ = ["render_junit", "seconds"]


def seconds(value: float | None) -> str:
    """A duration as junit-10.xsd's SUREFIRE_TIME takes it: '0.042' (at most 3 decimals)."""
    return f"{max(value or 0.0, 0.0):.3f}"


def render_junit(report: Report, *, gate: Gate | None = None) -> str:
    """One test case per target: failures trip the gate, not-assessable ones are skipped."""
    gate = gate or Gate()
    failing = set(gate.failing_keys(report))
    skipped = [r for r in report if r.status is Status.NOT_ASSESSABLE]
    time = seconds(report.elapsed)
    counts = {"tests": str(len(report)), "failures": str(len(failing)), "errors": "0"}
    suites = ET.Element("testsuites", {"name": "targets", **counts, "time": time})
    attributes = {"name": report.programme.info.name, **counts, "skipped": str(len(skipped))}
    attributes["time"] = time
    if report.checked_at is not None:
        attributes["timestamp"] = report.checked_at.replace(microsecond=0, tzinfo=None).isoformat()
    suite = ET.SubElement(suites, "testsuite", attributes)
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("as_of", report.as_of.isoformat() if report.as_of else "latest"),
        ("gate", gate.option),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": value})
    chance = GateChance(report, gate)
    for result in report:
        suite.append(_case(report, result, failing, chance))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


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
