"""The catalog cache: what a course's files said last time, so opening it reads only what changed.

A course of thousands of lessons cannot afford to parse every front matter (and a
long ``course.toml``) each time it opens. The cache keeps, per lesson file name, the
file's stamp (size, mtime, ctime, inode), its front matter as plain data and the
problems reading it found; one ``os.scandir`` tells which files are new, changed or
gone, and only those are read again.

Cache files live in ``paths.cache_dir()``, one per course and kind, named by a hash of
the course's resolved folder. A file is a header (magic, format version, kind,
length and CRC-32 of the payload) and a ``marshal`` payload of plain dicts, lists and
tuples (fast to load, and unlike pickle it cannot run code). Anything that does not
check out (truncated, garbage, another version, another folder) is ignored and the
cache rebuilt: a cache can only ever make opening faster, never change what it shows.
Entries whose file changed less than ``RACY_NS`` before the cache was written are
never trusted, since a second change in the same clock tick could keep the stamp.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import operator
import os
import re
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from alignlearn.course.lesson import LessonInfo
from alignlearn.course.problems import Problem

FORMAT_VERSION = 3  # also bumped when what is cached would read differently now (2: issue 9's sanitising; 3: U+2028/2029)
MAGIC = b"ALNCACHE"
HEADER = struct.Struct("<8sI8sQI")  # magic, version, kind, payload length, payload CRC-32
RACY_NS = 2_000_000_000  # coarser than any file system's timestamps (FAT: 2 s)
MANIFEST = "course.toml"
MAX_READ = 1 << 31
_seeking = threading.Lock()

Stamp = tuple  # (size, mtime_ns, ctime_ns, inode)
Progress = Callable[[int, int], None]


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
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
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


# --- the catalog --------------------------------------------------------------


@dataclass
class Listing:
    """A course folder as the catalog sees it: the manifest and every lesson file, by name."""

    manifest: tuple | None  # read_manifest's result, or None to read it now
    manifest_problems: list[Problem]
    lessons: list[tuple[str, LessonInfo | None, list[Problem]]]  # (file name, info, problems), by name
    stamps: dict[str, Stamp] = field(default_factory=dict)  # file name -> stamp, for the search index
    racy: set[str] = field(default_factory=set)  # names too recently changed to trust a stamp
    read: list[str] = field(default_factory=list)  # names read from disk this time
    dropped: list[str] = field(default_factory=list)  # names the cache had that are gone


ReadManifest = Callable[[Path, list], tuple]
ReadLesson = Callable[[Path], tuple[LessonInfo | None, list[Problem]]]


_STAMP = operator.attrgetter("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino")


def scan(root: Path) -> tuple[dict[str, Stamp | None], Stamp | None]:
    """Each lesson file's stamp (None when it cannot be stat'ed), and the manifest's.

    This runs on every open, for every lesson, so it is kept to the bare system calls:
    the folder is opened once and each file stat'ed by name relative to it, so the
    kernel does not walk the folder's path again for each of 2,116 files (8% of the
    scan at /tmp depth, more deeper down); where that is not offered, ``os.scandir``.
    The collector is held off: the scan makes thousands of records and none is garbage.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        if _BY_FOLDER:
            folder = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            try:
                return _scan(os.listdir(folder), lambda name: os.stat(name, dir_fd=folder))
            finally:
                os.close(folder)
        with os.scandir(root) as entries:
            stats = {entry.name: entry for entry in entries}
            return _scan(stats, lambda name: stats[name].stat())
    finally:
        if collecting:
            gc.enable()


_BY_FOLDER = os.stat in os.supports_dir_fd and os.listdir in os.supports_fd


def _scan(names, stat: Callable[[str], os.stat_result]) -> tuple[dict[str, Stamp | None], Stamp | None]:
    lessons: dict[str, Stamp | None] = {}
    manifest = None
    for name in names:
        if name.endswith(".md"):
            if name[0] == "." or name.lower() == "readme.md":  # is_lesson_name, inlined
                continue
            try:
                lessons[name] = _STAMP(stat(name))
            except OSError:
                lessons[name] = None
        elif name == MANIFEST:
            try:
                manifest = _STAMP(stat(name))
            except OSError:
                pass
    return lessons, manifest


def list_course(root: Path, read_manifest: ReadManifest, read_lesson: ReadLesson, *,
                use_cache: bool = True, progress: Progress | None = None) -> Listing:
    """Every lesson's front matter and problems, from the cache where the file has not changed."""
    started = time.time_ns()
    try:
        found, manifest_stamp = scan(root)
    except OSError:
        found, manifest_stamp = {}, None
    names = sorted(found)
    old: dict = {}
    trusted_before = 0
    cached = load(cache_file(root, "catalog"), "catalog") if use_cache else None
    if cached is not None:
        payload = cached.payload
        if _is_catalog(payload, root):
            old = payload["lessons"]
            trusted_before = payload["written"] - RACY_NS

    def trusted(entry_stamp, entry) -> bool:
        return (entry is not None and entry_stamp is not None and entry[0] == entry_stamp
                and entry_stamp[1] < trusted_before)

    listing = Listing(None, [], [], racy=set())
    manifest_path = root / MANIFEST
    entry = old.get(MANIFEST) if old else None
    if trusted(manifest_stamp, entry):
        try:
            listing.manifest = _manifest_from(entry[1])
            listing.manifest_problems = [_problem(manifest_path, p) for p in entry[2]]
        except (TypeError, ValueError, IndexError):
            listing.manifest = None
    fresh_manifest = None
    if listing.manifest is None:
        listing.manifest = read_manifest(root, listing.manifest_problems)
        if manifest_stamp is not None:
            fresh_manifest = (manifest_stamp, _manifest_data(listing.manifest),
                              [_problem_data(p) for p in listing.manifest_problems])

    entries: dict[str, tuple] = {}
    to_read: list[str] = []
    lessons = listing.lessons
    get = old.get
    # This loop runs for every lesson on every open: no Path is made for a lesson the
    # cache answers for (a _CachedInfo makes its own when asked), and trusted() is inlined.
    for name in names:
        entry = get(name)
        stamp = found[name]
        if entry is not None and stamp is not None and entry[0] == stamp and stamp[1] < trusted_before:
            try:
                info = None if entry[1] is None else _info_from(entry[1], root, name)
                lessons.append((name, info, [_problem(root / name, p) for p in entry[2]] if entry[2] else []))
                entries[name] = entry
                continue
            except (TypeError, ValueError, IndexError):
                pass
        lessons.append((name, None, []))
        to_read.append(name)
    positions = {name: number for number, name in enumerate(names)}
    for count, name in enumerate(to_read, 1):
        info, problems = read_lesson(root / name)
        lessons[positions[name]] = (name, info, problems)
        if found[name] is not None:
            entries[name] = (found[name], None if info is None else _info_data(info),
                             tuple(_problem_data(p) for p in problems))
        if progress is not None:
            progress(count, len(to_read))

    listing.read = to_read
    listing.dropped = sorted(set(old) - set(found) - {MANIFEST})
    listing.stamps = {name: value for name, value in found.items() if value is not None}
    listing.racy = {name for name, value in found.items() if value is None or value[1] >= started - RACY_NS}
    changed = bool(to_read or listing.dropped or fresh_manifest or cached is None)
    if use_cache and changed:
        if fresh_manifest is not None:
            entries[MANIFEST] = fresh_manifest
        elif MANIFEST in old and manifest_stamp is not None and trusted(manifest_stamp, old[MANIFEST]):
            entries[MANIFEST] = old[MANIFEST]
        save(cache_file(root, "catalog"), "catalog",
             {"root": str(root.resolve()), "written": started, "lessons": entries})
    return listing


def _is_catalog(payload, root: Path) -> bool:
    return (isinstance(payload, dict) and payload.get("root") == str(root.resolve())
            and isinstance(payload.get("written"), int) and isinstance(payload.get("lessons"), dict))


# Plain data <-> objects. A malformed entry raises TypeError/ValueError/IndexError and is read again.


def _info_data(info: LessonInfo) -> tuple:
    """(id, title, minutes, the other fields marshalled): unpacked only when one is read."""
    return (info.id, info.title, info.minutes, marshal.dumps(
        (info.subtitle, info.audience, info.path, info.concepts, info.related, info.big_idea, info.terms)))


def _info_from(data: tuple, root: Path, name: str) -> LessonInfo:
    lesson_id, title, minutes, packed = data
    if not (isinstance(lesson_id, str) and isinstance(title, str) and isinstance(packed, bytes)
            and (minutes is None or isinstance(minutes, int))):
        raise TypeError("not a lesson entry")
    return _CachedInfo.stored(lesson_id, title, root, name, minutes, packed)


_PACKED = ("subtitle", "audience", "path", "concepts", "related", "big_idea", "terms")


class _CachedInfo(LessonInfo):
    """A lesson's front matter from the catalog cache, the fields beyond id, title and
    minutes unpacked when one is first read.

    Opening a course of 2,116 lessons from the cache was mostly making their 40,000
    strings and lists (20 ms of 50), before the reader shows one lesson. The payload's
    checksum was checked; should the packed fields still not be what they must, the
    lesson's front matter is read from its file instead. The file's Path is made when
    first asked for, too: making 2,116 of them was a third of what was left.
    """

    @classmethod
    def stored(cls, lesson_id: str, title: str, root: Path, name: str, minutes: int | None,
               packed: bytes) -> "_CachedInfo":
        info = cls.__new__(cls)  # __init__ stays LessonInfo's, for dataclasses.replace
        info.__dict__.update(id=lesson_id, title=title, minutes=minutes, _root=root, _name=name, _packed=packed)
        return info

    @property
    def file(self) -> Path:
        state = self.__dict__
        file = state.get("_file")
        if file is None:
            file = state["_file"] = state["_root"] / state["_name"]
        return file

    @file.setter
    def file(self, value: Path) -> None:
        self.__dict__["_file"] = value

    def __repr__(self) -> str:
        return repr(LessonInfo(**{name: getattr(self, name) for name in LessonInfo.__dataclass_fields__}))

    def _unpacked(self) -> dict:
        fields = self.__dict__.get("_fields")
        if fields is None and "_packed" not in self.__dict__:  # made by LessonInfo.__init__, which sets them all
            fields = self.__dict__["_fields"] = {}
        if fields is None:
            try:
                values = marshal.loads(self.__dict__["_packed"])
                subtitle, audience, path, concepts, related, big_idea, terms = values
                if not (all(isinstance(v, str) for v in (subtitle, audience, big_idea))
                        and all(isinstance(v, list) and all(isinstance(x, str) for x in v)
                                for v in (path, concepts, related))
                        and isinstance(terms, dict)):
                    raise TypeError("not a lesson entry")
            except (EOFError, ValueError, TypeError):
                from alignlearn.course.catalog import read_lesson_info

                read = read_lesson_info(self.file)[0] or LessonInfo(self.id, self.title, self.file)
                values = [getattr(read, name) for name in _PACKED]
            fields = self.__dict__["_fields"] = dict(zip(_PACKED, values))
        return fields


def _packed_field(name: str) -> property:
    def get(self: _CachedInfo):
        return self._unpacked()[name]

    def put(self: _CachedInfo, value) -> None:
        self._unpacked()[name] = value

    return property(get, put)


for _name in _PACKED:
    setattr(_CachedInfo, _name, _packed_field(_name))


def _manifest_data(manifest: tuple) -> tuple:
    return tuple(manifest)


def _manifest_from(data: tuple) -> tuple:
    course_id, title, description, order, order_line = data
    if not (isinstance(course_id, str) and isinstance(order, list) and isinstance(order_line, int)):
        raise TypeError("not a manifest entry")
    return course_id, title, description, order, order_line


def _problem_data(problem: Problem) -> tuple:
    return (problem.line, problem.col, problem.severity, problem.message, problem.hint)


def _problem(file: Path, data: tuple) -> Problem:
    line, col, severity, message, hint = data
    return Problem(str(file), line, col, severity, message, hint)
