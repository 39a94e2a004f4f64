"""Small things a planner meets first: a per-entity result's arithmetic is headed by its
key (id[entity]), a report's frame can be asked for compact, an empty report says so."""

from __future__ import annotations

from pathlib import Path

import targets

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_the_arithmetic_of_an_entity_is_headed_by_its_key() -> None:
    report = targets.check(targets.load(EXAMPLES / "vietnam-provinces"))
    key = "de-share-grdp-20-2025-provinces[Hanoi]"
    assert report.explain(key).startswith(f"{key}: ")


def test_a_report_frame_can_be_compact() -> None:
    report = targets.check(targets.load(EXAMPLES / "vietnam-provinces"))
    full, compact = report.to_frame(), report.to_frame(detail="compact")
    assert list(compact.index) == list(full.index)
    assert list(compact["entity"]) == list(full["entity"])
    assert list(compact["status"].astype(str)) == list(full["status"].astype(str))


def test_a_report_with_no_results_says_so() -> None:
    report = targets.check(targets.load(EXAMPLES / "vietnam-digital"), select=["status:missed"])
    assert len(report) > 0  # the example has missed targets; none is left once excluded too
    empty = targets.check(
        targets.load(EXAMPLES / "vietnam-digital"), select=["status:missed"], exclude=["*"]
    )
    assert repr(empty).endswith(": no results>")
