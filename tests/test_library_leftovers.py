"""What the red team left: the step summary is never appended to a file the run read (the
runner sets $GITHUB_STEP_SUMMARY, a workflow may point it anywhere), and the library
refuses a `path` or figures of the wrong kind with its own errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import targets
from targets.cli import cli

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"


def test_the_step_summary_is_not_appended_to_a_file_read(tmp_path: Path) -> None:
    folder = tmp_path / "ex"
    shutil.copytree(EXAMPLE, folder)
    rules = folder / "programme.yaml"
    before = rules.read_bytes()
    result = CliRunner().invoke(
        cli, ["check", str(folder), "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(rules)}
    )
    assert result.exit_code == 1  # the example's real targets trip the gate, as ever
    assert rules.read_bytes() == before
    assert "$GITHUB_STEP_SUMMARY is one of the files read: not appended to" in result.stderr


def test_a_check_path_other_than_auto_or_series_is_a_check_error() -> None:
    with pytest.raises(targets.CheckError, match="path is 'auto', 'bulk' or 'series', not 'bogus'"):
        targets.check(targets.load(EXAMPLE), path="bogus")  # type: ignore[arg-type]


@pytest.mark.parametrize("figures", [5, 2.5, object()])
def test_figures_of_the_wrong_kind_are_a_load_error(figures: object) -> None:
    with pytest.raises(targets.LoadError, match="figures are Figure objects, rows"):
        targets.load(EXAMPLE).with_figures(figures)
