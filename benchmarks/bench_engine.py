"""Time the batch engine against its baseline, ``assess`` in a Python loop.

Run: ``python benchmarks/bench_engine.py [--sizes 100000 500000] [--methods statcan unsd]``.
Prints, per method and size, the batch time, its peak traced memory, the scalar loop's time
extrapolated from a sample, and the speed-up. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.engine import METHODS, assess, assess_batch


@dataclass(frozen=True)
class Columns:
    series: npt.NDArray[np.int64]
    years: npt.NDArray[np.float64]
    values: npt.NDArray[np.float64]
    target: npt.NDArray[np.float64]
    target_year: npt.NDArray[np.float64]
    direction: npt.NDArray[np.str_]


def make(n_series: int, seed: int = 0) -> Columns:
    """Series of 2 to 10 yearly figures, a random walk in growth, targets around the trend."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(2, 11, n_series)
    series = np.repeat(np.arange(n_series), lengths)
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    position = np.arange(series.size) - starts
    first_year = np.repeat(rng.integers(2005, 2016, n_series), lengths)
    growth = rng.normal(0.03, 0.08, series.size)
    growth[position == 0] = 0.0
    level = np.repeat(rng.lognormal(5, 2, n_series), lengths)
    log_path = np.cumsum(np.log1p(growth))
    log_path -= np.repeat(log_path[np.cumsum(lengths) - lengths], lengths)
    values = level * np.exp(log_path)
    last_value = values[np.cumsum(lengths) - 1]
    target = last_value * rng.uniform(0.6, 2.0, n_series)
    target[rng.random(n_series) < 0.1] = np.nan
    direction = np.where(rng.random(n_series) < 0.2, "decrease", "increase")
    return Columns(
        series=series,
        years=(first_year + position).astype(float),
        values=values,
        target=target,
        target_year=rng.integers(2025, 2031, n_series).astype(float),
        direction=direction,
    )


def run_batch(c: Columns, method: str) -> None:
    assess_batch(
        c.series,
        c.years,
        c.values,
        target=c.target,
        target_year=c.target_year,
        direction=c.direction,
        method=method,
    )


def scalar_seconds_per_series(c: Columns, method: str, sample: int) -> float:
    bounds = np.flatnonzero(np.r_[True, c.series[1:] != c.series[:-1], True])
    count = min(sample, bounds.size - 1)
    start = time.perf_counter()
    for i in range(count):
        lo, hi = bounds[i], bounds[i + 1]
        target = c.target[i]
        assess(
            c.years[lo:hi],
            c.values[lo:hi],
            target=None if np.isnan(target) else float(target),
            target_year=float(c.target_year[i]),
            direction=str(c.direction[i]),
            method=method,
        )
    return (time.perf_counter() - start) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 500_000])
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    parser.add_argument("--sample", type=int, default=2000, help="series timed in the loop")
    args = parser.parse_args()
    header = (
        f"{'method':<9} {'series':>8} {'rows':>9} {'batch s':>8} {'peak MB':>8} "
        f"{'loop s (est.)':>13} {'speed-up':>8}"
    )
    print(header)
    print("-" * len(header))
    for size in args.sizes:
        columns = make(size)
        for method in args.methods:
            run_batch(make(1000), method)  # warm-up: imports and first-call costs
            start = time.perf_counter()
            run_batch(columns, method)
            batch = time.perf_counter() - start
            tracemalloc.start()
            run_batch(columns, method)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            loop = scalar_seconds_per_series(columns, method, args.sample) * size
            print(
                f"{method:<9} {size:>8,} {columns.series.size:>9,} {batch:>8.2f} {peak:>8.0f} "
                f"{loop:>13.1f} {loop / batch:>7.0f}x"
            )


if __name__ == "__main__":
    main()
