"""Statuses, their gate order, method labels and threshold overrides."""

from __future__ import annotations

import pytest

from targets.engine import (
    DEFAULT_METHOD,
    DEFAULT_THRESHOLDS,
    METHOD_LABELS,
    METHODS,
    SEVERITY,
    Status,
    resolve_thresholds,
    worst,
)


def test_severity_order_for_gates() -> None:
    assert [s.value for s in SEVERITY] == [
        "achieved", "on_track", "at_risk", "off_track", "regressing", "missed",
    ]  # fmt: skip
    assert Status.OFF_TRACK.at_or_worse_than("at_risk")
    assert Status.AT_RISK.at_or_worse_than(Status.AT_RISK)
    assert not Status.ON_TRACK.at_or_worse_than("at_risk")
    assert Status.MISSED.at_or_worse_than("achieved")


def test_not_assessable_never_trips_a_gate_and_cannot_be_one() -> None:
    assert Status.NOT_ASSESSABLE.severity is None
    assert not any(Status.NOT_ASSESSABLE.at_or_worse_than(s) for s in SEVERITY)
    with pytest.raises(ValueError, match="outside the order"):
        Status.ON_TRACK.at_or_worse_than("not_assessable")


def test_worst_ignores_not_assessable_unless_alone() -> None:
    assert worst([Status.ON_TRACK, Status.NOT_ASSESSABLE, Status.AT_RISK]) is Status.AT_RISK
    assert worst([Status.NOT_ASSESSABLE]) is Status.NOT_ASSESSABLE
    assert worst([]) is Status.NOT_ASSESSABLE


def test_status_compares_equal_to_its_string() -> None:
    label: str = "on_track"
    assert label == Status.ON_TRACK


def test_every_method_has_defaults_and_the_published_labels() -> None:
    assert set(METHODS) == set(DEFAULT_THRESHOLDS) == set(METHOD_LABELS)
    assert METHOD_LABELS["destatis"] == (
        "sun", "sun_behind_cloud", "slightly_cloudy", "cloud", "thunderstorm", "suspended",
        "ended", "not_assessed",
    )  # fmt: skip
    assert DEFAULT_METHOD["rank"] == "sdsn"


def test_overrides_merge_with_defaults_and_unknown_names_are_refused() -> None:
    th = resolve_thresholds("statcan", {"substantial_progress": 1.0})
    assert th["substantial_progress"] == 1.0
    assert th["moderate_progress"] == 0.60
    with pytest.raises(ValueError, match="valid: limit_exponent, limited_progress"):
        resolve_thresholds("statcan", {"nonsense": 1.0})
    with pytest.raises(ValueError, match="finite"):
        resolve_thresholds("sdsn", {"on_track": float("nan")})


def test_default_tables_cannot_be_changed_by_accident() -> None:
    with pytest.raises(TypeError):
        DEFAULT_THRESHOLDS["statcan"]["zero_replacement"] = 1.0  # type: ignore[index]
