"""Time the `targets` command end to end on the Vietnam example, against its start-up.

Run: ``python benchmarks/bench_cli.py [--runs 7]``. Prints the median wall time of each
command over the runs, and its ratio to the baseline, ``targets --help`` (interpreter and
click start-up: what every run pays before any work). The work a command adds beyond its
imports is the difference between ``check`` and ``import-only`` (the same imports, no work).
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "vietnam-digital"

IMPORTS = (
    "import gc, os; gc.disable(); os.environ['OPENBLAS_NUM_THREADS'] = '1';"
    "import targets.cli._check, targets.judge._check, targets.rules._load;"
    "import targets.render._render, targets.engine, numpy"
)
"""What a text check of the example imports, as the command imports it (no collection,
numpy's BLAS on one thread: see `targets.cli.main`). pint is not among them: the example's
units need no conversion; `tests/cli/test_startup.py` pins what a check leaves unimported."""


def broken_copy(into: Path) -> Path:
    """The example with six problems (the issue's acceptance case)."""
    copy = into / "vietnam-digital"
    shutil.copytree(EXAMPLE, copy)
    firms = copy / "figures" / "firms.yaml"
    text = firms.read_text(encoding="utf-8")
    text = text.replace(
        "  - metric: dt-firms\n    period: 2020", "  - metric: *x\n    period: 2020", 1
    )
    text = text.replace("    value: 45,600", "    value: lots", 1)
    firms.write_text(text, encoding="utf-8")
    return copy


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        broken = broken_copy(Path(tmp))
        commands = {
            "targets --help (baseline)": ["targets", "--help"],
            "import-only": [sys.executable, "-c", IMPORTS],
            "validate example": ["targets", "validate", str(EXAMPLE)],
            "validate broken copy": ["targets", "validate", str(broken)],
            "check example": ["targets", "check", str(EXAMPLE)],
            "check example --format json": ["targets", "check", str(EXAMPLE), "--format", "json"],
        }
        results = {name: median_seconds(cmd, args.runs) for name, cmd in commands.items()}
    baseline = results["targets --help (baseline)"]
    print(f"median of {args.runs} runs; ratio to `targets --help`")
    for name, seconds in results.items():
        print(f"  {name:30} {seconds * 1000:8.0f} ms   x{seconds / baseline:5.2f}")
    work = results["check example"] - results["import-only"]
    print(f"  check's work beyond its imports: about {work * 1000:.0f} ms")


if __name__ == "__main__":
    main()
