"""'Did you mean' hints stay bounded: a large programme and a file full of unknown names
are answered in bounded work, each pool prepared once, and still helpful where it is small.

A programme of sixty thousand metrics and a figures file naming three thousand unknown
ones took over five minutes to validate when every unknown name was compared with every
metric; these tests count the fuzzy comparisons instead of timing them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import targets
from targets.rules._suggest import FUZZY_POOL, FUZZY_WORDS, Suggestions
from tests.readers import read_by

Write = Callable[[dict[str, str]], Path]


@pytest.fixture
def fuzzy_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of the pool of each fuzzy match made."""
    calls: list[int] = []
    real = difflib.get_close_matches

    def counted(word: str, pool: Any, *args: Any, **kwargs: Any) -> list[str]:
        calls.append(len(pool))
        return real(word, pool, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    return calls


def test_a_small_pool_still_suggests_the_close_name() -> None:
    names = Suggestions(["dt-firms", "ict-revenue", "de-share"])
    assert names.hint("ict-revenu") == " (did you mean 'ict-revenue'?)"
    assert names.hint("DE-SHARE") == " (did you mean 'de-share'?)"
    assert names.hint("something-else") == ""


def test_fuzzy_matches_stop_after_a_bounded_number_of_words(fuzzy_calls: list[int]) -> None:
    names = Suggestions([f"metric-{i}" for i in range(100)])
    for i in range(FUZZY_WORDS * 3):
        names.hint(f"unknown-{i}")
    assert len(fuzzy_calls) == FUZZY_WORDS
    assert names.hint("METRIC-7") == " (did you mean 'metric-7'?)"  # still, regardless of case


def test_a_pool_too_large_for_difflib_is_matched_regardless_of_case_only(
    fuzzy_calls: list[int],
) -> None:
    names = Suggestions([f"m{i:06d}" for i in range(FUZZY_POOL + 1)])
    assert names.hint("M000042") == " (did you mean 'm000042'?)"
    assert names.hint("m00004") == ""
    assert fuzzy_calls == []


def _programme(metrics: int, unknown: int) -> tuple[str, list[str]]:
    rules = ["programme: {name: Many}", "metrics:"] + [
        f"  - id: m{i:05d}\n    name: M{i}\n    unit: firm\n    direction: higher"
        for i in range(metrics)
    ]
    rows = ["metric,period,value,unit"] + [f"x{i:05d},2020,{i},firm" for i in range(unknown)]
    return "\n".join(rules) + "\n", rows


@pytest.mark.parametrize("columnar", [True, False], ids=["columns", "rows"])
def test_thousands_of_unknown_metrics_among_thousands_cost_a_bounded_number_of_matches(
    write: Write, fuzzy_calls: list[int], monkeypatch: pytest.MonkeyPatch, columnar: bool
) -> None:
    read_by(monkeypatch, columnar=columnar)
    rules, rows = _programme(metrics=300, unknown=400)
    root = write({"p/rules.yaml": rules, "p/figures.csv": "\n".join(rows) + "\n"})
    with pytest.raises(targets.LoadError) as caught:
        targets.load(root / "p")
    unknown = [d for d in caught.value.diagnostics if "unknown metric" in d.message]
    assert len(unknown) == 400  # every problem is still said
    assert 0 < len(fuzzy_calls) <= FUZZY_WORDS  # and the 300 names prepared once
