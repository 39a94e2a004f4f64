"""`targets.record` into a CSV file as large as `targets.load` reads into columns: the edit is
checked as columns, and says and writes exactly what the row-by-row check does."""

from __future__ import annotations

from pathlib import Path

import pytest

from targets.rules import _columnar, _record
from targets.rules._early import COLUMNAR_FROM
from targets.rules._record import RecordError, record

from .test_record import RULES

HEADER = "metric,period,value,unit,entity,source\n"


def _large(root: Path) -> Path:
    """A programme whose figures file holds a figure of 'firms' for each of many entities,
    more bytes than `COLUMNAR_FROM`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "rules.yaml").write_text(RULES, encoding="utf-8")
    rows = [f"firms,2023,{1000 + i},firm,e{i:05d},src\n" for i in range(9000)]
    path = root / "figures.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    assert path.stat().st_size >= COLUMNAR_FROM
    return path


def _both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, figure: dict[str, object]
) -> tuple[object, object, int]:
    """What recording `figure` gives as columns and row by row (an exception, or the
    file's text and the warnings), and how often the columnar check ran."""
    calls = []
    read = _columnar.csv_columns

    def counted(data: bytes, name: str) -> object:
        calls.append(name)
        return read(data, name)

    monkeypatch.setattr(_columnar, "csv_columns", counted)
    found = []
    for name, threshold in (("columns", COLUMNAR_FROM), ("rows", 2**62)):
        path = _large(tmp_path / name)
        with monkeypatch.context() as patch:
            patch.setattr(_record, "COLUMNAR_FROM", threshold)
            try:
                done = record(path, figure)
            except RecordError as exc:
                found.append([str(d).replace(str(tmp_path / name), "") for d in exc.diagnostics])
            else:
                warnings = [str(w).replace(str(tmp_path / name), "") for w in done.warnings]
                found.append([path.read_text(encoding="utf-8"), *warnings])
    return found[0], found[1], len(calls)


def test_a_figure_recorded_into_a_large_csv_file_is_checked_as_columns_as_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    figure = {"metric": "firms", "period": 2024, "value": 74000, "unit": "firm", "entity": "e1"}
    columns, rows, calls = _both_ways(tmp_path, monkeypatch, figure)
    assert calls == 2  # before the edit (the sources) and after it
    assert columns == rows
    assert isinstance(columns, list)
    assert columns[0].endswith("firms,2023,9999,firm,e08999,src\nfirms,2024,74000,firm,e1,\n")


def test_an_invalid_figure_for_a_large_csv_file_is_refused_where_it_was_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    figure = {"metric": "firms", "period": 2024, "value": 5, "unit": "kg", "entity": "e1"}
    columns, rows, calls = _both_ways(tmp_path, monkeypatch, figure)
    assert calls >= 1
    assert columns == rows
    assert isinstance(columns, list)
    assert any("kg" in message for message in columns)
    assert all(str(m).startswith("<figures>") for m in columns)  # where it was given
