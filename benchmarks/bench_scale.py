"""Time ``targets check`` on the SDG-shaped dataset against its floor and a pandas baseline.

Run: ``python benchmarks/bench_scale.py [--variant independent per-entity] [--scales 1] [--ten]``
(``--series 50 --scales 0.1 1`` gives 1,000 and 10,000 independent targets). Three whole
processes, run in turn ``--repeat`` times, medians reported:

- the floor: a process that reads the figures file with pyarrow and does nothing else;
- ``targets check RULES FIGURES --json report.json`` end to end (exit 1, the gate tripping,
  is a normal end);
- ``pandas_baseline.py``: the ``groupby().apply()`` script computing Statistics Canada's ratio
  for every series, as a planner would write it.

Each child's wall time, CPU time (user + system) and peak resident memory are its own
(``os.wait4``). ``targets``' modules are compiled to bytecode first, as pip compiles an
installed package's (and pyarrow's and pandas' were): an editable install run where
PYTHONDONTWRITEBYTECODE is set would otherwise compile them at every start. Prints a
table per variant and size, the ratios check/floor and pandas/check, and how the time
grows between sizes. It never asserts: it prints figures, and exits 0 however slow the
tool is. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

import _measure
import sdg_data

HERE = Path(__file__).resolve().parent
STEPS = ("floor", "check", "pandas")
LABELS = {"floor": "floor (pyarrow read)", "check": "targets check", "pandas": "pandas baseline"}
FLOOR = {
    "csv": "import sys, pyarrow.csv as c; c.read_csv(sys.argv[1])",
    "parquet": "import sys, pyarrow.parquet as p; p.read_table(sys.argv[1])",
}


def data_options(parser: argparse.ArgumentParser) -> None:
    """``--data`` and ``--python``, as every script on the SDG-shaped dataset takes them."""
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "targets-bench",
        help="where generated datasets are kept between runs (default: %(default)s)",
    )
    parser.add_argument("--python", default=sys.executable, help="interpreter with targets")


def dataset(data: Path, n_areas: int, n_series: int, seed: int, variant: str) -> Path:
    """The dataset's folder, generated the first time it is asked for."""
    folder = data / f"v{sdg_data.VERSION}-seed{seed}-areas{n_areas}-series{n_series}"
    manifest = folder / "manifest.json"
    done = manifest.exists() and variant in json.loads(manifest.read_text())["variants"]
    if not done:
        print(f"  generating {n_areas} areas x {n_series} series into {folder} ...", flush=True)
        sdg_data.write(folder, n_areas, n_series, seed=seed, variants=(variant,))
    return folder


def per_entity_refusal(python: str) -> str | None:
    """Why today's ``targets`` cannot run the per-entity variant, or None if it can."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sdg_data.write(folder, 2, 2, variants=("per-entity",), parquet=False)
        err = folder / "validate.err"
        result = _measure.run(
            [python, "-m", "targets", "validate", str(folder / "per-entity")],
            stdout=err,
            stderr=err,
        )
        if result.code == 0:
            return None
        lines = err.read_text(encoding="utf-8", errors="replace").splitlines()
        first = lines[0] if lines else f"exit {result.code}"
        return f"`targets validate` rejects its rules ({first.split(': ', 1)[-1]})"


def commands(
    folder: Path, variant: str, figures_format: str, python: str, out: Path
) -> dict[str, list[str]]:
    rules = folder / variant / "rules.yaml"
    csv_figures = folder / variant / "figures.csv"
    figures = csv_figures if figures_format == "csv" else folder / f"{variant}.parquet"
    table = folder / f"{variant}.targets.csv"
    return {
        "floor": [python, "-c", FLOOR[figures_format], str(figures)],
        "check": [
            python,
            "-m",
            "targets",
            "check",
            str(rules),
            str(figures),
            "--json",
            str(out / "report.json"),
            "--format",
            "text",
            "--no-color",
        ],
        "pandas": [
            python,
            str(HERE / "pandas_baseline.py"),
            str(figures),
            str(table),
            "--out",
            str(out / "pandas.csv"),
        ],
    }


def measure(
    cmds: dict[str, list[str]], out: Path, repeat: int, timeout: float | None
) -> dict[str, list[_measure.Run]]:
    """Run the steps in turn, `repeat` times, so that drifts in the machine hit them alike."""
    runs: dict[str, list[_measure.Run]] = {step: [] for step in cmds}
    for i in range(repeat):
        for step, command in cmds.items():
            result = _measure.run(
                command,
                stdout=out / f"{step}.out",
                stderr=out / f"{step}.err",
                timeout=timeout,
            )
            runs[step].append(result)
            status = "timed out" if result.timed_out else f"exit {result.code}"
            print(
                f"    run {i + 1}/{repeat} {step:<6} {result.wall:8.2f} s wall "
                f"{result.cpu:8.2f} s CPU {result.rss_mib:7.0f} MiB  {status}",
                flush=True,
            )
    return runs


def failed(step: str, result: _measure.Run) -> bool:
    ok = {"check": (0, 1)}.get(step, (0,))  # check exits 1 when the gate trips
    return result.code not in ok


def verdicts(out: Path) -> tuple[dict[str, int] | None, dict[str, int] | None]:
    """Status counts of the check's JSON report and of the pandas results, to compare.

    The report's summary comes before its results, so only its head is read: a large
    report would cost the runner more than the check's own run.
    """
    check: dict[str, int] | None = None
    report = out / "report.json"
    if report.exists():
        with report.open(encoding="utf-8", errors="replace") as f:
            head = f.read(1 << 16)
        found = re.search(r'"summary":\s*(\{[^{}]*\})', head)
        if found:
            summary = json.loads(found.group(1))
            check = {k: int(v) for k, v in summary.items() if k != "total" and v}
    pandas: dict[str, int] | None = None
    results = out / "pandas.csv"
    if results.exists():
        import csv  # noqa: PLC0415

        with results.open(encoding="utf-8") as f:
            pandas = dict(Counter(row["status"] for row in csv.DictReader(f)))
    return check, pandas


def ratio(medians: dict[str, _measure.Run], over: str, under: str, note: str = "") -> None:
    if over in medians and under in medians:
        a, b = medians[over], medians[under]
        print(f"  {over} / {under}: {a.wall / b.wall:7.2f}x wall, {a.cpu / b.cpu:7.2f}x CPU{note}")


def report(title: str, medians: dict[str, _measure.Run], out: Path, errors: dict[str, str]) -> None:
    print(f"\n{title}")
    print(f"  {'':<22} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'exit':>5}")
    for step, m in medians.items():
        note = f"  {errors[step]}" if step in errors else ""
        code = "t/o" if m.timed_out else str(m.code)
        print(f"  {LABELS[step]:<22} {m.wall:8.2f} {m.cpu:8.2f} {m.rss_mib:9.0f} {code:>5}{note}")
    ratio(medians, "check", "floor")
    ratio(medians, "pandas", "check", "  (above 1: check is faster than pandas)")
    if "check" not in medians:
        ratio(medians, "pandas", "floor")
    json_report = out / "report.json"
    if json_report.exists():
        print(f"  JSON report: {json_report.stat().st_size / 1e6:.1f} MB")
    check_counts, pandas_counts = verdicts(out)
    if check_counts is not None and pandas_counts is not None:
        same = "the same" if check_counts == pandas_counts else "DIFFERENT"
        print(f"  verdicts: check {check_counts}; pandas {pandas_counts}: {same}")


def growth(sizes: list[tuple[float, dict[str, _measure.Run]]]) -> None:
    """How time grows with the data: 10x the data should cost at most 12x the time."""
    for (small, a), (large, b) in itertools.pairwise(sizes):
        factor = large / small
        parts = [
            f"{LABELS[s]} {b[s].wall / a[s].wall:.1f}x wall, {b[s].cpu / a[s].cpu:.1f}x CPU"
            for s in a
        ]
        print(f"  {factor:.1f}x the figures: " + "; ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--variant", nargs="+", choices=sdg_data.VARIANTS, default=list(sdg_data.VARIANTS)
    )
    parser.add_argument(
        "--scales",
        type=float,
        nargs="+",
        default=[1.0],
        help="multiples of the 200 areas (default 1: 1.5 million cells with 300 series)",
    )
    parser.add_argument("--ten", action="store_true", help="add scale 10 (15 million; slow)")
    parser.add_argument("--series", type=int, default=sdg_data.SERIES)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (default 3)")
    parser.add_argument("--figures", choices=("csv", "parquet"), default="csv")
    parser.add_argument(
        "--steps",
        nargs="+",
        choices=STEPS,
        default=list(STEPS),
        help="run only these (e.g. floor pandas, where the check cannot run yet)",
    )
    parser.add_argument("--timeout", type=float, help="kill a run after this many seconds")
    data_options(parser)
    parser.add_argument("--save", type=Path, help="also write every run as JSON to this file")
    args = parser.parse_args()
    scales = sorted({*args.scales, *([10.0] if args.ten else [])})

    print(f"{_measure.load()}; {args.repeat} runs of each step, medians")
    print(_measure.compile_package(args.python))
    saved: list[dict[str, Any]] = []
    for variant in args.variant:
        if variant == "per-entity" and "check" in args.steps:
            refusal = per_entity_refusal(args.python)
            if refusal:
                print(f"\nper-entity: skipped: {refusal}. It needs `for_each` (issue 10, item 1).")
                continue
        sizes: list[tuple[float, dict[str, _measure.Run]]] = []
        for scale in scales:
            n_areas = max(1, round(sdg_data.AREAS_AT_SCALE_1 * scale))
            folder = dataset(args.data, n_areas, args.series, args.seed, variant)
            manifest = json.loads((folder / "manifest.json").read_text())
            info = manifest["variants"][variant]
            out = folder / f"out-{variant}"
            out.mkdir(exist_ok=True)
            for stale in ("report.json", "pandas.csv"):
                (out / stale).unlink(missing_ok=True)
            title = (
                f"{variant}: {info['targets']:,} targets, {info['pairs']:,} series, "
                f"{manifest['figures']:,} figures ({n_areas} areas x {args.series} series; "
                f"rules {info['bytes']['rules'] / 1e6:.1f} MB, figures "
                f"{info['bytes']['figures' if args.figures == 'csv' else 'parquet'] / 1e6:.1f}"
                f" MB {args.figures})"
            )
            print(f"\n{title}: running", flush=True)
            every = commands(folder, variant, args.figures, args.python, out)
            cmds = {step: every[step] for step in STEPS if step in args.steps}
            runs = measure(cmds, out, args.repeat, args.timeout)
            medians = {step: _measure.median(runs[step]) for step in cmds}
            errors = {}
            for step in cmds:
                if failed(step, medians[step]):
                    lines = (out / f"{step}.err").read_text(errors="replace").splitlines()
                    errors[step] = "FAILED: " + (lines[0][:120] if lines else "no message")
            report(title, medians, out, errors)
            sizes.append((manifest["figures"], medians))
            saved.append(
                {
                    "variant": variant,
                    "scale": scale,
                    "areas": n_areas,
                    "series": args.series,
                    "figures": manifest["figures"],
                    "targets": info["targets"],
                    "runs": {step: [asdict(r) for r in runs[step]] for step in cmds},
                }
            )
        if len(sizes) > 1:
            print(f"\n{variant}: growth with the data (medians)")
            growth(sizes)
    print(f"\n{_measure.load()}")
    if args.save:
        args.save.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
