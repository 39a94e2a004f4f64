"""Growth-rate targets judged in bulk: `engine.assess_growth_batch` on every pair at once.

"Grow 10 % a year from 2021 to 2025", declared for every province: judged the per-series
way, sixty thousand of them took 77 s and 1.3 GB. A growth rate is judged period by
period, not as a level, so it has a batch function of its own; its result carries no
level `Assessment`, so no chance (the per-series result's is None) and no projection.
"""

from __future__ import annotations

import numpy as np

from targets.engine import GROWTH_LABELS, assess_growth_batch
from targets.judge._bulk import HEADLINE, OWN, Bulk, Group, Members, latest_rows, pair_rows
from targets.judge._bulk_chance import no_reading
from targets.judge._rows import RowIndex
from targets.judge._run import Run
from targets.rules._table import Ints
from targets.rules._targets import GrowthTarget

__all__ = ["judge_growth", "rate_and_start"]


def rate_and_start(target: GrowthTarget) -> tuple[float, float, bool]:
    """A growth target's rate (a fraction), the year its first period starts after (NaN:
    the year before its deadline) and whether it asks for growth (at least) rather than a
    fall (at most), as the per-series path gives them to `assess_growth_rate`."""
    start = target.from_.time - 1 if target.from_ is not None else np.nan
    if target.growth.at_most is not None:
        return target.growth.at_most.fraction, start, False
    low = target.growth.low
    assert low is not None  # at_least (the model refuses a band)
    return low.fraction, start, True


def judge_growth(
    run: Run,
    index: RowIndex,
    group: Group,
    members: Members,
    *,
    chosen: Ints,
    start: Ints,
    count: Ints,
) -> Bulk:
    """One `assess_growth_batch` call: every member pair of one set of thresholds."""
    table = run.programme.table
    n, series, facts = members.at.size, members.series, members.facts
    local, rows, sizes = pair_rows(series, chosen, start, count)
    increase = np.where(facts[:, 5] == 1.0, 1.0, -1.0)
    rate, end = facts[:, OWN], facts[:, 1]
    result = assess_growth_batch(
        local,
        index.time[rows],
        table.low[rows],
        rate=rate,
        target_year=end,
        start_year=facts[:, OWN + 1],
        direction=increase,
        as_of=np.nan if run.as_of_time is None else run.as_of_time,
        thresholds=dict(group[1]),
    )
    numbers = {name: np.full(n, np.nan) for name in HEADLINE}
    numbers.update(
        target_year=end,
        latest_year=result.latest_year,
        latest_value=result.latest_value,
        growth_actual=result.recent,
        growth_required=rate,
        growth_required_now=rate,
        ratio=result.ratio,
        progress=result.ratio,
    )
    chance = no_reading(members.at, increase, group[0])  # no level Assessment, no chance
    return Bulk(
        pairs=members.at,
        status=result.status,
        method_status=[GROWTH_LABELS[c] for c in result.method_status.tolist()],
        methods=[group[0]] * n,
        projection=[None] * n,
        numbers=numbers,
        latest_row=latest_rows(
            local, index.time[rows], rows, result.latest_year, np.cumsum(sizes) - 1
        ),
        chance=(chance,),
    )
