"""Reproducible output (issue 11, item 4): the same inputs give the same bytes in every report
format, whatever the hash seed, the order the files were written in, the locale, the time
zone or the current time. Each variant runs the installed command in its own process."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"
PACKAGE = Path(__file__).resolve().parents[1] / "targets"

_SHIFTED_CLOCK = """\
import datetime as _dt
import time as _time

_SHIFT = 3650 * 86400.0 + 12345.0  # ten years and a bit ahead
_real_time, _real_time_ns = _time.time, _time.time_ns
_time.time = lambda: _real_time() + _SHIFT
_time.time_ns = lambda: _real_time_ns() + int(_SHIFT * 1e9)


class _Date(_dt.date):
    __slots__ = ()  # the size C extensions expect of a date

    @classmethod
    def today(cls):
        return _dt.date.fromtimestamp(_time.time())


class _DateTime(_dt.datetime):
    __slots__ = ()

    @classmethod
    def now(cls, tz=None):
        return _dt.datetime.fromtimestamp(_time.time(), tz)

    @classmethod
    def today(cls):
        return cls.now()


_dt.date, _dt.datetime = _Date, _DateTime
"""
"""A sitecustomize that moves this process's clock ten years ahead."""


def _copy(folder: Path, *, reverse: bool) -> None:
    """The example, written file by file in name order or its reverse (the order a folder
    lists its entries in follows the order they were made on many file systems)."""
    files = sorted(p for p in EXAMPLE.rglob("*") if p.is_file() and p.suffix in {".yaml", ".csv"})
    for source in reversed(files) if reverse else files:
        target = folder / source.relative_to(EXAMPLE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


_RUN_TIMING = re.compile(rb'( time="[0-9.]+"| timestamp="[0-9T:-]+")')
"""The one exception, by design of the CI formats (issue 12, tests/test_ci_formats.py): the
JUnit report's suites carry the run's own duration and start, which the consumers of
junit-10.xsd read; they are set aside before comparing."""


def _reports(root: Path, env: dict[str, str], *, reverse: bool) -> dict[str, bytes]:
    """Every report of the example, as bytes, made in `root` (the paths printed are relative
    to it, so two roots print the same)."""
    _copy(root / "programme", reverse=reverse)
    out = root / "out"
    out.mkdir()
    run_env = {**os.environ, "NO_COLOR": "1", **env}
    for args in (
        [
            "check",
            "programme",
            "--json",
            "out/report.json",
            "--junit",
            "out/report.xml",
            "--markdown",
            "out/report.md",
            "--explain",
        ],
        ["check", "programme", "--format", "github"],
        ["report", "programme", "--html", "out/report.html"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "targets", *args],
            capture_output=True,
            cwd=root,
            env=run_env,
            timeout=120,
            check=False,
        )
        assert done.returncode in {0, 1}, done.stderr.decode()
        (out / f"{args[0]}-{len(args)}.stdout").write_bytes(done.stdout)
        (out / f"{args[0]}-{len(args)}.stderr").write_bytes(done.stderr)
    found = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    found["report.xml"] = _RUN_TIMING.sub(b"", found["report.xml"])
    return found


VARIANTS = {
    "hash seed, time zone, locale": {
        "PYTHONHASHSEED": "4242",
        "TZ": "Pacific/Kiritimati",
        "LANG": "de_DE.UTF-8",
        "LC_ALL": "de_DE.UTF-8",
    },
    "a random seed, another zone, the C locale": {
        "PYTHONHASHSEED": "random",
        "TZ": "America/Los_Angeles",
        "LANG": "C",
        "LC_ALL": "C",
    },
}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    env = {"PYTHONHASHSEED": "0", "TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    return _reports(tmp_path_factory.mktemp("reference"), env, reverse=False)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_report_is_the_same_bytes_whatever_the_environment_and_the_file_order(
    tmp_path: Path, reference: dict[str, bytes], variant: str
) -> None:
    found = _reports(tmp_path, VARIANTS[variant], reverse=True)
    assert sorted(found) == sorted(reference)
    assert len(reference["report.html"]) > 10_000  # a real report, not an empty file
    for name, data in reference.items():
        assert found[name] == data, f"{name} differs under {variant}"


def test_every_report_is_the_same_bytes_ten_years_later(
    tmp_path: Path, reference: dict[str, bytes]
) -> None:
    clock = tmp_path / "clock"
    clock.mkdir()
    (clock / "sitecustomize.py").write_text(_SHIFTED_CLOCK, encoding="utf-8")
    probe = subprocess.run(
        [sys.executable, "-c", "import datetime, time; print(datetime.date.today().year)"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(clock), os.environ.get("PYTHONPATH")])),
        },
        check=True,
    )
    assert int(probe.stdout) >= 2030  # the shifted clock is in force in the child
    env = {"PYTHONHASHSEED": "0", "TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    work = tmp_path / "work"
    work.mkdir()
    path = os.pathsep.join(filter(None, [str(clock), os.environ.get("PYTHONPATH")]))
    found = _reports(work, {**env, "PYTHONPATH": path}, reverse=False)
    for name, data in reference.items():
        assert found[name] == data, f"{name} differs ten years later"


_CLOCKS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "strftime"),
}


def test_the_package_reads_no_clock_and_no_locale() -> None:
    # Reports carry the as_of date, never the wall clock: no module reads the time of day
    # or the locale, so no output can depend on them.
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and (node.value.id, node.attr) in _CLOCKS
            ):
                found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if "locale" in names:
                    found.append(f"{path.name}:{node.lineno}: imports locale")
    assert found == []
