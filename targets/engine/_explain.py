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


def percent(rate: float) -> str:
    return f"{abs(rate) * 100:.1f} %"


def year(y: float) -> str:
    return str(int(y)) if float(y).is_integer() else f"{y:.2f}"


def status_text(status: Status, method: str, label: str) -> str:
    own = label.replace("_", " ")
    common = status.value.replace("_", " ")
    return common if own == common else f"{common} ({method}: {own})"


def explain_assessment(a: Assessment, *, unit: str | None, name: str | None) -> str:
    def v(x: float, sig: int | None = None) -> str:
        return number(x, sig) + (f" {unit}" if unit else "")

    parts: list[str] = []
    t, v_t, deadline, target = a.latest_year, a.latest_value, a.target_year, a.target
    if t is not None and v_t is not None and target is not None and deadline is not None:
        met = a.status is Status.ACHIEVED
        if met or a.status is Status.MISSED:
            verb = "meets" if met else "falls short of"
            parts.append(
                f"at {v(v_t)} ({year(t)}), {verb} the target of {v(target)} by {year(deadline)}"
            )
        elif a.growth_required_now is not None:
            g = a.growth_required_now
            span = deadline - t
            how = "in one year" if span == 1 else f"a year for {year(span)} years"
            need = f"{percent(g)} growth" if g >= 0 else f"a {percent(g)} fall"
            parts.append(
                f"needs {need} {how}, from {v(v_t)} ({year(t)}) to {v(target)} by {year(deadline)}"
            )
        elif a.growth_required_now_linear is not None:
            parts.append(
                f"needs {number(a.growth_required_now_linear, 3)} a year, from {v(v_t)} "
                f"({year(t)}) to {v(target)} by {year(deadline)}"
            )
    elif t is not None and v_t is not None:
        parts.append(f"at {v(v_t)} ({year(t)})")
    b = a.base_year
    if b is not None and t is not None and t > b:
        if a.growth_actual is not None:
            verb = "grew" if a.growth_actual >= 0 else "fell"
            parts.append(f"{verb} {percent(a.growth_actual)} a year since {year(b)}")
        elif a.growth_actual_linear is not None:
            parts.append(f"changed by {number(a.growth_actual_linear, 3)} a year since {year(b)}")
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
