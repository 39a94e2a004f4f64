"""How much YAML one run reads: a bound on time and memory that a pull request cannot lift.

Reading YAML costs about 0.3 ms and 3 KB of memory per figure (PyYAML's events, a position
for every key and value, a validated model), so 50 MB of figures would take minutes and
gigabytes. The YAML files of one run are therefore limited together, to 16 MiB by default:
the 10.6 MiB rules of 60,000 targets a generator writes load in 4 s and 380 MiB through the
fast reader (`_yaml_fast`), and 16 MiB the fast reader declines (a tab, an anchor) would
take the full reader about 11 s and 800 MiB, bounded still. That is about 130,000 figures
written one key per line (the example's are 0.1 MiB). Bulk figures belong in CSV. The
environment variable TARGETS_MAX_YAML_MIB raises or lowers the limit: it is set by whoever
runs the tool (a CI workflow), never by the files it reads.
"""

from __future__ import annotations

import os
from pathlib import Path

from targets._safe import quoted
from targets.rules._errors import Diagnostic, Location

__all__ = [
    "DEFAULT_YAML_MIB",
    "YAML_LIMIT_VARIABLE",
    "YamlBudget",
    "yaml_limit",
]


YAML_LIMIT_VARIABLE = "TARGETS_MAX_YAML_MIB"
DEFAULT_YAML_MIB = 16


def yaml_limit() -> tuple[int, Diagnostic | None]:
    """The YAML bytes one run may read, and a problem when the variable is not a number of
    MiB (then the default holds)."""
    setting = os.environ.get(YAML_LIMIT_VARIABLE, "").strip()
    if not setting:
        return DEFAULT_YAML_MIB * 2**20, None
    try:
        mebibytes = float(setting)
    except ValueError:
        mebibytes = -1.0
    if not 0 < mebibytes <= 2**20:
        where = Location(f"${YAML_LIMIT_VARIABLE}")
        message = f"{quoted(setting)} is not a number of MiB (such as 8 or 64)"
        return DEFAULT_YAML_MIB * 2**20, Diagnostic(where, message)
    return int(mebibytes * 2**20), None


class YamlBudget:
    """What is left of the YAML limit as the files of one run are read, in order."""

    def __init__(self) -> None:
        self.limit, problem = yaml_limit()
        self.left = self.limit
        self.problems: list[Diagnostic] = [problem] if problem is not None else []

    def take(self, path: Path, name: str) -> bool:
        """Whether the YAML file at `path` (shown as `name`) may be read; if not, why not is
        added to `problems`. Its size on disk is taken before a byte of it is parsed."""
        try:
            size = os.stat(path).st_size
        except OSError:  # reading it says why
            size = 0
        if size > self.left:
            message = (
                f"refused: its {_size_text(size)} would take the YAML files read past "
                f"{_size_text(self.limit)} in all; put bulk figures in CSV, or raise "
                f"${YAML_LIMIT_VARIABLE}"
            )
            self.problems.append(Diagnostic(Location(name), message))
            return False
        self.left -= size
        return True


def _size_text(size: int) -> str:
    return f"{size / 2**20:.3g} MiB" if size >= 2**20 else f"{size / 2**10:.3g} KiB"
