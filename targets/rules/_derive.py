"""Loading figures: each unit converted, dates checked, growth statements derived, and the
references to metrics and sources checked (`figures_for`, shared by files and DataFrames)."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Set

from targets.rules import _units
from targets.rules._collect import Item
from targets.rules._errors import Diagnostic
from targets.rules._figures import Figure, FigureSpec
from targets.rules._model import Metric, Source
from targets.rules._periods import PeriodError
from targets.rules._references import known
from targets.rules._suggest import Suggestions
from targets.rules._types import Amount
from targets.rules._words import said

__all__ = ["derive", "figures_for", "load_figure"]


def load_figure(
    item: Item[FigureSpec], metric: Metric, source: Source | None, problems: list[Diagnostic]
) -> Figure | None:
    """`item` as a `Figure` in the metric's unit, or None after reporting why not."""
    spec = item.model
    stated = spec.value
    if metric.binary:
        if stated.flag is None:
            problems.append(
                Diagnostic(item.at("value"), f"'{metric.id}' is a yes/no metric; write yes or no")
            )
            return None
        if spec.unit is not None and spec.unit not in {_units.BINARY, "boolean"}:
            problems.append(
                Diagnostic(item.at("unit"), f"'{metric.id}' is a yes/no metric; leave out the unit")
            )
            return None
        low = high = float(stated.flag)
        unit_text = stated.text
    else:
        if stated.flag is not None:
            problems.append(
                Diagnostic(
                    item.at("value"),
                    f"yes/no is for yes/no metrics; '{metric.id}' is in {metric.unit}",
                )
            )
            return None
        if spec.unit is None:
            problems.append(
                Diagnostic(
                    item.location,
                    f"a figure needs 'unit' (the metric '{metric.id}' is in {metric.unit})",
                )
            )
            return None
        try:
            factor = _units.conversion_factor(spec.unit, metric.unit)
        except _units.UnitError as exc:
            problems.append(Diagnostic(item.at("unit"), f"{exc} (a figure of '{metric.id}')"))
            return None
        low, high = stated.low * factor, stated.high * factor
        size = _unusable(stated.low, low) or _unusable(stated.high, high)
        if size:
            problems.append(
                Diagnostic(
                    item.at("value"), f"{stated.text} {spec.unit} is too {size} in {metric.unit}"
                )
            )
            return None
        unit_text = said(stated.text, stated.low == stated.high == 1, spec.unit)
    if not _plausible(item, metric, low, high, problems):
        return None  # no figure, as a columnar file's row with an error (nor said again)
    published = spec.published or (source.date if source else None)
    if (
        published is not None
        and spec.kind == "actual"
        and published.last_day < spec.period.first_day
    ):
        problems.append(
            Diagnostic(
                item.at("published"),
                f"an actual figure for {spec.period} published in {published}: is it a forecast?",
                "warning",
            )
        )
    return Figure(
        metric=metric.id,
        period=spec.period,
        low=low,
        high=high,
        unit=metric.unit,
        stated=unit_text,
        kind=spec.kind,
        entity=spec.entity,
        source=source,
        quote=spec.quote,
        published=published,
        change=_signed(spec.change) if spec.change else None,
        note=spec.note,
        location=item.location,
    )


def _plausible(
    item: Item[FigureSpec], metric: Metric, low: float, high: float, problems: list[Diagnostic]
) -> bool:
    """Whether the value can be the metric's (False: a rank below 1, said); a value beyond
    the metric's natural limit is warned of, and kept."""
    rank_below_one = metric.better == "lower" and metric.is_rank and low < 1
    if rank_below_one:
        problems.append(Diagnostic(item.at("value"), "a rank is 1 or more"))
    if metric.limit is not None and (metric.direction is not None or metric.better == "lower"):
        beyond = (
            high > metric.limit.value if metric.better == "higher" else low < metric.limit.value
        )
        if beyond:
            problems.append(
                Diagnostic(
                    item.at("value"),
                    f"beyond the natural limit of '{metric.id}' ({metric.limit.value:g})",
                    "warning",
                )
            )
    return not rank_below_one


def derive(
    item: Item[FigureSpec], figure: Figure, metric: Metric, problems: list[Diagnostic]
) -> Figure | None:
    """The previous value a growth statement implies ("1,500, up 7 % on 2022": 1,402)."""
    spec = item.model
    if spec.change is None:
        if spec.since is not None:
            problems.append(Diagnostic(item.at("since"), "'since' goes with 'change'"))
        return None
    if metric.binary:
        problems.append(Diagnostic(item.at("change"), "a yes/no figure has no change"))
        return None
    try:
        since = spec.since or spec.period.previous()
    except PeriodError as exc:  # the period before the first the time axis holds
        problems.append(Diagnostic(item.at("change"), f"a change on {spec.period}: {exc}"))
        return None
    if since is None:
        problems.append(
            Diagnostic(item.at("change"), "a change on a single date needs 'since: <period>'")
        )
        return None
    if since.time >= spec.period.time:
        problems.append(Diagnostic(item.at("since"), f"'since' comes before {spec.period}"))
        return None
    change = spec.change
    if change.unit is not None and _units.is_percent(change.unit):
        ratio = 1 + change.value / 100
        if ratio <= 0:
            problems.append(Diagnostic(item.at("change"), f"a fall of {change} leaves nothing"))
            return None
        low, high = figure.low / ratio, figure.high / ratio
    else:
        try:
            step = change.to(spec.unit or metric.unit).to(metric.unit).value
        except _units.UnitError as exc:
            problems.append(Diagnostic(item.at("change"), str(exc)))
            return None
        low, high = figure.low - step, figure.high - step
    size = _unusable(figure.low, low) or _unusable(figure.high, high)
    if size:
        problems.append(
            Diagnostic(item.at("change"), f"the value before {change} is too {size} to hold")
        )
        return None
    note = f"implied by {figure.stated} in {spec.period}, {_signed(change)} on {since}"
    stated = _round(low) if low == high else f"{_round(low)}-{_round(high)}"
    return Figure(
        metric=metric.id,
        period=since,
        low=low,
        high=high,
        unit=metric.unit,
        stated=said(stated, low == high == 1, metric.unit),
        kind="forecast" if figure.kind == "forecast" else "derived",
        entity=figure.entity,
        source=figure.source,
        quote=figure.quote,
        published=figure.published,
        derived_from=figure,
        note=note,
        location=figure.location,
    )


def _unusable(before: float, after: float) -> str | None:
    """Why a value computed from `before` is no usable double: 'large' (infinite) or
    'small' (made 0 by underflow), or None when it is fine."""
    if not math.isfinite(after):
        return "large"
    return "small" if after == 0 and before != 0 else None


def _signed(change: Amount) -> str:
    """A growth statement as written, keeping its sign: YAML reads ``+5600`` as 5600."""
    if change.text[:1] in "+-":
        return change.text
    unit = f" {change.unit}" if change.unit else ""
    return f"{change.value:+,g}{unit}"


def _round(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"


def figures_for(
    items: Iterable[Item[FigureSpec]],
    metrics: Mapping[str, Metric],
    sources: Mapping[str, Source],
    *,
    broken: Set[tuple[str, str]] = frozenset(),
) -> tuple[list[Figure], list[Diagnostic]]:
    """Figures checked against the programme's metrics and sources, converted, derived."""
    problems: list[Diagnostic] = []
    loaded: list[Figure] = []
    hints: dict[str, Suggestions] = {}  # each pool's names, prepared at its first unknown
    for item in items:
        spec = item.model
        # where a reference is written: found only for an unknown one (a figure in a flow
        # mapping is read again to find it: half the load of 55,000 such figures)
        where = functools.partial(item.at, "source")
        has_source = known(
            "source", sources, spec.source, where, broken=broken, problems=problems, hints=hints
        )
        where = functools.partial(item.at, "metric")
        if not known(
            "metric", metrics, spec.metric, where, broken=broken, problems=problems, hints=hints
        ):
            continue
        source = sources[spec.source] if has_source and spec.source else None
        figures = _figures(item, metrics[spec.metric], source, problems)
        unknown = not has_source and spec.source is not None
        if not unknown or ("sources", spec.source) in broken:
            loaded += figures  # else checked on, then dropped, as a columnar row would be
    return loaded, problems


def _figures(
    item: Item[FigureSpec], metric: Metric, source: Source | None, problems: list[Diagnostic]
) -> list[Figure]:
    figure = load_figure(item, metric, source, problems)
    if figure is None:
        return []
    derived = derive(item, figure, metric, problems)
    return [figure] if derived is None else [figure, derived]
