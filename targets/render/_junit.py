"""JUnit XML: one test case per target, as CI systems show test results."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from targets.engine import Status
from targets.judge import Gate, Report, TargetResult
from targets.render._explain import explain_steps
from targets.render._status_words import status_words

__all__ = ["render_junit"]


def render_junit(report: Report, *, gate: Gate | None = None) -> str:
    """One test case per target: failures trip the gate, not-assessable ones are skipped."""
    gate = gate or Gate()
    failing = {r.id for r in gate.failures(report)}
    skipped = [r for r in report if r.status is Status.NOT_ASSESSABLE]
    counts = {
        "tests": str(len(report)),
        "failures": str(len(failing)),
        "errors": "0",
        "skipped": str(len(skipped)),
        "time": "0",
    }
    suites = ET.Element("testsuites", {"name": "targets", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": report.programme.info.name, **counts})
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("as_of", report.as_of.isoformat() if report.as_of else "latest"),
        ("gate", gate.option),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": value})
    for result in report:
        suite.append(_case(report, result, failing))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


def _case(report: Report, result: TargetResult, failing: set[str]) -> ET.Element:
    programme = report.programme.info.id or "targets"
    attributes = {
        "classname": f"{programme}.{result.metric.id}",
        "name": result.id,
        "time": "0",
    }
    if result.location is not None:
        attributes["file"] = result.location.path
        attributes["line"] = str(result.location.line)
    case = ET.Element("testcase", attributes)
    headline = f"{status_words(result.status)} ({result.method}: {result.method_status})"
    if result.id in failing:
        failure = ET.SubElement(
            case, "failure", {"message": f"{headline}: {result.explain()}", "type": result.status}
        )
        failure.text = explain_steps(result)
    elif result.status is Status.NOT_ASSESSABLE:
        ET.SubElement(case, "skipped", {"message": result.reason or "not assessable"})
    out = ET.SubElement(case, "system-out")
    out.text = f"{headline}; {result.explain()}"
    return case
