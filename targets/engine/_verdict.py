"""What a method sees (the context) and what it says (the verdict)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from targets.engine._growth import Growth, SignBreak, sign_break_text
from targets.engine._num import when
from targets.engine._series import Prepared
from targets.engine._status import NOT_ASSESSABLE_LABEL, Status
from targets.engine._step import Step

__all__ = ["Context", "Verdict", "compound_reason", "too_few", "trend_threat", "unavailable"]


@dataclass(frozen=True, slots=True)
class Context:
    """The points, the target and the shared growth quantities, as one method judges them.

    ``v_b`` and ``target`` are the values the method computes with (Statistics Canada replaces
    zeros); ``met`` compares the latest figure with the target as declared. ``broken`` is where
    the used series (base to latest) first leaves one sign, which compound growth cannot span.
    """

    prep: Prepared
    b: float
    v_b: float
    t: float
    v_t: float
    target: float | None
    target_year: float | None
    d: int
    met: bool
    thresholds: Mapping[str, float]
    limit: float | None
    growth: Growth
    broken: SignBreak | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """A method's label, the common status, and the numbers behind them.

    ``ratio`` is the quantity the label was graded on (None where the method decided without
    it, as for a met target); ``progress`` is the method's progress value, given also where the
    label did not need it (Statistics Canada publishes R for achieved series too).
    """

    method_status: str
    status: Status
    ratio: float | None = None
    score: float | None = None
    reason: str | None = None
    notes: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    progress: float | None = None


def unavailable(method: str, reason: str, *steps: Step) -> Verdict:
    return Verdict(NOT_ASSESSABLE_LABEL[method], Status.NOT_ASSESSABLE, reason=reason, steps=steps)


def too_few(c: Context) -> str:
    if len(c.prep.years) < 2:
        return "fewer than two years of data"
    return f"the base year {when(c.b)} is the latest year: no change to measure"


def compound_reason(c: Context, *, with_target: bool) -> str:
    """Why a compound rate the method needs is undefined."""
    if c.v_b == 0:
        return "a zero base value: compound growth is undefined"
    if c.broken is not None:
        return f"{sign_break_text(c.broken)}: compound growth is undefined"
    if with_target and c.target is not None and c.target / c.v_b < 0:
        return "the target and the base value differ in sign: compound growth is undefined"
    return "compound growth overflows"


def ahead(c: Context) -> bool:
    """Whether the target lies ahead of the base in the desired direction.

    Shares of the way from the base to the target (UNSD's P, SDSN's achieved / required) read
    "higher is better" only then; where the base already met the target they flip sign.
    """
    return c.target is not None and c.d * (c.target - c.v_b) > 0


def trend_threat(c: Context) -> tuple[str, ...]:
    """A warning when a met target is being left behind by the trend."""
    slope = c.growth.slope
    if c.met and slope is not None and c.d * slope < 0:
        return ("the trend threatens the target: it moves away from it",)
    return ()
