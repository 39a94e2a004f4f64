"""The bulk path's chunks: split by their figures, judged on threads, joined in order."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from targets.judge import _spread


def test_chunks_add_up_to_about_the_most_figures_and_a_large_series_stands_alone() -> None:
    sizes = np.array([3, 3, 3, 10, 1, 1], dtype=np.int64)
    assert _spread.chunks(sizes, 6) == [(0, 2), (2, 3), (3, 4), (4, 6)]
    assert _spread.chunks(np.zeros(0, dtype=np.int64), 6) == []


def test_each_chunk_is_judged_once_and_the_results_come_in_the_chunks_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_spread, "_cores", lambda: 2)
    seen: list[tuple[int, str]] = []

    def judged(number: int) -> int:
        time.sleep(0.002 * (6 - number))  # the first chunks finish last
        seen.append((number, threading.current_thread().name))
        return number * 10

    assert _spread.each(judged, 6) == [0, 10, 20, 30, 40, 50]
    assert sorted(n for n, _ in seen) == list(range(6))
    assert {name for _, name in seen} <= {"targets-judge_0", "targets-judge_1"}


def test_one_core_or_one_chunk_judges_on_the_callers_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names: list[str] = []

    def judged(number: int) -> int:
        names.append(threading.current_thread().name)
        return number

    monkeypatch.setattr(_spread, "_cores", lambda: 1)
    assert _spread.each(judged, 3) == [0, 1, 2]
    monkeypatch.setattr(_spread, "_cores", lambda: 2)
    assert _spread.each(judged, 1) == [0]
    assert set(names) == {threading.current_thread().name}


def test_an_error_in_a_chunk_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_spread, "_cores", lambda: 2)

    def judged(number: int) -> int:
        if number == 2:
            raise ZeroDivisionError("a bug in one chunk")
        return number

    with pytest.raises(ZeroDivisionError, match="a bug in one chunk"):
        _spread.each(judged, 4)
