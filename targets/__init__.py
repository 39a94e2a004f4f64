"""targets: programme targets as declarative rules, checked against reported figures.

``import targets`` is cheap: the names below load their modules on first use, so the
``targets`` command starts without pydantic or pint until a command needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from targets._exit import ExitCode

if TYPE_CHECKING:
    from targets.judge._check import check
    from targets.judge._evidence import Conflict, Evidence
    from targets.judge._report import Report
    from targets.judge._result import TargetResult
    from targets.judge._whatif import Scenario, required_growth
    from targets.rules._errors import Diagnostic, LoadError, Location
    from targets.rules._figures import Figure
    from targets.rules._load import load, validate
    from targets.rules._model import Metric, ProgrammeInfo, Source
    from targets.rules._periods import Period
    from targets.rules._programme import Programme
    from targets.rules._schema import json_schema
    from targets.rules._targets import Target, TargetBase

__all__ = [
    "Conflict",
    "Diagnostic",
    "Evidence",
    "ExitCode",
    "Figure",
    "LoadError",
    "Location",
    "Metric",
    "Period",
    "Programme",
    "ProgrammeInfo",
    "Report",
    "Scenario",
    "Source",
    "Target",
    "TargetBase",
    "TargetResult",
    "check",
    "json_schema",
    "load",
    "required_growth",
    "validate",
]

_LAZY = {
    "check": "targets.judge._check",
    "Conflict": "targets.judge._evidence",
    "Evidence": "targets.judge._evidence",
    "Report": "targets.judge._report",
    "TargetResult": "targets.judge._result",
    "Scenario": "targets.judge._whatif",
    "required_growth": "targets.judge._whatif",
    "Diagnostic": "targets.rules._errors",
    "LoadError": "targets.rules._errors",
    "Location": "targets.rules._errors",
    "Figure": "targets.rules._figures",
    "load": "targets.rules._load",
    "validate": "targets.rules._load",
    "Metric": "targets.rules._model",
    "ProgrammeInfo": "targets.rules._model",
    "Source": "targets.rules._model",
    "Period": "targets.rules._periods",
    "Programme": "targets.rules._programme",
    "json_schema": "targets.rules._schema",
    "Target": "targets.rules._targets",
    "TargetBase": "targets.rules._targets",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'targets' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
