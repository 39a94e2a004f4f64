"""The library's twins of the command, given arguments of the wrong kind: each raises the
project's own exception type with a message that says what was expected, never a bare
TypeError, AttributeError or KeyError from deep inside."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

import targets
from targets.judge import Gate


@pytest.mark.parametrize(
    ("paths", "said"),
    [
        ((None,), "a path is text or a path object, not NoneType None"),
        (
            (["a", "b"],),
            "a path is text or a path object, not list ['a', 'b']: give each path as an "
            "argument, load(*paths)",
        ),
        ((b"examples",), "a path is text or a path object, not bytes b'examples'"),
        (("exa\x00mples",), "'exa\\x00mples' is no path: it holds a NUL byte"),
    ],
    ids=["none", "list", "bytes", "nul"],
)
def test_load_refuses_what_is_no_path_with_a_load_error(paths: tuple[Any, ...], said: str) -> None:
    with pytest.raises(targets.LoadError) as caught:
        targets.load(*paths)
    assert [d.message for d in caught.value.diagnostics] == [said]


@pytest.mark.parametrize("programme", [None, 5, 2.5])
def test_check_refuses_a_programme_that_is_neither_one_nor_paths(programme: Any) -> None:
    with pytest.raises(targets.CheckError, match="programme is a Programme, a path or a list"):
        targets.check(programme)


@pytest.mark.parametrize("year", [1700, 2400])
def test_an_as_of_date_object_off_the_time_axis_is_an_as_of_error(
    example_programme: targets.Programme, year: int
) -> None:
    for day in (dt.date(year, 1, 1), dt.datetime(year, 1, 1, 12)):
        with pytest.raises(targets.AsOfError, match=f"as_of: year {year} is outside 1800-2300"):
            targets.check(example_programme, as_of=day)


def test_one_select_pattern_given_as_a_string_is_one_pattern(
    example_programme: targets.Programme,
) -> None:
    given = targets.check(example_programme, select="dt-firms-*")
    listed = targets.check(example_programme, select=["dt-firms-*"])
    assert [r.key for r in given.results] == [r.key for r in listed.results]
    assert given.results


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"select": [None]}, "select: a pattern is text, not NoneType None"),
        ({"select": 5}, "select is a pattern or a list of them, not int"),
        ({"exclude": [b"x"]}, "exclude: a pattern is text, not bytes b'x'"),
    ],
)
def test_a_pattern_that_is_no_text_is_a_selection_error(
    example_programme: targets.Programme, options: dict[str, Any], said: str
) -> None:
    with pytest.raises(targets.SelectionError) as caught:
        targets.check(example_programme, **options)
    assert str(caught.value) == said


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda: Gate(fail_on="bogus"), "fail_on is one of achieved, on_track"),
        (lambda: Gate(on_change="bogus"), "on_change is 'worse' or 'any', not 'bogus'"),
        (lambda: Gate(chance_below="0.5"), "chance_below must lie between 0 and 1, got '0.5'"),  # type: ignore[arg-type]
        (lambda: Gate(chance_below=float("nan")), "chance_below must lie between 0 and 1"),
    ],
    ids=["fail-on", "on-change", "chance-text", "chance-nan"],
)
def test_a_gate_refuses_what_it_cannot_gate_on_when_made(
    make: Callable[[], Gate], said: str
) -> None:
    with pytest.raises(targets.CheckError, match=said.replace("(", r"\(")):
        make()


def test_a_report_rendered_with_an_unknown_status_gate_raises_a_check_error(
    example_report: targets.Report,
) -> None:
    with pytest.raises(targets.CheckError, match="not 'bogus'"):
        example_report.to_sarif(fail_on="bogus")
