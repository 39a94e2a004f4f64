"""A baseline given to `targets.check` as an object is held to the shape a file is."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import targets
from targets.judge import _baseline

Write = Callable[[dict[str, str]], Path]

NOT_A_REPORT = (
    "not a targets JSON report (schema_version 1); write one with `targets check --json FILE`"
)
NOT_RESULTS = "its 'results' are not a list of target results"
STATUSES = "achieved, on_track, at_risk, off_track, regressing, missed, not_assessable"


@pytest.fixture
def programme(write: Write, programme_text: str) -> targets.Programme:
    return targets.load(write({"p.yaml": programme_text}))


@pytest.mark.parametrize(
    ("baseline", "message"),
    [
        ({}, NOT_A_REPORT),  # was KeyError: 'results'
        ({"schema_version": 1, "results": None}, NOT_RESULTS),  # was TypeError
        ({"schema_version": 1}, NOT_RESULTS),
        ({"schema_version": 1, "results": [["firms"]]}, NOT_RESULTS),
        ({"schema_version": 1, "results": [{"status": "achieved"}]}, NOT_RESULTS),
        (
            {"schema_version": 1, "results": [{"target": "t", "status": "great"}]},
            f"result 1: the status 'great' is none of {STATUSES}",
        ),
        (
            {"schema_version": 1, "results": [{"target": "t", "status": "missed", "entity": 5}]},
            "result 1: the entity 5 is no name",
        ),
        (  # listed twice: which status was the earlier run's? (a report lists each once)
            {
                "schema_version": 1,
                "results": [
                    {"target": "t", "status": "missed", "entity": "Hue"},
                    {"target": "t", "status": "missed"},
                    {"target": "t", "status": "achieved", "entity": "Hue"},
                ],
            },
            "result 3: the target 't[Hue]' is result 1 already",
        ),
    ],
)
def test_a_malformed_baseline_object_is_a_baseline_error_as_the_same_file_is(
    programme: targets.Programme, tmp_path: Path, baseline: dict[str, Any], message: str
) -> None:
    with pytest.raises(targets.BaselineError) as given:
        targets.check(programme, baseline=baseline)
    assert str(given.value) == f"the baseline: {message}"
    path = tmp_path / "base.json"
    path.write_text(json.dumps(baseline), encoding="utf-8")
    with pytest.raises(targets.BaselineError) as read:
        targets.check(programme, baseline=path)
    assert str(read.value) == f"{path}: {message}"


def test_a_baseline_object_that_is_no_mapping_is_a_baseline_error(
    programme: targets.Programme,
) -> None:
    with pytest.raises(targets.BaselineError, match="not a targets JSON report"):
        targets.check(programme, baseline=[])  # type: ignore[arg-type]


def test_a_well_formed_baseline_object_is_still_compared(programme: targets.Programme) -> None:
    report = targets.check(programme)
    assert targets.check(programme, baseline=report.to_dict()).changes == ()
    earlier = report.to_dict()
    earlier["results"] = [r for r in earlier["results"] if r["target"] != "firms-2025"]
    changes = targets.check(programme, baseline=earlier).changes
    assert changes is not None
    assert [(c.target, c.kind) for c in changes] == [("firms-2025", "new")]


def test_a_baseline_larger_than_a_rule_file_may_be_is_read(
    programme: targets.Programme, tmp_path: Path
) -> None:
    # The JSON report of 60,000 results is about 100 MB: a baseline is not held to the
    # 64 MiB of a rule file (it was refused: "file larger than 64 MiB; split it").
    report = targets.check(programme).to_dict()
    report["padding"] = "x" * (65 * 2**20)  # a key the comparison does not read
    path = tmp_path / "large.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    assert path.stat().st_size > 64 * 2**20
    assert targets.check(programme, baseline=path).changes == ()


def test_a_baseline_above_its_limit_is_refused_with_the_limit_and_no_advice_to_split_it(
    programme: targets.Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_baseline, "BASELINE_MAX_BYTES", 2 * 2**20)
    path = tmp_path / "large.json"
    path.write_text(json.dumps({"padding": "x" * (3 * 2**20)}), encoding="utf-8")
    with pytest.raises(targets.BaselineError) as refused:
        targets.check(programme, baseline=path)
    assert str(refused.value) == f"{path}: cannot read the baseline: file larger than 2 MiB"


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


_TEXTS = st.text(alphabet=st.sampled_from('ab"\\[]{}\n\u00e9\u2028'), max_size=8)
_JSON = st.recursive(
    st.none() | st.integers(-5, 5) | _TEXTS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXTS, inner, max_size=3),
    max_leaves=200,
)


@given(value=_JSON, ensure_ascii=st.booleans(), block=st.sampled_from([1 << 24, 1, 3, 7]))
def test_a_baselines_nesting_is_measured_as_deep_as_its_arrays_and_objects_nest(
    value: object, ensure_ascii: bool, block: int
) -> None:
    # Strings full of quotes, backslashes and brackets must not count as nesting, however
    # the text falls into blocks (a string or a run of brackets across two of them)
    text = json.dumps(value, ensure_ascii=ensure_ascii)
    whole = _baseline._BLOCK
    _baseline._BLOCK = block
    try:
        assert _baseline._nesting(text) == _depth(value)
    finally:
        _baseline._BLOCK = whole


def test_a_baseline_nested_one_level_too_deep_is_refused_where_it_goes_too_deep(
    programme: targets.Programme, tmp_path: Path
) -> None:
    path = tmp_path / "deep.json"
    limit = _baseline.MAX_DEPTH
    path.write_text('{"a": "[[[", "b": ' + "[" * limit + "]" * limit + "}", encoding="utf-8")
    # the object is level 1 and the first '[', at column 19, level 2: the 64th, at column
    # 82, is level 65 (the brackets in the string "[[[" are no nesting)
    with pytest.raises(targets.BaselineError, match=r":1:82: nested deeper than 64 levels"):
        targets.check(programme, baseline=path)
