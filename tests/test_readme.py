"""The README shows real output and working code: its excerpts are checked against real runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _indented_block_after(marker: str) -> list[str]:
    """The 4-space-indented lines of the first block after the paragraph containing `marker`."""
    text = README[README.index(marker) :]
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("    "))
    block = []
    for line in lines[start:]:
        if line and not line.startswith("    "):
            break
        block.append(line[4:])
    return [line for line in block if line.strip() and line.strip() != "..."]


def _run(*args: str) -> str:
    """The command of this checkout, as `targets` runs it (not whichever is first on PATH)."""
    return subprocess.run(
        [sys.executable, "-m", "targets", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    ).stdout


def test_the_two_setup_commands_come_first() -> None:
    head = README.splitlines()[:20]
    first = "python -m pip install -e . && python -m compileall -q targets && targets check"
    assert f"    {first} examples/vietnam-digital" in head
    assert "    .ci/setup && python -m pytest" in head


def test_the_check_excerpt_is_real_output_from_its_first_line() -> None:
    output = _run("check", "examples/vietnam-digital").splitlines()
    excerpt = _indented_block_after("The first command prints")
    assert len(excerpt) >= 8
    assert excerpt[0] == output[0]
    assert excerpt[-1] == output[-1]
    for line in excerpt:
        assert line in output, line


def test_the_explain_excerpt_is_real_output() -> None:
    output = _run("explain", "dt-firms-100k-2025", "examples/vietnam-digital")
    excerpt = _indented_block_after("`targets explain TARGET` prints")
    flat = " ".join(output.split())
    for line in excerpt[1:]:
        assert " ".join(line.split()) in flat, line


def test_the_python_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    assert len(blocks) == 2
    for block in blocks:
        subprocess.run([sys.executable, "-c", block], check=True, cwd=ROOT, capture_output=True)


def test_the_ci_test_script_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".ci/setup && python -m pytest" in script
