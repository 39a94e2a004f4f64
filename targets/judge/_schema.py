"""`targets.json_schema`: the schema of rules and figures files, or of the JSON report."""

from __future__ import annotations

from typing import Any

__all__ = ["json_schema"]


def json_schema(*, results: bool = False) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every rules and figures file satisfies; with
    `results`, the schema of the JSON report of ``targets check`` instead.

    The schema models are imported here, on call: building them costs every check
    55 ms of start-up for a schema it never prints."""
    if results:
        from targets.judge._results_schema import results_json_schema  # noqa: PLC0415

        return results_json_schema()
    from targets.rules._schema import rules_json_schema  # noqa: PLC0415

    return rules_json_schema()
