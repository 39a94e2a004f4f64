"""Shared fixtures: a small valid programme to start each test from."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

PROGRAMME = """\
programme:
  name: Test programme
  issuer: Test government
  base: 2019
sources:
  - id: src
    publisher: Test ministry
    date: 2025-01-24
    url: https://example.org/report
metrics:
  - id: firms
    name: Digital technology firms
    unit: firm
    direction: higher
  - id: revenue
    name: ICT revenue
    unit: USD billion
    direction: higher
  - id: share
    name: Digital economy share of GDP
    unit: "%"
    direction: higher
    limit: 100
  - id: gci
    name: Cybersecurity index rank
    unit: rank
  - id: hub
    name: Semiconductor hub
    unit: yes/no
targets:
  - id: firms-2025
    metric: firms
    at_least: 100000
    by: 2025
    source: src
    quote: 100,000 firms by 2025.
  - id: revenue-2022
    metric: revenue
    at_least: USD 148,500 million
    by: 2022
  - id: gci-30
    metric: gci
    top: 30
    by: 2030
  - id: hub-2030
    metric: hub
    done: yes
    by: 2030
figures:
  - {metric: firms, period: 2019, value: 45600, unit: firm, source: src}
  - {metric: firms, period: 2024, value: 73788, unit: firm, source: src}
  - {metric: revenue, period: 2021, value: "136,200", unit: USD million, source: src}
  - {metric: gci, period: 2020, value: 25, unit: rank, source: src}
"""

Write = Callable[[dict[str, str]], Path]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write ``{relative name: text}`` into a fresh directory and return the directory."""

    def _write(files: dict[str, str]) -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return _write


@pytest.fixture
def programme_text() -> str:
    """A small valid programme: five metrics, four targets, four figures."""
    return PROGRAMME
