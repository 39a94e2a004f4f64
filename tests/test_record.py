"""`targets.record`: figures added, replaced and removed without touching any other byte."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import targets
from targets.rules._record import RecordError, record
from targets.rules._record_io import locked, typed
from targets.rules._record_text import scalar
from targets.rules._yaml_events import load_yaml

from .conftest import PROGRAMME

RULES = PROGRAMME.split("figures:")[0]
"""The test programme without its figures: the figures file under test holds them all."""

FIGURES = """\
# Figures typed by hand; nothing here may change.
---
figures:   # every vintage is kept

  # --- firms --------------------------------------------------------------
  - metric:   firms      # odd spacing stays
    period: 2023
    value: 70,000   # provisional
    unit: firm
    source: src
    note: >-
      A folded note
      over two lines.

  - {metric: revenue, period: 2022, value: "140,000", unit: USD million, source: src}

  - metric: share
    period: 2023
    value: 14.0
    unit: "%"
    source: src
    published: 2024-03-01
    note: ~
"""

NEW = {
    "metric": "firms",
    "period": 2024,
    "value": 74000,
    "unit": "firm",
    "source": "src",
    "published": "2025-02-01",
}
NEW_TEXT = """
  - metric: firms
    period: 2024
    value: 74000
    unit: firm
    source: src
    published: 2025-02-01
"""


def programme(root: Path, figures: str, name: str = "figures.yaml") -> Path:
    """A programme folder: the rules in rules.yaml, the figures file under test beside them."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "rules.yaml").write_text(RULES, encoding="utf-8")
    path = root / name
    path.write_bytes(figures.encode("utf-8"))
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_new_figure_goes_after_the_last_and_every_other_byte_stays(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    done = record(path, NEW)
    assert path.read_text(encoding="utf-8") == FIGURES + NEW_TEXT
    assert (done.added, done.replaced, done.removed, done.written) == (1, 0, 0, True)
    assert leftovers(tmp_path) == []
    loaded = targets.load(tmp_path)
    assert [f.value for f in loaded.figures if f.metric == "firms"] == [70000, 74000]


def test_the_new_figure_follows_the_files_indentation_and_key_order(tmp_path: Path) -> None:
    text = (
        "figures:\n"
        "- period: 2023\n"
        "  metric: firms\n"
        "  unit: firm\n"
        "  value: 70000\n"
        "- period: 2022\n"
        "  metric: firms\n"
        "  unit: firm\n"
        "  value: 65000\n"
    )
    path = programme(tmp_path, text)
    record(path, {"metric": "firms", "value": 74000, "unit": "firm", "period": 2024})
    added = "- period: 2024\n  metric: firms\n  unit: firm\n  value: 74000\n"
    assert path.read_text(encoding="utf-8") == text + added


def test_a_file_of_flow_style_figures_gets_a_flow_style_figure(tmp_path: Path) -> None:
    text = "figures:\n  - {metric: firms, period: 2023, value: 70000, unit: firm}  # kept\n"
    path = programme(tmp_path, text)
    record(path, {"metric": "firms", "period": 2024, "value": "74,000", "unit": "firm"})
    added = '  - {metric: firms, period: 2024, value: "74,000", unit: firm}\n'
    assert path.read_text(encoding="utf-8") == text + added


def test_crlf_a_byte_order_mark_and_no_final_line_break_are_kept(tmp_path: Path) -> None:
    text = "\ufefffigures:\r\n  - metric: firms\r\n    period: 2023\r\n    value: 1\r\n"
    text += "    unit: firm"
    path = programme(tmp_path, text)
    record(path, {"metric": "firms", "period": 2024, "value": 2, "unit": "firm"})
    added = "\r\n  - metric: firms\r\n    period: 2024\r\n    value: 2\r\n    unit: firm"
    assert path.read_bytes() == (text + added).encode("utf-8")
    record(path, {"metric": "firms", "period": 2024}, remove=True)
    assert path.read_bytes() == text.encode("utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "figures:\n  - metric: firms\n    period: 2024\n    value: 1\n    unit: firm\n"),
        (
            "# figures to come\n",
            "# figures to come\n\nfigures:\n  - metric: firms\n    period: 2024\n"
            "    value: 1\n    unit: firm\n",
        ),
        (
            "figures:\n# none yet\n",
            "figures:\n  - metric: firms\n    period: 2024\n    value: 1\n    unit: firm\n"
            "# none yet\n",
        ),
    ],
)
def test_a_file_without_figures_gets_a_figures_list(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = programme(tmp_path, text)
    record(path, {"metric": "firms", "period": 2024, "value": 1, "unit": "firm"})
    assert path.read_text(encoding="utf-8") == expected


def test_a_flow_style_list_is_re_emitted_by_ruamel_keeping_comments(tmp_path: Path) -> None:
    text = "# kept\nfigures: [{metric: firms, period: 2023, value: 1, unit: firm}]  # also kept\n"
    path = programme(tmp_path, text)
    done = record(path, {"metric": "firms", "period": 2024, "value": 2, "unit": "firm"})
    assert done.rewritten
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# kept\n")
    assert "# also kept" in after
    assert [f.value for f in targets.load(tmp_path).figures] == [1, 2]


def test_an_existing_figure_is_refused_without_replace(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    same = {"metric": "firms", "period": 2023, "value": 71000, "unit": "firm", "source": "src"}
    with pytest.raises(RecordError) as error:
        record(path, same)
    assert [str(d) for d in error.value.diagnostics] == [
        f"{path}:6:5: the figure firms 2023, source src is already recorded here; "
        "--replace replaces it"
    ]
    assert str(error.value).endswith("1 problem; nothing written")
    assert path.read_text(encoding="utf-8") == FIGURES
    assert leftovers(tmp_path) == []


def test_the_source_date_is_the_edition_when_published_is_not_given(tmp_path: Path) -> None:
    # The source `src` is dated 2025-01-24: saying so explicitly names the same edition.
    path = programme(tmp_path, FIGURES)
    explicit = {"metric": "firms", "period": 2023, "value": 1, "unit": "firm", "source": "src"}
    with pytest.raises(RecordError, match="already recorded"):
        record(path, {**explicit, "published": "2025-01-24"})
    record(path, {**explicit, "published": "2025-06-30"})  # a later edition is another figure
    record(path, {**explicit, "kind": "forecast"})  # so is a forecast for the same period
    assert len([f for f in targets.load(tmp_path).figures if f.metric == "firms"]) == 3


def test_replace_rewrites_only_what_changed_in_place(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    revised = {
        "metric": "firms",
        "period": 2023,
        "value": "71,000",
        "unit": "firm",
        "source": "src",
        "kind": "estimate",
        "note": "Revised.",
    }
    done = record(path, revised, replace=True)
    assert (done.added, done.replaced) == (0, 1)
    expected = FIGURES.replace(
        "    value: 70,000   # provisional\n    unit: firm\n",
        "    value: 71,000   # provisional\n    unit: firm\n    kind: estimate\n",
    ).replace("    note: >-\n      A folded note\n      over two lines.\n", "    note: Revised.\n")
    assert path.read_text(encoding="utf-8") == expected


def test_replace_drops_the_values_the_new_figure_does_not_give(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    record(
        path,
        {"metric": "firms", "period": 2023, "value": "70,000", "unit": "firm", "source": "src"},
        replace=True,
    )
    expected = FIGURES.replace("    note: >-\n      A folded note\n      over two lines.\n", "")
    assert path.read_text(encoding="utf-8") == expected


def test_replace_with_nothing_to_replace_adds(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    assert record(path, NEW, replace=True).added == 1
    assert path.read_text(encoding="utf-8") == FIGURES + NEW_TEXT


def test_the_same_figure_given_twice_is_refused(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    with pytest.raises(RecordError, match=r"<figures>:2:1: the figure firms 2024.* is given twice"):
        record(path, [NEW, {**NEW, "value": 75000}])
    assert path.read_text(encoding="utf-8") == FIGURES


def test_dry_run_returns_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    done = record(path, NEW, dry_run=True)
    assert not done.written
    assert path.read_text(encoding="utf-8") == FIGURES
    name = str(path)
    assert done.diff == (
        f"--- a/{name}\n+++ b/{name}\n@@ -21,3 +21,10 @@\n"
        "     source: src\n     published: 2024-03-01\n     note: ~\n"
        "+\n+  - metric: firms\n+    period: 2024\n+    value: 74000\n+    unit: firm\n"
        "+    source: src\n+    published: 2025-02-01\n"
    )


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        (
            {"metric": "firms", "period": 2024, "value": "abc", "unit": "firm"},
            "<figures>:1:1: 'value': 'abc' is not a number; a value is a number, a range such "
            "as 4-8, or yes/no",
        ),
        (
            {"metric": "firm", "period": 2024, "value": 1, "unit": "firm"},
            "<figures>:1:1: unknown metric 'firm' (did you mean 'firms'?)",
        ),
        (
            {"metric": "firms", "period": "2024-Q5", "value": 1, "unit": "firm"},
            "<figures>:1:1: 'period': '2024-Q5' is not a period",
        ),
        (
            {"metric": "firms", "period": 2024, "value": 1, "unit": "person"},
            "<figures>:1:1: 'person' (a count of persons) does not convert to 'firm'",
        ),
        (
            {"metric": "firms", "period": 2024, "valeu": 1, "unit": "firm"},
            "<figures>:1:1: unknown field 'valeu' (did you mean 'value'?)",
        ),
        (
            {"metric": "firms", "period": 2024, "value": float("inf"), "unit": "firm"},
            "<figures>:1:1: 'value': inf is not a number a file can hold",
        ),
        (
            {"metric": "firms", "period": 2024, "value": 10**400, "unit": "firm"},
            "<figures>:1:1: 'value': too large to be a figure's number",
        ),
        (
            {"metric": "firms", "period": 2024, "value": 1, "unit": "firm", "note": "\udcff"},
            "<figures>:1:1: 'note': not valid UTF-8 text",
        ),
        (
            {"metric": "firms", "period": 2024, "value": "9" * 10_000, "unit": "firm"},
            "<figures>:1:1: 'value': ",  # the loader says why; recording must not crash
        ),
    ],
)
def test_an_invalid_figure_is_refused_with_its_position_and_nothing_is_written(
    tmp_path: Path, figure: dict[str, object], message: str
) -> None:
    path = programme(tmp_path, FIGURES)
    with pytest.raises(RecordError) as error:
        record(path, figure)
    assert str(error.value.diagnostics[0]).startswith(message)
    assert path.read_text(encoding="utf-8") == FIGURES
    assert leftovers(tmp_path) == []


def test_an_invalid_rules_file_around_it_refuses_the_change(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES.replace("unit: firm", "unit: firmz"), encoding="utf-8")
    with pytest.raises(RecordError) as error:
        record(path, NEW)
    assert str(error.value.diagnostics[0]).startswith(f"{rules}:")
    assert "firmz" in str(error.value.diagnostics[0])
    assert path.read_text(encoding="utf-8") == FIGURES


def test_an_invalid_figure_from_a_csv_names_its_row_and_column(tmp_path: Path) -> None:
    path = programme(tmp_path / "p", FIGURES)
    given = tmp_path / "new.csv"
    given.write_text(
        "metric,period,value,unit\nfirms,2024,74000,firm\nfirms,2025,x,firm\n", encoding="utf-8"
    )
    with pytest.raises(RecordError) as error:
        record(path, given)
    assert str(error.value.diagnostics[0]).startswith(f"{given}:3:12: 'value': 'x' is not a")
    assert path.read_text(encoding="utf-8") == FIGURES


def test_figures_from_a_csv_are_recorded_as_typed_values(tmp_path: Path) -> None:
    path = programme(tmp_path / "p", FIGURES)
    given = tmp_path / "new.csv"
    given.write_text(
        'metric,period,value,unit,note\nfirms,2024,74000,firm,12\nfirms,2025,"80,000",firm,\n',
        encoding="utf-8",
    )
    assert record(path, given).added == 2
    added = (
        "\n  - metric: firms\n    period: 2024\n    value: 74000\n    unit: firm\n"
        '    note: "12"\n'
        "\n  - metric: firms\n    period: 2025\n    value: 80,000\n    unit: firm\n"
    )
    assert path.read_text(encoding="utf-8") == FIGURES + added


CSV = (
    "metric,period,value,unit,source,note\r\n"
    'firms,2023,"70,000",firm,src,"first, with a comma"\r\n'
    "gci,2022,31,rank,src,\r\n"
)


def test_a_csv_figures_file_gets_rows_in_its_own_column_order_and_line_ends(
    tmp_path: Path,
) -> None:
    path = programme(tmp_path, CSV, "figures.csv")
    record(path, {"unit": "firm", "value": 74000, "period": 2024, "metric": "firms"})
    assert path.read_bytes() == (CSV + "firms,2024,74000,firm,,\r\n").encode()
    record(
        path,
        {"metric": "gci", "period": 2022, "value": 30, "unit": "rank", "source": "src"},
        replace=True,
    )
    revised = CSV.replace("gci,2022,31,rank,src,", "gci,2022,30,rank,src,")
    assert path.read_bytes() == (revised + "firms,2024,74000,firm,,\r\n").encode()
    record(path, {"metric": "firms", "period": 2024}, remove=True)
    record(path, {"metric": "gci", "period": 2022, "source": "src"}, remove=True)
    assert path.read_bytes() == CSV.replace("gci,2022,31,rank,src,\r\n", "").encode()


def test_a_csv_without_a_column_for_a_given_field_is_refused(tmp_path: Path) -> None:
    path = programme(tmp_path, CSV, "figures.csv")
    figure = {"metric": "firms", "period": 2024, "value": 1, "unit": "firm", "entity": "Hanoi"}
    with pytest.raises(RecordError, match="no column for 'entity'; add the column first"):
        record(path, figure)
    assert path.read_bytes() == CSV.encode()


def test_adding_then_removing_gives_back_the_file_byte_for_byte(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    record(path, NEW)
    done = record(path, {"metric": "firms", "period": 2024, "source": "src",
                         "published": "2025-02-01"}, remove=True)  # fmt: skip
    assert done.removed == 1
    assert path.read_text(encoding="utf-8") == FIGURES


def test_removing_an_item_keeps_its_neighbours_comments(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    record(path, {"metric": "firms", "period": 2023, "source": "src"}, remove=True)
    expected = FIGURES.replace(
        "  - metric:   firms      # odd spacing stays\n    period: 2023\n"
        "    value: 70,000   # provisional\n    unit: firm\n    source: src\n"
        "    note: >-\n      A folded note\n      over two lines.\n\n",
        "",
    )
    assert path.read_text(encoding="utf-8") == expected


def test_remove_refuses_when_no_figure_or_another_value_matches(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    with pytest.raises(RecordError, match=r"no figure in .* match the figure firms 2019"):
        record(path, {"metric": "firms", "period": 2019, "source": "src"}, remove=True)
    with pytest.raises(RecordError, match="is recorded with another 'value'; nothing removed"):
        record(path, {"metric": "firms", "period": 2023, "source": "src", "value": 1}, remove=True)
    assert path.read_text(encoding="utf-8") == FIGURES


def test_the_rules_default_to_the_nearest_folder_declaring_a_programme(tmp_path: Path) -> None:
    path = programme(tmp_path, "")
    (tmp_path / "figures").mkdir()
    nested = tmp_path / "figures" / "firms.yaml"
    nested.write_text("figures:\n", encoding="utf-8")
    path.unlink()
    record(nested, NEW)  # the metric and the source are found in ../rules.yaml
    assert nested.read_text(encoding="utf-8") == "figures:\n" + NEW_TEXT.lstrip("\n")


def test_rules_elsewhere_are_named_with_rules(tmp_path: Path) -> None:
    rules = programme(tmp_path / "rules", "").parent
    alone = tmp_path / "alone" / "figures.yaml"
    alone.parent.mkdir()
    alone.write_text("figures:\n", encoding="utf-8")
    with pytest.raises(RecordError, match="no folder from this file's upwards holds a file"):
        record(alone, NEW)
    record(alone, NEW, rules=[rules])
    assert "74000" in alone.read_text(encoding="utf-8")


def test_a_held_lock_makes_record_wait_then_give_up(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    with locked(path, 1.0):
        with pytest.raises(RecordError, match=r"another 'targets record' has held .* for 0.2 s"):
            record(path, NEW, wait=0.2)
        assert path.read_text(encoding="utf-8") == FIGURES
    record(path, NEW, wait=0.2)
    assert path.read_text(encoding="utf-8") == FIGURES + NEW_TEXT
    assert leftovers(tmp_path) == []


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = programme(tmp_path, FIGURES)

    def fail(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(RecordError, match="cannot write: No space left on device"):
        record(path, NEW)
    assert path.read_text(encoding="utf-8") == FIGURES
    assert leftovers(tmp_path) == []


def test_a_temporary_file_left_by_a_killed_run_is_removed_by_the_next(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    stale = tmp_path / ".figures.yaml.k1ll3d_x.record-tmp"
    stale.write_text("half a file", encoding="utf-8")
    other = tmp_path / ".figures.yaml.x.yaml.abcdefgh.record-tmp"  # another file's, kept
    other.write_text("not ours", encoding="utf-8")
    record(path, NEW)
    assert leftovers(tmp_path) == [other.name]


def test_the_files_permissions_are_kept(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    path.chmod(0o640)
    record(path, NEW)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_only_an_existing_regular_file_is_edited(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    with pytest.raises(RecordError, match="a symbolic link; name the file it points to"):
        record(link, NEW)
    with pytest.raises(RecordError, match="no such file; create it first"):
        record(tmp_path / "missing.yaml", NEW)
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    with pytest.raises(RecordError, match=r"not a figures file \(.yaml, .yml, .csv\)"):
        record(tmp_path / "notes.txt", NEW)
    assert link.is_symlink()
    assert path.read_text(encoding="utf-8") == FIGURES


def test_text_yaml_would_misread_is_quoted_and_reads_back(tmp_path: Path) -> None:
    path = programme(tmp_path, FIGURES)
    notes = ["yes", "12", "null", "a: b", "#tag", "- dash", "x #y", "tab\there", "\x1b[31mred"]
    for period, note in enumerate(notes, start=2030):
        record(path, {"metric": "firms", "period": period, "value": 1, "unit": "firm",
                      "note": note})  # fmt: skip
    loaded = targets.load(tmp_path)
    assert [f.note for f in loaded.figures if f.period.year >= 2030] == notes
    assert '    note: "\\x1b[31mred"\n' in path.read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_every_scalar_written_reads_back_as_the_same_value(value: object) -> None:
    block, block_problems = load_yaml(f"k: {scalar(value)}\n", "block")
    flow, flow_problems = load_yaml(f"k: [{scalar(value, flow=True)}]\n", "flow")
    assert block_problems == flow_problems == []
    assert block.data == {"k": value}
    assert flow.data == {"k": [value]}


def test_arguments_are_typed_as_a_file_would_hold_them() -> None:
    given_text = {
        "metric": "firms",
        "period": "2024",
        "value": "45,600",
        "published": "2025-01-24",
        "change": "+5600",
        "note": "12",
        "since": "",
        "unit": " firm ",
    }
    assert typed(given_text) == {
        "metric": "firms",
        "period": 2024,
        "value": "45,600",
        "published": "2025-01-24",
        "change": "+5600",
        "note": "12",
        "unit": "firm",
    }
    assert typed({"value": "45.2"}) == {"value": 45.2}
    assert typed({"value": "1.50"}) == {"value": "1.50"}


def test_record_is_public() -> None:
    assert targets.record is record
    assert "record" in targets.__all__
