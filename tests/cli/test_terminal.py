"""The commands in a real terminal: a pseudo-terminal of a set width, and pipes.

`check` and `explain` fill the terminal's width and never exceed it; colour appears on a
terminal and follows NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE and TERM=dumb for every command
that colours (check, explain, validate, record).
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "vietnam-digital")
SGR = re.compile(r"\x1b\[[0-9;]*m")
COLOUR_VARIABLES = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TERM")
INVALID = "programme: {name: P}\nmetrics: [{id: m, name: M, unit: firmz}]\n"

COMMANDS = {
    "check": ["check", EXAMPLE],
    "explain": ["explain", "hw-exports-137-160bn", EXAMPLE],
}


def _environment(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in COLOUR_VARIABLES}
    env["TERM"] = "xterm-256color"
    return {**env, **extra}


def in_terminal(args: list[str], columns: int, **extra: str) -> str:
    """What `targets ARGS` prints on a pseudo-terminal `columns` wide (stdout and stderr)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "targets", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=_environment(extra),
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the last holder of the terminal closed it
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def in_pipe(args: list[str], **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "targets", *args],
        capture_output=True,
        text=True,
        check=False,
        env=_environment(extra),
        timeout=120,
    )


def widest(text: str) -> int:
    return max(len(SGR.sub("", line)) for line in text.splitlines())


def test_the_harness_sees_the_terminal_width() -> None:
    # Guards the probe: a program that prints its terminal's width must see the one we set.
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 97, 0, 0))
    assert os.get_terminal_size(slave).columns == 97
    os.close(master)
    os.close(slave)


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_check_and_explain_fill_the_terminal_and_never_pass_its_edge(
    command: str, columns: int
) -> None:
    output = in_terminal(COMMANDS[command], columns)
    assert "Traceback" not in output
    assert widest(output) <= columns
    if columns > 80:  # it used the room: some line is longer than an 80-column one
        assert widest(output) > 80


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_columns_sets_the_width_and_a_pipe_gets_80(command: str) -> None:
    piped = in_pipe(COMMANDS[command])
    assert widest(piped.stdout) <= 80
    wide = in_pipe(COMMANDS[command], COLUMNS="110")
    assert 80 < widest(wide.stdout) <= 110
    narrow = in_terminal(COMMANDS[command], 120, COLUMNS="60")
    assert widest(narrow) <= 60


def _invalid(tmp_path: Path) -> str:
    (tmp_path / "p.yaml").write_text(INVALID, encoding="utf-8")
    return str(tmp_path)


@pytest.mark.parametrize("command", ["check", "explain", "validate", "validate-invalid"])
def test_colour_on_a_terminal_unless_no_color_or_term_dumb(command: str, tmp_path: Path) -> None:
    args = {
        "validate": ["validate", EXAMPLE],
        "validate-invalid": ["validate", _invalid(tmp_path)],
        **COMMANDS,
    }[command]
    assert "\x1b[" in in_terminal(args, 100)
    assert "\x1b[" not in in_terminal(args, 100, NO_COLOR="1")
    assert "\x1b[" not in in_terminal(args, 100, TERM="dumb")
    assert "\x1b[" not in in_terminal([*args, "--no-color"], 100)


@pytest.mark.parametrize("command", ["check", "explain", "validate"])
def test_force_color_and_clicolor_force_colour_a_pipe(command: str) -> None:
    args = COMMANDS.get(command, ["validate", EXAMPLE])
    assert "\x1b[" not in in_pipe(args).stdout
    assert "\x1b[" in in_pipe(args, FORCE_COLOR="1").stdout
    assert "\x1b[" in in_pipe(args, CLICOLOR_FORCE="1").stdout
    assert "\x1b[" not in in_pipe(args, CLICOLOR_FORCE="0").stdout
    assert "\x1b[" in in_pipe(args, FORCE_COLOR="1", TERM="dumb").stdout
    assert "\x1b[" not in in_pipe(args, FORCE_COLOR="1", NO_COLOR="1").stdout
    assert "\x1b[" not in in_pipe([*args, "--no-color"], FORCE_COLOR="1").stdout


def test_record_colours_its_diff_only_when_colour_is_on(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    subprocess.run(["cp", "-r", EXAMPLE, str(folder)], check=True)
    args = [
        "record",
        str(folder / "figures" / "firms.yaml"),
        "--metric",
        "dt-firms",
        "--period",
        "2025",
        "--value",
        "80,000",
        "--unit",
        "firm",
        "--source",
        "sggp-2025-01-24",
        "--dry-run",
    ]
    coloured = in_pipe(args, FORCE_COLOR="1")
    assert coloured.returncode == 0, coloured.stderr
    assert "\x1b[32m+" in coloured.stdout
    plain = in_pipe(args)
    assert "\x1b[" not in plain.stdout
    added = [line for line in plain.stdout.splitlines() if line.startswith("+") and "80" in line]
    assert added, plain.stdout
