"""JUnit at scale: above a thousand results each test case is compact, written from the
result columns (no result is built), and says the same pass, fail and skip as the full
report; the schema CI consumers read still holds."""

from __future__ import annotations

import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

import targets
from targets.judge import Gate
from targets.judge._results import LazyResults
from targets.render import render

from .test_chance_reports import PROGRAMME as CHANCE_PROGRAMME

Write = Callable[[dict[str, str]], Path]
SCHEMAS = Path(__file__).parent / "schemas"

PROVINCES = ["Ha Noi", "Côte d'Ivoire", "Da Nang", "Hue"]
RULES = """\
programme: {id: vn, name: Provinces, base: 2015}
metrics:
  - {id: firms, name: Firms, unit: firm, direction: higher}
  - {id: idle, name: Idle, unit: firm, direction: higher}
targets:
  - {id: firms-100, metric: firms, at_least: 100, by: 2030, for_each: all}
  - {id: idle-5, metric: idle, at_least: 5, by: 2030}
"""
"""'firms' for each province (one of them on track, the others not); 'idle' without a
figure, so not assessable."""


def _figures() -> str:
    rows = ["metric,entity,period,value,unit"]
    for n, province in enumerate(PROVINCES):
        quoted = f'"{province}"' if "'" in province else province
        for year in range(2015, 2025):
            rows.append(f"firms,{quoted},{year},{20 + (year - 2015) * (0.5 + 7.5 * (n == 0))},firm")
    return "\n".join(rows) + "\n"


@pytest.fixture
def report(write: Write) -> targets.Report:
    return targets.check(write({"p/rules.yaml": RULES, "p/f.csv": _figures()}) / "p")


def _cases(text: str) -> dict[str, ET.Element]:
    return {c.get("name", ""): c for c in ET.fromstring(text.encode("utf-8")).iter("testcase")}


def _outline(text: str) -> list[tuple[str, str | None, bool]]:
    """Each case's name, its failure type (None: none) and whether it is skipped."""
    return [
        (
            name,
            None if (f := case.find("failure")) is None else f.get("type"),
            case.find("skipped") is not None,
        )
        for name, case in _cases(text).items()
    ]


def test_a_compact_junit_report_builds_no_result(report: targets.Report) -> None:
    assert isinstance(report.results, LazyResults)
    report.to_junit(detail="compact")
    assert report.results._made == {}  # what was built


@pytest.mark.parametrize(
    "gate",
    [Gate(), Gate("at_risk", strict=True), Gate(None), Gate("off_track", chance_below=0.6)],
    ids=["default", "at-risk", "no-gate", "chance"],
)
def test_compact_and_full_cases_fail_and_skip_alike(report: targets.Report, gate: Gate) -> None:
    full = render(report, "junit", gate=gate, detail="full")
    compact = render(report, "junit", gate=gate, detail="compact")
    assert _outline(compact) == _outline(full)
    head = [ET.fromstring(t.encode("utf-8"))[0].attrib for t in (full, compact)]
    assert head[0] == head[1]  # tests, failures, skipped, time, timestamp


def test_a_compact_failure_says_where_what_and_how_to_see_the_arithmetic(
    report: targets.Report,
) -> None:
    cases = _cases(report.to_junit(detail="compact"))
    failure = cases["firms-100[Côte d'Ivoire]"].find("failure")
    assert failure is not None
    message = failure.get("message", "")
    assert "p/rules.yaml:6:5: off track (statcan: limited_progress): " in message
    assert message.endswith("at least 100 firms by 2030")
    key = "firms-100[Côte d'Ivoire]"
    said = f"targets explain {shlex.quote(key)} shows the figures and the arithmetic"
    assert failure.text == said
    assert shlex.split(said)[2] == key  # a shell gives the command the key whole
    skipped = cases["idle-5"].find("skipped")
    assert skipped is not None
    assert (
        skipped.get("message")
        == "not assessable (statcan: not_available); targets explain idle-5 says why"
    )


def test_a_compact_case_failing_by_its_chance_alone_says_so(write: Write) -> None:
    report = targets.check(write({"c.yaml": CHANCE_PROGRAMME}))
    compact = render(
        report, "junit", gate=Gate("off_track", strict=True, chance_below=0.51), detail="compact"
    )
    failure = _cases(compact)["even"].find("failure")
    assert failure is not None
    assert failure.get("type") == "low_chance"
    assert "the chance 0.5 is below --fail-on-chance-below 0.51" in failure.get("message", "")


def test_junit_is_compact_above_a_thousand_results_unless_full_is_asked(
    report: targets.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    from targets.judge import _document  # noqa: PLC0415 - the threshold is set here

    def detail(text: str) -> str | None:
        found = ET.fromstring(text.encode("utf-8")).find(".//property[@name='detail']")
        return None if found is None else found.get("value")

    assert detail(report.to_junit()) == "full"  # 5 results
    monkeypatch.setattr(_document, "COMPACT_ABOVE", 4)
    assert detail(report.to_junit()) == "compact"
    assert detail(report.to_junit(detail="full")) == "full"


def test_compact_junit_validates_against_the_jenkins_xunit_schema(report: targets.Report) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))
    for fail_on in ("off_track", None):
        text = report.to_junit(detail="compact", fail_on=fail_on)
        document = etree.fromstring(text.encode("utf-8"))
        assert schema.validate(document), schema.error_log


def test_check_writes_the_junit_detail_asked_for(write: Write, tmp_path: Path) -> None:
    root = write({"p/rules.yaml": RULES, "p/f.csv": _figures()}) / "p"
    out = tmp_path / "r.xml"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "targets",
            "check",
            str(root),
            "--junit",
            str(out),
            "--junit-detail",
            "compact",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    cases = _cases(out.read_text(encoding="utf-8"))
    failure = cases["firms-100[Da Nang]"].find("failure")
    assert failure is not None
    assert (failure.text or "").startswith("targets explain ")
