"""Generate the SDG-shaped benchmark dataset: areas x series x 25 yearly figures, and rules.

Run: ``python benchmarks/sdg_data.py --out DIR [--scale 1] [--areas N] [--series N]``.
The shape is the UN SDG global database's: 200 areas x 300 series x 25 years (2000-2024) at
scale 1, about 1.5 million cells; ``--scale`` multiplies the number of areas (scale 10: 2,000
areas, 15 million cells), ``--areas`` and ``--series`` set them directly for quick runs. The
same seed gives the same files, so timings on two machines or two trees judge the same data.

Two variants, each a folder that ``targets check`` reads whole, with two files beside it:

- ``DIR/per-entity/``: one metric per series and one target per series declared once for
  every area (``for_each: all``); figures carry the area as ``entity``.
- ``DIR/independent/``: one metric and one level target per (series, area), in one YAML file;
  figures carry the pair's metric id and no entity.
- ``DIR/VARIANT.parquet``: the same figures as Parquet (outside the folder, so a check of the
  folder does not read them twice). ``DIR/VARIANT.targets.csv``: the targets as the table a
  planner keeps for the pandas baseline (``pandas_baseline.py``).

Not real data: levels, trends and noise are drawn so that verdicts are mixed (achieved, on
track, at risk, off track, regressing, and a few not assessable).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

VERSION = 1  # bump when the same seed no longer draws the same data (cached datasets)
AREAS_AT_SCALE_1 = 200
SERIES = 300
FIRST_YEAR, LAST_YEAR = 2000, 2024
BASE, DEADLINE = 2015, 2030
VARIANTS = ("per-entity", "independent")
CSV_COLUMNS = ("metric", "entity", "period", "value", "unit")

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class UnitKind:
    """A family of series: its unit, typical magnitude and how its values are written."""

    unit: str
    what: str
    log_level: float
    decimals: int
    bounded: bool = False  # a share or score between 0 and 100


UNIT_KINDS = (
    UnitKind("%", "proportion", np.log(30.0), 1, bounded=True),
    UnitKind("score", "index score", np.log(50.0), 2, bounded=True),
    UnitKind("USD million", "flows", np.log(400.0), 1),
    UnitKind("USD billion", "value added", np.log(20.0), 2),
    UnitKind("USD / person", "per-capita amount", np.log(3000.0), 0),
    UnitKind("person", "people", np.log(20000.0), 0),
    UnitKind("household", "households", np.log(5000.0), 0),
    UnitKind("firm", "enterprises", np.log(800.0), 0),
)


@dataclass(frozen=True)
class Dataset:
    """Everything drawn, as arrays; pairs are (series, area), series-major."""

    seed: int
    areas: list[str]
    series: list[str]
    kind: Ints  # per series: index into UNIT_KINDS
    higher: npt.NDArray[np.bool_]  # per series: higher is better
    pair_target: Floats  # per pair: the independent variant's target
    series_target: Floats  # per series: the per-entity variant's target, every area
    row_pair: Ints  # per figure: its pair
    row_year: Ints  # per figure: its year
    row_value: Floats  # per figure: its value, rounded as published

    @property
    def pairs(self) -> int:
        return len(self.series) * len(self.areas)

    def pair_ids(self) -> list[str]:
        """The independent variant's metric ids: ``SERIES-AREA``."""
        return [f"{s}-{a}" for s in self.series for a in self.areas]

    def unit(self, series: int) -> UnitKind:
        return UNIT_KINDS[int(self.kind[series])]


def ids(prefix: str, count: int) -> list[str]:
    width = max(3, len(str(count)))
    return [f"{prefix}{i:0{width}d}" for i in range(1, count + 1)]


def generate(n_areas: int, n_series: int, seed: int = 0) -> Dataset:
    """Draw levels, trends, noise, gaps and targets, all at once with numpy."""
    rng = np.random.default_rng(seed)
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    n_years = years.size
    kind = rng.integers(len(UNIT_KINDS), size=n_series)
    higher = rng.random(n_series) < 0.7
    log_level = np.array([k.log_level for k in UNIT_KINDS])[kind]
    bounded = np.array([k.bounded for k in UNIT_KINDS])[kind]
    decimals = np.array([k.decimals for k in UNIT_KINDS])[kind]
    # Most series move the better way, some the worse way.
    series_trend = rng.normal(np.where(higher, 0.015, -0.015), 0.03)

    n_pairs = n_series * n_areas
    ps = np.repeat(np.arange(n_series), n_areas)
    pa = np.tile(np.arange(n_areas), n_series)
    area_size = rng.lognormal(0.0, 0.5, n_areas)
    start = np.log(np.exp(log_level[ps]) * area_size[pa] * rng.lognormal(0.0, 0.3, n_pairs))
    growth = series_trend[ps] + rng.normal(0.0, 0.02, n_pairs)
    noise = rng.uniform(0.005, 0.04, n_pairs)
    steps = growth[:, None] + noise[:, None] * rng.standard_normal((n_pairs, n_years))
    steps[:, 0] = 0.0
    # Bounded series move in logit space so that they stay between 0 and 100.
    start = np.where(bounded[ps], _logit(np.minimum(np.exp(start), 90.0) / 100.0), start)
    path = start[:, None] + np.cumsum(steps, axis=1)
    values = np.where(bounded[ps][:, None], 100.0 * _expit(path), np.exp(path))

    first = np.zeros(n_pairs, dtype=np.int64)  # most series start in 2000
    late = rng.random(n_pairs)
    first[late < 0.12] = rng.integers(1, 16, int((late < 0.12).sum()))  # start by 2015
    first[late < 0.03] = rng.integers(16, 24, int((late < 0.03).sum()))  # start after the base
    last = np.full(n_pairs, n_years - 1)
    lag = rng.random(n_pairs)
    last[lag < 0.20] = n_years - 2  # not yet reported for 2024
    last[lag < 0.05] = n_years - 3
    first = np.minimum(first, last)  # every pair has a figure; a few only one
    column = np.arange(n_years)
    present = (column >= first[:, None]) & (column <= last[:, None])
    present &= rng.random((n_pairs, n_years)) >= 0.02  # a missing year here and there
    present[np.arange(n_pairs), first] = True  # but never a series without figures
    row_pair, row_col = np.nonzero(present)

    row_value = values[row_pair, row_col]
    row_value = _round(row_value, decimals[ps[row_pair]])

    # Targets around where the pair's trend leads by the deadline, never below (above) the
    # base level for higher (lower) is better: a programme promises improvement.
    def trend_at(year: int) -> Floats:
        x = start + growth * (year - FIRST_YEAR)
        return np.where(bounded[ps], 100.0 * _expit(x), np.exp(x))

    wish = trend_at(DEADLINE) * rng.lognormal(0.0, 0.3, n_pairs)
    from_base = np.where(present & (column >= BASE - FIRST_YEAR), column, n_years - 1).min(axis=1)
    at_base = values[np.arange(n_pairs), from_base]  # the figure the base year will use
    up = higher[ps]
    target = np.where(up, np.maximum(wish, at_base * 1.05), np.minimum(wish, at_base * 0.95))
    target = np.where(bounded[ps], np.clip(target, 0.5, 99.0), target)
    pair_target = _round(target, decimals[ps])
    series_target = _round(np.median(target.reshape(n_series, n_areas), axis=1), decimals)
    return Dataset(
        seed=seed,
        areas=ids("a", n_areas),
        series=ids("s", n_series),
        kind=kind,
        higher=higher,
        pair_target=pair_target,
        series_target=series_target,
        row_pair=row_pair.astype(np.int64),
        row_year=years[row_col].astype(np.int64),
        row_value=row_value,
    )


def _logit(p: Floats) -> Floats:
    result: Floats = np.log(p / (1.0 - p))
    return result


def _expit(x: Floats) -> Floats:
    result: Floats = 1.0 / (1.0 + np.exp(-x))
    return result


def _round(values: Floats, decimals: Ints) -> Floats:
    """Round each value to its series' decimals, never to zero (as an office publishes)."""
    out = np.empty_like(values)
    for places in np.unique(decimals):
        mask = decimals == places
        out[mask] = np.maximum(np.round(values[mask], int(places)), 10.0 ** -int(places))
    return out


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def metric_yaml(metric_id: str, name: str, kind: UnitKind, higher: bool) -> str:
    lines = [
        f"  - id: {metric_id}",
        f"    name: {name}",
        f'    unit: "{kind.unit}"',
        f"    direction: {'higher' if higher else 'lower'}",
    ]
    if kind.unit == "%" and higher:
        lines.append("    limit: 100")  # a natural limit in the better direction
    return "\n".join(lines) + "\n"


def level_target_yaml(
    target_id: str, metric_id: str, goal: str, amount: str, extra: str = ""
) -> str:
    """One level target, base 2015, by 2030 (the programme judges with Statistics Canada's)."""
    return (
        f"  - id: {target_id}\n"
        f"    metric: {metric_id}\n"
        f"{extra}"
        f"    {goal}: {amount}\n"
        f"    by: {DEADLINE}\n"
        f"    base: {BASE}\n"
    )


def per_entity_target_yaml(ds: Dataset, series: int) -> str:
    """One rule for every area that has figures for the series.

    Written in the syntax issue 10 is about to add (``for_each: all``); today's ``targets
    validate`` rejects it. When the syntax lands or changes, this is the one place to adapt.
    """
    kind = ds.unit(series)
    sid = ds.series[series]
    return level_target_yaml(
        f"{sid}-{DEADLINE}",
        sid,
        "at_least" if ds.higher[series] else "at_most",
        _number(float(ds.series_target[series]), kind.decimals),
        extra="    for_each: all\n",
    )


def _header(ds: Dataset, variant: str) -> str:
    return (
        f"# Generated by benchmarks/sdg_data.py (seed {ds.seed}, {len(ds.areas)} areas x "
        f"{len(ds.series)} series, {FIRST_YEAR}-{LAST_YEAR}, variant {variant}).\n"
        "# Synthetic figures shaped like the UN SDG global database: not real data.\n\n"
        "programme:\n"
        f"  id: sdg-bench-{variant}\n"
        f"  name: SDG-shaped benchmark, {len(ds.areas)} areas x {len(ds.series)} series\n"
        "  method: statcan\n\n"
    )


def per_entity_rules(ds: Dataset) -> str:
    """The programme, one metric per series and one rule per series for every area."""
    parts = [_header(ds, "per-entity"), "metrics:\n"]
    for s, sid in enumerate(ds.series):
        kind = ds.unit(s)
        parts.append(metric_yaml(sid, f"Series {sid} ({kind.what})", kind, bool(ds.higher[s])))
    parts.append("\ntargets:\n")
    parts.extend(per_entity_target_yaml(ds, s) for s in range(len(ds.series)))
    return "".join(parts)


def independent_rules(ds: Dataset) -> str:
    """The programme, then a metric and a level target for every (series, area) pair."""
    metrics = ["metrics:\n"]
    targets = ["\ntargets:\n"]
    pair_ids = ds.pair_ids()
    n_areas = len(ds.areas)
    for p, mid in enumerate(pair_ids):
        s, a = divmod(p, n_areas)
        kind, higher = ds.unit(s), bool(ds.higher[s])
        name = f"{ds.series[s]} {kind.what}, {ds.areas[a]}"
        metrics.append(metric_yaml(mid, name, kind, higher))
        targets.append(
            level_target_yaml(
                f"{mid}-{DEADLINE}",
                mid,
                "at_least" if higher else "at_most",
                _number(float(ds.pair_target[p]), kind.decimals),
            )
        )
    return "".join([_header(ds, "independent"), *metrics, *targets])


def figures_table(ds: Dataset, variant: str, *, period_as_text: bool = False) -> Any:
    """The figures as a pyarrow Table, text columns dictionary-encoded (cheap to build)."""
    import pyarrow as pa  # noqa: PLC0415 - only writing files needs pyarrow

    n_areas = len(ds.areas)
    series_of_row = ds.row_pair // n_areas
    unit_text = pa.array([k.unit for k in UNIT_KINDS])
    columns: dict[str, Any] = {}
    if variant == "per-entity":
        columns["metric"] = _dictionary(series_of_row, pa.array(ds.series))
        columns["entity"] = _dictionary(ds.row_pair % n_areas, pa.array(ds.areas))
    else:
        columns["metric"] = _dictionary(ds.row_pair, pa.array(ds.pair_ids()))
    if period_as_text:
        years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
        columns["period"] = _dictionary(ds.row_year - FIRST_YEAR, pa.array(years.astype(str)))
    else:
        columns["period"] = pa.array(ds.row_year.astype(np.int16))
    columns["value"] = pa.array(ds.row_value)
    columns["unit"] = _dictionary(ds.kind[series_of_row], unit_text)
    return pa.table(columns)


def _dictionary(indices: Ints, dictionary: Any) -> Any:
    import pyarrow as pa  # noqa: PLC0415

    return pa.DictionaryArray.from_arrays(pa.array(indices.astype(np.int32)), dictionary)


def targets_table(ds: Dataset, variant: str) -> Any:
    """The targets as a planner's table: metric, direction, target, base, by."""
    import pyarrow as pa  # noqa: PLC0415

    if variant == "per-entity":
        metric: list[str] | Any = ds.series
        higher, target = ds.higher, ds.series_target
    else:
        metric = ds.pair_ids()
        per_pair = np.repeat(np.arange(len(ds.series)), len(ds.areas))
        higher, target = ds.higher[per_pair], ds.pair_target
    return pa.table(
        {
            "metric": pa.array(metric),
            "direction": pa.array(np.where(higher, "higher", "lower")),
            "target": pa.array(target),
            "base": pa.array(np.full(len(target), BASE, dtype=np.int16)),
            "by": pa.array(np.full(len(target), DEADLINE, dtype=np.int16)),
        }
    )


def write_csv(table: Any, path: Path) -> None:
    """CSV as a planner's spreadsheet writes it: a plain header, no quotes."""
    import pyarrow.csv as pacsv  # noqa: PLC0415

    with path.open("wb") as out:
        out.write((",".join(table.column_names) + "\n").encode())
        pacsv.write_csv(table, out, pacsv.WriteOptions(include_header=False, quoting_style="none"))


def write(
    out: Path,
    n_areas: int,
    n_series: int,
    *,
    seed: int = 0,
    variants: tuple[str, ...] = VARIANTS,
    parquet: bool = True,
) -> dict[str, Any]:
    """Write the dataset's files under `out` and return its manifest (also written)."""
    import pyarrow.parquet as pq  # noqa: PLC0415

    ds = generate(n_areas, n_series, seed)
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
        "version": VERSION,
        "seed": seed,
        "areas": n_areas,
        "series": n_series,
        "years": [FIRST_YEAR, LAST_YEAR],
        "figures": int(ds.row_value.size),
        "variants": {},
    }
    previous = out / "manifest.json"
    if previous.exists():  # keep the variants written earlier with the same parameters
        earlier = json.loads(previous.read_text(encoding="utf-8"))
        if all(earlier.get(k) == manifest[k] for k in ("version", "seed", "areas", "series")):
            manifest["variants"] = earlier.get("variants", {})
    writers = {"per-entity": per_entity_rules, "independent": independent_rules}
    for variant in variants:
        folder = out / variant
        folder.mkdir(exist_ok=True)
        files = {
            "rules": folder / "rules.yaml",
            "figures": folder / "figures.csv",
            "targets_table": out / f"{variant}.targets.csv",
        }
        files["rules"].write_text(writers[variant](ds), encoding="utf-8")
        write_csv(figures_table(ds, variant), files["figures"])
        write_csv(targets_table(ds, variant), files["targets_table"])
        if parquet:
            files["parquet"] = out / f"{variant}.parquet"
            pq.write_table(figures_table(ds, variant, period_as_text=True), files["parquet"])
        manifest["variants"][variant] = {
            "targets": len(ds.series) if variant == "per-entity" else ds.pairs,
            "pairs": ds.pairs,
            "files": {key: str(path.relative_to(out)) for key, path in files.items()},
            "bytes": {key: path.stat().st_size for key, path in files.items()},
        }
    previous.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiplies the 200 areas (default 1)"
    )
    parser.add_argument("--areas", type=int, help="number of areas (overrides --scale)")
    parser.add_argument("--series", type=int, default=SERIES, help=f"default {SERIES}")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variant", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--no-parquet", action="store_true", help="skip the Parquet copy")
    args = parser.parse_args()
    n_areas = args.areas or max(1, round(AREAS_AT_SCALE_1 * args.scale))
    manifest = write(
        args.out,
        n_areas,
        args.series,
        seed=args.seed,
        variants=tuple(args.variant),
        parquet=not args.no_parquet,
    )
    print(json.dumps(manifest, indent=2))


if __name__ == "__main__":
    main()
