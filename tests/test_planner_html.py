"""What Jupyter shows of a programme, a report and a result: escaped, well-formed, short."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

import targets
from targets.notebook import programme_html

Write = Callable[[dict[str, str]], Path]
PROVINCES = Path(__file__).resolve().parents[1] / "examples" / "vietnam-provinces"

HOSTILE = """\
programme:
  name: "Plan <script>alert('p')</script> & co"
metrics:
  - {id: m, name: "M <img src=x onerror=alert(1)>", unit: firm, direction: higher}
targets:
  - {id: t, name: "Goal <script>alert('t')</script>", metric: m, at_least: 100, by: 2030}
  - id: each
    name: "Each <b>bold</b>"
    metric: m
    for_each: all
    at_least: 100
    by: 2030
    overrides: {"<script>x</script>": {at_least: 50}}
figures:
  - {metric: m, period: 2020, value: 10, unit: firm}
  - {metric: m, period: 2023, value: 30, unit: firm}
  - {metric: m, entity: "<script>e</script>", period: 2020, value: 10, unit: firm}
  - {metric: m, entity: "<script>e</script>", period: 2023, value: 20, unit: firm}
"""


@pytest.fixture
def hostile(write: Write) -> targets.Programme:
    return targets.load(write({"programme.yaml": HOSTILE}))


def shown(html: str) -> ET.Element:
    """The markup parsed as XML: it must be well formed, and holds no element from input."""
    tree = ET.fromstring(html)
    tags = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
    assert not tags & {"script", "img", "b"}, tags
    return tree


def test_markup_from_input_is_shown_as_text_never_run(hostile: targets.Programme) -> None:
    report = targets.check(hostile, as_of="2024-01-01")
    pages = [programme_html(hostile), report._repr_html_()]  # what Jupyter shows
    pages += [result._repr_html_() for result in report]
    texts = ["".join(shown(page).itertext()) for page in pages]
    assert "Plan <script>alert('p')</script> & co" in texts[0]
    assert "Goal <script>alert('t')</script>" in texts[0]
    assert "<script>e</script>" in texts[1]  # the entity's result, in the report's table


def test_a_programme_shows_each_target_and_whom_it_is_judged_for() -> None:
    """rules.yaml: two targets for every province, one for Bac Giang and Hanoi."""
    programme = targets.load(PROVINCES)
    rows = shown(programme_html(programme)).findall(".//tbody/tr")
    judged_for = {row[0].findtext("code"): row[2].text for row in rows}
    assert judged_for == {
        "de-share-grdp-20-2025-provinces": "each entity",
        "de-share-grdp-30-2030-provinces": "each entity",
        "dti-rank-provincial-goals-2025": "Bac Giang, Hanoi",
    }


def test_a_programme_lists_the_warnings_of_its_load(hostile: targets.Programme) -> None:
    (warning,) = hostile.warnings
    items = shown(programme_html(hostile)).findall(".//li")
    assert [item.text for item in items] == [str(warning)]


def test_showing_a_programme_report_or_result_needs_neither_pandas_nor_matplotlib() -> None:
    """Jupyter shows them without the notebook extra; only frames and charts need it."""
    script = (
        "import sys, targets\n"
        "from targets.notebook import programme_html\n"
        f"report = targets.check({str(PROVINCES)!r})\n"
        "programme_html(report.programme); report._repr_html_(); report[0]._repr_html_()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'matplotlib'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_result_card_of_one_entity_names_the_entity() -> None:
    """The rule is written for every province; the card is Hanoi's, as its chart says."""
    result = targets.check(PROVINCES)["de-share-grdp-20-2025-provinces[Hanoi]"]
    card = shown(result._repr_html_())  # what Jupyter shows
    assert card.findtext("p/strong") == f"Hanoi: {result.target.name}"
