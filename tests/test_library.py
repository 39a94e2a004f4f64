"""The library API planners use: frames, what-if, figures from code, HTML, the public names."""

from __future__ import annotations

import builtins
import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import targets
from targets import Report

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"


@pytest.fixture
def report(example_report: Report) -> Report:
    return example_report


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert targets.__all__ == sorted(targets.__all__)
    for name in targets.__all__:
        assert getattr(targets, name) is not None


REPORT_DTYPES = {
    "entity": "string",
    "name": "string",
    "kind": "string",
    "metric": "string",
    "unit": "string",
    "goal": "string",
    "method": "string",
    "method_status": "string",
    "deadline": "string",
    "severity": "category",
    "status": "category",
    "latest_period": "string",
    "target_value": "float64",
    "target_year": "float64",
    "latest_year": "float64",
    "latest_value": "float64",
    "base_year": "float64",
    "base_value": "float64",
    "growth_actual": "float64",
    "growth_required": "float64",
    "growth_required_now": "float64",
    "change_actual": "float64",
    "change_required": "float64",
    "change_required_now": "float64",
    "projected": "float64",
    "reach_year": "float64",
    "ratio": "float64",
    "progress": "float64",
    "score": "float64",
    "trajectory_gap": "float64",
    "slope": "float64",
    "reaches": "Int64",
    "projection": "string",
    "chance": "float64",
    "chance_reach_low": "float64",
    "chance_reach_high": "float64",
    **dict.fromkeys(
        (
            "trajectory_value",
            "limit",
            "interpolated",
            "band_low",
            "band_high",
            "bound",
            "driving_milestone",
            "milestones_trajectory_value",
            "milestones_trajectory_gap",
            "hold_low",
            "hold_high",
            "hold_start",
            "hold_end",
            "rate",
            "growth_start",
            "growth_end",
            "recent",
            "first_reached",
        ),
        "float64",
    ),
    "explanation": "string",
    "file": "string",
    "line": "Int64",
}


def test_to_frame_columns_and_dtypes_are_pinned(report: Report) -> None:
    frame = report.to_frame()
    assert {c: str(t) for c, t in frame.dtypes.items()} == REPORT_DTYPES
    assert len(frame) == len(report)
    assert list(frame.index) == [r.id for r in report]
    assert frame["status"].cat.ordered
    assert list(frame["status"].cat.categories[:2]) == ["missed", "regressing"]
    row = frame.loc["dt-firms-100k-2025"]
    assert row["growth_required_now"] == pytest.approx(100000 / 73788 - 1)
    assert row["status"] == "off_track"
    rank = frame.loc["gii-top35-2025"]
    assert math.isnan(frame["growth_actual"].to_dict()["gii-top35-2025"])  # no growth rate
    assert rank["change_required_now"] == -9  # 44 to 35 in one year: 9 places


def test_a_results_frame_lists_every_figure_with_whether_it_was_used(report: Report) -> None:
    frame = report["dt-firms-100k-2025"].to_frame()
    used = frame[frame["used"]]
    assert list(used["period"]) == ["2019", "2020", "2021", "2022", "2023", "2024"]
    assert not frame[frame["period"] == "2022-06"]["used"].any()


def test_without_pandas_to_frame_names_the_extra(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "pandas", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match=r"pip install 'targets\[notebook\]'"):
        report.to_frame()


def test_repr_html_is_well_formed_markup(report: Report) -> None:
    root = ET.fromstring(report._repr_html_())
    assert len(root.findall(".//tbody/tr")) == len(report)
    card = ET.fromstring(report["dt-firms-100k-2025"]._repr_html_())
    assert "needs 35.5 % growth" in "".join(card.itertext())


def test_required_growth_answers_the_planners_first_question() -> None:
    assert targets.required_growth(73788, 100000, 1) == pytest.approx(0.355234, abs=1e-6)
    assert targets.required_growth(44, 35, 1, linear=True) == -9
    with pytest.raises(ValueError, match="positive"):
        targets.required_growth(0, 10, 2)


def test_what_if_gives_projection_reach_and_status(report: Report) -> None:
    result = report["dt-firms-100k-2025"]
    slow, fast = result.what_if([0.12, 0.40])
    # 73,788 * 1.12 = 82,643 by 2025; ln(100000/73788) / ln(1.12) = 2.683 years -> 2026.68
    assert slow.projected == pytest.approx(82_642.56)
    assert slow.reach_year == pytest.approx(2024 + math.log(100000 / 73788) / math.log(1.12))
    assert slow.status == "missed"
    assert fast.status == "achieved"
    assert str(slow) == "at 12.0 % a year: 82,600 by 2025; meets 100,000 in 2027; missed"


def test_what_if_on_a_rank_is_in_places_a_year(report: Report) -> None:
    scenario = report["gii-top35-2025"].what_if(-2)
    assert scenario.linear
    assert scenario.label == "up 2 places a year"
    assert str(scenario).startswith("up 2 places a year: 42 by 2025;")
    assert report["gii-top35-2025"].what_if(0.5).label == "down 0.5 places a year"
    assert scenario.projected == 42  # 44 - 2 places in one year
    assert scenario.reach_year == pytest.approx(2028.5)


def test_what_if_refuses_a_passed_deadline_or_no_level(report: Report) -> None:
    with pytest.raises(ValueError, match="has passed"):
        report["ict-revenue-148.5bn-2022"].what_if(0.1)
    with pytest.raises(ValueError, match="no level to reach"):
        report["fibre-5g-universal-2030"].what_if(0.1)


def test_figures_from_a_dataframe_go_through_the_same_checks() -> None:
    programme = targets.load(EXAMPLE)
    rows = pd.DataFrame(
        [
            {
                "metric": "dt-firms",
                "period": 2025,
                "value": 101000,
                "unit": "firm",
                "kind": "estimate",
                "source": "sggp-2025-01-24",
            },
        ]
    )
    report = programme.check(rows)
    assert [f.period.label for f in report["dt-firms-100k-2025"].figures] == ["2025"]
    added = programme.with_figures(rows).check()
    assert added["dt-firms-100k-2025"].status == "achieved"
    bad = pd.DataFrame([{"metric": "dt-firms", "period": 2025, "value": 1, "unit": "USD"}])
    with pytest.raises(targets.LoadError) as caught:
        programme.with_figures(bad, origin="<DataFrame>")
    assert str(caught.value.diagnostics[0]).startswith("<DataFrame>:1:1: 'USD'")


def test_add_figure_in_code() -> None:
    programme = targets.load(EXAMPLE).add_figure(
        metric="dt-firms", period=2025, value=95000, unit="firm", source="sggp-2025-01-24"
    )
    assert programme.check()["dt-firms-100k-2025"].status == "missed"


def test_charts_carry_history_promise_trend_target_and_reach(report: Report) -> None:
    chart = report["dt-firms-100k-2025"].chart(scenarios=[0.12])
    assert [p.time for p in chart.points if p.used] == [2019, 2020, 2021, 2022, 2023, 2024]
    assert chart.trajectory[0] == (2021.0, 64000.0)
    assert chart.trajectory[-1] == (2025.0, 100000.0)
    assert chart.trend[0] == (2024.0, 73788.0)
    assert chart.reach is not None
    assert chart.reach[1] == 100000.0
    assert chart.goals[0].low == 100000.0
    assert chart.scenarios[0].growth == 0.12
    rank = report["gii-top35-2025"].chart()
    assert rank.invert


def test_a_report_is_indexed_by_id_or_by_position(report: Report) -> None:
    first, last = report.results[0], report.results[-1]
    assert report[0] is first
    assert report[-1] is last
    assert report[first.id] is first
    with pytest.raises(
        IndexError, match=f"no target at position 99: the report holds {len(report)}"
    ):
        report[99]
    with pytest.raises(TypeError, match="indexed by a target id or a position, not float"):
        report[1.5]  # type: ignore[index]
    with pytest.raises(targets.UnknownTargetError, match="did you mean 'dt-firms-100k-2025'"):
        report["dt-firms-100k-2052"]


def test_the_frame_holds_the_id_once_so_pandas_idioms_work(report: Report) -> None:
    frame = report.to_frame()
    assert frame.index.name == "target"
    assert "target" not in frame.columns
    assert frame.groupby("target").size().sum() == len(report)
    flat = frame.reset_index()
    assert list(flat["target"]) == [r.id for r in report]


def test_the_frame_and_the_text_report_agree(report: Report) -> None:
    from targets.render import growth_cell, percent_cell, reach_cell  # noqa: PLC0415

    frame = report.to_frame()
    # The status order: sorting the frame lists the targets as `targets check` does.
    text = report.to_text(width=200)
    shown = [
        line.split()[1] if line.startswith("  ✗") else line.split()[0]
        for line in text.splitlines()
        if line.startswith("    ") or line.startswith("  ✗")
    ]
    judged = frame[frame["status"] != "not_assessable"].sort_values("status", kind="stable")
    assert [i for i in shown if i in judged.index] == list(judged.index)
    for result in report:
        row = frame.loc[result.id]
        # The reach year as the text shows it.
        reach = reach_cell(result)
        if reach.isdigit():
            assert row["reaches"] == int(reach), result.id
        else:
            assert row["reaches"] is pd.NA, result.id
    # Growth achieved of a growth-rate target: the text's grew/yr is the frame's number.
    growth = report["it-revenue-growth-9.2-2022"]
    assert growth_cell(growth, "growth_actual") == percent_cell(
        frame["growth_actual"].to_dict()[growth.id]
    )
    assert frame.loc["dt-firms-100k-2025", "reaches"] == 2031  # 2030.41 reads 2031


def test_every_public_property_says_what_it_is() -> None:
    import inspect  # noqa: PLC0415

    import targets.judge  # noqa: PLC0415
    import targets.render  # noqa: PLC0415
    import targets.rules  # noqa: PLC0415

    missing = []
    for module in (targets, targets.judge, targets.render, targets.rules):
        for name in module.__all__:
            value = getattr(module, name)
            if not inspect.isclass(value):
                continue
            for attribute, member in vars(value).items():
                public = isinstance(member, property) and not attribute.startswith("_")
                if public and not (member.fget.__doc__ or "").strip():
                    missing.append(f"{value.__qualname__}.{attribute}")
    assert missing == []
