"""Optional dependencies: imported only when a feature needs them, named when missing.

pandas and matplotlib come with the ``notebook`` extra; the core installs and runs without
them, and asking for a DataFrame or a chart without them says which extra to install.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["EXTRA_HINT", "require"]

EXTRA_HINT = "pip install 'targets[notebook]'"


def require(module: str) -> Any:
    """Import an optional dependency, or say which extra brings it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"this needs {module.split('.', maxsplit=1)[0]}: {EXTRA_HINT}") from None
