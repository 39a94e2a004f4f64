"""`targets record`, in process and through the installed command as CI runs it: kills in
the middle of a write, concurrent runs, and a round trip on every file of the example."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

import targets
from targets import ExitCode
from targets.cli import cli
from targets.rules._record_io import locked

from ..test_record import FIGURES, NEW_TEXT, leftovers, programme

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "vietnam-digital"
COMMAND = [sys.executable, "-m", "targets", "record"]
HOOK = "_TARGETS_RECORD_TEST_PAUSES"
ARGS = [
    "--metric",
    "firms",
    "--period",
    "2024",
    "--value",
    "74000",
    "--unit",
    "firm",
    "--source",
    "src",
    "--published",
    "2025-02-01",
]


def test_the_diff_goes_to_stdout_and_the_summary_to_stderr(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    result = CliRunner().invoke(cli, ["record", str(path), *ARGS])
    assert result.exit_code == ExitCode.OK
    added = "".join(f"+{line}\n" for line in NEW_TEXT[1:].splitlines())
    assert result.stdout.endswith("     note: ~\n+\n" + added)
    assert result.stdout.startswith(f"--- a/{path}\n+++ b/{path}\n@@ -21,3 +21,10 @@\n")
    assert result.stderr == f"{path}: added 1 figure\n"
    assert path.read_text(encoding="utf-8") == FIGURES + NEW_TEXT


def test_dry_run_prints_the_diff_and_quiet_prints_nothing(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    dry = CliRunner().invoke(cli, ["record", str(path), *ARGS, "--dry-run"])
    assert dry.exit_code == ExitCode.OK
    assert "+    value: 74000\n" in dry.stdout
    assert dry.stderr == f"{path}: added 1 figure; dry run, nothing written\n"
    assert path.read_text(encoding="utf-8") == FIGURES
    quiet = CliRunner().invoke(cli, ["record", str(path), *ARGS, "--quiet"])
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (ExitCode.OK, "", "")
    assert path.read_text(encoding="utf-8") == FIGURES + NEW_TEXT


def test_refused_and_invalid_figures_exit_2_with_positions_and_write_nothing(
    tmp_path: Path,
) -> None:
    path = programme(tmp_path, FIGURES)
    existing = ["--metric", "firms", "--period", "2023", "--source", "src"]
    again = CliRunner().invoke(
        cli, ["record", str(path), *existing, "--value", "1", "--unit", "firm"]
    )
    assert again.exit_code == ExitCode.INVALID
    assert again.stderr == (
        f"{path}:6:5: the figure firms 2023, source src is already recorded here; "
        "--replace replaces it\n1 problem; nothing written\n"
    )
    bad = CliRunner().invoke(cli, ["record", str(path), *ARGS[:4], "--value", "abc"])
    assert bad.exit_code == ExitCode.INVALID
    assert bad.stderr.startswith("<arguments>:1:1: 'value': 'abc' is not a number")
    assert bad.stdout == ""
    assert "Traceback" not in bad.output
    assert path.read_text(encoding="utf-8") == FIGURES


@pytest.mark.parametrize("figures", ["5", "true", "1.5", "x", "{a: 1}"])
def test_a_figures_key_that_is_no_list_is_refused_not_an_internal_error(
    tmp_path: Path, figures: str
) -> None:
    path = programme(tmp_path, f"figures: {figures}\n")
    result = CliRunner().invoke(cli, ["record", str(path), *ARGS])
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "cannot edit this file safely: 'figures' is not a list" in result.stderr
    assert path.read_text(encoding="utf-8") == f"figures: {figures}\n"


def test_replace_and_remove_through_the_command(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    assert CliRunner().invoke(cli, ["record", str(path), *ARGS]).exit_code == ExitCode.OK
    other = CliRunner().invoke(cli, ["record", str(path), *ARGS[:-4], "--value", "1"])
    assert other.exit_code == ExitCode.OK  # no source, so another edition: added
    twice = CliRunner().invoke(cli, ["record", str(path), *ARGS])
    assert twice.exit_code == ExitCode.INVALID
    assert twice.stderr.startswith(f"{path}:25:5: the figure firms 2024, source src,")
    changed = [*ARGS[:4], "--value", "75,000", *ARGS[6:]]
    replaced = CliRunner().invoke(cli, ["record", str(path), *changed, "--replace"])
    assert replaced.exit_code == ExitCode.OK
    assert "-    value: 74000\n+    value: 75,000\n" in replaced.stdout
    removal = [*ARGS[:4], *ARGS[8:], "--remove"]
    removed = CliRunner().invoke(cli, ["record", str(path), *removal])
    assert (removed.exit_code, removed.stderr) == (ExitCode.OK, f"{path}: removed 1 figure\n")
    assert "value: 75,000" not in path.read_text(encoding="utf-8")


def test_from_records_every_figure_of_a_file(tmp_path: Path) -> None:
    path = programme(tmp_path / "p", FIGURES)
    given = tmp_path / "new.yaml"
    given.write_text(
        "figures:\n  - {metric: firms, period: 2024, value: 74000, unit: firm}\n"
        "  - {metric: gci, period: 2024, value: 28, unit: rank}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["record", str(path), "--from", str(given)])
    assert (result.exit_code, result.stderr) == (ExitCode.OK, f"{path}: added 2 figures\n")
    assert path.read_text(encoding="utf-8").endswith(
        "    note: ~\n\n  - metric: firms\n    period: 2024\n    value: 74000\n    unit: firm\n"
        "\n  - metric: gci\n    period: 2024\n    value: 28\n    unit: rank\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--from", "x.csv", "--metric", "firms"],
        [*ARGS, "--replace", "--remove"],
        [*ARGS, "--wait", "-1"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    path = programme(tmp_path, FIGURES)
    result = CliRunner().invoke(cli, ["record", str(path), *args])
    assert result.exit_code == ExitCode.INVALID
    assert path.read_text(encoding="utf-8") == FIGURES


def test_a_held_lock_exits_2_after_the_wait(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    with locked(path, 1.0):
        result = CliRunner().invoke(cli, ["record", str(path), *ARGS, "--wait", "0.1"])
    assert result.exit_code == ExitCode.INVALID
    assert "another 'targets record' has held" in result.stderr
    assert path.read_text(encoding="utf-8") == FIGURES


def test_control_characters_in_the_diff_are_escaped(tmp_path: Path) -> None:
    path = programme(tmp_path, "metric,period,value,unit,note\n", "figures.csv")
    args = ["--metric", "firms", "--period", "2024", "--value", "1", "--unit", "firm"]
    result = CliRunner().invoke(cli, ["record", str(path), *args, "--note", "\x1b[2Jgone"])
    assert result.exit_code == ExitCode.OK
    assert "+firms,2024,1,firm,\\x1b[2Jgone\n" in result.stdout
    assert "\x1b" not in result.stdout
    assert path.read_text(encoding="utf-8").endswith("firms,2024,1,firm,\x1b[2Jgone\n")


PROBE = """
import json, sys
from targets.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="targets")
except SystemExit:
    pass
print("HEAVY=" + json.dumps(sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(
    sys.stdin.read())))))
"""


@pytest.mark.parametrize("args", [["--help"], ["record", "--help"]])
def test_help_imports_no_yaml_library_nor_the_models(args: list[str]) -> None:
    heavy = ["numpy", "pint", "pydantic", "ruamel", "yaml"]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input=json.dumps(heavy),
        capture_output=True,
        text=True,
        check=True,
    )
    assert "HEAVY=[]" in result.stdout.splitlines()


HUB_RULES = """\
programme:
  name: Kill test
metrics:
  - id: hub
    name: Semiconductor hub
    unit: yes/no
"""
HUB = """\
# A yes/no metric loads without pint: each run of the command starts faster.
figures:
  - metric: hub   # decided in 2023
    period: 2023
    value: no
"""
HUB_ARGS = ["--metric", "hub", "--period", "2024", "--value", "yes"]
HUB_ADDED = "  - metric: hub\n    period: 2024\n    value: yes\n"
KILL_POINTS = [
    ("locked", 1),
    ("writing", 1),
    ("written part", 1),
    ("written part", 2),
    ("written part", 3),
    ("synced", 1),
    ("replaced", 1),
]
"""Where the test hook pauses: after taking the lock, then at each step of the write."""


def _hub(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "rules.yaml").write_text(HUB_RULES, encoding="utf-8")
    path = folder / "figures.yaml"
    path.write_text(HUB, encoding="utf-8")
    return path


def _start(path: Path, args: list[str], pauses: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*COMMAND, str(path), *args, "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, HOOK: pauses},
    )


def _wait_for(process: subprocess.Popen[str], stage: str, times: int = 1) -> list[str]:
    """Standard error up to the `times`-th ``record: STAGE`` line (all of it, if none)."""
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        times -= line == f"record: {stage}\n"
        if not times:
            break
    return seen


def test_a_kill_at_any_moment_of_a_write_leaves_the_old_file_or_the_new(tmp_path: Path) -> None:
    """The test hook pauses 15 ms after taking the lock and after each step of the write;
    each run is killed at a seeded random moment of one of those pauses, each pause 3 times:
    before the temporary file exists, while it is half written, after the rename. The file
    must then hold exactly the old text or exactly the new, and both are valid."""
    old, new = HUB.encode(), (HUB + HUB_ADDED).encode()
    rng = random.Random(11)
    trials = [(point, rng.uniform(0.0, 0.015)) for point in KILL_POINTS * 3]
    rng.shuffle(trials)

    def trial(index: int) -> tuple[bytes, int | None, Path]:
        (stage, times), delay = trials[index]
        path = _hub(tmp_path / f"run{index}")
        process = _start(path, HUB_ARGS, "0.015,0.015")
        seen = _wait_for(process, stage, times)
        assert seen[-1:] == [f"record: {stage}\n"], "".join(seen)
        time.sleep(delay)
        process.kill()
        process.communicate()
        return path.read_bytes(), process.returncode, path

    with ThreadPoolExecutor(max_workers=max(2, min(8, os.cpu_count() or 2))) as pool:
        outcomes = list(pool.map(trial, range(len(trials))))
    for content, code, path in outcomes:
        assert content in (old, new), f"{path} holds neither the old text nor the new"
        assert code == -9 or (code == 0 and content == new)
        for name in leftovers(path.parent):
            assert name == ".figures.yaml.lock" or name.endswith(".record-tmp"), name
    assert {content for content, _, _ in outcomes} == {old, new}
    for content in (old, new):
        path = next(p for c, _, p in outcomes if c == content)
        assert targets.validate(path.parent) == ()


def test_two_concurrent_records_both_land(tmp_path: Path) -> None:
    """The first run holds the lock for 2 s after reading the file; the second starts then,
    so without the lock it would read the old file too and one figure would be lost."""
    path = _hub(tmp_path / "hub")
    first = _start(path, HUB_ARGS, "2,0")
    assert _wait_for(first, "locked")[-1:] == ["record: locked\n"]
    second = _start(path, ["--metric", "hub", "--period", "2025", "--value", "yes"], "0,0")
    _, first_errors = first.communicate(timeout=60)
    _, second_errors = second.communicate(timeout=60)
    assert (first.returncode, second.returncode) == (0, 0), first_errors + second_errors
    loaded = targets.load(path.parent)
    assert [(f.period.year, f.flag) for f in loaded.figures] == [
        (2023, False),
        (2024, True),
        (2025, True),
    ]
    assert path.read_text(encoding="utf-8") == HUB + HUB_ADDED + HUB_ADDED.replace("2024", "2025")
    assert "record: waiting\n" in second_errors  # it did find the lock held
    assert leftovers(path.parent) == []


ADDED = {
    "digital-economy.yaml": ["internet-economy-gmv", "2026", "40", "USD billion"],
    "e-commerce.yaml": ["ecommerce-gmv-econ", "2026", "30", "USD billion"],
    "firms.yaml": ["dt-firms", "2026", "80,000", "firm"],
    "ranks.csv": ["egdi-rank", "2026", "60", "rank"],
    "revenue.yaml": ["ict-revenue", "2026", "170.5", "USD billion"],
    "workforce.yaml": ["dt-workforce", "2026", "1.5", "million person"],
}


def test_record_then_remove_gives_back_each_example_file_byte_for_byte(tmp_path: Path) -> None:
    copy = tmp_path / "vietnam-digital"
    shutil.copytree(EXAMPLE, copy)
    files = sorted((copy / "figures").iterdir())
    assert [f.name for f in files if f.suffix in (".yaml", ".csv")] == sorted(ADDED)
    original = {f.name: f.read_bytes() for f in files}

    def run(name: str, remove: bool) -> subprocess.CompletedProcess[str]:
        metric, period, value, unit = ADDED[name]
        args = ["--metric", metric, "--period", period, "--kind", "forecast"]
        args += ["--remove"] if remove else ["--value", value, "--unit", unit]
        return subprocess.run(
            [*COMMAND, f"figures/{name}", *args],
            cwd=copy,
            capture_output=True,
            text=True,
            check=False,
        )

    workers = max(2, min(6, os.cpu_count() or 2))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        added = dict(zip(ADDED, pool.map(lambda name: run(name, False), ADDED), strict=True))
    for name, result in added.items():
        assert result.returncode == ExitCode.OK, result.stderr
        assert (copy / "figures" / name).read_bytes() != original[name]
        row = "+" + ",".join(ADDED[name]) + ",forecast"
        expected = row if name.endswith(".csv") else "+    kind: forecast"
        assert expected in result.stdout
    assert len(targets.load(copy).figures) == len(targets.load(EXAMPLE).figures) + len(ADDED)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        removed = dict(zip(ADDED, pool.map(lambda name: run(name, True), ADDED), strict=True))
    for name, result in removed.items():
        assert result.returncode == ExitCode.OK, result.stderr
        assert (copy / "figures" / name).read_bytes() == original[name], name
    assert sorted(p.name for p in (copy / "figures").iterdir()) == sorted(original)
