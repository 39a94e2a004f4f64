"""`targets.json_schema`: the schema of rules and figures files, or of the JSON report."""

from __future__ import annotations

from typing import Any

from targets.judge._results_schema import results_json_schema
from targets.rules import rules_json_schema

__all__ = ["json_schema"]


def json_schema(*, results: bool = False) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every rules and figures file satisfies; with
    `results`, the schema of the JSON report of ``targets check`` instead."""
    return results_json_schema() if results else rules_json_schema()
