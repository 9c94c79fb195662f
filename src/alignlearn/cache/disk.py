"""Cache files: what was read or worked out last time, kept so it need not be again.

The catalog (``course_listing.py``), each lesson as parsed (``parsed_lessons.py``) and
the search index (``search/index_file.py``) are kept in cache files, and the folder kept
small (``sweep``).

Cache files live in ``paths.cache_dir()``, one per course (or lesson file) and kind,
named by a hash of its resolved path. A file is a header (magic, format version, kind,
length and CRC-32 of the payload) and a ``marshal`` payload of plain dicts, lists and
tuples (fast to load, and unlike pickle it cannot run code). Anything that does not
check out (truncated, garbage, another version, another folder) is ignored and the
cache rebuilt: a cache can only ever make opening faster, never change what it shows.
Entries whose file changed less than ``RACY_NS`` before the cache was written are
never trusted, since a second change in the same clock tick could keep the stamp.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import struct
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

FORMAT_VERSION = 4  # also bumped when what is cached would read differently now (2: issue 9's sanitising; 3: U+2028/2029; 4: the other default-ignorable characters, issue 15)
MAGIC = b"ALNCACHE"
HEADER = struct.Struct("<8sI8sQI")  # magic, version, kind, payload length, payload CRC-32
RACY_NS = 2_000_000_000  # coarser than any file system's timestamps (FAT: 2 s)
MANIFEST = "course.toml"
MAX_READ = 1 << 31
_seeking = threading.Lock()

Stamp = tuple  # (size, mtime_ns, ctime_ns, inode)


def is_lesson_name(name: str) -> bool:
    """A lesson file: ``*.md``, not hidden, not a README."""
    return name.endswith(".md") and not name.startswith(".") and name.lower() != "readme.md"


def cache_file(root: Path, kind: str) -> Path:
    from alignlearn import paths

    key = hashlib.sha256(os.fsencode(str(root.resolve()))).hexdigest()[:32]
    return paths.cache_dir() / f"{kind}-{key}.cache"


# --- the file format ----------------------------------------------------------


@dataclass
class Loaded:
    payload: object
    tail_start: int  # where the bytes after the payload start in the file
    size: int  # the file's size
    fd: int | None = None  # the file, still open, when asked to keep it (the caller closes it)


def load(path: Path, kind: str, keep: bool = False) -> Loaded | None:
    """The payload, or None when the file is missing or does not check out.

    Only the header and the payload are read. With ``keep`` the file stays open, so
    what follows the payload is read later from the very file that checked out, even
    if the cache is replaced meanwhile.
    """
    try:
        # Non-blocking: opening a named pipe put in the cache folder must not hang the
        # reader or the preview; anything but a plain file is no cache.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a plain file")
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        header = read_exactly(fd, HEADER.size, 0)
        magic, version, stored_kind, length, crc = HEADER.unpack(header)
        if magic != MAGIC or version != FORMAT_VERSION or stored_kind != _kind(kind):
            raise ValueError("not this kind of cache")
        data = read_exactly(fd, length, HEADER.size)
        if zlib.crc32(data) != crc:
            raise ValueError("checksum")
        stat = os.fstat(fd)
        loaded = Loaded(marshal.loads(data), HEADER.size + length, stat.st_size, fd if keep else None)
    except (OSError, ValueError, EOFError, TypeError, OverflowError, MemoryError, struct.error):
        os.close(fd)
        return None
    if stat.st_mtime < time.time() - DAY:  # used: not one for sweep() to delete
        try:
            os.utime(fd if os.utime in os.supports_fd else path)
        except OSError:
            pass
    if not keep:
        os.close(fd)
    return loaded


def read_exactly(fd: int, length: int, offset: int) -> bytes:
    """``length`` bytes at ``offset`` (thread-safe where ``os.pread`` exists), or ValueError."""
    if length < 0 or length > MAX_READ:
        raise ValueError("length")
    if hasattr(os, "pread"):
        data = os.pread(fd, length, offset)
        while len(data) < length:
            more = os.pread(fd, length - len(data), offset + len(data))
            if not more:
                break
            data += more
    else:  # Windows
        with _seeking:
            os.lseek(fd, offset, os.SEEK_SET)
            data = b""
            while len(data) < length:
                more = os.read(fd, length - len(data))
                if not more:
                    break
                data += more
    if len(data) != length:
        raise ValueError("short read")
    return data


def save(path: Path, kind: str, payload: object, tail: list[bytes] | tuple = ()) -> bool:
    """Write atomically (temp file, then ``os.replace``); False when it cannot be written.

    No fsync: a cache torn by a crash fails its checksum and is rebuilt, which is
    cheaper than making every open wait for the disk.
    """
    data = marshal.dumps(payload)
    header = HEADER.pack(MAGIC, FORMAT_VERSION, _kind(kind), len(data), zlib.crc32(data))
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "wb") as handle:
            handle.write(header)
            handle.write(data)
            for chunk in tail:  # written piece by piece: no copy of a large index in memory
                handle.write(chunk)
        os.replace(temp, path)
        return True
    except OSError:
        try:
            temp.unlink()
        except OSError:
            pass
        return False


def _kind(kind: str) -> bytes:
    return kind.encode("ascii")[:8].ljust(8, b"\0")


# --- keeping the folder small -------------------------------------------------

DAY = 24 * 3600
KEEP_FOR = 60 * DAY  # a cache file unused for this long is deleted (and rebuilt if it is wanted again)
MAX_BYTES = 512 * 1024 * 1024  # past this, the least recently used go first
SWEPT = ".swept"  # its mtime: when the folder was last swept
_OURS = re.compile(r"(?:(?:catalog|search|lesson)-[0-9a-f]{32}\.cache|progress-[0-9a-f]+\.marshal)")
_TEMP = re.compile(r"\.(?:catalog|search|lesson|progress)-.+\.tmp")  # a temp file left by a writer killed mid-way


def sweep(now: float | None = None, keep_for: float = KEEP_FOR, max_bytes: int = MAX_BYTES,
          every: float = DAY) -> list[Path]:
    """Delete cache files not used for ``keep_for`` seconds, then the least recently used
    while the folder holds more than ``max_bytes``; returns what was deleted.

    Every course opened, every lesson read leaves a file here, and nothing else would
    ever remove them (a course deleted or renamed, a lesson gone). ``load`` touches a
    file it uses at most once a day, so a file's mtime says when it was last used, and
    deleting one costs no more than building it again. The folder is looked at once
    every ``every`` seconds (the mtime of ``.swept``); only files named as ours are
    deleted, and save()'s temp files once an hour old.
    """
    from alignlearn import paths

    now = time.time() if now is None else now
    folder = paths.cache_dir()
    marker = folder / SWEPT
    try:
        if now - os.stat(marker).st_mtime < every:
            return []
    except OSError:
        pass
    found: list[tuple[float, int, Path]] = []
    gone: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                temp = _TEMP.fullmatch(name) is not None
                if not (temp or _OURS.fullmatch(name)) or not entry.is_file(follow_symlinks=False):
                    continue
                stat = entry.stat(follow_symlinks=False)
                if now - stat.st_mtime > (3600 if temp else keep_for):
                    gone.append(Path(entry.path))
                else:
                    found.append((stat.st_mtime, stat.st_size, Path(entry.path)))
    except OSError:
        return []
    total = sum(size for _, size, _ in found)
    for _, size, path in sorted(found, key=lambda item: item[0]):
        if total <= max_bytes:
            break
        gone.append(path)
        total -= size
    deleted = []
    for path in gone:
        try:
            path.unlink()
            deleted.append(path)
        except OSError:
            pass
    try:
        with open(marker, "wb"):
            pass
        os.utime(marker, (now, now))
    except OSError:
        pass
    return deleted
