"""The terminal: how wide it is, and whether to colour what is printed on it.

Every command decides colour here, in the order CPython 3.13 uses for its own tracebacks:
an explicit ``--color``/``--no-color`` first, then ``NO_COLOR`` (set and not empty: no
colour, https://no-color.org), then ``FORCE_COLOR`` (set and not empty, whatever its value:
https://force-color.org) or ``CLICOLOR_FORCE`` (set and not ``0``), then ``TERM=dumb``
(no colour), and otherwise colour only on a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TextIO

import click

__all__ = ["WIDTH", "colour_option", "terminal_width", "use_colour"]

WIDTH = 80
"""Columns when the output is not a terminal and ``COLUMNS`` is not set."""


def terminal_width(stream: TextIO | None = None) -> int:
    """``COLUMNS`` when it holds a positive number, else the terminal's width when `stream`
    (standard output) is a terminal, else 80."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns or WIDTH
    except (OSError, ValueError):  # no file descriptor (a test runner's buffer), or closed
        pass
    return WIDTH


def use_colour(choice: bool | None, stream: TextIO | None = None) -> bool:
    """Whether to colour output for `stream` (standard output unless given); see the module."""
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("CLICOLOR_FORCE", "0") not in {"", "0"}:
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False


def _remember(ctx: click.Context, param: click.Parameter, value: bool | None) -> bool | None:
    """Keep the choice where the command group sees it too (it prints invalid input)."""
    root = ctx.find_root()
    if isinstance(root.obj, dict):
        root.obj["colour"] = value
    return value


def colour_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--color/--no-color`` option every command that colours its output takes."""
    return click.option(
        "--color/--no-color",
        "color",
        default=None,
        callback=_remember,
        help="Colour the output (default: on a terminal, unless NO_COLOR is set or TERM=dumb; "
        "FORCE_COLOR or CLICOLOR_FORCE turn it on anywhere).",
    )(command)
