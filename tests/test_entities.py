"""One rule for every province: a target judged for each entity, with overrides."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import targets
from targets import ExitCode
from targets.cli import cli

Write = Callable[[dict[str, str]], Path]

HEAD = """\
programme: {name: Provinces}
sources: [{id: s, publisher: P, date: 2025-06}, {id: dn, publisher: Da Nang, date: 2024-03}]
metrics:
  - {id: share, name: Digital economy share of GRDP, unit: "%", direction: higher, limit: 100}
figures:
  - {metric: share, entity: Da Nang, period: 2021, value: 15, unit: "%", source: s}
  - {metric: share, entity: Da Nang, period: 2024, value: 21, unit: "%", source: s}
  - {metric: share, entity: Hanoi, period: 2021, value: 12, unit: "%", source: s}
  - {metric: share, entity: Hanoi, period: 2024, value: 14, unit: "%", source: s}
  - {metric: share, entity: Bac Ninh, period: 2021, value: 18, unit: "%", source: s}
  - {metric: share, entity: Bac Ninh, period: 2024, value: 22, unit: "%", source: s}
  - {metric: share, period: 2024, value: 17, unit: "%", source: s}
"""


def check(write: Write, rule: str) -> targets.Report:
    return targets.check(write({"p.yaml": HEAD + "targets:\n" + rule}))


def problems(write: Write, rule: str) -> list[str]:
    return [str(d) for d in targets.validate(write({"p.yaml": HEAD + "targets:\n" + rule}))]


EVERY = """\
  - id: t
    metric: share
    for_each: all
    at_least: 20 %
    by: 2025
    overrides:
      Da Nang: {at_least: 25 %, source: dn, quote: "25 % by 2025"}
      Hanoi: {by: 2027}
"""


def test_a_target_for_every_entity_is_judged_once_per_entity_on_its_own_figures(
    write: Write,
) -> None:
    report = check(write, EVERY)
    assert [r.key for r in report] == ["t[Bac Ninh]", "t[Da Nang]", "t[Hanoi]"]
    bac_ninh = report["t[Bac Ninh]"]
    assert bac_ninh.entity == "Bac Ninh"
    assert [f.value for f in bac_ninh.figures] == [18, 22]  # not the national 17 of 2024
    assert bac_ninh.status == "achieved"  # 22 >= 20


def test_overrides_change_the_value_the_deadline_and_cite_their_source(write: Write) -> None:
    report = check(write, EVERY)
    da_nang, hanoi = report["t[Da Nang]"], report["t[Hanoi]"]
    assert da_nang.goal == "at least 25 % by 2025"
    assert da_nang.target_value == 25
    assert (da_nang.target.source, da_nang.target.quote) == ("dn", "25 % by 2025")
    # 15 (2021) to 21 (2024): g_a = (21 / 15) ** (1 / 3) - 1; g_r = (25 / 15) ** (1 / 4) - 1
    ratio = ((21 / 15) ** (1 / 3) - 1) / ((25 / 15) ** (1 / 4) - 1)
    assert da_nang.ratio == pytest.approx(ratio)
    assert hanoi.goal == "at least 20 % by 2027"
    assert hanoi.target_year == 2027


def test_a_listed_set_and_all_but_some(write: Write) -> None:
    rule = EVERY.replace("for_each: all", "for_each: [Hanoi, Quang Ninh]")
    listed = check(
        write,
        rule.replace('      Da Nang: {at_least: 25 %, source: dn, quote: "25 % by 2025"}\n', ""),
    )
    assert [r.key for r in listed] == ["t[Hanoi]", "t[Quang Ninh]"]
    assert listed["t[Quang Ninh]"].status == "not_assessable"  # listed, but no figures
    rule = EVERY.replace("for_each: all", "for_each: {all_but: [Hanoi]}")
    rule = rule.replace("      Hanoi: {by: 2027}\n", "")
    assert [r.key for r in check(write, rule)] == ["t[Bac Ninh]", "t[Da Nang]"]


def test_a_result_is_named_by_its_entity_everywhere(write: Write) -> None:
    report = check(write, EVERY)
    with pytest.raises(targets.UnknownTargetError, match="judged per entity"):
        report["t"]
    document = json.loads(report.to_json())
    assert [(r["target"], r["entity"]) for r in document["results"]] == [
        ("t", "Bac Ninh"),
        ("t", "Da Nang"),
        ("t", "Hanoi"),
    ]
    assert "t[Hanoi]" in report.to_junit()


def test_selection_and_explain_take_an_entity(write: Write) -> None:
    root = write({"p.yaml": HEAD + "targets:\n" + EVERY})
    picked = CliRunner().invoke(cli, ["check", str(root), "--select", "entity:Ha*"])
    assert "t[Hanoi]" in picked.stdout
    assert "t[Da Nang]" not in picked.stdout
    explained = CliRunner().invoke(cli, ["explain", "t[Da Nang]", str(root)])
    assert explained.exit_code == ExitCode.OK, explained.output
    assert "at least 25 % by 2025" in explained.stdout
    unknown = CliRunner().invoke(cli, ["explain", "t", str(root)])
    assert unknown.exit_code == ExitCode.INVALID
    assert "judged per entity" in unknown.stderr


def test_an_entity_with_a_control_character_is_explained_by_its_key_as_printed(
    write: Write,
) -> None:
    """Reports print 't[Ha\\x00noi]' for an entity holding a NUL; that key, typed back,
    names the result (the raw character cannot be typed on a command line)."""
    head = HEAD.replace("entity: Hanoi,", 'entity: "Ha\\0noi",')
    root = write({"p.yaml": head + "targets:\n" + EVERY.replace("Hanoi: {by: 2027}\n", "")})
    checked = CliRunner().invoke(cli, ["check", str(root)])
    assert "t[Ha\\x00noi]" in checked.stdout
    explained = CliRunner().invoke(cli, ["explain", "t[Ha\\x00noi]", str(root)])
    assert explained.exit_code == ExitCode.OK, explained.output
    assert "Ha\\x00noi" in explained.stdout


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            EVERY.replace("    for_each: all\n", ""),
            "'overrides' are per entity: give the target 'for_each' too",
        ),
        (
            EVERY.replace("for_each: all", "for_each: [Hanoi]"),
            "an override for 'Da Nang', which 'for_each' does not list",
        ),
        (
            EVERY.replace("for_each: all", "for_each: {all_but: [Hanoi]}"),
            "an override for 'Hanoi', which 'all_but' leaves out",
        ),
        (
            EVERY.replace("{at_least: 25 %,", "{at_most: 25 %,"),
            "'at_most' is not this level target's goal: override 'at_least'",
        ),
        (
            "  - {id: c, metric: share, for_each: all, count: {at_least: 2}, "
            "where: {at_least: 20 %}, by: 2025}\n",
            "a count target already counts entities: it takes no 'for_each'",
        ),
        (
            EVERY.replace("Hanoi: {by: 2027}", "Hanoi: {source: s}"),
            "an override changes the goal",
        ),
        (
            EVERY.replace("Hanoi: {by: 2027}", "Hanoi: {base: 2030}"),
            "for 'Hanoi', the deadline 2025 is not after the base year 2030",
        ),
        (
            EVERY.replace("    by: 2025\n", "    by: 2025\n    base: 2020\n").replace(
                "Hanoi: {by: 2027}", "Hanoi: {by: 1900}"
            ),
            "for 'Hanoi', the deadline 1900 is not after the base year 2020",
        ),
        (
            EVERY.replace("source: dn,", "source: nope,"),
            "unknown source 'nope'",
        ),
    ],
    ids=[
        "no-for-each",
        "unlisted",
        "left-out",
        "wrong-side",
        "count",
        "empty",
        "base-late",
        "by-early",
        "unknown-source",
    ],
)
def test_overrides_that_cannot_mean_what_they_say_are_refused(
    write: Write, rule: str, message: str
) -> None:
    found = problems(write, rule)
    assert any(message in p for p in found), found


@pytest.mark.parametrize(
    ("for_each", "message"),
    [
        ("entity", "'for_each': expected 'all', a list or a mapping, got the text 'entity'"),
        ("5", "'for_each': expected 'all', a list or a mapping, got 5"),
        ("{all_but: [Hanoi], but: 1}", "unknown key 'but' in 'for_each'"),
    ],
)
def test_a_for_each_of_no_form_it_takes_is_said_once_in_its_own_words(
    write: Write, for_each: str, message: str
) -> None:
    """pydantic says such a value once per form (each at a location named after a type:
    'literal['all']', 'tuple[constrained-str, ...]'): one message at the key instead."""
    found = problems(write, EVERY.replace("for_each: all", f"for_each: {for_each}"))
    assert [p for p in found if "for_each" in p] == [next(p for p in found if message in p)]
    assert not any("literal[" in p or "constrained" in p for p in found), found


def test_the_gate_counts_results_not_targets_when_a_rule_is_judged_per_entity(
    write: Write,
) -> None:
    report = check(write, EVERY)
    failing = targets.judge.Gate(fail_on="achieved").verdict(report)  # every status counts
    assert "failed, 3 results at achieved or worse" in failing
    passing = targets.judge.Gate(fail_on="regressing").verdict(report)
    assert passing.endswith("passed, no result at regressing or worse")


MISSPELT = EVERY.replace("Hanoi: {by: 2027}", "Ha Noi: {by: 2027}")
"""An override for 'Ha Noi', which no figure names (the figures say 'Hanoi'): line 21 of
p.yaml (12 lines of HEAD, 'targets:', then the rule's eighth line), its value at column 15."""
NO_FIGURE = (
    "override for entity 'Ha Noi' of target 't': no figure of its metric 'share' has that entity"
)


@pytest.mark.parametrize("dense", [1 << 24, 0], ids=["pairs-marked", "pairs-sorted"])
def test_an_override_for_an_entity_without_figures_is_a_warning_at_the_override(
    write: Write, monkeypatch: pytest.MonkeyPatch, dense: int
) -> None:
    # before: nothing said; 'Ha Noi' is judged for no entity, so the override did nothing
    monkeypatch.setattr("targets.rules._entities._DENSE", dense)  # both ways to find pairs
    folder = write({"p.yaml": HEAD + "targets:\n" + MISSPELT})
    found = targets.validate(folder)
    assert [(d.severity, d.message) for d in found] == [("warning", NO_FIGURE)]
    assert (found[0].location.line, found[0].location.col) == (21, 15)
    assert problems(write, EVERY) == []  # overrides for Da Nang and Hanoi: both have figures


def test_all_but_warns_too_and_an_entity_it_leaves_out_is_refused_not_warned(
    write: Write,
) -> None:
    rule = MISSPELT.replace("for_each: all", "for_each: {all_but: [Bac Ninh]}")
    assert [p.split(": ", 1)[1] for p in problems(write, rule)] == [f"warning: {NO_FIGURE}"]
    rule = EVERY.replace("for_each: all", "for_each: {all_but: [Quang Ninh]}").replace(
        "Hanoi: {by: 2027}", "Quang Ninh: {by: 2027}"
    )
    found = problems(write, rule)
    assert len(found) == 1
    assert "an override for 'Quang Ninh', which 'all_but' leaves out" in found[0]
    assert "warning" not in found[0]


def test_a_figure_about_no_entity_or_another_metric_gives_no_entity_its_figures(
    write: Write,
) -> None:
    # 'Quang Ninh' has a figure, but of another metric; the national figure has no entity
    head = HEAD.replace(
        "metrics:\n",
        "metrics:\n  - {id: firms, name: Firms, unit: firm}\n",
    ).replace(
        "figures:\n",
        "figures:\n"
        "  - {metric: firms, entity: Quang Ninh, period: 2024, value: 9, unit: firm, source: s}\n",
    )
    rule = EVERY.replace("Hanoi: {by: 2027}", "Quang Ninh: {by: 2027}")
    found = [str(d) for d in targets.validate(write({"p.yaml": head + "targets:\n" + rule}))]
    assert [p.split(": ", 1)[1] for p in found] == [
        "warning: override for entity 'Quang Ninh' of target 't': no figure of its metric "
        "'share' has that entity"
    ]


def test_a_listed_entity_without_figures_is_no_warning_and_an_unlisted_one_is_refused(
    write: Write,
) -> None:
    # a listed entity is judged whatever the figures ('not_assessable' without them)
    listed = EVERY.replace("for_each: all", "for_each: [Hanoi, Quang Ninh]").replace(
        '      Da Nang: {at_least: 25 %, source: dn, quote: "25 % by 2025"}\n',
        "      Quang Ninh: {by: 2027}\n",
    )
    assert problems(write, listed) == []
    unlisted = EVERY.replace("for_each: all", "for_each: [Hanoi]")  # Da Nang has an override
    result = CliRunner().invoke(
        cli, ["validate", str(write({"p.yaml": HEAD + "targets:\n" + unlisted}))]
    )
    assert result.exit_code == ExitCode.INVALID
    assert (
        "p.yaml:20:16: an override for 'Da Nang', which 'for_each' does not list" in result.stderr
    )


def test_check_and_validate_say_the_warning_and_strict_validate_fails_on_it(
    write: Write,
) -> None:
    folder = str(write({"p.yaml": HEAD + "targets:\n" + MISSPELT}))
    said = f"p.yaml:21:15: warning: {NO_FIGURE}"
    validated = CliRunner().invoke(cli, ["validate", folder])
    assert validated.exit_code == ExitCode.OK
    assert said in validated.stderr
    strict = CliRunner().invoke(cli, ["validate", "--strict", folder])
    assert strict.exit_code == ExitCode.INVALID
    assert said in strict.stderr
    checked = CliRunner().invoke(cli, ["check", folder, "--fail-on", "none"])
    assert checked.exit_code == ExitCode.OK
    assert said in checked.stderr
