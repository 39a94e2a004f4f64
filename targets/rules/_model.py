"""The programme, its sources and its metrics: the parts of a rules file besides targets."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator

from targets._safe import quoted
from targets.rules import _units
from targets.rules._targets import MethodName
from targets.rules._types import (
    AmountField,
    DateField,
    Id,
    Model,
    Number,
    PeriodField,
    Text,
    UnitText,
    not_empty,
)

__all__ = ["FigureColumn", "Metric", "ProgrammeInfo", "Source"]


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


class Source(Model):
    """Where a target or a figure was stated: cite it once, refer to it by id."""

    id: Id
    publisher: Text = Field(description="Who published it: a ministry, an agency, a newspaper")
    title: Text | None = None
    date: DateField | None = Field(
        None, description="Publication date; figures citing the source default to it"
    )
    url: str | None = Field(None, description="http(s) address of the document")
    file: Text | None = Field(None, description="A local copy, relative to this file")
    note: Text | None = None

    _date_given = not_empty(  # else the figures citing it would have no edition, in silence
        "date", give="a date such as 2025-01-24, or leave the key out"
    )

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not _URL.match(value):
            raise ValueError(f"{quoted(value)} is not an http(s) address")
        return value


class Metric(Model):
    """What is measured, in which unit, and which way is better."""

    id: Id
    name: Text
    unit: UnitText = Field(description="Figures are converted into this unit when loaded")
    direction: Literal["higher", "lower"] | None = Field(
        None,
        description="Which way is better; needed for targets; ranks are 'lower' by default; "
        "yes/no metrics have none",
    )
    limit: AmountField | None = Field(
        None, description="A natural limit in the better direction, such as 100 for a percentage"
    )
    _limit_given = not_empty(  # left empty, the limit would be none, in silence
        "limit", give="the natural limit, such as 100 for a percentage, or leave the key out"
    )
    description: Text | None = None
    note: Text | None = None

    @property
    def binary(self) -> bool:
        """A yes/no metric."""
        return self.unit == "yes/no"

    @property
    def is_rank(self) -> bool:
        """A rank metric (places, 1 is best)."""
        return _units.is_rank(self.unit)

    @property
    def better(self) -> Literal["higher", "lower"]:
        """The direction, with ranks defaulting to lower (1 is best). A metric with no
        direction carries no target (the loader refuses one), so "higher" here is only the
        reading order for displays."""
        if self.direction is not None:
            return self.direction
        return "lower" if self.is_rank else "higher"


FigureColumn = Literal[
    "metric",
    "period",
    "value",
    "unit",
    "kind",
    "entity",
    "source",
    "quote",
    "published",
    "change",
    "since",
    "note",
]


class ProgrammeInfo(Model):
    """The programme the targets belong to: one per set of rules."""

    id: Id | None = None
    name: Text
    issuer: Text | None = Field(None, description="Who adopted it: a government, a ministry")
    country: Text | None = None
    adopted: DateField | None = None
    documents: tuple[Id, ...] = Field((), description="Ids of the sources that set it out")
    base: PeriodField | None = Field(None, description="Default base year of every target")
    method: MethodName | None = Field(None, description="Default assessment method")
    thresholds: dict[MethodName, dict[str, Number]] = Field(
        default_factory=dict, description="Threshold overrides per method, for every target"
    )
    prefer: tuple[Id, ...] = Field(
        (), description="Source ids in order of preference when figures conflict"
    )
    columns: dict[FigureColumn, Text] | None = Field(
        None,
        description="How the columns of CSV and Parquet figures files in another layout map to "
        "figure fields, e.g. SDMX-CSV: {entity: REF_AREA, period: TIME_PERIOD, value: "
        "OBS_VALUE, unit: UNIT_MEASURE, metric: SERIES}",
    )
    note: Text | None = None

    # left empty, every target would be judged from its first figure, or by its kind's
    # method, in silence
    _base_given = not_empty("base", give="a year such as 2015, or leave the key out")
    _method_given = not_empty("method", give="a method's name, or leave the key out")

    @field_validator("columns")
    @classmethod
    def _one_field_a_column(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        fields: dict[str, list[str]] = {}
        for field, column in (value or {}).items():
            fields.setdefault(column, []).append(field)
        said = [
            f"{', '.join(quoted(f) for f in named[:-1])} and {quoted(named[-1])} "
            f"{'both' if len(named) == 2 else 'all'} name the column {quoted(column)}"
            for column, named in fields.items()
            if len(named) > 1
        ]
        if said:
            raise ValueError(
                "; ".join(said)
                + ": in the programme's mapping each field reads a column of its own"
            )
        return value

    def thresholds_for(self, method: str) -> dict[str, float]:
        found: dict[str, Any] = self.thresholds.get(method, {})  # type: ignore[call-overload]
        return dict(found)


for _public in (Metric, ProgrammeInfo, Source):  # public as targets.<name> (httpx's manners)
    _public.__module__ = "targets"
del _public
