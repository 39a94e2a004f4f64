"""`targets report --html FILE`: written only after everything was evaluated, exit 0 or 2."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

import targets
from targets import ExitCode
from targets.cli import cli

Write = Callable[[dict[str, str]], Path]
EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "vietnam-digital")

PROGRAMME = """\
programme: {name: Small}
sources: [{id: s, publisher: P, date: 2025-01, url: "https://example.org/p"}]
metrics: [{id: firms, name: Firms, unit: firm, direction: higher}]
targets:
  - {id: on-course, metric: firms, at_least: 100, by: 2030, tags: [firms]}
  - {id: too-far, metric: firms, at_least: 10000, by: 2026, severity: warn}
figures:
  - {metric: firms, period: 2020, value: 50, unit: firm, source: s, published: 2021-01}
  - {metric: firms, period: 2024, value: 80, unit: firm, source: s, published: 2025-01}
"""


def cards(path: Path) -> list[ET.Element]:
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    return [e for e in root.iter("article") if e.get("class") == "card"]


def test_the_report_is_written_and_exits_0_even_when_the_gate_trips(
    tmp_path: Path, example_report: targets.Report
) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", EXAMPLE, "--html", str(out)])
    assert result.exit_code == ExitCode.OK, result.output
    assert len(cards(out)) == 33
    assert "✗ Gate failed: 9 targets" in out.read_text(encoding="utf-8")
    achieved = example_report.summary["achieved"]
    assert f"wrote {out}: 33 targets ({achieved} achieved" in result.stderr
    assert result.stdout == ""


def test_amounts_near_the_largest_double_are_charted(write: Write, tmp_path: Path) -> None:
    huge = "  - {id: huge, metric: firms, at_least: 1.7976931348623157e308, by: 2030}\n"
    root = write({"p.yaml": PROGRAMME.replace("figures:\n", huge + "figures:\n")})
    out = tmp_path / "out.html"
    result = CliRunner().invoke(cli, ["report", str(root), "--html", str(out)])
    assert result.exit_code == ExitCode.OK, result.output
    assert len(cards(out)) == 3


def test_invalid_rules_exit_2_and_write_nothing(write: Write, tmp_path: Path) -> None:
    root = write({"p.yaml": PROGRAMME.replace("direction: higher", "direction: upward")})
    out = tmp_path / "out.html"
    result = CliRunner().invoke(cli, ["report", str(root), "--html", str(out)])
    assert result.exit_code == ExitCode.INVALID
    assert "p.yaml:3:" in result.stderr
    assert not out.exists()


def test_a_selection_matching_nothing_exits_2_and_writes_nothing(
    write: Write, tmp_path: Path
) -> None:
    out = tmp_path / "out.html"
    args = ["report", str(write({"p.yaml": PROGRAMME})), "--select", "nope-*", "--html", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == ExitCode.INVALID
    assert not out.exists()


def test_html_is_required() -> None:
    result = CliRunner().invoke(cli, ["report", EXAMPLE])
    assert result.exit_code == ExitCode.INVALID
    assert "--html" in result.stderr


def test_an_unwritable_file_exits_2(write: Write, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "dir.html"
    result = CliRunner().invoke(
        cli, ["report", str(write({"p.yaml": PROGRAMME})), "--html", str(out)]
    )
    assert result.exit_code == ExitCode.INVALID
    assert "cannot write" in result.stderr


def test_dash_writes_to_standard_output(write: Write) -> None:
    result = CliRunner().invoke(cli, ["report", str(write({"p.yaml": PROGRAMME})), "--html", "-"])
    assert result.exit_code == ExitCode.OK
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.count('<article class="card"') == 2


def test_the_options_of_check_apply(write: Write, tmp_path: Path) -> None:
    root = str(write({"p.yaml": PROGRAMME}))
    out = tmp_path / "r.html"

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["report", root, "--html", str(out), *args])
        assert result.exit_code == ExitCode.OK, result.output
        return out.read_text(encoding="utf-8")

    run("--select", "tag:firms")
    assert [c.get("id") for c in cards(out)] == ["target-on-course"]
    run("--exclude", "on-*")
    assert [c.get("id") for c in cards(out)] == ["target-too-far"]
    assert "as of 2024-06-01" in run("--as-of", "2024-06-01")
    assert "method unsd for every target" in run("--method", "unsd")
    assert "✓ Gate passed" in run()  # too-far is off track, but only a warning
    assert "✗ Gate failed: 1 target is off track or worse" in run("--strict")
    assert "no gate set" in run("--fail-on", "none")


def test_report_is_listed_and_its_help_stays_light() -> None:
    assert "report" in CliRunner().invoke(cli, ["--help"]).stdout
    probe = (
        "import json, sys\nfrom targets.cli import cli\n"
        "try:\n    cli.main(args=['report', '--help'], prog_name='targets')\n"
        "except SystemExit:\n    pass\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(json.loads(run.stdout.splitlines()[-1]))
    assert loaded.isdisjoint({"pint", "pydantic", "numpy", "yaml"})
    assert "--fail-on" in run.stdout
