"""Start-up: the small example's whole-process check, this tree against a baseline commit.

Run: ``python benchmarks/bench_startup.py [--baseline 5e3e8f9] [--runs 10]``. Exports the
baseline commit with ``git archive`` into a temporary folder (no worktree is registered, so
nothing is left behind in the repository), then times, as whole processes and in turn,
``python -m targets check EXAMPLE`` and ``python -m targets --help`` with ``PYTHONPATH`` set
to each tree. Prints the medians of wall and CPU time and peak memory, and the speed-up of
this tree over the baseline (issue 10 asks for at least 1.5x on the check). Then prints where
this tree's check spends its import time (``python -X importtime``).

Both trees check the same example files, the baseline's copy of examples/vietnam-digital
(``--example`` to choose another), so a grown example does not pass for a slower tool. It
prints figures and exits 0; it asserts nothing. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import _measure

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "5e3e8f9"  # main when issue 10's start-up work began


def export(ref: str, into: Path) -> Path:
    """The tree of commit `ref`, as files under `into` (``git archive``: no worktree)."""
    tree = into / "baseline"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref],
        check=True,
        capture_output=True,
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def environment(tree: Path) -> dict[str, str]:
    """The environment a run of `tree` gets: its folder first on the import path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # cached bytecode, as an installed tool has
    env["NO_COLOR"] = "1"
    return env


def imported_from(python: str, tree: Path, cwd: Path) -> Path:
    found = subprocess.run(
        [python, "-c", "import targets; print(targets.__file__)"],
        env=environment(tree),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(found.stdout.strip()).resolve()


def import_times(python: str, tree: Path, example: Path, cwd: Path, top: int) -> None:
    """Where the check's import time goes: by top-level package, then the costliest modules."""
    done = subprocess.run(
        [python, "-X", "importtime", "-m", "targets", "check", str(example)],
        env=environment(tree),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    rows: list[tuple[int, int, int, str]] = []  # self us, cumulative us, depth, module
    for line in done.stderr.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if found:
            depth = (len(found.group(3)) - 1) // 2
            rows.append((int(found.group(1)), int(found.group(2)), depth, found.group(4)))
    if not rows:
        print("  (no -X importtime output)")
        return
    total = sum(r[0] for r in rows)
    by_package: dict[str, int] = defaultdict(int)
    for self_us, _, _, module in rows:
        by_package[module.split(".")[0]] += self_us
    print(f"  all imports: {total / 1e6:.3f} s (one run, self times added up)")
    print("  by top-level package (self time):")
    for package, us in sorted(by_package.items(), key=lambda kv: -kv[1])[:top]:
        print(f"    {package:<28} {us / 1e6:7.3f} s  {100 * us / total:5.1f} %")
    print("  costliest imports (cumulative: with what they import; depth 0 is imported first)")
    for self_us, cumulative, depth, module in sorted(rows, key=lambda r: -r[1])[:top]:
        print(
            f"    {module:<44} {cumulative / 1e6:7.3f} s  self {self_us / 1e6:6.3f} s  "
            f"depth {depth}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", default=BASELINE, help="git ref (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=10, help="runs of each command")
    parser.add_argument("--example", type=Path, help="rules to check (default: baseline's)")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--top", type=int, default=15, help="rows of the import breakdown")
    args = parser.parse_args()
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", args.baseline],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    with tempfile.TemporaryDirectory(prefix="targets-startup-") as tmp:
        here = Path(tmp)
        cwd = here / "cwd"  # an empty working directory: nothing found there by accident
        cwd.mkdir()
        trees = {f"baseline {sha}": export(args.baseline, here), "this tree": ROOT}
        example = args.example or trees[f"baseline {sha}"] / "examples" / "vietnam-digital"
        for name, tree in trees.items():
            found = imported_from(args.python, tree, cwd)
            if not found.is_relative_to(tree.resolve()):
                print(f"warning: {name} imports targets from {found}, not from {tree}")
        commands = {
            "check example": ["-m", "targets", "check", str(example.resolve())],
            "--help": ["-m", "targets", "--help"],
        }
        runs: dict[tuple[str, str], list[_measure.Run]] = defaultdict(list)
        print(f"{_measure.load()}; example: {example}")
        for i in range(args.runs + 1):  # the first round compiles bytecode: not counted
            for name, tree in trees.items():
                for label, command in commands.items():
                    result = _measure.run([args.python, *command], cwd=cwd, env=environment(tree))
                    if i:
                        runs[name, label].append(result)

        print(f"\nmedians of {args.runs} runs, alternating")
        print(f"  {'':<32} {'wall s':>7} {'CPU s':>7} {'peak MiB':>9} {'exit':>5}")
        medians = {key: _measure.median(value) for key, value in runs.items()}
        for label in commands:
            for name in trees:
                m = medians[name, label]
                print(
                    f"  {label + ', ' + name:<32} {m.wall:7.3f} {m.cpu:7.3f} "
                    f"{m.rss_mib:9.0f} {m.code:>5}"
                )
        print("\nspeed-up of this tree over the baseline (baseline / this tree; above 1: faster)")
        for label in commands:
            old, new = medians[f"baseline {sha}", label], medians["this tree", label]
            print(f"  {label:<16} {old.wall / new.wall:5.2f}x wall, {old.cpu / new.cpu:5.2f}x CPU")
        print(f"\nimport time of this tree's check (python -X importtime), top {args.top}")
        import_times(args.python, ROOT, example, cwd, args.top)
        print(f"\n{_measure.load()}")


if __name__ == "__main__":
    main()
