"""Plain-language paragraphs: readable numbers, growth in per cent, years as integers."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from targets.engine._status import Status

if TYPE_CHECKING:
    from targets.engine._result import Assessment


def number(x: float, sig: int | None = None) -> str:
    """Thousands separators; ``sig`` significant digits for derived numbers (projections)."""
    if sig is not None and x != 0:
        x = round(x, sig - 1 - math.floor(math.log10(abs(x))))
    if float(x).is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{sig or 4}g}"


format_number = number
"""Public name (``targets.engine.format_number``): reports format numbers as explanations do."""


def percent(rate: float) -> str:
    return f"{abs(rate) * 100:.1f} %"


def year(y: float) -> str:
    return str(int(y)) if float(y).is_integer() else f"{y:.2f}"


def status_text(status: Status, method: str, label: str) -> str:
    own = label.replace("_", " ")
    common = status.value.replace("_", " ")
    return common if own == common else f"{common} ({method}: {own})"


def _change(rate: float, linear: bool, unit: str | None) -> tuple[str, str]:
    """("growth of 5.0 %" / "rise of 4 firms", "grew 5.0 %" / "rose 4 firms") for a rate."""
    if linear:
        size = number(abs(rate), 3) + (f" {unit}" if unit else "")
        return ("a rise of " if rate >= 0 else "a fall of ") + size, (
            "rose " if rate >= 0 else "fell "
        ) + size
    if rate >= 0:
        return f"{percent(rate)} growth", f"grew {percent(rate)}"
    return f"a {percent(rate)} fall", f"fell {percent(rate)}"


def explain_assessment(a: Assessment, *, unit: str | None, name: str | None) -> str:
    def v(x: float, sig: int | None = None) -> str:
        return number(x, sig) + (f" {unit}" if unit else "")

    linear = a.projection == "linear"
    parts: list[str] = []
    t, v_t, deadline, target = a.latest_year, a.latest_value, a.target_year, a.target
    if t is not None and v_t is not None and target is not None and deadline is not None:
        need = a.growth_required_now_linear if linear else a.growth_required_now
        if a.status in (Status.ACHIEVED, Status.MISSED):
            verb = "meets" if a.status is Status.ACHIEVED else "falls short of"
            parts.append(
                f"at {v(v_t)} ({year(t)}), {verb} the target of {v(target)} by {year(deadline)}"
            )
        elif need is not None:
            span = deadline - t
            if span < 1:  # an annual rate over a fraction of a year misleads: say the total
                need = (target - v_t) if linear or v_t == 0 else target / v_t - 1
                how = f"in {span:.2g} of a year"
            else:
                how = "in one year" if span == 1 else f"a year for {year(span)} years"
            parts.append(
                f"needs {_change(need, linear or v_t == 0, unit)[0]} {how}, from {v(v_t)} "
                f"({year(t)}) to {v(target)} by {year(deadline)}"
            )
    elif t is not None and v_t is not None:
        parts.append(f"at {v(v_t)} ({year(t)})")
    b = a.base_year
    done = a.growth_actual_linear if linear or a.growth_actual is None else a.growth_actual
    if b is not None and t is not None and t > b and done is not None:
        as_linear = linear or a.growth_actual is None
        parts.append(f"{_change(done, as_linear, unit)[1]} a year since {year(b)}")
    ahead = t is not None and deadline is not None and t < deadline
    if a.projected is not None and deadline is not None and target is not None and ahead:
        text = f"the {a.projection} trend reaches {v(a.projected, 3)} by {year(deadline)}"
        if a.reach_year is not None:
            text += f" and {v(target)} in {year(math.ceil(a.reach_year))}"
        elif a.status is not Status.ACHIEVED:
            text += f" and never reaches {v(target)}"
        parts.append(text)
    for year_, value in a.forecasts:
        parts.append(f"a forecast (not counted) puts it at {v(value)} in {year(year_)}")
    verdict = status_text(a.status, a.method, a.method_status)
    if a.reason:
        verdict += f": {a.reason}"
    parts.append(verdict)
    text = "; ".join(parts)
    return f"{name}: {text}" if name else text
