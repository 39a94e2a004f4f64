"""Cross-file checks and conversion: from valid items to one consistent `Programme`.

Everything that needs more than one item is checked here: ids are unique and every
reference resolves, each target suits its metric (kind, direction, units, dates), and
every amount and figure is converted into its metric's unit, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from typing import Any, TypeVar

from pydantic import BaseModel

from targets._safe import quoted
from targets.rules import _units
from targets.rules._collect import Collected, Item
from targets.rules._errors import Diagnostic, LoadError, Location, did_you_mean
from targets.rules._figures import Figure, FigureSpec
from targets.rules._fit import fit_target
from targets.rules._methods import check_thresholds
from targets.rules._model import Metric, ProgrammeInfo, Source
from targets.rules._programme import Programme
from targets.rules._targets import (
    TargetBase,
)

M = TypeVar("M", bound=BaseModel)


def resolve(found: Collected, files: Iterable[str]) -> Programme:
    """Check everything that spans items; raise `LoadError` with every problem at once."""
    problems = list(found.problems)
    files = tuple(files)
    info = _one_programme(found, problems, files)
    sources = _unique(found.sources, "source", problems)
    metrics = _unique(found.metrics, "metric", problems)
    targets = _unique(found.targets, "target", problems)

    def ref(kind: str, pool: Mapping[str, Any], value: str | None, where: Location) -> bool:
        return known(kind, pool, value, where, broken=found.broken, problems=problems)

    if info is not None:
        for key in ("documents", "prefer"):
            for index, source_id in enumerate(getattr(info.model, key)):
                ref("source", sources, source_id, info.at(key, index))
        problems += check_thresholds(info)

    converted_metrics = {mid: _metric(item, problems) for mid, item in metrics.items()}
    loaded_targets: list[TargetBase] = []
    for item in targets.values():
        ref("source", sources, item.model.source, item.at("source"))
        if not ref("metric", metrics, item.model.metric, item.at("metric")):
            continue
        target = fit_target(item, converted_metrics[item.model.metric], info, problems)
        if target is not None:
            loaded_targets.append(target)

    figures, figure_problems = figures_for(
        found.figures,
        converted_metrics,
        {key: item.model for key, item in sources.items()},
        broken=found.broken,
    )
    problems += figure_problems

    if any(p.severity == "error" for p in problems) or info is None:
        raise LoadError(problems)
    locations = {"programme": info.location}
    for kind, pool in (("source", sources), ("metric", metrics), ("target", targets)):
        locations.update({f"{kind}:{key}": item.location for key, item in pool.items()})
    return Programme(
        info=info.model,
        metrics=converted_metrics,
        targets=tuple(loaded_targets),
        sources={key: item.model for key, item in sources.items()},
        figures=tuple(figures),
        locations=locations,
        warnings=tuple(sorted(problems)),
        files=files,
    )


def known(
    kind: str,
    pool: Mapping[str, Any],
    value: str | None,
    where: Location,
    *,
    broken: Set[tuple[str, str]],
    problems: list[Diagnostic],
) -> bool:
    """Whether `value` names an item of `pool`; if not, say so with the closest name.

    A reference to an item whose own definition was invalid is not reported again.
    """
    if value is None or value in pool:
        return value is not None
    section = f"{kind}s"
    if (section, value) not in broken:
        names = [*pool, *(name for part, name in broken if part == section)]
        hint = did_you_mean(value, names)
        problems.append(Diagnostic(where, f"unknown {kind} {quoted(value)}{hint}"))
    return False


def _one_programme(
    found: Collected, problems: list[Diagnostic], files: tuple[str, ...]
) -> Item[ProgrammeInfo] | None:
    if not found.programmes:
        # Said only when nothing else explains it: a programme section that failed to
        # validate, a file that did not parse, or no files at all already say enough.
        explained = any(
            p.severity == "error"
            and (
                p.message.startswith(("'programme'", "invalid YAML"))
                or "the programme" in p.message
            )
            for p in problems
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
    pool: dict[str, Item[M]] = {}
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


def _metric(item: Item[Metric], problems: list[Diagnostic]) -> Metric:
    metric = item.model
    if metric.unit in {"rank", "ranks"} and metric.direction == "higher":
        problems.append(Diagnostic(item.at("direction"), "a rank is better when lower (1 is best)"))
    if metric.binary and metric.direction is not None:
        problems.append(Diagnostic(item.at("direction"), "a yes/no metric has no direction"))
    if metric.binary and metric.limit is not None:
        problems.append(Diagnostic(item.at("limit"), "a yes/no metric has no limit"))
    if metric.limit is None or metric.binary:
        return metric
    try:
        return metric.model_copy(update={"limit": metric.limit.to(metric.unit)})
    except _units.UnitError as exc:
        problems.append(Diagnostic(item.at("limit"), f"the limit: {exc}"))
        return metric


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
    for item in items:
        spec = item.model
        where = item.at("source")
        has_source = known("source", sources, spec.source, where, broken=broken, problems=problems)
        where = item.at("metric")
        if not known("metric", metrics, spec.metric, where, broken=broken, problems=problems):
            continue
        source = sources[spec.source] if has_source and spec.source else None
        loaded += _figures(item, metrics[spec.metric], source, problems)
    problems += _duplicate_figures(loaded)
    return loaded, problems


def _figures(
    item: Item[FigureSpec], metric: Metric, source: Source | None, problems: list[Diagnostic]
) -> list[Figure]:
    from targets.rules._derive import derive, load_figure  # noqa: PLC0415 - keeps this module short

    figure = load_figure(item, metric, source, problems)
    if figure is None:
        return []
    derived = derive(item, figure, metric, problems)
    return [figure] if derived is None else [figure, derived]


def _duplicate_figures(figures: list[Figure]) -> list[Diagnostic]:
    """The same figure twice, or two values for one period from one source and edition."""
    editions: dict[tuple[Any, ...], Figure] = {}
    found: list[Diagnostic] = []
    for figure in figures:
        if figure.kind == "derived" or figure.location is None:
            continue
        edition = (
            figure.metric,
            figure.period.time,
            figure.entity,
            figure.kind == "forecast",
            figure.source.id if figure.source else None,
            figure.published,
        )
        first = editions.setdefault(edition, figure)
        if first is figure:
            continue
        if (first.low, first.high) == (figure.low, figure.high):
            message = f"the same figure again (first at {first.location})"
        else:
            message = (
                f"a second value for {figure.period} from the same source and edition "
                f"({first.stated} at {first.location}); the later in the files is used"
            )
        found.append(Diagnostic(figure.location, message, "warning"))
    return found
