"""`targets check` in CI: exit codes, every report format, selection, as-of, baselines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from junitparser import Failure, JUnitXml, Skipped

from targets import ExitCode, Report
from targets.cli import cli
from targets.judge._results_schema import results_json_schema

Write = Callable[[dict[str, str]], Path]
EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "vietnam-digital")

PASSING = """\
programme: {name: Passing}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics: [{id: firms, name: Firms, unit: firm, direction: higher}]
targets:
  - {id: on-course, metric: firms, at_least: 100, by: 2030, tags: [firms]}
figures:
  - {metric: firms, period: 2020, value: 50, unit: firm, source: s}
  - {metric: firms, period: 2024, value: 80, unit: firm, source: s}
"""


def invoke(*args: str, env: dict[str, str] | None = None) -> object:
    return CliRunner().invoke(cli, ["check", *args], env=env)


def test_a_programme_on_track_exits_0(write: Write) -> None:
    result = CliRunner().invoke(cli, ["check", str(write({"p.yaml": PASSING}))])
    assert result.exit_code == ExitCode.OK, result.output
    assert "ON TRACK (1)" in result.stdout
    assert "gate --fail-on off_track: passed, no target at off_track or worse" in result.stdout


def test_the_vietnam_example_trips_the_gate_and_exits_1(example_report: Report) -> None:
    result = CliRunner().invoke(cli, ["check", EXAMPLE])
    assert result.exit_code == ExitCode.GATE
    assert "OFF TRACK" in result.stdout
    assert "✗ dt-firms-100k-2025" in result.stdout
    achieved = example_report.summary["achieved"]
    assert any(
        line.startswith(f"33 targets: {achieved} achieved") for line in result.stdout.splitlines()
    )
    assert result.stdout.rstrip().splitlines()[-1].startswith("gate --fail-on off_track: failed")


def test_fail_on_moves_the_gate() -> None:
    missed_only = CliRunner().invoke(cli, ["check", EXAMPLE, "--fail-on", "missed"])
    assert missed_only.exit_code == ExitCode.GATE
    never = CliRunner().invoke(cli, ["check", EXAMPLE, "--fail-on", "none"])
    assert never.exit_code == ExitCode.OK


def test_warn_severity_fails_only_with_strict(write: Write) -> None:
    text = PASSING.replace("at_least: 100, by: 2030", "at_least: 100, by: 2022, severity: warn")
    root = write({"p.yaml": text})
    assert CliRunner().invoke(cli, ["check", str(root)]).exit_code == ExitCode.OK
    strict = CliRunner().invoke(cli, ["check", str(root), "--strict"])
    assert strict.exit_code == ExitCode.GATE


def test_invalid_rules_exit_2_and_write_nothing(write: Write, tmp_path: Path) -> None:
    root = write({"p.yaml": PASSING.replace("direction: higher", "direction: upward")})
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(
        cli,
        [
            "check",
            str(root),
            "--json",
            str(out / "r.json"),
            "--junit",
            str(out / "r.xml"),
            "--markdown",
            str(out / "r.md"),
        ],
    )
    assert result.exit_code == ExitCode.INVALID
    assert "'direction': expected 'higher' or 'lower', got the text 'upward'" in result.stderr
    assert "Traceback" not in result.output
    assert list(out.iterdir()) == []


def test_a_deliberate_internal_error_exits_3(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    import targets.judge._check  # noqa: PLC0415

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("deliberately raised in a test")

    monkeypatch.setattr(targets.judge._check, "check", broken)
    monkeypatch.setattr("targets.check", broken, raising=False)
    result = CliRunner().invoke(cli, ["check", str(write({"p.yaml": PASSING}))])
    assert result.exit_code == ExitCode.INTERNAL
    assert "internal error: ZeroDivisionError" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "tag:nope"], "--select 'tag:nope' matches no target"),
        (["--select", "colour:red"], "unknown field 'colour'"),
        (
            ["--as-of", "yesterday"],
            "as_of: 'yesterday' is not a date; write 2024-07-02, 2024-07 or 2024",
        ),
        (["--fail-on", "bad"], "Invalid value for '--fail-on'"),
        (["--fail-on-change", "worse"], "--fail-on-change needs --baseline"),
        (["--format", "xml"], "Invalid value for '--format'"),
        (["--fail-on-chance-below", "nan"], "NaN is no chance; give a number from 0 to 1"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["check", EXAMPLE, *args])
    assert result.exit_code == ExitCode.INVALID
    assert message in result.stderr


def test_two_reports_given_one_file_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    """Else the second report would silently replace the first (here by another path)."""
    (tmp_path / "sub").mkdir()
    report = tmp_path / "r.json"
    other = tmp_path / "sub" / ".." / "r.json"
    result = CliRunner().invoke(
        cli, ["check", EXAMPLE, "--json", str(report), "--junit", str(other)]
    )
    assert result.exit_code == ExitCode.INVALID
    assert "--json and --junit name the same file" in result.stderr
    assert not report.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": 5}, "result 1: the status 5 is none of achieved, on_track"),
        ({"status": ["x"]}, "result 1: the status ['x'] is none of"),
        ({"status": "x\n::warning::forged"}, "result 1: the status 'x\\n::warning::forged'"),
        ({"entity": 7}, "result 1: the entity 7 is no name"),
    ],
)
def test_a_baseline_result_we_could_not_have_written_is_refused(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    """Its status would be printed as words and repeated in the new report's changes."""
    first = tmp_path / "first.json"
    CliRunner().invoke(cli, ["check", EXAMPLE, "--json", str(first)])
    data = json.loads(first.read_text(encoding="utf-8"))
    data["results"][0].update(change)
    first.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", EXAMPLE, "--baseline", str(first)])
    assert result.exit_code == ExitCode.INVALID, result.output
    assert message in result.stderr


def test_select_exclude_and_as_of_change_the_result() -> None:
    def ids(*args: str) -> list[str]:
        result = CliRunner().invoke(cli, ["check", EXAMPLE, "--format", "json", *args])
        return [r["target"] for r in json.loads(result.stdout)["results"]]

    everything = ids()
    firms = ids("--select", "tag:firms")
    assert 0 < len(firms) < len(everything)
    assert all(i.startswith("dt-firms") for i in firms)
    assert "dt-firms-80k-2025" not in ids("--select", "tag:firms", "--exclude", "*80k*")
    assert ids("--select", "status:off_track", "--select", "status:missed")
    later = CliRunner().invoke(cli, ["check", EXAMPLE, "--format", "json"])
    earlier = CliRunner().invoke(
        cli, ["check", EXAMPLE, "--format", "json", "--as-of", "2023-01-01"]
    )
    now, then = json.loads(later.stdout), json.loads(earlier.stdout)
    assert then["as_of"] == "2023-01-01"
    assert now["summary"] != then["summary"]
    latest = [r["latest"] for r in then["results"] if r["latest"]]
    assert latest
    for figure in latest:  # published by then, or (undated) a period that had ended
        assert (figure["published"] or figure["period"]) <= "2023-01-01"


def test_json_output_validates_against_its_published_schema(
    results_validator: jsonschema.Draft202012Validator,
) -> None:
    result = CliRunner().invoke(cli, ["check", EXAMPLE, "--format", "json"])
    document = json.loads(result.stdout)
    schema = json.loads(CliRunner().invoke(cli, ["schema", "--results"]).stdout)
    results_validator.validate(document)
    assert schema == results_json_schema()
    assert document["schema_version"] == 1
    for entry in document["results"]:
        assert {
            "target",
            "metric",
            "status",
            "method",
            "method_status",
            "growth_actual",
            "growth_required",
            "projected",
            "reach_year",
            "explanation",
        } <= set(entry)
        assert entry["source"]["file"].endswith("programme.yaml")
        assert entry["source"]["line"] > 0


def test_junit_counts_match_the_summary_in_an_independent_reader(tmp_path: Path) -> None:
    junit, data = tmp_path / "r.xml", tmp_path / "r.json"
    CliRunner().invoke(cli, ["check", EXAMPLE, "--junit", str(junit), "--json", str(data)])
    document = json.loads(data.read_text())
    xml = JUnitXml.fromfile(str(junit))
    cases = [case for suite in xml for case in suite]
    failures = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
    skipped = [c for c in cases if any(isinstance(r, Skipped) for r in c.result)]
    summary = document["summary"]
    assert len(cases) == summary["total"]
    assert len(skipped) == summary["not_assessable"]
    gate = {"off_track", "regressing", "missed"}
    expected = [r for r in document["results"] if r["status"] in gate and r["severity"] == "error"]
    assert len(failures) == len(expected)
    assert xml.tests == summary["total"]


def test_github_format_annotates_rule_lines_and_writes_the_step_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = CliRunner().invoke(
        cli, ["check", EXAMPLE, "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert errors
    assert all(",line=" in line and "programme.yaml" in line for line in errors)
    assert "title=dt-firms-100k-2025%3A off track::needs 35.5 %25 growth" in result.stdout
    assert summary.read_text().startswith("## National Digital Transformation Programme")


def test_markdown_report_has_the_summary_and_a_row_per_target() -> None:
    result = CliRunner().invoke(cli, ["check", EXAMPLE, "--format", "markdown"])
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == 33
    assert "| 🔴 off track | 4 |" in result.stdout


def test_colour_only_when_asked_or_on_a_terminal_and_never_with_no_color(write: Write) -> None:
    root = str(write({"p.yaml": PASSING}))
    assert "\x1b[" not in CliRunner().invoke(cli, ["check", root]).stdout
    assert "\x1b[" in CliRunner().invoke(cli, ["check", root, "--color"]).stdout
    no_color = CliRunner().invoke(cli, ["check", root], env={"NO_COLOR": "1"})
    assert "\x1b[" not in no_color.stdout


def test_text_fits_80_columns_for_the_table() -> None:
    result = CliRunner().invoke(cli, ["check", EXAMPLE])
    table = [line for line in result.stdout.splitlines() if line.startswith("  ")]
    assert table
    assert max(len(line) for line in table) <= 80


ADDED_FIGURE = (
    "figures:\n"
    "  - {metric: dt-firms, period: 2025, value: 101000, unit: firm, kind: estimate,\n"
    "     source: sggp-2025-01-24, published: 2026-01-10}\n"
)


def test_baseline_reports_the_transition_after_a_new_figure(tmp_path: Path) -> None:
    import shutil  # noqa: PLC0415

    before = tmp_path / "before.json"
    CliRunner().invoke(cli, ["check", EXAMPLE, "--json", str(before)])
    copy = tmp_path / "example"
    shutil.copytree(EXAMPLE, copy)
    (copy / "figures" / "new.yaml").write_text(ADDED_FIGURE, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(copy), "--baseline", str(before), "--fail-on-change", "worse"]
    )
    assert "dt-firms-100k-2025: off track -> achieved" in result.stdout
    assert result.exit_code == ExitCode.OK  # only regressions trip --fail-on-change worse
    back = CliRunner().invoke(cli, ["check", EXAMPLE, "--baseline", str(tmp_path / "after.json")])
    assert back.exit_code == ExitCode.INVALID
    assert "cannot read the baseline" in back.stderr


def test_a_regression_since_the_baseline_trips_fail_on_change(tmp_path: Path) -> None:
    import shutil  # noqa: PLC0415

    copy = tmp_path / "example"
    shutil.copytree(EXAMPLE, copy)
    (copy / "figures" / "new.yaml").write_text(ADDED_FIGURE, encoding="utf-8")
    improved = tmp_path / "improved.json"
    CliRunner().invoke(cli, ["check", str(copy), "--json", str(improved)])
    result = CliRunner().invoke(
        cli, ["check", EXAMPLE, "--baseline", str(improved), "--fail-on-change", "worse"]
    )
    assert result.exit_code == ExitCode.GATE
    assert "dt-firms-100k-2025: achieved -> off track" in result.stdout


def test_explain_prints_the_arithmetic() -> None:
    result = CliRunner().invoke(cli, ["explain", "dt-firms-100k-2025", EXAMPLE])
    assert result.exit_code == 0
    assert "g_now = (100000 / 73788) ** (1 / (2025 - 2024)) - 1 = 0.355234" in result.stdout
    wrong = CliRunner().invoke(cli, ["explain", "dt-firms-100k-2052", EXAMPLE])
    assert wrong.exit_code == ExitCode.INVALID
    assert "did you mean 'dt-firms-100k-2025'" in wrong.stderr


def test_completion_offers_target_ids_and_statuses() -> None:
    env = {
        "_TARGETS_COMPLETE": "bash_complete",
        "COMP_WORDS": "targets explain dt-firms",
        "COMP_CWORD": "2",
    }
    ids = subprocess.run(
        ["targets", "explain", ""],
        env={**env, "PATH": _path()},
        capture_output=True,
        text=True,
        check=False,
        cwd=EXAMPLE,
    )
    assert "dt-firms-100k-2025" in ids.stdout
    env = {
        "_TARGETS_COMPLETE": "bash_complete",
        "COMP_WORDS": "targets check --fail-on of",
        "COMP_CWORD": "3",
    }
    statuses = subprocess.run(
        ["targets"], env={**env, "PATH": _path()}, capture_output=True, text=True, check=False
    )
    assert "off_track" in statuses.stdout


def _path() -> str:
    import os  # noqa: PLC0415

    return os.environ["PATH"]


def test_the_installed_command_gives_each_exit_code(write: Write) -> None:
    def run(*args: str) -> int:
        command = [sys.executable, "-m", "targets", *args]
        return subprocess.run(command, capture_output=True, check=False).returncode

    assert run("check", str(write({"ok/p.yaml": PASSING}) / "ok")) == ExitCode.OK
    assert run("check", EXAMPLE) == ExitCode.GATE
    assert run("check", EXAMPLE, "--select", "nothing-like-this") == ExitCode.INVALID
    assert run("check", "/no/such/dir") == ExitCode.INVALID


def test_the_console_entry_point_exits_3_on_a_deliberate_internal_error() -> None:
    script = (
        "import targets.judge._check, targets\n"
        "def boom(*a, **k): raise RuntimeError('deliberate')\n"
        "targets.judge._check.check = boom\n"
        "targets.check = boom\n"
        "from targets.cli import main\n"
        f"import sys; sys.argv = ['targets', 'check', {EXAMPLE!r}]\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == ExitCode.INTERNAL
    assert "internal error: RuntimeError: deliberate" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unwritable_report_file_is_a_usage_error_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    good = tmp_path / "r.json"
    result = CliRunner().invoke(
        cli, ["check", EXAMPLE, "--json", str(good), "--junit", str(tmp_path / "no" / "r.xml")]
    )
    assert result.exit_code == ExitCode.INVALID
    assert "cannot write" in result.stderr
    assert not good.exists()


def test_gating_on_change_marks_only_regressions_in_every_report(tmp_path: Path) -> None:
    import shutil  # noqa: PLC0415

    before = tmp_path / "before.json"
    CliRunner().invoke(cli, ["check", EXAMPLE, "--json", str(before)])
    copy = tmp_path / "example"
    shutil.copytree(EXAMPLE, copy)
    (copy / "figures" / "new.yaml").write_text(ADDED_FIGURE, encoding="utf-8")
    junit, markdown = tmp_path / "r.xml", tmp_path / "r.md"
    result = CliRunner().invoke(
        cli,
        [
            "check",
            str(copy),
            "--baseline",
            str(before),
            "--fail-on-change",
            "worse",
            "--junit",
            str(junit),
            "--markdown",
            str(markdown),
        ],
    )
    assert result.exit_code == ExitCode.OK
    assert "gate --fail-on-change worse: passed, no target worse than the baseline" in result.stdout
    assert "✗" not in result.stdout.split("CHANGES SINCE")[0]
    assert JUnitXml.fromfile(str(junit)).failures == 0
    assert "the gate passes (`--fail-on-change worse`)" in markdown.read_text()


def test_no_figures_at_all_is_an_input_error_not_a_pass() -> None:
    rules = [str(Path(EXAMPLE) / "programme.yaml"), str(Path(EXAMPLE) / "sources.yaml")]
    result = CliRunner().invoke(cli, ["check", *rules])
    assert result.exit_code == ExitCode.INVALID
    assert "no figures in the input" in result.stderr


def test_nothing_assessable_as_of_an_early_date_warns(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", EXAMPLE, "--as-of", "2010-01-01"])
    assert result.exit_code == ExitCode.OK
    assert "warning: no target could be assessed" in result.stderr
    assert "no figure published by 2010-01-01" in result.stdout


def test_an_unknown_status_or_kind_in_a_selection_is_named() -> None:
    result = CliRunner().invoke(cli, ["check", EXAMPLE, "--select", "status:of_track"])
    assert result.exit_code == ExitCode.INVALID
    assert "unknown status 'of_track' (did you mean 'off_track'?)" in result.stderr
    glob = CliRunner().invoke(cli, ["check", EXAMPLE, "--select", "status:off_*"])
    assert glob.exit_code == ExitCode.GATE


def test_github_format_sums_up_in_one_notice_and_annotates_invalid_input(
    write: Write, example_report: Report
) -> None:
    result = CliRunner().invoke(cli, ["check", EXAMPLE, "--format", "github"])
    notices = [line for line in result.stdout.splitlines() if line.startswith("::notice")]
    assert len(notices) == 1
    assert f"33 targets: {example_report.summary['achieved']} achieved" in notices[0]
    assert not any(
        line.startswith("::warning") and "not assessable" in line
        for line in result.stdout.splitlines()
    )
    bad = write({"p.yaml": PASSING.replace("unit: firm, direction", "unit: firmz, direction")})
    invalid = CliRunner().invoke(cli, ["check", str(bad), "--format", "github"])
    assert invalid.exit_code == ExitCode.INVALID
    assert invalid.stdout.startswith("::error file=")
    assert "unknown unit 'firmz'" in invalid.stdout


def test_the_command_runs_numpys_blas_on_one_thread_unless_told_otherwise() -> None:
    # OpenBLAS reads the setting and starts its threads when numpy is imported; where /proc
    # lists a process's native threads (Linux), they are counted too (-1: not countable).
    script = (
        "import atexit, os, sys\n"
        "def said():\n"
        "    import numpy\n"
        "    tasks = '/proc/self/task'\n"
        "    count = len(os.listdir(tasks)) if os.path.isdir(tasks) else -1\n"
        "    print(os.environ.get('OPENBLAS_NUM_THREADS'), count)\n"
        "atexit.register(said)\n"
        "from targets.cli import main\n"
        f"sys.argv = ['targets', 'check', {EXAMPLE!r}, '-q']\n"
        "main()\n"
    )
    blas = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")
    said = {}
    for setting in (None, "2"):
        env = {k: v for k, v in os.environ.items() if k not in blas}
        if setting is not None:
            env["OPENBLAS_NUM_THREADS"] = setting
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
        )
        value, count = done.stdout.splitlines()[-1].split()
        said[setting] = (value, int(count))
    assert said[None][0] == "1", said
    assert said["2"][0] == "2", said
    if said[None][1] != -1:
        assert said[None][1] == 1, said
        assert said["2"][1] == min(2, os.cpu_count() or 1), said  # OpenBLAS caps at the cores


def test_the_command_runs_no_cyclic_collection_to_the_end_of_the_process() -> None:
    # Switched back on after a run, the collector's first young collection walked every
    # object the run made (a quarter of a second after sixty thousand targets).
    script = (
        "import atexit, gc, sys\n"
        "from targets.cli import main\n"
        "runs = []\n"
        "gc.callbacks.append(lambda phase, info: runs.append(info['generation']))\n"
        "atexit.register(lambda: print('collections', len(runs)))\n"
        f"sys.argv = ['targets', 'check', {EXAMPLE!r}, '-q']\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == ExitCode.GATE, done.stderr
    assert done.stdout.splitlines()[-1] == "collections 0"


def _after_a_check(variable: str, setting: str | None, probe: str) -> str:
    """What `probe` (an expression) gives once the command has checked the example, with
    the environment `variable` unset (None) or set to `setting`."""
    script = (
        "import atexit, os, sys\n"
        f"atexit.register(lambda: print({probe}))\n"
        "from targets.cli import main\n"
        f"sys.argv = ['targets', 'check', {EXAMPLE!r}, '-q']\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != variable}
    if setting is not None:
        env[variable] = setting
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == ExitCode.GATE, done.stderr
    return done.stdout.splitlines()[-1]


def test_the_command_asks_pyarrow_for_the_system_allocator_unless_told_otherwise() -> None:
    probe = "__import__('pyarrow').default_memory_pool().backend_name"
    assert _after_a_check("ARROW_DEFAULT_MEMORY_POOL", None, probe) == "system"
    assert _after_a_check("ARROW_DEFAULT_MEMORY_POOL", "mimalloc", probe) == "mimalloc"


def test_the_command_asks_numpy_for_no_huge_pages_unless_told_otherwise() -> None:
    probe = "__import__('numpy')._core.multiarray._get_madvise_hugepage()"
    assert _after_a_check("NUMPY_MADVISE_HUGEPAGE", None, probe) == "False"
    assert _after_a_check("NUMPY_MADVISE_HUGEPAGE", "1", probe) == "True"


@pytest.mark.parametrize("name", ["pyproject.toml", "targets.toml"])
def test_a_settings_file_whose_tool_is_no_table_is_a_usage_error(tmp_path: Path, name: str) -> None:
    settings = tmp_path / name
    settings.write_text("tool = 5\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(settings), "check", EXAMPLE])
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "expected 'tool' to be a table" in result.stderr


def test_a_report_named_after_a_file_read_is_a_usage_error_and_the_file_stays(
    write: Write,
) -> None:
    folder = write({"p.yaml": PASSING})
    rules = folder / "p.yaml"
    result = CliRunner().invoke(cli, ["check", str(folder), "--json", str(rules)])
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "is one of the files read" in result.output
    assert rules.read_text() == PASSING


def test_a_report_named_after_the_settings_file_read_is_a_usage_error_and_it_stays(
    tmp_path: Path,
) -> None:
    # `--json targets.toml` replaced the settings file the run took its defaults from
    settings = tmp_path / "targets.toml"
    settings.write_text('fail-on = "missed"\n', encoding="utf-8")
    args = ["--config", str(settings), "check", EXAMPLE, "--json", str(settings)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "is one of the files read: a report would replace it" in result.stderr
    assert settings.read_text(encoding="utf-8") == 'fail-on = "missed"\n'
