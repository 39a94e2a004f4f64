"""Defaults for options from ``pyproject.toml`` (``[tool.targets]``) or ``targets.toml``.

As ruff and pytest do: the nearest such file from the working directory upwards (stopping
at the repository's root, the folder holding ``.git``) supplies defaults; the command line
overrides them. In one folder ``targets.toml`` wins over ``pyproject.toml``, and a
``pyproject.toml`` counts only when it has a ``[tool.targets]`` table. ``--config FILE``
names the file instead; ``--no-config`` ignores every file.

Keys are the long options of the commands (``fail-on``, ``format``, ``junit`` ...) plus
``paths``; they apply to every command that has that option, and a table per command
(``[tool.targets.check]``, ``[tool.targets.report]``) overrides them for that command.
Paths (``paths`` and the report files) are relative to the file's folder.

``--follow-links-outside`` cannot be set in a file: whether links out of the checked
folders are read is decided on the command line only (see SECURITY.md).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from targets._safe import EXCERPT, excerpt, quoted

__all__ = ["NOT_IN_FILES", "PATH_KEYS", "Settings", "find_settings", "read_settings"]

NOT_IN_FILES = frozenset({"follow_links", "debug", "help", "version"})
"""Options a settings file may not set: reading outside the checked folders stays a
command-line decision, and the rest are not settings."""
PATH_KEYS = frozenset({"paths", "json_file", "junit_file", "markdown_file", "sarif_file"})
PATH_KEYS |= {"gitlab_file", "html_file", "baseline"}
"""Parameters whose values are paths, resolved against the settings file's folder."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Defaults read from one file: `defaults[command][parameter] = value`."""

    file: Path
    table: str
    """How the file names the table: '[tool.targets]', or the whole of targets.toml."""
    defaults: Mapping[str, Mapping[str, Any]]

    def describe(self) -> str:
        """'pyproject.toml [tool.targets]', as the CLI says which file it read."""
        return f"{_relative(self.file)} {self.table}".rstrip()


def find_settings(start: Path | None = None) -> Path | None:
    """The nearest settings file from `start` (the working directory) upwards."""
    folder = (start or Path.cwd()).resolve()
    for here in (folder, *folder.parents):
        own = here / "targets.toml"
        if own.is_file():
            return own
        pyproject = here / "pyproject.toml"
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
        if (here / ".git").exists():
            return None
    return None


def _has_table(pyproject: Path) -> bool:
    """Whether `pyproject` has a [tool.targets] table. A file that never spells the name
    (not even with an escape) has none, and needs no TOML parser (tomllib costs a run
    4 ms to import)."""
    try:
        raw = pyproject.read_bytes()
        if b"targets" not in raw and b"\\" not in raw:
            return False
        return "targets" in _load(pyproject).get("tool", {})
    except (OSError, click.UsageError):
        return True  # broken: read it anyway, so the user hears why


def _load(file: Path) -> dict[str, Any]:
    import tomllib  # noqa: PLC0415 - start-up time: only a run with settings parses TOML

    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise click.UsageError(f"cannot read {file}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise click.UsageError(f"{file}:{line}: not UTF-8 text, as TOML must be") from None
    if (long := _LONG_NUMBER.search(text)) is not None:  # Python refuses to read such ints
        line = text.count("\n", 0, long.start()) + 1
        raise click.UsageError(f"{file}:{line}: a number of more than 4,000 digits") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise click.UsageError(f"{file}: not valid TOML: {exc}") from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise click.UsageError(f"{file}: not valid TOML: nested too deeply") from None


_LONG_NUMBER = re.compile(r"(?<![0-9_])[0-9][0-9_]{4000,}")
"""A run of digits longer than Python reads as an int (4,300 digits), tried only where a
run starts: from every digit of it, many runs just short of the length were quadratic."""


def read_settings(file: Path, commands: Mapping[str, click.Command]) -> Settings:
    """The defaults in `file` for each of `commands`, checked against their options."""
    data = _load(file)
    if file.name == "pyproject.toml" or "tool" in data:
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise click.UsageError(f"{file}: expected 'tool' to be a table")
        table, name = tool.get("targets", {}), "[tool.targets]"
    else:
        table, name = data, ""
    where = f"{file}{' ' + name if name else ''}"
    if not isinstance(table, dict):
        raise click.UsageError(f"{where}: expected a table of settings")
    own = {k: v for k, v in table.items() if k in commands and isinstance(v, dict)}
    shared = {k: v for k, v in table.items() if k not in own}
    known = {_key(p) for c in commands.values() for p in c.params} | {"paths"}
    for key in shared:
        if _name(key) in NOT_IN_FILES:
            raise click.UsageError(
                f"{where}: {quoted(key)} is given on the command line only, never in a settings "
                "file (see SECURITY.md)"
            )
        if key not in known:
            raise click.UsageError(f"{where}: unknown setting {quoted(key)}{_hint(key, known)}")
    defaults: dict[str, dict[str, Any]] = {}
    for command_name, command in commands.items():
        values = {**shared, **own.get(command_name, {})}
        chosen: dict[str, Any] = {}
        params = {_key(p): p for p in command.params}
        for key, value in values.items():
            param = params.get(key)
            if param is None or param.name in NOT_IN_FILES:
                if key in own.get(command_name, {}):
                    raise click.UsageError(
                        f"{where}: '{command_name}' has no setting {quoted(key)}"
                        f"{_hint(key, set(params))}"
                    )
                continue  # a shared key for another command
            assert param.name is not None
            chosen[param.name] = _value(param, value, f"{where}: {excerpt(key)}", file.parent)
        defaults[command_name] = chosen
    return Settings(file, name, defaults)


def _key(param: click.Parameter) -> str:
    """A parameter as a settings file names it: its long option without dashes."""
    longs = [o for o in param.opts if o.startswith("--")]
    if isinstance(param, click.Option) and longs:
        return longs[0].removeprefix("--")
    return str(param.name)


def _name(key: str) -> str:
    return {"follow-links-outside": "follow_links"}.get(key, key.replace("-", "_"))


def _hint(key: str, known: set[str]) -> str:
    import difflib  # noqa: PLC0415 - only for a mistake

    close = difflib.get_close_matches(key, sorted(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _value(param: click.Parameter, value: Any, where: str, folder: Path) -> Any:
    """`value` checked against what `param` takes; paths made relative to `folder`."""
    many = param.multiple or param.nargs == -1
    if isinstance(param, click.Option) and param.is_flag:
        if not isinstance(value, bool):
            raise click.UsageError(f"{where}: expected true or false, got {_shown(value)}")
        return value
    items = value if many and isinstance(value, list) else [value]
    if many and not isinstance(value, list | str):
        raise click.UsageError(
            f"{where}: expected a list of strings, got {_shown(value)}{_as_text(value)}"
        )
    numeric = isinstance(param.type, click.types.FloatParamType | click.types.IntParamType)
    checked = []
    for item in items:
        if not isinstance(item, str | int | float) or isinstance(item, bool):
            what = "a number" if numeric else "a string"
            raise click.UsageError(f"{where}: expected {what}, got {_shown(item)}{_as_text(item)}")
        if param.name in PATH_KEYS and not isinstance(item, str):  # `paths = [1]`: no path
            raise click.UsageError(f'{where}: expected a path, as text ("{item}"), got {item}')
        text = str(item)
        if isinstance(param.type, click.Choice) and text not in param.type.choices:
            choices = ", ".join(f"'{c}'" for c in param.type.choices)
            raise click.UsageError(f"{where}: {quoted(text)} is not one of {choices}")
        if param.name in PATH_KEYS and text != "-":
            text = _relative(folder / text)
        checked.append(text)
    return checked if many else checked[0]


_KINDS = (
    (dt.datetime, "the date and time "),  # before date: a datetime is a date
    (dt.date, "the date "),
    (dt.time, "the time "),
    (dict, "the table "),
    (list, "the list "),
)
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _shown(value: object) -> str:
    """`value` as the settings file writes it, after a word for what it is where TOML
    reads it as no string or number: 'the date 2024-01-01', never Python's
    ``datetime.date(2024, 1, 1)``. Short and escaped (`excerpt`)."""
    kind = next((word for cls, word in _KINDS if isinstance(value, cls)), "")
    return kind + excerpt(_written(value))


def _as_text(value: object) -> str:
    """For a date or time where text was expected, how to write it as text."""
    if not isinstance(value, dt.date | dt.time):
        return ""
    return f' (for text, quote it: "{excerpt(_iso(value))}")'


def _iso(value: dt.date | dt.time) -> str:
    """A date or time as TOML writes it: 07:32:00.5 rather than Python's 07:32:00.500000."""
    text = value.isoformat()
    if getattr(value, "microsecond", 0):
        text = re.sub(r"(\.[0-9]*?)0+(?=$|[+-])", r"\1", text)
    return text


def _written(value: object, limit: int = EXCERPT) -> str:
    """`value` in TOML's own syntax, written only as far as an excerpt shows (a list of a
    million items, or nested hundreds deep, costs no more than a short one)."""
    parts: list[str] = []
    size = 0

    def put(text: str) -> None:
        nonlocal size
        parts.append(text)
        size += len(text)

    def walk(item: object) -> None:
        if size > limit:
            return
        if isinstance(item, bool):
            put("true" if item else "false")
        elif isinstance(item, str):
            put(json.dumps(item, ensure_ascii=False))
        elif isinstance(item, dt.date | dt.time):
            put(_iso(item))
        elif isinstance(item, list):
            put("[")
            for index, element in enumerate(item):
                if size > limit:
                    return
                put(", " if index else "")
                walk(element)
            put("]")
        elif isinstance(item, dict):
            put("{")
            for index, (key, element) in enumerate(item.items()):
                if size > limit:
                    return
                name = key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)
                put(f"{', ' if index else ''}{name} = ")
                walk(element)
            put("}")
        else:  # an int or a float: inf and nan are spelt as TOML spells them
            put(str(item))

    walk(value)
    return "".join(parts)


def _relative(path: Path) -> str:
    """`path` as the working directory reaches it (as the user would type it)."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return os.path.normpath(path)
