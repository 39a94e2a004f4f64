"""Which figures a verdict stands on: one per period, known by the evaluation date.

The rules, in order:

1. **Known by then.** With ``as_of``, a figure counts only if it was published by that date.
   A figure with no publication date counts from the last day of its period (it cannot be
   reported earlier); a forecast with none is shown, with a note.
2. **Forecasts never count as actuals.** They are kept apart, to be shown beside the trend.
3. **Estimates count** (and values derived from growth statements) unless the target says
   ``estimates: false``.
4. **One granularity.** When annual figures exist, quarterly, monthly and dated ones are set
   aside with a note, so a June stock is not read as a year's.
5. **One figure per period.** When several are given, a source named in the programme's
   ``prefer`` list wins; else a reported figure beats a derived one; else the latest
   publication (then the later in the files). A disagreement is a `Conflict`, reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from targets.rules._figures import Figure

_ANNUAL = {"year", "span"}


@dataclass(frozen=True, slots=True)
class Conflict:
    """Different values for one period: all of them, and the one chosen, and why."""

    figures: tuple[Figure, ...]
    chosen: Figure
    rule: str
    """'source preference', 'reported over derived', 'latest publication', or, between
    figures published the same day, 'the later in the files (same publication date)'."""

    @property
    def period(self) -> str:
        return self.chosen.period.label

    def __str__(self) -> str:
        others = ", ".join(f"{f.stated} ({_who(f)})" for f in self.figures if f is not self.chosen)
        return (
            f"{self.period}: {self.chosen.stated} ({_who(self.chosen)}) chosen by {self.rule} "
            f"over {others}"
        )


def _who(figure: Figure) -> str:
    source = figure.source.id if figure.source else "no source"
    when = f", {figure.published.label}" if figure.published else ""
    return f"{source}{when}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """The figures a target is judged on, and everything set aside on the way."""

    figures: tuple[Figure, ...]
    """One per period, in time order: what the engine sees."""
    forecasts: tuple[Figure, ...]
    conflicts: tuple[Conflict, ...]
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
        return tuple(f.time for f in self.figures)

    @property
    def lows(self) -> tuple[float, ...]:
        return tuple(f.low for f in self.figures)

    @property
    def highs(self) -> tuple[float, ...]:
        return tuple(f.high for f in self.figures)

    @property
    def has_ranges(self) -> bool:
        return any(f.is_range for f in self.figures)

    @property
    def latest(self) -> Figure | None:
        return self.figures[-1] if self.figures else None


def known_by(figure: Figure, as_of: dt.date | None) -> bool:
    """Whether `figure` had been published by `as_of` (see rule 1)."""
    if as_of is None:
        return True
    if figure.published is not None:
        return figure.published.last_day <= as_of
    if figure.kind == "forecast":
        return True
    return figure.period.last_day <= as_of


def select(
    figures: Iterable[Figure],
    *,
    as_of: dt.date | None = None,
    prefer: Sequence[str] = (),
    estimates: bool = True,
) -> Evidence:
    """Apply the module's rules to `figures` (of one metric and one entity, or none)."""
    notes: list[str] = []
    pool = list(figures)
    known = [f for f in pool if known_by(f, as_of)]
    unpublished = tuple(f for f in pool if not known_by(f, as_of))
    if unpublished:
        notes.append(f"{len(unpublished)} figure(s) published after {as_of} not used")
    forecasts = tuple(sorted((f for f in known if f.kind == "forecast"), key=_order))
    if as_of is not None and any(f.kind != "forecast" and f.published is None for f in known):
        notes.append("figures without a publication date count from the end of their period")
    if any(f.kind == "forecast" and f.published is None for f in known):
        notes.append("forecasts without a publication date are shown whatever the date")
    counted = [f for f in known if f.kind == "actual" or (estimates and f.kind != "forecast")]
    set_aside = [f for f in known if f.kind != "forecast" and f not in counted]
    if set_aside:
        notes.append(f"{len(set_aside)} estimate(s) not counted (estimates: false)")
    if any(f.period.granularity in _ANNUAL for f in counted):
        finer = [f for f in counted if f.period.granularity not in _ANNUAL]
        if finer:
            labels = ", ".join(sorted({f.period.label for f in finer}))
            notes.append(f"sub-annual figures ({labels}) set aside beside annual ones")
            counted = [f for f in counted if f.period.granularity in _ANNUAL]
            set_aside += finer
    by_time: dict[float, list[Figure]] = {}
    for figure in counted:
        by_time.setdefault(figure.time, []).append(figure)
    chosen: list[Figure] = []
    conflicts: list[Conflict] = []
    for time in sorted(by_time):
        group = by_time[time]
        pick, rule = _choose(group, prefer)
        chosen.append(pick)
        set_aside += [f for f in group if f is not pick]
        if len({(f.low, f.high) for f in group}) > 1:
            conflicts.append(Conflict(tuple(group), pick, rule))
    return Evidence(
        tuple(chosen), forecasts, tuple(conflicts), unpublished, tuple(notes), tuple(set_aside)
    )


def _order(figure: Figure) -> tuple[float, dt.date]:
    return (figure.time, figure.published.last_day if figure.published else dt.date.min)


def _choose(group: list[Figure], prefer: Sequence[str]) -> tuple[Figure, str]:
    if len(group) == 1:
        return group[0], "the only figure"
    ranked = [f for f in group if f.source is not None and f.source.id in prefer]
    if ranked:
        best = min(prefer.index(f.source.id) for f in ranked if f.source is not None)
        preferred = [
            f for f in ranked if f.source is not None and prefer.index(f.source.id) == best
        ]
        return _latest(preferred), "source preference"
    reported = [f for f in group if f.kind != "derived"]
    if reported and len(reported) < len(group):
        return _latest(reported), "reported over derived"
    pick = _latest(group)
    if any(f is not pick and f.published == pick.published for f in group):
        return pick, "the later in the files (same publication date)"
    return pick, "latest publication"


def _latest(group: list[Figure]) -> Figure:
    # max() keeps the first of equals; scanning reversed makes the later in the files win.
    return max(reversed(group), key=lambda f: f.published.last_day if f.published else dt.date.min)
