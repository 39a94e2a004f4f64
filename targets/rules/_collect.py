"""Validate every item of every file on its own, so one bad target hides no other problem.

A file is a mapping of up to five sections (``programme``, ``sources``, ``metrics``,
``targets``, ``figures``). Each item is validated separately and keeps its position; the
valid ones go on to cross-reference checks even when their neighbours are broken.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import count, repeat
from typing import Any, Generic, NamedTuple, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from targets._safe import quoted
from targets.rules._diagnose import diagnose, keys_of
from targets.rules._errors import Diagnostic, Location, one_of
from targets.rules._figures import FigureSpec
from targets.rules._model import Metric, ProgrammeInfo, Source
from targets.rules._suggest import did_you_mean
from targets.rules._targets import KIND_KEYS, KINDS, TargetBase, kinds_in
from targets.rules._types import describe
from targets.rules._yaml import Document, Path, path_key

__all__ = ["SECTIONS", "Collected", "Item", "M", "collect"]


M = TypeVar("M", bound=BaseModel)

SECTIONS = ("programme", "sources", "metrics", "targets", "figures")
_WHAT = {
    "sources": "a source",
    "metrics": "a metric",
    "targets": "a target",
    "figures": "a figure",
}
_LIST_MODELS: Mapping[str, type[BaseModel]] = {
    "sources": Source,
    "metrics": Metric,
    "figures": FigureSpec,
}


class Item(NamedTuple, Generic[M]):
    """A validated item and where it was written. A named tuple: 120,000 of them (the
    targets and metrics of a large file) are made in 36 ms, where a frozen dataclass
    took 59."""

    model: M
    doc: Document
    path: Path

    @property
    def location(self) -> Location:
        return self.doc.locate(self.path)

    def at(self, *keys: str | int) -> Location:
        """Where one of the item's values was written."""
        return self.doc.locate((*self.path, *keys))


@dataclass(slots=True)
class Collected:
    """Everything valid found in the input files, plus every problem met on the way."""

    programmes: list[Item[ProgrammeInfo]] = field(default_factory=list)
    sources: list[Item[Source]] = field(default_factory=list)
    metrics: list[Item[Metric]] = field(default_factory=list)
    targets: list[Item[TargetBase]] = field(default_factory=list)
    figures: list[Item[FigureSpec]] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    broken: set[tuple[str, str]] = field(default_factory=set)
    """(section, id) of items that failed validation: references to them are not reported
    again as unknown; ("programme", "") when a programme section did (it is not missing)."""
    dangling: list[tuple[str, str, Location]] = field(default_factory=list)
    """(kind, id, where) of the references an invalid target or figure makes (its metric, its
    source): checked like a valid item's, so an unknown metric is reported in the same run
    as the item's other problems rather than after they are fixed."""


def collect(
    docs: list[Document], into: Collected | None = None, *, release: bool = False
) -> Collected:
    """The valid items of `docs` and the problems of the others. With `release`, each list
    item of the documents' data is dropped (made None) once validated, so the models take
    the memory of the plain data they came from: for a caller that reads the data no more
    (positions stay)."""
    found = into or Collected()
    for doc in docs:
        _collect_doc(doc, found, release=release)
    return found


def _collect_doc(doc: Document, found: Collected, *, release: bool = False) -> None:
    data = doc.data
    if data is None:
        if not any(d.location.path == doc.path for d in found.problems):
            found.problems.append(Diagnostic(doc.locate(()), "empty file", "warning"))
        return
    if not isinstance(data, dict):
        found.problems.append(
            Diagnostic(
                doc.locate(()),
                f"expected a mapping with {one_of(SECTIONS)}, got {describe(data)}",
            )
        )
        return
    for key, value in data.items():
        path: Path = (key,) if isinstance(key, str | int) else (str(key),)
        if key not in SECTIONS:
            hint = did_you_mean(str(key), SECTIONS) if key is not None else ""
            said = "an empty (null) key" if key is None else f"unknown section {quoted(key)}"
            found.problems.append(
                Diagnostic(
                    doc.locate(path, key=True), f"{said}{hint}; a file holds {one_of(SECTIONS)}"
                )
            )
            continue
        if path in doc.rejected:
            continue
        if key == "programme":
            programme = _validate(ProgrammeInfo, value, doc, path, "the programme", found=found)
            if programme is not None:
                found.programmes.append(programme)
            else:
                found.broken.add(("programme", ""))  # it was there: its problems say why not
            continue
        if value is None:
            continue
        if not isinstance(value, list):
            found.problems.append(
                Diagnostic(doc.locate(path), f"{quoted(key)} is a list (items start with '- ')")
            )
            continue
        index = 0
        while index < len(value):
            end = _validate_run(key, value, index, doc, found)
            if release:
                value[index:end] = [None] * (end - index)
            index = end


_RUN = 2048
"""Items validated in one call at most: a run that fails is validated again item by item."""


@functools.cache
def _list_of(model: type[M]) -> TypeAdapter[list[M]]:
    """The list's validator, on the model's own: built first (models are built when first
    used), the list reuses its schema rather than generating it once more (a fifth of the
    small example's run)."""
    model.model_rebuild()
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _validate_run(key: str, items: list[Any], start: int, doc: Document, found: Collected) -> int:
    """Validate the items of section `key` from `start` on: a run of well-formed mappings of
    one model in one call (60,000 targets, one pydantic call each, were a sixth of a load),
    or else one item as `_validate` does; the index of the next item to validate."""
    path: Path = (key,)
    model = _model_of(key, items[start], doc, (key, start))
    end = start + 1
    if model is not None:
        while (
            end < len(items)
            and end - start < _RUN
            and _model_of(key, items[end], doc, (key, end)) is model
        ):
            end += 1
    if end - start > 1:
        assert model is not None
        try:
            models = _list_of(model).validate_python(items[start:end])
        except ValidationError:
            pass  # each item again, on its own, for its own messages
        else:
            into: list[Item[Any]] = getattr(found, key)
            into += map(Item, _sharing_all(models), repeat(doc), zip(repeat(key), count(start)))
            return end
    for index in range(start, end):
        item_path = (*path, index)
        raw = items[index]
        if item_path in doc.rejected:
            continue
        if key == "targets":
            target = _validate_target(raw, doc, item_path, found)
            if target is not None:
                found.targets.append(target)
            continue
        item = _validate(_LIST_MODELS[key], raw, doc, item_path, _WHAT[key], found=found)
        if item is not None:
            getattr(found, key).append(item)
    return end


_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def _sharing(model: M) -> M:
    """`model`, its set of the fields the input gave shared with the models given the same
    fields: pydantic makes one per model (728 bytes for five names), 57 MB of 60,000
    targets and their metrics. Rule models are frozen, so pydantic never adds to the set;
    `model_copy` copies it before it does."""
    given = model.__pydantic_fields_set__
    shared = _FIELD_SETS.setdefault(frozenset(given), given)
    if shared is not given:
        object.__setattr__(model, "__pydantic_fields_set__", shared)
    return model


def _sharing_all(models: list[M]) -> list[M]:
    """`_sharing` of each model, where models validated in one call mostly give the same
    fields: a comparison with the last shared set replaces hashing each model's set."""
    last: set[str] | None = None
    for model in models:
        given = model.__pydantic_fields_set__
        if given != last:
            last = _FIELD_SETS.setdefault(frozenset(given), given)
        if given is not last:
            object.__setattr__(model, "__pydantic_fields_set__", last)
    return models


def _model_of(key: str, raw: Any, doc: Document, path: Path) -> type[BaseModel] | None:
    """The model an item is validated with, when it is a mapping that is not refused and
    (a target) states one goal; None for the others, validated on their own."""
    if type(raw) is not dict or path in doc.rejected:
        return None
    if key != "targets":
        return _LIST_MODELS[key]
    kinds = kinds_in(raw)
    return KINDS[kinds[0]] if len(kinds) == 1 else None


def _validate(
    model: type[M], raw: Any, doc: Document, path: Path, what: str, *, found: Collected
) -> Item[M] | None:
    if not isinstance(raw, dict):
        found.problems.append(
            Diagnostic(doc.locate(path), f"expected a mapping for {what}, got {describe(raw)}")
        )
        return None
    try:
        return Item(_sharing(model.model_validate(raw)), doc, path)
    except ValidationError as exc:
        found.problems += diagnose(exc, doc, path, model, what, raw=raw)
        if isinstance(raw.get("id"), str):
            found.broken.add((str(path[0]), raw["id"]))
        _keep_references(raw, doc, path, found)
        return None


_REFERENCES = {"targets": ("metric", "source"), "figures": ("metric", "source")}


def _keep_references(raw: dict[Any, Any], doc: Document, path: Path, found: Collected) -> None:
    """The metric and source an invalid target or figure names, to be checked later."""
    for key in _REFERENCES.get(str(path[0]), ()):
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            found.dangling.append((key, value.strip(), doc.locate((*path, key))))


_BASE_KEYS = keys_of(TargetBase)
_ALL_TARGET_KEYS = sorted(
    {key for cls in KINDS.values() for key in keys_of(cls)} | set(KIND_KEYS) | set(_BASE_KEYS)
)


def _validate_target(
    raw: Any, doc: Document, path: Path, found: Collected
) -> Item[TargetBase] | None:
    if not isinstance(raw, dict):
        found.problems.append(
            Diagnostic(doc.locate(path), f"expected a mapping for a target, got {describe(raw)}")
        )
        return None
    kinds = kinds_in(raw)
    if len(kinds) != 1 and isinstance(raw.get("id"), str):
        found.broken.add(("targets", raw["id"]))
    if len(kinds) != 1:
        _keep_references(raw, doc, path, found)
    if len(kinds) == 1:
        return _validate(KINDS[kinds[0]], raw, doc, path, f"a {kinds[0]} target", found=found)
    if kinds:
        goal_keys = [k for k in raw if k in KIND_KEYS]
        second = goal_keys[-1]
        found.problems.append(
            Diagnostic(
                doc.locate((*path, second), key=True),
                "a target states one goal; this one says "
                + " and ".join(f"'{k}'" for k in goal_keys)
                + ": split it into several targets",
            )
        )
        return None
    if None in raw:
        found.problems.append(
            Diagnostic(
                doc.locate((*path, path_key(None)), key=True),
                "an empty (null) key in a target: a key is a name, such as 'metric'",
            )
        )
    unknown = [k for k in raw if isinstance(k, str) and k not in _ALL_TARGET_KEYS]
    for key in unknown:
        hint = did_you_mean(key, _ALL_TARGET_KEYS)
        found.problems.append(
            Diagnostic(
                doc.locate((*path, key), key=True), f"unknown key {quoted(key)} in a target{hint}"
            )
        )
    if not unknown or not any(did_you_mean(k, KIND_KEYS) for k in unknown):
        target_id = raw.get("id")
        name = f"target '{target_id}'" if isinstance(target_id, str) else "this target"
        found.problems.append(
            Diagnostic(
                doc.locate(path),
                f"{name} states no goal: add one of {one_of(list(KIND_KEYS))}",
            )
        )
    return None
