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


THREE_PROBLEMS = """\
programme: {name: P}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics: [{id: firms, name: Firms, unit: firm, direction: higher}]
targets:
  - {id: t, metric: firms, at_least: 100, by: 2030}
figures:
  - {metric: frms, period: 20x4, value: 5x0, unit: firm, source: s}
"""


def test_a_bad_number_a_bad_year_and_an_unknown_metric_are_listed_in_one_run(
    write: Write,
) -> None:
    # All three sit in one figure: its own problems used to hide the unknown metric until
    # they were fixed.
    root = write({"p.yaml": THREE_PROBLEMS})
    result = CliRunner().invoke(cli, ["validate", str(root)])
    assert result.exit_code == ExitCode.INVALID
    lines = result.stderr.splitlines()
    assert lines[-1] == "3 problems in the input"
    assert lines[0].endswith("p.yaml:7:14: unknown metric 'frms' (did you mean 'firms'?)")
    assert "p.yaml:7:28: 'period': '20x4' is not a period" in lines[1]
    assert "p.yaml:7:41: 'value': '5x0' is not a number" in lines[2]


def test_an_invalid_target_and_a_csv_row_report_their_unknown_references_too(
    write: Write,
) -> None:
    text = THREE_PROBLEMS.replace(
        "  - {id: t, metric: firms, at_least: 100, by: 2030}",
        "  - {id: t, metric: firmz, at_least: 1x0, by: 2030, source: nowhere}",
    )
    rows = "metric,period,value,unit,source\nfirms,20x4,5,firm,elsewhere\n"
    root = write({"p.yaml": text, "f.csv": rows})
    stderr = CliRunner().invoke(cli, ["validate", str(root)]).stderr
    assert "p.yaml:5:21: unknown metric 'firmz' (did you mean 'firms'?)" in stderr
    assert "unknown source 'nowhere'" in stderr
    assert "f.csv:2:" in stderr
    assert "unknown source 'elsewhere'" in stderr
