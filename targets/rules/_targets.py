"""Target kinds: what a programme promises about one metric, written to be read aloud.

A target's kind is told by the key that states its goal, so a rule reads like the sentence
it came from::

    metric: dt-firms          # "digital technology firms
    at_least: 100000          #  at least 100,000
    by: 2025                  #  by 2025"

==================  ============================================  =====================
kind                goal keys                                     reads
==================  ============================================  =====================
``level``           ``at_least`` or ``at_most``                   at least 100,000 by 2025
``band``            ``between: [low, high]``                      between 10 and 12 by 2025
``relative``        ``relative_to`` + ``factor`` or ``change``    half of 2015 by 2030
``milestones``      ``milestones: [{by, at_least}, ...]``         70,000 in 2022, 100,000 in 2025
``hold``            ``hold: {between: [6, 6.5]}`` + ``from``      6-6.5 every year 2022-2025
``growth``          ``growth: {at_least: 9.2 %}``                 grows 9.2 % in 2022
``rank``            ``top: 30``                                   top 30 by 2030
``count``           ``count: {at_least: 10}`` + ``where``         10 localities over USD 1 bn
``direction``       ``trend: increase``                           keeps increasing
``binary``          ``done: yes``                                 done by 2030
==================  ============================================  =====================

What every kind shares (`TargetBase`: metric, base, severity, citation, method, entities)
is in `targets.rules._target_base`, and named here too.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from targets.rules._periods import Period
from targets.rules._target_base import MethodName, Severity, TargetBase
from targets.rules._types import (
    LEVEL_IS,
    AmountField,
    Count,
    CountBound,
    LevelBound,
    Model,
    Number,
    PeriodField,
    RateBound,
    Text,
    describe,
    not_empty,
)

__all__ = [
    "KINDS",
    "KIND_KEYS",
    "BandTarget",
    "BinaryTarget",
    "CountTarget",
    "DirectionTarget",
    "EntityCondition",
    "GrowthTarget",
    "HoldTarget",
    "LevelTarget",
    "MethodName",
    "Milestone",
    "MilestonesTarget",
    "RankTarget",
    "RelativeTarget",
    "Severity",
    "Target",
    "TargetBase",
    "kinds_in",
]


KIND_KEYS: Mapping[str, str] = {
    "at_least": "level",
    "at_most": "level",
    "between": "band",
    "relative_to": "relative",
    "milestones": "milestones",
    "hold": "hold",
    "growth": "growth",
    "top": "rank",
    "count": "count",
    "trend": "direction",
    "done": "binary",
}
"""The key that states a target's goal, and the kind it makes."""


class LevelTarget(TargetBase):
    """Reach a level: ``at_least: 100000`` or ``at_most: 5 %``, ``by: 2025``."""

    kind: ClassVar[str] = "level"
    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["at_least"]}, {"required": ["at_most"]}]}
    )

    at_least: AmountField | None = None
    at_most: AmountField | None = None
    by: PeriodField

    _given = not_empty("at_least", "at_most", give=LEVEL_IS)

    @model_validator(mode="after")
    def _one_side(self) -> LevelTarget:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("a level target says 'at_least' or 'at_most', not both")
        return self

    @property
    def level(self) -> AmountField:
        """The level to reach: `at_least` or `at_most`, whichever is given."""
        return self.at_least if self.at_least is not None else self.at_most  # type: ignore[return-value]


class BandTarget(TargetBase):
    """Land inside a band by the deadline: ``between: [10, 12]``."""

    kind: ClassVar[str] = "band"
    between: tuple[AmountField, AmountField]
    by: PeriodField


class RelativeTarget(TargetBase):
    """A level stated against a base year: ``relative_to: 2015``, ``factor: 0.5`` (halve),
    or ``change: +25 %`` (relative), ``change: +20000 firm`` (absolute)."""

    kind: ClassVar[str] = "relative"
    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["factor"]}, {"required": ["change"]}]}
    )

    relative_to: PeriodField
    factor: Number | None = Field(None, gt=0)
    change: AmountField | None = None
    by: PeriodField

    @model_validator(mode="after")
    def _one_change(self) -> RelativeTarget:
        if (self.factor is None) == (self.change is None):
            raise ValueError("a relative target says 'factor' (0.5 halves) or 'change' ('+25 %')")
        if self.by.time <= self.relative_to.time:
            raise ValueError(
                f"the deadline {self.by} is not after the year it is relative to "
                f"({self.relative_to})"
            )
        return self


class Milestone(Model):
    """One dated step: ``{by: 2022, at_least: 70000}``."""

    by: PeriodField
    at_least: AmountField | None = None
    at_most: AmountField | None = None
    between: tuple[AmountField, AmountField] | None = None

    _given = not_empty("at_least", "at_most", give=LEVEL_IS)

    @model_validator(mode="after")
    def _one_goal(self) -> Milestone:
        given = [k for k in ("at_least", "at_most", "between") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a milestone says exactly one of 'at_least', 'at_most' or 'between'")
        return self


class MilestonesTarget(TargetBase):
    """Several dated levels on one metric; the last one is the deadline."""

    kind: ClassVar[str] = "milestones"
    milestones: tuple[Milestone, ...] = Field(min_length=2)

    @field_validator("milestones")
    @classmethod
    def _in_order(cls, value: tuple[Milestone, ...]) -> tuple[Milestone, ...]:
        times = [m.by.time for m in value]
        if any(b <= a for a, b in itertools.pairwise(times)):
            raise ValueError("milestones come in date order, one per date")
        return value

    @property
    def deadline(self) -> Period:
        """The last milestone's date: the target's own deadline."""
        return self.milestones[-1].by


class HoldTarget(TargetBase):
    """Stay inside a floor, ceiling or band every year: ``hold: {between: [6, 6.5]}``."""

    kind: ClassVar[str] = "hold"
    hold: LevelBound
    from_: PeriodField = Field(alias="from", description="First year that must hold")
    by: PeriodField

    @model_validator(mode="after")
    def _period(self) -> HoldTarget:
        if self.by.time < self.from_.time:
            raise ValueError(f"the period ends ({self.by}) before it starts ({self.from_})")
        return self


class GrowthTarget(TargetBase):
    """Grow by a rate each period: ``growth: {at_least: 9.2 %}``, ``by: 2022``.

    Each period from ``from`` (default: ``by``) to ``by`` is judged on its growth over the
    period before it.
    """

    kind: ClassVar[str] = "growth"
    growth: RateBound
    from_: PeriodField | None = Field(None, alias="from")
    by: PeriodField

    @model_validator(mode="after")
    def _period(self) -> GrowthTarget:
        if self.growth.between is not None:
            raise ValueError(
                "a growth target says 'at_least' or 'at_most' a rate; for a band, write two targets"
            )
        if self.from_ is not None and self.by.time < self.from_.time:
            raise ValueError(f"the period ends ({self.by}) before it starts ({self.from_})")
        return self


class RankTarget(TargetBase):
    """Be ranked in the top N (1 is best): ``top: 30``."""

    kind: ClassVar[str] = "rank"
    top: Count = Field(description="The worst rank that still meets the target")
    by: PeriodField

    @field_validator("top")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("'top' is a rank, 1 or more")
        return value


class EntityCondition(Model):
    """What each entity must reach to be counted: ``{at_least: USD 1 billion}``."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["at_least"]}, {"required": ["at_most"]}]}
    )

    at_least: AmountField | None = None
    at_most: AmountField | None = None

    _given = not_empty("at_least", "at_most", give=LEVEL_IS)

    @model_validator(mode="after")
    def _one_side(self) -> EntityCondition:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("say what each entity must reach: 'at_least' or 'at_most'")
        return self

    @property
    def threshold(self) -> AmountField:
        return self.at_least if self.at_least is not None else self.at_most  # type: ignore[return-value]


class CountTarget(TargetBase):
    """Have N entities meeting a condition: ``count: {at_least: 10}``, ``where: ...``."""

    kind: ClassVar[str] = "count"
    count: CountBound
    where: EntityCondition
    entities: Text | None = Field(None, description="What is counted, e.g. 'localities'")
    by: PeriodField


class DirectionTarget(TargetBase):
    """Move one way, with no level promised: ``trend: increase``."""

    kind: ClassVar[str] = "direction"
    trend: Literal["increase", "decrease"]
    by: PeriodField | None = None


def _yes(value: Any) -> bool:
    if value is True or (isinstance(value, str) and value.strip().lower() in {"yes", "true"}):
        return True
    raise ValueError(f"a yes/no milestone is written 'done: yes' (got {describe(value)})")


class BinaryTarget(TargetBase):
    """A yes/no milestone: ``done: yes``, ``by: 2030``."""

    kind: ClassVar[str] = "binary"
    done: Annotated[Literal[True], WithJsonSchema({"enum": [True, "yes", "true"]})]
    by: PeriodField | None = None

    @field_validator("done", mode="before")
    @classmethod
    def _done(cls, value: Any) -> bool:
        return _yes(value)


KINDS: Mapping[str, type[TargetBase]] = {
    cls.kind: cls
    for cls in (
        LevelTarget,
        BandTarget,
        RelativeTarget,
        MilestonesTarget,
        HoldTarget,
        GrowthTarget,
        RankTarget,
        CountTarget,
        DirectionTarget,
        BinaryTarget,
    )
}


def kinds_in(data: Mapping[str, Any]) -> list[str]:
    """The kinds whose goal keys appear in a target mapping (one, when it is well formed)."""
    found: list[str] = []
    for key in data:
        kind = KIND_KEYS.get(key)  # None for a key of another type: the keys are text
        if kind is not None and kind not in found:
            found.append(kind)
    return found


def _discriminate(data: Any) -> str | None:
    if isinstance(data, TargetBase):
        return data.kind
    if isinstance(data, Mapping):
        found = kinds_in(data)
        return found[0] if len(found) == 1 else None
    return None


Target = Annotated[
    Annotated[LevelTarget, Tag("level")]
    | Annotated[BandTarget, Tag("band")]
    | Annotated[RelativeTarget, Tag("relative")]
    | Annotated[MilestonesTarget, Tag("milestones")]
    | Annotated[HoldTarget, Tag("hold")]
    | Annotated[GrowthTarget, Tag("growth")]
    | Annotated[RankTarget, Tag("rank")]
    | Annotated[CountTarget, Tag("count")]
    | Annotated[DirectionTarget, Tag("direction")]
    | Annotated[BinaryTarget, Tag("binary")],
    Discriminator(
        _discriminate,
        custom_error_type="target_kind",
        custom_error_message="a target states one goal: at_least, at_most, between, "
        "relative_to, milestones, hold, growth, top, count, trend or done",
    ),
]
"""Any target; the goal key decides the kind."""
