"""Default thresholds of every method, overridable by name.

Kept free of numpy (and of every other engine module) because the rule loader imports it at
load time to validate override names and suggest the nearest one.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from types import MappingProxyType

__all__ = [
    "DEFAULT_THRESHOLDS",
    "METHODS",
    "NO_THRESHOLDS",
    "RANK_METHODS",
    "Thresholds",
    "check_method",
    "resolve_thresholds",
]


class Thresholds(Mapping[str, float]):
    """A result's thresholds: read-only, as a ``MappingProxyType`` is, but a result (and a
    report) holding it can be pickled and copied, which a mapping proxy refuses."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, float] | None = None) -> None:
        self._values: dict[str, float] = dict(values or {})

    def __getitem__(self, name: str) -> float:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return repr(self._values)

    def __hash__(self) -> int:  # read-only, so hashable (a dataclass's default may be one)
        return hash(frozenset(self._values.items()))

    def __reduce__(self) -> tuple[type[Thresholds], tuple[dict[str, float]]]:
        return (Thresholds, (self._values,))


NO_THRESHOLDS = Thresholds()
"""The thresholds of a result judged without any (a default no one can change)."""


METHODS: tuple[str, ...] = ("destatis", "istat", "sdsn", "statcan", "unsd")

RANK_METHODS: tuple[str, ...] = ("sdsn", "destatis")
"""Methods that judge linearly; ranks are never judged by compound growth."""

DEFAULT_THRESHOLDS: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        "statcan": MappingProxyType(
            {
                # ratio R = s * d * g_a / |g_r|
                "substantial_progress": 0.95,
                "moderate_progress": 0.60,
                "limited_progress": 0.0,
                # progress value s * d * g_a when there is no target (scaled by C)
                "no_target_substantial": 0.015,
                "no_target_moderate": 0.005,
                "no_target_limited": 0.0,
                # what a zero base or target is replaced by
                "zero_replacement": 0.001,
                # exponent of the natural-limit factor C
                "limit_exponent": 4.44,
            }
        ),
        "unsd": MappingProxyType(
            {
                # projection share P
                "on_track": 0.95,
                "acceleration_needed": 0.10,
                # s * d * g_a when there is no target
                "no_target_on_track": 0.02,
                "no_target_moderate": 0.005,
                # distance from a 0 or 100 target that counts as met; set 0 for non-percentages
                "percent_target_tolerance": 1.0,
            }
        ),
        "destatis": MappingProxyType(
            {
                # miss share of the remaining gap
                "sun": 0.05,
                "slightly_cloudy": 0.20,
                # points behind the five-year mean change, and the fewest accepted
                "points": 6.0,
                "min_points": 4.0,
            }
        ),
        "sdsn": MappingProxyType(
            {
                # achieved rate as a share of the required rate
                "on_track": 1.0,
                "moderately_improving": 0.5,
            }
        ),
        "istat": MappingProxyType(
            {
                # s * d * compound growth over the longest period
                "clear": 0.05,
                "slight": 0.01,
            }
        ),
    }
)


def check_method(method: str) -> None:
    """Raise ValueError naming the valid methods when ``method`` is not one."""
    if method not in DEFAULT_THRESHOLDS:
        import difflib  # noqa: PLC0415 - only for a misspelt name: start-up time

        hint = difflib.get_close_matches(method, METHODS, n=1)
        extra = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise ValueError(f"unknown method {method!r}{extra}; valid: {', '.join(METHODS)}")


def resolve_thresholds(
    method: str, overrides: Mapping[str, float] | None = None
) -> Mapping[str, float]:
    """The defaults of ``method`` merged with ``overrides``; unknown names raise ValueError."""
    check_method(method)
    defaults = DEFAULT_THRESHOLDS[method]
    merged = dict(defaults)
    for name, value in (overrides or {}).items():
        if name not in defaults:
            import difflib  # noqa: PLC0415 - only for a misspelt name: start-up time

            hint = difflib.get_close_matches(name, defaults, n=1)
            extra = f" (did you mean {hint[0]!r}?)" if hint else ""
            valid = ", ".join(sorted(defaults))
            raise ValueError(
                f"unknown threshold {name!r} for method {method!r}{extra}; valid: {valid}"
            )
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"threshold {name!r} must be a finite number, got {value!r}")
        merged[name] = number
    return Thresholds(merged)
