"""Shell completion: target ids, tags, metrics and statuses from the rules being checked.

Enable it with ``eval "$(_TARGETS_COMPLETE=bash_source targets)"`` (or zsh_source,
fish_source). Completion loads the rules named on the command line (default: the current
directory); when they do not load, it offers nothing rather than an error.

Bash splits a word at every character of ``COMP_WORDBREAKS``, which holds ':', so
``status:off`` reaches click's own bash script as three words and nothing completes. The
bash class here sends the command line as typed (``COMP_LINE`` up to ``COMP_POINT``) and
splits it as a shell would; its replies then leave out what precedes the last ':' of the
word, which is what bash replaces (the job of bash-completion's
``__ltrim_colon_completions``). Zsh and fish do not split at ':', and click already
escapes the colons zsh's ``_describe`` would read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
from click.shell_completion import (
    BashComplete,
    CompletionItem,
    add_completion_class,
    split_arg_string,
)

from targets.engine import STATUS_CODES

__all__ = [
    "STATUSES",
    "ColonBashComplete",
    "complete_patterns",
    "complete_target",
    "register_shells",
]

_SOURCE_BASH = """\
%(complete_func)s() {
    local IFS=$'\\n'
    local response

    response=$(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD=$COMP_CWORD \\
COMP_LINE="$COMP_LINE" COMP_POINT=$COMP_POINT %(complete_var)s=bash_complete $1)

    for completion in $response; do
        IFS=',' read type value <<< "$completion"

        if [[ $type == 'dir' ]]; then
            COMPREPLY=()
            compopt -o dirnames
        elif [[ $type == 'file' ]]; then
            COMPREPLY=()
            compopt -o default
        elif [[ $type == 'plain' ]]; then
            COMPREPLY+=($value)
        fi
    done

    return 0
}

%(complete_func)s_setup() {
    complete -o nosort -F %(complete_func)s %(prog_name)s
}

%(complete_func)s_setup;
"""


class ColonBashComplete(BashComplete):
    """Bash completion that keeps ``status:off`` one word (see the module)."""

    source_template = _SOURCE_BASH
    _cut = 0

    def get_completion_args(self) -> tuple[list[str], str]:
        line, point = os.environ.get("COMP_LINE"), os.environ.get("COMP_POINT", "")
        if line is None or not point.isdigit():  # a script from before this class
            return super().get_completion_args()
        typed = line[: int(point)]
        words = split_arg_string(typed)
        incomplete = "" if not typed or typed[-1].isspace() or not words else words.pop()
        self._cut = incomplete.rfind(":") + 1
        return words[1:], incomplete

    def format_completion(self, item: CompletionItem) -> str:
        value = str(item.value)[self._cut :]
        return f"{item.type},{value}"


def register_shells() -> None:
    """Use `ColonBashComplete` for bash (click's zsh and fish classes are kept)."""
    add_completion_class(ColonBashComplete, "bash")


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
