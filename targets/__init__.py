"""targets: programme targets as declarative rules, checked against reported figures."""

from targets._exit import ExitCode

__all__ = ["ExitCode"]
