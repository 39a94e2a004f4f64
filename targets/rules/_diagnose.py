"""Turn pydantic's validation errors into diagnostics a planner can act on.

pydantic says "Extra inputs are not permitted" at a location tuple; a planner needs
"programme.yaml:12:5: unknown key 'metirc' in a target (did you mean 'metric'?)". The
location tuple is looked up in the YAML positions, and the allowed keys come from walking
the model classes along the same path.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from targets._safe import quoted
from targets.rules._errors import Diagnostic, one_of
from targets.rules._suggest import did_you_mean
from targets.rules._types import ID_RULE, describe
from targets.rules._yaml import Document, Path

__all__ = ["diagnose", "keys_of", "model_at"]


_NOUNS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "yes or no",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def keys_of(model: type[BaseModel]) -> list[str]:
    """The keys a model accepts, as written in YAML (aliases win)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def model_at(root: type[BaseModel], loc: Iterable[str | int]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc` below `root`, if any."""
    current: Any = root
    for step in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field(current, step)
            if field is None:
                return None
            current = field
        elif isinstance(step, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field(model: type[BaseModel], step: str | int) -> Any:
    for name, info in model.model_fields.items():
        if step in {name, info.alias}:
            return info.annotation
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional until a class or a container type remains."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in {typing.Union, types.UnionType}:
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
            annotation = models[0] if models else members[0]
        else:
            return annotation


def diagnose(
    error: ValidationError,
    doc: Document,
    prefix: Path,
    model: type[BaseModel],
    what: str,
    *,
    raw: Any = None,
) -> list[Diagnostic]:
    """One diagnostic per pydantic error of an item at `prefix` validated by `model` (`raw`:
    the item as read, whose keys tell pydantic's steps into a union's members apart)."""
    found: list[Diagnostic] = []
    errors = _unions_said_once(error.errors(include_url=False), raw)
    misspelt = _misspelt(errors, model)
    for error_item in errors:
        item = error_item
        loc: Path = tuple(item["loc"])
        path = (*prefix, *loc)
        if any(path[: i + 1] in doc.rejected for i in range(len(path))):
            continue  # an alias already reported here
        if item["type"] == "missing" and loc in misspelt:
            continue  # reported as the misspelt key that was meant to be it
        if item["type"] == "too_short" and (written := _written(raw, loc)) is not None:
            context = item.get("ctx", {})
            if _inside(loc, errors) and written >= context.get("min_length", written + 1):
                continue  # too few items once a bad one is left out: the bad one is said
            item = {**item, "ctx": {**context, "actual_length": written}}  # as written
        found.append(_one(item, loc, path, doc, model=model, what=what))
    return found


_MISMATCH = {"literal_error", *_NOUNS}
"""What a union's member says when the value is not of its type at all."""


def _written(raw: Any, loc: Path) -> int | None:
    """How many items the list at `loc` was written with (pydantic counts those left once
    bad ones are dropped), or None where `loc` leads to no list of the input."""
    value = raw
    for step in loc:
        if isinstance(value, dict) and step in value:  # noqa: SIM114 - mypy: one index type each
            value = value[step]
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            return None
    return len(value) if isinstance(value, list) else None


def _inside(loc: Path, errors: list[Any]) -> bool:
    """Whether some other error is about a value inside the one at `loc`."""
    return any(len(e["loc"]) > len(loc) and tuple(e["loc"][: len(loc)]) == loc for e in errors)


def _unions_said_once(errors: list[Any], raw: Any) -> list[Any]:
    """pydantic reports a value that fits no member of a union once per member, each at a
    location holding the member's name (``for_each.literal['all']``); a planner needs one
    message at the key. Where some member got further into the value (a mapping for the
    mapping member), its errors are the ones that say what is wrong; else one error says
    every form the key takes."""
    if raw is None:
        return errors
    unions: dict[Path, list[Any]] = {}  # by where the union is: its members' errors
    plain: list[Any] = []
    for item in errors:
        loc, at = _untagged(tuple(item["loc"]), raw, item["type"] == "missing")
        if at is None:
            plain.append(item)
        else:
            unions.setdefault(at, []).append({**item, "loc": loc})
    for at, members in unions.items():
        deeper = [i for i in members if len(i["loc"]) > len(at) or i["type"] not in _MISMATCH]
        if deeper:
            plain += deeper
            continue
        forms = []
        for item in members:
            if item["type"] == "literal_error":
                forms.append(item.get("ctx", {}).get("expected", ""))
            else:
                forms.append(_NOUNS[item["type"]])
        kinds = list(dict.fromkeys(f for f in forms if f))
        said = ", ".join(kinds[:-1]) + " or " + kinds[-1] if len(kinds) > 1 else "".join(kinds)
        plain.append({"type": "union_mismatch", "loc": at, "input": members[0].get("input"),
                      "msg": said})  # fmt: skip
    return plain


def _untagged(loc: Path, raw: Any, missing: bool) -> tuple[Path, Path | None]:
    """`loc` without the steps that name a union's member rather than a key or an index
    of the input, and where the first such step was (None: no union on the way)."""
    kept: list[str | int] = []
    at: Path | None = None
    data: Any = raw
    for index, step in enumerate(loc):
        key = step
        if isinstance(data, dict) and isinstance(step, str) and step not in data:
            key = _key_named(data, step)  # pydantic names a null key 'None', as paths do
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        elif not (missing and index == len(loc) - 1):  # a missing key is absent, not a member
            if at is None:
                at = tuple(kept)
            continue
        kept.append(step)
    return tuple(kept), at


def _key_named(data: dict[Any, Any], step: str) -> Any:
    """The key of `data` that a path names `step`: a key that is no text (null, a number)
    is named by its text in paths (`path_key`), and so by pydantic; else `step`."""
    for key in data:
        if not isinstance(key, str) and str(key) == step:
            return key
    return step


def _misspelt(errors: list[Any], model: type[BaseModel]) -> set[Path]:
    """Locations of missing keys that an unknown key nearby was probably meant to be."""
    meant: set[Path] = set()
    for item in errors:
        loc = tuple(item["loc"])
        if item["type"] != "extra_forbidden" or not loc:
            continue
        parent = model_at(model, loc[:-1])
        if parent is None:
            continue
        hint = did_you_mean(str(loc[-1]), keys_of(parent))
        if hint:
            meant.add((*loc[:-1], hint.split("'")[1]))
    return meant


def _one(
    item: Any, loc: Path, path: Path, doc: Document, *, model: type[BaseModel], what: str
) -> Diagnostic:
    kind: str = item["type"]
    value = item.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        parent = model_at(model, loc[:-1])
        allowed = keys_of(parent) if parent else []
        hint = did_you_mean(key, allowed)
        if not hint and 0 < len(allowed) <= 6:
            hint = f"; use {one_of(allowed)}"
        named = [step for step in loc[:-1] if isinstance(step, str)]
        where = f" in '{named[-1]}'" if named else f" in {what}"
        return Diagnostic(doc.locate(path, key=True), f"unknown key {quoted(key)}{where}{hint}")
    if kind == "invalid_key":
        if value is None:  # `~:` or `null:`, or a key left empty (`? `)
            message = f"an empty (null) key in {what}: a key is a name, such as 'metric'"
        else:
            said = quoted(value) if isinstance(value, str) else repr(value)
            message = f"unknown key {said} in {what}"
        return Diagnostic(doc.locate(path, key=True), message)
    if kind == "missing":
        last = loc[-1] if loc else "?"
        if isinstance(last, int):
            return Diagnostic(doc.locate(path[:-1]), "this list needs one more item")
        return Diagnostic(doc.locate(path[:-1]), f"{what} needs '{last}'{_label(loc)}")
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",")]
        choices = [c for c in choices if c]
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        message = f"expected {one_of(choices)}, got {describe(value)}{hint}"
        return Diagnostic(doc.locate(path), f"{_name(loc)}{message}")
    if kind == "union_mismatch":
        return Diagnostic(
            doc.locate(path), f"{_name(loc)}expected {item['msg']}, got {describe(value)}"
        )
    if kind in {"value_error", "assertion_error"}:
        message = str(item["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        return Diagnostic(doc.locate(path), f"{_name(loc)}{message}")
    if kind in _NOUNS:
        return Diagnostic(
            doc.locate(path), f"{_name(loc)}expected {_NOUNS[kind]}, got {describe(value)}"
        )
    if kind == "string_pattern_mismatch":
        return Diagnostic(
            doc.locate(path),
            f"{_name(loc)}{quoted(value)} is not a valid id: {ID_RULE}",
        )
    if kind in {"too_short", "too_long"}:
        context = item.get("ctx", {})
        if context.get("field_type") in {"List", "Tuple", "Set"}:  # not pydantic's type names
            most = "at least" if kind == "too_short" else "at most"
            limit = context.get("min_length" if kind == "too_short" else "max_length")
            said = f"{most} {limit} items, got {context.get('actual_length')}"
            return Diagnostic(doc.locate(path), f"{_name(loc)}expected {said}")
        return Diagnostic(doc.locate(path), f"{_name(loc)}{_lower(item['msg'])}")
    if kind.startswith(("greater_than", "less_than")):
        return Diagnostic(doc.locate(path), f"{_name(loc)}{_lower(item['msg'])}")
    return Diagnostic(doc.locate(path), f"{_name(loc)}{_lower(item['msg'])}")


def _name(loc: Path) -> str:
    keys = [str(step) for step in loc if isinstance(step, str)]
    return f"'{keys[-1]}': " if keys else ""


def _label(loc: Path) -> str:
    return "" if len(loc) <= 1 else f" (in '{'.'.join(str(s) for s in loc[:-1])}')"


def _lower(message: str) -> str:
    return message[:1].lower() + message[1:]
