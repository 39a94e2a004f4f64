"""Hypothesis strategies for valid programmes and their figures, built from the rule
language's models: units from the unit tables, goal keys from the target kinds, methods from
the engine, periods within the time axis, numbers anywhere a double reaches.

Each metric is drawn with a shape (its unit and which way is better); each target is of a
kind that suits its metric, as `rules/_fit.py` requires; figures use the metric's unit or
one that converts into it. `test_generated_programmes_are_valid` holds the strategies to it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from targets.rules import KINDS
from targets.rules._periods import MAX_YEAR, MIN_YEAR

SOURCES = ("s1", "s2", "s3")
ENTITIES = ("Ha Noi", "Da Nang", "Hue", "Can Tho")


@dataclass(frozen=True, slots=True)
class Shape:
    """What a metric is: its unit, the units its figures may be written in, which way is
    better (None for ranks and yes/no), a natural limit, and the kinds that suit it."""

    unit: str
    figure_units: tuple[str, ...]
    better: str | None
    kinds: tuple[str, ...]
    limit: float | None = None


_AMOUNT_KINDS = ("level", "band", "relative", "milestones", "hold", "growth", "direction")
SHAPES = (
    Shape("firm", ("firm", "firms", "thousand firm"), "higher", (*_AMOUNT_KINDS, "count")),
    Shape("person", ("person", "people"), "lower", _AMOUNT_KINDS),
    Shape(
        "USD billion",
        ("USD billion", "USD million", "USD", "USD trillion"),
        "higher",
        (*_AMOUNT_KINDS, "count"),
    ),
    Shape(
        "VND trillion", ("VND trillion", "VND billion", "VND quadrillion"), "lower", _AMOUNT_KINDS
    ),
    Shape("%", ("%",), "higher", _AMOUNT_KINDS, limit=100),
    Shape("score", ("score",), "higher", _AMOUNT_KINDS),
    Shape("rank", ("rank",), None, ("rank",)),
    Shape("yes/no", (), None, ("binary",)),
)
assert {k for s in SHAPES for k in s.kinds} == set(KINDS), "every kind of target is drawn"

ORDINARY = st.floats(min_value=0.001, max_value=1e7, allow_nan=False)
EXTREME = st.sampled_from([5e-324, 1e-300, 1e-100, 1e15, 1e100, 1e300, 1.7e308])
AMOUNTS = st.one_of(ORDINARY, ORDINARY, ORDINARY, EXTREME, st.integers(1, 10**12))
YEARS = st.integers(1990, 2045)


def _period(year: int, draw: st.DrawFn) -> Any:
    form = draw(st.sampled_from(["year", "year", "year", "quarter", "month", "date", "span"]))
    if form == "quarter":
        return f"{year}-Q{draw(st.integers(1, 4))}"
    if form == "month":
        return f"{year}-M{draw(st.integers(1, 12)):02d}"
    if form == "date":
        return f"{year}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
    if form == "span":
        return f"{year}/{(year + 1) % 100:02d}"
    return year


@st.composite
def _figure(draw: st.DrawFn, metric: str, shape: Shape, entity: bool) -> dict[str, Any]:
    year = draw(YEARS)
    figure: dict[str, Any] = {"metric": metric, "period": _period(year, draw)}
    if shape.unit == "yes/no":
        figure["value"] = draw(st.sampled_from(["yes", "no", True, False]))
    else:
        if shape.unit == "rank":
            value: Any = draw(st.integers(1, 250) | st.sampled_from([1e300, 1.7e308]))
        elif shape.unit == "%":
            value = draw(st.floats(0, 120, allow_nan=False) | EXTREME)
        else:
            value = draw(AMOUNTS)
        small = value < 1e-300  # the value before a growth statement would underflow
        text = None
        if shape.unit != "rank" and value < 1e300 and draw(st.integers(0, 5)) == 0:
            text = f"{value:g}-{value * 1.5:g}"  # a range, assessed at both ends
        extreme = not 1e-290 < value < 1e290  # another unit would take it beyond a double
        figure["value"] = text if text is not None else value
        figure["unit"] = shape.unit if extreme else draw(st.sampled_from(shape.figure_units))
        if shape.unit != "rank" and not small and draw(st.integers(0, 4)) == 0:
            figure["change"] = draw(st.sampled_from(["+7 %", "-3.5 %", "+0 %", "+250 %"]))
            if isinstance(figure["period"], str) and figure["period"].count("-") == 2:
                figure["since"] = year - 1  # a single date has no period before it
    figure["kind"] = draw(st.sampled_from(["actual", "actual", "estimate", "forecast"]))
    figure["source"] = draw(st.sampled_from(SOURCES))
    if draw(st.booleans()):
        figure["published"] = f"{min(year + draw(st.integers(0, 2)), MAX_YEAR)}-06-30"
    if entity:
        figure["entity"] = draw(st.sampled_from(ENTITIES))
    return figure


def _amount(value: float, shape: Shape, draw: st.DrawFn) -> Any:
    if shape.unit == "USD billion" and value < 1e300 and draw(st.booleans()):
        return f"USD {value * 1000:.6g} million"
    return value


@st.composite
def _target(draw: st.DrawFn, tid: str, metric: str, shape: Shape) -> dict[str, Any]:
    kind = draw(st.sampled_from(shape.kinds))
    by = draw(st.integers(2016, 2045))
    higher = shape.better == "higher"
    target: dict[str, Any] = {"id": tid, "metric": metric}
    low, high = sorted(draw(st.lists(AMOUNTS, min_size=2, max_size=2)))
    if shape.limit is not None:
        low, high = min(low, shape.limit) / 2, min(high, shape.limit)
    if low == high:
        low, high = (high / 2, high) if high else (0.0, 1.0)
    if kind == "level":
        target["at_least" if higher else "at_most"] = _amount(high if higher else low, shape, draw)
        target["by"] = by
        if draw(st.booleans()):
            target["method"] = draw(st.sampled_from(["statcan", "unsd", "destatis"]))
    elif kind == "band":
        target.update(between=[low, high], by=by)
    elif kind == "relative":
        base = draw(st.integers(1995, by - 1))
        if draw(st.booleans()):
            factor = draw(st.floats(1.01, 5)) if higher else draw(st.floats(0.05, 0.99))
            target.update(relative_to=base, factor=factor, by=by)
        else:
            target.update(relative_to=base, change="+25 %" if higher else "-25 %", by=by)
    elif kind == "milestones":
        first = draw(st.integers(2016, 2040))
        levels = (low, high) if higher else (high, low)
        side = "at_least" if higher else "at_most"
        target["milestones"] = [
            {"by": first, side: levels[0]},
            {"by": first + draw(st.integers(1, 5)), side: levels[1]},
        ]
    elif kind == "hold":
        start = draw(st.integers(2016, 2040))
        target.update(hold={"between": [low, high]}, **{"from": start}, by=start + 3)
    elif kind == "growth":
        rate = draw(st.sampled_from(["9.2 %", "0.5 %", "25 %", "-2 %"]))
        target.update(growth={"at_least" if higher else "at_most": rate}, by=by)
    elif kind == "direction":
        target["trend"] = "increase" if higher else "decrease"
    elif kind == "rank":
        target.update(top=draw(st.integers(1, 200)), by=by)
    elif kind == "count":
        target.update(
            count={"at_least": draw(st.integers(0, len(ENTITIES)))},
            where={"at_least": _amount(low, shape, draw)},
            entities="localities",
            by=by,
        )
    else:
        target.update(done="yes", by=by)
    if draw(st.integers(0, 3)) == 0:
        target["severity"] = "warn"
    return target


@dataclass(frozen=True, slots=True)
class Generated:
    """A programme as files: name -> text."""

    files: dict[str, str]

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in self.files.items():
            (folder / name).write_text(text, encoding="utf-8")


def _yaml(section: str, items: list[dict[str, Any]]) -> str:
    body = "".join(f"  - {json.dumps(item, ensure_ascii=False)}\n" for item in items)
    return f"{section}:\n{body}" if items else f"{section}:\n"


def _csv(figures: list[dict[str, Any]]) -> str:
    columns = ["metric", "period", "value", "unit", "kind", "entity", "source", "published"]
    columns += ["change", "since"]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for figure in figures:
        row = {k: v for k, v in figure.items() if k in columns}
        if isinstance(row.get("value"), bool):
            row["value"] = "yes" if row["value"] else "no"
        if isinstance(row.get("value"), float):
            row["value"] = repr(row["value"])
        writer.writerow(row)
    return out.getvalue()


@st.composite
def programmes(draw: st.DrawFn) -> Generated:
    """A valid programme: 1-4 metrics, a target or two on each, and their figures in YAML
    and, sometimes, CSV."""
    shapes = draw(st.lists(st.sampled_from(SHAPES), min_size=1, max_size=4))
    info: dict[str, Any] = {"id": "fuzz", "name": "Fuzzed programme", "base": 2015}
    if draw(st.booleans()):
        info["method"] = draw(st.sampled_from(["statcan", "unsd", "destatis"]))
    sources = [{"id": s, "publisher": "Ministry", "date": "2025-01"} for s in SOURCES]
    metrics: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    for index, shape in enumerate(shapes):
        mid = f"m{index}"
        metric: dict[str, Any] = {"id": mid, "name": f"Metric {index}", "unit": shape.unit}
        if shape.better is not None:
            metric["direction"] = shape.better
        if shape.limit is not None:
            metric["limit"] = shape.limit
        metrics.append(metric)
        count = draw(st.integers(1, 2))
        chosen = [draw(_target(f"t{index}-{n}", mid, shape)) for n in range(count)]
        targets += chosen
        entity = any("count" in t for t in chosen)
        figures += draw(st.lists(_figure(mid, shape, entity), min_size=1, max_size=8))
    files = {
        "programme.yaml": f"programme: {json.dumps(info)}\n"
        + _yaml("sources", sources)
        + _yaml("metrics", metrics)
        + _yaml("targets", targets)
    }
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(figures)))
        files["figures.yaml"] = _yaml("figures", figures[:cut])
        files["more.csv"] = _csv(figures[cut:])
    else:
        files["figures.yaml"] = _yaml("figures", figures)
    return Generated(files)


assert MIN_YEAR <= 1990, "the years drawn are on the time axis"
assert MAX_YEAR >= 2047, "the years drawn are on the time axis"
