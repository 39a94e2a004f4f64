"""No code from input and no network (issue 11, item 5).

``check`` and ``report`` run in a child process whose audit hook refuses every socket, every
new process and every unpickling, and records what is compiled or executed: they must
succeed, give the same reports as without the hook, and never compile a string from the
input, however the input is written to tempt an ``eval``. A static check keeps such calls out
of the package.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"
PACKAGE = Path(__file__).resolve().parents[1] / "targets"

CANARY = "canary_4711_pwned"
PAYLOAD = f"__import__('os').system('touch {CANARY}')"

_HOOK = f"""\
import sys

CANARY = {CANARY!r}
REFUSED = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
           "os.fork", "pickle.", "shutil.rmtree", "webbrowser.", "urllib.", "http.")
seen = []


def hook(event, args):
    if event.startswith(REFUSED):
        seen.append(event)
        raise RuntimeError(f"refused by the test: {{event}}")
    if event == "compile" and CANARY in str(args[0] or ""):
        seen.append("compiled input")
        raise RuntimeError("refused by the test: compiling the input")
    if event == "exec" and CANARY in repr(getattr(args[0], "co_consts", ())):
        seen.append("executed input")
        raise RuntimeError("refused by the test: executing the input")


sys.addaudithook(hook)


def report():
    if seen:
        sys.stderr.write("AUDIT: " + ", ".join(sorted(set(seen))) + "\\n")


import atexit

atexit.register(report)
"""
"""An audit hook that refuses sockets, processes and unpickling, and any compiling or
executing of text holding the canary."""

_GUARDED = _HOOK + "from targets.cli import main\n\nsys.argv = ['targets', *sys.argv[1:]]\nmain()\n"


def _tempting(folder: Path) -> None:
    """The example, with code where text goes and a tag that would run it in PyYAML's
    unsafe loaders, in a file of its own (which is then refused)."""
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("*.ipynb", "*.md"))
    programme = folder / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    text = text.replace("  name: National", f"  name: {PAYLOAD} National", 1)
    programme.write_text(text, encoding="utf-8")
    figures = folder / "figures" / "firms.yaml"
    text = figures.read_text(encoding="utf-8").replace("note: SGGP", f"note: {PAYLOAD} SGGP")
    figures.write_text(text, encoding="utf-8")


def _run(cwd: Path, *args: str, guarded: bool) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", _GUARDED] if guarded else [sys.executable, "-m", "targets"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
        check=False,
    )


def test_check_and_report_need_no_network_and_run_nothing_from_the_input(tmp_path: Path) -> None:
    _tempting(tmp_path / "in")
    for guarded in (False, True):
        out = tmp_path / ("guarded" if guarded else "free")
        out.mkdir()
        checked = _run(
            tmp_path, "check", "in", "--json", f"{out.name}/r.json", "--explain", guarded=guarded
        )
        assert checked.returncode == 1, checked.stderr  # the example trips the gate
        (out / "stdout").write_text(checked.stdout, encoding="utf-8")
        reported = _run(tmp_path, "report", "in", "--html", f"{out.name}/r.html", guarded=guarded)
        assert reported.returncode == 0, reported.stderr
        for done in (checked, reported):
            assert "AUDIT" not in done.stderr, done.stderr
            assert "Traceback" not in done.stderr, done.stderr
    for name in ("r.json", "r.html", "stdout"):
        assert (tmp_path / "guarded" / name).read_bytes() == (tmp_path / "free" / name).read_bytes()
    assert PAYLOAD in (tmp_path / "guarded" / "stdout").read_text(encoding="utf-8")  # as text
    assert not list(tmp_path.rglob(f"*{CANARY}*"))


def test_the_guard_refuses_a_socket_a_process_and_compiling_the_canary() -> None:
    probes = {
        "import socket; socket.socket()": "socket.__new__",
        "import subprocess; subprocess.run(['true'])": "subprocess.Popen",
        "import os; os.system('true')": "os.system",
        f"eval('{CANARY}')": "compiled input",
    }
    for code, event in probes.items():
        done = subprocess.run(
            [sys.executable, "-c", _HOOK + code], capture_output=True, text=True, check=False
        )
        assert f"AUDIT: {event}" in done.stderr, (code, done.stderr)


def test_a_tag_that_would_run_code_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    _tempting(tmp_path / "in")
    (tmp_path / "in" / "figures" / "evil.yaml").write_text(
        f"figures: !!python/object/apply:os.system ['touch {CANARY}']\n", encoding="utf-8"
    )
    done = _run(tmp_path, "validate", "in", guarded=True)
    assert done.returncode == 2, done.stderr
    assert "in/figures/evil.yaml:1:10: tags are not allowed (tag:yaml.org,2002:python/" in (
        done.stderr
    )
    assert "AUDIT" not in done.stderr, done.stderr
    assert not list(tmp_path.rglob(f"*{CANARY}*"))


_FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint", "input"}
_FORBIDDEN_MODULES = (
    "pickle",
    "marshal",
    "shelve",
    "dill",
    "subprocess",
    "socket",
    "ssl",
    "ftplib",
    "smtplib",
    "xmlrpc",
    "urllib.request",
    "http.client",
    "http.server",
    "requests",
    "httpx",
    "ctypes",
)
"""Modules that unpickle, start processes or reach the network (``urllib.parse``, which
only splits addresses, is fine)."""


def _forbidden(module: str) -> bool:
    return any(module == m or module.startswith(f"{m}.") for m in _FORBIDDEN_MODULES)


_UNSAFE_YAML = {"load", "load_all", "unsafe_load", "full_load", "full_load_all", "unsafe_load_all"}


def test_the_package_calls_no_eval_and_imports_no_unpickler_process_or_network_module() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}"
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in _FORBIDDEN_CALLS
            ):
                found.append(f"{where}: {node.func.id}()")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "yaml"
                and node.func.attr in _UNSAFE_YAML
            ):
                found.append(f"{where}: yaml.{node.func.attr}()")
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                modules = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            found += [f"{where}: imports {m}" for m in modules if _forbidden(m)]
    assert found == []
