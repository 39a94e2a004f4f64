"""The compact JSON report: every number of the full report, written from the columns.

Large reports leave each result's figures and words out (``"detail": "compact"``) and are
written line by line. What they keep must be exactly what the full report says: these
tests build both and compare them field by field, for results the bulk path judged and
for those the per-series path judged, from YAML figures and from CSV figures (whose
latest figure is read back from the file's columns).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import targets
from targets.cli import cli
from targets.judge import _compact
from targets.judge._compact import DETAIL_FIELDS
from targets.judge._document import COMPACT_ABOVE
from targets.render import jsonl_report, render
from tests.test_vector_path import HEAD, METRICS, programmes

Write = Callable[[dict[str, str]], Path]


def _without_detail(result: dict[str, Any]) -> dict[str, Any]:
    return {**result, **dict.fromkeys(DETAIL_FIELDS)}


def assert_compact_matches_full(report: targets.Report) -> None:
    full = json.loads(report.to_json(detail="full"))
    compact = json.loads(report.to_json(detail="compact"))
    assert full["detail"] == "full"
    assert compact["detail"] == "compact"
    assert {k: v for k, v in full.items() if k not in {"results", "detail"}} == {
        k: v for k, v in compact.items() if k not in {"results", "detail"}
    }
    assert len(compact["results"]) == len(full["results"])
    for whole, short in zip(full["results"], compact["results"], strict=True):
        assert short == _without_detail(whole), whole["target"]
        for name in DETAIL_FIELDS:
            assert short[name] is None


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=programmes(), as_of=st.sampled_from([None, "2024-12-31"]))
def test_compact_results_equal_the_full_ones_without_their_detail(
    write: Write, text: str, as_of: str | None
) -> None:
    report = targets.check(targets.load(write({"p.yaml": text})), as_of=as_of)
    assert_compact_matches_full(report)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=programmes(), block=st.integers(1, 4))
def test_compact_results_written_a_few_at_a_time_equal_the_full_ones(
    write: Write, monkeypatch: pytest.MonkeyPatch, text: str, block: int
) -> None:
    # blocks of a few results: the per-series path's rows fall in any block, not the first
    monkeypatch.setattr(_compact, "BLOCK", block)
    report = targets.check(targets.load(write({"p.yaml": text})))
    assert_compact_matches_full(report)
    lines = "".join(jsonl_report(report, "compact")).splitlines()[1:]
    compact = json.loads(report.to_json(detail="compact"))["results"]
    assert [json.loads(line) for line in lines] == compact


@st.composite
def csv_figures(draw: st.DrawFn) -> str:
    rows = ["metric,entity,period,value,unit,kind,source,published"]
    for _ in range(draw(st.integers(1, 40))):
        metric = draw(st.sampled_from(sorted(METRICS)))
        year = draw(st.integers(2010, 2026))
        values = (
            ["12", "7", "1,200", "99"] if metric == "place" else ["12", "7.5", "1,200", "0.001"]
        )
        value = draw(st.sampled_from(values))  # a rank is a whole number, 1 or more
        if "," in value:
            value = f'"{value}"'
        rows.append(
            ",".join(
                [
                    metric,
                    draw(st.sampled_from(["", "X", "Y", "Ünï"])),
                    str(year),
                    value,
                    METRICS[metric],
                    draw(st.sampled_from(["actual", "estimate", "forecast"])),
                    draw(st.sampled_from(["a", "b", "c"])),
                    draw(st.sampled_from(["", "2025-03"])),
                ]
            )
        )
    return "\n".join(rows) + "\n"


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(figures=csv_figures())
def test_compact_results_from_csv_figures_equal_the_full_ones(write: Write, figures: str) -> None:
    rules = HEAD.format(prefer="b") + (
        "targets:\n"
        "  - {id: up-100, metric: up, at_least: 100, by: 2030, base: 2015, for_each: all}\n"
        "  - {id: down-1, metric: down, at_most: 1, by: 2030}\n"
        "  - {id: share-60, metric: share, at_least: 60, by: 2028, for_each: all,\n"
        "     overrides: {X: {at_least: 40}}}\n"
        "  - {id: place-10, metric: place, top: 10, by: 2030, for_each: all}\n"
    )
    report = targets.check(targets.load(write({"rules.yaml": rules, "f.csv": figures})))
    assert_compact_matches_full(report)


def test_the_example_in_compact_form_equals_its_full_report(
    example_report: targets.Report,
) -> None:
    assert_compact_matches_full(example_report)


def _many(write: Write, entities: int) -> Path:
    rows = ["metric,entity,period,value,unit"]
    for e in range(entities):
        rows += [f"up,E{e:04d},{year},{10 + e % 7 + year - 2015},firm" for year in (2015, 2020)]
    rules = HEAD.format(prefer="") + (
        "targets:\n  - {id: up-30, name: 'Up ##[ 30', metric: up, at_least: 30, by: 2030, "
        "for_each: all}\n"
    )
    return write({"p/rules.yaml": rules, "p/f.csv": "\n".join(rows) + "\n"}) / "p"


def test_a_report_of_more_than_a_thousand_results_is_compact_unless_asked(
    write: Write, results_validator: Any
) -> None:
    report = targets.check(_many(write, COMPACT_ABOVE + 1))
    compact = json.loads(report.to_json())
    assert compact["detail"] == "compact"
    assert compact["results"][0]["figures"] is None
    results_validator.validate(compact)
    full = json.loads(report.to_json(detail="full"))
    assert [f["period"] for f in full["results"][0]["figures"]] == ["2015", "2020"]
    results_validator.validate(full)


def test_a_report_of_a_thousand_results_is_full(write: Write) -> None:
    report = targets.check(_many(write, COMPACT_ABOVE))
    assert json.loads(report.to_json())["detail"] == "full"


def test_an_unknown_detail_is_refused(example_report: targets.Report) -> None:
    with pytest.raises(ValueError, match="detail is one of auto, full, compact"):
        example_report.to_dict(detail="brief")


def test_compact_json_lines_hold_the_header_then_one_result_a_line(write: Write) -> None:
    root = _many(write, 30)
    out = root.parent / "out"
    out.mkdir()
    result = CliRunner().invoke(
        cli,
        [
            "check",
            str(root),
            "--json-detail",
            "compact",
            "--jsonl",
            str(out / "r.jsonl"),
            "--json",
            str(out / "r.json"),
            "-q",
        ],
    )
    assert result.exit_code in {0, 1}, result.output
    lines = (out / "r.jsonl").read_text(encoding="utf-8").splitlines()
    document = json.loads((out / "r.json").read_text(encoding="utf-8"))
    header = json.loads(lines[0])
    assert header == {k: v for k, v in document.items() if k != "results"}
    assert [json.loads(line) for line in lines[1:]] == document["results"]
    assert len(lines) == 31


def test_an_input_string_cannot_start_a_ci_command_in_a_compact_report(write: Write) -> None:
    report = targets.check(_many(write, 3))
    document = report.to_json(detail="compact")
    lines = render(report, "jsonl", detail="compact")
    for text in (document, lines):
        assert "##[" not in text
        assert not any(line.lstrip().startswith("::") for line in text.splitlines())
    # escaped, not lost: the name decodes to what the rule says
    assert json.loads(document)["results"][0]["name"] == "Up ##[ 30"
    assert json.loads(lines.splitlines()[1])["name"] == "Up ##[ 30"
