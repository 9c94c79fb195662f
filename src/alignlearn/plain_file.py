"""Opening a file that must be a plain file, without ever waiting on something else.

A plain ``open()`` of a named pipe waits for a writer that may never come (the reader
would hang on start, the preview for good), and one of a device may never end. So the
file is opened non-blocking, checked with ``fstat`` (no race with a swap after a
``stat``), and only then read. Core code, no Textual: the progress store, the preview's
watch and the settings share it.
"""

from __future__ import annotations

import errno
import os
import stat as stat_module
from pathlib import Path

__all__ = ["NotAFileError", "open_plain"]


class NotAFileError(OSError):
    """Something other than a plain file (a named pipe, a socket, a device, a folder):
    an ``OSError``, so callers that handle an unreadable file handle this too."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.EINVAL, "not a plain file", str(path))


def open_plain(path: Path | str):
    """``path`` opened for reading as a binary file object, if it is a plain file.

    Raises :class:`NotAFileError` (an ``OSError``, as any other passes through).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat_module.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFileError(path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a plain file: reads as usual from here
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
