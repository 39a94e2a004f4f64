"""Start-up: `targets --help` must not import the heavy libraries that commands use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("pint", "pydantic", "numpy", "yaml")

PROBE = """
import json, sys
from targets.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="targets")
except SystemExit:
    pass
names = set(sys.modules) | {m.split(".")[0] for m in sys.modules}
print("LOADED=" + json.dumps(sorted(names & set(json.loads(sys.stdin.read())))))
"""


def _imported_after(asked: tuple[str, ...], *args: str) -> list[str]:
    """Which of `asked` (packages or modules) the command `args` imported, run in a fresh
    process."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input=json.dumps(asked),
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("LOADED="))
    loaded: list[str] = json.loads(line.removeprefix("LOADED="))
    return loaded


def _heavy_modules_after(*args: str) -> list[str]:
    return _imported_after(HEAVY, *args)


def test_help_imports_neither_pint_nor_pydantic() -> None:
    assert _heavy_modules_after("--help") == []


def test_subcommand_help_imports_neither_pint_nor_pydantic() -> None:
    assert _heavy_modules_after("validate", "--help") == []


def test_the_probe_does_see_heavy_imports_when_a_command_runs() -> None:
    # Guards the probe itself: `schema` builds the models, so pydantic must show up.
    assert "pydantic" in _heavy_modules_after("schema")


def test_python_dash_m_targets_is_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "targets", "--help"], capture_output=True, text=True, check=True
    )
    assert "Exit codes:" in result.stdout
    assert "validate" in result.stdout


def test_checking_needs_neither_pandas_nor_matplotlib() -> None:
    """The notebook extra is optional: the core checks and reports without importing it."""
    example = str(Path(__file__).resolve().parents[2] / "examples" / "vietnam-digital")
    script = (
        "import sys, targets\n"
        f"report = targets.check({example!r})\n"
        "report.to_text(); report.to_json(); report.to_junit(); report.to_html()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'matplotlib'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


UNUSED_BY_A_TEXT_CHECK = (
    "pyarrow",
    "tomllib",
    "xml.etree.ElementTree",
    "targets.render._html",
    "targets.render._junit",
    "targets.render._findings",
    "targets.render._markdown",
    "targets.rules._record",
    "yaml",  # the fast reader takes the example's hand-written files whole
    "targets.rules._yaml_events",
    "concurrent.futures",  # the reading thread is for columnar files
    "targets.rules._columnar",
    "targets.rules._columnar_figures",
    "targets.engine._chance_batch",
)


def test_a_text_check_of_yaml_files_imports_only_what_it_runs() -> None:
    """The other report formats, the record command, PyYAML, the columnar readers and their
    thread, and the batch chance engine are imported when first used: the small example's
    check runs none."""
    example = str(Path(__file__).resolve().parents[2] / "examples" / "vietnam-digital")
    assert _imported_after(UNUSED_BY_A_TEXT_CHECK, "--no-config", "check", example, "-q") == []
    # The probe sees those modules once a run needs them: a JUnit report loads its own.
    junit = _imported_after(
        UNUSED_BY_A_TEXT_CHECK, "--no-config", "check", example, "-q", "--junit", "/dev/null"
    )
    assert "targets.render._junit" in junit
