"""The CI formats every consumer accepts, validated against the schemas the consumers
publish (vendored in tests/schemas, see its README: no network at test time)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

import targets
from targets.judge import Gate

Write = Callable[[dict[str, str]], Path]
SCHEMAS = Path(__file__).parent / "schemas"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture(scope="module")
def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


@pytest.fixture(scope="module")
def gitlab_validator() -> Any:
    schema = json.loads((SCHEMAS / "gitlab-codeclimate.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _xml(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


@pytest.mark.parametrize(
    "gate",
    [{}, {"fail_on": "at_risk", "strict": True}, {"fail_on": None}],
    ids=["default", "strict-at-risk", "no-gate"],
)
def test_junit_validates_against_the_jenkins_xunit_schema(
    example_report: targets.Report, junit_schema: etree.XMLSchema, gate: dict[str, Any]
) -> None:
    document = _xml(example_report.to_junit(**gate))
    assert junit_schema.validate(document), junit_schema.error_log


def test_the_schema_check_catches_what_consumers_reject(
    example_report: targets.Report, junit_schema: etree.XMLSchema
) -> None:
    # Guards the check itself: the attributes the old report wrote fail the XSD.
    document = _xml(example_report.to_junit())
    document.set("skipped", "13")
    assert not junit_schema.validate(document)
    document = _xml(example_report.to_junit())
    case = document.find(".//testcase")
    assert case is not None
    case.set("file", "examples/vietnam-digital/programme.yaml")
    assert not junit_schema.validate(document)


def test_junit_carries_a_timestamp_and_the_real_time_of_the_run(
    example_report: targets.Report,
) -> None:
    document = _xml(example_report.to_junit())
    suite = document.find("testsuite")
    assert suite is not None
    assert example_report.elapsed is not None
    assert example_report.checked_at is not None
    assert float(suite.get("time", "")) == pytest.approx(example_report.elapsed, abs=0.0005)
    assert float(suite.get("time", "")) > 0
    assert document.get("time") == suite.get("time")
    assert suite.get("timestamp") == example_report.checked_at.strftime("%Y-%m-%dT%H:%M:%S")
    assert suite.get("skipped") == str(example_report.summary["not_assessable"])
    assert document.get("skipped") is None


def test_junit_says_where_a_failing_rule_is_written(example_report: targets.Report) -> None:
    document = _xml(example_report.to_junit())
    case = next(c for c in document.iter("testcase") if c.get("name") == "dt-firms-100k-2025")
    failure = case.find("failure")
    assert failure is not None
    location = str(example_report["dt-firms-100k-2025"].location)
    assert failure.get("message", "").startswith(f"{location}: off track")
    assert (case.findtext("system-out") or "").startswith(location)


def test_sarif_validates_against_the_oasis_schema(
    example_report: targets.Report, sarif_validator: Any
) -> None:
    for gate in ({}, {"fail_on": "at_risk", "strict": True}, {"fail_on": None}):
        log = json.loads(example_report.to_sarif(**gate))
        errors = sorted(sarif_validator.iter_errors(log), key=str)
        assert not errors, errors[0]


def test_the_sarif_check_catches_an_invalid_log(
    example_report: targets.Report, sarif_validator: Any
) -> None:
    log = json.loads(example_report.to_sarif())
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert not sarif_validator.is_valid(log)


def test_sarif_has_an_error_per_gate_failure_on_its_rule_line(
    example_report: targets.Report,
) -> None:
    log = json.loads(example_report.to_sarif())
    results = log["runs"][0]["results"]
    errors = [r for r in results if r["level"] == "error"]
    failing = Gate().failures(example_report)
    assert sorted(r["properties"]["target"] for r in errors) == sorted(r.id for r in failing)
    first = next(r for r in results if r["properties"]["target"] == "dt-firms-100k-2025")
    where = example_report["dt-firms-100k-2025"].location
    assert where is not None
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == where.path
    assert location["region"] == {"startLine": where.line, "startColumn": where.col}
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "off_track"
    notes = [r for r in results if r["level"] == "note"]
    assert len(notes) == example_report.summary["not_assessable"]
    assert not any(r["properties"]["status"] in {"achieved", "on_track"} for r in results)


def test_gitlab_code_quality_validates_against_gitlab_and_its_documentation(
    example_report: targets.Report, gitlab_validator: Any
) -> None:
    findings = json.loads(example_report.to_gitlab())
    assert isinstance(findings, list)
    assert findings
    for finding in findings:
        gitlab_validator.validate(finding)
        assert finding["check_name"]
        assert finding["severity"] in GITLAB_SEVERITIES
        assert finding["location"]["path"].endswith("programme.yaml")
        assert finding["location"]["lines"]["begin"] > 0
    assert len({f["fingerprint"] for f in findings}) == len(findings)
    majors = [f for f in findings if f["severity"] == "major"]
    assert len(majors) == len(Gate().failures(example_report))


def test_the_gitlab_check_catches_a_finding_without_a_fingerprint(
    example_report: targets.Report, gitlab_validator: Any
) -> None:
    finding = json.loads(example_report.to_gitlab())[0]
    del finding["fingerprint"]
    assert not gitlab_validator.is_valid(finding)


def test_a_fingerprint_follows_a_target_across_runs_and_gates(
    example_report: targets.Report,
) -> None:
    def prints(report_text: str) -> dict[str, str]:
        return {f["description"].split(":")[0]: f["fingerprint"] for f in json.loads(report_text)}

    first = prints(example_report.to_gitlab())
    assert first == prints(targets.check(EXAMPLE).to_gitlab())
    stricter = prints(example_report.to_gitlab(fail_on="at_risk"))
    assert stricter["dt-firms-100k-2025"] == first["dt-firms-100k-2025"]


NEW_TARGET = """\
targets:
  - {id: brand-new-2025, metric: dt-firms, at_least: 500000, by: 2025}
"""


def test_fail_on_change_worse_gates_a_new_target_that_starts_off_track(
    example_report: targets.Report, write: Write
) -> None:
    baseline = example_report.to_dict()
    added = write({"extra.yaml": NEW_TARGET})
    report = targets.check([EXAMPLE, added], baseline=baseline)
    assert report["brand-new-2025"].status.at_or_worse_than("off_track")
    gate = Gate(on_change="worse")
    assert [r.id for r in gate.failures(report)] == ["brand-new-2025"]
    assert gate.verdict(report) == (
        "gate --fail-on-change worse: failed, 1 target new at off_track or worse (marked ✗)"
    )
    lenient = Gate(fail_on=None, on_change="worse")
    assert lenient.failures(report) == ()


def test_a_new_target_on_track_passes_the_change_gate(
    example_report: targets.Report, write: Write
) -> None:
    easy = NEW_TARGET.replace("500000, by: 2025", "1000, by: 2030")
    report = targets.check(
        [EXAMPLE, write({"extra.yaml": easy})], baseline=example_report.to_dict()
    )
    assert report["brand-new-2025"].status == "achieved"
    assert Gate(on_change="worse").failures(report) == ()
