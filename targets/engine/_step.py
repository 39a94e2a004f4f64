"""One line of arithmetic, written so that an analyst can redo it by hand."""

from __future__ import annotations

import math
from dataclasses import dataclass

from targets.engine._num import fmt

__all__ = ["Step"]


@dataclass(frozen=True, slots=True)
class Step:
    """A named quantity, its formula with the numbers substituted, and its value."""

    name: str
    formula: str
    value: float | None
    """None where the quantity is undefined (the formula says why) or not finite."""

    def __post_init__(self) -> None:
        if self.value is not None and not math.isfinite(self.value):
            object.__setattr__(self, "value", None)

    def __str__(self) -> str:
        return f"{self.name} = {self.formula} = {fmt(self.value)}"
