"""Loading rules and figures: one consistent programme, or every problem at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import targets
from targets.rules._targets import LevelTarget

Write = Callable[[dict[str, str]], Path]


def errors(path: Path) -> list[str]:
    """Every error for `path`, as printed, with the directory prefix removed."""
    found = [d for d in targets.validate(path) if d.severity == "error"]
    return [str(d).replace(f"{path}/", "") for d in found]


def test_a_valid_programme_loads_with_amounts_in_metric_units(
    write: Write, programme_text: str
) -> None:
    root = write({"programme.yaml": programme_text})
    programme = targets.load(root)
    revenue = programme.target("revenue-2022")
    assert isinstance(revenue, LevelTarget)
    assert revenue.level.value == pytest.approx(148.5)  # USD 148,500 million in USD billion
    assert revenue.level.text == "USD 148,500 million"
    figure = next(f for f in programme.figures if f.metric == "revenue")
    assert figure.value == pytest.approx(136.2)
    assert figure.stated == "136,200 USD million"
    assert programme.warnings == ()


def test_figures_default_to_their_sources_publication_date(
    write: Write, programme_text: str
) -> None:
    programme = targets.load(write({"programme.yaml": programme_text}))
    assert {f.published.label for f in programme.figures if f.published} == {"2025-01-24"}


def test_locations_point_at_each_rule(write: Write, programme_text: str) -> None:
    root = write({"programme.yaml": programme_text})
    location = targets.load(root).location("target", "gci-30")
    line = programme_text.splitlines().index("  - id: gci-30") + 1
    assert location is not None
    assert (location.line, location.col) == (line, 5)
    assert location.path.endswith("programme.yaml")


def test_a_growth_statement_adds_the_implied_previous_value_as_a_derived_figure(
    write: Write, programme_text: str
) -> None:
    extra = """\
        figures:
          - {metric: firms, period: 2023, value: 1500, unit: firm, change: +7 %, source: src}
          - {metric: firms, period: 2021, value: 64000, unit: firm, change: +5600, source: src}
          - {metric: revenue, period: 2023, value: 7.5, unit: USD billion, change: +4 %,
             since: 2021, source: src}
        """
    root = write({"programme.yaml": programme_text, "more.yaml": extra})
    derived = {
        (f.period.label, round(f.low, 3)): f
        for f in targets.load(root).figures
        if f.kind == "derived"
    }
    assert set(derived) == {("2022", 1401.869), ("2020", 58400.0), ("2021", 7.212)}
    firms_2022 = derived[("2022", 1401.869)]
    assert firms_2022.derived_from is not None
    assert firms_2022.derived_from.stated == "1500 firms"
    assert firms_2022.derived_from.change == "+7 %"


def test_ranges_and_yes_no_values_load(write: Write, programme_text: str) -> None:
    extra = """\
        figures:
          - {metric: share, period: 2023, value: 4-8, unit: "%", kind: estimate, source: src}
          - {metric: share, period: 2024, value: [5, 6.5], unit: "%", source: src}
          - {metric: hub, period: 2024, value: no, source: src}
        """
    figures = targets.load(write({"p.yaml": programme_text, "f.yaml": extra})).figures
    share = [f for f in figures if f.metric == "share"]
    assert [(f.low, f.high, f.value) for f in share] == [(4.0, 8.0, None), (5.0, 6.5, None)]
    hub = next(f for f in figures if f.metric == "hub")
    assert (hub.flag, hub.stated) == (False, "no")


def test_csv_figures_load_like_yaml_figures(write: Write, programme_text: str) -> None:
    csv = (
        "metric,period,value,unit,kind,source,published,quote\n"
        'firms,2022,"70,000",firm,estimate,src,2023-01-09,"An estimated 70,000, up 9.5 %"\n'
        "revenue,2020,120,USD billion,,src,,\n"
    )
    programme = targets.load(write({"p.yaml": programme_text, "f.csv": csv}))
    loaded = [f for f in programme.figures if f.location and f.location.path.endswith("f.csv")]
    assert [(f.metric, f.value, f.kind) for f in loaded] == [
        ("firms", 70000.0, "estimate"),
        ("revenue", 120.0, "actual"),
    ]
    assert loaded[0].published is not None
    assert loaded[0].published.label == "2023-01-09"
    assert loaded[1].location is not None
    assert loaded[1].location.line == 3


# --- every problem, at once, with its position -------------------------------------------

BROKEN = """\
programme:
  name: Broken
  issuer: A
  issuer: B
sources:
  - &s {id: src, publisher: P}
metrics:
  - id: firms
    name: Firms
    unit: firm
    direction: higher
  - id: revenue
    name: Revenue
    unit: USD bilion
    direction: higher
targets:
  - id: t1
    metirc: firms
    at_least: 100000
    by: 2025
  - id: t2
    metric: firms
    at_least: lots
    by: 2025
figures:
  - {metric: firms, period: 2024, value: 73788, unit: firm}
  - {metric: frims, period: 2024, value: 1, unit: firm}
  - *s
"""


def test_every_problem_is_reported_once_with_file_line_and_column(write: Write) -> None:
    root = write({"broken.yaml": BROKEN})
    assert errors(root) == [
        "broken.yaml:4:3: duplicate key 'issuer' (first written at line 3, column 3)",
        "broken.yaml:6:5: anchors are not allowed (&s); repeat the value",
        "broken.yaml:14:11: 'unit': unknown unit 'bilion' in 'USD bilion' "
        "(did you mean 'billion'?)",
        "broken.yaml:18:5: unknown key 'metirc' in a level target (did you mean 'metric'?)",
        "broken.yaml:23:15: 'at_least': 'lots' is not a quantity: write a number and a unit, "
        "such as '9.2 %' or 'USD 1 billion'",
        "broken.yaml:27:14: unknown metric 'frims' (did you mean 'firms'?)",
        "broken.yaml:28:5: aliases are not allowed (*s); repeat the value",
    ]


def test_load_raises_one_error_carrying_all_diagnostics(write: Write) -> None:
    with pytest.raises(targets.LoadError) as caught:
        targets.load(write({"broken.yaml": BROKEN}))
    assert len(caught.value.diagnostics) == 7
    assert str(caught.value).endswith("7 problems in the input")


def test_problems_in_several_files_are_all_reported(write: Write, programme_text: str) -> None:
    root = write(
        {
            "a/programme.yaml": programme_text,
            "b/figures.yaml": "figures:\n  - {metric: nope, period: 2024, value: 1, unit: firm}\n",
            "b/more.csv": "metric,period,value,unit\nfirms,2024,abc,firm\n",
        }
    )
    found = errors(root)
    assert [line.split(":")[0] for line in found] == ["b/figures.yaml", "b/more.csv"]
    assert found[1] == (
        "b/more.csv:2:12: 'value': 'abc' is not a number; a value is a number, a range such as "
        "4-8, or yes/no"
    )


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("value: .nan", "'value': nan is not a usable number (NaN and infinity are refused)"),
        ("value: .inf", "'value': inf is not a usable number (NaN and infinity are refused)"),
        ('value: "12"', None),  # text that is a number is fine in a figure's value (CSV too)
        ('value: "1,5"', "'value': '1,5' is not a number: the decimal mark is a point, as in 1.5"),
        ("value: 8-4", "'value': a range goes from low to high; got 8-4"),
        ("value: yes", "yes/no is for yes/no metrics; 'firms' is in firm"),
        (
            "period: 2011-12",
            "'period': '2011-12' could be a month or the span 2011-2012; "
            "write 2011-M12 for the month or 2011/12 for the span",
        ),
        (
            "unit: person",
            "'person' (a count of persons) does not convert to 'firm' "
            "(a count of firms) (a figure of 'firms')",
        ),
        (
            "kind: guess",
            "'kind': expected 'actual', 'estimate' or 'forecast', got the text 'guess'",
        ),
        (
            "kind: estimat",
            "'kind': expected 'actual', 'estimate' or 'forecast', got the text "
            "'estimat' (did you mean 'estimate'?)",
        ),
    ],
)
def test_bad_figure_values_name_the_problem(
    write: Write, programme_text: str, snippet: str, expected: str | None
) -> None:
    key = snippet.split(":", maxsplit=1)[0]
    base = {"metric": "firms", "period": "2024", "value": "1", "unit": "firm", "source": "src"}
    base[key] = snippet.split(": ", 1)[1]
    line = "  - {" + ", ".join(f"{k}: {v}" for k, v in base.items()) + "}\n"
    root = write({"p.yaml": programme_text, "f.yaml": "figures:\n" + line})
    found = errors(root)
    assert [f.split(": ", 1)[1] for f in found] == ([expected] if expected else [])
    if expected:
        assert found[0].startswith("f.yaml:2:")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            "{id: x, metric: gci, at_least: 30, by: 2030}",
            "'gci' is better when lower, so a target to reach says 'at_most', not 'at_least'",
        ),
        ("{id: x, metric: firms, top: 30, by: 2030}", "'top' needs a rank metric"),
        ("{id: x, metric: firms, done: yes, by: 2030}", "'done: yes' needs a yes/no metric"),
        ("{id: x, metric: hub, at_least: 1, by: 2030}", "'hub' is a yes/no metric"),
        (
            "{id: x, metric: firms, at_least: USD 5 billion, by: 2030}",
            "'USD billion' (an amount in USD) does not convert to 'firm' (a count of firms)",
        ),
        (
            "{id: x, metric: firms, at_least: 5, by: 2018}",
            "the deadline 2018 is not after the base year 2019",
        ),
        (
            "{id: x, metric: firms, at_least: 5, by: 2030, base: 2031}",
            "the deadline 2030 is not after the base year 2031",
        ),
        (
            "{id: x, metric: firms, between: [12, 10], by: 2030}",
            "a band goes from low to high; got 12 to 10",
        ),
        (
            "{id: x, metric: firms, trend: decrease}",
            "'firms' is better when higher; a trend target on it says 'increase'",
        ),
        (
            "{id: x, metric: firms, growth: {at_least: 9.2}, by: 2022}",
            "a growth rate carries its unit: write '9.2 %'",
        ),
        (
            "{id: x, metric: firms, at_least: 5, at_most: 9, by: 2030}",
            "a level target says 'at_least' or 'at_most', not both",
        ),
        (
            "{id: x, metric: firms, at_least: 5, top: 9, by: 2030}",
            "a target states one goal; this one says 'at_least' and 'top'",
        ),
        (
            "{id: x, metric: firms, at_least: 5, by: 2030, 2031: x}",
            "unknown key 2031 in a level target",
        ),
        (
            "{id: x, metric: firms, at_lest: 5, by: 2030}",
            "unknown key 'at_lest' in a target (did you mean 'at_least'?)",
        ),
        ("{id: x, metric: firms, by: 2030}", "target 'x' states no goal"),
        (
            "{id: x, metric: firms, milestones: "
            "[{by: 2025, at_least: 9}, {by: 2022, at_least: 7}]}",
            "milestones come in date order",
        ),
        (
            "{id: x, metric: firms, at_least: 9, by: 2030, method: statcan, "
            "thresholds: {substantial: 0.9}}",
            "'statcan' has no threshold 'substantial' (did you mean 'substantial_progress'?)",
        ),
        (
            "{id: x, metric: firms, at_least: 9, by: 2030, method: statscan}",
            "did you mean 'statcan'?",
        ),
        (
            "{id: firms-2025, metric: firms, at_least: 9, by: 2030}",
            "duplicate target id 'firms-2025' (first at",
        ),
        (
            "{id: x, metric: firms, at_least: 9, by: 2030, source: nowhere}",
            "unknown source 'nowhere'",
        ),
    ],
)
def test_targets_that_do_not_suit_their_metric_are_refused(
    write: Write, programme_text: str, target: str, expected: str
) -> None:
    root = write({"p.yaml": programme_text, "t.yaml": f"targets:\n  - {target}\n"})
    found = errors(root)
    assert len(found) == 1, found
    assert expected in found[0]
    assert found[0].startswith("t.yaml:2:")


def test_a_misspelt_section_gets_a_suggestion(write: Write, programme_text: str) -> None:
    root = write({"p.yaml": programme_text, "f.yaml": "figuers: []\n"})
    assert errors(root) == [
        "f.yaml:1:1: unknown section 'figuers' (did you mean 'figures'?); a file holds "
        "'programme', 'sources', 'metrics', 'targets' or 'figures'"
    ]


def test_exactly_one_programme(write: Write, programme_text: str) -> None:
    root = write({"a.yaml": programme_text, "b.yaml": "programme: {name: Other}\n"})
    assert len(errors(root)) == 1
    assert "a second programme" in errors(root)[0]
    lonely = write({"c/figures.csv": "metric,period,value,unit\n"})
    assert "no 'programme:' section" in errors(lonely / "c")[0]


def test_a_reference_to_an_invalid_definition_is_not_reported_twice(
    write: Write, programme_text: str
) -> None:
    text = programme_text.replace("unit: USD billion", "unit: USD bilion")
    found = errors(write({"p.yaml": text}))
    assert len(found) == 1
    assert "unknown unit 'bilion'" in found[0]


@pytest.mark.parametrize(
    ("csv", "expected"),
    [
        ("metric;period;value;unit\n", "f.csv:1:1: columns are separated by commas"),
        (
            "metric,period,valeu,unit\n",
            "f.csv:1:15: unknown column 'valeu' (did you mean 'value'?)",
        ),
        ("metric,period,value\n", "f.csv:1:1: missing column 'unit'"),
        ("metric,period,value,unit\nfirms,2024,1\n", "f.csv:2:1: this row has 3 cells"),
    ],
)
def test_csv_header_and_shape_problems(
    write: Write, programme_text: str, csv: str, expected: str
) -> None:
    found = errors(write({"p.yaml": programme_text, "f.csv": csv}))
    assert any(line.startswith(expected) for line in found), found


def test_missing_paths_and_foreign_files_are_problems(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    found = [str(d) for d in targets.validate(tmp_path / "nope", tmp_path / "notes.txt")]
    assert any("no such file or directory" in line for line in found)
    assert any("not a rules or figures file" in line for line in found)


def test_not_utf8_is_a_problem_not_a_crash(write: Write, programme_text: str) -> None:
    root = write({"p.yaml": programme_text})
    (root / "f.yaml").write_bytes(b"figures:\n  - {metric: \xff}\n")
    assert errors(root) == ["f.yaml:2:1: not UTF-8 text"]


def test_warnings_do_not_stop_loading(write: Write, programme_text: str) -> None:
    extra = """\
        figures:
          - {metric: share, period: 2024, value: 120, unit: "%", source: src}
          - {metric: firms, period: 2024, value: 73788, unit: firm, source: src}
        """
    programme = targets.load(write({"p.yaml": programme_text, "f.yaml": extra}))
    messages = [w.message for w in programme.warnings]
    assert any("beyond the natural limit" in m for m in messages)
    assert any("the same figure again" in m for m in messages)


def test_a_target_needs_a_metric_that_says_which_way_is_better(
    write: Write, programme_text: str
) -> None:
    extra = """\
        metrics:
          - {id: context, name: A context share, unit: "%"}
        figures:
          - {metric: context, period: 2023, value: 80, unit: "%", source: src}
        """
    root = write({"p.yaml": programme_text, "m.yaml": extra})
    assert errors(root) == []  # a metric without direction is fine as context
    target = "targets:\n  - {id: x, metric: context, at_least: 90, by: 2030}\n"
    root = write({"p.yaml": programme_text, "m.yaml": extra, "t.yaml": target})
    assert errors(root) == [
        "t.yaml:2:21: 'context' does not say which way is better; give it 'direction: higher' "
        "or 'direction: lower' to set a target on it"
    ]


def test_a_conversion_that_overflows_is_refused(write: Write, programme_text: str) -> None:
    figures = "figures:\n  - {metric: revenue, period: 2020, value: 1e305, unit: USD quadrillion}\n"
    found = errors(write({"p.yaml": programme_text, "f.yaml": figures}))
    assert found == ["f.yaml:2:44: 1e+305 USD quadrillion is too large in USD billion"]


def test_control_characters_are_refused_with_their_position(
    write: Write, programme_text: str
) -> None:
    root = write({"p.yaml": programme_text})
    (root / "f.yaml").write_bytes(b"figures: []\nnote: a\x07b\n")
    assert errors(root) == ["f.yaml:2:8: invalid YAML: character U+0007 is not allowed"]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            "{id: x, metric: share, hold: {at_least: 6}, from: 2022, by: 2025, method: statcan}",
            "'statcan' cannot judge a hold target: holding a level every year is judged by "
            "Destatis's rules; use 'destatis'",
        ),
        (
            "{id: x, metric: firms, growth: {at_least: 9 %}, by: 2025, method: unsd}",
            "'unsd' cannot judge a growth target",
        ),
        (
            "{id: x, metric: firms, trend: increase, method: sdsn}",
            "'sdsn' cannot judge a direction target: a trend target has no value, which SDSN needs",
        ),
        (
            "{id: x, metric: firms, at_least: 9, by: 2030, method: istat}",
            "'istat' cannot judge a level target: ISTAT judges trends without a target",
        ),
        (
            "{id: x, metric: firms, growth: {between: [5 %, 10 %]}, by: 2025}",
            "a growth target says 'at_least' or 'at_most' a rate",
        ),
        (
            "{id: x, metric: firms, at_least: 9, by: 2030, thresholds: {moderate_progress: 0.99}}",
            "'statcan' threshold 'substantial_progress' (0.95) must be at least "
            "'moderate_progress' (0.99)",
        ),
        (
            "{id: x, metric: firms, at_least: 9, by: 2030, method: unsd, "
            "thresholds: {percent_target_tolerance: -1}}",
            "'unsd' threshold 'percent_target_tolerance' (-1) must be above 0",
        ),
        (
            "{id: x, metric: firms, relative_to: 2019, change: -100 %, by: 2030}",
            "'firms' is better when higher: a target relative to 2019 asks for more than then",
        ),
        (
            "{id: x, metric: gci, relative_to: 2019, factor: 2, by: 2030}",
            "'gci' is better when lower: a target relative to 2019 asks for less than then",
        ),
        (
            "{id: x, metric: firms, "
            "milestones: [{by: 2025, at_most: 9}, {by: 2030, at_least: 10}]}",
            "'firms' is better when higher: a milestone says 'at_least', not 'at_most'",
        ),
    ],
)
def test_methods_thresholds_and_directions_that_cannot_work_are_refused(
    write: Write, programme_text: str, target: str, expected: str
) -> None:
    root = write({"p.yaml": programme_text, "t.yaml": f"targets:\n  - {target}\n"})
    found = errors(root)
    assert len(found) == 1, found
    assert expected in found[0]


def test_milestones_going_backwards_are_a_warning(write: Write, programme_text: str) -> None:
    target = (
        "{id: x, metric: firms, milestones: [{by: 2025, at_least: 80}, {by: 2030, at_least: 70}]}"
    )
    programme = targets.load(
        write({"p.yaml": programme_text, "t.yaml": f"targets:\n  - {target}\n"})
    )
    assert programme.target("x")
    assert any("asks for less than the one before" in w.message for w in programme.warnings)


def test_two_values_from_one_source_and_edition_are_flagged(
    write: Write, programme_text: str
) -> None:
    extra = """\
        figures:
          - {metric: firms, period: 2024, value: 70000, unit: firm, source: src}
        """
    programme = targets.load(write({"p.yaml": programme_text, "f.yaml": extra}))
    (warning,) = [w for w in programme.warnings if "second value" in w.message]
    assert warning.message.startswith("a second value for 2024 from the same source and edition")
    report = targets.check(programme)
    assert (
        report["firms-2025"].conflicts[0].rule == "the later in the files (same publication date)"
    )


def test_foreign_yaml_found_in_a_folder_is_skipped_but_a_named_one_is_checked(
    write: Write, programme_text: str
) -> None:
    workflow = "name: ci\non: [push]\njobs: {}\n"
    root = write({"p.yaml": programme_text, "ci.yml": workflow})
    programme = targets.load(root)
    assert [w.message for w in programme.warnings] == [
        "skipped: not a rules or figures file (no programme, sources, metrics, targets, figures)"
    ]
    with pytest.raises(targets.LoadError):
        targets.load(root / "p.yaml", root / "ci.yml")
    typo = write({"p.yaml": programme_text, "f.yaml": "figuers: []\n"})
    assert "unknown section 'figuers'" in errors(typo)[0]  # a near miss is not foreign


def test_a_broken_programme_file_is_not_also_reported_as_missing(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("programme: {name: [}\n", encoding="utf-8")
    assert [d.message for d in targets.validate(tmp_path)] == [
        "invalid YAML: did not find expected node content"
    ]
    assert [str(d) for d in targets.validate(tmp_path / "nowhere")] == [
        f"{tmp_path / 'nowhere'}:1:1: no such file or directory"
    ]


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("programme: {name: P, base: 20x}", "p.yaml:1:28: 'base': '20x' is not a period"),
        ("programme: {name: P, nmae: Q}", "p.yaml:1:22: unknown key 'nmae'"),
        ("programme: 5", "p.yaml:1:12: expected a mapping for the programme, got 5"),
    ],
)
def test_a_programme_section_refused_is_not_also_called_missing(
    write: Write, section: str, expected: str
) -> None:
    # 'base: 20x' also said "no 'programme:' section in the input; one file must declare it"
    found = errors(write({"p.yaml": section + "\n"}))
    assert len(found) == 1, found
    assert found[0].startswith(expected)
