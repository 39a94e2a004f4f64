"""A named pipe given as a report file: a reader that starts a moment after the reports
are ready (``targets check --json pipe & consumer < pipe``) still gets the report; one
that never comes is given up on after `READER_WAIT` seconds."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from targets.cli import _write


def test_a_reader_starting_late_gets_the_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []

    def consumer() -> None:
        time.sleep(0.3)  # after the first attempt to open the pipe for writing
        with open(pipe, "rb") as handle:
            got.append(handle.read())

    thread = threading.Thread(target=consumer, daemon=True)  # never holds the run up
    thread.start()
    handle = _write._open_special(pipe)  # waits for the consumer, no ENXIO
    with open(handle, "wb") as out:
        out.write(b"report")
    thread.join(timeout=5)
    assert got == [b"report"]


def test_a_pipe_no_process_reads_is_given_up_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    monkeypatch.setattr(_write, "READER_WAIT", 0.2)
    started = time.monotonic()
    with pytest.raises(OSError, match="No such device or address"):
        _write._open_special(pipe)
    assert 0.2 <= time.monotonic() - started < 2
