"""A package's names imported on first use (PEP 562), from a table of where each lives.

`import targets` and ``targets --help`` stay cheap, and a run imports only the modules it
uses: the table says where each public name lives, and the first read of the name imports
that module and keeps the value in the package, so later reads are plain lookups.
(`targets.engine` keeps its own copy of this hook: the engine imports nothing of targets
outside it.)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["names_from"]


def names_from(package: dict[str, Any], homes: Mapping[str, str]) -> Callable[[str], Any]:
    """The module `__getattr__` of the package whose globals are `package`: each name of
    `homes` is read from the module `homes[name]` (or is that module, a submodule of the
    package of the same name)."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook PEP 562 names
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package['__name__']!r} has no attribute {name!r}")
        module = importlib.import_module(home)
        is_it = home == f"{package['__name__']}.{name}"  # a submodule, public by name
        value = module if is_it else getattr(module, name)
        package[name] = value
        return value

    return __getattr__
