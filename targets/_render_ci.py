"""Reports for CI systems: JUnit XML and GitHub workflow-command annotations."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from targets._gate import Gate
from targets._render_text import status_words
from targets._report import Report
from targets._result import TargetResult
from targets.engine import Status


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
        failure.text = report.explain(result.id)
    elif result.status is Status.NOT_ASSESSABLE:
        ET.SubElement(case, "skipped", {"message": result.reason or "not assessable"})
    out = ET.SubElement(case, "system-out")
    out.text = f"{headline}; {result.explain()}"
    return case


def _escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(report: Report, *, gate: Gate | None = None) -> str:
    """Workflow commands that annotate each rule's line: errors trip the gate, warnings are
    at risk or worse but do not (warn severity, or above the gate)."""
    gate = gate or Gate()
    failing = {r.id for r in gate.failures(report)}
    lines = []
    for result in report:
        if result.id in failing:
            level = "error"
        elif result.status.at_or_worse_than(Status.AT_RISK):
            level = "warning"
        elif result.status is Status.NOT_ASSESSABLE:
            level = "notice"
        else:
            continue
        props = [f"title={_escape(f'{result.id}: {status_words(result.status)}', prop=True)}"]
        if result.location is not None:
            props = [
                f"file={_escape(result.location.path, prop=True)}",
                f"line={result.location.line}",
                f"col={result.location.col}",
                *props,
            ]
        message = (
            result.explain()
            if result.status is not Status.NOT_ASSESSABLE
            else (f"not assessable: {result.reason}")
        )
        lines.append(f"::{level} {','.join(props)}::{_escape(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
