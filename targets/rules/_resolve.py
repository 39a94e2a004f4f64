"""Cross-file checks and conversion: from valid items to one consistent `Programme`.

Everything that needs more than one item is checked here: ids are unique and every
reference resolves, each target suits its metric (kind, direction, units, dates), and
every amount and figure is converted into its metric's unit, once.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from targets.rules import _units
from targets.rules._collect import Collected, Item
from targets.rules._derive import figures_for
from targets.rules._duplicates import duplicates
from targets.rules._entities import judged_for_none, overrides_without_figures
from targets.rules._errors import Diagnostic, LoadError, Location, by_position, recurring
from targets.rules._fit import fit_target
from targets.rules._inputs import gather, in_file_order
from targets.rules._locations import Locations
from targets.rules._methods import check_thresholds
from targets.rules._model import Metric, ProgrammeInfo
from targets.rules._programme import Programme
from targets.rules._references import known
from targets.rules._suggest import Suggestions
from targets.rules._targets import (
    TargetBase,
)

if TYPE_CHECKING:
    from targets.rules._columnar import Columnar  # imported when a columnar file is read

__all__ = ["M", "resolve"]


M = TypeVar("M", bound=BaseModel)


def resolve(found: Collected, files: Iterable[str], columnar: Sequence[Columnar] = ()) -> Programme:
    """Check everything that spans items, and the figures of the columnar files against
    the metrics and sources; raise `LoadError` with every problem at once."""
    problems = list(found.problems)
    files = tuple(files)
    info = _one_programme(found, problems, files)
    sources = _unique(found.sources, "source", problems)
    metrics = _unique(found.metrics, "metric", problems)
    targets = _unique(found.targets, "target", problems)

    hints: dict[str, Suggestions] = {}  # each pool's names, prepared at its first unknown

    def ref(
        kind: str,
        pool: Mapping[str, Any],
        value: str | None,
        where: Location | Callable[[], Location],
    ) -> bool:
        return known(kind, pool, value, where, broken=found.broken, problems=problems, hints=hints)

    if info is not None:
        for key in ("documents", "prefer"):
            for index, source_id in enumerate(getattr(info.model, key)):
                ref("source", sources, source_id, info.at(key, index))
        problems += check_thresholds(info)

    converted_metrics = _metrics(metrics, problems)
    loaded_targets: list[TargetBase] = []
    for item in targets.values():
        source, metric = item.model.source, item.model.metric
        if source is not None and source not in sources:  # `ref` says nothing otherwise
            ref("source", sources, source, partial(item.at, "source"))
        for entity, override in item.model.overrides.items():  # an entity's own source
            if override.source is not None and override.source not in sources:
                ref("source", sources, override.source, item.at("overrides", entity, "source"))
        if metric not in metrics:
            ref("metric", metrics, metric, partial(item.at, "metric"))
            continue
        target = fit_target(item, converted_metrics[metric], info, problems)
        if target is not None:
            loaded_targets.append(target)

    pools: Mapping[str, Mapping[str, Any]] = {"metric": metrics, "source": sources}
    for kind, value, where in found.dangling:
        ref(kind, pools[kind], value, where)

    source_models = {key: item.model for key, item in sources.items()}
    tables, changes = gather(
        columnar,
        converted_metrics,
        source_models,
        broken=found.broken,
        mapping={str(k): v for k, v in (info.model.columns or {}).items()} if info else None,
        problems=problems,
    )
    figures, figure_problems = figures_for(
        [*found.figures, *changes.figures], converted_metrics, source_models, broken=found.broken
    )
    problems += figure_problems
    table = in_file_order(files, figures, tables)
    problems += duplicates(table)
    problems += overrides_without_figures(
        loaded_targets, table, lambda target, entity: targets[target.id].at("overrides", entity)
    )
    problems += judged_for_none(loaded_targets, table, lambda t: targets[t.id].at("for_each"))

    if any(p.severity == "error" for p in problems) or info is None:
        raise LoadError(problems)
    locations = Locations(info.location, {"source": sources, "metric": metrics, "target": targets})
    return Programme(
        info=info.model,
        metrics=converted_metrics,
        targets=tuple(loaded_targets),
        sources={key: item.model for key, item in sources.items()},
        table=table,
        locations=locations,
        warnings=tuple(sorted(recurring(problems), key=by_position)),
        files=files,
    )


def _one_programme(
    found: Collected, problems: list[Diagnostic], files: tuple[str, ...]
) -> Item[ProgrammeInfo] | None:
    if not found.programmes:
        # Said only when nothing else explains it: a programme section that failed to
        # validate, a file that did not parse, or no files at all already say enough.
        explained = ("programme", "") in found.broken or any(
            p.severity == "error" and p.message.startswith("invalid YAML") for p in problems
        )
        if files and not explained:
            where = Location(files[0])
            problems.append(
                Diagnostic(where, "no 'programme:' section in the input; one file must declare it")
            )
        elif not files and not problems:
            problems.append(Diagnostic(Location("."), "no rules or figures files in the input"))
        return None
    first, *others = found.programmes
    for other in others:
        problems.append(
            Diagnostic(
                other.location,
                f"a second programme (the first is at {first.location}); "
                "check programmes one at a time",
            )
        )
    return first


def _unique(items: list[Item[M]], kind: str, problems: list[Diagnostic]) -> dict[str, Item[M]]:
    pool = dict(zip(map(_ID, map(_MODEL, items)), items, strict=True))  # read in C
    if len(pool) == len(items):
        return pool  # the usual case: no id twice, told without a pass per item
    pool = {}
    for item in items:
        item_id = getattr(item.model, "id")  # noqa: B009 - every pooled model has an id
        if item_id in pool:
            first = pool[item_id].location
            problems.append(
                Diagnostic(item.at("id"), f"duplicate {kind} id '{item_id}' (first at {first})")
            )
            continue
        pool[item_id] = item
    return pool


_MODEL = operator.attrgetter("model")
_ID = operator.attrgetter("id")  # every pooled model has one


def _metrics(metrics: Mapping[str, Item[Metric]], problems: list[Diagnostic]) -> dict[str, Metric]:
    """Each metric checked and its limit in its unit (`_metric`). What a metric without a
    limit says depends on its unit and direction only: asked once per (unit, direction),
    not of each of sixty thousand metrics."""
    quiet: dict[tuple[str, str | None], bool] = {}  # (unit, direction): says nothing
    converted: dict[str, Metric] = {}
    for mid, item in metrics.items():
        metric = item.model
        if metric.limit is None:
            shape = (metric.unit, metric.direction)
            says_nothing = quiet.get(shape)
            if says_nothing is None:
                start = len(problems)
                converted[mid] = _metric(item, problems)
                quiet[shape] = len(problems) == start
                continue
            if says_nothing:
                converted[mid] = metric  # as `_metric` returns it: nothing to convert
                continue
        converted[mid] = _metric(item, problems)
    return converted


def _metric(item: Item[Metric], problems: list[Diagnostic]) -> Metric:
    metric = item.model
    binary, direction = metric.binary, metric.direction  # each read once: 60,000 metrics
    if direction == "higher" and metric.is_rank:
        problems.append(Diagnostic(item.at("direction"), "a rank is better when lower (1 is best)"))
    if binary and direction is not None:
        problems.append(Diagnostic(item.at("direction"), "a yes/no metric has no direction"))
    if binary and metric.limit is not None:
        problems.append(Diagnostic(item.at("limit"), "a yes/no metric has no limit"))
    if metric.limit is None or binary:
        return metric
    try:
        limit = metric.limit.to(metric.unit)
    except _units.UnitError as exc:
        problems.append(Diagnostic(item.at("limit"), f"the limit: {exc}"))
        return metric
    # In place, as a target's amounts (`_fit._convert`): the model was validated for this
    # call and nothing else holds it; a pydantic copy was most of checking the metrics.
    metric.__dict__["limit"] = limit
    return metric
