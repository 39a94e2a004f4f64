"""Which figures a verdict stands on: the engine's evidence rules applied to loaded figures.

The rules themselves (known by the evaluation date, forecasts apart, estimates, one
granularity, one figure per period) live in `targets.engine.select_figures`, which works on
plain numbers; this module hands it the figures' times, values, kinds, sources and editions
and keeps the `Figure` objects it chose, set aside or found in conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from targets.engine import Conflict, is_known, select_figures
from targets.rules._figures import Figure
from targets.rules._periods import day

__all__ = ["Evidence", "known_by", "select", "select_per_entity"]

_ANNUAL = {"year", "span"}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The figures a target is judged on, and everything set aside on the way."""

    figures: tuple[Figure, ...]
    """One per period, in time order: what the engine sees."""
    forecasts: tuple[Figure, ...]
    conflicts: tuple[Conflict[Figure], ...]
    unpublished: tuple[Figure, ...]
    """Figures not yet published at ``as_of``."""
    notes: tuple[str, ...]
    set_aside: tuple[Figure, ...] = ()
    """Known figures not used: another vintage or source, a sub-annual figure, an estimate
    with ``estimates: false``."""

    @property
    def every(self) -> tuple[Figure, ...]:
        """Every figure considered, used or not, in time order."""
        pool = (*self.figures, *self.forecasts, *self.set_aside, *self.unpublished)
        return tuple(sorted(pool, key=_order))

    def used(self, figure: Figure) -> bool:
        return any(figure is chosen for chosen in self.figures)

    @property
    def times(self) -> tuple[float, ...]:
        """The years of the figures used, in time order."""
        return tuple(f.time for f in self.figures)

    @property
    def lows(self) -> tuple[float, ...]:
        """The figures' values (their low ends, for ranges)."""
        return tuple(f.low for f in self.figures)

    @property
    def highs(self) -> tuple[float, ...]:
        """The figures' high ends (equal to `lows` but for ranges)."""
        return tuple(f.high for f in self.figures)

    @property
    def has_ranges(self) -> bool:
        """Whether any figure used is a range (such as 4-8 %)."""
        return any(f.is_range for f in self.figures)

    @property
    def latest(self) -> Figure | None:
        """The latest figure used, or None without figures."""
        return self.figures[-1] if self.figures else None


def _published(figure: Figure) -> float | None:
    return day(figure.published.last_day).time if figure.published is not None else None


def known_by(figure: Figure, as_of: dt.date | None) -> bool:
    """Whether `figure` had been published by `as_of` (the engine's rule 1)."""
    at = day(as_of).time if as_of is not None else None
    return is_known(_published(figure), figure.kind, day(figure.period.last_day).time, at)


def select(
    figures: Iterable[Figure],
    *,
    as_of: dt.date | None = None,
    prefer: Sequence[str] = (),
    estimates: bool = True,
) -> Evidence:
    """The engine's evidence rules applied to `figures` (of one metric and one entity)."""
    pool = list(figures)
    chosen = select_figures(
        [f.time for f in pool],
        [f.low for f in pool],
        highs=[f.high for f in pool],
        kinds=[f.kind for f in pool],
        sources=[f.source.id if f.source is not None else "" for f in pool],
        published=[_published(f) for f in pool],
        ends=[day(f.period.last_day).time for f in pool],
        annual=[f.period.granularity in _ANNUAL for f in pool],
        labels=[f.stated for f in pool],
        periods=[f.period.label for f in pool],
        as_of=day(as_of).time if as_of is not None else None,
        as_of_label=str(as_of) if as_of is not None else None,
        prefer=prefer,
        estimates=estimates,
    )

    def pick(indices: Iterable[int]) -> tuple[Figure, ...]:
        return tuple(pool[i] for i in indices)

    return Evidence(
        figures=pick(chosen.chosen),
        forecasts=pick(chosen.forecast_indices),
        conflicts=tuple(c.on(lambda given: pool[given.index]) for c in chosen.conflicts),
        unpublished=pick(chosen.unpublished),
        notes=chosen.notes,
        set_aside=pick(chosen.set_aside),
    )


def select_per_entity(
    figures: Iterable[Figure],
    *,
    as_of: dt.date | None = None,
    prefer: Sequence[str] = (),
    estimates: bool = True,
) -> Evidence:
    """The rules applied to each entity's figures, merged: one figure per entity and period
    (what a count target counts)."""
    figures = list(figures)
    chosen: list[Figure] = []
    conflicts: list[Conflict[Figure]] = []
    notes: set[str] = set()
    entities = sorted({f.entity for f in figures if f.entity is not None})
    for entity in entities:
        mine = [f for f in figures if f.entity == entity]
        part = select(mine, as_of=as_of, prefer=prefer, estimates=estimates)
        chosen += part.figures
        conflicts += part.conflicts
        notes.update(part.notes)
    if any(f.entity is None for f in figures):
        notes.add("figures without an entity are not counted")
    chosen.sort(key=lambda f: (f.time, f.entity or ""))
    return Evidence(tuple(chosen), (), tuple(conflicts), (), tuple(sorted(notes)))


def _order(figure: Figure) -> tuple[float, dt.date]:
    return (figure.time, figure.published.last_day if figure.published else dt.date.min)
