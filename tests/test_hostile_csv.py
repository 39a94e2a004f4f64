"""CSV files large enough for the columnar reader (256 KiB and up), broken as a pull
request could break them: a quote left open must not swallow the figures below it, as the
row-by-row reader of a small file already refuses it."""

from __future__ import annotations

from pathlib import Path

import pytest

import targets
from targets.rules import _columnar

RULES = """\
programme: {name: P}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics: [{id: m, name: M, unit: firm, direction: higher}]
targets: [{id: t, metric: m, at_least: 100, by: 2030}]
"""
HEADER = b"metric,period,value,unit,note\n"
MANY = b"".join(b"m,%d,%d,firm,a\n" % (2000 + i % 30, i) for i in range(20_000))  # 400 KB


def _folder(tmp_path: Path, csv: bytes) -> Path:
    (tmp_path / "p.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "f.csv").write_bytes(csv)
    return tmp_path


def _messages(folder: Path) -> list[str]:
    with pytest.raises(targets.LoadError) as caught:
        targets.load(folder)
    return [str(d) for d in caught.value.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("rows", [b"", MANY], ids=["small", "large"])
def test_a_quote_left_open_is_refused_by_either_reader(tmp_path: Path, rows: bytes) -> None:
    tail = b"m,2031,1,firm,x\n" * 100  # these would have been one note
    folder = _folder(tmp_path, HEADER + rows + b'm,2030,1,firm,"open\n' + tail)
    (message,) = _messages(folder)
    assert message.endswith("invalid CSV: unexpected end of data")


def test_a_quote_inside_an_unquoted_cell_of_a_large_file_is_still_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path, HEADER + MANY + b'm,2031,7,firm,a 5" screen\n')
    figures = targets.load(folder).figures
    assert len(figures) == 20_001
    assert figures[-1].note == 'a 5" screen'


def test_a_quote_left_open_in_a_file_too_large_to_read_by_rows_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_columnar, "MAX_BYTES", 1024)  # as a file over 64 MiB is
    folder = _folder(tmp_path, HEADER + MANY + b'm,2030,1,firm,"open\n')
    (message,) = _messages(folder)
    assert message.endswith(
        "f.csv:1:1: invalid CSV: a quote is left open (the file holds an odd "
        "number of '\"'), so the rest of the file would be one cell; close "
        "it, or double a quote inside a quoted cell"
    )


def test_a_file_in_the_mapping_s_layout_missing_a_mapped_column_says_which(
    tmp_path: Path,
) -> None:
    mapping = "  columns: {metric: SERIES, entity: NOPE, period: TIME_PERIOD, value: OBS_VALUE,\n"
    mapping += "            unit: UNIT_MEASURE}\n"
    (tmp_path / "p.yaml").write_text(RULES.replace("{name: P}", "\n  name: P\n" + mapping))
    (tmp_path / "f.csv").write_text(
        "SERIES,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\nm,VN,2020,50,firm\n"
    )
    said = "f.csv:1:1: the column mapping does not apply: this file has no column 'NOPE' (entity)"
    assert [m for m in _messages(tmp_path) if m.endswith(said)]


def test_a_quote_inside_an_unquoted_cell_of_a_file_too_large_for_rows_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_columnar, "MAX_BYTES", 1024)  # as a file over 64 MiB is
    folder = _folder(tmp_path, HEADER + MANY + b'm,2031,7,firm,a 5" screen\n')
    assert targets.load(folder).figures[-1].note == 'a 5" screen'  # an odd number of '"'


def test_a_quote_inside_an_unquoted_cell_of_a_mapped_file_keeps_the_mapping(
    tmp_path: Path,
) -> None:
    mapping = "  columns: {metric: SERIES, entity: REF_AREA, period: TIME_PERIOD, "
    mapping += "value: OBS_VALUE, unit: UNIT_MEASURE}\n"
    (tmp_path / "p.yaml").write_text(RULES.replace("{name: P}", "\n  name: P\n" + mapping))
    (tmp_path / "f.csv").write_text(  # an odd number of '"', in a column it does not map
        "SERIES,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,COMMENT\n"
        'm,VN,2020,50,firm,a 5" screen\nm,VN,2021,60,firm,\n'
    )
    figures = targets.load(tmp_path).figures
    assert [(f.entity, f.period.label, f.value) for f in figures] == [
        ("VN", "2020", 50.0),
        ("VN", "2021", 60.0),
    ]


def test_a_quote_left_open_on_the_last_line_without_a_break_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_columnar, "MAX_BYTES", 1024)
    folder = _folder(tmp_path, HEADER + MANY + b'm,2030,1,firm,"open')
    (message,) = _messages(folder)
    assert "a quote is left open" in message
