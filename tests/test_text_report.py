"""The text report and `explain` at any width: rows never wrap, sentences do, ranks read in
places, rates never read '-0.0 %', counts take plural units."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import targets
from targets.render import fit_id, percent_cell, places_cell, signed_cell

Write = Callable[[dict[str, str]], Path]
LONG = "a-target-whose-id-is-far-too-long-for-any-table-column-2030"

PROGRAMME = f"""\
programme: {{name: Widths, base: 2019}}
sources: [{{id: s, publisher: P, date: 2025-01}}]
metrics:
  - {{id: firms, name: Firms, unit: firm, direction: higher}}
  - {{id: rank, name: Rank, unit: rank}}
targets:
  - {{id: {LONG}, metric: firms, at_least: 100000, by: 2030}}
  - {{id: short, metric: firms, at_least: 90000, by: 2025}}
  - {{id: climb, metric: rank, top: 30, by: 2030}}
figures:
  - {{metric: firms, period: 2019, value: 45600, unit: firm, source: s}}
  - {{metric: firms, period: 2024, value: 73788, unit: firm, source: s}}
  - {{metric: rank, period: 2019, value: 50, unit: rank, source: s}}
  - {{metric: rank, period: 2024, value: 41, unit: rank, source: s}}
"""


@pytest.fixture(scope="module")
def widths(tmp_path_factory: pytest.TempPathFactory) -> targets.Report:
    root = tmp_path_factory.mktemp("widths")
    (root / "p.yaml").write_text(PROGRAMME, encoding="utf-8")
    return targets.check(root)


def test_a_rank_moves_in_places_gained_or_lost() -> None:
    # A rank improves as its number falls: 50 -> 41 is 9 places gained.
    assert places_cell(-1.8) == "up 1.8"
    assert places_cell(0.4) == "down 0.4"
    assert places_cell(-9.0) == "up 9"
    assert places_cell(0.01) == "0"


def test_rates_and_changes_never_read_minus_zero() -> None:
    assert percent_cell(-0.0004) == "0.0 %"
    assert percent_cell(-0.0006) == "-0.1 %"
    assert percent_cell(0.355234) == "35.5 %"
    assert signed_cell(-0.0) == "0"
    assert signed_cell(3262.67) == "+3,260"
    assert signed_cell(-0.525) == "-0.525"


def test_the_example_ranks_read_in_places(example_report: targets.Report) -> None:
    text = example_report.to_text(width=120)
    row = next(line for line in text.splitlines() if "gii-top35-2025" in line)
    # 42 (2019) -> 44 (2024): 0.4 places lost a year; 44 -> 35 in one year: 9 to gain.
    assert "up 9" in row
    assert "down 0.4" in row
    assert not re.search(r"[+-]\d", row.split("(2024)")[1].split("44.4")[0])


def test_a_long_id_loses_its_middle_and_keeps_its_row_on_one_line(
    widths: targets.Report,
) -> None:
    text = widths.to_text(width=80)
    rows = [line for line in text.splitlines() if "…" in line]
    assert len(rows) == 1
    assert rows[0].lstrip(" ✗").startswith("a-target-who…")
    assert "-2030" in rows[0]
    assert "73,788 (2024)" in rows[0]  # its numbers on the same line
    wide = widths.to_text(width=120)
    assert LONG in wide
    assert "…" not in wide


@settings(max_examples=40, deadline=None)
@given(width=st.integers(min_value=40, max_value=200))
def test_no_line_is_wider_than_asked_and_every_row_is_one_line(
    example_report: targets.Report, width: int
) -> None:
    text = example_report.to_text(width=width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    for result in example_report:
        if result.status == "not_assessable":
            continue
        shown = fit_id(result.id, len(result.id))
        rows = [line for line in lines if line[4:].startswith(shown[:4])]
        assert rows, result.id


def test_narrow_terminals_drop_the_least_needed_columns_first(
    example_report: targets.Report,
) -> None:
    header = next(
        line for line in example_report.to_text(width=56).splitlines() if "latest" in line
    )
    assert "need/yr" in header
    assert "at deadline" not in header
    full = next(line for line in example_report.to_text(width=80).splitlines() if "latest" in line)
    assert "at deadline" in full
    assert "reaches" in full


def test_fit_id_keeps_the_head_and_the_tail() -> None:
    assert fit_id("dt-firms-100k-2025", 30) == "dt-firms-100k-2025"
    assert fit_id("it-revenue-growth-9.2-2022", 20) == "it-revenue…-9.2-2022"
    assert len(fit_id("it-revenue-growth-9.2-2022", 20)) == 20


@pytest.mark.parametrize("width", [40, 80, 120])
def test_explain_wraps_at_the_width(example_report: targets.Report, width: int) -> None:
    for result in example_report:
        text = example_report.explain(result.id, width=width)
        assert max(len(line) for line in text.splitlines()) <= width, result.id


def test_explain_says_counts_in_plural_units(example_report: targets.Report) -> None:
    text = example_report.explain("dt-firms-100k-2025", width=200)
    assert "2019       t=2019      45,600 firms  [actual;" in text
    assert "stated '45,600 firms'" in text
    assert "implied by 73,788 firms in 2024" in text
    assert " firm " not in text.replace("\n", " ")


def test_one_is_singular(write: Write) -> None:
    one = PROGRAMME.replace("value: 45600, unit: firm", "value: 1, unit: firm")
    report = targets.check(write({"p.yaml": one}))
    assert "stated '1 firm'" in report.explain("short", width=200)


def test_nothing_in_the_example_reads_minus_zero_percent(example_report: targets.Report) -> None:
    everything = [example_report.to_text(), example_report.to_markdown()]
    everything += [example_report.explain(r.id) for r in example_report]
    assert not any("-0.0 %" in text for text in everything)
