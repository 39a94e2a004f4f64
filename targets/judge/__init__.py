"""Rules meet the engine: which figures count, one engine call per target kind, the results.

`check` takes a loaded `Programme` (from `targets.rules`), chooses each target's figures by
the evidence rules, calls the engine once per target on plain numbers, and returns a
`Report` of `TargetResult`s, with baseline changes, selection patterns, the CI gate and
what-if scenarios. Imports the rules and the engine below it; the report's convenience
methods (`Report.to_html`, `to_frame`, ...) reach the render and notebook layers inside
the method.
"""

from __future__ import annotations

from targets.judge._changes import Change, compare, load_baseline
from targets.judge._check import as_of_date, check
from targets.judge._document import DETAILS, report_dict, report_header
from targets.judge._errors import (
    AsOfError,
    BaselineError,
    CheckError,
    MethodError,
    SelectionError,
    UnknownTargetError,
)
from targets.judge._evidence import Evidence, known_by, select, select_per_entity
from targets.judge._export import SCHEMA_VERSION, figure_dict, result_dict
from targets.judge._gate import Gate
from targets.judge._kinds import natural_bounds, relative_level
from targets.judge._report import Report
from targets.judge._result import Refusal, TargetResult
from targets.judge._schema import json_schema
from targets.judge._select import FIELDS, choose
from targets.judge._series import used_series
from targets.judge._whatif import Scenario, required_growth, scenario, what_if

__all__ = [
    "DETAILS",
    "FIELDS",
    "SCHEMA_VERSION",
    "AsOfError",
    "BaselineError",
    "Change",
    "CheckError",
    "Evidence",
    "Gate",
    "MethodError",
    "Refusal",
    "Report",
    "Scenario",
    "SelectionError",
    "TargetResult",
    "UnknownTargetError",
    "as_of_date",
    "check",
    "choose",
    "compare",
    "figure_dict",
    "json_schema",
    "known_by",
    "load_baseline",
    "natural_bounds",
    "relative_level",
    "report_dict",
    "report_header",
    "required_growth",
    "result_dict",
    "scenario",
    "select",
    "select_per_entity",
    "used_series",
    "what_if",
]

# Public as targets.<name>: reprs and docs say so (httpx's manners).
for _name in (
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
):
    globals()[_name].__module__ = "targets"
del _name
