"""GitHub annotations, Markdown, SARIF and GitLab code quality stay proportionate at
scale: the worst results are written, the rest counted; small programmes are listed whole;
JUnit and JSON keep every pair. Caps are lowered (monkeypatch) so small programmes cross
them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest

import targets
from targets.engine import WORST_FIRST, Status
from targets.judge import Gate
from targets.render import _findings, _github, _markdown, render
from targets.render._github import MAX_ANNOTATIONS
from tests.test_ci_formats import SCHEMAS
from tests.test_html_at_scale import Write, regions

_LINE = re.compile(r"^::(error|warning) .*title=([^:]+)%3A ([a-z ]+)::", re.M)


def test_github_annotates_the_worst_of_each_level_and_counts_the_rest(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    cap = 3  # GitHub's is MAX_ANNOTATIONS (10); three is crossed by a small programme
    monkeypatch.setattr(_github, "MAX_ANNOTATIONS", cap)
    report = regions(write, 40)
    gate = Gate()
    failing = set(gate.failing_keys(report))
    out = render(report, "github", gate=gate)
    found = _LINE.findall(out)
    errors = [(key, words) for level, key, words in found if level == "error"]
    warnings = [(key, words) for level, key, words in found if level == "warning"]
    warned = [
        r for r in report if r.key not in failing and r.status.at_or_worse_than(Status.AT_RISK)
    ]
    assert len(failing) > cap  # the programme crosses the cap
    assert len(errors) == cap
    assert len(warnings) == min(len(warned), cap)
    assert errors[0][0] == "reach-40[R000]"  # it does not grow: the worst
    ranks = [WORST_FIRST.index(Status(w.replace(" ", "_"))) for _, w in errors]
    assert ranks == sorted(ranks)
    notice = out.splitlines()[-1]
    assert notice.startswith("::notice ")
    assert f"Not annotated: {len(failing) - cap} more errors" in notice
    assert out.count("\n") == len(found) + 1  # the annotations and one notice, nothing else


def test_github_annotates_a_small_programme_whole(
    example_report: targets.Report,
) -> None:
    gate = Gate()
    out = render(example_report, "github", gate=gate)
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(errors) == len(gate.failing_keys(example_report)) <= MAX_ANNOTATIONS
    assert "Not annotated" not in out


def test_markdown_of_a_large_report_groups_entities_and_caps_rows(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_markdown, "MAX_ROWS", 5)
    report = regions(write, 40, names={0: "A|000"})
    out = render(report, "markdown", gate=Gate())
    assert "40 results on all figures" in out
    assert "### Judged for each entity (1 target)" in out
    row = next(line for line in out.splitlines() if "| `reach-40` |" in line)
    for status, n in report.summary.items():
        if n:
            assert f"{n} {status.replace('_', ' ')}" in row
    assert "`reach-40[A\\|000]`, " in row  # its worst entity first, its pipe escaped
    assert sum("`reach-40[" in line for line in out.splitlines()) == 1  # no row per pair
    assert "A|000" not in out  # so the pipe stays inside its cell


def test_markdown_of_a_small_report_lists_every_target(
    example_report: targets.Report,
) -> None:
    out = render(example_report, "markdown", gate=Gate())
    rows = [line for line in out.splitlines() if line.startswith("| ") and "| `" in line]
    assert len(rows) == len(example_report)
    assert "Judged for each entity" not in out


def test_junit_and_json_keep_every_pair(write: Write) -> None:
    report = regions(write, 40)
    cases = list(ET.fromstring(render(report, "junit", gate=Gate())).iter("testcase"))
    assert len(cases) == len(report) == 40
    assert len(json.loads(render(report, "json", gate=Gate()))["results"]) == 40


def test_sarif_and_gitlab_list_the_worst_findings_and_sarif_counts_the_rest(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_findings, "MAX_FINDINGS", 5)
    report = regions(write, 40)
    attention = [r for r in report if r.status.at_or_worse_than(Status.AT_RISK)]
    attention += [r for r in report if r.status is Status.NOT_ASSESSABLE]
    assert len(attention) > 5
    log = json.loads(render(report, "sarif", gate=Gate()))
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == 5
    assert results[0]["properties"]["target"] == "reach-40[R000]"  # the worst first
    ranks = [WORST_FIRST.index(Status(r["properties"]["status"])) for r in results]
    assert ranks == sorted(ranks)
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith(f"{len(attention) - 5} more findings not listed")
    assert len(json.loads(render(report, "gitlab", gate=Gate()))) == 5


def test_sarif_of_a_small_programme_lists_every_finding(
    example_report: targets.Report,
) -> None:
    log = json.loads(example_report.to_sarif())
    assert "toolExecutionNotifications" not in log["runs"][0]["invocations"][0]
    attention = [r for r in example_report if r.status.at_or_worse_than(Status.AT_RISK)]
    attention += [r for r in example_report if r.status is Status.NOT_ASSESSABLE]
    assert len(log["runs"][0]["results"]) == len(attention)
