"""The shipped CI files: the GitHub workflow and the pre-commit hook call real commands."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from targets.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_workflow_runs_check_writes_junit_and_annotates() -> None:
    workflow = _yaml(ROOT / "examples" / "ci" / "targets.yml")
    steps = workflow["jobs"]["check"]["steps"]
    commands = [s["run"] for s in steps if "run" in s and "targets check" in s["run"]]
    assert any("--junit targets-junit.xml" in c and "--format github" in c for c in commands)
    assert any("--baseline baseline.json --fail-on-change worse" in c for c in commands)
    assert any("rm -f baseline.json" in c for c in commands)  # no usable baseline: statuses
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert "targets-junit.xml" in upload["with"]["path"]


def test_every_targets_command_in_the_workflow_parses(tmp_path: Path) -> None:
    """Each `targets check ...` line is accepted by the real command-line parser."""
    workflow = _yaml(ROOT / "examples" / "ci" / "targets.yml")
    rules = workflow["env"]["RULES"]
    for step in workflow["jobs"]["check"]["steps"]:
        for line in str(step.get("run", "")).splitlines():
            if not line.strip().startswith("targets check"):
                continue
            command = line.replace("$RULES", rules).replace("/tmp/base/", "").replace("\\", "")
            command = command.replace("$gate", "--baseline baseline.json --fail-on-change worse")
            words = [w for w in shlex.split(command) if w not in {">", "/dev/null"}]
            args = [*words[1:], "--help"]
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, (line, result.output)


def test_the_pre_commit_hook_validates() -> None:
    (hook,) = _yaml(ROOT / ".pre-commit-hooks.yaml")
    assert hook["entry"] == "targets validate"
    assert hook["pass_filenames"] is False
    assert (
        CliRunner().invoke(cli, ["validate", str(ROOT / "examples" / "vietnam-digital")]).exit_code
        == 0
    )


CURRENT = {
    "actions/checkout": 7,
    "actions/setup-python": 7,
    "actions/upload-artifact": 7,
    "mikepenz/action-junit-report": 6,
}
"""The major versions current when the workflow was last reviewed (July 2026): each runs on
Node 24; older majors run on Node 20, which GitHub's runners retire."""


def test_the_workflow_uses_current_action_versions() -> None:
    workflow = _yaml(ROOT / "examples" / "ci" / "targets.yml")
    used = [str(s["uses"]) for s in workflow["jobs"]["check"]["steps"] if "uses" in s]
    assert used
    for action in used:
        name, _, version = action.partition("@")
        assert name in CURRENT, action
        assert version == f"v{CURRENT[name]}", action


def test_checks_write_is_asked_only_to_publish_the_junit_check() -> None:
    workflow = _yaml(ROOT / "examples" / "ci" / "targets.yml")
    job = workflow["jobs"]["check"]
    assert job["permissions"] == {"contents": "read", "checks": "write"}
    publish = next(
        s for s in job["steps"] if str(s.get("uses", "")).startswith("mikepenz/action-junit-report")
    )
    assert publish["with"]["report_paths"] == "targets-junit.xml"
    assert "always()" in publish["if"]
