"""A deadline that does not come after its base year is said where the base was written.

`rules/_fit.py` reads what each kind of target needs once per class (`_kind_of`); these
pin what it then says of each kind's dates, and where.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import targets

Write = Callable[[dict[str, str]], Path]

HEAD = """\
programme: {name: P, base: 2020}
metrics: [{id: m, name: M, unit: firm, direction: higher}]
targets:
"""


@pytest.mark.parametrize(
    ("target", "key", "deadline", "base"),
    [
        # the target's own base: said at its 'base'
        ("{id: t, metric: m, at_least: 5, base: 2031, by: 2030}", "base", "2030", "2031"),
        # the programme's base: said at the target's 'by'
        ("{id: t, metric: m, at_least: 5, by: 2019}", "by", "2019", "2020"),
        ("{id: t, metric: m, at_least: 5, by: 2020-Q1}", "by", "2020-Q1", "2020"),
        ("{id: t, metric: m, trend: increase, base: 2031, by: 2030}", "base", "2030", "2031"),
        # milestones: said at 'milestones', of the first one's date
        (
            "{id: t, metric: m, milestones: [{by: 2019, at_least: 1}, {by: 2030, at_least: 2}]}",
            "milestones",
            "2019",
            "2020",
        ),
    ],
)
def test_a_deadline_before_its_base_is_said_where_the_base_was_written(
    write: Write, target: str, key: str, deadline: str, base: str
) -> None:
    root = write({"p/rules.yaml": HEAD + f"  - {target}\n"})
    column = len("  - ") + target.index(f" {key}: ") + len(f" {key}: ") + 1  # its value's
    (found,) = (str(d) for d in targets.validate(root / "p"))
    assert found.endswith(
        f"rules.yaml:4:{column}: the deadline {deadline} is not after the base year {base}"
    ), found


@pytest.mark.parametrize(
    "target",
    [
        # a relative target's base is the year it is relative to, not 'base' nor the programme's
        "{id: t, metric: m, relative_to: 2021, factor: 2, base: 2031, by: 2030}",
        "{id: t, metric: m, relative_to: 2022, change: '+5 %', by: 2023}",
        # no deadline: nothing to compare
        "{id: t, metric: m, trend: increase, base: 2031}",
    ],
)
def test_targets_whose_dates_fit_say_nothing_of_them(write: Write, target: str) -> None:
    root = write({"p/rules.yaml": HEAD + f"  - {target}\n"})
    assert targets.validate(root / "p") == ()
