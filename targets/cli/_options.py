"""Options every command shares: ``--debug`` (also after the command's name), ``-q`` and
``-v``, and the note saying which settings file supplied defaults."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from targets.cli._echo import say

__all__ = ["debug_option", "detail_option", "mention_settings", "quiet_option", "verbose_option"]


def _debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        root = ctx.find_root()
        if not isinstance(root.obj, dict):
            root.obj = {}
        root.obj["debug"] = True


def debug_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--debug`` after the command's name, as before it: tracebacks of internal errors."""
    return click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_debug,
        help="Show tracebacks of internal errors.",
    )(command)


def detail_option(name: str, full: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A report's detail (``--json-detail``, ``--junit-detail``): `full` says what full
    detail adds to that report (see `targets.judge.DETAILS`)."""
    return click.option(
        name,
        type=click.Choice(["auto", "full", "compact"]),
        default="auto",
        show_default=True,
        help=f"{full}; compact leaves them out (targets explain gives them); auto is compact "
        "above 1,000 results.",
    )


def quiet_option(text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``-q/--quiet``, with what it leaves out said for each command."""
    return click.option("-q", "--quiet", is_flag=True, help=text)


def verbose_option(text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``-v/--verbose``, with what it adds said for each command."""
    return click.option("-v", "--verbose", is_flag=True, help=text)


def mention_settings(ctx: click.Context, *, quiet: bool = False) -> None:
    """Say on standard error which settings file supplied defaults, if one did."""
    settings = (ctx.find_root().obj or {}).get("settings")
    if settings is not None and not quiet:
        say(f"targets: defaults from {settings.describe()}", err=True)
