"""Report files written whole or not at all: each beside its place first, then moved in.

Every file a command writes (``check``'s reports, ``report --html``, ``schema -o``) goes
through `write_all`, so each has the same promises: never one of the files read, never
half-written, a link followed, a device or pipe written into.
"""

from __future__ import annotations

import errno
import os
import queue
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

import click

from targets._safe import oneline, quoted
from targets._threads import handing_over

__all__ = ["READER_WAIT", "write_all"]


def write_all(outputs: Mapping[Path, str | Iterable[str]], *, read: Iterable[str] = ()) -> None:
    """Write every report file, or none: a report path that is one of the files `read` is
    a usage error, each folder is checked before the first write,
    and each report is written beside its file first and moved into place only once every
    report has been rendered whole (an internal error leaves no half-written report).

    A report path that leads through a symbolic link is written where the link leads (the
    link stays). A path that is no regular file (``/dev/null``, ``/dev/stdout``, a named
    pipe) is written into, once every report is rendered, never replaced: moving a file
    over it would replace the device itself (as root, ``--json /dev/null`` replaced the
    machine's ``/dev/null``)."""
    _no_input_replaced(outputs, [*read, *_settings_read()])
    places = {path: _place(path) for path in outputs}
    written: list[tuple[str, Path, bool]] = []
    opened: dict[Path, int] = {}  # each device or pipe, opened before any file is replaced
    path = next(iter(outputs), Path())  # the report a failure names
    try:
        for path, text in outputs.items():
            place, special = places[path]  # a device's report is rendered aside first
            folder = Path(tempfile.gettempdir()) if special else place.parent
            written.append((_write_beside(path.name, folder, text), place, special))
        for path, (_, place, special) in zip(outputs, written, strict=True):
            if special:
                opened[path] = _open_special(place)
        for path, (temporary, place, _) in zip(outputs, written, strict=True):
            if path in opened:
                _copy_into(temporary, opened.pop(path))
            else:
                os.replace(temporary, place)
    except OSError as exc:
        reason = _NO_READER if exc.errno == errno.ENXIO else exc.strerror
        raise click.UsageError(f"cannot write {oneline(str(path))}: {reason}") from None
    finally:
        for handle in opened.values():
            os.close(handle)
        for temporary, _, _ in written:
            if os.path.exists(temporary):
                os.unlink(temporary)


def _no_input_replaced(outputs: Iterable[Path], inputs: Iterable[str]) -> None:
    """A report file that is one of the files read (``--json rules.yaml``) is a usage
    error: the report would silently replace the rules or figures it judged."""
    read = {os.path.realpath(name) for name in inputs}
    for path in outputs:
        if os.path.realpath(path) in read:
            raise click.UsageError(
                f"{quoted(str(path))} is one of the files read: a report would replace it"
            )


def _settings_read() -> list[str]:
    """The settings file this run took defaults from, if any: read too, never replaced
    (``--json targets.toml`` replaced it with the report and exited 0)."""
    context = click.get_current_context(silent=True)
    settings = (context.find_root().obj or {}).get("settings") if context else None
    return [str(settings.file)] if settings is not None else []


def _place(path: Path) -> tuple[Path, bool]:
    """Where the report for `path` goes (a link followed), and whether it is a file that
    exists and is no regular file (a device, a pipe), to write into rather than replace;
    a usage error when it cannot be written (a name too long is one, never a crash)."""
    try:
        return _placed(path)
    except OSError as exc:
        raise click.UsageError(f"cannot write {oneline(str(path))}: {exc.strerror}") from None


def _placed(path: Path) -> tuple[Path, bool]:
    try:
        mode = os.stat(path).st_mode  # where a link leads
    except (FileNotFoundError, NotADirectoryError):  # no such file yet, or a dangling link:
        mode = stat.S_IFREG  # made beside its place
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # opened by its own name:
        if not os.access(path, os.W_OK):  # /dev/stdout leads to no path one could open
            raise click.UsageError(f"cannot write {oneline(str(path))}")
        return path, True
    place = Path(os.path.realpath(path))
    folder = place.parent
    if not folder.is_dir():
        raise click.UsageError(
            f"cannot write {oneline(str(path))}: no folder {oneline(str(path.parent))}"
        )
    if place.is_dir() or not os.access(folder, os.W_OK):
        raise click.UsageError(f"cannot write {oneline(str(path))}")
    return place, False


def _write_beside(name: str, folder: Path, text: str | Iterable[str]) -> str:
    """`text` (or its pieces, as they are rendered) in a new file in `folder`, named
    after the report's file `name`."""
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept on success
        "wb", dir=folder, prefix=f".{name}.", delete=False
    )
    try:
        with handle:
            if isinstance(text, str):
                handle.write(_encoded(text))
            else:
                _write_pieces(handle, text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(handle.name, 0o666 & ~umask)  # as a plain open() would have made it
    except BaseException:
        os.unlink(handle.name)
        raise
    return handle.name


def _open_special(place: Path) -> int:
    """A device or pipe opened for its report, a named pipe's reader waited for at most
    `READER_WAIT` seconds (``targets check --json pipe & consumer < pipe``: the consumer
    may start a moment late); one no process reads is refused (ENXIO) where opening it
    hung the run for ever. The writes then wait for the reader as usual."""
    waited = time.monotonic() + READER_WAIT
    while True:
        try:
            handle = os.open(place, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO or time.monotonic() >= waited:
                raise
            time.sleep(0.05)
            continue
        os.set_blocking(handle, True)
        return handle


READER_WAIT = 3.0
"""Seconds a named pipe's reader is waited for before the run is refused (exit 2)."""


def _copy_into(temporary: str, handle: int) -> None:
    """The rendered report written into an opened device or pipe (closed after)."""
    with open(handle, "wb") as target, open(temporary, "rb") as source:
        shutil.copyfileobj(source, target)


_NO_READER = "a named pipe no process reads (the run would wait for one for ever)"


def _encoded(text: str) -> bytes:
    """`text` as UTF-8; a lone surrogate (a file name that is no UTF-8, read back from
    the system) as its escape, ``\\udcff``, which a JSON string reads back as written."""
    return text.encode("utf-8", "backslashreplace")


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
                chunks.put(_encoded(piece))
    finally:
        chunks.put(None)
        writer.join()
    if failed:
        raise failed[0]


_AHEAD = 16
"""Encoded pieces waiting for the disk at most: memory stays a few MB."""
