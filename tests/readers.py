"""Which of the two CSV readers a test's files take: both give the same figures and the
same problems, and many tests hold them to it."""

from __future__ import annotations

import pytest

from targets.rules import _early


def read_by(monkeypatch: pytest.MonkeyPatch, *, columnar: bool) -> None:
    """Send every CSV file to the columnar reader, whatever its size, or every one to the
    row-by-row reader (a file whose header lacks a column of ours aside)."""
    monkeypatch.setattr(_early, "COLUMNAR_FROM", 0 if columnar else 2**62)
