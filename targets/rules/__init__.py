"""The rule language: files in, a validated `Programme` out.

YAML and CSV reading with a position for every value, the field types (amounts with units,
rates, periods), the target kinds, metrics, sources and figures, unit conversion, the
checks across files, and the words for a goal. Every problem in every file is collected
into one `LoadError`. Imports only the engine (for method names and thresholds) below it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from targets.rules import _units
from targets.rules._discover import StrPath, discover, display
from targets.rules._errors import Diagnostic, LoadError, Location, one_of
from targets.rules._figures import Figure, FigureKind, FigureSpec
from targets.rules._files import read, read_csv
from targets.rules._load import load, validate
from targets.rules._methods import method_of, reason_against, suited, thresholds_of
from targets.rules._model import Metric, ProgrammeInfo, Source
from targets.rules._periods import Period, PeriodError, day, parse_date, parse_period
from targets.rules._programme import Programme
from targets.rules._record_io import typed
from targets.rules._suggest import did_you_mean
from targets.rules._targets import (
    KINDS,
    BandTarget,
    BinaryTarget,
    CountTarget,
    DirectionTarget,
    GrowthTarget,
    HoldTarget,
    LevelTarget,
    MilestonesTarget,
    RankTarget,
    RelativeTarget,
    Target,
    TargetBase,
)
from targets.rules._units import UnitError, is_percent, is_rank
from targets.rules._words import count, describe_goal, quantity, unit_words

if TYPE_CHECKING:
    from targets.rules._record import Recorded, RecordError, record


def __getattr__(name: str) -> Any:
    """The record command's names, imported on first use: its YAML and CSV editing (six
    classes and PyYAML's emitter) is no part of a check."""
    if name not in {"Recorded", "RecordError", "record"}:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from targets.rules import _record  # noqa: PLC0415

    value = getattr(_record, name)
    globals()[name] = value
    return value


__all__ = [
    "KINDS",
    "BandTarget",
    "BinaryTarget",
    "CountTarget",
    "Diagnostic",
    "DirectionTarget",
    "Figure",
    "FigureKind",
    "FigureSpec",
    "GrowthTarget",
    "HoldTarget",
    "LevelTarget",
    "LoadError",
    "Location",
    "Metric",
    "MilestonesTarget",
    "Period",
    "PeriodError",
    "Programme",
    "ProgrammeInfo",
    "RankTarget",
    "RecordError",
    "Recorded",
    "RelativeTarget",
    "Source",
    "StrPath",
    "Target",
    "TargetBase",
    "UnitError",
    "_units",
    "count",
    "day",
    "describe_goal",
    "did_you_mean",
    "discover",
    "display",
    "is_percent",
    "is_rank",
    "load",
    "method_of",
    "one_of",
    "parse_date",
    "parse_period",
    "quantity",
    "read",
    "read_csv",
    "reason_against",
    "record",
    "suited",
    "thresholds_of",
    "typed",
    "unit_words",
    "validate",
]

# Public as targets.<name>: reprs and docs say so (httpx's manners).
for _name in (
    "Diagnostic",
    "Figure",
    "LoadError",
    "Location",
    "Metric",
    "Period",
    "Programme",
    "ProgrammeInfo",
    "Source",
    "TargetBase",
    "load",
    "validate",
):
    globals()[_name].__module__ = "targets"
del _name
