"""A progress bar for long runs at a terminal, and never anywhere else."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from collections.abc import Callable
from pathlib import Path

import targets

Write = Callable[[dict[str, str]], Path]

RULES = """\
programme: {name: Many regions}
metrics:
  - {id: m, name: M, unit: firm, direction: higher}
targets:
  - {id: m-40, metric: m, at_least: 40, by: 2030, base: 2015, for_each: all}
"""


def _regions(write: Write, n: int) -> Path:
    rows = ["metric,entity,period,value,unit"]
    for i in range(n):
        rows += [f"m,R{i:05d},2015,10,firm", f"m,R{i:05d},2024,{10 + i % 40},firm"]
    return write({"p/rules.yaml": RULES, "p/f.csv": "\n".join(rows) + "\n"}) / "p"


def test_load_and_check_report_their_progress_to_the_caller(write: Write) -> None:
    heard: list[tuple[str, int, int]] = []

    def progress(stage: str, done: int, total: int) -> None:
        heard.append((stage, done, total))

    root = _regions(write, 50)
    report = targets.check(targets.load(root, progress=progress), progress=progress)
    stages = [stage for stage, _, _ in heard]
    assert stages.index("reading") < stages.index("judging")
    for stage in ("reading", "judging"):
        mine = [(done, total) for s, done, total in heard if s == stage]
        assert all(0 <= done <= total for done, total in mine)
        assert [done for done, _ in mine] == sorted(done for done, _ in mine)  # never back
        assert mine[-1][0] == mine[-1][1]  # and it ends complete
    sizes = sum(p.stat().st_size for p in root.iterdir())
    assert [total for s, _, total in heard if s == "reading"][-1] == sizes
    assert [total for s, _, total in heard if s == "judging"][-1] == len(report) == 50


def _run(root: Path, out: Path, *, tty: bool, env: dict[str, str]) -> str:
    """`targets check ROOT --json OUT` with standard error a terminal (or a pipe); what
    standard error received."""
    command = [sys.executable, "-m", "targets", "check", str(root), "--json", str(out)]
    environment = {k: v for k, v in os.environ.items() if k != "CI"} | env
    if not tty:
        done = subprocess.run(command, capture_output=True, env=environment, check=False)
        return done.stderr.decode()
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=child, env=environment
    ) as process:
        os.close(child)
        received = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            received += chunk
        process.wait(timeout=120)
    os.close(main)
    return received.decode(errors="replace")


def test_a_long_check_at_a_terminal_draws_a_bar_on_standard_error(write: Write) -> None:
    root = _regions(write, 6000)
    out = root.parent / "r.json"
    seen = _run(root, out, tty=True, env={})
    assert "judging" in seen
    assert "series" in seen
    assert "\x1b" not in out.read_text(encoding="utf-8")[:1000]
    assert '"detail": "compact"' in out.read_text(encoding="utf-8")


def test_no_bar_in_ci_nor_when_standard_error_is_not_a_terminal(write: Write) -> None:
    root = _regions(write, 6000)
    out = root.parent / "r.json"
    assert "judging" not in _run(root, out, tty=True, env={"CI": "true"})
    assert "judging" not in _run(root, out, tty=False, env={})


def test_a_short_check_at_a_terminal_draws_no_bar(write: Write) -> None:
    root = _regions(write, 100)
    assert "judging" not in _run(root, root.parent / "r.json", tty=True, env={})
