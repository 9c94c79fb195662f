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
REDRAW = 0.1  # seconds between redraws


def _nothing(number: int, total: int) -> None:
    pass


@contextmanager
def progress_bar(description: str, stream: TextIO | None = None, delay: float = 0.3,
                 ticking: bool = False) -> Iterator[Progress]:
    """Yield a ``progress(number, total)`` callback that draws a bar on ``stream`` (stderr) if it is a terminal.

    With ``ticking``, Rich's own thread redraws the bar (its clock moves) through steps
    that report nothing for a while; only for work that starts no processes.
    """
    stream = stream or sys.stderr
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive:
        yield _nothing
        return
    started = time.monotonic()
    shown: list = []  # [Progress, task id, when last drawn] once drawn

    def update(number: int, total: int) -> None:
        now = time.monotonic()
        if not shown:
            if number >= total or now - started < delay:
                return
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            # Drawn from here, not by Rich's refresh thread: work that forks processes
            # (check, indexing) must not fork while another thread runs.
            bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TimeElapsedColumn() if ticking else TimeRemainingColumn(),
                           console=Console(file=stream), transient=True, auto_refresh=ticking)
            bar.start()
            shown[:] = [bar, bar.add_task(description, total=total), 0.0]
        bar, task, drawn = shown
        bar.update(task, completed=number, total=total)
        if now - drawn >= REDRAW or number >= total:
            bar.refresh()
            shown[2] = now

    try:
        yield update
    finally:
        if shown:
            shown[0].stop()
