"""Hostile input never crashes: whatever the bytes, loading gives a programme or diagnostics."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import targets
from targets.rules._files import read_csv
from targets.rules._yaml_events import load_yaml

from .conftest import PROGRAMME

LINES = PROGRAMME.splitlines()
FRAGMENTS = [
    "&a ",
    "*a",
    "!!python/object ",
    "{",
    "}",
    "[",
    "]",
    ": ",
    "- ",
    "\t",
    "'",
    '"',
    "---",
    ".nan",
    ".inf",
    "1e999",
    "-",
    "2011-12",
    "0x1F",
    "yes",
    "~",
    "\x00",
    "\u202e",
    "#",
    "?",
    "USD 9**9**9",
    "$",
    "%",
    "..",
    "by: 1800",
    "top: 0",
    "at_least: -1",
    "metric: nope",
    "value: 4-",
    "value: [1]",
    "unit: m",
    "period: 2024-Q5",
    "change: +7 %",
    "since: 2030",
]


@st.composite
def mutated_programme(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "insert", "cut", "indent"]))
        if action == "drop":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "insert":
            at = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + draw(st.sampled_from(FRAGMENTS)) + lines[index][at:]
        elif action == "cut":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
        else:
            lines[index] = " " + lines[index]
    return "\n".join(lines) + "\n"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=mutated_programme())
def test_a_mutated_programme_loads_or_lists_its_problems(tmp_path: Path, text: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    diagnostics = targets.validate(path)
    for diagnostic in diagnostics:
        assert diagnostic.location.line >= 1
        assert diagnostic.location.col >= 1
        assert diagnostic.message
    if not any(d.severity == "error" for d in diagnostics):
        report = targets.check(path)  # a valid programme is always judged, never crashes
        assert len(report) == len(targets.load(path).targets)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_or_gives_positioned_problems(text: str) -> None:
    # The behaviour pinned: no exception escapes, and every refusal points at a real line.
    _doc, problems = load_yaml(text, "f.yaml")
    assert all(1 <= p.location.line <= len(text.splitlines()) + 1 for p in problems)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list('metric,period,value,unit"\n\r 0123456789.-%x')), max_size=200
    )
)
def test_any_csv_text_parses_or_gives_positioned_problems(text: str) -> None:
    _doc, problems = read_csv(text, "f.csv")
    assert all(1 <= p.location.line <= len(text.splitlines()) + 1 for p in problems)
