"""The text report stays a screenful: a target judged for each entity is one block (its
counts per status and its worst entities), and a long status section is cut with a count.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import targets
from targets.render import MAX_ROWS, render_text

Write = Callable[[dict[str, str]], Path]

HEAD = """\
programme: {name: Regions}
metrics:
  - {id: m, name: M, unit: firm, direction: higher}
"""


def _entities(write: Write, n: int, rule: str) -> targets.Report:
    """`n` regions; region i grows from 10 to 10 + i between 2015 and 2024."""
    rows = ["metric,entity,period,value,unit"]
    for i in range(n):
        rows += [f"m,R{i:03d},2015,10,firm", f"m,R{i:03d},2024,{10 + i},firm"]
    files = {"p/rules.yaml": HEAD + "targets:\n" + rule, "p/f.csv": "\n".join(rows) + "\n"}
    return targets.check(write(files) / "p")


def test_a_target_for_each_entity_is_one_block_not_a_row_per_entity(write: Write) -> None:
    # R000 does not grow at all (the worst), the growth of the others rises with their
    # number, and R030 onwards have reached 40 already
    report = _entities(
        write,
        60,
        "  - {id: reach-40, metric: m, at_least: 40, by: 2030, base: 2015, for_each: all}\n",
    )
    text = render_text(report, width=100)
    summary = report.summary
    assert "JUDGED FOR EACH ENTITY (1 target, 60 results)" in text
    block = text.split("JUDGED FOR EACH ENTITY")[1]
    counted = {status: n for status, n in summary.items() if n and status != "not_assessable"}
    for status, n in counted.items():
        assert f"{n} {status.replace('_', ' ')}" in block
    assert "reach-40: 60 entities" in block
    assert "worst: reach-40[R000]" in block  # the worst entity, copyable into explain
    assert "reach-40[R059]" not in text  # an achieved entity is not listed
    assert text.count("reach-40[") == 3  # three worst entities, no row per pair
    assert "60 results:" in text  # the summary line counts results


def test_a_long_status_section_shows_its_first_rows_and_counts_the_rest(write: Write) -> None:
    rules = "".join(
        f"  - {{id: t{i:03d}, metric: m{i:03d}, at_least: 1000, by: 2030, base: 2015}}\n"
        for i in range(40)
    )
    metrics = "".join(
        f"  - {{id: m{i:03d}, name: M{i}, unit: firm, direction: higher}}\n" for i in range(40)
    )
    rows = ["metric,period,value,unit"]
    for i in range(40):
        rows += [f"m{i:03d},2015,10,firm", f"m{i:03d},2024,11,firm"]
    head = "programme: {name: Many}\nmetrics:\n" + metrics
    root = write({"q/rules.yaml": head + "targets:\n" + rules, "q/f.csv": "\n".join(rows)})
    report = targets.check(root / "q")
    assert report.summary["off_track"] == 40
    text = render_text(report, width=100)
    assert "OFF TRACK (40)" in text
    shown = [line for line in text.splitlines() if line.lstrip("✗ ").startswith("t0")]
    assert len(shown) == MAX_ROWS
    assert f"... and {40 - MAX_ROWS} more off track" in text


def test_counts_of_thousands_are_grouped_in_the_summary_and_the_gate_line(write: Write) -> None:
    # 1,200 regions: region i grows by i, so regions 30 on reach 40 (1,170 achieved)
    report = _entities(
        write,
        1200,
        "  - {id: reach-40, metric: m, at_least: 40, by: 2030, base: 2015, for_each: all}\n",
    )
    text = render_text(report, width=100)
    assert "1,200 results: " in text
    assert "1,170 achieved" in text
    verdict = targets.judge.Gate(fail_on="achieved").verdict(report)
    assert "failed, 1,200 results at achieved or worse" in verdict
