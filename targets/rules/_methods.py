"""Which assessment method judges a target, and the threshold overrides a rule may give.

Not every method suits every kind of target: ranks are judged linearly (places a year),
holding a level every year is Destatis's own case, a growth-rate target is judged by
Statistics Canada's ratio of realised to required growth, ISTAT judges trends without a
target, and SDSN needs a target. A rule that asks otherwise is refused when loading; a
programme-wide or run-wide method applies where it suits and is noted where it does not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from targets.engine import DEFAULT_METHOD, DEFAULT_THRESHOLDS
from targets.rules._errors import Diagnostic, one_of
from targets.rules._model import ProgrammeInfo
from targets.rules._suggest import did_you_mean
from targets.rules._targets import TargetBase

__all__ = [
    "ORDER",
    "SUITED",
    "check_thresholds",
    "default_method",
    "method_of",
    "reason_against",
    "suited",
    "thresholds_of",
    "why_not",
]


_ENGINE_KIND = {"growth": "growth_rate"}
_WITH_A_VALUE = ("statcan", "unsd", "destatis", "sdsn")

SUITED: Mapping[str, tuple[str, ...]] = {
    "level": _WITH_A_VALUE,
    "band": _WITH_A_VALUE,
    "relative": _WITH_A_VALUE,
    "milestones": _WITH_A_VALUE,
    "count": _WITH_A_VALUE,
    "hold": ("destatis",),
    "growth": ("statcan",),
    "rank": ("sdsn", "destatis"),
    "direction": ("statcan", "unsd", "destatis", "istat"),
    "binary": (),
}
"""The methods that can judge each kind of target."""

_WHY = {
    "hold": "holding a level every year is judged by Destatis's rules",
    "growth": "a growth-rate target is judged by Statistics Canada's ratio of realised to "
    "required growth",
    "rank": "ranks are judged linearly (places a year)",
    "direction": "a trend target has no value, which SDSN needs",
    "binary": "a yes/no milestone has no method",
}

ORDER: Mapping[str, tuple[tuple[str, str | float], ...]] = {
    "statcan": (
        ("substantial_progress", "moderate_progress"),
        ("moderate_progress", "limited_progress"),
        ("no_target_substantial", "no_target_moderate"),
        ("no_target_moderate", "no_target_limited"),
        ("zero_replacement", 0.0),
        ("limit_exponent", 0.0),
    ),
    "unsd": (
        ("on_track", "acceleration_needed"),
        ("no_target_on_track", "no_target_moderate"),
        ("percent_target_tolerance", 0.0),
    ),
    "destatis": (("slightly_cloudy", "sun"), ("sun", 0.0), ("points", "min_points")),
    "sdsn": (("on_track", "moderately_improving"), ("moderately_improving", 0.0)),
    "istat": (("clear", "slight"), ("slight", 0.0)),
}
"""Thresholds that must keep their order: (a, b) means a >= b (a number b: a > b)."""


def suited(kind: str, method: str) -> bool:
    return method in SUITED[kind]


def reason_against(kind: str, method: str) -> str:
    """Why `method` does not suit a `kind` target, in a few words."""
    if method == "istat" and kind not in _WHY:
        return "ISTAT judges trends without a target"
    return _WHY.get(kind, f"{method} does not judge {kind} targets")


def why_not(kind: str, method: str) -> str:
    """Why `method` cannot judge a `kind` target, naming the methods that can."""
    choices = SUITED[kind]
    use = f"; use {one_of(list(choices))}" if choices else ""
    return f"'{method}' cannot judge a {kind} target: {reason_against(kind, method)}{use}"


def default_method(kind: str) -> str:
    """The engine's default method for a target kind ("binary" has no method)."""
    if kind == "binary":
        return "binary"
    return DEFAULT_METHOD[_ENGINE_KIND.get(kind, kind)]


def method_of(target: TargetBase, programme: ProgrammeInfo | None) -> str:
    """The method that judges `target`: its own, else the programme's where it suits the
    kind, else the kind's default."""
    if target.kind == "binary":
        return "binary"
    if target.method is not None:
        return target.method
    chosen = programme.method if programme is not None else None
    if chosen is not None and suited(target.kind, chosen):
        return chosen
    return default_method(target.kind)


def thresholds_of(target: TargetBase, programme: ProgrammeInfo | None) -> dict[str, float]:
    """Overrides for `target`'s method: the programme's, then the target's own on top."""
    method = method_of(target, programme)
    merged = dict(programme.thresholds_for(method)) if programme is not None else {}
    merged.update(target.thresholds or {})
    return merged


def check_thresholds(item: Any, programme: ProgrammeInfo | None = None) -> list[Diagnostic]:
    """A method that cannot judge the target, unknown threshold names (with the nearest
    valid one) and thresholds out of order; for a target or for the programme."""
    model = item.model
    if isinstance(model, ProgrammeInfo):
        problems = []
        for method, overrides in model.thresholds.items():
            problems += _check(item, ("thresholds", method), method, overrides)
        return problems
    if not isinstance(model, TargetBase):
        return []
    if model.kind == "binary":
        if model.method or model.thresholds:
            key = "method" if model.method else "thresholds"
            return [Diagnostic(item.at(key), "a yes/no milestone has no method or thresholds")]
        return []
    if model.method is not None and not suited(model.kind, model.method):
        return [Diagnostic(item.at("method"), why_not(model.kind, model.method))]
    if not model.thresholds:  # the programme's own were checked with the programme
        return []
    judged_by = method_of(model, programme)
    problems = _check(item, ("thresholds",), judged_by, model.thresholds)
    if not problems:
        problems += _order(item, judged_by, thresholds_of(model, programme))
    return problems


def _check(
    item: Any, path: tuple[str, ...], method: str, overrides: Mapping[str, float]
) -> list[Diagnostic]:
    valid = DEFAULT_THRESHOLDS[method]
    problems = []
    for name in overrides:
        if name not in valid:
            hint = did_you_mean(name, valid)
            problems.append(
                Diagnostic(
                    item.doc.locate((*item.path, *path, name), key=True),
                    f"'{method}' has no threshold '{name}'{hint}; it has {one_of(list(valid))}",
                )
            )
    if not problems and isinstance(item.model, ProgrammeInfo):
        problems += _order(item, method, overrides, path=path)
    return problems


def _order(
    item: Any,
    method: str,
    overrides: Mapping[str, float],
    *,
    path: tuple[str, ...] = ("thresholds",),
) -> list[Diagnostic]:
    """Thresholds that would make the method's classes overlap or invert."""
    merged = {**DEFAULT_THRESHOLDS[method], **overrides}
    problems = []
    for high, low in ORDER.get(method, ()):
        bound = merged[low] if isinstance(low, str) else low
        wrong = merged[high] < bound if isinstance(low, str) else merged[high] <= bound
        if wrong and (high in overrides or (isinstance(low, str) and low in overrides)):
            name = high if high in overrides else str(low)
            than = f"'{low}' ({bound:g})" if isinstance(low, str) else f"{bound:g}"
            relation = "at least" if isinstance(low, str) else "above"
            problems.append(
                Diagnostic(
                    item.doc.locate((*item.path, *path, name)),
                    f"'{method}' threshold '{high}' ({merged[high]:g}) must be {relation} {than}",
                )
            )
    return problems
