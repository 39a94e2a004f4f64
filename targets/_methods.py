"""Which assessment method judges a target, and the threshold overrides a rule may give."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from targets._errors import Diagnostic, did_you_mean, one_of
from targets._model import ProgrammeInfo
from targets._targets import TargetBase
from targets.engine import DEFAULT_METHOD, DEFAULT_THRESHOLDS, RANK_METHODS

_ENGINE_KIND = {"growth": "growth_rate"}


def default_method(kind: str) -> str:
    """The engine's default method for a target kind ("binary" has no method)."""
    if kind == "binary":
        return "binary"
    return DEFAULT_METHOD[_ENGINE_KIND.get(kind, kind)]


def method_of(target: TargetBase, programme: ProgrammeInfo | None) -> str:
    """The method that judges `target`: its own, else the programme's, else its kind's."""
    if target.kind == "binary":
        return "binary"
    if target.method is not None:
        return target.method
    chosen = programme.method if programme is not None else None
    if chosen is not None and (target.kind != "rank" or chosen in RANK_METHODS):
        return chosen
    return default_method(target.kind)


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
    if not isinstance(model, TargetBase):
        return problems
    if model.kind == "rank" and model.method is not None and model.method not in RANK_METHODS:
        problems.append(
            Diagnostic(
                item.at("method"),
                f"ranks are judged linearly (places per year): use {one_of(list(RANK_METHODS))}, "
                f"not '{model.method}'",
            )
        )
    elif model.kind == "binary" and (model.method or model.thresholds):
        key = "method" if model.method else "thresholds"
        problems.append(Diagnostic(item.at(key), "a yes/no milestone has no method or thresholds"))
    elif model.thresholds:
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
