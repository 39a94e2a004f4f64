"""The HTML page of a large report stays proportionate: a target judged for each entity is
one section of sparklines (its worst entities first, capped, the rest counted), full cards
are capped worst first, and a small report keeps a card per result.

The caps are lowered here (monkeypatch) so small synthetic programmes cross them; the
behaviour pinned is the same at the real sizes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import targets
from targets.engine import WORST_FIRST, Status
from targets.judge import used_series
from targets.render import _html, _html_scale

Write = Callable[[dict[str, str]], Path]

HEAD = """\
programme: {name: Regions}
metrics:
  - {id: m, name: M, unit: firm, direction: higher}
"""
RULE = (
    "  - {id: reach-40, name: Reach 40, metric: m, at_least: 40, by: 2030, base: 2015, "
    "for_each: all}\n"
)


@pytest.fixture
def caps(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page is 'large' above 10 results, keeps 4 cards and draws 8 sparklines a target."""
    monkeypatch.setattr(_html, "FULL_PAGE", 10)
    monkeypatch.setattr(_html_scale, "FULL_PAGE", 10)
    monkeypatch.setattr(_html_scale, "MAX_CARDS", 4)
    monkeypatch.setattr(_html_scale, "SPARKS_PER_TARGET", 8)


def regions(write: Write, n: int, *, names: dict[int, str] | None = None) -> targets.Report:
    """`n` regions; region i grows from 10 to 10 + i between 2015 and 2024 (R000 not at
    all: the worst), and from 30 on they have reached 40."""
    names = names or {}
    rows = ["metric,entity,period,value,unit"]
    for i in range(n):
        name = names.get(i, f"R{i:03d}")
        rows += [f"m,{name},2015,10,firm", f"m,{name},2020,{10 + i // 2},firm"]
        rows += [f"m,{name},2024,{10 + i},firm"]
    files = {"p/rules.yaml": HEAD + "targets:\n" + RULE, "p/f.csv": "\n".join(rows) + "\n"}
    return targets.check(write(files) / "p")


def _parse(document: str) -> ET.Element:
    return ET.fromstring(document)  # the page is well-formed XML, whatever the input


def _of_class(root: ET.Element, tag: str, name: str) -> list[ET.Element]:
    return [e for e in root.iter(tag) if name in (e.get("class") or "").split()]


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.mark.usefixtures("caps")
def test_a_target_for_each_entity_is_one_section_of_capped_sparklines_worst_first(
    write: Write,
) -> None:
    report = regions(write, 40)
    root = _parse(report.to_html())
    sections = _of_class(root, "section", "per-entity")
    assert len(sections) == 1
    sparks = _of_class(sections[0], "figure", "spark")
    assert len(sparks) == 8  # SPARKS_PER_TARGET
    captions = [_text(s).removeprefix("✗ ") for s in sparks]
    assert captions[0] == "R000"  # it does not grow: the worst
    ranks = [WORST_FIRST.index(Status(s.get("data-status", ""))) for s in sparks]
    assert ranks == sorted(ranks)
    statuses = {r.entity: r.status for r in report}
    assert [statuses[c].value for c in captions] == [s.get("data-status") for s in sparks]
    assert "… and 32 more entities of reach-40 not drawn" in _text(sections[0])
    counted = _text(_of_class(sections[0], "ul", "legend")[0])
    for status, n in report.summary.items():
        if n:
            assert f"{status.replace('_', ' ')} {n}" in counted


@pytest.mark.usefixtures("caps")
def test_only_the_worst_entity_of_a_target_gets_a_full_card(write: Write) -> None:
    report = regions(write, 40)
    root = _parse(report.to_html())
    found = [e for e in root.iter("article") if e.get("class") == "card"]
    assert [c.get("id") for c in found] == ["target-reach-40[R000]"]
    linked = [a.get("href") for a in root.iter("a") if (a.get("href") or "").startswith("#target")]
    assert "#target-reach-40[R000]" in linked  # its sparkline leads to its card


@pytest.mark.usefixtures("caps")
def test_a_sparkline_draws_the_figures_its_verdict_used_and_the_target(write: Write) -> None:
    report = regions(write, 40)
    rows = [report.keys.index("reach-40[R004]")]
    ((times, values),) = used_series(report, rows)
    result = report["reach-40[R004]"]
    assert times.tolist() == list(result.evidence.times)
    assert values.tolist() == [f.low for f in result.evidence.figures]
    root = _parse(report.to_html())
    spark = next(s for s in _of_class(root, "figure", "spark") if _text(s).endswith("R004"))
    line = next(spark.iter("{http://www.w3.org/2000/svg}polyline"), None) or next(
        spark.iter("polyline")
    )
    assert len((line.get("points") or "").split()) == 3  # three figures
    assert any(c.get("class") == "goal" for c in spark.iter("circle"))


@pytest.mark.usefixtures("caps")
def test_entity_names_are_escaped_in_sparklines_cards_and_the_table(write: Write) -> None:
    hostile = "<img src=x onerror=alert(1)>&amp"
    report = regions(write, 20, names={0: hostile})
    document = report.to_html()
    assert "<img" not in document
    root = _parse(document)
    assert not list(root.iter("img"))
    sparks = _of_class(root, "figure", "spark")
    assert _text(sparks[0]).removeprefix("✗ ") == hostile  # shown as text, whole


@pytest.mark.usefixtures("caps")
def test_targets_judged_once_keep_the_worst_cards_and_count_the_rest(write: Write) -> None:
    metrics = "".join(
        f"  - {{id: m{i:02d}, name: M{i}, unit: firm, direction: higher}}\n" for i in range(12)
    )
    rules = "".join(
        f"  - {{id: t{i:02d}, metric: m{i:02d}, at_least: 40, by: 2030, base: 2015}}\n"
        for i in range(12)
    )
    rows = ["metric,period,value,unit"]
    for i in range(12):  # t00..t05 do not grow (regressing or off track), t06.. reach 40
        end = 10 if i < 6 else 45
        rows += [f"m{i:02d},2015,10,firm", f"m{i:02d},2024,{end},firm"]
    head = "programme: {name: Many}\nmetrics:\n" + metrics
    files = {"q/rules.yaml": head + "targets:\n" + rules, "q/f.csv": "\n".join(rows) + "\n"}
    report = targets.check(write(files) / "q")
    root = _parse(report.to_html())
    found = [e for e in root.iter("article") if e.get("class") == "card"]
    assert len(found) == 4  # MAX_CARDS
    assert all(c.get("data-status") != "achieved" for c in found)  # the worst come first
    page = _text(root)
    achieved = report.summary["achieved"]
    assert f"… and {achieved} more achieved" in page
    glance = _of_class(root, "table", "glance")[0]
    assert len(list(glance.iter("tr"))) == 1 + 4  # the head and a row per card
    assert "… and 8 more targets judged once" in page


def test_a_small_report_keeps_a_card_per_result(write: Write) -> None:
    report = regions(write, 40)  # 40 results: below FULL_PAGE
    root = _parse(report.to_html())
    found = [e for e in root.iter("article") if e.get("class") == "card"]
    assert len(found) == len(report) == 40
    assert not _of_class(root, "section", "per-entity")


def test_used_series_of_results_not_judged_in_bulk_reads_their_evidence(
    example_report: targets.Report,
) -> None:
    rows = list(range(len(example_report)))
    drawn = used_series(example_report, rows)
    for result, (times, _) in zip(example_report, drawn, strict=True):
        assert times.tolist() == list(result.evidence.times)
    assert all(np.all(np.diff(t) > 0) for t, _ in drawn)


@pytest.mark.usefixtures("caps")
def test_every_link_within_a_large_page_leads_to_something_on_it(write: Write) -> None:
    root = _parse(regions(write, 40).to_html())
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    hrefs = [a.get("href") or "" for a in root.iter("a")]
    inner = {href[1:] for href in hrefs if href.startswith("#")}
    assert "target-reach-40[R000]" in inner  # links are there to check
    assert inner - ids == set()
    lead = _text(_of_class(root, "p", "lead")[0])
    assert "assessable results are achieved or on track" in lead  # pairs, not targets
