"""What a learner sees when the reader itself fails: a short message, not a traceback.

The traceback goes to a log file in the cache folder, whose path the message gives, so
the learner's terminal stays readable and the details are kept for a bug report.
"""

from __future__ import annotations

import os
import time
import traceback
from pathlib import Path

from alignlearn import paths

KEEP = 20  # crash logs kept; older ones go when a new one is written


def write_log(error: BaseException) -> Path | None:
    """Write ``error``'s traceback to ``crash-*.log`` in the cache folder; its path, or
    None when it cannot be written (the message then says so)."""
    folder = paths.cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = folder / f"crash-{stamp}-{os.getpid()}.log"
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        path.write_text(f"alignlearn crashed at {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n\n{text}",
                        encoding="utf-8", errors="replace")
        _keep_latest(folder)
        return path
    except OSError:
        return None


def _keep_latest(folder: Path) -> None:
    logs = sorted(folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in logs[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass


def message(log: Path | None, saved: bool) -> str:
    """The few lines printed in place of the traceback."""
    lines = ["alignlearn stopped: something went wrong inside the reader (a bug, not your doing)."]
    lines.append("Your progress was saved." if saved else "Your progress could not be saved at the end.")
    if log is not None:  # the path on a line of its own, to copy
        lines += ["The details are in this file; please attach it when you report the problem:", str(log)]
    else:
        lines.append("The details could not be written to the cache folder.")
    return "\n".join(lines)
