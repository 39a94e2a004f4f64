"""The layout a newcomer reads, the typed results every report reads, and bugs that can
never pass a gate."""

from __future__ import annotations

import ast
import math
import numbers
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Literal

import pytest
from click.testing import CliRunner

import targets
import targets.judge._kinds
import targets.judge._run
import targets.judge._vector
import targets.rules._words
from targets import ExitCode
from targets.cli import cli
from targets.engine import Headline

Write = Callable[[dict[str, str]], Path]
PACKAGE = Path(targets.__file__).parent


def test_the_package_shows_its_layers_and_a_few_shared_modules() -> None:
    entries = {p.name for p in PACKAGE.iterdir() if p.name != "__pycache__"}
    layers = {"engine", "rules", "judge", "render", "notebook", "cli"}
    shared = {
        "_exit.py",
        "_extras.py",
        "_gc.py",
        "_lazy.py",
        "_memory.py",
        "_progress.py",
        "_safe.py",
        "_threads.py",
        "_version.py",
    }
    assert entries == {"__init__.py", "__main__.py", "py.typed", *layers, *shared}
    for layer in layers:
        assert (PACKAGE / layer / "__init__.py").is_file()


def test_every_private_module_declares_its_names() -> None:
    for path in sorted(PACKAGE.rglob("_*.py")):
        if path.name in {"__init__.py", "__main__.py"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        declared = [
            node
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
        ]
        assert declared, f"{path.relative_to(PACKAGE)} has no __all__"


def test_public_names_say_they_are_targets_and_dir_lists_only_them() -> None:
    assert dir(targets) == sorted(targets.__all__)
    for name in targets.__all__:
        value = getattr(targets, name)
        if name in {"Target", "Conflict"}:  # a union alias; the engine's own public type
            continue
        assert value.__module__ == "targets", name
    assert repr(targets.Report) == "<class 'targets.Report'>"


# Planted bugs: an engine or wording error is an internal error (exit 3), never a verdict.

PASSING = """\
programme: {name: P}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics: [{id: firms, name: Firms, unit: firm, direction: higher}]
targets:
  - {id: t, metric: firms, at_least: 100, by: 2030, source: s}
figures:
  - {metric: firms, period: 2020, value: 50, unit: firm, source: s}
  - {metric: firms, period: 2024, value: 80, unit: firm, source: s}
"""


@pytest.mark.parametrize("error", [ValueError, KeyError, ZeroDivisionError])
@pytest.mark.parametrize(
    ("module", "name", "path"),
    [
        (targets.judge._kinds, "assess", "series"),
        (targets.judge._vector, "assess_batch", "auto"),
        (targets.judge._run, "describe_goal", "auto"),
    ],
    ids=["engine", "engine-in-bulk", "wording"],
)
def test_a_planted_bug_exits_3_and_writes_no_report(
    write: Write,
    monkeypatch: pytest.MonkeyPatch,
    *,
    error: type[Exception],
    module: object,
    name: str,
    path: Literal["auto", "series"],
) -> None:
    def planted(*args: object, **kwargs: object) -> None:
        raise error("planted bug")

    monkeypatch.setattr(module, name, planted)
    root = write({"p/p.yaml": PASSING})
    out = root / "out"
    out.mkdir()
    result = CliRunner().invoke(
        cli,
        [
            "check",
            str(root / "p"),
            "--json",
            str(out / "r.json"),
            "--junit",
            str(out / "r.xml"),
            "--markdown",
            str(out / "r.md"),
        ],
    )
    assert result.exit_code == ExitCode.INTERNAL, result.output
    assert "internal error" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []
    with pytest.raises(error):  # the library raises it too: no "not assessable" verdict
        list(targets.check(root / "p", path=path))


def test_a_planted_bug_in_the_words_of_an_explanation_exits_3(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    import targets.engine._result  # noqa: PLC0415 - the module a bug is planted in

    def planted(*args: object, **kwargs: object) -> str:
        raise KeyError("planted bug")

    monkeypatch.setattr(targets.engine._result, "explain_assessment", planted)
    root = write({"p/p.yaml": PASSING})
    result = CliRunner().invoke(cli, ["check", str(root / "p"), "--json", str(root / "r.json")])
    assert result.exit_code == ExitCode.INTERNAL
    assert not (root / "r.json").exists()


def test_a_documented_refusal_is_not_assessable_with_its_reason(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from targets.engine import RefusedInputError  # noqa: PLC0415

    def refuse(*args: object, **kwargs: object) -> None:
        raise RefusedInputError("values must be finite numbers")

    monkeypatch.setattr(targets.judge._kinds, "assess", refuse)
    result = targets.check(write({"p/p.yaml": PASSING}) / "p")["t"]
    assert result.status == "not_assessable"
    assert result.reason == "the engine refused the figures: values must be finite numbers"


# Typed results: every number an engine result carries reaches the result, JSON and frame.

EVERY_KIND = """\
programme: {name: Every kind, base: 2019}
sources: [{id: s, publisher: P, date: 2025-06}]
metrics:
  - {id: firms, name: Firms, unit: firm, direction: higher}
  - {id: share, name: Share, unit: "%", direction: higher, limit: 100}
  - {id: rank, name: Rank, unit: rank}
  - {id: hub, name: Hub, unit: yes/no}
  - {id: rev, name: Revenue by province, unit: USD billion, direction: higher}
targets:
  - {id: level, metric: firms, at_least: 100000, by: 2027}
  - {id: band, metric: firms, between: [90000, 95000], by: 2027}
  - {id: relative, metric: firms, relative_to: 2019, factor: 2, by: 2030}
  - id: milestones
    metric: firms
    milestones: [{by: 2022, at_least: 60000}, {by: 2027, at_least: 110000}]
  - {id: hold, metric: share, hold: {between: [10, 14]}, from: 2020, by: 2027}
  - {id: growth, metric: firms, growth: {at_least: 9.2 %}, from: 2021, by: 2026}
  - {id: rank, metric: rank, top: 30, by: 2030}
  - id: count
    metric: rev
    count: {at_least: 2}
    where: {at_least: USD 1 billion}
    by: 2027
  - {id: direction, metric: share, trend: increase}
  - {id: done, metric: hub, done: yes, by: 2030}
figures:
  - {metric: firms, period: 2019, value: 45600, unit: firm, source: s}
  - {metric: firms, period: 2021, value: 64000, unit: firm, source: s}
  - {metric: firms, period: 2022, value: 66000, unit: firm, source: s}
  - {metric: firms, period: 2023, value: 70000, unit: firm, source: s}
  - {metric: firms, period: 2024, value: 73788, unit: firm, source: s}
  - {metric: share, period: 2020, value: 11, unit: "%", source: s}
  - {metric: share, period: 2021, value: 11.5, unit: "%", source: s}
  - {metric: share, period: 2022, value: 12.2, unit: "%", source: s}
  - {metric: share, period: 2023, value: 12.6, unit: "%", source: s}
  - {metric: share, period: 2024, value: 13.1, unit: "%", source: s}
  - {metric: rank, period: 2019, value: 50, unit: rank, source: s}
  - {metric: rank, period: 2024, value: 41, unit: rank, source: s}
  - {metric: hub, period: 2024, value: no, source: s}
  - {metric: rev, period: 2020, entity: A, value: 0.5, unit: USD billion, source: s}
  - {metric: rev, period: 2024, entity: A, value: 1.2, unit: USD billion, source: s}
  - {metric: rev, period: 2020, entity: B, value: 0.4, unit: USD billion, source: s}
  - {metric: rev, period: 2024, entity: B, value: 0.9, unit: USD billion, source: s}
"""


def _same(a: object, b: object) -> bool:
    if a is None or (isinstance(b, float) and math.isnan(b)):
        return a is None and (b is None or (isinstance(b, float) and math.isnan(b)))
    return a == pytest.approx(b)


def test_every_number_of_every_kind_reaches_the_result_json_and_frame(write: Write) -> None:
    report = targets.check(write({"p.yaml": EVERY_KIND}))
    assert {r.kind for r in report} == set(targets.rules.KINDS)
    frame = report.to_frame()
    for result in report:
        document = result.to_dict()
        row = frame.loc[result.id]
        for field in fields(Headline):
            value = getattr(result.headline, field.name)
            if field.name == "thresholds":
                assert document["thresholds"] == dict(value)
                continue
            name = "target_value" if field.name == "target" else field.name
            assert getattr(result, name) == value, (result.id, name)
            assert _same(value, document[name]), (result.id, name)
            if isinstance(value, numbers.Real):
                assert _same(value, row[name]), (result.id, name)
        for key, value in result.details.items():
            assert key in document["details"], (result.id, key)
            if isinstance(value, numbers.Real) and not isinstance(value, bool):
                assert key in frame.columns, (result.id, key)
                assert _same(value, row[key]), (result.id, key)


def test_a_hold_carries_its_projection_and_slope_and_a_growth_rate_its_ratio(
    write: Write,
) -> None:
    report = targets.check(write({"p.yaml": EVERY_KIND}))
    hold, growth = report["hold"].to_dict(), report["growth"].to_dict()
    # five-year mean change of 11, 11.5, 12.2, 12.6, 13.1: (13.1 - 11) / 4 = 0.525 a year,
    # carried from 13.1 (2024) to 2027: 13.1 + 3 * 0.525 = 14.675
    assert hold["slope"] == pytest.approx(0.525)
    assert hold["projected"] == pytest.approx(14.675)
    assert hold["projection"] == "linear"
    assert hold["details"]["breaches"] == []
    # growth into 2024: 73788 / 70000 - 1 = 5.41 %, against 9.2 %: R = 0.0541 / 0.092
    assert growth["growth_actual"] == pytest.approx(73788 / 70000 - 1)
    assert growth["ratio"] == pytest.approx((73788 / 70000 - 1) / 0.092, rel=1e-6)
