"""Gates set to their edges, in every CI format: a gate that fails targets achieved or on
track (``--fail-on achieved``, ``--fail-on-change any`` after an improvement) is a valid
run whose every report must still be written, never an internal error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import targets
from targets import ExitCode
from targets.render import render

SCHEMAS = Path(__file__).parent / "schemas"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"


def _sarif_is_consistent(text: str) -> list[str]:
    """The rule ids of the log's error findings, after checking it against the SARIF schema
    and that each finding's ruleIndex points at its rule."""
    log = json.loads(text)
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for finding in run["results"]:
        assert rules[finding["ruleIndex"]]["id"] == finding["ruleId"]
    return [f["ruleId"] for f in run["results"] if f["level"] == "error"]


@pytest.mark.parametrize("fail_on", ["achieved", "on_track"])
def test_sarif_of_a_gate_that_fails_good_statuses_names_their_rules(
    example_report: targets.Report, fail_on: str
) -> None:
    errors = _sarif_is_consistent(example_report.to_sarif(fail_on=fail_on))
    assert "on_track" in errors
    assert ("achieved" in errors) == (fail_on == "achieved")


def test_the_default_sarif_log_lists_no_rule_for_good_statuses(
    example_report: targets.Report,
) -> None:
    rules = json.loads(example_report.to_sarif())["runs"][0]["tool"]["driver"]["rules"]
    assert {"on_track", "achieved"}.isdisjoint(rule["id"] for rule in rules)


def test_sarif_gated_on_any_change_names_the_rule_of_an_improvement(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    earlier = targets.check(targets.load(EXAMPLE), as_of="2021-01-01")
    baseline.write_text(earlier.to_json(), encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    gate = ["--baseline", str(baseline), "--fail-on-change", "any", "--format", "sarif"]
    result = subprocess.run(
        [sys.executable, "-m", "targets", "check", str(EXAMPLE), *gate],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    assert result.returncode == ExitCode.GATE, result.stderr
    assert "achieved" in _sarif_is_consistent(result.stdout)


def test_every_format_renders_a_gate_that_fails_everything(
    example_report: targets.Report,
) -> None:
    gate = targets.judge.Gate(fail_on="achieved")
    for kind in ("text", "json", "jsonl", "junit", "markdown", "github", "sarif", "gitlab"):
        assert render(example_report, kind, gate=gate)
