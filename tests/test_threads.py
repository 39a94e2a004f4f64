"""The switch interval is lowered while a reading thread works, and given back after."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from targets._threads import HANDOVER, handing_over, worker_pool


@pytest.fixture
def interval() -> Iterator[float]:
    """The process's switch interval, set to Python's default for the test, then put back."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    yield 0.005
    sys.setswitchinterval(before)


def test_the_interval_is_the_handover_inside_and_the_processs_own_after(interval: float) -> None:
    with handing_over():
        assert sys.getswitchinterval() == pytest.approx(HANDOVER)
    assert sys.getswitchinterval() == pytest.approx(interval)


def test_an_interval_already_shorter_is_kept(interval: float) -> None:
    sys.setswitchinterval(HANDOVER / 4)
    with handing_over():
        assert sys.getswitchinterval() == pytest.approx(HANDOVER / 4)
    assert sys.getswitchinterval() == pytest.approx(HANDOVER / 4)


def test_the_interval_comes_back_when_the_last_block_ends_in_any_thread(interval: float) -> None:
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with handing_over():
            entered.set()
            leave.wait(10)

    worker = threading.Thread(target=other)
    with handing_over():
        worker.start()
        assert entered.wait(10)
    assert sys.getswitchinterval() == pytest.approx(HANDOVER)  # the other block is open
    leave.set()
    worker.join(10)
    assert sys.getswitchinterval() == pytest.approx(interval)


def test_an_error_in_the_block_gives_the_interval_back(interval: float) -> None:
    with pytest.raises(KeyError), handing_over():
        raise KeyError("inside")
    assert sys.getswitchinterval() == pytest.approx(interval)


def test_a_worker_pool_runs_with_the_lock_handed_over_and_gives_the_interval_back(
    interval: float,
) -> None:
    with worker_pool(2, "targets-test") as pool:
        seen = list(pool.map(lambda _: sys.getswitchinterval(), range(4)))
        names = set(pool.map(lambda _: threading.current_thread().name, range(4)))
    assert seen == pytest.approx([HANDOVER] * 4)
    assert all(name.startswith("targets-test") for name in names)
    assert sys.getswitchinterval() == pytest.approx(interval)
