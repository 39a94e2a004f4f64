"""pyarrow 14 and 15 (pyproject allows `pyarrow>=14`) lack the view types of pyarrow 16:
the Parquet reader asks about them only where pyarrow has them, so a figures file reads
there as anywhere (asking `pa.types.is_binary_view` of every column made every Parquet file
an internal error, AttributeError, under pyarrow 15)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import targets

RULES = """\
programme: {name: P}
metrics: [{id: m, name: M, unit: firm, direction: higher}]
targets: [{id: t, metric: m, at_least: 100, by: 2030}]
"""


def test_a_parquet_file_reads_under_a_pyarrow_without_view_types(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "p.yaml").write_text(RULES, encoding="utf-8")
    columns = {
        "metric": ["m", "m"],
        "period": ["2020", "2022"],
        "value": [50.0, 60.0],
        "unit": ["firm", "firm"],
        "note": [b"read as text", None],  # a binary column: the test that asks about views
    }
    pq.write_table(pa.table(columns), tmp_path / "f.parquet")
    monkeypatch.delattr(pa.types, "is_binary_view", raising=False)  # as pyarrow 14 and 15
    programme = targets.load(tmp_path)
    assert [(f.period.label, f.value, f.note) for f in programme.figures] == [
        ("2020", 50.0, "read as text"),
        ("2022", 60.0, None),
    ]
