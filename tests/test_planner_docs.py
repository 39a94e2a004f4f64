"""The library's documentation is true: its examples run and print what they show, and it
names every public object."""

from __future__ import annotations

import doctest
import re
import typing
from pathlib import Path

import matplotlib
import pytest

import targets

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "docs" / "library.md"


def test_every_example_of_the_library_page_prints_what_it_shows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)  # the examples name paths from the repository's root
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testfile(str(LIBRARY), module_relative=False, optionflags=flags)
    assert result.attempted > 30
    assert result.failed == 0


def test_the_library_page_names_every_public_object() -> None:
    text = LIBRARY.read_text(encoding="utf-8")
    named = set(re.findall(r"targets\.(\w+)", text))
    assert sorted(set(targets.__all__) - named) == []


def test_every_public_class_and_function_says_what_it_is() -> None:
    """Each says so in its own docstring (a type alias such as `targets.Target` has none of
    its own in Python: the page says what it is)."""
    objects = {name: getattr(targets, name) for name in targets.__all__}
    undocumented = [
        name
        for name, value in objects.items()
        if typing.get_origin(value) is None and not (value.__doc__ or "").strip()
    ]
    assert undocumented == []


def _blocks() -> list[tuple[str, str]]:
    """Every ```python block of docs/ but the library page's (run above) and sketches, whose
    arguments are ``...``."""
    found = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for block in re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            if ">>>" not in block and not re.search(r"=\.\.\.[,)]", block):
                found.append((page.name, block))
    return found


@pytest.mark.parametrize(("page", "block"), _blocks(), ids=lambda v: str(v)[:20])
def test_every_complete_python_example_of_the_docs_runs(
    page: str, block: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(block, page, "exec"), {})  # the docs' own examples
