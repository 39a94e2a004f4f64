"""JUnit test cases of a large report, written from the result columns.

A full test case carries the result's explanation and, for a failure, every figure behind
it: for sixty thousand pairs that built every result (two and a half minutes) into a
181 MB file that CI systems refuse to show. A compact case keeps what a CI page shows: the
pair's name, whether it fails and by which rule, its status in both vocabularies, its goal
and where its rule is written; ``targets explain TARGET[ENTITY]`` gives the figures and
the arithmetic. Nothing here builds a result, but the chance of a pair the vectorised
path did not judge (the gate built it already).
"""

from __future__ import annotations

import shlex
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import numpy as np

from targets.engine import STATUS_CODES, Status
from targets.judge import Gate, Report
from targets.render._chance import CHANCE_RULE, shown_below
from targets.render._status_words import status_words
from targets.rules import describe_goal

__all__ = ["compact_cases"]


def compact_cases(report: Report, gate: Gate, failing: set[int]) -> Iterator[ET.Element]:
    """One test case per row of `report`, in order; `failing`: the rows the gate fails."""
    columns, programme = report.columns, report.programme
    owner = programme.info.id or "targets"
    alone = set(gate.chance_failure_rows(report))
    chances = _chances(report, gate)
    words = [status_words(s) for s in STATUS_CODES]
    rules = [s.value for s in STATUS_CODES]
    skipped = STATUS_CODES.index(Status.NOT_ASSESSABLE)
    told: dict[int, tuple[str, str]] = {}  # by target (its object): where, goal
    keys, status = columns.keys, columns.status.tolist()
    for row, (target, key, code) in enumerate(zip(columns.targets, keys, status, strict=True)):
        known = told.get(id(target))
        if known is None:
            location = programme.location("target", target.id)
            goal = describe_goal(target, programme.metrics[target.metric])
            known = told[id(target)] = (f"{location}: " if location else "", goal)
        where, goal = known
        case = ET.Element("testcase", {"classname": f"{owner}.{target.metric}", "name": key})
        headline = f"{words[code]} ({columns.methods[row]}: {columns.method_status[row]})"
        if row in failing:
            message = f"{where}{headline}: {goal}{chances.get(row, '')}"
            rule = CHANCE_RULE if row in alone else rules[code]
            failure = ET.SubElement(case, "failure", {"message": message, "type": rule})
            failure.text = (
                f"targets explain {shlex.quote(key)} shows the figures and the arithmetic"
            )
        elif code == skipped:
            message = f"{headline}; targets explain {shlex.quote(key)} says why"
            ET.SubElement(case, "skipped", {"message": message})
        ET.SubElement(case, "system-out").text = f"{where}{headline}; {goal}"
        yield case


def _chances(report: Report, gate: Gate) -> dict[int, str]:
    """What a failure below the chance gate adds, by row: its chance against the gate's."""
    below = gate.chance_below
    rows = gate.unlikely_rows(report)
    if below is None or not rows:
        return {}
    table = report.columns.chance
    probability, known = (
        table.probabilities() if table is not None else (np.zeros(0), np.zeros(0, dtype=bool))
    )
    found = {}
    for row in rows:
        if known.size and known[row]:
            p: float | None = float(probability[row])
        else:
            chance = report.results[row].chance  # built by the gate already
            p = chance.probability if chance is not None else None
        if p is not None:
            shown = shown_below(p, below)
            found[row] = f"; the chance {shown} is below --fail-on-chance-below {below:g}"
    return found
