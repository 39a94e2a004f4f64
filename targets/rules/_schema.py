"""The JSON Schema of rules and figures files, generated from the models.

Editors use it (``# yaml-language-server: $schema=...``) to complete keys and flag mistakes
while a planner types; the copy committed under ``schema/`` is checked against the models
by a test, so it cannot go stale.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from targets.rules._figures import FigureSpec
from targets.rules._model import Metric, ProgrammeInfo, Source
from targets.rules._targets import Target
from targets.rules._types import Model, empty_refused

__all__ = ["SCHEMA_DIALECT", "RulesFile", "rules_json_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class RulesFile(Model):
    """A rules or figures file. Every section is optional; across the files of one check,
    exactly one declares the programme."""

    programme: ProgrammeInfo | None = None
    sources: list[Source] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    figures: list[FigureSpec] = Field(default_factory=list)


def rules_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every rules and figures file satisfies."""
    schema = RulesFile.model_json_schema(by_alias=True)
    _no_null_where_refused(schema.get("$defs", {}))
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "targets rules and figures file"
    return {"$schema": schema.pop("$schema"), **schema}


def _no_null_where_refused(definitions: dict[str, Any]) -> None:
    """A field that may be left out but not written empty (`empty_refused`) allows no null:
    pydantic writes its optional type as 'anything or null', with a null default."""
    models = {cls.__name__: cls for cls in _models(Model)}
    for name, definition in definitions.items():
        model = models.get(name)
        if model is None:
            continue
        for field in empty_refused(model):
            alias = model.model_fields[field].alias or field
            prop = definition.get("properties", {}).get(alias)
            if prop is None or "anyOf" not in prop:
                continue
            prop["anyOf"] = [option for option in prop["anyOf"] if option != {"type": "null"}]
            if prop.get("default", ...) is None:
                del prop["default"]


def _models(base: type[Model]) -> list[type[Model]]:
    """`base`'s subclasses, at every depth."""
    found = []
    for sub in base.__subclasses__():
        found += [sub, *_models(sub)]
    return found
