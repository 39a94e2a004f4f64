"""Paths and patterns the system refuses before the tool can: a name longer than the file
system allows, given as an input, a report file or in a settings file, is a usage error
naming it (exit 2, nothing written), never an internal error; a pattern from a settings
file is quoted as a short escaped excerpt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from targets import ExitCode

Write = Callable[[dict[str, str]], Path]

PROGRAMME = """\
programme: {name: Paths}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics: [{id: firms, name: Firms, unit: firm, direction: higher}]
targets:
  - {id: firms-2030, metric: firms, at_least: 100, by: 2030, source: s}
figures:
  - {metric: firms, period: 2020, value: 50, unit: firm, source: s}
  - {metric: firms, period: 2024, value: 60, unit: firm, source: s}
"""
TOO_LONG = "n" * 300  # a file name of more than 255 bytes: ENAMETOOLONG


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "targets", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=cwd,
        timeout=60,
    )


@pytest.fixture
def root(write: Write) -> Path:
    return write({"ex/programme.yaml": PROGRAMME})


@pytest.mark.parametrize(
    "args",
    [
        ["check", "ex", f"ex/{TOO_LONG}.yaml"],
        ["validate", f"ex/{TOO_LONG}"],
        ["explain", "firms-2030", "ex", f"{TOO_LONG}/figures.csv"],
        ["report", "ex", f"{TOO_LONG}.yaml", "--html", "page.html"],
    ],
    ids=["check", "validate", "explain", "report"],
)
def test_an_input_path_too_long_for_the_system_is_refused_by_name(
    root: Path, args: list[str]
) -> None:
    result = run(*args, cwd=root)
    assert result.returncode == ExitCode.INVALID, result.stderr
    assert "cannot read: File name too long" in result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert sorted(p.name for p in root.iterdir()) == ["ex"]


@pytest.mark.parametrize(
    "args",
    [
        ["check", "ex", "--json", "ok.json", "--junit", f"{TOO_LONG}.xml"],
        ["check", "ex", "--json", "ok.json", "--markdown", f"{TOO_LONG}/r.md"],
        ["report", "ex", "--html", f"{TOO_LONG}.html"],
    ],
    ids=["junit", "markdown-in-folder", "html"],
)
def test_a_report_path_too_long_for_the_system_is_a_usage_error(
    root: Path, args: list[str]
) -> None:
    result = run(*args, cwd=root)
    assert result.returncode == ExitCode.INVALID, result.stderr
    assert "cannot write nnnn" in result.stderr
    assert "File name too long" in result.stderr
    assert "internal error" not in result.stderr
    assert sorted(p.name for p in root.iterdir()) == ["ex"]  # not even ok.json


def test_a_report_path_too_long_in_a_settings_file_is_a_usage_error(root: Path) -> None:
    (root / "targets.toml").write_text(f'paths = ["ex"]\njson = "{TOO_LONG}.json"\n')
    result = run("check", cwd=root)
    assert result.returncode == ExitCode.INVALID, result.stderr
    assert "File name too long" in result.stderr
    assert "internal error" not in result.stderr


def test_a_select_pattern_from_a_settings_file_is_quoted_short_and_escaped(root: Path) -> None:
    pattern = "x" * 5000 + "\\n::error::forged"
    (root / "targets.toml").write_text(f'paths = ["ex"]\nselect = ["{pattern}"]\n')
    result = run("check", cwd=root)
    assert result.returncode == ExitCode.INVALID, result.stderr
    message = result.stderr.splitlines()[-1]
    assert message.startswith("Error: --select 'xxx")
    assert "matches no target" in message
    assert len(result.stderr) < 400
    assert "forged" not in result.stderr


def test_an_unknown_selection_field_is_quoted_escaped(root: Path) -> None:
    result = run("check", "ex", "--select", "status:x\n::error::forged", cwd=root)
    assert result.returncode == ExitCode.INVALID
    assert "unknown status 'x\\n::error::forged'" in result.stderr


@pytest.mark.parametrize("option", ["--jsonl", "--markdown", "--junit"])
def test_a_report_path_that_is_the_baseline_is_a_usage_error(root: Path, option: str) -> None:
    """The baseline is a file read too: a report named after it (or a link to it) would
    replace the earlier run it was compared with (but the JSON report: see below)."""
    made = run("check", "ex", "--json", "base.json", cwd=root)
    assert made.returncode == ExitCode.OK, made.stderr
    (root / "link.json").symlink_to("base.json")
    before = (root / "base.json").read_bytes()
    result = run("check", "ex", "--baseline", "link.json", option, "base.json", cwd=root)
    assert result.returncode == ExitCode.INVALID, result.stderr
    assert "'base.json' is one of the files read: a report would replace it" in result.stderr
    assert (root / "base.json").read_bytes() == before


def test_the_json_report_may_roll_the_baseline_forward(root: Path) -> None:
    """``--baseline last.json --json last.json``: the run compared with the last one becomes
    the next one's baseline (the JSON report is a baseline; nothing else may replace it)."""
    made = run("check", "ex", "--json", "last.json", "--as-of", "2023-12-31", cwd=root)
    assert made.returncode in (ExitCode.OK, ExitCode.GATE), made.stderr
    before = json.loads((root / "last.json").read_text(encoding="utf-8"))
    rolled = run("check", "ex", "--baseline", "last.json", "--json", "last.json", cwd=root)
    assert rolled.returncode in (ExitCode.OK, ExitCode.GATE), rolled.stderr
    after = json.loads((root / "last.json").read_text(encoding="utf-8"))
    assert before["as_of"] == "2023-12-31"
    assert after["as_of"] is None  # the new run's report, compared with the old one
    assert isinstance(after["changes"], list)


def test_a_named_pipe_no_process_reads_is_refused_not_waited_on(root: Path) -> None:
    os.mkfifo(root / "pipe")
    result = run("check", "ex", "--json", "ok.json", "--markdown", "pipe", cwd=root)
    assert result.returncode == ExitCode.INVALID, result.stderr
    assert "cannot write pipe: a named pipe no process reads" in result.stderr
    assert not (root / "ok.json").exists()  # every report or none


def test_a_named_pipe_with_a_reader_gets_the_report(root: Path) -> None:
    os.mkfifo(root / "pipe")
    reader = os.open(root / "pipe", os.O_RDONLY | os.O_NONBLOCK)  # the report fits its buffer
    try:
        result = run("check", "ex", "--markdown", "pipe", cwd=root)
        out = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert result.returncode == ExitCode.OK, result.stderr
    assert b"firms-2030" in out
