"""The safe YAML reader: 1.2 scalars, refusals with positions, and positions for every node."""

from __future__ import annotations

import math

import pytest

from targets.rules._yaml import resolve_plain
from targets.rules._yaml_events import load_yaml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),  # YAML 1.1 would say True
        ("no", "no"),
        ("on", "on"),
        ("2025-01-24", "2025-01-24"),  # 1.1 would make a date
        ("1_000", "1_000"),  # 1.1 would make 1000
        ("0o17", 15),
        ("0x1F", 31),
        ("007", 7),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("12.5", 12.5),
        ("-3", -3),
        ("1e3", 1000.0),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
    ],
)
def test_plain_scalars_resolve_by_the_yaml_1_2_core_schema(text: str, expected: object) -> None:
    assert resolve_plain(text) == expected


def test_nan_resolves_to_a_float_nan_for_the_models_to_refuse() -> None:
    assert math.isnan(resolve_plain(".nan"))


def test_quoted_scalars_stay_text() -> None:
    doc, problems = load_yaml("a: \"12\"\nb: 'true'\n", "f.yaml")
    assert problems == []
    assert doc.data == {"a": "12", "b": "true"}


def test_every_value_and_key_has_its_line_and_column() -> None:
    doc, _ = load_yaml("targets:\n  - id: x\n    by: 2025\n", "f.yaml")
    assert (doc.values[("targets", 0, "by")].line, doc.values[("targets", 0, "by")].col) == (3, 9)
    assert (doc.keys[("targets", 0, "by")].line, doc.keys[("targets", 0, "by")].col) == (3, 5)
    assert doc.values[("targets", 0)].line == 2


def test_duplicate_keys_are_refused_at_the_second_with_the_first_position() -> None:
    doc, problems = load_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [str(p) for p in problems] == [
        "f.yaml:3:1: duplicate key 'a' (first written at line 1, column 1)"
    ]
    assert doc.data == {"a": 1, "b": 2}  # the first value is kept, not silently the last


def test_duplicate_keys_in_flow_mappings_are_refused_too() -> None:
    _, problems = load_yaml("a: {x: 1, x: [1, 2]}\n", "f.yaml")
    assert len(problems) == 1
    assert "duplicate key 'x'" in problems[0].message


def test_anchors_and_aliases_are_refused_where_they_are_written() -> None:
    doc, problems = load_yaml("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert [(p.location.line, p.location.col) for p in problems] == [(1, 4), (2, 4)]
    assert "anchors are not allowed" in problems[0].message
    assert "aliases are not allowed" in problems[1].message
    assert ("b",) in doc.rejected


def test_billion_laughs_never_expands() -> None:
    text = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, *c]\n"
    doc, problems = load_yaml(text, "f.yaml")
    assert len(problems) >= 4
    assert doc.data["d"] == [doc.data["d"][0]] * 3  # three refusal markers, nothing expanded


def test_tags_are_refused() -> None:
    _, problems = load_yaml("a: !!python/object:os.system {}\nb: !custom 3\n", "f.yaml")
    assert len(problems) == 2
    assert all("tags are not allowed" in p.message for p in problems)


def test_a_second_document_is_refused() -> None:
    _, problems = load_yaml("a: 1\n---\nb: 2\n", "f.yaml")
    assert [p.location.line for p in problems] == [2]


def test_syntax_errors_come_back_as_one_positioned_diagnostic() -> None:
    doc, problems = load_yaml("a: [1,\n b: 2", "f.yaml")
    assert doc.data is None
    assert len(problems) == 1
    assert problems[0].message.startswith("invalid YAML")


def test_tabs_get_a_message_that_says_so() -> None:
    _, problems = load_yaml("a:\n\t- 1\n", "f.yaml")
    assert "tab" in problems[0].message


def test_deep_nesting_is_refused_not_recursed() -> None:
    _, problems = load_yaml("[" * 200 + "]" * 200, "f.yaml")
    assert len(problems) == 1
    assert "nesting deeper than" in problems[0].message


def test_complex_keys_are_refused_and_the_rest_of_the_mapping_survives() -> None:
    doc, problems = load_yaml("? [a]\n: 1\nb: 2\n", "f.yaml")
    assert doc.data == {"b": 2}
    assert len(problems) == 1


def test_an_empty_file_is_no_data_and_no_error() -> None:
    doc, problems = load_yaml("# only a comment\n", "f.yaml")
    assert doc.data is None
    assert problems == []
