"""What `targets.record` reads and writes: the figures given, the file, its lock.

The figures given are checked for fields and values a file can hold before anything else.

A lock file beside the target serialises concurrent runs (each reads the file again under
the lock); the new text goes to a temporary file in the same folder, is flushed and synced,
and replaces the target with one `os.replace`, after which the folder itself is synced. A
crash or a kill at any moment leaves the old file or the new one, never a mix; at worst a
hidden temporary file stays behind, and the next run removes it.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import math
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from targets.rules._discover import CSV_SUFFIXES, YAML_SUFFIXES, display
from targets.rules._errors import Diagnostic, LoadError, Location
from targets.rules._files import CSV_OPTIONAL, CSV_REQUIRED, MAX_BYTES, read
from targets.rules._ingest import rows_of
from targets.rules._suggest import did_you_mean
from targets.rules._yaml import Document, resolve_plain

__all__ = [
    "RecordError",
    "around",
    "check_target",
    "excerpt",
    "figures_given",
    "locked",
    "pause",
    "read_target",
    "refuse",
    "typed",
    "write_atomically",
]

FIELDS = CSV_REQUIRED + CSV_OPTIONAL
_TYPED = ("value", "period", "published", "change", "since")
_PROGRAMME = re.compile(r"^programme[ \t]*:", re.MULTILINE)

_TEMP_SUFFIX = ".record-tmp"
_TEMP_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_PAUSES = "_TARGETS_RECORD_TEST_PAUSES"
"""Test hook: "LOCKED,WRITE" seconds to sleep once the lock is held and at each step of the
write, announcing each stage on standard error, so tests can kill a run mid-write."""


class RecordError(LoadError):
    """Recording refused: the input or the result is invalid, or the file is busy.
    Nothing was written; every problem carries its position."""

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        super().__init__(diagnostics)
        errors = sum(d.severity == "error" for d in self.diagnostics)
        self.args = (f"{errors} problem{'s' if errors != 1 else ''}; nothing written",)


def refuse(where: Location | str, message: str) -> RecordError:
    location = where if isinstance(where, Location) else Location(where)
    return RecordError([Diagnostic(location, message)])


def pause(stage: str, which: int | None = None) -> None:
    """The test hook (see `_PAUSES`): announce `stage`, then sleep the pause numbered
    `which`, if any. Does nothing unless the variable is set."""
    setting = os.environ.get(_PAUSES)
    if not setting:
        return
    print(f"record: {stage}", file=sys.stderr, flush=True)
    if which is not None:
        with contextlib.suppress(ValueError, IndexError):
            time.sleep(max(0.0, min(float(setting.split(",")[which]), 60.0)))


RECORDABLE = YAML_SUFFIXES + CSV_SUFFIXES
"""Files `record` edits: YAML and CSV (a Parquet file is written by the tool that made it)."""


def check_target(target: Path) -> os.stat_result:
    """Refuse anything but an existing regular figures file: a symbolic link would be
    replaced by a copy, a device or a pipe could hang the read."""
    name = display(target) if not target.is_symlink() else str(target)
    if target.suffix.lower() not in RECORDABLE:
        raise refuse(name, "not a figures file (.yaml, .yml, .csv)")
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        raise refuse(name, "no such file; create it first (an empty file will do)") from None
    except OSError as exc:
        raise refuse(name, f"cannot read: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise refuse(name, "a symbolic link; name the file it points to")
    if not stat.S_ISREG(info.st_mode):
        raise refuse(name, "not a regular file")
    if info.st_size > MAX_BYTES:
        raise refuse(name, f"file larger than {MAX_BYTES // 2**20} MiB; split it")
    return info


def read_target(target: Path) -> tuple[str, bool, int]:
    """The file's text, whether it starts with a UTF-8 byte-order mark, and its mode bits."""
    info = check_target(target)
    name = display(target)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(target, flags)
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise refuse(name, f"cannot read: {exc.strerror}") from None
    bom = raw.startswith(codecs.BOM_UTF8)
    body = raw[len(codecs.BOM_UTF8) :] if bom else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise refuse(Location(name, line), "not UTF-8 text") from None
    return text, bom, stat.S_IMODE(info.st_mode)


@contextlib.contextmanager
def locked(target: Path, wait: float) -> Iterator[None]:
    """Hold an exclusive lock on ``.NAME.lock`` beside `target`, waiting at most `wait` s.

    The lock file is removed on release; a run that locked a file since removed tries again,
    so two runs never hold two different lock files at once.
    """
    path = target.parent / f".{target.name}.lock"
    deadline = time.monotonic() + wait
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        try:
            fd = os.open(path, flags, 0o644)
        except OSError as exc:
            raise refuse(display(target), f"cannot lock: {exc.strerror}") from None
        ours = False
        try:
            _flock(fd, deadline)
            with contextlib.suppress(FileNotFoundError):
                ours = os.path.samestat(os.fstat(fd), os.stat(path, follow_symlinks=False))
        except BlockingIOError:
            message = (
                f"another 'targets record' has held {display(path)} for {wait:g} s; "
                "try again (or raise --wait)"
            )
            raise refuse(display(target), message) from None
        finally:
            if not ours:
                os.close(fd)
        if ours:
            break
    try:
        _remove_stale(target)
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(fd)


def _flock(fd: int, deadline: float) -> None:
    """Lock `fd`, polling until `deadline`; raises `BlockingIOError` when it passes."""
    import fcntl  # noqa: PLC0415 - POSIX only, and only when writing

    waiting = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise
            if not waiting:
                pause("waiting")
                waiting = True
            time.sleep(0.02)


def _remove_stale(target: Path) -> None:
    """Temporary files a killed run left: only runs holding the lock create them."""
    prefix = f".{target.name}."
    with os.scandir(target.parent) as entries:
        for entry in entries:
            middle = entry.name[len(prefix) : -len(_TEMP_SUFFIX)]
            if (
                entry.name.startswith(prefix)
                and entry.name.endswith(_TEMP_SUFFIX)
                and len(middle) == 8
                and set(middle) <= _TEMP_ALPHABET
                and entry.is_file(follow_symlinks=False)
            ):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)


def write_atomically(target: Path, data: bytes, mode: int) -> None:
    """Replace `target` by `data`: temporary file, flush, fsync, rename, fsync the folder."""
    try:
        fd, temp = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=_TEMP_SUFFIX, dir=target.parent
        )
    except OSError as exc:
        raise refuse(display(target), f"cannot write: {exc.strerror}") from None
    done = False
    try:
        with os.fdopen(fd, "wb") as handle:
            pause("writing", 1)
            step = max(1, -(-len(data) // 4))  # in parts, so the test hook can pause between
            for start in range(0, len(data), step):
                handle.write(data[start : start + step])
                handle.flush()
                pause("written part", 1)
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        pause("synced", 1)
        os.replace(temp, target)
        done = True
    except OSError as exc:
        raise refuse(display(target), f"cannot write: {exc.strerror}") from None
    finally:
        if not done:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
    pause("replaced", 1)
    # The rename is done and visible; a file system that cannot sync a folder (some network
    # ones refuse) leaves its durability across a power cut to the system, not to us.
    with contextlib.suppress(OSError):
        _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def typed(row: Mapping[str, str]) -> dict[str, Any]:
    """Fields given as text (arguments, CSV cells) as a file would hold them: ``2024``,
    ``73788`` and ``45.2`` become numbers, written plain; anything else stays text as typed
    (``45,600``, ``2024-Q3``, ``+7 %``, ``1.50``), as do free-text fields such as the note.
    Empty text is no value."""
    out: dict[str, Any] = {}
    for key, text in row.items():
        value: Any = text.strip()
        if key in _TYPED and len(value) <= 40:
            number = resolve_plain(value)
            if isinstance(number, int | float) and not isinstance(number, bool):
                value = number if repr(number) == value else value
        if value != "":
            out[key] = value
    return out


def figures_given(figures: Any, origin: str) -> tuple[list[dict[str, Any]], Document]:
    """The figures to record, checked for fields and values a file can hold."""
    if isinstance(figures, str | os.PathLike):
        file = Path(figures)
        if file.suffix.lower() not in RECORDABLE or not file.is_file():
            raise refuse(str(file), "not a figures file (a regular .csv, .yaml or .yml file)")
        doc, problems = read(file)
        if any(p.severity == "error" for p in problems):
            raise RecordError(problems)
        data = doc.data if isinstance(doc.data, dict) else {}
        if set(data) - {"figures"} or not isinstance(data.get("figures"), list):
            raise refuse(doc.locate(()), "expected a figures file: only a 'figures' list")
        raw = data["figures"]
        if file.suffix.lower() in CSV_SUFFIXES:
            raw = [typed(row) for row in raw]
    else:
        raw = [figures] if isinstance(figures, Mapping) else list(figures)
        doc = Document(origin, data={"figures": raw})
        for index in range(len(raw)):
            doc.values[("figures", index)] = Location(origin, index + 1)
    try:
        rows = rows_of(raw)
    except TypeError as exc:
        raise refuse(origin, str(exc)) from None
    if not rows:
        raise refuse(doc.locate(()), "no figures to record")
    for index, row in enumerate(rows):
        for key, value in row.items():
            problem = _unwritable(key, value)
            if problem:
                raise refuse(doc.locate(("figures", index, key), key=True), problem)
    return rows, doc


def _unwritable(key: str, value: Any) -> str | None:
    if key not in FIELDS:
        return f"unknown field '{excerpt(key)}'{did_you_mean(key, FIELDS)}"
    if isinstance(value, list | tuple):
        return next((p for v in value if (p := _unwritable(key, v))), None)
    if isinstance(value, str):
        with contextlib.suppress(UnicodeEncodeError):
            value.encode("utf-8")
            return None
        return f"'{key}': not valid UTF-8 text"
    if isinstance(value, float) and not math.isfinite(value):
        return f"'{key}': {value} is not a number a file can hold"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > sys.float_info.max:
        return f"'{key}': too large to be a figure's number"
    if not isinstance(value, bool | int | float | str | dt.date):
        return f"'{key}': cannot write {type(value).__name__} into a figures file"
    return None


def around(target: Path) -> Path:
    """The nearest folder, from the file's own upwards, with a YAML file declaring
    ``programme:``, searching up to the root of a git repository or of the filesystem.

    Raises `RecordError` when there is none: the result cannot be validated without rules.
    """
    start = target.absolute().parent
    for folder in (start, *start.parents):
        if _declares_programme(folder):
            return folder
        if (folder / ".git").exists():
            break
    message = (
        "no folder from this file's upwards holds a file declaring 'programme:'; "
        "name the rules to validate with (--with PATH)"
    )
    raise refuse(display(target), message)


def _declares_programme(folder: Path) -> bool:
    with contextlib.suppress(OSError):
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in YAML_SUFFIXES or path.name.startswith("."):
                continue
            info = path.lstat()
            regular = stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES
            if regular and _PROGRAMME.search(path.read_text(encoding="utf-8", errors="replace")):
                return True
    return False


def excerpt(text: str, limit: int = 60) -> str:
    """Input quoted in a message: control characters escaped, at most `limit` characters."""
    escaped = "".join(
        c if c.isprintable() else (f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}")
        for c in text[: limit + 1]
    )
    return escaped if len(escaped) <= limit else escaped[: limit - 1] + "…"
