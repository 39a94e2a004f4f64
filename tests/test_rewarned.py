"""Warnings the figures decide are said again when figures are added in code: an override
for an entity no figure has, a target judged for no entity. `with_figures` and
`add_figure` give the warnings loading the same figures from files gives."""

from __future__ import annotations

from pathlib import Path

import targets

RULES = """\
programme: {id: p, name: P}
metrics:
  - {id: share, name: Share, unit: "%", direction: higher}
  - {id: firms, name: Firms, unit: firm, direction: higher}
targets:
  - id: share-2030
    metric: share
    at_least: 20 %
    by: 2030
    for_each: all
    overrides:
      Hue: {at_least: 25 %}
  - {id: firms-2030, metric: firms, at_least: 100, by: 2030, for_each: all}
"""
FIGURES = """\
figures:
  - {metric: share, period: 2020, value: 10, unit: "%", entity: Hanoi}
  - {metric: share, period: 2023, value: 15, unit: "%", entity: Hanoi}
"""
MORE = """\
figures:
  - {metric: share, period: 2020, value: 12, unit: "%", entity: Hue}
  - {metric: firms, period: 2020, value: 50, unit: firm, entity: Hue}
"""


def _said(programme: targets.Programme) -> list[str]:
    return [d.message for d in programme.warnings]


def test_figures_added_in_code_settle_the_warnings_they_answer(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "f.yaml").write_text(FIGURES, encoding="utf-8")
    loaded = targets.load(tmp_path)
    assert _said(loaded) == [
        "override for entity 'Hue' of target 'share-2030': no figure of its metric 'share' "
        "has that entity",
        "target 'firms-2030' is judged for no entity: no figure of its metric 'firms' names "
        "an entity",
    ]
    (tmp_path / "more.yaml").write_text(MORE, encoding="utf-8")
    added = loaded.with_figures(tmp_path / "more.yaml")
    assert _said(added) == []
    assert _said(added) == _said(targets.load(tmp_path))  # both files loaded together


def test_a_figure_added_for_another_entity_leaves_the_warning(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "f.yaml").write_text(FIGURES, encoding="utf-8")
    loaded = targets.load(tmp_path)
    added = loaded.add_figure(metric="share", period=2021, value=11, unit="%", entity="Hanoi")
    assert _said(added) == _said(loaded)
    located = [str(d.location) for d in added.warnings]
    assert located == [str(d.location) for d in loaded.warnings]
