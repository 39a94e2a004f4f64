"""Rules judged for each entity, written so a target would leave the gate without a word:
an empty ``for_each``, an ``all`` or ``all_but`` that leaves no entity, an override's
band written high to low. Each is refused or said when loading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import targets

Write = Callable[[dict[str, str]], Path]

HEAD = """\
programme: {name: P}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics:
  - {id: m, name: M, unit: firm, direction: higher}
  - {id: n, name: N, unit: firm, direction: higher}
figures:
  - {metric: m, entity: A, period: 2020, value: 50, unit: firm}
  - {metric: m, entity: B, period: 2024, value: 70, unit: firm}
  - {metric: n, period: 2020, value: 50, unit: firm}
targets:
"""


def _problems(write: Write, target: str) -> list[str]:
    folder = write({"p/p.yaml": HEAD + target}) / "p"
    with pytest.raises(targets.LoadError) as caught:
        targets.load(folder)
    return [f"{d.location.line}:{d.location.col}: {d.message}" for d in caught.value.diagnostics]


def _warnings(write: Write, target: str) -> list[str]:
    folder = write({"p/p.yaml": HEAD + target}) / "p"
    programme = targets.load(folder)
    return [f"{d.location.line}:{d.location.col}: {d.message}" for d in programme.warnings]


def test_an_empty_for_each_list_is_refused(write: Write) -> None:
    target = "  - {id: t, metric: m, for_each: [], at_least: 100, by: 2030}\n"
    assert _problems(write, target) == ["11:34: 'for_each': expected at least 1 items, got 0"]


def test_an_override_s_band_written_high_to_low_is_refused_at_it(write: Write) -> None:
    target = (
        "  - {id: t, metric: m, for_each: all, between: [10, 20], by: 2030,\n"
        "     overrides: {A: {between: [30, 5]}}}\n"
    )
    assert _problems(write, target) == ["12:31: a band goes from low to high; got 30 to 5"]


@pytest.mark.parametrize(
    ("for_each", "said"),
    [
        ("all", "no figure of its metric 'n' names an entity"),
        ("{all_but: [A]}", "no figure of its metric 'n' names an entity"),
    ],
)
def test_a_target_for_each_entity_of_a_metric_without_entities_is_a_warning(
    write: Write, for_each: str, said: str
) -> None:
    target = f"  - {{id: t, metric: n, for_each: {for_each}, at_least: 100, by: 2030}}\n"
    assert _warnings(write, target) == [f"11:34: target 't' is judged for no entity: {said}"]


def test_all_but_every_entity_is_a_warning(write: Write) -> None:
    target = "  - {id: t, metric: m, for_each: {all_but: [A, B]}, at_least: 100, by: 2030}\n"
    assert _warnings(write, target) == [
        "11:34: target 't' is judged for no entity: 'all_but' leaves out every entity of "
        "its metric 'm'"
    ]


def test_all_but_some_entities_is_no_warning(write: Write) -> None:
    target = "  - {id: t, metric: m, for_each: {all_but: [A]}, at_least: 100, by: 2030}\n"
    assert _warnings(write, target) == []
