"""Milestone targets judged in bulk: each milestone a level target, one of them driving.

"20 % by 2025 and 30 % by 2030", declared for every province, is the commonest shape of a
national programme's target. `assess_milestones` judges each milestone as a level target
and lets one drive the verdict; judged the per-series way, sixty thousand of them took
166 s and 2.2 GB. Here every milestone of every pair goes to one batch call (a member a
milestone), `driving_milestones` picks each pair's driver from those verdicts, and the
drivers are judged again as plain level targets: the driver's verdict is the pair's, its
numbers, figures and chance included.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from targets.engine import driving_milestones, is_met_batch, resolve_thresholds
from targets.judge._bulk import OWN, Bulk, Group, Members
from targets.judge._kinds import milestone_steps
from targets.judge._rows import RowIndex
from targets.judge._run import Run
from targets.rules._table import Floats, Ints
from targets.rules._targets import MilestonesTarget

__all__ = ["MILESTONES", "judge_milestones", "schedule"]

MILESTONES = OWN
"""The facts' column of a milestone target's count of milestones; each milestone's year
and level follow it, two columns each (`schedule`)."""


def schedule(target: MilestonesTarget, direction: str) -> tuple[float, ...]:
    """What a milestone target adds to the facts: its count of milestones, then each
    one's year and level (`milestone_steps`)."""
    steps = milestone_steps(target, direction)
    return (float(len(steps)), *(number for step in steps for number in step))


def judge_milestones(
    run: Run,
    index: RowIndex,
    group: Group,
    members: Members,
    judge: Callable[[Members], Bulk],
    *,
    chosen: Ints,
    start: Ints,
    count: Ints,
) -> Bulk:
    """Milestone targets of one method and set of thresholds (`group`): every milestone
    judged (`judge`, one batch call), then each pair's driving milestone (`judge` again)."""
    facts = members.facts
    many = facts[:, MILESTONES].astype(np.int64)
    owner = np.repeat(np.arange(members.at.size), many)
    slot = np.arange(owner.size) - np.repeat(np.cumsum(many) - many, many)
    when = facts[owner, MILESTONES + 1 + 2 * slot]
    level = facts[owner, MILESTONES + 2 + 2 * slot]
    each = judge(_at(members[owner], when, level))
    higher = facts[owner, 5] == 1.0
    thresholds = resolve_thresholds(group[0], dict(group[1]))
    latest = each.numbers["latest_value"]
    met = is_met_batch(group[0], latest, level, np.where(higher, 1.0, -1.0), thresholds)
    now = _evaluation_years(run, members.series, index.time[chosen], start=start, count=count)
    driver = driving_milestones(owner, when, each.status, met, now)
    return judge(_at(members, when[driver], level[driver]))


def _at(members: Members, when: Floats, level: Floats) -> Members:
    """`members` as level targets of these years and levels."""
    facts = members.facts.copy()
    facts[:, 0], facts[:, 1] = level, when
    return Members(members.at, members.series, members.group, facts)


def _evaluation_years(run: Run, series: Ints, time: Floats, *, start: Ints, count: Ints) -> Floats:
    """Each pair's evaluation year, as `assess` resolves it: as_of, else the year of its
    series' latest figure chosen (`time`: the chosen figures', series by series)."""
    if run.as_of_time is not None:
        return np.full(series.size, run.as_of_time)
    latest = np.maximum.reduceat(time, start[count > 0])
    every = np.full(count.size, np.nan)
    every[count > 0] = latest
    return every[series]
