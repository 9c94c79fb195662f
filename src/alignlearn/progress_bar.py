"""A progress bar for long work on the command line: Rich on a terminal, nothing on a pipe.

Long work (reading a large course the first time, indexing it, checking it) reports
through a plain ``progress(number, total)`` callback, so the core never draws
anything itself. The bar appears only when the work has already taken a moment,
so quick runs print nothing extra, and it is drawn on standard error and cleared
when done, so standard output stays exactly what scripts read.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

Progress = Callable[[int, int], None]


def _nothing(number: int, total: int) -> None:
    pass


@contextmanager
def progress_bar(description: str, stream: TextIO | None = None, delay: float = 0.3) -> Iterator[Progress]:
    """Yield a ``progress(number, total)`` callback that draws a bar on ``stream`` (stderr) if it is a terminal."""
    stream = stream or sys.stderr
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive:
        yield _nothing
        return
    started = time.monotonic()
    shown: list = []  # [Progress, task id] once drawn

    def update(number: int, total: int) -> None:
        if not shown:
            if number >= total or time.monotonic() - started < delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TimeRemainingColumn(), console=Console(file=stream), transient=True)
            bar.start()
            shown[:] = [bar, bar.add_task(description, total=total)]
        shown[0].update(shown[1], completed=number, total=total)

    try:
        yield update
    finally:
        if shown:
            shown[0].stop()
