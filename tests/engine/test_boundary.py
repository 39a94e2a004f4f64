"""The engine stands alone: no imports from the rest of targets, no heavy dependencies."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import targets.engine

ENGINE = Path(targets.engine.__file__).parent
FORBIDDEN = {"yaml", "pydantic", "click", "pint"}


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: relative import"
            names.append(node.module or "")
    return names


def test_engine_modules_import_nothing_from_targets_outside_the_engine() -> None:
    modules = sorted(ENGINE.glob("*.py"))
    assert len(modules) > 10
    for path in modules:
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "targets":
                assert name.startswith("targets.engine"), f"{path.name} imports {name}"
            assert top not in FORBIDDEN, f"{path.name} imports {name}"


def test_thresholds_module_does_not_import_numpy() -> None:
    for name in _imports(ENGINE / "_thresholds.py"):
        assert name.split(".")[0] in {"__future__", "difflib", "math", "collections", "types"}


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {name.split(".")[0] for name in out.stdout.split()}


def test_importing_the_engine_loads_no_yaml_pydantic_click_or_pint() -> None:
    loaded = _loaded_after("import targets.engine\nfrom targets.engine import assess, assess_batch")
    assert "numpy" in loaded  # the import really ran
    assert not loaded & FORBIDDEN


def test_thresholds_and_statuses_load_without_numpy() -> None:
    loaded = _loaded_after("from targets.engine import DEFAULT_THRESHOLDS, METHODS, Status")
    assert "numpy" not in loaded
