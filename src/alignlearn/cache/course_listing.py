"""The catalog cache: what a course's files said last time, so opening it reads only what changed.

A course of thousands of lessons cannot afford to parse every front matter (and a
long ``course.toml``) each time it opens. The catalog keeps, per lesson file name, the
file's stamp (size, mtime, ctime, inode), its front matter as plain data and the
problems reading it found; one look at the folder (``scan``) tells which files are
new, changed or gone, and only those are read again. The file itself is a cache file
(``disk.py``): anything in it that does not check out is ignored and rebuilt.
"""

from __future__ import annotations

import gc
import marshal
import operator
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from alignlearn.cache.disk import MANIFEST, RACY_NS, Stamp, cache_file, load, save
from alignlearn.course.lesson import LessonInfo
from alignlearn.course.problems import Problem

Progress = Callable[[int, int], None]


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
    kernel does not walk the folder's path again for each file (more so the deeper the
    folder); where that is not offered, ``os.scandir``.
    The collector is held off: the scan makes thousands of records and none is garbage.
    """
    with collector_held():
        if _BY_FOLDER:
            folder = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            try:
                return _scan(os.listdir(folder), lambda name: os.stat(name, dir_fd=folder))
            finally:
                os.close(folder)
        with os.scandir(root) as entries:
            stats = {entry.name: entry for entry in entries}
            return _scan(stats, lambda name: stats[name].stat())


@contextmanager
def collector_held() -> Iterator[None]:
    """The cyclic garbage collector off meanwhile (as it was after): for work that makes
    thousands of records of which none is garbage, which it would only walk again and again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
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

    Opening a large course from the cache was mostly making these strings and lists,
    before the reader shows one lesson. The payload's
    checksum was checked; should the packed fields still not be what they must, the
    lesson's front matter is read from its file instead. The file's Path is made when
    first asked for, too: making one per lesson was much of what was left.
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
                from alignlearn.course.lesson import read_lesson_info

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
