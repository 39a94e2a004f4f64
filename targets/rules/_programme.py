"""A loaded programme: its targets, metrics, sources and figures, checked and converted."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from targets._safe import quoted
from targets.rules._errors import Diagnostic, Location, UnknownTargetError
from targets.rules._figures import Figure
from targets.rules._ingest import with_figures
from targets.rules._locations import Locations
from targets.rules._model import Metric, ProgrammeInfo, Source
from targets.rules._suggest import did_you_mean
from targets.rules._table import KIND_CODES, FigureTable
from targets.rules._targets import TargetBase

if TYPE_CHECKING:
    import pandas as pd

    from targets.judge import Report

__all__ = ["Programme"]


def _frozen(mapping: Mapping[str, object]) -> Mapping[str, object]:
    """A read-only view of a copy of `mapping`; `Locations` (read-only, each found when
    asked) as it is."""
    if isinstance(mapping, Locations):
        return mapping
    return MappingProxyType(dict(mapping))


_VIEWS = ("metrics", "sources", "locations")
"""The programme's mappings, kept as read-only views."""


@dataclass(frozen=True)
class Programme:
    """Everything loaded from a set of rules and figures files.

    Amounts in targets and values of figures are already in their metric's unit. Built by
    `targets.load`; nothing in it changes after loading.
    """

    info: ProgrammeInfo
    metrics: Mapping[str, Metric]
    targets: tuple[TargetBase, ...]
    sources: Mapping[str, Source]
    table: FigureTable
    """Every figure as columns (what the check path reads); `figures` has them as objects."""
    locations: Mapping[str, Location] = field(default_factory=dict)
    """Where each item was written: keys are ``"target:<id>"``, ``"metric:<id>"``,
    ``"source:<id>"`` and ``"programme"`` (a loaded programme's are found when asked:
    `rules._locations.Locations`)."""
    warnings: tuple[Diagnostic, ...] = ()
    files: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in _VIEWS:
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    def __getstate__(self) -> dict[str, Any]:
        """For pickle (a worker process, a distributed engine's partition): the read-only
        views as plain dicts, without the figures built on demand (rebuilt on use)."""
        state = dict(self.__dict__)
        state.pop("figures", None)
        for name in _VIEWS:
            state[name] = dict(state[name])
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name in _VIEWS:
            state[name] = _frozen(state[name])
        self.__dict__.update(state)

    @functools.cached_property
    def figures(self) -> tuple[Figure, ...]:
        """Every figure (every vintage and kind) as an object, in file order; built on first
        use from `table`, which is what a large programme should be read through."""
        return self.table.figures()

    @property
    def figure_kinds(self) -> dict[str, int]:
        """How many figures of each kind (actual, estimate, derived, forecast) there are,
        counted on the columns: no figure is built."""
        counts = np.bincount(self.table.kind, minlength=len(KIND_CODES))
        return {kind: int(n) for kind, n in zip(KIND_CODES, counts, strict=True)}

    def without_figures(self) -> Programme:
        """The same rules with no figures, to be given others (`with_figures`)."""
        return dataclasses.replace(self, table=FigureTable.of(()))

    @property
    def name(self) -> str:
        """The programme's name (its `info.name`)."""
        return self.info.name

    def target(self, target_id: str) -> TargetBase:
        """The target with this id; an `UnknownTargetError` (a KeyError) suggests the
        closest id."""
        for target in self.targets:
            if target.id == target_id:
                return target
        hint = did_you_mean(str(target_id), [t.id for t in self.targets])
        raise UnknownTargetError(f"no target {quoted(str(target_id))}{hint}")

    def metric_of(self, target: TargetBase | str) -> Metric:
        """The metric a target is about."""
        chosen = self.target(target) if isinstance(target, str) else target
        return self.metrics[chosen.metric]

    def figures_for(self, metric: str, *, entity: str | None = None) -> tuple[Figure, ...]:
        """Every figure on a metric (every vintage and kind), in time order."""
        table = self.table
        if metric not in table.metrics:
            return ()
        rows = table.metric == table.metrics.index(metric)
        if entity is not None:
            rows &= table.entity == (
                table.entities.index(entity) if entity in table.entities else -2
            )
        chosen = table.figures(np.flatnonzero(rows))
        return tuple(sorted(chosen, key=lambda f: (f.time, f.entity or "", f.kind)))

    def location(self, kind: str, item_id: str | None = None) -> Location | None:
        """Where a target, metric or source (or the programme) was written."""
        return self.locations.get(kind if item_id is None else f"{kind}:{item_id}")

    def check(self, figures: Any = None, **options: Any) -> Report:
        """`targets.check` on this programme: `figures` replaces its own when given (Figure
        objects, a DataFrame or rows with the CSV columns); see `targets.check` for options."""
        from targets.judge import check  # noqa: PLC0415 - a convenience method, a layer up

        return check(self, figures, **options)

    def with_figures(self, figures: Any, *, origin: str = "<figures>") -> Programme:
        """A copy with more figures: `Figure` objects, a pandas DataFrame, mappings with
        the CSV columns (metric, period, value, unit, ...), checked like a figures file, or
        the path of a figures file (YAML, CSV or Parquet), read as `targets.load` reads it."""
        return with_figures(self, figures, origin=origin)

    def add_figure(self, **fields: Any) -> Programme:
        """A copy with one more figure: ``add_figure(metric=..., period=2025, value=...,
        unit=..., kind="estimate", source=...)``."""
        return self.with_figures([fields], origin="<add_figure>")

    def to_frame(self) -> pd.DataFrame:
        """Every figure (every vintage and kind) as a pandas DataFrame."""
        from targets.notebook import figures_frame  # noqa: PLC0415 - a convenience, a layer up

        return figures_frame(self.figures)

    def _repr_html_(self) -> str:
        """The programme as Jupyter shows it: its targets, each one's goal and whom it is
        judged for, and the load's warnings (`targets.notebook.programme_html`)."""
        from targets.notebook import programme_html  # noqa: PLC0415 - a convenience, a layer up

        return programme_html(self)

    def __repr__(self) -> str:
        return (
            f"<Programme {self.info.name!r}: {len(self.targets)} targets, "
            f"{len(self.metrics)} metrics, {len(self.table)} figures>"
        )


Programme.__module__ = "targets"  # public as targets.Programme (httpx's manners)
