"""Shell completion: target ids, tags, metrics and statuses from the rules being checked.

Enable it with ``eval "$(_TARGETS_COMPLETE=bash_source targets)"`` (or zsh_source,
fish_source). Completion loads the rules named on the command line (default: the current
directory); when they do not load, it offers nothing rather than an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from targets.engine import STATUS_CODES

__all__ = ["STATUSES", "complete_patterns", "complete_target"]


STATUSES = tuple(status.value for status in STATUS_CODES)


def _programme(ctx: click.Context) -> Any:
    import targets  # noqa: PLC0415 - only when completing

    paths = ctx.params.get("paths") or (Path("."),)
    try:
        return targets.load(*paths)
    except targets.LoadError:  # invalid rules complete nothing; the command itself will say why
        return None


def complete_target(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    programme = _programme(ctx)
    if programme is None:
        return []
    return [
        CompletionItem(t.id, help=t.name or t.kind)
        for t in programme.targets
        if t.id.startswith(incomplete)
    ]


def complete_patterns(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Ids, and field-prefixed values: tag:..., metric:..., owner:..., status:..., kind:..."""
    programme = _programme(ctx)
    words = [f"status:{s}" for s in STATUSES]
    if programme is not None:
        words += [t.id for t in programme.targets]
        words += sorted({f"tag:{tag}" for t in programme.targets for tag in t.tags})
        words += sorted({f"metric:{t.metric}" for t in programme.targets})
        words += sorted({f"owner:{t.owner}" for t in programme.targets if t.owner})
        words += sorted({f"kind:{t.kind}" for t in programme.targets})
    return [CompletionItem(w) for w in words if w.startswith(incomplete)]
