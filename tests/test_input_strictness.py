"""Input the rules layer once read by guessing, now refused with a message at its place.

Each case was read without a word before: digits of other scripts taken as 0-9, a period in
exponent notation taken as a year, an empty value or key described by Python's names for
it, a unit with a dangling operator, and so on. Each is refused, exit code 2, the message
naming the file, line and column and saying what to write instead; what was rightly
accepted stays accepted. The expected messages and positions are worked out by hand from
the files written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import targets
from targets.rules._periods import PeriodError, parse_date, parse_period
from tests.readers import read_by

from .fuzz.runner import Run, run

RULES = """\
programme: {name: P}
metrics:
  - {id: m, name: M, unit: firm, direction: higher}
  - {id: ok, name: Done, unit: yes/no}
"""


def _folder(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {"rules.yaml": RULES, **files}.items():
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder


def _refused(folder: Path, *expected: str) -> Run:
    """`targets validate` exits 2, and each `expected` (``file:line:col: message``, the
    file relative to `folder`) is one of its lines; no traceback."""
    done = run("validate", str(folder))
    assert done.exit_code == 2, str(done)
    assert "Traceback" not in done.stderr, str(done)
    lines = done.stderr.splitlines()
    for line in expected:
        assert f"{folder}/{line}" in lines, f"wanted {line}\n{done}"
    return done


def _problems(folder: Path, monkeypatch: pytest.MonkeyPatch, *, columnar: bool) -> list[str]:
    """The problems of loading `folder`, a CSV file read into columns or row by row."""
    read_by(monkeypatch, columnar=columnar)
    with pytest.raises(targets.LoadError) as caught:
        targets.load(folder)
    return sorted(str(d).removeprefix(f"{folder}/") for d in caught.value.diagnostics)


# --- 1. digits other than 0-9 -------------------------------------------------------------


def test_full_width_and_arabic_indic_digits_are_refused_in_a_yaml_figure(tmp_path: Path) -> None:
    figures = (
        "figures:\n"
        '  - {metric: m, period: "２０２２", value: 5, unit: firm}\n'
        "  - {metric: m, period: 2023, value: ٧٠, unit: firm}\n"
        '  - {metric: m, period: 2024, value: "7-٩", unit: firm}\n'
    )
    _refused(
        _folder(tmp_path, {"f.yaml": figures}),
        "f.yaml:2:25: 'period': '２０２２' is not a period: it has the digit '２' (U+FF12); "
        "write it with the digits 0-9",
        "f.yaml:3:38: 'value': '٧٠' is not a number: it has the digit '٧' (U+0667); "
        "write it with the digits 0-9",
        "f.yaml:4:38: 'value': '7-٩' is not a number: it has the digit '٩' (U+0669); "
        "write it with the digits 0-9",
    )


def test_other_digits_are_refused_in_a_target_s_level_and_years(tmp_path: Path) -> None:
    rules = (
        "targets:\n"
        "  - {id: t1, metric: m, at_least: ７０, by: 2030}\n"
        '  - {id: t2, metric: m, at_least: "70 firm", by: "٢٠٣٠"}\n'
        '  - {id: t3, metric: m, at_least: 70, by: 2030, base: "２０２０"}\n'
    )
    _refused(
        _folder(tmp_path, {"t.yaml": rules}),
        "t.yaml:2:35: 'at_least': '７０' is not a number: it has the digit '７' (U+FF17); "
        "write it with the digits 0-9",
        "t.yaml:3:50: 'by': '٢٠٣٠' is not a period: it has the digit '٢' (U+0662); "
        "write it with the digits 0-9",
        "t.yaml:4:55: 'base': '２０２０' is not a period: it has the digit '２' (U+FF12); "
        "write it with the digits 0-9",
    )


@pytest.mark.parametrize("columnar", [True, False], ids=["columns", "rows"])
def test_other_digits_in_a_csv_file_are_refused_by_either_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columnar: bool
) -> None:
    text = "metric,period,value,unit\nm,２０２２,70,firm\nm,2023,٧٠,firm\nm,2024,7,firm\n"
    folder = _folder(tmp_path, {"f.csv": text})
    assert _problems(folder, monkeypatch, columnar=columnar) == [
        "f.csv:2:3: 'period': '２０２２' is not a period: it has the digit '２' (U+FF12); "
        "write it with the digits 0-9",
        "f.csv:3:8: 'value': '٧٠' is not a number: it has the digit '٧' (U+0667); "
        "write it with the digits 0-9",
    ]


def test_other_digits_in_a_parquet_file_s_text_columns_are_refused(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    folder = _folder(tmp_path, {})
    table = pa.table(
        {
            "metric": ["m", "m", "m"],
            "period": ["２０２２", "2023", "2024"],
            "value": ["70", "٧٠", "7"],
            "unit": ["firm", "firm", "firm"],
        }
    )
    pq.write_table(table, folder / "f.parquet")
    _refused(  # a Parquet file's problems are at its row, column 1
        folder,
        "f.parquet:1:1: 'period': '２０２２' is not a period: it has the digit '２' (U+FF12); "
        "write it with the digits 0-9",
        "f.parquet:2:1: 'value': '٧٠' is not a number: it has the digit '٧' (U+0667); "
        "write it with the digits 0-9",
    )


# --- 2. a period in exponent notation -----------------------------------------------------


def test_a_period_in_exponent_notation_is_no_year(tmp_path: Path) -> None:
    figures = (
        "figures:\n"
        "  - {metric: m, period: 2e3, value: 5, unit: firm}\n"
        "  - {metric: m, period: 2.021E3, value: 5, unit: firm}\n"
    )
    rules = "targets:\n  - {id: t, metric: m, at_least: 9, by: 2.03e3}\n"
    forms = (
        "write a year (2024), a span (2015-16), a quarter (2024-Q3), a month (2024-07) "
        "or a date (2024-07-02)"
    )
    _refused(
        _folder(tmp_path, {"f.yaml": figures, "t.yaml": rules}),
        f"f.yaml:2:25: 'period': '2e3' is a number in exponent notation, not a year: {forms}",
        f"f.yaml:3:25: 'period': '2.021E3' is a number in exponent notation, not a year: {forms}",
        f"t.yaml:2:41: 'by': '2.03e3' is a number in exponent notation, not a year: {forms}",
    )


def test_years_and_values_in_exponent_notation_still_read_as_before(tmp_path: Path) -> None:
    figures = (
        "figures:\n"
        "  - {metric: m, period: 2020, value: 1.5e3, unit: firm}\n"
        '  - {metric: m, period: "2021", value: 2e3, unit: firm}\n'
        "  - {metric: m, period: 2022-Q3, value: 1E1, unit: firm}\n"
    )
    programme = targets.load(_folder(tmp_path, {"f.yaml": figures}))
    read = [(str(f.period), f.low) for f in programme.figures]
    assert read == [("2020", 1500.0), ("2021", 2000.0), ("2022-Q3", 10.0)]


# --- 3. empty values said plainly ---------------------------------------------------------


def test_an_empty_period_is_said_to_be_empty_without_python_names(
    tmp_path: Path,
) -> None:
    figures = "figures:\n  - {metric: m, period: , value: 5, unit: firm}\n"
    rules = "targets:\n  - {id: t, metric: m, at_least: 9, by: }\n"
    done = _refused(
        _folder(tmp_path, {"f.yaml": figures, "t.yaml": rules}),
        "f.yaml:2:25: 'period': empty; write a year (2024), a span (2015-16), "
        "a quarter (2024-Q3), a month (2024-07) or a date (2024-07-02)",
        "t.yaml:2:41: 'by': empty; write a year (2024), a span (2015-16), "
        "a quarter (2024-Q3), a month (2024-07) or a date (2024-07-02)",
    )
    assert "NoneType" not in done.stderr
    assert "None" not in done.stderr.replace(str(tmp_path), "")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "empty; write a year (2024), a span (2015-16)"),
        ({}, "a period is a year or text, not a mapping"),
        ([2024], "a period is a year or text, not a list"),
    ],
)
def test_a_period_that_is_no_scalar_is_described_in_words(value: object, message: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(value)
    assert str(caught.value).startswith(message)


def test_an_empty_date_given_from_code_is_said_to_be_empty() -> None:
    with pytest.raises(PeriodError, match=r"^empty; write 2024-07-02, 2024-07 or 2024$"):
        parse_date(None)


# --- 4. a null key ------------------------------------------------------------------------


def test_a_null_key_is_said_to_be_an_empty_key_not_none(tmp_path: Path) -> None:
    rules = (
        "targets:\n"
        "  - {id: t, metric: m, at_least: 1, by: 2030, ~: 2}\n"
        "  - {id: u, metric: m, null: 2}\n"
        "~: 3\n"
    )
    figures = "figures:\n  - {metric: m, period: 2020, value: 1, unit: firm, ~: 1}\n"
    sections = "'programme', 'sources', 'metrics', 'targets' or 'figures'"
    done = _refused(
        _folder(tmp_path, {"t.yaml": rules, "f.yaml": figures}),
        "t.yaml:2:47: an empty (null) key in a level target: a key is a name, such as 'metric'",
        "t.yaml:3:24: an empty (null) key in a target: a key is a name, such as 'metric'",
        f"t.yaml:4:1: an empty (null) key; a file holds {sections}",
        "f.yaml:2:53: an empty (null) key in a figure: a key is a name, such as 'metric'",
    )
    assert "None" not in done.stderr.replace(str(tmp_path), "")


# --- 5. an empty goal ---------------------------------------------------------------------


def test_an_empty_goal_value_is_said_to_be_empty_at_its_key(tmp_path: Path) -> None:
    level = "a number in the metric's unit, or text with a unit such as 'USD 1 billion'"
    rules = (
        "targets:\n"
        "  - {id: a, metric: m, at_least: , by: 2030}\n"
        "  - {id: b, metric: m, at_least: 5, at_most: ~, by: 2030}\n"
        "  - {id: c, metric: m, growth: {at_least: }, by: 2030}\n"
        "  - {id: d, metric: m, hold: {between: }, from: 2020, by: 2030}\n"
        "  - {id: e, metric: m, milestones: [{by: 2025, at_most: }, {by: 2030, at_least: 5}]}\n"
        "  - {id: f, metric: m, count: {at_least: }, where: {at_least: 2}, by: 2030}\n"
    )
    done = _refused(
        _folder(tmp_path, {"t.yaml": rules}),
        f"t.yaml:2:34: 'at_least': empty; give {level}",
        f"t.yaml:3:46: 'at_most': empty; give {level}",
        "t.yaml:4:43: 'at_least': empty; give a rate such as '9.2 %'",
        "t.yaml:5:40: 'between': empty; give two levels: [low, high]",
        f"t.yaml:6:57: 'at_most': empty; give {level}",
        "t.yaml:7:42: 'at_least': empty; give a whole number such as 10",
    )
    assert "not both" not in done.stderr
    assert "6 problems in the input" in done.stderr  # the milestone's count is not blamed


def test_too_few_milestones_are_counted_in_words(tmp_path: Path) -> None:
    rules = (
        "targets:\n"
        "  - {id: a, metric: m, milestones: [{by: 2025, at_least: 3}]}\n"
        "  - {id: b, metric: m, milestones: []}\n"
        "  - {id: c, metric: m, milestones: [{by: 2025, at_most: }]}\n"
    )
    done = _refused(
        _folder(tmp_path, {"t.yaml": rules}),
        "t.yaml:2:36: 'milestones': expected at least 2 items, got 1",
        "t.yaml:3:36: 'milestones': expected at least 2 items, got 0",
        # one milestone written, and it bad: both said, the count as written (pydantic
        # counts 0, once the bad one is dropped)
        "t.yaml:4:36: 'milestones': expected at least 2 items, got 1",
    )
    assert "tuple" not in done.stderr.lower()
    assert "4 problems in the input" in done.stderr  # and c's empty 'at_most'


# --- 6. a yes/no unit written otherwise ---------------------------------------------------


@pytest.mark.parametrize("unit", ["yes", "No", "y/n", "bool", "yes / no"])
def test_a_yes_no_like_unit_is_pointed_to_yes_no_without_repeating_itself(
    tmp_path: Path, unit: str
) -> None:
    rules = f'metrics:\n  - {{id: d, name: D, unit: "{unit}"}}\n'
    _refused(
        _folder(tmp_path, {"d.yaml": rules}),
        f"d.yaml:2:28: 'unit': unknown unit '{unit}' (did you mean 'yes/no'?)",
    )


def test_an_unknown_word_in_a_longer_unit_still_names_the_unit(tmp_path: Path) -> None:
    rules = (
        "metrics:\n"
        "  - {id: d, name: D, unit: firmz}\n"
        "  - {id: e, name: E, unit: firm / housholds}\n"
    )
    _refused(
        _folder(tmp_path, {"d.yaml": rules}),
        "d.yaml:2:28: 'unit': unknown unit 'firmz' (did you mean 'firm'?)",
        "d.yaml:3:28: 'unit': unknown unit 'housholds' in 'firm / housholds' "
        "(did you mean 'households'?)",
    )


# --- 10. a unit with an operator joining nothing ------------------------------------------

_JOIN = "write one '*', '·' or a space between two words, as in 'person * year'"


@pytest.mark.parametrize(
    ("unit", "operator"),
    [
        ("firm**", "**"),
        ("firm*", "*"),
        ("*firm", "*"),
        ("firm ** person", "**"),
        ("firm * · person", "* ·"),
    ],
)
def test_an_operator_that_joins_no_two_unit_words_is_refused(
    tmp_path: Path, unit: str, operator: str
) -> None:
    rules = f'metrics:\n  - {{id: d, name: D, unit: "{unit}", direction: higher}}\n'
    _refused(
        _folder(tmp_path, {"d.yaml": rules}),
        f"d.yaml:2:28: 'unit': '{operator}' in '{unit}' joins no two unit words: {_JOIN}",
    )


@pytest.mark.parametrize("columnar", [True, False], ids=["columns", "rows"])
def test_a_figure_s_unit_with_a_dangling_operator_is_refused_by_either_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columnar: bool
) -> None:
    text = "metric,period,value,unit\nm,2020,5,firm**\nm,2021,5,firm\n"
    folder = _folder(tmp_path, {"f.csv": text})
    assert _problems(folder, monkeypatch, columnar=columnar) == [
        f"f.csv:2:10: '**' in 'firm**' joins no two unit words: {_JOIN} (a figure of 'm')"
    ]


def test_unit_words_joined_once_are_still_accepted(tmp_path: Path) -> None:
    rules = (
        "metrics:\n"
        '  - {id: a, name: A, unit: "firm*person", direction: higher}\n'
        '  - {id: b, name: B, unit: "firm · person", direction: higher}\n'
        "  - {id: c, name: C, unit: person year, direction: higher}\n"
        "  - {id: d, name: D, unit: boolean}\n"
    )
    programme = targets.load(_folder(tmp_path, {"d.yaml": rules}))
    units = {m.id: m.unit for m in programme.metrics.values()}
    assert units == {
        "m": "firm",
        "ok": "yes/no",
        "a": "firm*person",
        "b": "firm · person",
        "c": "person year",
        "d": "yes/no",
    }


# --- 7. a NUL byte in UTF-8 text ----------------------------------------------------------

_NUL = "a NUL byte (U+0000), which no text holds; remove it"


def test_a_nul_byte_in_utf8_text_is_named_where_it_is_not_as_utf16(tmp_path: Path) -> None:
    figures = 'figures:\n  - {metric: m, period: 2020, value: 5, unit: firm, note: "Việt\x00"}\n'
    done = _refused(
        _folder(tmp_path, {"f.yaml": figures.encode()}),  # the NUL: line 2, character 64
        f"f.yaml:2:64: {_NUL}",
    )
    assert "UTF-16" not in done.stderr


@pytest.mark.parametrize("columnar", [True, False], ids=["columns", "rows"])
def test_a_nul_byte_in_a_csv_cell_is_named_by_either_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columnar: bool
) -> None:
    text = b"metric,period,value,unit,note\nm,2020,1,firm,a\x00b\n"
    folder = _folder(tmp_path, {"f.csv": text})
    assert _problems(folder, monkeypatch, columnar=columnar) == [f"f.csv:2:16: {_NUL}"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_mark_are_still_named_so(tmp_path: Path, encoding: str) -> None:
    figures = "figures:\n  - {metric: m, period: 2020, value: 5, unit: firm}\n"
    first_nul = {"utf-16-le": 2, "utf-32-be": 1}[encoding]  # 'f' then NUL; NULs then 'f'
    _refused(
        _folder(tmp_path, {"f.yaml": figures.encode(encoding)}),
        f"f.yaml:1:{first_nul}: not UTF-8 text: UTF-16 or UTF-32 (NUL bytes); save the file "
        "as UTF-8",
    )


# --- 8. a %YAML directive for another version ---------------------------------------------

_YES_FIGURE = "figures:\n  - {metric: ok, period: 2020, value: yes, unit: yes/no}\n"


@pytest.mark.parametrize("version", ["1.1", "1.3", "2.0"])
def test_a_yaml_directive_for_another_version_than_1_2_is_refused(
    tmp_path: Path, version: str
) -> None:
    figures = f"%YAML {version}\n---\n{_YES_FIGURE}"
    _refused(
        _folder(tmp_path, {"f.yaml": figures}),
        f"f.yaml:1:1: invalid YAML: a '%YAML {version}' directive; these files are read as "
        "YAML 1.2 (where yes, no, on and off are text): write '%YAML 1.2' or leave the "
        "directive out",
    )


def test_a_yaml_1_2_directive_is_accepted(tmp_path: Path) -> None:
    programme = targets.load(_folder(tmp_path, {"f.yaml": f"%YAML 1.2\n---\n{_YES_FIGURE}"}))
    assert [(f.low, f.high) for f in programme.figures] == [(1.0, 1.0)]  # yes


# --- 9. a column mapping giving two fields one column -------------------------------------


def test_a_column_mapping_giving_fields_one_column_names_them_all(tmp_path: Path) -> None:
    rules = (
        "programme:\n"
        "  name: P\n"
        "  columns: {metric: X, period: X, value: V, unit: V, entity: X, source: S}\n"
        "metrics:\n  - {id: m, name: M, unit: firm, direction: higher}\n"
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rules.yaml").write_text(rules, encoding="utf-8")
    (folder / "f.csv").write_text("X,V,S\nm,1,s\n", encoding="utf-8")
    done = _refused(
        folder,
        "rules.yaml:3:12: 'columns': 'metric', 'period' and 'entity' all name the column 'X'; "
        "'value' and 'unit' both name the column 'V': in the programme's mapping each field "
        "reads a column of its own",
    )
    assert "no 'programme:' section" not in done.stderr  # the programme is there, refused


# --- 11. a Parquet column of booleans ------------------------------------------------------


def _parquet(folder: Path, columns: dict[str, object], names: list[str] | None = None) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    arrays = [pa.array(values) for values in columns.values()]
    table = pa.Table.from_arrays(arrays, names=names or list(columns))
    pq.write_table(table, folder / "f.parquet")


def test_parquet_booleans_are_yes_and_no_refused_for_a_metric_of_numbers(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {})
    _parquet(
        folder,
        {
            "metric": ["m", "ok", "m"],
            "period": ["2020", "2020", "2021"],
            "value": [True, False, None],
            "unit": ["firm", "", "firm"],
        },
    )
    _refused(  # once read as 1 firm; the row of no value is said as a CSV file's blank
        folder,
        "f.parquet:1:1: yes/no is for yes/no metrics; 'm' is in firm",
        "f.parquet:3:1: a figure needs 'value'",
    )


def test_parquet_booleans_are_the_yes_and_no_of_a_yes_no_metric(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {})
    _parquet(
        folder,
        {
            "metric": ["ok", "ok"],
            "period": ["2020", "2021"],
            "value": [True, False],
            "unit": ["", "yes/no"],
        },
    )
    programme = targets.load(folder)
    read = [(str(f.period), f.low, f.high, f.stated) for f in programme.figures]
    assert read == [("2020", 1.0, 1.0, "yes"), ("2021", 0.0, 0.0, "no")]  # as 'yes' and 'no'


# --- 12. a Parquet file with two columns of one name ---------------------------------------


@pytest.mark.parametrize(
    ("names", "where", "column"),
    [
        (["metric", "period", "value", "unit", "period"], "1:5", "period"),  # pyarrow refuses
        (["metric", "period", "value", "unit", "note", " note"], "1:6", "note"),  # once trimmed
    ],
)
def test_a_parquet_file_with_two_columns_of_one_name_names_the_column(
    tmp_path: Path, names: list[str], where: str, column: str
) -> None:
    folder = _folder(tmp_path, {})
    cells: dict[str, object] = {f"c{i}": ["x"] for i in range(len(names))}
    _parquet(folder, cells, names)
    done = _refused(folder, f"f.parquet:{where}: duplicate column '{column}'")
    assert "1 problem in the input" in done.stderr


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "metrics:\n  - {id: m2, name: M, unit: '%', direction: higher, limit: }",
            "'limit': empty; give the natural limit, such as 100 for a percentage, "
            "or leave the key out",
        ),
        (
            "targets:\n  - {id: t2, metric: firms, at_least: 1, by: 2030, base: }",
            "'base': empty; give a year such as 2015, or leave the key out",
        ),
        (
            "targets:\n  - {id: t2, metric: firms, at_least: 1, by: 2030, method: }",
            "'method': empty; give a method's name, or leave the key out",
        ),
        (
            "targets:\n  - {id: t2, metric: firms, at_least: 1, by: 2030, for_each: }",
            "'for_each': empty; give 'all', a list of entities or {all_but: [...]}, "
            "or leave the key out",
        ),
    ],
)
def test_an_empty_key_that_would_change_the_verdict_is_refused(
    tmp_path: Path, programme_text: str, line: str, expected: str
) -> None:
    # Read as not given, an empty base was the first figure's year, an empty method the
    # default one, an empty limit none and an empty for_each no entity: each a silent guess.
    (tmp_path / "p.yaml").write_text(programme_text, encoding="utf-8")
    (tmp_path / "e.yaml").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(targets.LoadError) as refused:
        targets.load(tmp_path)
    assert [d.message for d in refused.value.diagnostics] == [expected]


def test_an_empty_key_of_an_override_is_refused_at_its_key(tmp_path: Path) -> None:
    # Read as not given, an override's empty goal left the target's own (100) in place and
    # an empty base the first figure's year: the entity judged against what it did not adopt.
    level = "a number in the metric's unit, or text with a unit such as 'USD 1 billion'"
    year = "a year such as 2015, or leave the key out"
    rules = (
        "targets:\n"
        "  - id: t\n"
        "    metric: m\n"
        "    at_least: 100\n"
        "    by: 2030\n"
        "    for_each: all\n"
        "    overrides:\n"
        "      Hanoi: {at_least: , by: 2028}\n"
        "      Hue: {at_least: 90, base: }\n"
        "      Vinh: {at_least: 90, by: ~}\n"
    )
    figures = (
        "figures:\n"
        "  - {metric: m, period: 2020, value: 50, unit: firm, entity: Hanoi}\n"
        "  - {metric: m, period: 2020, value: 50, unit: firm, entity: Hue}\n"
        "  - {metric: m, period: 2020, value: 50, unit: firm, entity: Vinh}\n"
    )
    done = _refused(
        _folder(tmp_path, {"t.yaml": rules, "f.yaml": figures}),
        f"t.yaml:8:25: 'at_least': empty; give {level}",
        f"t.yaml:9:33: 'base': empty; give {year}",
        f"t.yaml:10:32: 'by': empty; give {year}",
    )
    assert "3 problems in the input" in done.stderr
