"""Time ``targets check`` on the SDG-shaped figures written the ways offices write them.

Run: ``python benchmarks/bench_shapes.py [--repeat 3] [--data DIR]``. The benchmark of
``bench_scale.py`` reads one tidy CSV file; real inputs are split and sparse, and CI asks
for more than JSON. Each shape below holds the same figures (or a part of them) and is
timed as a whole process, in turn with the others, ``--repeat`` times (medians):

- ``one file``: the per-entity variant as ``bench_scale.py`` reads it (the reference);
- ``a file per area``: the same figures in one CSV file per area (200 files of 190 KB, each
  below the size from which a lone file is read into columns);
- ``junit``: the one file, with a JUnit report besides the JSON one (60,000 test cases);
- ``relative``: the one file, each target stated relative to 2015 ("+20 % on 2015", or
  "0.8 times 2015" where lower is better), the commonest shape of an SDG target;
- ``trend``: the one file, each target a direction with no level ("increase"), judged by
  its method's rules for no target, as much of an SDG database is;
- ``band``: the one file, each target a band 10 % either side of its level;
- ``milestones``: the one file, each target two milestones, 10 % short of its level by
  2025 and its level by its deadline (2030), as national programmes state theirs;
- ``growth``: the one file, each target a growth rate each year from 2021 to its deadline
  (2 % up, or down where lower is better);
- ``sparse``: the independent variant with the figures of every other series left out:
  30,000 targets without a figure, not assessable;
- ``independent``: the independent variant whole, the reference of the sparse shape.

Prints wall and CPU time, peak memory and each shape's time against its reference. Never
asserts; not part of the test suite. Each shape once cost a cliff: 56 s for the files per
area (read row by row), 145 s for JUnit (a result built per test case), 14 s for the
sparse programme (a result built per pair without figures), 94 s and 1.6 GB for the
relative targets, 57 s and 1.3 GB for the directions, 108 s and 1.6 GB for the bands,
166 s and 2.2 GB for the milestones, 77 s and 1.3 GB for the growth rates (judged the
per-series way).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import _measure
import sdg_data
from bench_scale import data_options, dataset

SHAPES = (
    "one file", "a file per area", "junit", "relative", "trend", "band", "milestones",
    "growth", "independent", "sparse",
)  # fmt: skip
REFERENCE = {
    "a file per area": "one file",
    "junit": "one file",
    "relative": "one file",
    "trend": "one file",
    "band": "one file",
    "milestones": "one file",
    "growth": "one file",
    "sparse": "independent",
}


def by_area(figures: Path, into: Path) -> Path:
    """`figures` split into one CSV file per area (entity), written once."""
    if into.exists():
        return into
    parts = into.with_suffix(".partial")
    parts.mkdir(parents=True, exist_ok=True)
    with figures.open(encoding="utf-8") as lines:
        header = next(lines)
        files: dict[str, list[str]] = {}
        for line in lines:
            files.setdefault(line.split(",", 2)[1], []).append(line)
    for area, rows in files.items():
        (parts / f"{area}.csv").write_text(header + "".join(rows), encoding="utf-8")
    parts.rename(into)
    return into


def sparse(figures: Path, into: Path) -> Path:
    """`figures` without the series of every other metric's series number."""
    if into.exists():
        return into
    into.parent.mkdir(parents=True, exist_ok=True)
    partial = into.with_suffix(".partial")
    with figures.open(encoding="utf-8") as lines, partial.open("w", encoding="utf-8") as out:
        out.write(next(lines))
        for line in lines:  # a metric 's001-a001' in the independent variant: series 1
            if int(line[1:4]) % 2:
                out.write(line)
    partial.rename(into)
    return into


Goal = Callable[[bool, float], str]
"""A target's new goal lines, from whether higher is better and its level."""


def restated(rules: Path, into: Path, goal: Goal, *, drop: tuple[str, ...] = ()) -> Path:
    """The per-entity `rules` with each target's level (``at_least: V`` where higher is
    better, else ``at_most: V``) replaced by `goal`'s lines, and its keys `drop` left out."""
    if into.exists():
        return into
    into.parent.mkdir(parents=True, exist_ok=True)
    head, targets = rules.read_text(encoding="utf-8").split("\ntargets:\n")
    lines = []
    for line in targets.splitlines():
        side, _, value = line.strip().partition(": ")
        if side in ("at_least", "at_most"):
            lines.append(goal(side == "at_least", float(value)))
        elif side not in drop:
            lines.append(line)
    partial = into.with_suffix(".partial")
    partial.write_text(head + "\ntargets:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    partial.rename(into)
    return into


def relative(rules: Path, into: Path) -> Path:
    """The per-entity `rules`, each target +20 % on 2015 (x 0.8 where lower is better)."""

    def goal(higher: bool, _: float) -> str:
        change = 'change: "+20 %"' if higher else "factor: 0.8"
        return f"    relative_to: 2015\n    {change}"

    return restated(rules, into, goal, drop=("base",))


def trend(rules: Path, into: Path) -> Path:
    """The per-entity `rules`, each target a direction (no level) the metric's better way."""
    return restated(rules, into, lambda higher, _: f"    trend: {_WAY[higher]}")


def band(rules: Path, into: Path) -> Path:
    """The per-entity `rules`, each target a band 10 % either side of its level."""
    return restated(rules, into, lambda _, v: f"    between: [{v * 0.9:.6g}, {v * 1.1:.6g}]")


def milestones(rules: Path, into: Path) -> Path:
    """The per-entity `rules`, each target two milestones: 10 % short of its level by
    2025 (the way the metric is better), its level by its deadline."""

    def goal(higher: bool, value: float) -> str:
        side, first = ("at_least", value * 0.9) if higher else ("at_most", value * 1.1)
        return (
            f"    milestones:\n      - {{by: 2025, {side}: {first:.6g}}}\n"
            f"      - {{by: 2030, {side}: {value:.6g}}}"
        )

    return restated(rules, into, goal, drop=("by",))


def growth(rules: Path, into: Path) -> Path:
    """The per-entity `rules`, each target a growth rate each year from 2021 to its deadline:
    2 % up where higher is better, 2 % down where lower is."""

    def goal(higher: bool, _: float) -> str:
        rate = "{at_least: 2 %}" if higher else "{at_most: -2 %}"
        return f"    growth: {rate}\n    from: 2021"

    return restated(rules, into, goal, drop=("base",))


_WAY = {True: "increase", False: "decrease"}


def commands(folder: Path, python: str, out: Path) -> dict[str, list[str]]:
    check = [python, "-m", "targets", "check", "--format", "text", "--no-color"]
    json = ["--json", str(out / "report.json")]
    per_entity, independent = folder / "per-entity", folder / "independent"
    shapes = folder / "shapes"
    areas = by_area(per_entity / "figures.csv", shapes / "by-area")
    few = sparse(independent / "figures.csv", shapes / "sparse" / "figures.csv")
    rules, whole = str(per_entity / "rules.yaml"), str(per_entity / "figures.csv")
    against_2015 = relative(per_entity / "rules.yaml", shapes / "relative" / "rules.yaml")
    directions = trend(per_entity / "rules.yaml", shapes / "trend" / "rules.yaml")
    bands = band(per_entity / "rules.yaml", shapes / "band" / "rules.yaml")
    steps = milestones(per_entity / "rules.yaml", shapes / "milestones" / "rules.yaml")
    rates = growth(per_entity / "rules.yaml", shapes / "growth" / "rules.yaml")
    alone = str(independent / "rules.yaml")
    junit = ["--junit", str(out / "report.xml")]
    return {
        "one file": [*check, rules, whole, *json],
        "a file per area": [*check, rules, str(areas), *json],
        "junit": [*check, rules, whole, *json, *junit],
        "relative": [*check, str(against_2015), whole, *json],
        "trend": [*check, str(directions), whole, *json],
        "band": [*check, str(bands), whole, *json],
        "milestones": [*check, str(steps), whole, *json],
        "growth": [*check, str(rates), whole, *json],
        "independent": [*check, alone, str(independent / "figures.csv"), *json],
        "sparse": [*check, alone, str(few), *json],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each shape (default 3)")
    data_options(parser)
    args = parser.parse_args()
    print(f"{_measure.load()}; {args.repeat} runs of each shape, medians")
    print(_measure.compile_package(args.python))
    areas, series = sdg_data.AREAS_AT_SCALE_1, sdg_data.SERIES
    for variant in sdg_data.VARIANTS:
        folder = dataset(args.data, areas, series, 0, variant)
    out = folder / "out-shapes"
    out.mkdir(exist_ok=True)
    cmds = commands(folder, args.python, out)
    runs: dict[str, list[_measure.Run]] = {shape: [] for shape in SHAPES}
    for i in range(args.repeat):
        for shape in SHAPES:
            result = _measure.run(cmds[shape], stdout=out / "check.out", stderr=out / "check.err")
            runs[shape].append(result)
            print(
                f"    run {i + 1}/{args.repeat} {shape:<16} {result.wall:7.2f} s wall "
                f"{result.cpu:7.2f} s CPU {result.rss_mib:6.0f} MiB  exit {result.code}",
                flush=True,
            )
    medians = {shape: _measure.median(found) for shape, found in runs.items()}
    print(f"\n{'':18}wall s    CPU s  peak MiB  exit")
    for shape, m in medians.items():
        against = REFERENCE.get(shape)
        ratio = f"  {m.wall / medians[against].wall:5.2f}x {against}" if against else ""
        print(f"  {shape:<16}{m.wall:6.2f} {m.cpu:8.2f} {m.rss_mib:9.0f} {m.code:5d}{ratio}")


if __name__ == "__main__":
    main()
