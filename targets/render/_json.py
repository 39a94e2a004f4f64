"""The JSON report and its JSON Lines twin, written as they are produced.

A full report is ``json.dumps`` of `report_dict`. A compact one (see
`targets.judge._document`) is written piece by piece: the header, then one result per line,
so sixty thousand results reach the file without a document held twice in memory, and a
consumer can ``grep`` a line. The JSON Lines form (``--jsonl``) is the header on the first
line and one result per line after it, for consumers that stream. Every piece is guarded
for CI logs like the rest of the JSON report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from targets._safe import guard
from targets.judge import Report, report_dict, report_header
from targets.judge._compact import compact_blocks
from targets.judge._document import detail_of
from targets.judge._export import result_dict

__all__ = ["json_report", "jsonl_report"]


def json_report(report: Report, detail: str = "auto") -> Iterator[str]:
    """The JSON report in pieces: whole for a full report, a block of result lines at a
    time for a compact one."""
    mode = detail_of(report, detail)
    if mode == "full":
        yield _text(json.dumps(report_dict(report, mode), indent=2, ensure_ascii=False) + "\n")
        return
    header = json.dumps(report_header(report, mode), indent=2, ensure_ascii=False)
    yield _text(header[:-2] + ',\n  "results": [')
    first = True
    for block in compact_blocks(report, ",\n    "):
        yield _text(("\n    " if first else ",\n    ") + block)
        first = False
    yield _text(("\n  ]" if not first else "]") + f',\n  "changes": {_changes(report)}\n}}\n')


def jsonl_report(report: Report, detail: str = "auto") -> Iterator[str]:
    """JSON Lines: the header (with ``changes``), then each result, one per line."""
    mode = detail_of(report, detail)
    header = {**report_header(report, mode), "changes": _change_list(report)}
    yield _text(json.dumps(header, ensure_ascii=False) + "\n")
    if mode == "compact":
        for written in compact_blocks(report, "\n"):
            yield _text(written + "\n")
        return
    lines = (json.dumps(result_dict(r), ensure_ascii=False) for r in report.results)
    for block in _blocks(lines):
        yield _text("\n".join(block) + "\n")


BLOCK = 1000
"""Result lines joined into one piece: sixty thousand pieces passed one by one through
the writers' generators cost a tenth of a second; a block is still a few hundred KB."""


def _blocks(lines: Iterator[str]) -> Iterator[list[str]]:
    block: list[str] = []
    for line in lines:
        block.append(line)
        if len(block) == BLOCK:
            yield block
            block = []
    if block:
        yield block


def _change_list(report: Report) -> list[dict[str, object]] | None:
    return None if report.changes is None else [c.to_dict() for c in report.changes]


def _changes(report: Report) -> str:
    text = json.dumps(_change_list(report), indent=2, ensure_ascii=False)
    return text.replace("\n", "\n  ")


def _text(piece: str) -> str:
    return guard(piece, "json")
