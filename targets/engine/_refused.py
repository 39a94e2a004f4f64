"""The one exception the engine raises for inputs it refuses by design.

Figures that cannot be judged (mismatched lengths, values that are not finite, two figures
for one year, a band whose low end is above its high end) are refused with `RefusedInputError`,
and only this type becomes a "not assessable" result. Anything else the engine raises (a
`ValueError` for an unknown method or direction, a `KeyError`, a `ZeroDivisionError`) is a
bug in the caller or in the engine, and must surface as one rather than turn a target into
"not assessable", which never trips a CI gate.
"""

from __future__ import annotations

__all__ = ["RefusedInputError"]


class RefusedInputError(ValueError):
    """The engine refuses these inputs; the message says why, for the report."""
