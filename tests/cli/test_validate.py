"""`targets validate` and `targets schema`, through click and through the installed command."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from targets import ExitCode, json_schema
from targets.cli import cli

Write = Callable[[dict[str, str]], Path]


def test_valid_input_exits_0_with_a_summary(write: Write, programme_text: str) -> None:
    root = write({"p.yaml": programme_text})
    result = CliRunner().invoke(cli, ["validate", str(root)])
    assert result.exit_code == ExitCode.OK
    assert result.stdout.startswith("ok: Test programme: 4 targets, 5 metrics, 4 figures")


def test_invalid_input_exits_2_listing_every_problem_without_traceback(
    write: Write, programme_text: str
) -> None:
    text = programme_text.replace("metric: firms\n    at_least", "metirc: firms\n    at_least")
    text = text.replace("unit: USD billion", "unit: USD bilion")
    root = write({"p.yaml": text})
    result = CliRunner().invoke(cli, ["validate", str(root)])
    assert result.exit_code == ExitCode.INVALID
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert lines[0].endswith("(did you mean 'billion'?)")
    assert lines[1].endswith("(did you mean 'metric'?)")
    assert lines[2] == "2 problems in the input"
    assert "Traceback" not in result.output


def test_strict_turns_warnings_into_exit_2(write: Write, programme_text: str) -> None:
    figures = "figures:\n  - {metric: share, period: 2024, value: 120, unit: '%', source: src}\n"
    root = write({"p.yaml": programme_text, "f.yaml": figures})
    assert CliRunner().invoke(cli, ["validate", str(root)]).exit_code == ExitCode.OK
    strict = CliRunner().invoke(cli, ["validate", "--strict", str(root)])
    assert strict.exit_code == ExitCode.INVALID
    assert "warning: beyond the natural limit" in strict.stderr


def test_an_unexpected_exception_exits_3_not_1(
    write: Write, programme_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import targets.rules._load  # noqa: PLC0415

    def explode(*paths: object, **options: object) -> None:
        raise RuntimeError("deliberate failure for the test")

    monkeypatch.setattr(targets.rules._load, "load", explode)
    monkeypatch.setattr("targets.load", explode, raising=False)
    result = CliRunner().invoke(cli, ["validate", str(write({"p.yaml": programme_text}))])
    assert result.exit_code == ExitCode.INTERNAL
    assert "internal error: RuntimeError: deliberate failure for the test" in result.stderr
    assert "Traceback" not in result.stderr
    debug = CliRunner().invoke(cli, ["--debug", "validate", str(write({"p.yaml": "x: 1"}))])
    assert debug.exit_code == ExitCode.INTERNAL
    assert "Traceback" in debug.stderr


def test_usage_errors_exit_2() -> None:
    assert CliRunner().invoke(cli, ["validate", "--no-such-flag"]).exit_code == ExitCode.INVALID
    assert CliRunner().invoke(cli, ["no-such-command"]).exit_code == ExitCode.INVALID


def test_schema_prints_the_generated_schema(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
    out = tmp_path / "s.json"
    assert CliRunner().invoke(cli, ["schema", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text()) == json_schema()


def test_the_installed_command_exits_0_and_2(write: Write, programme_text: str) -> None:
    assert shutil.which("targets"), "the console script is not installed"
    good = write({"good/p.yaml": programme_text})
    bad = write({"bad/p.yaml": programme_text.replace("value: 25,", "value: .nan,")})
    ok = subprocess.run(
        ["targets", "validate", str(good / "good")], capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0, ok.stderr
    failed = subprocess.run(
        ["targets", "validate", str(bad / "bad")], capture_output=True, text=True, check=False
    )
    assert failed.returncode == 2
    assert "nan is not a usable number" in failed.stderr
    assert "Traceback" not in failed.stderr
