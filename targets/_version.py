"""The installed version of targets, as reports name it."""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _metadata_version

__all__ = ["version"]


@functools.cache
def version() -> str:
    """The installed package's version; "unknown" when run from a bare source tree."""
    try:
        return _metadata_version("targets")
    except PackageNotFoundError:
        return "unknown"
