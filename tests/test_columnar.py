"""CSV figures read into columns (pyarrow) and row by row give the same programme.

Small CSV files are read row by row and large ones into columns (`COLUMNAR_FROM`); a user
must not be able to tell which: the same figures, the same warnings, the same problems at
the same lines. Each test reads one file both ways.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import targets
from targets.judge import figure_dict
from targets.rules import _columnar, _early, _files
from tests.readers import read_by

Write = Callable[[dict[str, str]], Path]

RULES = """\
programme: {name: Columns, columns_placeholder}
sources:
  - {id: a, publisher: A, date: 2023-03}
  - {id: b, publisher: B}
metrics:
  - {id: up, name: Up, unit: firm, direction: higher}
  - {id: share, name: Share, unit: "%", direction: higher, limit: 100}
  - {id: money, name: Money, unit: USD million, direction: higher}
  - {id: place, name: Place, unit: rank}
  - {id: done, name: Done, unit: yes/no}
  - {id: waste, name: Waste, unit: "%", direction: lower, limit: 0}
  - {id: fund, name: Fund, unit: USD billion, direction: higher}
"""


def _read(root: Path, monkeypatch: pytest.MonkeyPatch, columnar: bool) -> tuple[object, ...]:
    """What loading `root` gives, one way: the figures and warnings, or the problems."""
    read_by(monkeypatch, columnar=columnar)
    try:
        programme = targets.load(root)
    except targets.LoadError as exc:
        return ("problems", sorted(str(d) for d in exc.diagnostics))
    return (
        "loaded",
        [figure_dict(f) for f in programme.figures],
        sorted(str(w) for w in programme.warnings),
    )


def both_ways(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    columns = _read(root, monkeypatch, columnar=True)
    rows = _read(root, monkeypatch, columnar=False)
    assert columns == rows
    return columns


CELLS = {
    "metric": ["up", "share", "money", "place", "done", "waste", "fund", "nope", ""],
    "period": ["2020", "2021", "2022-Q2", "2023-06", "20x5", ""],
    "value": [
        *["12", "1,200", "4-8", "0.5", "yes", "no", "abc", "", "-3", "0", "1e300", "1e-322"],
        *["1e400", "nan", "-inf", "+5", "1.", ".5", " 7 "],
    ],
    "unit": ["firm", "%", "USD million", "USD billion", "rank", "yes/no", "kg", ""],
    "kind": ["actual", "estimate", "forecast", "guess", ""],
    "source": ["a", "b", "zzz", ""],
    "entity": ["", "X", "Y"],
    "published": ["", "2025-03", "2024-13"],
}


@st.composite
def csv_files(draw: st.DrawFn, valid_only: bool) -> str:
    columns = [
        "metric",
        "period",
        "value",
        "unit",
        *draw(st.lists(st.sampled_from(["kind", "source", "entity", "published"]), unique=True)),
    ]
    lines = [",".join(columns)]
    for _ in range(draw(st.integers(1, 12))):
        cells = []
        for column in columns:
            options = CELLS[column]
            if valid_only:
                options = [
                    o
                    for o in options
                    if o
                    not in {
                        "nope",
                        "20x5",
                        "abc",
                        "kg",
                        "guess",
                        "zzz",
                        "2024-13",
                        "1e400",
                        "yes",
                        "nan",
                        "-inf",
                    }
                ]
                if column in {"metric", "period", "value", "unit"}:
                    options = [o for o in options if o]
            cell = draw(st.sampled_from(options))
            cells.append(f'"{cell}"' if "," in cell else cell)
        lines.append(",".join(cells))
    return "\r\n".join(lines) if draw(st.booleans()) else "\n".join(lines) + "\n"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=csv_files(valid_only=True))
def test_valid_csv_figures_are_the_same_read_either_way(
    write: Write, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    root = write({"p/rules.yaml": RULES.replace(", columns_placeholder", ""), "p/f.csv": text})
    both_ways(root / "p", monkeypatch)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=csv_files(valid_only=False))
def test_a_files_values_read_on_a_thread_of_their_own_or_not_are_the_same(
    write: Write, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """A small file's values are read by the thread reading its text columns, a large
    one's beside them (`_columnar._ALONE`): the figures and problems are the same."""
    from targets.rules import _columnar  # noqa: PLC0415 - the size is set here

    root = write({"p/rules.yaml": RULES.replace(", columns_placeholder", ""), "p/f.csv": text})
    alone = _read(root / "p", monkeypatch, columnar=True)
    monkeypatch.setattr(_columnar, "_ALONE", 0)
    assert _read(root / "p", monkeypatch, columnar=True) == alone


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=csv_files(valid_only=False))
def test_bad_csv_figures_give_the_same_problems_either_way(
    write: Write, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    root = write({"p/rules.yaml": RULES.replace(", columns_placeholder", ""), "p/f.csv": text})
    both_ways(root / "p", monkeypatch)


def _stated_together_and_one_by_one(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compact report writes the latest figures' values as stated, read from the
    columns together (`FigureTable.stated`); they must say what each `Figure` says, in any
    order of rows, as the row-by-row reader says it."""
    monkeypatch.setattr(_early, "COLUMNAR_FROM", 0)
    programme = targets.load(root)
    one_by_one = [f.stated for f in programme.figures]
    rows = np.arange(len(programme.table))[::-1]
    assert programme.table.stated(rows) == one_by_one[::-1]
    monkeypatch.setattr(_early, "COLUMNAR_FROM", 2**62)
    assert [f.stated for f in targets.load(root).figures] == one_by_one


SPACES = ["", " ", "\t", "\u00a0", "\u2003", "\x1c"]  # each a space to `str.strip`
UNITS = {"up": ["firm"], "money": ["USD million", "USD billion"], "done": ["yes/no", ""]}
VALUES = {"up": ["1", "12", "1,200", "0.5", "4-8"], "money": ["1", "3.5"], "done": ["yes", "no"]}


@st.composite
def stated_files(draw: st.DrawFn) -> str:
    """Valid figures files whose values and units are written in every way they may be."""
    lines = ["metric,period,value,unit"]
    for year in range(2000, 2000 + draw(st.integers(1, 10))):
        metric = draw(st.sampled_from(sorted(UNITS)))
        cells = [draw(st.sampled_from(VALUES[metric])), draw(st.sampled_from(UNITS[metric]))]
        value, unit = (
            draw(st.sampled_from(SPACES)) + c + draw(st.sampled_from(SPACES)) for c in cells
        )
        lines.append(f'{metric},{year},"{value}",{unit}')
    return "\n".join(lines) + "\n"


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=stated_files())
def test_values_stated_from_the_columns_together_are_each_figures_own(
    write: Write, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    root = write({"p/rules.yaml": RULES.replace(", columns_placeholder", ""), "p/f.csv": text})
    _stated_together_and_one_by_one(root / "p", monkeypatch)


@pytest.mark.parametrize(
    "rows",
    [
        ["up,2020,1,firm", "up,2021,2,firm"],  # one firm, two firms
        ["up,2020,\u00a01\u2003,\u3000firm\u00a0", "up,2021,3,\x1cfirm"],  # str.strip's spaces
        ["done,2020,yes,yes/no", "done,2021,no,"],  # a yes/no figure says its value alone
        ["money,2020,5,USD billion", "money,2021,5,USD million"],  # converted, or not
    ],
)
def test_values_stated_together_keep_units_spaces_and_plurals(
    write: Write, monkeypatch: pytest.MonkeyPatch, rows: list[str]
) -> None:
    text = "metric,period,value,unit\n" + "\n".join(rows) + "\n"
    root = write({"p/rules.yaml": RULES.replace(", columns_placeholder", ""), "p/f.csv": text})
    _stated_together_and_one_by_one(root / "p", monkeypatch)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("byte-order mark", "\ufeffmetric,period,value,unit\nup,2020,12,firm\n"),
        ("blank lines", "metric,period,value,unit\n\nup,2020,12,firm\n\n\nup,2021,13,firm\n"),
        (
            "a quoted line break",
            'metric,period,value,unit,note\nup,2020,12,firm,"two\nlines"\nup,2021,x,firm,\n',
        ),
        ("spaces around cells", "metric , period,value ,unit\n up ,2020, 12 , firm\n"),
        ("a missing column", "metric,period,unit\nup,2020,firm\n"),
        ("an extra cell", "metric,period,value,unit\nup,2020,12,firm,extra\n"),
        ("a duplicated column", "metric,period,value,value,unit\nup,2020,12,13,firm\n"),
        ("a repeated figure", "metric,period,value,unit\nup,2020,12,firm\nup,2020,12,firm\n"),
        (  # a blank row is skipped: not counted among the rows like the third (hypothesis)
            "a blank row after three without a metric",
            "metric,period,value,unit\n,2020,12,firm\n,2020,12,firm\n,2020,12,firm\n,,,\n",
        ),
        (  # the source is unknown, and the value still checked (found by hypothesis)
            "an unknown source and a share over 100",
            'metric,period,value,unit,entity,source\nshare,2020,"1,200",%,,zzz\n',
        ),
        (  # infinite in USD million, and 0 in USD billion: said, each row once
            "values no double holds once converted",
            "metric,period,value,unit\n"
            "money,2020,1e306,USD billion\nfund,2020,1e-322,USD million\n",
        ),
        (
            "a rank below 1, a yes/no metric's number and waste below its limit of 0",
            "metric,period,value,unit\nplace,2020,0,rank\ndone,2020,12,\nwaste,2020,-3,%\n",
        ),
        (  # a number longer than any may be written is refused; spaces around it are not
            "numbers of 151 digits, of 100, and of 99 between spaces",
            f"metric,period,value,unit\nup,2020,1{'0' * 150},firm\nup,2021,1{'0' * 99},firm\n"
            f"up,2022,  {'9' * 99}  ,firm\n",
        ),
        (  # the columnar reader said only that they were unknown
            "a metric and a source that can be no id",
            "metric,period,value,unit,source\n::x,2020,1,firm,\nup,2021,1,firm,a b\n"
            f"{'u' * 81},2022,1,firm,\n",
        ),
        (  # the columnar reader read it; the row reader names the NUL (UTF-16 or -32?)
            "a NUL byte in a cell",
            "metric,period,value,unit,note\nup,2020,1,firm,a\x00b\n",
        ),
        (  # the rows stating a change, read again one by one, once came after the others
            "a figure repeated by a row that states a change",
            "metric,period,value,unit,change\nup,2020,1,firm,\nup,2020,1,firm,+7 %\n"
            "up,2021,5,firm,\n",
        ),
        (  # a row naming an unknown source is checked, then dropped: not repeated (hypothesis)
            "a figure repeated with an unknown source",
            "metric,period,value,unit,source\nup,2020,12,firm,zzz\nup,2020,12,firm,zzz\n",
        ),
        (  # a row with an error is no figure, nor a repeat of one (found by hypothesis)
            "a rank below 1 for a period already given",
            "metric,period,value,unit\nplace,2020,12,rank\nplace,2020,0.5,rank\n",
        ),
        (  # the row reader's limit on free text, which the columnar reader once let pass
            "a note, a quote and an entity of 4,001 characters",
            "metric,period,value,unit,note,quote,entity\n"
            f"up,2020,1,firm,{'n' * 4001},{'q' * 4001},{'e' * 4001}\nup,2021,2,firm,,,\n",
        ),
        (
            "every value a number, one of them too long",
            f"metric,period,value,unit\nup,2020,12,firm\nup,2021,{'7' * 101},firm\n",
        ),
    ],
)
def test_awkward_csv_files_read_the_same_either_way(
    write: Write, monkeypatch: pytest.MonkeyPatch, name: str, text: str
) -> None:
    root = write({"p/rules.yaml": RULES.replace(", columns_placeholder", ""), "p/f.csv": text})
    both_ways(root / "p", monkeypatch)


def test_a_bad_row_after_a_quoted_line_break_is_named_at_its_own_line(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = 'metric,period,value,unit,note\nup,2020,12,firm,"two\nlines"\nup,2021,x,firm,\n'
    root = write({"p/rules.yaml": RULES.replace(", columns_placeholder", ""), "p/f.csv": text})
    kind, problems = both_ways(root / "p", monkeypatch)[:2]
    assert kind == "problems"
    assert isinstance(problems, list)
    assert any("f.csv:4:" in p for p in problems)


SDMX = """\
DATAFLOW,SERIES,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE
UN:SDG,up,VN,2015,10,firm
UN:SDG,up,VN,2020,15,firm
UN:SDG,up,TH,2020,9,firm
"""


@pytest.mark.parametrize("columnar_from", [0, 2**62], ids=["large", "small"])
def test_sdmx_csv_is_read_through_the_declared_column_mapping(
    write: Write, monkeypatch: pytest.MonkeyPatch, columnar_from: int
) -> None:
    """Whatever its size: a small file once went to the row reader, which knows no mapping."""
    mapping = (
        ", columns: {metric: SERIES, entity: REF_AREA, period: TIME_PERIOD, "
        "value: OBS_VALUE, unit: UNIT_MEASURE}"
    )
    root = write({"p/rules.yaml": RULES.replace(", columns_placeholder", mapping), "p/f.csv": SDMX})
    monkeypatch.setattr(_early, "COLUMNAR_FROM", columnar_from)
    programme = targets.load(root / "p")
    assert [(f.metric, f.entity, f.period.label, f.value) for f in programme.figures] == [
        ("up", "VN", "2015", 10.0),
        ("up", "VN", "2020", 15.0),
        ("up", "TH", "2020", 9.0),
    ]


def test_parquet_figures_equal_the_same_figures_in_csv(write: Write) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq  # noqa: PLC0415

    csv = "metric,period,value,unit,entity\nup,2015,10,firm,VN\nmoney,2020,1.5,USD billion,VN\n"
    root = write({"c/rules.yaml": RULES.replace(", columns_placeholder", ""), "c/f.csv": csv})
    table = pa.table(
        {
            "metric": ["up", "money"],
            "period": ["2015", "2020"],
            "value": [10.0, 1.5],
            "unit": ["firm", "USD billion"],
            "entity": ["VN", "VN"],
        }
    )
    (root / "q").mkdir()
    (root / "q" / "rules.yaml").write_text((root / "c" / "rules.yaml").read_text())
    pq.write_table(table, root / "q" / "f.parquet")
    from_csv = targets.load(root / "c").figures
    from_parquet = targets.load(root / "q").figures
    assert [f.value for f in from_parquet] == [10.0, 1500.0]  # USD billion in USD million
    strip = [{k: v for k, v in figure_dict(f).items() if k != "stated"} for f in from_csv]
    assert strip == [
        {k: v for k, v in figure_dict(f).items() if k != "stated"} for f in from_parquet
    ]


def _parquet_problems(write: Write, columns: dict[str, object]) -> list[str]:
    """The problems of loading one Parquet file of `columns` beside RULES."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq  # noqa: PLC0415

    root = write({"q/rules.yaml": RULES.replace(", columns_placeholder", "")}) / "q"
    pq.write_table(pa.table(columns), root / "f.parquet")
    with pytest.raises(targets.LoadError) as caught:
        targets.load(root)
    return [str(d).split(": ", 1)[1] for d in caught.value.diagnostics]


def test_parquet_columns_of_lists_structs_or_bytes_not_utf8_are_refused(write: Write) -> None:
    """Each was an internal error: pyarrow cannot cast them to text or numbers."""
    pa = pytest.importorskip("pyarrow")
    base = {"metric": ["up"], "period": ["2020"], "value": [1.0], "unit": ["firm"]}
    assert _parquet_problems(write, {**base, "value": [[1.0]]}) == [
        "the column 'value' holds list<element: double>, not text or numbers"
    ]
    assert _parquet_problems(write, {**base, "unit": [{"a": 1}]}) == [
        "the column 'unit' holds struct<a: int64>, not text or numbers"
    ]
    assert _parquet_problems(write, {**base, "metric": pa.array([b"\xff"], pa.binary())}) == [
        "the column 'metric' is not UTF-8 text"
    ]


def test_parquet_values_not_finite_are_refused_as_in_csv(write: Write) -> None:
    """A float column's infinities were dropped without a word; NaN read as no value."""
    values = [1.0, float("inf"), float("-inf"), float("nan"), None]
    columns = {"metric": ["up"] * 5, "period": [str(2020 + i) for i in range(5)]}
    found = _parquet_problems(write, {**columns, "value": values, "unit": ["firm"] * 5})
    assert found == [
        "'value': 'inf' is not a number; a value is a number, a range such as 4-8, or yes/no",
        "'value': '-inf' is not a number; a value is a number, a range such as 4-8, or yes/no",
        "'value': 'nan' is not a number; a value is a number, a range such as 4-8, or yes/no",
        "a figure needs 'value'",
    ]


def test_parquet_integers_beyond_a_double_s_precision_read_as_the_nearest(
    write: Write,
) -> None:
    """A Parquet int64 of VND above 2**53 was an internal error; CSV reads it rounded."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq  # noqa: PLC0415

    root = write({"q/rules.yaml": RULES.replace(", columns_placeholder", "")}) / "q"
    big = 2**63 - 1
    table = {"metric": ["up"], "period": ["2020"], "value": pa.array([big], pa.int64())}
    pq.write_table(pa.table({**table, "unit": ["firm"]}), root / "f.parquet")
    assert [f.value for f in targets.load(root).figures] == [float(big)]


def test_columnar_figures_with_no_metric_declared_are_unknown_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rules file refused by the YAML limit left no metrics: an IndexError (exit 3) before.
    monkeypatch.setattr(_early, "COLUMNAR_FROM", 0)
    (tmp_path / "p.yaml").write_text("programme: {id: p, name: P}\n", encoding="utf-8")
    (tmp_path / "f.csv").write_text("metric,period,value,unit\nm,2020,1,firm\n", encoding="utf-8")
    problems = targets.validate(tmp_path)
    assert [(d.location.line, d.message) for d in problems] == [(2, "unknown metric 'm'")]


_NOT_A_UNIT = (
    "'{n}' is not allowed in a unit ('unit{n}'): use unit words such as 'USD billion', "
    "'firm', '%', 'person / household' (a figure of '{metric}')"
)


def test_many_distinct_units_that_do_not_fit_are_each_named_at_their_rows_per_metric(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1,000 distinct bad units over 3,000 rows: each one was looked for over every row (35 s
    # for 200,000 rows); now grouped in one sort, which must keep each metric's own rows.
    rules = """\
programme: {id: p, name: P}
metrics:
  - {id: m, name: M, unit: firm, direction: higher}
  - {id: k, name: K, unit: firm, direction: higher}
"""
    (tmp_path / "rules.yaml").write_text(rules, encoding="utf-8")
    # unit{n} is on figures n, n + 1000 and n + 2000 (line + 2): one of 'k', two of 'm'
    rows = [f"{'k' if i % 3 == 0 else 'm'},2021,1,unit{i % 1000}" for i in range(3000)]
    text = "metric,period,value,unit\n" + "\n".join(rows) + "\n"
    (tmp_path / "f.csv").write_text(text, encoding="utf-8")
    monkeypatch.setattr(_early, "COLUMNAR_FROM", 0)
    found = [(d.location.line, d.location.col, d.message) for d in targets.validate(tmp_path)]
    assert len(found) == 3000
    assert found[:4] == [
        (2, 10, _NOT_A_UNIT.format(n=0, metric="k")),
        (3, 10, _NOT_A_UNIT.format(n=1, metric="m")),
        (4, 10, _NOT_A_UNIT.format(n=2, metric="m")),
        (5, 10, _NOT_A_UNIT.format(n=3, metric="k")),
    ]
    assert (1002, 10, _NOT_A_UNIT.format(n=0, metric="m")) in found
    assert (2002, 10, _NOT_A_UNIT.format(n=0, metric="m")) in found
    assert (1003, 10, _NOT_A_UNIT.format(n=1, metric="m")) in found
    assert (2003, 10, _NOT_A_UNIT.format(n=1, metric="k")) in found
    assert (1001, 10, _NOT_A_UNIT.format(n=999, metric="k")) in found
    assert (3001, 10, _NOT_A_UNIT.format(n=999, metric="m")) in found
    expected = {
        (i + 2, 10, _NOT_A_UNIT.format(n=i % 1000, metric="k" if i % 3 == 0 else "m"))
        for i in range(3000)
    }
    assert set(found) == expected
    monkeypatch.setattr(_early, "COLUMNAR_FROM", 2**62)  # the row reader says the same
    assert [
        (d.location.line, d.location.col, d.message) for d in targets.validate(tmp_path)
    ] == found


def _header_problems(
    write: Write, monkeypatch: pytest.MonkeyPatch, extra: list[str]
) -> tuple[Path, list[str]]:
    """The problems of a figures file whose header has `extra` columns besides ours, the
    same read either way."""
    root = write({
        "r.yaml": RULES.replace("columns_placeholder", "base: 2019"),
        "f.csv": ",".join(["metric", "period", "value", "unit", *extra]) + "\n"
        + "up,2020,1,firm" + ",1" * len(extra) + "\n",
    })  # fmt: skip
    kind, problems = both_ways(root, monkeypatch)
    assert kind == "problems"
    assert isinstance(problems, list)
    return root, problems


def test_a_header_of_many_unknown_columns_names_every_one_either_way(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each unknown column is a problem of its own, named at its cell (100,000 of them took
    # 10 s, most of it matching each against the known names anew: now one prepared pool)
    root, problems = _header_problems(write, monkeypatch, [f"x{i}" for i in range(25)])
    assert len(problems) == 25
    # x24 starts after `metric,period,value,unit,` (25 characters), x0, to x9, (30) and
    # x10, to x23, (56): at column 112
    assert any(p.startswith(f"{root}/f.csv:1:112: unknown column 'x24'; ") for p in problems)


def test_a_header_of_too_many_bad_columns_names_the_first_and_counts_the_rest_either_way(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a million names (7 MB) made a million messages, and 10 GB of pyarrow columns: the
    # first MOST_HEADER_PROBLEMS are named, the rest counted at the first of them
    monkeypatch.setattr(_files, "MOST_HEADER_PROBLEMS", 10)
    extra = [f"x{i}" for i in range(20)] + ["value"] * 5
    root, problems = _header_problems(write, monkeypatch, extra)
    assert len(problems) == 11
    # x10 starts after `metric,period,value,unit,` (25 characters) and x0, to x9, (30)
    assert f"{root}/f.csv:1:56: 15 more duplicate or unknown columns from here on, not listed" in (
        problems
    )


def test_a_csv_file_of_more_columns_than_a_figures_file_has_is_read_row_by_row(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyarrow takes some 10 KB a column: a header of many names is the row reader's."""
    monkeypatch.setattr(_columnar, "MOST_COLUMNS", 5)
    header = "metric,period,value,unit,note,entity"
    root = write({
        "r.yaml": RULES.replace("columns_placeholder", "base: 2019"),
        "f.csv": header + "\n" + "up,2020,1,firm,a note,X\n",
    })  # fmt: skip
    read_by(monkeypatch, columnar=True)
    assert _columnar.csv_columns(b"metric,period,value,unit,note,entity\n", "f.csv") == (None, [])
    monkeypatch.setattr(_columnar, "MOST_COLUMNS", 6)
    found, _ = _columnar.csv_columns((header + "\nup,2020,1,firm,n,X\n").encode(), "f.csv")
    assert found is not None
    assert both_ways(root, monkeypatch)[0] == "loaded"
