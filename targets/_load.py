"""`targets.load` and `targets.validate`: files in, one checked `Programme` out."""

from __future__ import annotations

from targets._collect import Collected, collect
from targets._errors import Diagnostic, LoadError
from targets._files import StrPath, discover, read_all
from targets._programme import Programme
from targets._resolve import resolve


def load(*paths: StrPath) -> Programme:
    """Load rules and figures from files and directories (searched for .yaml, .yml, .csv).

    Raises `LoadError` carrying every problem in every file, each with its position.
    """
    files, problems = discover(paths or (".",))
    docs, read_problems = read_all(files)
    found = Collected(problems=problems + read_problems)
    collect(docs, found)
    return resolve(found, [doc.path for doc in docs])


def validate(*paths: StrPath) -> tuple[Diagnostic, ...]:
    """Every problem and warning in the input; empty when it is clean.

    The library twin of ``targets validate``: it never raises for bad input.
    """
    try:
        programme = load(*paths)
    except LoadError as exc:
        return exc.diagnostics
    return programme.warnings
