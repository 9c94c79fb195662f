"""A value that one thread sets for the length of a ``with`` block; other threads see
their own (the reader parses and renders in worker threads while the app renders too)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")


class PerThread(Generic[T]):
    def __init__(self, default: T) -> None:
        self._default = default
        self._local = threading.local()

    def get(self) -> T:
        return getattr(self._local, "value", self._default)

    @contextmanager
    def set_to(self, value: T) -> Iterator[None]:
        before = self.get()
        self._local.value = value
        try:
            yield
        finally:
            self._local.value = before
