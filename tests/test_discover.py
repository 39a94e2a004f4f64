"""Finding the input files when the same folder is given more than once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from targets import ExitCode
from targets.cli import cli
from targets.rules._discover import discover

Write = Callable[[dict[str, str]], Path]


def _check(*paths: str) -> Result:
    return CliRunner().invoke(cli, ["check", *paths])


@pytest.fixture
def base(write: Write, programme_text: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder `base` of rules and figures (a figures file in a subfolder), the working
    directory its parent."""
    root = write({"base/p.yaml": programme_text, "base/more/f.csv": "metric,period,value,unit\n"})
    monkeypatch.chdir(root)
    return (root / "base").resolve()


@pytest.mark.parametrize(
    "twice", [["base", "base"], ["base", "./base"], ["base/", "base"], ["base", "base/more"]]
)
def test_a_folder_given_twice_is_checked_once_with_the_same_report(
    base: Path, twice: list[str]
) -> None:
    # was "base:1:1: no .yaml, .yml, .csv or .parquet files in this directory", exit 2:
    # the second time, the folder had been walked already and seemed empty
    once = _check("base")
    assert once.exit_code == ExitCode.OK, once.output
    again = _check(*twice)
    assert (again.exit_code, again.stdout, again.stderr) == (
        once.exit_code,
        once.stdout,
        once.stderr,
    )


def test_a_folder_given_twice_is_read_once(base: Path) -> None:
    files, named, problems = discover(["base", "./base", str(base)])
    assert sorted(path.resolve() for path in files) == [base / "more" / "f.csv", base / "p.yaml"]
    assert (named, problems) == (set(), [])


def test_a_folder_and_a_link_to_it_are_read_once(base: Path) -> None:
    (base.parent / "alias").symlink_to("base", target_is_directory=True)
    files, _, problems = discover(["base", "alias"])
    assert sorted(path.resolve() for path in files) == [base / "more" / "f.csv", base / "p.yaml"]
    assert problems == []


def test_an_empty_folder_given_twice_is_still_refused_once(base: Path) -> None:
    (base / "empty").mkdir()
    result = _check("base/empty", "./base/empty", "base")
    assert result.exit_code == ExitCode.INVALID
    assert result.stderr.splitlines() == [
        "base/empty:1:1: no .yaml, .yml, .csv or .parquet files in this directory",
        "1 problem in the input",
    ]
