"""Printing for the CLI: everything but GitHub workflow commands passes `guard` first.

Messages carry excerpts of input files (a file name, an unknown key); `guard` makes sure
none of them can start a line that a CI runner would execute, or reach the terminal as a
raw escape sequence.
"""

from __future__ import annotations

from typing import Any

import click

from targets._safe import guard

__all__ = ["report_problems", "say"]


def say(text: str, *, err: bool = False, nl: bool = True, colour: bool | None = None) -> None:
    """`click.echo` of `text` made safe for a CI log (colour codes kept when `colour`)."""
    click.echo(guard(text, colour=bool(colour)), err=err, nl=nl, color=colour)


def report_problems(error: Any, *, colour: bool = False) -> None:
    """Print every diagnostic of a `LoadError`, then how many there were, to stderr; with
    `colour`, each position in bold, 'warning:' in yellow and the count in red."""
    for diagnostic in error.diagnostics:
        text = str(diagnostic)
        if colour:
            where = str(diagnostic.location)
            text = click.style(where, bold=True) + text[len(where) :]
            text = text.replace(": warning: ", ": " + click.style("warning:", fg="yellow") + " ", 1)
        say(text, err=True, colour=colour)
    count = str(error.args[0])
    say(click.style(count, fg="red", bold=True) if colour else count, err=True, colour=colour)
