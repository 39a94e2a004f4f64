"""targets: programme targets as declarative rules, checked against reported figures.

``import targets`` is cheap: the names below load their modules on first use, so the
``targets`` command starts without pydantic or pint until a command needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from targets._exit import ExitCode

if TYPE_CHECKING:
    from targets._check import check
    from targets._errors import Diagnostic, LoadError, Location
    from targets._evidence import Conflict, Evidence
    from targets._figures import Figure
    from targets._load import load, validate
    from targets._model import Metric, ProgrammeInfo, Source
    from targets._periods import Period
    from targets._programme import Programme
    from targets._record import record
    from targets._report import Report
    from targets._result import TargetResult
    from targets._schema import json_schema
    from targets._targets import Target, TargetBase
    from targets._whatif import Scenario, required_growth

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
    "record",
    "required_growth",
    "validate",
]

_LAZY = {
    "check": "targets._check",
    "Conflict": "targets._evidence",
    "Evidence": "targets._evidence",
    "Report": "targets._report",
    "TargetResult": "targets._result",
    "Scenario": "targets._whatif",
    "required_growth": "targets._whatif",
    "Diagnostic": "targets._errors",
    "LoadError": "targets._errors",
    "Location": "targets._errors",
    "Figure": "targets._figures",
    "load": "targets._load",
    "validate": "targets._load",
    "Metric": "targets._model",
    "ProgrammeInfo": "targets._model",
    "Source": "targets._model",
    "Period": "targets._periods",
    "Programme": "targets._programme",
    "record": "targets._record",
    "json_schema": "targets._schema",
    "Target": "targets._targets",
    "TargetBase": "targets._targets",
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
