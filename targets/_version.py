"""The installed version of targets, as reports name it."""

from __future__ import annotations

import functools

__all__ = ["version"]


@functools.cache
def version() -> str:
    """The installed package's version; "unknown" when run from a bare source tree.
    importlib.metadata is imported on the first call: it costs a run that writes no
    report naming the version 7 ms of start-up (with the email package it loads)."""
    from importlib.metadata import PackageNotFoundError  # noqa: PLC0415 - start-up time
    from importlib.metadata import version as _metadata_version  # noqa: PLC0415

    try:
        return _metadata_version("targets")
    except PackageNotFoundError:
        return "unknown"
