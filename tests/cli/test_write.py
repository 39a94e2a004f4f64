"""Report files are written by a second thread as they are rendered: a failing disk or a
failing renderer still ends the write cleanly and says why."""

from __future__ import annotations

import errno
import io
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from targets.cli._write import _write_pieces, write_all


class _FullDisk(io.BytesIO):
    """A file whose disk fills up after `room` writes."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.room == 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= 1
        return super().write(data)


def _pieces(n: int, seen: list[int]) -> Iterator[str]:
    for i in range(n):
        seen.append(i)
        yield f"piece {i}\n"


def test_every_piece_reaches_the_file_in_order() -> None:
    handle = io.BytesIO()
    _write_pieces(handle, _pieces(500, []))
    assert handle.getvalue().decode().splitlines() == [f"piece {i}" for i in range(500)]


def test_a_full_disk_is_raised_and_stops_the_rendering() -> None:
    seen: list[int] = []
    with pytest.raises(OSError, match="No space left"):
        _write_pieces(_FullDisk(room=3), _pieces(100_000, seen))
    assert len(seen) < 1000  # the renderer stopped soon after the disk failed


def test_a_failing_renderer_is_raised_and_the_writer_thread_ends() -> None:
    def broken() -> Iterator[str]:
        yield "first\n"
        raise RuntimeError("deliberate")

    handle = io.BytesIO()
    with pytest.raises(RuntimeError, match="deliberate"):
        _write_pieces(handle, broken())
    assert handle.getvalue() == b"first\n"


def test_a_report_that_cannot_be_written_whole_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(handle: object, pieces: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("targets.cli._write._write_pieces", failing)
    target = tmp_path / "report.json"
    with pytest.raises(click.UsageError, match=r"cannot write .*No space left"):
        write_all({target: iter(["{}\n"])})
    assert list(tmp_path.iterdir()) == []


def test_a_named_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    write_all({pipe: iter(["one\n", "two\n"])})
    reader.join(timeout=10)
    assert got == [b"one\ntwo\n"]
    assert pipe.is_fifo()  # still the pipe, not a file moved over it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_report_through_a_link_replaces_where_it_leads_and_the_link_stays(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.json"
    real.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    write_all({link: "new\n"})
    assert link.is_symlink()
    assert real.read_text() == "new\n"


def test_a_device_that_cannot_take_the_report_is_a_usage_error_and_stays_a_device() -> None:
    full = Path("/dev/full")
    if not full.is_char_device():
        pytest.skip("no /dev/full on this system")
    with pytest.raises(click.UsageError, match="cannot write /dev/full: No space left"):
        write_all({full: "{}\n"})
    assert full.is_char_device()


def test_a_lone_surrogate_is_written_as_its_json_escape(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    write_all({target: iter([json.dumps({"file": "r\udcff.yaml"}, ensure_ascii=False)])})
    assert json.loads(target.read_text()) == {"file": "r\udcff.yaml"}
