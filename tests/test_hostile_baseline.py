"""A baseline is an earlier run's JSON report, and may come from anywhere: the keys it
holds are printed by every report that lists changes, so a target that is no id is
refused as our own rules refuse it, and an entity no longer than a rule's text."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import targets


@pytest.fixture(scope="module")
def earlier(example_report: targets.Report) -> dict[str, Any]:
    return example_report.to_dict()


def _with(earlier: dict[str, Any], **changed: Any) -> dict[str, Any]:
    baseline = copy.deepcopy(earlier)
    baseline["results"].append({**baseline["results"][0], **changed})
    return baseline


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        ("x" * 5000, "'" + "x" * 56 + "..."),
        ("gone\n::error::forged", "'gone\\n::error::forged'"),
        ("gone\n", "'gone\\n'"),
        ("", "''"),
    ],
    ids=["huge", "forged", "trailing-newline", "empty"],
)
def test_a_baseline_target_that_is_no_id_is_refused(
    example_programme: targets.Programme, earlier: dict[str, Any], target: str, shown: str
) -> None:
    baseline = _with(earlier, target=target)
    with pytest.raises(targets.BaselineError) as caught:
        targets.check(example_programme, baseline=baseline)
    index = len(baseline["results"])
    assert f"result {index}: the target {shown} is no id: an id is 1 to 80" in str(caught.value)


def test_a_baseline_entity_longer_than_any_name_is_refused(
    example_programme: targets.Programme, earlier: dict[str, Any]
) -> None:
    baseline = _with(earlier, target="gone", entity="e" * 4001)
    with pytest.raises(targets.BaselineError, match=r"the entity 'eeee.*\.\.\. is no name"):
        targets.check(example_programme, baseline=baseline)


def test_a_baseline_of_ids_and_names_still_reads(
    example_programme: targets.Programme, earlier: dict[str, Any]
) -> None:
    baseline = _with(earlier, target="gone.id:2030_x", entity="\u2028::error::e " + "e" * 3000)
    report = targets.check(example_programme, baseline=baseline)
    assert any(c.kind == "removed" and c.target.startswith("gone") for c in report.changes or ())
