"""A planner's session on the provinces example: targets judged for each province."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import targets
from targets import Report

PROVINCES = Path(__file__).resolve().parents[1] / "examples" / "vietnam-provinces"
SHARE_2025 = "de-share-grdp-20-2025-provinces"
Write = Callable[[dict[str, str]], Path]


@pytest.fixture(scope="module")
def report() -> Report:
    return targets.check(targets.load(PROVINCES))


def test_a_frame_has_one_row_per_target_and_entity(report: Report) -> None:
    frame = report.to_frame()
    assert len(frame) == len(report)
    pairs = frame.set_index("entity", append=True)
    assert pairs.index.is_unique
    assert [f"{t}[{e}]" for t, e in pairs.index] == [r.key for r in report]


def test_a_frame_row_of_an_entity_carries_its_override(report: Report) -> None:
    """rules.yaml: 20 % for every province, 30 % for Hanoi and 35 % for Hai Phong."""
    share = report.to_frame().loc[SHARE_2025].set_index("entity")
    assert share.loc["Hanoi", "target_value"] == 30
    assert share.loc["Hai Phong", "target_value"] == 35
    assert share.loc["Da Nang", "target_value"] == 20


def test_a_target_judged_once_has_no_entity(example_report: Report) -> None:
    frame = example_report.to_frame()
    assert frame["entity"].dtype == pd.StringDtype()
    assert frame["entity"].isna().all()


@pytest.mark.parametrize("which", ["provinces", "national"])
def test_a_compact_frame_agrees_with_the_full_one_but_for_what_it_leaves_out(
    report: Report, example_report: Report, which: str
) -> None:
    from targets.notebook import CHANCE, DETAILS, report_frame  # noqa: PLC0415

    checked = report if which == "provinces" else example_report
    full, compact = report_frame(checked), report_frame(checked, detail="compact")
    left_out = [*CHANCE, *DETAILS, "explanation"]
    pd.testing.assert_frame_equal(full.drop(columns=left_out), compact.drop(columns=left_out))
    assert compact["explanation"].isna().all()
    assert compact[[*CHANCE, *DETAILS]].isna().all().all()
    assert full["explanation"].notna().all()


def test_a_frame_at_an_unknown_detail_is_refused(report: Report) -> None:
    from targets.notebook import report_frame  # noqa: PLC0415

    with pytest.raises(ValueError, match="detail is one of"):
        report_frame(report, detail="brief")


def test_a_large_status_shows_its_first_rows_and_counts_the_rest(write: Write) -> None:
    """30 provinces over the goal: more than the 25 a status shows in full, so the first 10
    and a line for the other 20, as the text report does."""
    figures = "".join(
        f"  - {{metric: m, entity: P{n:02}, period: {year}, value: 20, unit: firm}}\n"
        for n in range(30)
        for year in (2020, 2023)
    )
    rules = (
        "programme: {name: P}\nmetrics: [{id: m, name: M, unit: firm, direction: higher}]\n"
        "targets: [{id: t, metric: m, for_each: all, at_least: 10, by: 2030}]\n"
        f"figures:\n{figures}"
    )
    report = targets.check(write({"programme.yaml": rules}))
    assert report.summary["achieved"] == 30
    table = ET.fromstring(report._repr_html_())  # what Jupyter shows
    rows = table.findall(".//tbody/tr")
    assert [row.find("td/code").text for row in rows[:10]] == [  # type: ignore[union-attr]
        f"t[P{n:02}]" for n in range(10)
    ]
    assert len(rows) == 11
    assert "".join(rows[10].itertext()).startswith("and 20 more achieved: ")
