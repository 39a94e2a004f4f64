"""Which assessment method judges a target, and the threshold overrides a rule may give."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from targets._errors import Diagnostic, did_you_mean, one_of
from targets._model import ProgrammeInfo
from targets._targets import TargetBase
from targets.engine._thresholds import DEFAULT_THRESHOLDS

DEFAULT_METHOD: Mapping[str, str] = {
    "level": "statcan",
    "band": "statcan",
    "relative": "statcan",
    "milestones": "statcan",
    "hold": "destatis",
    "growth": "statcan",
    "rank": "sdsn",
    "count": "statcan",
    "direction": "statcan",
    "binary": "statcan",
}
"""The method used when neither the target nor the programme names one. Ranks are judged
linearly (SDSN: places per year), never by compound growth; holding a band every year is
Destatis's own case."""


def method_of(target: TargetBase, programme: ProgrammeInfo | None) -> str:
    """The method that judges `target`: its own, else the programme's, else its kind's."""
    if target.method is not None:
        return target.method
    if programme is not None and programme.method is not None and target.kind != "rank":
        return programme.method
    return DEFAULT_METHOD[target.kind]


def thresholds_of(target: TargetBase, programme: ProgrammeInfo | None) -> dict[str, float]:
    """Overrides for `target`'s method: the programme's, then the target's own on top."""
    method = method_of(target, programme)
    merged = dict(programme.thresholds_for(method)) if programme is not None else {}
    merged.update(target.thresholds or {})
    return merged


def check_thresholds(item: Any, programme: ProgrammeInfo | None = None) -> list[Diagnostic]:
    """Unknown threshold names, with the nearest valid one; for a target or the programme."""
    model = item.model
    problems: list[Diagnostic] = []
    if isinstance(model, ProgrammeInfo):
        for method, overrides in model.thresholds.items():
            problems += _check(item, ("thresholds", method), method, overrides)
        return problems
    if isinstance(model, TargetBase) and model.thresholds:
        problems += _check(item, ("thresholds",), method_of(model, programme), model.thresholds)
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
    return problems
