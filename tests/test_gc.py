"""Loading and checking hold the cyclic collector off, and give it back as they found it."""

from __future__ import annotations

import gc
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

import targets
from targets._gc import collector_held

EXAMPLE = Path(__file__).parent.parent / "examples" / "vietnam-digital"
LAYERS = [str(Path(targets.__file__).parent / layer) for layer in ("rules", "judge")]


def _layer(filename: str) -> bool:
    return any(filename.startswith(layer) for layer in LAYERS)


@pytest.fixture
def collector_state() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector_state")
@pytest.mark.parametrize("enabled", [True, False])
def test_load_and_check_leave_the_collector_as_they_found_it(enabled: bool) -> None:
    targets.check(targets.load(EXAMPLE))  # the modules imported first, outside the probe
    inside: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        frames = traceback.extract_stack()
        if phase == "start" and any(_layer(f.filename) for f in frames):
            inside.append(frames[-2].filename)

    gc.callbacks.append(note)
    try:
        if enabled:
            gc.enable()
        else:
            gc.disable()
        report = targets.check(targets.load(EXAMPLE))
        assert report.results
        assert gc.isenabled() is enabled
        assert inside == []  # none ran inside load or check (one may run as they return)
    finally:
        gc.callbacks.pop()


@pytest.mark.usefixtures("collector_state")
def test_the_collector_resumes_after_an_error() -> None:
    gc.enable()
    with pytest.raises(targets.LoadError):
        targets.load(EXAMPLE / "no-such-file.yaml")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_a_nested_hold_leaves_resuming_to_the_outermost() -> None:
    gc.enable()
    with collector_held():
        with collector_held():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
