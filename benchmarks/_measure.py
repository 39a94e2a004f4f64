"""Run a command as a child process and measure it the way the kernel accounts for it.

Shared by ``bench_scale.py`` and ``bench_startup.py``. Each command is reaped with
``os.wait4``, which returns that process's own resource usage: its CPU time (user + system)
and its peak resident memory. ``resource.getrusage(RUSAGE_CHILDREN)`` would not do: its
peak memory is the largest of every child reaped so far.

One more trap: Linux starts a new program's peak-memory count at the peak of the process it
was forked from (``exec`` keeps the old address space's high-water mark, and ``subprocess``
forks the caller). A runner that has generated data or loaded pandas would lend its own
peak to every child it measures. So each command is started by a small clean Python process
(``_SPAWNER``, about 10 MiB), which runs it, reaps it with ``os.wait4`` and hands back the
figures; the command's wall time is taken there too, without the spawner's start-up.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

TIMED_OUT = -9  # the exit code reported for a run killed by the timeout (SIGKILL)

_SPAWNER = """
import json, os, subprocess, sys, threading, time
result, timeout, *command = sys.argv[1:]
start = time.perf_counter()
child = subprocess.Popen(command)
timer = threading.Timer(float(timeout), child.kill) if float(timeout) > 0 else None
if timer:
    timer.start()
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
if timer:
    timer.cancel()
child.returncode = code = os.waitstatus_to_exitcode(status)
with open(result, "w") as f:
    json.dump([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code], f)
"""


@dataclass(frozen=True)
class Run:
    """One whole-process run: seconds of wall and CPU time, peak memory in MiB, exit code."""

    wall: float
    cpu: float
    rss_mib: float
    code: int

    @property
    def timed_out(self) -> bool:
        return self.code == TIMED_OUT


def run(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    stdout: Path | None = None,
    stderr: Path | None = None,
    timeout: float | None = None,
) -> Run:
    """Run `command` to its end (or kill it after `timeout` seconds) and measure it."""
    out: IO[bytes] | int = stdout.open("wb") if stdout else subprocess.DEVNULL
    err: IO[bytes] | int = stderr.open("wb") if stderr else subprocess.DEVNULL
    handle, name = tempfile.mkstemp(prefix="targets-bench-", suffix=".json")
    os.close(handle)
    result = Path(name)
    try:
        spawner = [sys.executable, "-I", "-S", "-c", _SPAWNER, name, str(timeout or 0)]
        subprocess.run([*spawner, *command], cwd=cwd, env=env, stdout=out, stderr=err, check=True)
        wall, cpu, maxrss, code = json.loads(result.read_text())
    finally:
        result.unlink()
        for stream in (out, err):
            if not isinstance(stream, int):
                stream.close()
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    scale = 2**20 if platform.system() == "Darwin" else 2**10
    return Run(wall=wall, cpu=cpu, rss_mib=maxrss / scale, code=code)


def median(runs: Sequence[Run]) -> Run:
    """Field by field medians; the exit code of the last run."""
    return Run(
        wall=statistics.median(r.wall for r in runs),
        cpu=statistics.median(r.cpu for r in runs),
        rss_mib=statistics.median(r.rss_mib for r in runs),
        code=runs[-1].code,
    )


def compile_package(python: str, package: str = "targets") -> str:
    """Compile `package`'s modules to bytecode, as pip does when it installs a package, and
    say where. An editable install has only what Python caches as it imports; where
    PYTHONDONTWRITEBYTECODE is set it caches nothing, and every run would compile every
    module again (a quarter of a second of a check), which the floor's and pandas' modules,
    compiled by pip, never pay."""
    found = subprocess.run(
        [python, "-c", f"import {package}, os; print(os.path.dirname({package}.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    )
    folder = found.stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", folder], check=True)
    return f"bytecode: {package}'s modules compiled in {folder}"


def load() -> str:
    """The machine's load averages and cores: timings on a busy machine are not comparable."""
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"
