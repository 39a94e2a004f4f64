"""The `Report`: every target's result, the summary per status, and the CI gate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from targets.rules._errors import did_you_mean

if TYPE_CHECKING:
    from targets.judge._changes import Change
from targets.engine import SEVERITY, Status
from targets.judge._result import TargetResult
from targets.rules._figures import Figure
from targets.rules._programme import Programme

SCHEMA_VERSION = 1
"""Version of the JSON document `Report.to_dict` returns; bumped on incompatible change."""

STATUS_ORDER: tuple[Status, ...] = (*SEVERITY, Status.NOT_ASSESSABLE)


@dataclass(frozen=True)
class Report:
    """What `targets.check` returns: one `TargetResult` per target, in the rules' order."""

    programme: Programme
    results: tuple[TargetResult, ...]
    as_of: dt.date | None = None
    method: str | None = None
    changes: tuple[Change, ...] | None = None
    """Transitions since a baseline run (`targets.check(..., baseline=...)`), if one was given."""

    def __iter__(self) -> Iterator[TargetResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, target_id: str) -> TargetResult:
        for result in self.results:
            if result.id == target_id:
                return result
        hint = did_you_mean(target_id, [r.id for r in self.results])
        raise KeyError(f"no target '{target_id}'{hint}")

    @property
    def summary(self) -> dict[str, int]:
        """How many targets have each status, best to worst (every status listed)."""
        counts = {status.value: 0 for status in STATUS_ORDER}
        for result in self.results:
            counts[result.status.value] += 1
        return counts

    def failures(
        self, fail_on: str = "off_track", *, strict: bool = False
    ) -> tuple[TargetResult, ...]:
        """Targets that trip a CI gate at `fail_on`: at that status or worse.

        Targets with ``severity: warn`` never trip it unless `strict`; not-assessable ones
        never do.
        """
        gate = Status(fail_on)
        return tuple(
            r
            for r in self.results
            if r.status.at_or_worse_than(gate) and (strict or r.target.severity == "error")
        )

    def to_frame(self) -> Any:
        """A pandas DataFrame, one typed row per target (needs ``targets[notebook]``)."""
        from targets.notebook._frame import report_frame  # noqa: PLC0415

        return report_frame(self)

    def _repr_html_(self) -> str:
        from targets.notebook._repr import report_html  # noqa: PLC0415

        return report_html(self)

    def plot(self, target_id: str | None = None, **options: Any) -> Any:
        """A chart of one target, or small multiples of every target coloured by status
        (matplotlib, from ``targets[notebook]``); returns the matplotlib Figure."""
        from targets.notebook._plot import plot_report, plot_result  # noqa: PLC0415

        if target_id is None:
            return plot_report(self, **options)
        return plot_result(self[target_id], **options)

    def explain(self, target_id: str) -> str:
        """The whole arithmetic for one target, step by step (see `targets explain`)."""
        from targets._safe import guard  # noqa: PLC0415
        from targets.render._explain import explain_steps  # noqa: PLC0415

        return guard(explain_steps(self[target_id]))

    def to_text(self, *, fail_on: str | None = "off_track", strict: bool = False) -> str:
        """The text table `targets check` prints."""
        return self._render("text", fail_on, strict)

    def to_json(self) -> str:
        """The JSON report (see `to_dict`)."""
        return self._render("json", None, False)

    def to_junit(self, *, fail_on: str | None = "off_track", strict: bool = False) -> str:
        """JUnit XML: one test case per target, failures where the gate trips."""
        return self._render("junit", fail_on, strict)

    def to_markdown(self, *, fail_on: str | None = "off_track", strict: bool = False) -> str:
        """A Markdown summary for pull requests and ``$GITHUB_STEP_SUMMARY``."""
        return self._render("markdown", fail_on, strict)

    def to_html(self, *, fail_on: str | None = "off_track", strict: bool = False) -> str:
        """One self-contained HTML page: summary by status, a card and chart per target."""
        from targets.judge._gate import Gate  # noqa: PLC0415
        from targets.render._html import report_html_document  # noqa: PLC0415

        return report_html_document(self, gate=Gate(fail_on, strict))

    def to_github(self, *, fail_on: str | None = "off_track", strict: bool = False) -> str:
        """GitHub workflow-command annotations on each rule's line."""
        return self._render("github", fail_on, strict)

    def _render(self, kind: str, fail_on: str | None, strict: bool) -> str:
        from targets.judge._gate import Gate  # noqa: PLC0415
        from targets.render._render import render  # noqa: PLC0415

        return render(self, kind, gate=Gate(fail_on, strict))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (``schema_version`` 1; see ``targets schema --results``)."""
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            tool_version = version("targets")
        except PackageNotFoundError:  # running from a source tree
            tool_version = "unknown"
        info = self.programme.info
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "targets", "version": tool_version},
            "programme": {"id": info.id, "name": info.name, "files": list(self.programme.files)},
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "method": self.method,
            "summary": {**self.summary, "total": len(self.results)},
            "results": [result_dict(r) for r in self.results],
            "changes": None if self.changes is None else [c.to_dict() for c in self.changes],
        }

    @property
    def regressions(self) -> tuple[Change, ...]:
        """Targets whose status got worse since the baseline (empty without one)."""
        return tuple(c for c in self.changes or () if c.kind == "worse")

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {s}" for s, n in self.summary.items() if n)
        return f"<Report {self.programme.info.name!r}: {counts}>"


def figure_dict(figure: Figure) -> dict[str, Any]:
    return {
        "period": figure.period.label,
        "time": figure.time,
        "value": figure.value,
        "low": figure.low,
        "high": figure.high,
        "stated": figure.stated,
        "kind": figure.kind,
        "entity": figure.entity,
        "source": figure.source.id if figure.source else None,
        "published": figure.published.label if figure.published else None,
    }


def result_dict(result: TargetResult) -> dict[str, Any]:
    """One result as JSON-ready data."""
    target, metric = result.target, result.metric
    lead = result.assessment
    location = result.location
    return {
        "target": target.id,
        "name": target.name,
        "kind": target.kind,
        "metric": metric.id,
        "metric_name": metric.name,
        "unit": metric.unit,
        "goal": result.goal,
        "deadline": result.deadline,
        "severity": target.severity,
        "tags": list(target.tags),
        "owner": target.owner,
        "status": result.status.value,
        "method": result.method,
        "method_status": result.method_status,
        "latest": figure_dict(result.latest) if result.latest else None,
        "latest_year": result.latest_year,
        "latest_value": result.latest_value,
        "base_year": getattr(lead, "base_year", None),
        "base_value": getattr(lead, "base_value", None),
        "growth_actual": result.growth_actual,
        "growth_required": result.growth_required,
        "growth_required_now": result.growth_required_now,
        "change_actual": result.change_actual,
        "change_required": result.change_required,
        "change_required_now": result.change_required_now,
        "projection": getattr(lead, "projection", None),
        "projected": result.projected,
        "reach_year": result.reach_year,
        "trajectory_gap": getattr(lead, "trajectory_gap", None),
        "ratio": result.ratio,
        "score": result.score,
        "thresholds": dict(getattr(lead, "thresholds", {}) or {}),
        "explanation": result.explain(),
        "reason": result.reason,
        "notes": list(result.notes),
        "figures": [figure_dict(f) for f in result.figures],
        "forecasts": [figure_dict(f) for f in result.evidence.forecasts],
        "conflicts": [str(c) for c in result.conflicts],
        "source": {
            "file": location.path if location else None,
            "line": location.line if location else None,
            "column": location.col if location else None,
        },
        "citation": {"source": target.source, "quote": target.quote},
    }
