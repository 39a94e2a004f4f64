"""The bundled Vietnam example: valid, sourced, judged, and broken copies fail precisely."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import targets

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"


@pytest.fixture
def programme(example_programme: targets.Programme) -> targets.Programme:
    return example_programme


def test_the_example_loads_without_warnings(programme: targets.Programme) -> None:
    assert programme.warnings == ()
    assert len(programme.targets) >= 17


def test_every_target_and_figure_names_its_source(programme: targets.Programme) -> None:
    assert [t.id for t in programme.targets if not t.source] == []
    assert [str(f) for f in programme.figures if f.source is None] == []
    assert all(programme.sources[t.source] for t in programme.targets if t.source)


def test_the_real_conflicts_stay_visible(programme: targets.Programme) -> None:
    firms = {(t.metric, str(t.deadline)) for t in programme.targets if t.metric == "dt-firms"}
    assert {("dt-firms", "2025"), ("dt-firms", "2030")} <= firms
    kinds = {f.kind for f in programme.figures}
    assert {"actual", "estimate", "forecast", "derived"} <= kinds
    assert any(f.is_range for f in programme.figures)
    assert any(f.change for f in programme.figures)


def test_check_returns_a_result_for_every_target(programme: targets.Programme) -> None:
    report = targets.check(programme)
    assert [r.id for r in report] == [t.id for t in programme.targets]
    assert all(r.explain() for r in report)
    assert sum(report.summary.values()) == len(programme.targets)


def test_the_two_digital_economy_series_disagree(programme: targets.Programme) -> None:
    report = targets.check(programme)
    shares = [r for r in report if r.metric.id.startswith("de-share")]
    assert len({r.metric.id for r in shares}) == 2
    assert len({r.status for r in shares}) == 2


MUTATIONS = [
    # (file, old text, new text, expected message fragment)
    (
        "programme.yaml",
        "    metric: dt-firms\n    at_least: 100,000\n    by: 2025",
        "    metirc: dt-firms\n    at_least: 100,000\n    by: 2025",
        "unknown key 'metirc'",
    ),
    (
        "programme.yaml",
        "    unit: firm\n    direction: higher\n",
        "    unit: firmz\n    direction: higher\n",
        "unknown unit 'firmz'",
    ),
    (
        "figures/firms.yaml",
        "    period: 2019\n    value: 45,600",
        "    period: 2019\n    value: forty-five thousand",
        "is not a number",
    ),
    (
        "figures/firms.yaml",
        "    source: vietstock-2022-07\n    note: SGGP",
        "    source: vietstock-2022-07\n    source: sggp-2025-01-24\n    note: SGGP",
        "duplicate key 'source'",
    ),
    (
        "figures/firms.yaml",
        "  - metric: dt-firms\n    period: 2020",
        "  - metric: *firms\n    period: 2020",
        "aliases are not allowed",
    ),
    (
        "figures/firms.yaml",
        "  - metric: dt-firms\n    period: 2019\n    value: 46,000",
        "  - metric: dt-firmz\n    period: 2019\n    value: 46,000",
        "unknown metric 'dt-firmz'",
    ),
]


def test_a_broken_copy_gives_one_positioned_message_per_problem(tmp_path: Path) -> None:
    copy = tmp_path / "vietnam-digital"
    shutil.copytree(EXAMPLE, copy)
    for name, old, new, _ in MUTATIONS:
        path = copy / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= 1, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "targets", "validate", str(copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == targets.ExitCode.INVALID
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[-1] == f"{len(MUTATIONS)} problems in the input"
    problems = lines[:-1]
    assert len(problems) == len(MUTATIONS)
    for *_, fragment in MUTATIONS:
        assert sum(fragment in line for line in problems) == 1, fragment
    for line in problems:
        file, line_no, col, _message = line.split(":", 3)
        assert file.startswith(str(copy))
        assert int(line_no) > 0
        assert int(col) > 0
