"""A CSV file read row by row finds its rows' and cells' positions when they are asked:
where each was written, as a problem names it, whether asked one at a time, for every row
at once, or after the rows' data were dropped (the loader drops them once validated)."""

from __future__ import annotations

from targets.rules._errors import Location
from targets.rules._files import read_csv

TEXT = (
    "metric,period,value,unit,note\n"
    'a,2020,"1,000",firm,\n'  # a quoted comma; an empty last cell
    'b,2021,5,firm,"two\n'  # a cell over two lines
    'lines"\n'
    "\n"  # a blank line: no row
    "c,2022,7,firm,x\n"
)
"""Its cells' columns, counted by hand: a quoted "1,000" starts at column 8."""

EXPECTED = {
    ("figures", 0): Location("f.csv", 2),
    ("figures", 0, "metric"): Location("f.csv", 2, 1),
    ("figures", 0, "period"): Location("f.csv", 2, 3),
    ("figures", 0, "value"): Location("f.csv", 2, 8),
    ("figures", 0, "unit"): Location("f.csv", 2, 16),
    ("figures", 1): Location("f.csv", 3),
    ("figures", 1, "note"): Location("f.csv", 3, 1),  # on two lines: the row's first column
    ("figures", 2): Location("f.csv", 6),
    ("figures", 2, "value"): Location("f.csv", 6, 8),
    ("figures", 2, "note"): Location("f.csv", 6, 15),
}


def test_each_cell_is_found_where_it_was_written_when_asked() -> None:
    doc, problems = read_csv(TEXT, "f.csv")
    assert problems == []
    assert [row["metric"] for row in doc.data["figures"]] == ["a", "b", "c"]
    for path, where in EXPECTED.items():
        assert doc.locate(path) == where, path
        if len(path) == 3:
            assert doc.locate(path, key=True) == where, path


def test_an_empty_cell_has_no_position_of_its_own_but_its_row_s() -> None:
    doc, _ = read_csv(TEXT, "f.csv")
    assert doc.locate(("figures", 0, "note")) == Location("f.csv", 2)


def test_every_position_found_at_once_equals_those_asked_one_by_one() -> None:
    whole, _ = read_csv(TEXT, "f.csv")
    whole.complete()
    asked, _ = read_csv(TEXT, "f.csv")
    for path in whole.values:
        assert asked.locate(path) == whole.values[path]
    assert {p: w for p, w in whole.values.items() if len(p) == 3} == whole.keys


def test_positions_are_found_after_the_rows_data_were_dropped() -> None:
    doc, _ = read_csv(TEXT, "f.csv")
    doc.data["figures"][:] = [None, None, None]  # as the loader's `release` leaves them
    assert doc.locate(("figures", 2, "note")) == Location("f.csv", 6, 15)
    assert doc.locate(("figures", 0, "value"), key=True) == Location("f.csv", 2, 8)
