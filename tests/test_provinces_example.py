"""The province-by-province example (examples/vietnam-provinces, issue 10): it validates, each
target with `for_each` is judged once per entity with the values its `overrides` record, and
its README shows real output of `check` (text, JSON, JUnit), `report` and `explain`."""

from __future__ import annotations

import collections
import functools
import json
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

import targets

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "vietnam-provinces"
README = (EXAMPLE / "README.md").read_text(encoding="utf-8")
SVG = "{http://www.w3.org/2000/svg}svg"
# The run's own duration and clock in JUnit, which no two runs share.
_RUN_TIMING = re.compile(r'( time="[0-9.]+"| timestamp="[0-9T:-]+")')


def _yaml(name: str) -> Any:
    return yaml.safe_load((EXAMPLE / name).read_text(encoding="utf-8"))


RULES: list[dict[str, Any]] = _yaml("rules.yaml")["targets"]
FIGURES: list[dict[str, Any]] = _yaml("figures.yaml")["figures"]
PER_ENTITY = [rule for rule in RULES if "for_each" in rule]


@functools.cache
def _run(command: str) -> tuple[int, str, str]:
    """A README command (`targets ...`) run as tests/test_readme.py runs the command of this
    checkout: in a pipe (80 columns), without colour, from the repository's root."""
    args = shlex.split(command)
    assert args[0] == "targets"
    done = subprocess.run(
        [sys.executable, "-m", "targets", *args[1:]],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    return done.returncode, done.stdout, done.stderr


def _block(command: str) -> list[str]:
    """The non-blank lines of the README's fenced block that starts with `$ command`."""
    blocks = re.findall(r"```\n\$ (.*?)\n(.*?)```", README, flags=re.DOTALL)
    found = [body for line, body in blocks if line == command]
    assert len(found) == 1, command
    return [line for line in found[0].splitlines() if line.strip()]


def _flat(line: str) -> str:
    return " ".join(line.split())


def _assert_in_order(excerpt: list[str], output: str) -> None:
    """The excerpt's runs of lines between `...` are runs of output lines, in the output's
    order (whitespace-normalised)."""
    lines = [_flat(line) for line in output.splitlines()]
    runs: list[list[str]] = [[]]
    for line in excerpt:
        if line.strip() == "...":
            runs.append([])
        else:
            runs[-1].append(_flat(line))
    at = 0
    for run in filter(None, runs):
        starts = [i for i in range(at, len(lines)) if lines[i : i + len(run)] == run]
        assert starts, run
        at = starts[0] + len(run)


def _pairs(lines: list[str]) -> dict[str, Any]:
    """The `"key": value` lines of a JSON excerpt whose value is a scalar, parsed."""
    pairs = {}
    for line in lines:
        found = re.fullmatch(r'\s*"([^"]+)": (.*?),?', line)
        if found and found[2] not in ("{", "["):
            pairs[found[1]] = json.loads(found[2])
    return pairs


def _value(amount: Any) -> float:
    """A goal's amount as the rules write it: `25 %` or a bare number."""
    return float(str(amount).split()[0].replace(",", ""))


def _entities(rule: dict[str, Any]) -> set[str]:
    """The entities a `for_each` target covers, read from the rules and figures alone."""
    chosen = rule["for_each"]
    if isinstance(chosen, list):
        return set(chosen)
    with_figures = {f["entity"] for f in FIGURES if f["metric"] == rule["metric"]}
    if chosen == "all":
        return with_figures
    return with_figures - set(chosen["all_but"])


@functools.cache
def _json() -> dict[str, Any]:
    code, output, _ = _run("targets check examples/vietnam-provinces --json -")
    assert code == 0
    result: dict[str, Any] = json.loads(output)
    return result


# --- (a) it validates, and the README's counts are the files' --------------------------------


def test_the_example_validates_with_the_counts_its_readme_states() -> None:
    code, output, _ = _run("targets validate examples/vietnam-provinces")
    assert code == 0
    assert output.splitlines() == _block("targets validate examples/vietnam-provinces")
    metrics = _yaml("rules.yaml")["metrics"]
    sources = _yaml("sources.yaml")["sources"]
    derived = sum("change" in f for f in FIGURES)  # a stated change implies one more figure
    stated = (
        f"{len(RULES)} targets, {len(metrics)} metrics, {len(FIGURES)} figures "
        f"(+{derived} derived), {len(sources)} sources in 4 files"
    )
    assert output.startswith("ok: ")
    assert output.rstrip().endswith(stated)
    assert f"| `figures.yaml` | {len(FIGURES)} figures as written" in README
    assert f"| `sources.yaml` | {len(sources)} sources" in README
    assert f"| `rules.yaml` | {len(metrics)} metrics and {len(RULES)} targets" in README


def test_the_readme_table_gives_each_metrics_figures_and_provinces() -> None:
    figures = collections.Counter(f["metric"] for f in FIGURES)
    provinces = collections.defaultdict(set)
    for figure in FIGURES:
        provinces[figure["metric"]].add(figure["entity"])
    rows = re.findall(
        r"^\| `([a-z-]+)` \([^)]*\) \| (?:all )?(\d+) \| [^|]+ \| (\d+) \|", README, re.M
    )
    assert {metric for metric, _, _ in rows} == set(figures)
    for metric, count, stated in rows:
        assert int(count) == len(provinces[metric]), metric
        assert int(stated) == figures[metric], metric


def test_example_is_its_own_programme_and_every_target_is_per_entity() -> None:
    programme = targets.load(EXAMPLE)
    assert programme.info.id == "vn-provinces"
    assert {rule["id"] for rule in PER_ENTITY} == {rule["id"] for rule in RULES}
    assert any("overrides" in rule for rule in PER_ENTITY)


# --- (b) one result per (target, entity), with the entity's override -------------------------


def test_each_for_each_target_is_judged_once_per_entity_keyed_id_entity() -> None:
    report = targets.check(targets.load(EXAMPLE))
    expected = {f"{rule['id']}[{entity}]" for rule in PER_ENTITY for entity in _entities(rule)}
    assert len(report.keys) == len(expected)
    assert set(report.keys) == expected
    for key in expected:
        assert report[key].key == key
    pairs = {(r["target"], r["entity"]) for r in _json()["results"]}
    assert pairs == {(rule["id"], e) for rule in PER_ENTITY for e in _entities(rule)}
    assert _json()["summary"]["total"] == len(expected)


@pytest.mark.parametrize("rule", PER_ENTITY, ids=lambda rule: str(rule["id"]))
def test_an_overridden_entity_gets_its_override_and_the_others_the_base_value(
    rule: dict[str, Any],
) -> None:
    goal = next(key for key in ("at_least", "at_most", "top") if key in rule)
    overrides: dict[str, dict[str, Any]] = rule.get("overrides", {})
    results = {r["entity"]: r for r in _json()["results"] if r["target"] == rule["id"]}
    assert set(overrides) <= set(results)
    assert set(results) - set(overrides), "no entity keeps the base value"
    for entity, result in results.items():
        own = overrides.get(entity, {})
        assert result["target_value"] == _value(own.get(goal, rule[goal])), entity
        assert result["citation"]["source"] == own.get("source", rule["source"]), entity
        if own:
            assert result["citation"]["quote"] == own["quote"]
            assert _value(own[goal]) != _value(rule[goal])


# --- (c) the README's outputs are real -------------------------------------------------------


def test_the_readme_check_text_is_the_whole_real_output() -> None:
    code, output, _ = _run("targets check examples/vietnam-provinces")
    assert code == 0
    excerpt = _block("targets check examples/vietnam-provinces")
    lines = [line for line in output.splitlines() if line.strip()]
    assert excerpt[0] == lines[0]
    assert excerpt[-1] == lines[-1]
    for line in excerpt:
        assert line in lines, line
    assert len(excerpt) == len(lines)


def test_the_readme_json_excerpt_is_real_output() -> None:
    command = "targets check examples/vietnam-provinces --json -"
    excerpt = _block(command)
    _assert_in_order(excerpt, _run(command)[1])
    real = _json()
    summary = excerpt[excerpt.index('  "summary": {') : excerpt.index('  "results": [')]
    assert _pairs(summary).items() <= real["summary"].items()
    at = excerpt.index('      "citation": {')
    shown, citation = _pairs(excerpt[excerpt.index('  "results": [') : at]), _pairs(excerpt[at:])
    assert shown["entity"] == "Ho Chi Minh City"
    (result,) = [
        r
        for r in real["results"]
        if (r["target"], r["entity"]) == (shown["target"], "Ho Chi Minh City")
    ]
    assert shown.items() <= result.items()
    assert citation.items() <= result["citation"].items()
    assert len(shown) >= 8


def test_the_readme_junit_excerpt_is_real_output_but_for_the_run_timing() -> None:
    command = "targets check examples/vietnam-provinces --junit -"
    excerpt = [_RUN_TIMING.sub("", line) for line in _block(command)]
    assert sum("<testcase " in line for line in excerpt) >= 2
    _assert_in_order(excerpt, _RUN_TIMING.sub("", _run(command)[1]))
    cases = ET.fromstring(_run(command)[1].encode()).iter("testcase")
    assert {case.get("name") for case in cases} == set(targets.check(targets.load(EXAMPLE)).keys)


def test_the_readme_explain_is_the_whole_real_output() -> None:
    command = (
        "targets explain 'de-share-grdp-20-2025-provinces[Ho Chi Minh City]' "
        "examples/vietnam-provinces"
    )
    code, output, _ = _run(command)
    assert code == 0
    excerpt = _block(command)
    lines = [line for line in output.splitlines() if line.strip()]
    assert _flat(excerpt[0]) == _flat(lines[0])
    assert _flat(excerpt[-1]) == _flat(lines[-1])
    flat = _flat(output)
    for line in excerpt:
        assert _flat(line) in flat, line
    assert len(excerpt) == len(lines)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The HTML report as `targets report` writes it, and what the command said."""
    page = tmp_path_factory.mktemp("report") / "report.html"
    code, output, said = _run(f"targets report examples/vietnam-provinces --html {page}")
    assert code == 0
    assert output == ""
    return page, said.replace(str(page), "report.html")


def test_the_readme_report_line_is_real_output(written: tuple[Path, str]) -> None:
    shown = _block("targets report examples/vietnam-provinces --html report.html")
    assert written[1].splitlines() == shown


# --- (d) the HTML report: a card per (target, entity) ----------------------------------------


@pytest.fixture(scope="module")
def page(written: tuple[Path, str]) -> ET.Element:
    """The written page, parsed (it is well-formed XML, as tests/test_html_report.py reads it)."""
    return ET.fromstring(written[0].read_text(encoding="utf-8"))


def _text(element: ET.Element) -> str:
    return _flat("".join(element.itertext()))


def test_the_html_report_has_one_card_per_entity_with_its_own_goal_and_status(
    page: ET.Element,
) -> None:
    results = {f"{r['target']}[{r['entity']}]": r for r in _json()["results"]}
    cards = [e for e in page.iter("article") if e.get("class") == "card"]
    assert len(cards) == len(results)
    by_key = {(c.get("id") or "").removeprefix("target-"): c for c in cards}
    assert set(by_key) == set(results)
    rules = {rule["id"]: rule for rule in PER_ENTITY}
    for key, card in by_key.items():
        result = results[key]
        rule = rules[result["target"]]
        assert card.get("data-status") == result["status"]
        goal = next(k for k in ("at_least", "top") if k in rule)
        amount = rule.get("overrides", {}).get(result["entity"], {}).get(goal, rule[goal])
        words = "at least" if goal == "at_least" else "top"
        assert f"Goal: {words} {amount} by {rule['by']}" in _text(card), key
        charts = [svg for svg in card.iter(SVG) if svg.get("class") == "targets-chart"]
        if result["status"] == "not_assessable":
            assert charts == []
            assert "Why not:" in _text(card)
        else:
            assert [svg.get("data-target") for svg in charts] == [key]


def test_the_html_gate_line_counts_results_as_the_text_gate_does(page: ET.Element) -> None:
    """Each (target, province) pair is a result, not a target: the page's gate line says
    so, in the words and with the count of the text report's gate line."""
    gate = next(e for e in page.iter("p") if (e.get("class") or "").startswith("gate "))
    failing = sum(
        1 for r in _json()["results"] if r["status"] in {"off_track", "regressing", "missed"}
    )
    words = _text(gate)
    if failing:
        assert words.startswith(f"✗ Gate failed: {failing:,} result"), words
    else:
        assert words.startswith("✓ Gate passed: no result is"), words
    assert "target" not in words.split("(")[0]


def test_the_html_report_glance_table_has_a_row_per_entity_and_the_readme_its_counts(
    page: ET.Element,
) -> None:
    results = _json()["results"]
    glance = next(t for t in page.iter("table") if t.get("class") == "glance")
    rows = list(glance.iter("tr"))[1:]
    assert len(rows) == len(results)
    charts = sum(1 for r in results if r["status"] != "not_assessable")
    unassessed = len(results) - charts
    html = re.sub(r"\s+", " ", README[README.index("### HTML") : README.index("### explain")])
    assert f"({len(rows)} rows)" in html
    assert f"({len(results)} cards," in html
    assert f"The {charts} assessable cards" in html
    assert f"the {unassessed} not assessable ones say why" in html
