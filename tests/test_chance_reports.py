"""The project's chance in every report, and as a gate (`--fail-on-chance-below`).

The series is built so that its chance can be worked by hand: firms 10, 11.5, 11, 13.5, 14
in 2020-2024, judged by SDSN (a linear projection, so the chance reads it on the plain
scale). Its residuals from the line 10 + (t - 2020), (0, 0.5, -1, 0.5, 0), sum to zero and
are orthogonal to t, so the least-squares trend is that line exactly: slope 1, 16 in 2026.
The random walk's drift is (14 - 10) / 4 = 1, so it forecasts 14 + 2 * 1 = 16 too. Both
readings are centred on the target 16 for 2026: each gives F_t(0) = 1/2, and so does any
mixture of them. The chance of ``even`` is one half, and its band is symmetric about the
forecast (15 in 2025, 16 in 2026).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import targets
from targets.judge import Gate
from targets.render import chart_svg, explain_steps, render, report_html_document

SVG = "{http://www.w3.org/2000/svg}"

PROGRAMME = """\
programme: {name: Chance, base: 2020}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics:
  - {id: firms, name: Firms, unit: firm, direction: higher}
  - {id: parks, name: Parks, unit: firm, direction: higher}
targets:
  - {id: even, metric: firms, at_least: 16, by: 2026, method: sdsn}
  - {id: far, metric: firms, at_least: 40, by: 2026, method: sdsn, severity: warn}
  - {id: pair, metric: parks, at_least: 15, by: 2026, method: sdsn}
  - {id: held, metric: parks, hold: {at_least: 5}, from: 2020, by: 2026}
figures:
  - {metric: firms, period: 2020, value: 10, unit: firm, source: s}
  - {metric: firms, period: 2021, value: 11.5, unit: firm, source: s}
  - {metric: firms, period: 2022, value: 11, unit: firm, source: s}
  - {metric: firms, period: 2023, value: 13.5, unit: firm, source: s}
  - {metric: firms, period: 2024, value: 14, unit: firm, source: s}
  - {metric: parks, period: 2020, value: 10, unit: firm, source: s}
  - {metric: parks, period: 2024, value: 14, unit: firm, source: s}
"""
"""``even``: chance 1/2, on track. ``far``: 40 by 2026, 24 above both forecasts, whose
scales are about 1.2 and 2.2: a chance far below 1 % (warn severity). ``pair``: two figures,
no chance (fewer than three). ``held``: a hold has no chance at all."""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("chance")
    (folder / "p.yaml").write_text(PROGRAMME, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def report(root: Path) -> targets.Report:
    return targets.check(root)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`targets ARGS` as CI runs it: this interpreter's package, in a pipe, no colour."""
    return subprocess.run(
        [sys.executable, "-m", "targets", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "120"},
        timeout=120,
    )


# The reading itself, as the results carry it.


def test_the_hand_worked_series_has_an_even_chance(report: targets.Report) -> None:
    even = report["even"].chance
    assert even is not None
    assert even.probability == pytest.approx(0.5, abs=1e-12)
    assert even.trend_slope == pytest.approx(1.0)
    assert even.walk_drift == pytest.approx(1.0)
    far = report["far"].chance
    assert far is not None
    assert far.probability is not None
    assert far.probability < 0.01
    pair = report["pair"].chance
    assert pair is not None
    assert pair.probability is None
    assert pair.reason == "fewer than 3 figures since the base year"
    assert report["held"].chance is None


def test_the_chance_never_changes_a_status(report: targets.Report) -> None:
    assert report["even"].status == "on_track"
    assert report["even"].method_status == "on_track"
    assert report["far"].status == "off_track"  # by the method: 26 firms to add in 2 years


# The gate.


def test_the_gate_fails_a_target_below_the_chance_and_only_below(report: targets.Report) -> None:
    p = report["even"].chance.probability  # type: ignore[union-attr]
    assert p is not None
    assert Gate(None, chance_below=p).failures(report) == ()  # not below: equal
    above = math.nextafter(p, 1.0)
    assert [r.key for r in Gate(None, chance_below=above).failures(report)] == ["even"]


def test_a_target_without_a_chance_never_trips_the_gate(report: targets.Report) -> None:
    # At 1.0 every probability but certainty is below; pair and held have none.
    failing = {r.key for r in Gate(None, strict=True, chance_below=1.0).failures(report)}
    assert failing == {"even", "far"}


def test_warn_severity_trips_the_chance_gate_only_with_strict(report: targets.Report) -> None:
    assert [r.key for r in Gate(None, chance_below=0.1).failures(report)] == []
    assert [r.key for r in Gate(None, True, chance_below=0.1).failures(report)] == ["far"]


def test_a_status_gate_and_a_chance_gate_add_up(report: targets.Report) -> None:
    gate = Gate("off_track", strict=True, chance_below=0.51)
    assert [r.key for r in gate.failures(report)] == ["even", "far"]
    assert [r.key for r in gate.chance_failures(report)] == ["even"]  # far fails by status
    assert gate.option == "--fail-on off_track --strict --fail-on-chance-below 0.51"
    assert gate.verdict(report) == (
        "gate --fail-on off_track --strict --fail-on-chance-below 0.51: failed, 1 target at "
        "off_track or worse and 1 more target with a chance below 51 % (marked ✗)"
    )
    passing = Gate(None, chance_below=0.49)
    assert passing.verdict(report) == (
        "gate --fail-on none --fail-on-chance-below 0.49: passed, no target with a chance "
        "below 49 %"
    )


@pytest.mark.parametrize("below", [-0.1, 1.5, math.nan])
def test_a_chance_gate_outside_0_to_1_is_refused(below: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        Gate(chance_below=below)


def test_check_exits_by_the_chance_gate(root: Path) -> None:
    assert run("check", str(root), "--fail-on", "none").returncode == 0
    passed = run("check", str(root), "--fail-on", "none", "--fail-on-chance-below", "0.49")
    assert passed.returncode == 0, passed.stderr
    assert "passed, no target with a chance below 49 %" in passed.stdout
    failed = run("check", str(root), "--fail-on", "none", "--fail-on-chance-below", "0.51")
    assert failed.returncode == 1, failed.stderr
    assert "failed, 1 target with a chance below 51 % (marked ✗)" in failed.stdout
    row = next(line for line in failed.stdout.splitlines() if " even " in line)
    assert row.startswith("  ✗ even")
    assert row.endswith("50 %")


@pytest.mark.parametrize("value", ["50", "-0.5", "half"])
def test_a_chance_gate_that_is_not_a_probability_exits_2(root: Path, value: str) -> None:
    result = run("check", str(root), "--fail-on-chance-below", value)
    assert result.returncode == 2
    assert "--fail-on-chance-below" in result.stderr


def test_the_chance_gate_can_be_set_in_targets_toml(root: Path, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the settings are looked for up to the repository's root
    (tmp_path / "targets.toml").write_text(
        f'paths = ["{root}"]\nfail-on = "none"\nfail-on-chance-below = 0.51\n', encoding="utf-8"
    )
    result = run("check", "-q", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("gate --fail-on none --fail-on-chance-below 0.51: failed")


def test_report_shows_the_chance_gate_and_exits_0(root: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    args = ("report", str(root), "--html", str(page), "--fail-on", "none")
    result = run(*args, "--fail-on-chance-below", "0.51")
    assert result.returncode == 0, result.stderr
    text = page.read_text(encoding="utf-8")
    assert "Gate failed: 1 target is given a chance below 51 %" in text
    assert "--fail-on none --fail-on-chance-below 0.51" in text


# Every format says the chance, as the project's reading.


def test_the_json_report_carries_the_chance_and_meets_its_schema(
    root: Path, results_validator: Any
) -> None:
    result = run("check", str(root), "--format", "json", "--fail-on", "none")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    results_validator.validate(document)
    chance = {r["target"]: r["chance"] for r in document["results"]}
    even = chance["even"]
    assert even["probability"] == pytest.approx(0.5, abs=1e-12)
    assert even["model"] == "linear"
    assert (even["target"], even["target_year"], even["points"]) == (16, 2026, 5)
    assert even["reach"]["level"] == 0.8
    assert even["outlier"] is None
    assert even["reason"] is None
    assert chance["pair"]["probability"] is None
    assert chance["pair"]["reason"] == "fewer than 3 figures since the base year"
    assert chance["held"] is None


def test_a_reach_interval_brackets_the_year_of_an_even_chance(report: targets.Report) -> None:
    # By 2026 the chance is 1/2: it passed 10 % no later, and reaches 90 % only after.
    data = report["even"].to_dict()["chance"]["reach"]
    assert data["low"] <= 2026 < data["high"]


def test_the_frame_has_the_chance_as_a_float(report: targets.Report) -> None:
    frame = report.to_frame()
    assert str(frame["chance"].dtype) == "float64"
    assert frame.loc["even", "chance"] == pytest.approx(0.5, abs=1e-12)
    missing = frame["chance"].isna()
    assert missing["pair"]
    assert missing["held"]
    reach = report["even"].chance
    assert reach is not None
    assert frame.loc["even", "chance_reach_low"] == reach.reach_low
    assert frame.loc["even", "chance_reach_high"] == reach.reach_high


def test_explain_shows_the_chance_and_its_arithmetic_apart_from_the_verdict(
    report: targets.Report,
) -> None:
    text = explain_steps(report["even"], width=100)
    verdict, _, reading = text.partition("the project's own reading (not the method's")
    assert "verdict: on_track (sdsn on_track)" in verdict
    assert "% chance" not in verdict
    lines = [" ".join(line.split()) for line in reading.splitlines()]
    assert "50 % chance that the 2026 figure meets 16 firms" in lines[1]
    for step in (
        "trend slope b (value) = sum((t - 2022) * (y - 12)) / 10 = 1",
        "trend spread s_A = sqrt(1.5 / 3) = 0.707107",  # residuals 0, .5, -1, .5, 0
        "walk drift = (14 - 10) / (2024 - 2020) = 1",
        "walk spread s_B = sqrt(5 / 3) = 1.29099",  # steps less drift: .5, -1.5, 1.5, -.5
        "trend forecast = 12 + 1 * (2026 - 2022) = 16",
        "walk forecast = 14 + 1 * 2 = 16",
    ):
        assert step in lines, step
    (mixed,) = [line for line in lines if line.startswith("chance = (1 - ")]
    assert mixed.endswith(" * 0.5 = 0.5")  # both readings give one half, so does the mix


def test_explain_says_why_there_is_no_chance(report: targets.Report) -> None:
    text = explain_steps(report["pair"])
    assert "no chance measured (fewer than 3 figures since the base year)" in text
    assert "the project's own reading" not in explain_steps(report["held"])


def test_text_and_markdown_have_a_chance_column(report: targets.Report) -> None:
    text = render(report, "text", gate=Gate(None), width=100)
    header = next(line for line in text.splitlines() if "latest" in line)
    assert header.split()[-1] == "chance"
    rows = {line.split()[0]: line for line in text.splitlines() if line.startswith("    ")}
    assert rows["even"].endswith(" 50 %")
    assert rows["far"].endswith(" <1 %")
    assert rows["pair"].endswith(" -")
    markdown = render(report, "markdown", gate=Gate(None))
    head = next(line for line in markdown.splitlines() if "| target |" in line)
    assert head.rstrip(" |").endswith("chance")
    even = next(line for line in markdown.splitlines() if "`even`" in line)
    assert even.endswith("| 50 % |")
    assert "the project's own reading, not the method's" in markdown


def test_a_narrow_terminal_drops_the_chance_first(report: targets.Report) -> None:
    def header(width: int) -> str:
        text = render(report, "text", gate=Gate(None), width=width)
        return next(line for line in text.splitlines() if "latest" in line)

    # Short ids: the row is 63 columns (4 + "target" + cells of 9, 7, 7, 11, 7, 6, each
    # after a space); at 62 the chance goes, and at 56 the row fits again.
    assert "chance" in header(63)
    narrow = header(62)
    assert "chance" not in narrow
    assert "at deadline" in narrow  # the next to go, still there


def test_the_chart_shades_the_band_from_the_latest_figure(report: targets.Report) -> None:
    band = report["even"].chart().band
    assert band[0] == (2024.0, 14.0, 14.0)  # starts at the latest figure, no width
    assert [t for t, _, _ in band] == [2024.0, 2025.0, 2026.0]
    for (_, low, high), centre in zip(band[1:], (15.0, 16.0), strict=True):
        assert low < centre < high
        assert centre - low == pytest.approx(high - centre)  # both readings centred alike
    assert band[2][2] - band[2][1] > band[1][2] - band[1][1]  # wider further out
    root = ET.fromstring(chart_svg(report["even"].chart()))
    (shaded,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "chance-band"]
    polygon = shaded.find(f"{SVG}polygon")
    assert polygon is not None
    assert len(polygon.get("points", "").split()) == 2 * len(band)
    assert "50 % chance" in (shaded.findtext(f"{SVG}title") or "")
    keys = [g.get("class") for g in root.iter(f"{SVG}g")]
    assert "key key-chance" in keys


def test_a_chart_without_a_chance_has_no_band(report: targets.Report) -> None:
    assert report["pair"].chart().band == ()
    root = ET.fromstring(chart_svg(report["pair"].chart()))
    assert not [g for g in root.iter(f"{SVG}g") if g.get("class") == "chance-band"]


def test_the_html_card_has_the_band_and_names_the_reading(report: targets.Report) -> None:
    page = ET.fromstring(report_html_document(report, gate=Gate(None)))
    cards = {a.get("id"): a for a in page.iter("article")}
    card = cards["target-even"]
    bands = [g for g in card.iter(f"{SVG}g") if g.get("class") == "chance-band"]
    assert len(bands) == 1
    (words,) = [p for p in card.iter("p") if p.get("class") == "chance"]
    text = "".join(words.itertext())
    assert text.startswith("Chance, the project's reading (not the method's): 50 % chance")


def test_ci_findings_explain_a_chance_gate_failure(report: targets.Report) -> None:
    gate = Gate("off_track", strict=True, chance_below=0.51)
    sarif = json.loads(render(report, "sarif", gate=gate))
    run_ = sarif["runs"][0]
    errors = {r["properties"]["target"]: r for r in run_["results"] if r["level"] == "error"}
    assert set(errors) == {"even", "far"}
    even = errors["even"]  # on track by the method: it fails by its chance alone
    assert even["ruleId"] == "low_chance"
    assert run_["tool"]["driver"]["rules"][even["ruleIndex"]]["id"] == "low_chance"
    assert "the chance 0.5 is below --fail-on-chance-below 0.51" in even["message"]["text"]
    assert errors["far"]["ruleId"] == "off_track"  # its status fails it first
    assert "is below --fail-on-chance-below 0.51" in errors["far"]["message"]["text"]
    gitlab = {f["check_name"]: f for f in json.loads(render(report, "gitlab", gate=gate))}
    assert (
        "the chance 0.5 is below --fail-on-chance-below 0.51" in gitlab["low_chance"]["description"]
    )
    assert "is below --fail-on-chance-below 0.51" in gitlab["off_track"]["description"]  # far's
    junit = ET.fromstring(render(report, "junit", gate=gate).encode("utf-8"))
    failures = {c.get("name"): c.find("failure") for c in junit.iter("testcase")}
    failure = failures["even"]
    assert failure is not None
    assert failure.get("type") == "low_chance"
    assert "the chance 0.5 is below --fail-on-chance-below 0.51" in failure.get("message", "")
    github = render(report, "github", gate=gate)
    line = next(line for line in github.splitlines() if "title=even" in line)
    assert line.startswith("::error ")
    assert "the chance 0.5 is below --fail-on-chance-below 0.51" in line


HOSTILE_COUNT = """\
programme: {name: Count}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics:
  - {id: rev, name: Revenue by province, unit: USD billion, direction: higher}
targets:
  - id: c
    metric: rev
    count: {at_least: 4}
    where: {at_least: USD 1 billion}
    by: 2028
    entities: "zones\\n::error::forged"
figures:
  - {metric: rev, period: 2020, entity: A, value: 1.2, unit: USD billion, source: s}
  - {metric: rev, period: 2021, entity: A, value: 1.3, unit: USD billion, source: s}
  - {metric: rev, period: 2022, entity: A, value: 1.4, unit: USD billion, source: s}
  - {metric: rev, period: 2021, entity: B, value: 1.1, unit: USD billion, source: s}
  - {metric: rev, period: 2022, entity: B, value: 1.2, unit: USD billion, source: s}
  - {metric: rev, period: 2022, entity: C, value: 1.2, unit: USD billion, source: s}
"""
"""Counts of 1, 2 and 3 entities in 2020-2022, against 4 by 2028: a chance whose phrase says
the count's entities, a string from the input."""


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--explain"],
        ["check", "--format", "markdown"],
        ["check", "--format", "junit"],
        ["check", "--format", "sarif"],
        ["check", "--format", "gitlab"],
        ["check", "--format", "github"],
        ["explain", "c"],
    ],
    ids="-".join,
)
def test_the_chance_in_words_cannot_start_a_line(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "p.yaml").write_text(HOSTILE_COUNT, encoding="utf-8")
    gate = ["--fail-on", "none", "--fail-on-chance-below", "0.999"]
    result = run(*args, str(tmp_path), *([] if args[0] == "explain" else gate))
    assert result.returncode in {0, 1}, result.stderr
    assert "% chance that the 2028 figure meets 4 zones" in result.stdout.replace("%25", "%")
    ours = ("::error ", "::warning ", "::notice ") if "github" in args else ()
    for line in result.stdout.splitlines():
        assert not line.lstrip().startswith("::") or line.startswith(ours), line
