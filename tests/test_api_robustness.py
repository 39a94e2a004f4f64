"""Public entry points given hostile or extreme arguments: each refusal is the project's own
error type with a clear message, never a crash (OverflowError) or a silent NaN answer."""

from __future__ import annotations

import errno
import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import targets
from targets import ExitCode, Report
from targets.cli import cli

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"

# --- what-if and required growth: non-finite and huge numbers ---------------------------


@pytest.mark.parametrize("growth", [math.nan, math.inf, -math.inf])
def test_what_if_refuses_a_rate_that_is_not_finite(example_report: Report, growth: float) -> None:
    # before: NaN gave "nan by 2025 ... missed" and inf a silent "achieved"
    with pytest.raises(targets.CheckError, match="growth must be a finite number"):
        example_report["dt-firms-100k-2025"].what_if(growth)
    with pytest.raises(targets.CheckError, match="growth must be a finite number"):
        example_report["dt-firms-100k-2025"].what_if([0.1, growth])


@pytest.mark.parametrize("growth", [1e308, 1e50, 10**400])
def test_what_if_refuses_a_rate_whose_projection_no_float_holds(
    example_report: Report, growth: float
) -> None:
    # 1,000,000 workers in 2021, deadline 2030: 1e6 * (1 + 1e50) ** 9 = 1e456, beyond
    # the largest double (1.8e308); before, float ** raised OverflowError
    with pytest.raises(targets.CheckError, match="beyond any"):
        example_report["dt-workforce-1.5m-2030"].what_if(growth)


def test_what_if_keeps_a_huge_rate_whose_projection_a_float_holds(example_report: Report) -> None:
    # 1e6 * (1 + 1e30) ** 9 = 1e6 * 1e270 = 1e276 workers by 2030
    scenario = example_report["dt-workforce-1.5m-2030"].what_if(1e30)
    assert scenario.projected == pytest.approx(1e276)
    assert scenario.status == "achieved"
    # a rank at 44 in 2024 falling 1e300 places in the one year to 2025
    rank = example_report["gii-top35-2025"].what_if(1e300)
    assert rank.projected == pytest.approx(1e300)
    assert rank.status == "missed"


FAR_DEADLINE = """\
programme: {id: p, name: P}
metrics:
  - {id: m, name: M, unit: firm, direction: higher}
targets:
  - {id: t, metric: m, at_least: 100, by: 2300}
figures:
  - {metric: m, period: 2020, value: 50, unit: firm}
  - {metric: m, period: 2022, value: 60, unit: firm}
"""
"""A deadline 278 years after the latest figure: further than the what-if's path goes (50)."""


def test_what_if_refuses_a_projection_beyond_any_float_past_the_path_it_draws(
    tmp_path: Path,
) -> None:
    # 60 * 21 ** 278 (about 1e369) is beyond any double, though the path drawn to 2072
    # (60 * 21 ** 50, about 1e68) is not: the projection was inf, 'achieved', in silence
    (tmp_path / "p.yaml").write_text(FAR_DEADLINE, encoding="utf-8")
    result = targets.check(targets.load(tmp_path))["t"]
    with pytest.raises(targets.CheckError, match="goes beyond any number by 2300"):
        result.what_if(20.0)
    assert result.what_if(10.0).projected == pytest.approx(60 * 11.0**278)  # about 2e291


def test_what_if_error_is_still_a_value_error_for_existing_callers(example_report: Report) -> None:
    with pytest.raises(ValueError, match="compound growth must be above -100 %"):
        example_report["dt-workforce-1.5m-2030"].what_if(-1.5)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((math.nan, 10, 2), "value must be a finite number, not nan"),
        ((1, math.inf, 2), "target must be a finite number, not inf"),
        ((1, 10, math.nan), "years must be a finite number, not nan"),
        ((10**400, 10, 2), "value must be a finite number, not an integer beyond any float"),
    ],
)
def test_required_growth_refuses_numbers_that_are_not_finite(
    args: tuple[float, float, float], message: str
) -> None:
    with pytest.raises(targets.CheckError, match=message):
        targets.required_growth(*args)


def test_required_growth_refuses_an_answer_no_float_holds() -> None:
    # (1e300 / 1) ** (1 / 0.001) = 1e300000: OverflowError before
    with pytest.raises(targets.CheckError, match="beyond any number"):
        targets.required_growth(1, 1e300, 0.001)
    # (-1e308 - 1e308) / 1 = -2e308: -inf before, returned silently
    with pytest.raises(targets.CheckError, match="beyond any number"):
        targets.required_growth(1e308, -1e308, 1, linear=True)


# --- a baseline that holds a key twice -------------------------------------------------

DUPLICATE_STATUS = (
    '{"schema_version": 1,\n'
    ' "results": [\n'
    '  {"target": "dt-firms-100k-2025", "status": "on_track"},\n'
    '  {"target": "dt-workforce-1.5m-2030", "status": "missed",\n'
    '   "st\\u0061tus": "achieved"}]}\n'
)
"""Line 5, column 4 holds the second 'status' (written with an escape): the parser kept the
last one, 'achieved', in silence."""


def test_a_baseline_holding_a_key_twice_is_refused_at_the_second(
    example_programme: targets.Programme, tmp_path: Path
) -> None:
    path = tmp_path / "base.json"
    path.write_text(DUPLICATE_STATUS, encoding="utf-8")
    with pytest.raises(targets.BaselineError) as caught:
        targets.check(example_programme, baseline=path)
    assert str(caught.value) == (
        f"{path}:5:4: the key 'status' is repeated in one object "
        "(a JSON report of ours never repeats one)"
    )
    with pytest.raises(targets.BaselineError, match=":5:4: the key 'status' is repeated"):
        targets.check(example_programme, baseline=str(path))


def test_a_repeated_key_is_named_escaped_and_short(
    example_programme: targets.Programme, tmp_path: Path
) -> None:
    key = "\\u001b[31m" + "k" * 100  # an escape sequence, then 100 letters
    path = tmp_path / "base.json"
    path.write_text(
        '{"schema_version": 1, "results": [], "' + key + '": 1, "' + key + '": 2}',
        encoding="utf-8",
    )
    with pytest.raises(targets.BaselineError) as caught:
        targets.check(example_programme, baseline=path)
    message = str(caught.value)
    # '{"schema_version": 1, "results": [], ' is 37 characters; the first key, with its
    # quotes, 112 (an escape of 10 and 100 letters); then ': 1, ' 5: the second at column 155.
    # The key is quoted as at most 60 characters: '\x1b[31m' (8) and 49 letters, then '...'
    assert message.startswith(f"{path}:1:155: the key '\\x1b[31m{'k' * 49}...' is repeated")
    assert "\x1b" not in message


def test_a_key_repeated_in_different_objects_is_no_duplicate(
    example_programme: targets.Programme, example_report: Report, tmp_path: Path
) -> None:
    path = tmp_path / "base.json"
    path.write_text(json.dumps(example_report.to_dict()), encoding="utf-8")
    assert targets.check(example_programme, baseline=path).changes == ()


def test_check_exits_2_naming_a_baseline_key_given_twice(tmp_path: Path) -> None:
    path = tmp_path / "base.json"
    path.write_text(DUPLICATE_STATUS, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--baseline", str(path)])
    assert result.exit_code == ExitCode.INVALID
    assert f"{path}:5:4: the key 'status' is repeated in one object" in result.stderr
    assert "Traceback" not in result.output


# --- every file the CLI writes goes through the one writer -------------------------------


def _copy_of_example(tmp_path: Path) -> Path:
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    return folder


def test_report_html_naming_a_rules_file_exits_2_and_leaves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # before: exit 0, "wrote .../programme.yaml", the rules replaced by the HTML page
    rules = _copy_of_example(tmp_path) / "programme.yaml"
    before = rules.read_bytes()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["report", "example", "--html", "example/programme.yaml"])
    assert result.exit_code == ExitCode.INVALID, result.output
    assert (
        "Error: 'example/programme.yaml' is one of the files read: a report would replace it"
        in result.stderr
    )
    assert rules.read_bytes() == before


def test_report_html_naming_a_figures_file_through_a_link_exits_2(tmp_path: Path) -> None:
    folder = _copy_of_example(tmp_path)
    figures = folder / "figures" / "firms.yaml"
    before = figures.read_bytes()
    link = tmp_path / "page.html"
    link.symlink_to(figures)
    result = CliRunner().invoke(cli, ["report", str(folder), "--html", str(link)])
    assert result.exit_code == ExitCode.INVALID
    assert "is one of the files read" in result.stderr
    assert figures.read_bytes() == before


def _disk_full(text: str) -> bytes:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_report_html_that_fails_to_write_leaves_the_earlier_page_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.html"
    page.write_text("the earlier page\n", encoding="utf-8")
    monkeypatch.setattr("targets.cli._write._encoded", _disk_full)
    result = CliRunner().invoke(cli, ["report", str(EXAMPLE), "--html", str(page)])
    assert result.exit_code == ExitCode.INVALID
    assert f"cannot write {page}: No space left on device" in result.stderr
    assert page.read_text(encoding="utf-8") == "the earlier page\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]  # no temporary left


def test_schema_output_that_fails_to_write_leaves_the_earlier_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "schema.json"
    out.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr("targets.cli._write._encoded", _disk_full)
    result = CliRunner().invoke(cli, ["schema", "-o", str(out)])
    assert result.exit_code == ExitCode.INVALID
    assert f"cannot write {out}: No space left on device" in result.stderr
    assert out.read_text(encoding="utf-8") == "{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schema.json"]


def test_schema_output_through_a_link_replaces_where_it_leads(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    result = CliRunner().invoke(cli, ["schema", "-o", str(link)])
    assert result.exit_code == ExitCode.OK, result.output
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["$schema"].startswith("https://json-schema")


@pytest.mark.parametrize("growth", ["0.1", b"0.1", None, True])
def test_what_if_refuses_a_rate_that_is_no_number(example_report: Report, growth: object) -> None:
    # a text was taken as a sequence of rates, one per character: "0", ".", "1"
    with pytest.raises(targets.CheckError, match="growth must be a number, not"):
        example_report["dt-firms-100k-2025"].what_if(growth)  # type: ignore[call-overload]


def test_what_if_takes_numpy_rates_one_or_several(example_report: Report) -> None:
    result = example_report["dt-firms-100k-2025"]
    # numpy numbers, taken as Python's are (and typed so since 5df19e1)
    one = result.what_if(np.int64(1))  # was TypeError
    assert one == result.what_if(1.0)
    several = result.what_if(np.array([0.1, 0.2]))
    assert several == (result.what_if(0.1), result.what_if(0.2))
