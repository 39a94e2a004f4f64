"""Parquet columns of types a figures file should not hold, as a pull request could bring
them: each is read as the text it shows or refused naming its column, never a crash, and a
column of nulls is never read as numbers."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import targets

RULES = """\
programme: {name: P}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics: [{id: m, name: M, unit: firm, direction: higher}]
targets: [{id: t, metric: m, at_least: 100, by: 2030}]
"""


def _load_with(tmp_path: Path, column: str, array: Any) -> targets.Programme:
    (tmp_path / "p.yaml").write_text(RULES, encoding="utf-8")
    columns: dict[str, Any] = {
        "metric": ["m", "m", "m"],
        "period": [2020, 2022, 2024],
        "value": [50.0, 60.0, 70.0],
        "unit": ["firm", "firm", "firm"],
    }
    columns[column] = array
    pq.write_table(pa.table(columns), tmp_path / "f.parquet")
    return targets.load(tmp_path)


def _problems(tmp_path: Path, column: str, array: Any) -> list[str]:
    with pytest.raises(targets.LoadError) as caught:
        _load_with(tmp_path, column, array)
    return [str(d) for d in caught.value.diagnostics]


@pytest.mark.parametrize(
    ("array", "shown"),
    [
        (pa.array([datetime.date(2020, 1, 1)] * 3), "'2020-01-01'"),
        (pa.array([datetime.datetime(2020, 1, 1)] * 3, pa.timestamp("ms")), "'2020-01-01 00"),
        (pa.array([1, 2, 3], pa.time32("s")), "'00:00:0"),
    ],
    ids=["date", "timestamp", "time"],
)
def test_a_value_column_of_dates_or_times_is_refused_as_text_that_is_no_number(
    tmp_path: Path, array: Any, shown: str
) -> None:
    problems = _problems(tmp_path, "value", array)
    assert len(problems) == 3
    assert all(f"'value': {shown}" in p and "is not a number" in p for p in problems)


@pytest.mark.parametrize("column", ["value", "period", "metric"])
def test_a_column_of_durations_is_refused_naming_it(tmp_path: Path, column: str) -> None:
    problems = _problems(tmp_path, column, pa.array([1, 2, 3], pa.duration("s")))
    assert problems == [
        f"{tmp_path / 'f.parquet'}:1:{['metric', 'period', 'value'].index(column) + 1}: "
        f"the column '{column}' holds duration[s], not text or numbers"
    ]


def test_a_column_of_fixed_size_bytes_is_read_as_utf8_text(tmp_path: Path) -> None:
    programme = _load_with(tmp_path, "value", pa.array([b"50", b"60", b"70"], pa.binary(2)))
    assert [f.value for f in programme.figures] == [50, 60, 70]


def test_a_value_column_of_the_null_type_is_missing_values_not_numbers(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "value", pa.nulls(3))
    assert len(problems) == 3
    assert all(p.endswith("a figure needs 'value'") for p in problems)


def test_a_file_of_null_columns_is_blank_rows_as_typed_nulls_are(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(RULES, encoding="utf-8")
    for name, array in (("typed", pa.array([None] * 3, pa.string())), ("null", pa.nulls(3))):
        table = pa.table(dict.fromkeys(("metric", "period", "value", "unit"), array))
        pq.write_table(table, tmp_path / f"{name}.parquet")
    assert targets.load(tmp_path).figures == ()


def test_reading_parquet_figures_imports_no_pandas(tmp_path: Path) -> None:
    """pyarrow's `read_table` imports pyarrow.dataset, which imports pandas where it is
    installed: 0.4 s of a check that never uses it."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    _load_with(tmp_path, "entity", ["A", "B", "C"])  # the files, read once here
    code = "import sys, targets; targets.load(sys.argv[1]); print('pandas' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.strip() == "False", done.stderr
