"""The terminal going away under the reader: a dropped SSH link, a closed window, ``kill``.

SIGHUP and SIGTERM end the reader as ``q`` does, so the place the learner reached in
the last second (saved a moment after each move) is written first; the default
action killed it unsaved. A terminal gone without a signal (its pseudo-terminal
closed under a reader that is not its session's leader) leaves Textual's input
thread reading end-of-file in a loop at full speed: a look each second for the
hang-up ends the reader then too.
"""

from __future__ import annotations

import asyncio
import select
import signal
import sys

LOOK_EVERY = 1.0  # seconds between looks for a terminal that hung up without a signal


def watch(app) -> None:
    """End ``app`` when its terminal goes; only for a real terminal, not a test's or a browser's."""
    if app.is_headless or app.is_web:
        return
    loop = asyncio.get_running_loop()
    for name in ("SIGHUP", "SIGTERM"):
        try:
            loop.add_signal_handler(getattr(signal, name), app.exit)
        except (AttributeError, NotImplementedError, RuntimeError, ValueError):  # Windows; not the main thread
            pass
    try:
        terminal = sys.__stdin__.fileno()
        look = select.poll()
    except (AttributeError, ValueError, OSError):  # no stdin; Windows has no poll
        return
    look.register(terminal, select.POLLHUP | select.POLLERR | select.POLLNVAL)
    app.set_interval(LOOK_EVERY, lambda: look.poll(0) and app.exit(), name="terminal hang-up")
