"""The JSON report as a document: its header, its results in full or compact, as data.

Below `COMPACT_ABOVE` results a report carries everything: each result's figures, the
arithmetic in words, its notes. Above it the report is *compact* by default: each result
keeps its target, entity, status and every number (and its latest figure), and leaves its
figures and words out (null), so the report stays a fraction of the figures it judged and
is written in seconds. A result's figures are its metric's (and entity's) rows in the
input; ``targets explain TARGET[ENTITY]`` or ``detail="full"`` repeats them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from targets._version import version
from targets.judge._compact import compact_results
from targets.judge._export import SCHEMA_VERSION, result_dict

if TYPE_CHECKING:
    from targets.judge._report import Report

__all__ = ["COMPACT_ABOVE", "DETAILS", "Detail", "detail_of", "report_dict", "report_header"]

Detail = Literal["auto", "full", "compact"]
DETAILS: tuple[Detail, ...] = ("auto", "full", "compact")
COMPACT_ABOVE = 1000
"""Reports of more results than this are compact unless full detail is asked for."""


def detail_of(report: Report, detail: str = "auto") -> Literal["full", "compact"]:
    """What `detail` means for this report: ``auto`` is compact above `COMPACT_ABOVE`."""
    if detail == "full":
        return "full"
    if detail == "compact":
        return "compact"
    if detail != "auto":
        raise ValueError(f"detail is one of {', '.join(DETAILS)}, not {detail!r}")
    return "compact" if len(report) > COMPACT_ABOVE else "full"


def report_header(report: Report, detail: Literal["full", "compact"]) -> dict[str, Any]:
    """Everything in the JSON report but its results, in the document's order."""
    info = report.programme.info
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "targets", "version": version()},
        "programme": {"id": info.id, "name": info.name, "files": list(report.programme.files)},
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "method": report.method,
        "detail": detail,
        "summary": {**report.summary, "total": len(report)},
    }


def report_dict(report: Report, detail: str = "auto") -> dict[str, Any]:
    """The whole JSON report (``schema_version`` 1; see ``targets schema --results``)."""
    mode = detail_of(report, detail)
    if mode == "full":
        results = [result_dict(r) for r in report.results]
    else:
        results = [json.loads(line) for line in compact_results(report)]
    return {
        **report_header(report, mode),
        "results": results,
        "changes": None if report.changes is None else [c.to_dict() for c in report.changes],
    }
