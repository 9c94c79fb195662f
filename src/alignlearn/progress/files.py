"""The file operations the progress store is built from, each safe on its own.

- :func:`atomic_write`: a crash or kill at any moment leaves the old file or the new
  one, never a torn one (temp file in the same folder, fsync, ``os.replace``, fsync
  the folder).
- :class:`FileLock`: ``fcntl.flock`` on a side file, so two alignlearn processes take
  turns at read-merge-write. The side file is never deleted: deleting a lock file
  while another process waits on it lets a third lock a different file.
- :func:`move_aside`: keep an unreadable file under a new name, never overwriting an
  earlier backup.

A path that is a symbolic link is followed, never replaced: writes, backups and temp
files go to the folder of the file it points to. A learner who links ``progress.toml``
into a synced folder keeps the link, and the file there keeps being updated.
"""

from __future__ import annotations

import errno
import fcntl
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..plain_file import NotAFileError, open_plain

__all__ = ["FileLock", "LockTimeout", "NotAFileError", "Stamp", "atomic_write", "move_aside", "open_file",
           "read_capped", "remove_stale_temp_files", "resolved", "TooLargeError"]

TEMP_SUFFIX = ".tmp"


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def resolved(path: Path) -> Path:
    """``path``, or the file it links to (maybe not there yet) if it is a symbolic link."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


class LockTimeout(OSError):
    pass


class FileLock:
    """An exclusive ``flock`` on ``path``, waited for at most ``timeout`` seconds.

    A timeout rather than waiting forever: a stopped (``ctrl+z``) alignlearn holding
    the lock must not freeze every other one.
    """

    def __init__(self, path: Path, timeout: float = 10.0) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def __enter__(self) -> FileLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        deadline = time.monotonic() + self.timeout
        delay = 0.001
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(
                            errno.ETIMEDOUT,
                            "another alignlearn is holding the progress lock",
                            str(self.path),
                        ) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.05)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(self, *exc_info: object) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the lock


@dataclass(frozen=True, slots=True)
class Stamp:
    """What identifies one version of a file without reading it all: the inode, size
    and modification time, and its first line (which carries a per-write token)."""

    inode: int
    size: int
    mtime_ns: int
    first_line: bytes

    @classmethod
    def of(cls, stat: os.stat_result, first_line: bytes) -> Stamp:
        return cls(stat.st_ino, stat.st_size, stat.st_mtime_ns, first_line)

    def still_matches(self, path: Path) -> bool:
        try:
            stat = os.stat(path)
            if (stat.st_ino, stat.st_size, stat.st_mtime_ns) != (
                self.inode, self.size, self.mtime_ns
            ):
                return False
            with open_file(path) as file:
                return file.read(len(self.first_line)) == self.first_line
        except OSError:
            return False


class TooLargeError(Exception):
    def __init__(self, size: int, cap: int) -> None:
        super().__init__(f"it is larger than {cap // (1024 * 1024)} MiB ({size} bytes)")


open_file = open_plain  # the name the store and the snapshot know it by


def read_capped(path: Path, cap: int) -> tuple[bytes, Stamp]:
    """The file's bytes and stamp; :class:`TooLargeError` past ``cap`` bytes.

    ``FileNotFoundError``, :class:`NotAFileError` and other ``OSError`` pass through
    for the caller to sort.
    """
    with open_file(path) as file:
        stat = os.fstat(file.fileno())
        if stat.st_size > cap:
            raise TooLargeError(stat.st_size, cap)
        data = file.read(cap + 1)
    if len(data) > cap:
        raise TooLargeError(len(data), cap)
    first_line = data.split(b"\n", 1)[0] + b"\n" if b"\n" in data else data
    return data, Stamp.of(stat, first_line)


def atomic_write(path: Path, data: bytes) -> Stamp:
    """Replace ``path`` (the file it links to, if a link) with ``data`` all at once,
    mode 0600, and return its stamp."""
    path = resolved(path)
    folder = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
    try:
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
            stat = os.fstat(fd)
        finally:
            os.close(fd)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    fsync_folder(folder)
    first_line = data.split(b"\n", 1)[0] + b"\n" if b"\n" in data else data
    return Stamp.of(stat, first_line)


def fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable. Some file systems refuse to fsync a folder;
    # the new file is in place either way, so that is not a failed save.
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temp_files(path: Path) -> None:
    """Delete temp files left by writers killed mid-write. Call it holding the lock:
    then no live writer has a temp file open."""
    path = resolved(path)
    prefix = _temp_prefix(path)
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename ``path`` to ``STEM.corrupt-YYYYmmddTHHMMSS[-N]SUFFIX`` beside it (UTC
    time) and return the new path. An existing backup is never replaced. A link stays
    in place: the file it points to is moved, beside itself."""
    path = resolved(path)
    moment = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%S")
    for attempt in range(1, 10_000):
        tail = "" if attempt == 1 else f"-{attempt}"
        backup = path.with_name(f"{path.stem}.corrupt-{moment}{tail}{path.suffix}")
        try:
            os.link(path, backup)  # fails if backup exists: no check-then-act race
        except FileExistsError:
            continue
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                                   errno.EMLINK):
                raise
            # No hard links here (some network and FUSE file systems): rename instead.
            if backup.exists():
                continue
            os.rename(path, backup)
            return backup
        os.unlink(path)
        return backup
    raise FileExistsError(errno.EEXIST, "too many backups", str(path))
