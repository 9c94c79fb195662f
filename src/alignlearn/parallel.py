"""Work over many lessons in several processes: ``check``, and indexing a course for search.

Loading a lesson is nearly all markdown-it and TOML, in Python, so threads would
take turns; processes run side by side, one a CPU core. They are forked, so they
start with everything imported and nothing to send them but the lessons' paths.
"""

from __future__ import annotations

import os
import threading
from typing import Callable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

PARALLEL_FROM = 64  # items; below this, starting processes costs more than it saves
CHUNK = 16  # items sent to a process at a time


def in_processes(function: Callable[[Item], Result], items: list[Item], workers: int | None = None,
                 initializer: Callable[..., object] | None = None, initargs: tuple = ()) -> Iterator[Result]:
    """``function(item)`` for each item, in order; in processes when there are many items.

    ``function`` must be a module-level function (it is sent to the processes by name);
    ``initializer(*initargs)`` runs once in each process, or here when the work stays
    here. It stays in this process when there are few items, one core, or other
    threads running: forking a process that runs other threads can leave a lock held
    for good in the child. The processes are forked at the first result asked for.
    """
    workers = min(workers or os.cpu_count() or 1, max(len(items) // CHUNK, 1))
    if workers < 2 or len(items) < PARALLEL_FROM or threading.active_count() > 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(function, items)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=initializer, initargs=initargs) as pool:
        yield from pool.map(function, items, chunksize=CHUNK)
