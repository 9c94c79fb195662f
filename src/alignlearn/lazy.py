"""Names of a package imported on first use (PEP 562), so a command pays only for what it uses."""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Callable


def lazy_names(package: str, where: dict[str, str]) -> Callable[[str], object]:
    """The package's ``__getattr__``: ``name`` from its submodule ``where[name]``, kept once found."""

    def __getattr__(name: str) -> object:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{where[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
