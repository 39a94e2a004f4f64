"""Huge pages for numpy in a large run only, and only where the command chose the page size
(`targets._memory`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

import targets
from targets import _memory
from targets.rules import _early

Write = Callable[[dict[str, str]], Path]

_multiarray = np._core.multiarray  # type: ignore[attr-defined]


@pytest.fixture
def huge_pages() -> Iterator[Callable[[], bool]]:
    """Whether numpy asks for huge pages, read after the test; numpy's setting restored."""
    before = _multiarray._get_madvise_hugepage()
    _multiarray._set_madvise_hugepage(False)
    yield _multiarray._get_madvise_hugepage
    _multiarray._set_madvise_hugepage(before)


def test_the_command_chooses_small_pages_only_where_the_environment_has_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_memory, "_ours", False)
    monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", "1")
    _memory.small_pages()
    assert _memory._ours is False
    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE")
    _memory.small_pages()
    assert _memory._ours is True
    assert os.environ["NUMPY_MADVISE_HUGEPAGE"] == "0"


@pytest.mark.parametrize(
    ("ours", "figures", "expected"),
    [
        (True, _memory.HUGE_PAGES_FROM - 1, False),
        (True, _memory.HUGE_PAGES_FROM, True),
        (False, _memory.HUGE_PAGES_FROM * 10, False),  # a program's or user's own choice
    ],
)
def test_huge_pages_are_asked_for_from_the_threshold_where_the_choice_is_ours(
    monkeypatch: pytest.MonkeyPatch,
    huge_pages: Callable[[], bool],
    ours: bool,
    figures: int,
    expected: bool,
) -> None:
    monkeypatch.setattr(_memory, "_ours", ours)
    _memory.holding(figures)
    assert huge_pages() is expected


def test_the_reader_counts_the_rows_of_every_columnar_file_together(
    write: Write,
    programme_text: str,
    monkeypatch: pytest.MonkeyPatch,
    huge_pages: Callable[[], bool],
) -> None:
    # two files of 3 rows: neither reaches a threshold of 5, both together do
    monkeypatch.setattr(_memory, "_ours", True)
    monkeypatch.setattr(_memory, "HUGE_PAGES_FROM", 5)
    monkeypatch.setattr(_early, "COLUMNAR_FROM", 0)
    rows = "".join(f"firms,{year},{1000 * year},firm\n" for year in (2020, 2021, 2022))
    header = "metric,period,value,unit\n"
    root = write({"p.yaml": programme_text, "a.csv": header + rows})
    targets.load(root)
    assert huge_pages() is False
    (root / "b.csv").write_text(header + rows.replace("202", "201"), encoding="utf-8")
    targets.load(root)
    assert huge_pages() is True
