"""The `Report`: every target's result, the summary per status, and the CI gate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from targets._safe import escape_controls, quoted
from targets.engine import STATUS_CODES, Status
from targets.judge._document import report_dict
from targets.judge._errors import UnknownTargetError
from targets.judge._gate import Gate
from targets.judge._result import TargetResult
from targets.judge._results import ResultTable
from targets.rules._programme import Programme
from targets.rules._suggest import did_you_mean

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure as PlotFigure

    from targets.judge._changes import Change

__all__ = ["Report"]


@dataclass(frozen=True)
class Report:
    """What `targets.check` returns: one `TargetResult` per target, in the rules' order."""

    programme: Programme
    results: Sequence[TargetResult]
    """Each result, built when first read (a large report reads its `table` instead)."""
    as_of: dt.date | None = None
    method: str | None = None
    changes: tuple[Change, ...] | None = None
    """Transitions since a baseline run (`targets.check(..., baseline=...)`), if one was given."""
    checked_at: dt.datetime | None = None
    """When the check ran (UTC), for reports that carry a timestamp (JUnit)."""
    elapsed: float | None = None
    """How long judging took, in seconds (JUnit's ``time``)."""
    table: ResultTable | None = None
    """Every result's status and numbers as columns, in the same order (None: read them
    from the results)."""

    @property
    def columns(self) -> ResultTable:
        """The results as columns (from `table`, else built from the results)."""
        return self.table if self.table is not None else ResultTable.of(list(self.results))

    @property
    def keys(self) -> list[str]:
        """Each result's key (``id`` or ``id[entity]``), in order, without building them."""
        return self.columns.keys

    def __iter__(self) -> Iterator[TargetResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, key: str | int) -> TargetResult:
        """A result by its key: a target's id (``report["dt-firms-100k-2025"]``), or
        ``id[entity]`` for one entity of a ``for_each`` target (or the key as reports print
        it, its control characters escaped: ``t[a\\x00b]``); or by its position in the
        rules' order (``report[0]``, ``report[-1]``), as iterating gives them."""
        if isinstance(key, bool) or not isinstance(key, str | int):
            raise TypeError(
                f"a report is indexed by a target id or a position, not {type(key).__name__}"
            )
        if isinstance(key, int):
            try:
                return self.results[key]
            except IndexError:
                raise IndexError(
                    f"no target at position {key}: the report holds {len(self.results)}"
                ) from None
        keys = self.keys
        if key in keys:
            return self.results[keys.index(key)]
        shown_as = [k for k in keys if escape_controls(k) == key]  # as reports print it
        if len(shown_as) == 1:
            return self.results[keys.index(shown_as[0])]
        entities = [k for k in keys if k.startswith(f"{key}[")]
        if entities:
            shown = ", ".join(map(quoted, entities[:3])) + (", ..." if len(entities) > 3 else "")
            message = f"{quoted(key)} is judged per entity: name one, such as {shown}"
            raise UnknownTargetError(message)
        hint = did_you_mean(key, keys)
        raise UnknownTargetError(f"no target {quoted(key)}{hint}")

    @property
    def summary(self) -> dict[str, int]:
        """How many targets have each status, best to worst (every status listed)."""
        found = np.bincount(self.columns.status, minlength=len(STATUS_CODES))
        return {status.value: int(n) for status, n in zip(STATUS_CODES, found, strict=True)}

    def failures(
        self, fail_on: str = "off_track", *, strict: bool = False
    ) -> tuple[TargetResult, ...]:
        """Targets that trip a CI gate at `fail_on`: at that status or worse.

        Targets with ``severity: warn`` never trip it unless `strict`; not-assessable ones
        never do.
        """
        return tuple(self.results[i] for i in self.failing(fail_on, strict=strict))

    def failing(self, fail_on: str = "off_track", *, strict: bool = False) -> list[int]:
        """The positions of the results `failures` gives, read from the columns (so a large
        report builds none of them)."""
        gate = Status(fail_on)
        columns = self.columns
        worse = [s.at_or_worse_than(gate) for s in STATUS_CODES if s is not Status.NOT_ASSESSABLE]
        tripping = np.asarray([*worse, False])[columns.status]
        if not strict:
            tripping &= columns.error_severity  # warn-severity targets trip only a strict gate
        return np.flatnonzero(tripping).tolist()

    @property
    def regressions(self) -> tuple[Change, ...]:
        """Targets whose status got worse since the baseline (empty without one)."""
        return tuple(c for c in self.changes or () if c.kind == "worse")

    def to_dict(self, *, detail: str = "auto") -> dict[str, Any]:
        """A JSON-ready document (``schema_version`` 1; see ``targets schema --results``).
        `detail` ``full`` carries each result's figures and words, ``compact`` leaves them
        out; ``auto`` is compact above a thousand results."""
        return report_dict(self, detail)

    # Convenience methods of the public API: each reaches a layer up (render, notebook)
    # inside the method, as the import contract in pyproject.toml lists.

    def explain(self, target_id: str, *, width: int = 80) -> str:
        """The whole arithmetic for one target, step by step (see `targets explain`), in
        lines of at most `width` characters."""
        from targets.render import explain_steps  # noqa: PLC0415 - a layer up

        return explain_steps(self[target_id], width=width)

    def to_text(
        self, *, fail_on: str | None = "off_track", strict: bool = False, width: int = 80
    ) -> str:
        """The text table `targets check` prints, in lines of at most `width` characters."""
        from targets.render import render  # noqa: PLC0415 - a layer up

        return render(self, "text", gate=Gate(fail_on, strict), width=width)

    def to_json(self, *, detail: str = "auto") -> str:
        """The JSON report (see `to_dict`)."""
        from targets.render import json_report  # noqa: PLC0415 - a layer up

        return "".join(json_report(self, detail))

    def to_junit(
        self, *, fail_on: str | None = "off_track", strict: bool = False, detail: str = "auto"
    ) -> str:
        """JUnit XML: one test case per target, failures where the gate trips; `detail` as
        for `to_json` (``compact`` leaves each case's explanation and figures out)."""
        from targets.render import render  # noqa: PLC0415 - a layer up

        return render(self, "junit", gate=Gate(fail_on, strict), detail=detail)

    def to_markdown(self, *, fail_on: str | None = "off_track", strict: bool = False) -> str:
        """A Markdown summary for pull requests and ``$GITHUB_STEP_SUMMARY``."""
        return self._render("markdown", fail_on, strict)

    def to_github(self, *, fail_on: str | None = "off_track", strict: bool = False) -> str:
        """GitHub workflow-command annotations on each rule's line."""
        return self._render("github", fail_on, strict)

    def to_sarif(self, *, fail_on: str | None = "off_track", strict: bool = False) -> str:
        """A SARIF 2.1.0 log for code scanning: a finding on each rule that needs attention."""
        return self._render("sarif", fail_on, strict)

    def to_gitlab(self, *, fail_on: str | None = "off_track", strict: bool = False) -> str:
        """GitLab's code-quality report (``artifacts:reports:codequality``)."""
        return self._render("gitlab", fail_on, strict)

    def to_html(self, *, fail_on: str | None = "off_track", strict: bool = False) -> str:
        """One self-contained HTML page: summary by status, a card and chart per target."""
        from targets.render import report_html_document  # noqa: PLC0415 - a layer up

        return report_html_document(self, gate=Gate(fail_on, strict))

    def _render(self, kind: str, fail_on: str | None, strict: bool) -> str:
        from targets.render import render  # noqa: PLC0415 - a layer up

        return render(self, kind, gate=Gate(fail_on, strict))

    def to_frame(self, *, detail: str = "full") -> pd.DataFrame:
        """A pandas DataFrame, one typed row per result (a target, or a target and one of
        its entities), indexed by target id (needs ``targets[notebook]``); `detail` as for
        `targets.notebook.report_frame` (``compact`` reads the result columns: 60,000 rows in
        seconds). Its columns and their types are pinned in the tests."""
        from targets.notebook import report_frame  # noqa: PLC0415 - a layer up

        return report_frame(self, detail=detail)

    def _repr_html_(self) -> str:
        from targets.notebook import report_html  # noqa: PLC0415 - a layer up

        return report_html(self)

    def plot(self, target_id: str | None = None, **options: Any) -> PlotFigure:
        """A chart of one target, or small multiples of every target coloured by status
        (matplotlib, from ``targets[notebook]``); returns the matplotlib Figure."""
        from targets.notebook import plot_report, plot_result  # noqa: PLC0415 - a layer up

        if target_id is None:
            return plot_report(self, **options)
        return plot_result(self[target_id], **options)

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {s}" for s, n in self.summary.items() if n)
        return f"<Report {self.programme.info.name!r}: {counts or 'no results'}>"
