"""What `targets.check` refuses: each by its own type, so the CLI exits 2 for exactly these.

Invalid rules and figures are `targets.LoadError` (with a position for each problem). The
arguments of a check have the types below. Anything else raised while checking is a bug:
the CLI exits 3 and never turns it into a verdict.
"""

from __future__ import annotations

from targets.rules._errors import UnknownTargetError  # a programme's lookup raises it too

__all__ = [
    "AsOfError",
    "BaselineError",
    "CheckError",
    "MethodError",
    "SelectionError",
    "UnknownTargetError",
]


class CheckError(ValueError):
    """An argument of `targets.check` cannot be used; the message says which and why. A
    what-if (`TargetResult.what_if`, `targets.required_growth`) refuses its arguments with
    it too."""


class AsOfError(CheckError):
    """An evaluation date that is not a date (``as_of="2023-13-01"``)."""


class MethodError(CheckError):
    """A method override that is not one of the methods."""


class SelectionError(CheckError):
    """A ``select``/``exclude`` pattern that matches no target, or names an unknown field."""


class BaselineError(CheckError):
    """A baseline that is not a readable JSON report of ``targets check``."""
