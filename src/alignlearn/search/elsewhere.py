"""Index a course for search in a process of its own (``index_worker.py``), and wait for it.

The reader asks for this when a course has many lessons to index (the first search
of a large course, or after many edits). Inside the reader other threads run, so it
cannot fork, and its own thread would parse the lessons one at a time while sharing
the interpreter with the screen. Here they are parsed in one process per core
(``parallel.py``), the screen stays as quick as ever, and the index is written to the
cache, where the reader then finds it. Prints ``DONE TOTAL`` for each lesson parsed;
exits 0 once the index is written.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable

Progress = Callable[[int, int], None]


def index_elsewhere(root: Path, progress: Progress | None = None) -> bool:
    """Run this module on ``root`` and wait for it; whether it wrote the index.

    ``progress`` hears what it prints, and may raise to stop it (the process is then
    killed). Anything that goes wrong there (no Python to run, a crash) is False: the
    caller indexes the course itself.
    """
    here = str(Path(__file__).resolve().parents[2])  # the folder alignlearn is imported from
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")])))
    try:
        # In a session of its own, so that stopping it stops the processes it forked too.
        child = subprocess.Popen([sys.executable, "-m", "alignlearn.search.index_worker", str(root)],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 env=env, text=True, encoding="ascii", errors="replace",
                                 start_new_session=hasattr(os, "killpg"))
    except (OSError, ValueError):
        return False
    try:
        for line in child.stdout:  # type: ignore[union-attr]
            done, _, total = line.strip().partition(" ")
            if progress is not None and done.isdigit() and total.isdigit():
                progress(int(done), int(total))
        return child.wait() == 0
    finally:
        _stop(child)
        child.stdout.close()  # type: ignore[union-attr]


def _stop(child: subprocess.Popen) -> None:
    """Kill ``child`` and whatever it started, unless it has ended; then reap it."""
    if child.poll() is None:
        try:
            if hasattr(os, "killpg"):
                os.killpg(child.pid, signal.SIGKILL)  # its session: its group, workers included
            else:
                child.kill()
        except OSError:
            pass
    child.wait()
