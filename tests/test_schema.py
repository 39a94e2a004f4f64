"""The JSON Schema: generated from the models, committed, and valid for the example files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from targets import json_schema
from targets.rules._yaml_events import load_yaml

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "schema" / "targets.schema.json"
EXAMPLE_FILES = sorted(ROOT.glob("examples/**/*.yaml"))


def _data(path: Path) -> Any:
    doc, problems = load_yaml(path.read_text(encoding="utf-8"), str(path))
    assert problems == []
    return doc.data


def test_the_committed_schema_is_what_the_models_generate() -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == json_schema(), (
        "schema/targets.schema.json is stale: run `targets schema -o schema/targets.schema.json`"
    )


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_there_are_example_files_to_check() -> None:
    assert len(EXAMPLE_FILES) >= 2


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_example_files_validate_against_the_schema(
    path: Path, rules_validator: jsonschema.Draft202012Validator
) -> None:
    rules_validator.validate(_data(path))


def test_example_files_point_editors_at_the_committed_schema() -> None:
    for path in EXAMPLE_FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
        assert target == COMMITTED.resolve(), path


@pytest.mark.parametrize(
    "document",
    [
        {"targets": [{"id": "x", "metirc": "m", "at_least": 1, "by": 2025}]},
        {"targets": [{"id": "x", "metric": "m", "by": 2025}]},
        {"targets": [{"id": "x", "metric": "m", "at_least": 1, "at_most": 2, "by": 2025}]},
        {"metrics": [{"id": "m", "name": "M", "unit": "firm", "direction": "up"}]},
        {"figures": [{"metric": "m", "period": 2024, "value": 1, "unit": "firm", "kind": "guess"}]},
        {"programme": {"name": "P", "colour": "red"}},
        # keys written but left empty, which the loader refuses (an editor says so too)
        {"targets": [{"id": "x", "metric": "m", "at_least": None, "by": 2025}]},
        {"targets": [{"id": "x", "metric": "m", "at_least": 1, "by": 2025, "base": None}]},
        {"targets": [{"id": "x", "metric": "m", "top": 3, "by": 2025, "for_each": None}]},
        {"metrics": [{"id": "m", "name": "M", "unit": "%", "limit": None}]},
        {
            "targets": [
                {
                    "id": "x",
                    "metric": "m",
                    "at_least": 1,
                    "by": 2025,
                    "for_each": "all",
                    "overrides": {"A": {"by": None}},
                }
            ]
        },
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(
    document: dict[str, Any], rules_validator: jsonschema.Draft202012Validator
) -> None:
    with pytest.raises(jsonschema.ValidationError):
        rules_validator.validate(document)


def test_the_schema_still_takes_an_empty_key_the_loader_reads_as_absent(
    rules_validator: jsonschema.Draft202012Validator,
) -> None:
    # a note or an owner left empty is no goal, base or method: read as not given
    target = {"id": "x", "metric": "m", "at_least": 1, "by": 2025, "note": None, "owner": None}
    rules_validator.validate({"targets": [target]})
