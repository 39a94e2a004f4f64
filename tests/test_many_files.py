"""Figures split into many files (one a province or a country, as offices publish them)
are read and reported as if they were one: into columns once the run's CSV files are
large together, whatever each one's size, and their latest figures written as stated."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import targets
from targets.rules import _early

from .test_compact_report import assert_compact_matches_full
from .test_vector_path import HEAD

Write = Callable[[dict[str, str]], Path]

AREAS = ["VN", "TH", "LA", "KH"]
RULES = HEAD.format(prefer="") + (
    "targets:\n"
    "  - {id: up-100, metric: up, at_least: 100, by: 2030, base: 2015, for_each: all}\n"
    "  - {id: share-60, metric: share, at_least: 60, by: 2028, for_each: all}\n"
)


def _files() -> dict[str, str]:
    """A CSV file of figures per area, each value written its own way."""
    files = {"p/rules.yaml": RULES}
    for n, area in enumerate(AREAS):
        rows = ["metric,entity,period,value,unit"]
        for year in range(2015, 2025):
            rows.append(f"up,{area},{year},{10 + n + 3 * (year - 2015)},firm")
            rows.append(f'share,{area},{year},{20 + 1.5 * n + (year - 2015):.1f},"%"')
        files[f"p/{area}.csv"] = "\n".join(rows) + "\n"
    return files


def test_small_csv_files_are_read_into_columns_when_large_together(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(_files()) / "p"
    paths = sorted(root.glob("*.csv"))
    each = max(p.stat().st_size for p in paths)
    together = sum(p.stat().st_size for p in paths)
    monkeypatch.setattr(_early, "COLUMNAR_FROM", each + 1)  # no file alone reaches it
    monkeypatch.setattr(_early, "COLUMNAR_FILE_FROM", each)  # but each is not tiny
    assert _early.Early(paths).columnar == [True] * len(paths)
    monkeypatch.setattr(_early, "COLUMNAR_FROM", together + 1)
    assert _early.Early(paths).columnar == [False] * len(paths)


def test_tiny_csv_files_are_read_row_by_row_however_many(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of a few figures costs the columnar reader more than its rows: five thousand
    such files took 8 s as columns and 1.6 s row by row."""
    root = write(_files()) / "p"
    paths = sorted(root.glob("*.csv"))
    each = max(p.stat().st_size for p in paths)
    monkeypatch.setattr(_early, "COLUMNAR_FROM", each + 1)  # reached together
    monkeypatch.setattr(_early, "COLUMNAR_FILE_FROM", each + 1)  # but every file is tiny
    assert _early.Early(paths).columnar == [False] * len(paths)


def test_figures_in_many_files_read_either_way_check_alike(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(_files()) / "p"
    monkeypatch.setattr(_early, "COLUMNAR_FROM", 0)
    columns = targets.check(targets.load(root))
    assert len(columns.programme.table.chunks) == len(AREAS)  # a file's columns each
    monkeypatch.setattr(_early, "COLUMNAR_FROM", 2**62)
    rows = targets.check(targets.load(root))
    assert columns.summary == rows.summary
    for a, b in zip(columns, rows, strict=True):
        assert a.to_dict() == b.to_dict()


def test_the_compact_report_of_many_files_states_each_latest_figure_as_written(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_early, "COLUMNAR_FROM", 0)
    report = targets.check(targets.load(write(_files()) / "p"))
    assert_compact_matches_full(report)
    stated = {r.key: r.latest.stated for r in report if r.latest is not None}
    assert stated["share-60[LA]"] == "32.0 %"
    assert stated["up-100[KH]"] == "40 firms"
