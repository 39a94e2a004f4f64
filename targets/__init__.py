"""targets: programme targets as declarative rules, checked against reported figures.

``import targets`` is cheap: the names below load their modules on first use, so the
``targets`` command starts without pydantic, pint or numpy until a command needs them.

The package is built in layers (see docs/architecture.md): `targets.engine` (the numbers),
`targets.rules` (files in, a `Programme` out), `targets.judge` (rules meet the engine: a
`Report`), `targets.render` (reports), `targets.notebook` (Jupyter) and `targets.cli`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from targets._exit import ExitCode
from targets._lazy import names_from

if TYPE_CHECKING:
    from targets.engine import Conflict
    from targets.judge import (
        AsOfError,
        BaselineError,
        CheckError,
        Evidence,
        MethodError,
        Report,
        Scenario,
        SelectionError,
        TargetResult,
        UnknownTargetError,
        check,
        json_schema,
        required_growth,
    )
    from targets.rules import (
        Diagnostic,
        Figure,
        LoadError,
        Location,
        Metric,
        Period,
        Programme,
        ProgrammeInfo,
        Source,
        Target,
        TargetBase,
        load,
        record,
        validate,
    )

__all__ = [
    "AsOfError",
    "BaselineError",
    "CheckError",
    "Conflict",
    "Diagnostic",
    "Evidence",
    "ExitCode",
    "Figure",
    "LoadError",
    "Location",
    "MethodError",
    "Metric",
    "Period",
    "Programme",
    "ProgrammeInfo",
    "Report",
    "Scenario",
    "SelectionError",
    "Source",
    "Target",
    "TargetBase",
    "TargetResult",
    "UnknownTargetError",
    "check",
    "json_schema",
    "load",
    "record",
    "required_growth",
    "validate",
]

_HOME = {
    "Conflict": "targets.engine",
    **dict.fromkeys(
        (
            "AsOfError",
            "BaselineError",
            "CheckError",
            "Evidence",
            "MethodError",
            "Report",
            "Scenario",
            "SelectionError",
            "TargetResult",
            "UnknownTargetError",
            "check",
            "json_schema",
            "required_growth",
        ),
        "targets.judge",
    ),
    **dict.fromkeys(
        (
            "Diagnostic",
            "Figure",
            "LoadError",
            "Location",
            "Metric",
            "Period",
            "Programme",
            "ProgrammeInfo",
            "Source",
            "Target",
            "TargetBase",
            "load",
            "record",
            "validate",
        ),
        "targets.rules",
    ),
}
"""The layer each public name comes from, imported on first use."""


__getattr__ = names_from(globals(), _HOME)


def __dir__() -> list[str]:
    """The public names only (and the layer packages, once imported)."""
    return sorted(__all__)
