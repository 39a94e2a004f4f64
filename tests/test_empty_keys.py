"""A key written but left empty where reading it as absent would change a verdict in silence
is refused at the key: a figure's entity (else about the whole metric), source (no
preference, no edition), published (another edition under --as-of), change and since; a
source's date (its figures' edition); the programme's base year and method. An empty cell
of a CSV file is a value not given, as before; an empty note, name or quote is not given."""

from __future__ import annotations

from pathlib import Path

import pytest

import targets
from tests.readers import read_by

from .fuzz.runner import run

RULES = """\
programme: {id: p, name: P}
sources:
  - {id: gso, publisher: GSO, date: 2025-01-24}
metrics:
  - {id: firms, name: Firms, unit: firm, direction: higher}
targets:
  - {id: firms-2030, metric: firms, at_least: 100000, by: 2030, base: 2020, for_each: all}
"""

FIGURE = "  - {metric: firms, period: 2023, value: 90000, unit: firm, %s: }\n"
"""A figure with one key left empty."""


@pytest.mark.parametrize(
    ("key", "give"),
    [
        ("entity", "the entity it is about, or leave the key out"),
        ("source", "a source's id, or leave the key out"),
        ("published", "a date such as 2025-01-24, or leave the key out (the source's date)"),
        ("change", "a change such as '+7 %', or leave the key out"),
        ("since", "a period such as 2022, or leave the key out"),
    ],
)
def test_a_figure_key_that_changes_the_verdict_is_refused_when_left_empty(
    tmp_path: Path, key: str, give: str
) -> None:
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "f.yaml").write_text("figures:\n" + FIGURE % key, encoding="utf-8")
    done = run("validate", str(tmp_path))
    assert done.exit_code == 2, str(done)
    assert "Traceback" not in done.stderr
    line = FIGURE % key
    column = line.index(f"{key}: ") + len(f"{key}: ") + 1  # where its value would be
    assert f"{tmp_path}/f.yaml:2:{column}: '{key}': empty; give {give}" in done.stderr, str(done)


def test_a_source_date_and_the_programme_base_and_method_are_refused_when_left_empty(
    tmp_path: Path,
) -> None:
    rules = RULES.replace("{id: p, name: P}", "{id: p, name: P, base: , method: }").replace(
        "date: 2025-01-24", "date: "
    )
    (tmp_path / "rules.yaml").write_text(rules, encoding="utf-8")
    with pytest.raises(targets.LoadError) as caught:
        targets.load(tmp_path)
    errors = [d for d in caught.value.diagnostics if d.severity == "error"]  # no entity: warned
    said = [f"{d.location.line}:{d.location.col}: {d.message}" for d in errors]
    assert said == [
        "1:35: 'base': empty; give a year such as 2015, or leave the key out",
        "1:45: 'method': empty; give a method's name, or leave the key out",
        "3:37: 'date': empty; give a date such as 2025-01-24, or leave the key out",
    ]


@pytest.mark.parametrize("columnar", [False, True])
def test_empty_cells_of_a_csv_file_are_values_not_given(
    tmp_path: Path, columnar: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_by(monkeypatch, columnar=columnar)
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "f.csv").write_text(
        "metric,period,value,unit,entity,source,published,note\n"
        "firms,2020,50000,firm,Hanoi,,,\n"
        "firms,2023,90000,firm,Hanoi,gso,,\n",
        encoding="utf-8",
    )
    programme = targets.load(tmp_path)
    published = [f.published.label if f.published else None for f in programme.figures]
    assert [(f.entity, f.source and f.source.id, f.note) for f in programme.figures] == [
        ("Hanoi", None, None),
        ("Hanoi", "gso", None),
    ]
    assert published == [None, "2025-01-24"]  # no edition; the source's date (docs/rules.md)


def test_an_empty_note_name_or_quote_is_read_as_not_given(tmp_path: Path) -> None:
    rules = RULES.replace("{id: p, name: P}", "{id: p, name: P, note: }")
    (tmp_path / "rules.yaml").write_text(rules, encoding="utf-8")
    (tmp_path / "f.yaml").write_text(
        "figures:\n  - {metric: firms, period: 2023, value: 90000, unit: firm, note: , quote: }\n",
        encoding="utf-8",
    )
    programme = targets.load(tmp_path)
    assert programme.info.note is None
    assert [(f.note, f.quote) for f in programme.figures] == [(None, None)]
