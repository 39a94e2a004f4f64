"""What every target says, whatever its kind (`TargetBase`): its metric, base year,
severity, citation, method and entities. The kinds, each with the key that states its
goal, are in `targets.rules._targets`."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from targets.rules._entities import ForEach, Override
from targets.rules._periods import Period
from targets.rules._types import Id, Model, Number, PeriodField, Text, not_empty

__all__ = ["MethodName", "Severity", "TargetBase"]


MethodName = Literal["statcan", "unsd", "destatis", "sdsn", "istat"]
Severity = Literal["error", "warn"]


class TargetBase(Model):
    """What every target says, whatever its kind."""

    kind: ClassVar[str]

    id: Id = Field(description="Unique across the programme; CI reports and --select use it")
    metric: Id = Field(description="The metric the target is about")
    name: Text | None = Field(None, description="The promise in words, for reports")
    base: PeriodField | None = Field(
        None, description="Base year of the programme's promise (default: the first figure)"
    )
    severity: Severity = Field(
        "error", description="'warn' targets never fail a CI gate unless run with --strict"
    )
    tags: tuple[Id, ...] = ()
    owner: Text | None = None
    source: Id | None = Field(None, description="Id of the source that states the target")
    quote: Text | None = Field(None, description="The sentence in the source that states it")
    method: MethodName | None = Field(None, description="Assessment method (default per kind)")
    thresholds: dict[str, Number] | None = Field(
        None, description="Overrides of the method's published thresholds, by name"
    )
    estimates: bool = Field(
        True, description="Count estimates (and values derived from growth statements) as data"
    )
    note: Text | None = None
    for_each: ForEach | None = Field(
        None,
        description="Judge the target once per entity of the metric: 'all', a list of "
        "entities, or {all_but: [...]}",
    )
    overrides: dict[Text, Override] = Field(
        default_factory=dict,
        description="What an entity adopted instead: the goal's value, 'by' or 'base'",
    )

    # left empty, these would be read as not given, and the verdict judged from another
    # base year (the first figure), by another method or for no entity, in silence
    _base_given = not_empty("base", give="a year such as 2015, or leave the key out")
    _method_given = not_empty("method", give="a method's name, or leave the key out")
    _for_each_given = not_empty(  # else judged once on every entity's figures together
        "for_each", give="'all', a list of entities or {all_but: [...]}, or leave the key out"
    )

    @property
    def deadline(self) -> Period | None:
        """The year the target is judged at; None for an open-ended direction target."""
        by: Period | None = getattr(self, "by", None)
        return by

    def for_entity(self, entity: str) -> TargetBase:
        """This target as `entity` must meet it: its override applied, no ``for_each``."""
        override = self.overrides.get(entity)
        update: dict[str, Any] = {"for_each": None, "overrides": {}}
        if override is not None:
            update.update(override.changed)
            if override.source is not None:
                update["source"], update["quote"] = override.source, override.quote
            if "at_least" in update or "at_most" in update:  # one side, as the override says
                update.setdefault("at_least", None)
                update.setdefault("at_most", None)
        return self.model_copy(update=update)


TargetBase.__module__ = "targets"  # public as targets.TargetBase (httpx's manners)
