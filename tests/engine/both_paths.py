"""One series judged by both paths, the scalar `assess` and the vectorised `assess_batch`,
checked to agree on the method's label and the common status: what the engine tests that
pin a label by hand ask of both."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from targets.engine import METHOD_LABELS, STATUS_CODES, Status, assess, assess_batch

__all__ = ["labelled"]

NAN = float("nan")


def labelled(
    years: Sequence[float],
    values: Sequence[float],
    *,
    method: str = "statcan",
    target: float | None = None,
    target_year: float | None = None,
    direction: str = "increase",
) -> tuple[str, Status]:
    """The label and status of ``assess``, checked equal to ``assess_batch``'s."""
    one = assess(
        years, values, target=target, target_year=target_year, direction=direction, method=method
    )
    many = assess_batch(
        np.zeros(len(years)),
        years,
        values,
        target=[NAN if target is None else target],
        target_year=[NAN if target_year is None else target_year],
        direction=direction,
        method=method,
    )
    batch = (METHOD_LABELS[method][many.method_status[0]], STATUS_CODES[many.status[0]])
    assert batch == (one.method_status, one.status), one.reason
    return one.method_status, one.status
