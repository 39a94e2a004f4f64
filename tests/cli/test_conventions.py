"""Command-line conventions: '-' is standard output, -q and -v, --debug after the command,
completion of field patterns in every shell, and defaults from a settings file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from targets import ExitCode
from targets.cli import cli

Write = Callable[[dict[str, str]], Path]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "vietnam-digital"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working directory (with a .git so settings are not looked for above it)."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


# '-' means standard output.


@pytest.mark.parametrize(
    ("option", "read"),
    [
        ("--json", lambda text: json.loads(text)["schema_version"] == 1),
        ("--junit", lambda text: etree.fromstring(text.encode()).tag == "testsuites"),
        ("--markdown", lambda text: text.startswith("## National Digital")),
        ("--sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
        ("--gitlab", lambda text: isinstance(json.loads(text), list)),
    ],
)
def test_a_report_file_named_dash_is_standard_output(
    here: Path, option: str, read: Callable[[str], bool]
) -> None:
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), option, "-"])
    assert result.exit_code == ExitCode.GATE, result.output
    assert read(result.stdout)
    assert not (here / "-").exists()


def test_dash_beside_another_file_writes_both(here: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--json", "-", "--junit", "r.xml"])
    assert json.loads(result.stdout)["summary"]["total"] == 33
    assert (here / "r.xml").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--json", "-", "--junit", "-"], "--json - and --junit - would both write"),
        (["--json", "-", "--format", "text"], "--json - and --format text would both write"),
        (["--json", "-", "-q"], "-q prints only the gate line; --json - would print a report"),
    ],
)
def test_two_reports_cannot_share_standard_output(
    here: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), *args])
    assert result.exit_code == ExitCode.INVALID
    assert message in result.stderr


def test_dash_and_the_same_format_agree(here: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--format", "json", "--json", "-"])
    assert result.exit_code == ExitCode.GATE
    assert json.loads(result.stdout)["summary"]["total"] == 33


# -q and -v


def test_quiet_prints_the_gate_line_only_and_keeps_the_exit_code(here: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "-q", "--json", "r.json"])
    assert result.exit_code == ExitCode.GATE
    assert result.stdout == (
        "gate --fail-on off_track: failed, 9 targets at off_track or worse (marked ✗)\n"
    )
    assert json.loads((here / "r.json").read_text(encoding="utf-8"))["summary"]["total"] == 33
    passing = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--quiet", "--fail-on", "none"])
    assert passing.exit_code == ExitCode.OK
    assert passing.stdout == "gate --fail-on none: no gate\n"


def test_quiet_validate_and_report_say_nothing_on_success(here: Path) -> None:
    valid = CliRunner().invoke(cli, ["validate", str(EXAMPLE), "-q"])
    assert valid.exit_code == ExitCode.OK
    assert valid.stdout == ""
    report = CliRunner().invoke(cli, ["report", str(EXAMPLE), "--html", "r.html", "-q"])
    assert report.exit_code == ExitCode.OK
    assert report.stderr == ""
    assert (here / "r.html").exists()


def test_verbose_explains_each_row_and_lists_the_files_read() -> None:
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "-v"])
    lines = result.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if "dt-firms-100k-2025" in line)
    assert lines[row + 1].strip().startswith("needs 35.5 % growth in one year")
    assert "read 8 files:" in result.stderr
    assert "programme.yaml" in result.stderr
    validate = CliRunner().invoke(cli, ["validate", str(EXAMPLE), "-v"])
    assert "read 8 files:" in validate.stderr


# --debug after the command


def _planted(monkeypatch: pytest.MonkeyPatch) -> None:
    import targets.judge._check  # noqa: PLC0415 - the module a bug is planted in

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("deliberately raised in a test")

    monkeypatch.setattr(targets.judge._check, "check", broken)
    monkeypatch.setattr("targets.check", broken, raising=False)


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback_before_or_after_the_command(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    _planted(monkeypatch)
    args = ["check", str(EXAMPLE)]
    args = ["--debug", *args] if where == "before" else [*args, "--debug"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == ExitCode.INTERNAL
    assert "Traceback" in result.stderr
    assert "ZeroDivisionError: deliberately raised in a test" in result.stderr


def test_without_debug_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    _planted(monkeypatch)
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE)])
    assert result.exit_code == ExitCode.INTERNAL
    assert "Traceback" not in result.stderr


# Completion of field patterns, through click's completion API.


def _complete(shell: str, line: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The values the shell class offers for `line` (the cursor at its end)."""
    from click.shell_completion import get_completion_class  # noqa: PLC0415

    monkeypatch.chdir(EXAMPLE)
    words = line.split(" ")
    if shell == "bash":
        # Bash splits at ':' (COMP_WORDBREAKS), so its COMP_WORDS hold the colon apart.
        split = " ".join(words).replace(":", " : ").split()
        monkeypatch.setenv("COMP_WORDS", "\n".join(split))
        monkeypatch.setenv("COMP_CWORD", str(len(split) - 1))
        monkeypatch.setenv("COMP_LINE", line)
        monkeypatch.setenv("COMP_POINT", str(len(line)))
    elif shell == "zsh":
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
    else:  # fish passes the word being completed itself
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", words[-1])
    shell_class = get_completion_class(shell)
    assert shell_class is not None
    completer = shell_class(cli, {}, "targets", "_TARGETS_COMPLETE")
    out = completer.complete()
    if shell == "bash":
        return [row.split(",", 1)[1] for row in out.splitlines()]
    if shell == "zsh":
        return out.splitlines()[1::3]
    rows = out.splitlines()
    if rows and "," not in rows[0]:  # click before 8.5 writes type, value and help apart
        return rows[1::3]
    return [row.split("\t")[0].split(",", 1)[1] for row in rows]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_status_patterns_complete_in_every_shell(
    shell: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered = _complete(shell, "targets check --select status:o", monkeypatch)
    if shell == "bash":  # bash replaces only what follows the last ':'
        assert sorted(offered) == ["off_track", "on_track"]
    else:  # zsh adds these with compadd (no help text), fish as they are: whole words
        assert sorted(offered) == ["status:off_track", "status:on_track"]


def test_tag_and_kind_patterns_complete_after_the_colon(monkeypatch: pytest.MonkeyPatch) -> None:
    tags = _complete("bash", "targets check --exclude tag:fir", monkeypatch)
    assert tags == ["firms"]
    kinds = _complete("bash", "targets check --select kind:", monkeypatch)
    assert "milestones" in kinds
    assert all(":" not in kind for kind in kinds)
    ids = _complete("bash", "targets explain dt-firms-1", monkeypatch)
    assert "dt-firms-100k-2025" in ids


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is part of every CI image")
def test_the_bash_script_completes_a_status_pattern_in_real_bash() -> None:
    script = (
        'eval "$(_TARGETS_COMPLETE=bash_source targets)"\n'
        'COMP_LINE="targets check --select status:off"; COMP_POINT=${#COMP_LINE}\n'
        "COMP_WORDS=(targets check --select status : off); COMP_CWORD=5\n"
        '_targets_completion targets; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        ["bash", "--norc", "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=EXAMPLE,
        env=env,
    )
    assert result.stdout.split() == ["off_track"]


# Defaults from pyproject.toml or targets.toml.


def _rules(here: Path) -> Path:
    shutil.copytree(EXAMPLE, here / "rules")
    return here / "rules"


def test_pyproject_sets_defaults_and_the_command_says_it_read_it(here: Path) -> None:
    _rules(here)
    (here / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.targets]\npaths = ["rules"]\nfail-on = "missed"\n'
        'format = "markdown"\n',
        encoding="utf-8",
    )
    result = invoke("check")
    assert result.exit_code == ExitCode.GATE
    assert result.stdout.startswith("## National Digital")
    assert "`--fail-on missed`" in result.stdout
    assert result.stderr.startswith("targets: defaults from pyproject.toml [tool.targets]")
    overridden = invoke("check", "--format", "text", "--fail-on", "none")
    assert overridden.exit_code == ExitCode.OK
    assert "MISSED (2)" in overridden.stdout


def test_paths_in_a_settings_file_are_relative_to_its_folder(here: Path) -> None:
    _rules(here)
    (here / "targets.toml").write_text(
        'paths = ["rules"]\n\n[report]\nhtml = "out.html"\n', encoding="utf-8"
    )
    (here / "sub").mkdir()
    os.chdir(here / "sub")
    result = invoke("report")
    assert result.exit_code == ExitCode.OK, result.output
    assert (here / "out.html").exists()
    assert "defaults from ../targets.toml" in result.stderr


def test_targets_toml_wins_over_pyproject_and_no_config_reads_neither(here: Path) -> None:
    _rules(here)
    (here / "pyproject.toml").write_text(
        '[tool.targets]\npaths = ["rules"]\nfail-on = "none"\n', encoding="utf-8"
    )
    (here / "targets.toml").write_text('paths = ["rules"]\nfail-on = "missed"\n', encoding="utf-8")
    result = invoke("check", "-q")
    assert result.stdout.startswith("gate --fail-on missed")
    ignored = invoke("--no-config", "check", "rules", "-q")
    assert ignored.stdout.startswith("gate --fail-on off_track")
    named = invoke("--config", "pyproject.toml", "check", "-q")
    assert named.stdout.startswith("gate --fail-on none")


def test_a_pyproject_without_the_table_is_not_a_settings_file(here: Path) -> None:
    _rules(here)
    (here / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    result = invoke("check", "rules", "-q")
    assert "defaults from" not in result.stderr
    assert result.exit_code == ExitCode.GATE


def test_a_table_named_through_an_escape_is_still_found(here: Path) -> None:
    # The file is parsed unless it cannot name the table; an escape can spell "targets".
    _rules(here)
    (here / "pyproject.toml").write_text(
        '[tool."tar\\u0067ets"]\npaths = ["rules"]\nfail-on = "missed"\n', encoding="utf-8"
    )
    result = invoke("check")
    assert result.stderr.startswith("targets: defaults from pyproject.toml")
    assert "--fail-on missed" in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('fail-onn = "missed"\n', "unknown setting 'fail-onn' (did you mean 'fail-on'?)"),
        ('fail-on = "worst"\n', "fail-on: 'worst' is not one of"),
        ("strict = 1\n", "strict: expected true or false"),
        ("follow-links-outside = true\n", "'follow-links-outside' is given on the command line"),
        ('[check]\nhtml = "x.html"\n', "'check' has no setting 'html'"),
        ("paths = [\n", "not valid TOML"),
        ("x = " + "[" * 5000 + "]" * 5000 + "\n", "not valid TOML: nested too deeply"),
        ("fail-on-chance-below = " + "9" * 5000 + "\n", ":1: a number of more than 4,000"),
        ('fail-on = "\udcff"\n', ":1: not UTF-8 text"),
    ],
)
def test_a_wrong_setting_is_a_usage_error_naming_the_file(
    here: Path, text: str, message: str
) -> None:
    (here / "targets.toml").write_bytes(text.encode("utf-8", "surrogateescape"))  # raw bytes
    result = invoke("check", str(EXAMPLE))
    assert result.exit_code == ExitCode.INVALID
    assert "targets.toml" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "as-of = 2024-01-01\n",
            'as-of: expected a string, got the date 2024-01-01 (for text, quote it: "2024-01-01")',
        ),
        ('paths = ["rules", 07:30:00]\n', "paths: expected a string, got the time 07:30:00 ("),
        (
            "select = 1979-05-27T07:32:00.5\n",
            "select: expected a list of strings, got the date and time 1979-05-27T07:32:00.5 "
            '(for text, quote it: "1979-05-27T07:32:00.5")',
        ),
        (
            "strict = 2024-01-01T10:00:00-05:00\n",
            "strict: expected true or false, got the date and time 2024-01-01T10:00:00-05:00\n",
        ),
        (
            'select = [{a = 1, "b c" = [true, inf]}]\n',
            'got the table {a = 1, "b c" = [true, inf]}\n',
        ),
        ('strict = "yes"\n', 'strict: expected true or false, got "yes"\n'),
        # a number where a number is meant is said so; a number where a path is, refused
        ("fail-on-chance-below = true\n", "fail-on-chance-below: expected a number, got true\n"),
        ("paths = [1]\n", 'paths: expected a path, as text ("1"), got 1\n'),
    ],
)
def test_a_setting_of_the_wrong_type_is_said_as_toml_writes_it(
    here: Path, text: str, message: str
) -> None:
    # before: "as-of: expected a string, got datetime.date(2024, 1, 1)", Python's repr
    (here / "targets.toml").write_text(text, encoding="utf-8")
    result = invoke("check", str(EXAMPLE))
    assert result.exit_code == ExitCode.INVALID
    assert message in result.stderr
    assert "datetime" not in result.stderr
    assert "True" not in result.stderr


def test_a_long_setting_of_the_wrong_type_is_quoted_short(here: Path) -> None:
    # a list nested 300 deep: written only as far as the 60-character excerpt shows
    (here / "targets.toml").write_text("select = " + "[" * 300 + "]" * 300 + "\n", encoding="utf-8")
    result = invoke("check", str(EXAMPLE))
    assert result.exit_code == ExitCode.INVALID
    assert f"select: expected a string, got the list {'[' * 57}...\n" in result.stderr


def test_the_search_stops_at_the_repository_root(here: Path) -> None:
    (here.parent / "targets.toml").write_text('fail-on = "missed"\n', encoding="utf-8")
    try:
        result = invoke("check", str(EXAMPLE), "-q")
        assert result.stdout.startswith("gate --fail-on off_track")
    finally:
        (here.parent / "targets.toml").unlink()
