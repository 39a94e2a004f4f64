"""Reports for CI systems: JUnit XML and GitHub workflow-command annotations."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from targets._safe import escape_controls
from targets.engine import Status
from targets.judge._gate import Gate
from targets.judge._report import Report
from targets.judge._result import TargetResult
from targets.render._text import status_words
from targets.rules._errors import Location


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
    failing = {r.id for r in gate.failures(report)}
    lines = []
    for result in report:
        if result.id in failing:
            level = "error"
        elif result.status.at_or_worse_than(Status.AT_RISK):
            level = "warning"
        else:
            continue
        title = f"{result.id}: {status_words(result.status)}"
        lines.append(annotation(level, result.explain(), result.location, title))
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
