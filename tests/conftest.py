"""Shared fixtures: a small valid programme to start each test from."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import targets

# Property tests check behaviour, not speed: a shared CI machine must not fail them on time.
settings.register_profile("targets", deadline=None)
settings.load_profile("targets")

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


@pytest.fixture(scope="session", autouse=True)
def bulk_however_small() -> Iterator[None]:
    """Every programme the suite checks is judged in bulk, however small: `check` leaves
    fewer than `BULK_FROM` pairs to the per-series path, and the tests that hold the two
    paths equal are built on small programmes. `test_bulk_size` pins the size rule."""
    from targets.judge import _check  # noqa: PLC0415 - the module whose constant this is

    was, _check.BULK_FROM = _check.BULK_FROM, 0
    yield
    _check.BULK_FROM = was


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


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"


@pytest.fixture(scope="session")
def example_programme() -> targets.Programme:
    """The Vietnam example, loaded once per test session (a frozen programme: read only)."""
    return targets.load(EXAMPLE)


@pytest.fixture(scope="session")
def example_report(example_programme: targets.Programme) -> targets.Report:
    """The Vietnam example checked once per test session (a frozen report: read only)."""
    return targets.check(example_programme)


@pytest.fixture(scope="session")
def results_validator() -> Any:
    """The JSON report's schema, as a validator built once."""
    import jsonschema  # noqa: PLC0415 - a test dependency only the JSON tests need

    return jsonschema.Draft202012Validator(targets.json_schema(results=True))


@pytest.fixture(scope="session")
def rules_validator() -> Any:
    """The schema of rules and figures files, as a validator built (and checked) once."""
    import jsonschema  # noqa: PLC0415 - a test dependency only the schema tests need

    schema = targets.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        help="Run the fuzz tests (tests/fuzz) long: at least 10,000 cases (see TARGETS_FUZZ_*).",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--fuzz-long"):
        os.environ["TARGETS_FUZZ_LONG"] = "1"
