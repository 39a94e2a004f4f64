"""Exit codes of the ``targets`` command.

Kept in a module of its own, free of heavy imports, because ``targets --help`` documents
them and must start fast.
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["ExitCode"]


class ExitCode(IntEnum):
    """What the process exit status of ``targets`` means; CI gates read it."""

    OK = 0
    """Everything was evaluated and no target tripped the gate."""
    GATE = 1
    """Evaluation succeeded and at least one target is at or below ``--fail-on``."""
    INVALID = 2
    """Nothing could be evaluated: a usage error, or invalid rules or figures."""
    INTERNAL = 3
    """A bug in targets: an unexpected exception. Never reported as 1."""


ExitCode.__module__ = "targets"  # public as targets.ExitCode
