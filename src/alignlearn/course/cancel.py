"""Stopping a long parse from the thread that waits for it no more.

The reader parses a lesson in a thread; one at the size caps takes about half a second
(more on a busy machine), and quitting, or opening another lesson, waited for it to end
(issue 15). A thread that may be stopped runs its work ``under(check)``; the parser calls
``checkpoint()`` every block, which raises ``Cancelled`` once ``check()`` is true.
Anywhere else ``checkpoint()`` does nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from alignlearn.per_thread import PerThread

_check: PerThread[Callable[[], bool] | None] = PerThread(None)


class Cancelled(Exception):
    """The work was stopped: whoever asked for it no longer wants it."""


def under(check: Callable[[], bool]):
    """Run the block so that ``checkpoint()`` in this thread raises ``Cancelled`` once ``check()``."""
    return _check.set_to(check)


def checkpoint() -> None:
    check = _check.get()
    if check is not None and check():
        raise Cancelled


def wait(event: threading.Event, timeout: float, check: Callable[[], bool]) -> bool:
    """``event.wait(timeout)``, given up as soon as ``check()``; whether the event was set."""
    for _ in range(max(1, round(timeout / 0.05))):
        if event.wait(0.05) or check():
            break
    return event.is_set()
