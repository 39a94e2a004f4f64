"""Periods on the time axis: the one convention, and refusals instead of guesses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.rules._periods import PeriodError, parse_date, parse_period


@pytest.mark.parametrize(
    ("text", "time", "granularity", "label"),
    [
        (2024, 2024.0, "year", "2024"),
        ("2024", 2024.0, "year", "2024"),
        ("2015-16", 2015.0, "span", "2015-16"),
        ("2015/16", 2015.0, "span", "2015-16"),
        ("2015-2017", 2015.0, "span", "2015-2017"),
        ("1999/00", 1999.0, "span", "1999-00"),
        ("2024-Q3", 2024.5, "quarter", "2024-Q3"),
        ("2024Q1", 2024.0, "quarter", "2024-Q1"),
        ("2024-04", 2024.25, "month", "2024-04"),
        ("2011-M12", 2011 + 11 / 12, "month", "2011-12"),
        ("2024-07-02", 2024 + 183 / 366, "date", "2024-07-02"),
        ("2023-01-01", 2023.0, "date", "2023-01-01"),
    ],
)
def test_periods_stand_at_their_start_in_years(
    text: object, time: float, granularity: str, label: str
) -> None:
    period = parse_period(text)
    assert period.time == pytest.approx(time)
    assert period.granularity == granularity
    assert period.label == label


def test_a_date_object_is_a_date_period() -> None:
    assert parse_period(dt.date(2025, 1, 24)).label == "2025-01-24"


@pytest.mark.parametrize("text", ["2011-12", "2009-10", "2000-01"])
def test_month_or_span_ambiguity_is_refused_with_both_spellings(text: str) -> None:
    with pytest.raises(PeriodError, match="could be a month or the span"):
        parse_period(text)


@pytest.mark.parametrize(
    "value", ["2024-13", "2024-02-30", "20245", "last year", 2024.5, True, "2016-15", 99999]
)
def test_what_is_not_a_period_is_refused(value: object) -> None:
    with pytest.raises(PeriodError):
        parse_period(value)


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("2024", "2023"),
        ("2024-Q1", "2023-Q4"),
        ("2024-01", "2023-12"),
        ("2015-16", "2014-15"),
        ("2015-2017", "2012-2014"),
    ],
)
def test_the_previous_period_has_the_same_length(text: str, previous: str) -> None:
    prior = parse_period(text).previous()
    assert prior is not None
    assert prior.label == previous


def test_a_single_date_has_no_previous_period() -> None:
    assert parse_period("2024-07-02").previous() is None


def test_publication_dates_known_to_the_month_count_from_its_last_day() -> None:
    assert parse_date("2024-02").last_day == dt.date(2024, 2, 29)
    assert parse_date("2024").last_day == dt.date(2024, 12, 31)
    with pytest.raises(PeriodError):
        parse_date("2024-Q1")


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2300, 12, 31)))
def test_dates_fall_inside_their_year_and_keep_their_order(day: dt.date) -> None:
    period = parse_period(day)
    assert day.year <= period.time < day.year + 1
    later = day + dt.timedelta(days=1)
    if later.year <= 2300:
        assert parse_period(later).time > period.time


@pytest.mark.parametrize(
    ("text", "year"), [("2301", "2301"), ("1799-05", "1799"), ("2400-01-02", "2400")]
)
def test_a_date_of_a_year_off_the_axis_is_said_to_be_so_not_to_be_no_date(
    text: str, year: str
) -> None:
    # '2301' was "not a date; write 2024-07-02, 2024-07 or 2024", which it is
    with pytest.raises(PeriodError, match=f"^year {year} is outside 1800-2300$"):
        parse_date(text)
