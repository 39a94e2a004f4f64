"""Report files written whole or not at all: each beside its place first, then moved in."""

from __future__ import annotations

import os
import queue
import tempfile
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

import click

from targets._threads import handing_over

__all__ = ["write_all"]


def write_all(outputs: Mapping[Path, str | Iterable[str]]) -> None:
    """Write every report file, or none: each folder is checked before the first write,
    and each report is written beside its file first and moved into place only once every
    report has been rendered whole (an internal error leaves no half-written report)."""
    for path in outputs:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise click.UsageError(f"cannot write {path}: no folder {folder}")
        if path.is_dir() or not os.access(folder, os.W_OK):
            raise click.UsageError(f"cannot write {path}")
    written: list[tuple[str, Path]] = []
    try:
        for path, text in outputs.items():
            written.append((_write_beside(path, text), path))
        for temporary, path in written:
            os.replace(temporary, path)
    except OSError as exc:
        raise click.UsageError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        for temporary, _ in written:
            if os.path.exists(temporary):
                os.unlink(temporary)


def _write_beside(path: Path, text: str | Iterable[str]) -> str:
    """`text` (or its pieces, as they are rendered) in a new file beside `path`."""
    folder = path.parent if str(path.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept on success
        "wb", dir=folder, prefix=f".{path.name}.", delete=False
    )
    try:
        with handle:
            if isinstance(text, str):
                handle.write(text.encode())
            else:
                _write_pieces(handle, text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(handle.name, 0o666 & ~umask)  # as a plain open() would have made it
    except BaseException:
        os.unlink(handle.name)
        raise
    return handle.name


class _Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


def _write_pieces(handle: _Writable, pieces: Iterable[str]) -> None:
    """The pieces encoded as they are rendered and written by a second thread, so that
    the disk's time (a tenth of a second for a 100 MB report) overlaps the rendering."""
    chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=_AHEAD)
    failed: list[OSError] = []

    def drain() -> None:
        while (chunk := chunks.get()) is not None:
            if not failed:
                try:
                    handle.write(chunk)
                except OSError as exc:  # said by the rendering thread
                    failed.append(exc)

    writer = threading.Thread(target=drain, name="targets-write", daemon=True)
    writer.start()
    try:
        with handing_over():  # each write leaves Python's lock and waits for it again
            for piece in pieces:
                if failed:
                    break
                chunks.put(piece.encode())
    finally:
        chunks.put(None)
        writer.join()
    if failed:
        raise failed[0]


_AHEAD = 16
"""Encoded pieces waiting for the disk at most: memory stays a few MB."""
