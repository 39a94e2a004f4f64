"""The rule language: files in, a validated `Programme` out.

YAML and CSV reading with a position for every value, the field types (amounts with units,
rates, periods), the target kinds, metrics, sources and figures, unit conversion, the
checks across files, and the words for a goal. Every problem in every file is collected
into one `LoadError`. Imports only the engine (for method names and thresholds) below it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from targets._lazy import names_from

if TYPE_CHECKING:
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
    from targets.rules._record import Recorded, RecordError, record
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

_HOME = {
    "_units": "targets.rules._units",
    "BandTarget": "targets.rules._targets",
    "BinaryTarget": "targets.rules._targets",
    "count": "targets.rules._words",
    "CountTarget": "targets.rules._targets",
    "day": "targets.rules._periods",
    "describe_goal": "targets.rules._words",
    "Diagnostic": "targets.rules._errors",
    "did_you_mean": "targets.rules._suggest",
    "DirectionTarget": "targets.rules._targets",
    "discover": "targets.rules._discover",
    "display": "targets.rules._discover",
    "Figure": "targets.rules._figures",
    "FigureKind": "targets.rules._figures",
    "FigureSpec": "targets.rules._figures",
    "GrowthTarget": "targets.rules._targets",
    "HoldTarget": "targets.rules._targets",
    "is_percent": "targets.rules._units",
    "is_rank": "targets.rules._units",
    "KINDS": "targets.rules._targets",
    "LevelTarget": "targets.rules._targets",
    "load": "targets.rules._load",
    "LoadError": "targets.rules._errors",
    "Location": "targets.rules._errors",
    "method_of": "targets.rules._methods",
    "Metric": "targets.rules._model",
    "MilestonesTarget": "targets.rules._targets",
    "one_of": "targets.rules._errors",
    "parse_date": "targets.rules._periods",
    "parse_period": "targets.rules._periods",
    "Period": "targets.rules._periods",
    "PeriodError": "targets.rules._periods",
    "Programme": "targets.rules._programme",
    "ProgrammeInfo": "targets.rules._model",
    "quantity": "targets.rules._words",
    "RankTarget": "targets.rules._targets",
    "read": "targets.rules._files",
    "read_csv": "targets.rules._files",
    "reason_against": "targets.rules._methods",
    "record": "targets.rules._record",
    "Recorded": "targets.rules._record",
    "RecordError": "targets.rules._record",
    "RelativeTarget": "targets.rules._targets",
    "Source": "targets.rules._model",
    "StrPath": "targets.rules._discover",
    "suited": "targets.rules._methods",
    "Target": "targets.rules._targets",
    "TargetBase": "targets.rules._targets",
    "thresholds_of": "targets.rules._methods",
    "typed": "targets.rules._record_io",
    "unit_words": "targets.rules._words",
    "UnitError": "targets.rules._units",
    "validate": "targets.rules._load",
}
"""Where each public name lives, imported on first use: a run imports only the modules it
uses, and `targets.load` starts reading the columnar files (`_early`) before importing the
models it validates the rules with."""

__getattr__ = names_from(globals(), _HOME)


def __dir__() -> list[str]:
    """The public names, imported or not (Jupyter completes from this)."""
    return sorted({*__all__, *globals()})
