"""The example notebook runs from top to bottom in a real Jupyter kernel.

The kernel is this interpreter, whatever kernels the machine has: the test writes a
``python3`` kernel spec for ``sys.executable`` into a temporary directory and puts it first
on ``JUPYTER_PATH``. A clean clone after ``pip install -e '.[test]'`` needs nothing more, and
nothing is written to the home directory (runtime files and the IPython profile go to the
temporary directory too).
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "vietnam-digital" / "planning.ipynb"


def read() -> Any:
    return nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The notebook after running every cell, with the notebook's folder as working dir."""
    home = tmp_path_factory.mktemp("jupyter")
    write_kernel_spec(home / "kernels" / "python3")  # argv: sys.executable -m ipykernel_launcher
    with pytest.MonkeyPatch.context() as env:
        env.setenv("JUPYTER_PATH", str(home))
        env.setenv("JUPYTER_RUNTIME_DIR", str(home / "runtime"))
        env.setenv("IPYTHONDIR", str(home / "ipython"))
        # The kernel imports this checkout's `targets`, and draws inline whatever backend
        # the test session chose (ipykernel keeps an MPLBACKEND it inherits).
        paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        env.setenv("PYTHONPATH", os.pathsep.join(paths))
        env.delenv("MPLBACKEND", raising=False)
        notebook = read()
        client = NotebookClient(
            notebook,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        )
        client.execute()  # raises CellExecutionError, with the cell and traceback, on error
    return notebook


def outputs(notebook: Any) -> list[Any]:
    return [output for cell in notebook.cells for output in cell.get("outputs", [])]


def test_the_kernel_is_this_interpreter(tmp_path: Path) -> None:
    write_kernel_spec(tmp_path / "python3")
    spec = (tmp_path / "python3" / "kernel.json").read_text(encoding="utf-8")
    assert sys.executable.replace("\\", "\\\\") in spec


def test_notebook_runs_without_errors_or_warnings(executed: Any) -> None:
    found = outputs(executed)
    assert not [o for o in found if o.output_type == "error"]
    stderr = [o.text for o in found if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, stderr


def test_notebook_shows_the_dataframe_and_charts(executed: Any) -> None:
    data = [o.get("data", {}) for o in outputs(executed)]
    html = [d["text/html"] for d in data if "text/html" in d]
    assert any('class="dataframe"' in h and "<table" in h for h in html)
    assert sum("image/png" in d for d in data) >= 4  # small multiple, firms, what-if, MIC/GSO
    text = "".join(o.get("text", "") for o in outputs(executed))
    assert "at 12.0 % a year: 82,600 by 2025; meets 100,000 in 2027; missed" in text
    assert "g_now = (100000 / 73788) ** (1 / (2025 - 2024)) - 1 = 0.355234" in text


def _text_outputs(cell: Any) -> list[str]:
    """What a cell printed or showed as text (images and HTML aside), with object addresses
    (which change every run) masked."""
    out = []
    for output in cell.get("outputs", []):
        text = output.get("text") or output.get("data", {}).get("text/plain", "")
        out.append(re.sub(r" at 0x[0-9a-f]+", " at 0x…", "".join(text)))
    return out


def test_notebook_is_stored_with_the_outputs_a_fresh_run_gives(executed: Any) -> None:
    """Stored with its outputs, so it renders on GitHub; and they are current: every code
    cell's stored text output is what running it now prints."""
    stored = read()
    nbformat.validate(stored)
    code = [c for c in stored.cells if c.cell_type == "code"]
    fresh = [c for c in executed.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code)
    assert all(c.outputs for c in code if not c.source.startswith("import"))
    assert sum("image/png" in o.get("data", {}) for c in code for o in c.outputs) >= 4
    for mine, now in zip(code, fresh, strict=True):
        assert _text_outputs(mine) == _text_outputs(now), mine.source


def test_the_notebook_extra_installs_what_the_notebook_needs() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = project["project"]["optional-dependencies"]["notebook"]
    names = {re.split(r"[<>=\[ ]", requirement)[0] for requirement in extra}
    assert {"pandas", "matplotlib", "jupyter"} <= names
