"""Running the command in-process on fuzzed input, and the property every run must keep.

The property (issue 11): every run of ``validate``, ``check`` and ``report`` ends with exit
code 0, 1 or 2, never 3 (a bug) and never a traceback, within `BOUND` seconds; and every
exit 2 names a file and a line (``path:line:col: message``). A hang is cut by an alarm,
which raises a `Hang` that the command's own error handling cannot turn into an exit code.
"""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from click.testing import CliRunner

from targets.cli import cli

BOUND = 30.0
"""Seconds one command may take on fuzzed input (the example takes about 0.2 s)."""

LONG = bool(os.environ.get("TARGETS_FUZZ_LONG"))
"""The long run (``pytest --fuzz-long``, or TARGETS_FUZZ_LONG=1): at least 10,000 cases."""


def examples(short: int, long: int) -> int:
    """How many cases a fuzz test runs: `short` in the normal suite, `long` in the long run
    (TARGETS_FUZZ_EXAMPLES overrides both)."""
    override = os.environ.get("TARGETS_FUZZ_EXAMPLES")
    if override:
        return int(override)
    return long if LONG else short


class Hang(BaseException):
    """A command ran past `BOUND` seconds (not an Exception: the command's own handling
    must not turn it into an exit code)."""


@contextmanager
def bounded(seconds: float) -> Iterator[None]:
    def alarm(_signum: int, _frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True, slots=True)
class Run:
    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str
    seconds: float

    def __str__(self) -> str:
        return (
            f"targets {' '.join(self.args)} -> exit {self.exit_code} in {self.seconds:.1f} s\n"
            f"stderr:\n{self.stderr[:3000]}\nstdout:\n{self.stdout[:1000]}"
        )


def run(*args: str) -> Run:
    """`targets ARGS` in this process, bounded in time."""
    start = time.monotonic()
    with bounded(BOUND):
        result = CliRunner().invoke(cli, list(args))
    seconds = time.monotonic() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"targets {' '.join(args)} raised {result.exception!r}")
    return Run(tuple(args), result.exit_code, result.stdout, result.stderr, seconds)


POSITIONED = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): ", re.MULTILINE)
NO_FIGURES = "no figures in the input"
"""The one exit 2 that names no file: every file read, and not one figure among them."""


def keeps_the_property(done: Run, folder: Path, allowed: frozenset[int]) -> None:
    """Assert the fuzz property for one finished run on the files under `folder`."""
    assert done.exit_code in allowed, str(done)
    for stream in (done.stdout, done.stderr):
        assert "Traceback (most recent call last)" not in stream, str(done)
    assert done.seconds <= BOUND, str(done)
    if done.exit_code != 2:
        return
    if NO_FIGURES in done.stderr:
        return
    inside = [
        m
        for m in POSITIONED.finditer(done.stderr)
        if _inside(m.group("path"), folder) and int(m.group("line")) >= 1
    ]
    assert inside, f"exit 2 without a file and line under {folder}:\n{done}"


def _inside(shown: str, folder: Path) -> bool:
    path = Path(shown)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        absolute.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def judge_everything(folder: Path, out: Path) -> list[Run]:
    """``validate``, ``check`` (every report file) and ``report --html`` on `folder`, each
    checked against the property; the runs, for further assertions."""
    runs = []
    done = run("validate", str(folder))
    keeps_the_property(done, folder, frozenset({0, 2}))
    runs.append(done)
    done = run(
        "check",
        str(folder),
        "--json",
        str(out / "r.json"),
        "--junit",
        str(out / "r.xml"),
        "--markdown",
        str(out / "r.md"),
        "--format",
        "github",
    )
    keeps_the_property(done, folder, frozenset({0, 1, 2}))
    runs.append(done)
    done = run("report", str(folder), "--html", str(out / "r.html"))
    keeps_the_property(done, folder, frozenset({0, 2}))
    runs.append(done)
    return runs
