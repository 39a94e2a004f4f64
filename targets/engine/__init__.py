"""The pure numerical core of targets: is a dated target achieved, on track, at risk or off track.

Conventions (docs/engine.md has the long form):

- Time is in years, as floats; a figure for year Y stands at Y, a target "by 2025" is judged at
  2025. Finer periods arrive as fractional years.
- Growth rates are fractions (0.101 is 10.1 %), compound annual unless named linear.
- ``direction`` is "increase" (higher is better, d = +1) or "decrease" (d = -1).
- ``as_of`` is the evaluation year: only figures for years <= as_of are used (default: the
  latest year). Once as_of reaches the target year and the data reach it, the target is judged
  on the last figure at or before the target year: achieved if met, else missed. If the data stop
  before the target year, a note says so and the trend is judged as usual.
- The base year is the first point unless ``base_year`` names one (then a figure must exist).
- Undefined numbers are None, never NaN or inf.
- Common statuses are ordered for CI gates (achieved < on_track < at_risk < off_track <
  regressing < missed); not_assessable is outside the order and never trips a gate.
"""

from targets.engine._assess import assess
from targets.engine._result import Assessment, Result
from targets.engine._status import METHOD_LABELS, SEVERITY, STATUS_CODES, Status, worst
from targets.engine._step import Step
from targets.engine._thresholds import DEFAULT_THRESHOLDS, METHODS, resolve_thresholds

__all__ = [
    "DEFAULT_THRESHOLDS",
    "METHODS",
    "METHOD_LABELS",
    "SEVERITY",
    "STATUS_CODES",
    "Assessment",
    "Result",
    "Status",
    "Step",
    "assess",
    "resolve_thresholds",
    "worst",
]
