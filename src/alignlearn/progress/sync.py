"""Progress on every device through a folder that something else keeps in sync.

:func:`sync` reads every ``*.progress.toml`` in the folder, merges what they hold into
this device's progress (the store's own merge, a join: any order, any number of times,
the same result), saves it, and then writes this device's file, ``DEVICE.progress.toml``,
atomically (a temp file in the folder, then a rename). It writes no other file there,
and moves or deletes none: two devices never write one file, so the sync tool never
has a conflict to settle.

A file it cannot read is reported (``FILE: warning: ...``) and left as it is: one a
sync tool is still writing, a symbolic link (never followed: it could point anywhere on
this machine), a named pipe (never waited on), one past the size cap, one from a newer
alignlearn, and a sync tool's conflict copy (``laptop.sync-conflict-....progress.toml``:
two devices of one name wrote it; the warning says so, and that it may be deleted).

Only this device's processes write its file, and they take turns by a lock in the data
folder, so a sync cannot put an older file back over a newer one. Plain Python, no
Textual.
"""

from __future__ import annotations

import errno
import os
import stat as stat_module
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .chunks import ChunkReader, chunks_of
from .codec import NewerFormatError, ProgressFileError, dumps
from .device import SUFFIX, device_file_name, header, is_conflict_copy, read_header
from .files import FileLock, TooLargeError, read_capped
from .merge import merge_lesson, opened_order  # the store's merge, a lesson at a time
from .model import CourseProgress, LessonProgress, utc_now
from .store import SIZE_CAP, ProgressStore
from .sync_record import remember_syncs
from alignlearn.progress.files import fsync_folder as _fsync_folder

__all__ = ["SyncReport", "sync", "LOCK_NAME"]

LOCK_NAME = "sync.lock"
STALE_TEMP = 3600.0  # seconds after which a temp file of ours in the folder is a dead sync's


@dataclass
class SyncReport:
    """What a sync did. ``error`` is set when it could not do its job (no folder, the
    device's own file not written); ``warnings`` name files it skipped or noticed."""

    folder: Path
    device: str
    read: list[str] = field(default_factory=list)  # names of the device files read
    lessons: set[tuple[str, str]] = field(default_factory=set)  # (course, lesson) changed here
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    devices: dict[str, datetime] = field(default_factory=dict)  # who last synced when
    wrote: bool = False  # this device's file was written

    @property
    def own_file(self) -> Path:
        return self.folder / device_file_name(self.device)


def sync(folder: Path | str, device: str, store: ProgressStore | None = None, *,
         reader: ChunkReader | None = None, lock_timeout: float = 10.0) -> SyncReport:
    """Merge the device files in ``folder`` into ``store``'s progress, then write this
    device's own file there. Never raises for a file or folder problem: see the report."""
    folder = Path(folder)
    store = store if store is not None else ProgressStore()
    report = SyncReport(folder, device)
    try:
        if not stat_module.S_ISDIR(os.stat(folder).st_mode):
            report.error = f"{folder} is not a folder"
            return report
    except OSError as error:
        report.error = f"cannot use the sync folder {folder}: {_reason(error)}"
        return report
    try:
        store.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = FileLock(store.path.parent / LOCK_NAME, lock_timeout)
        lock.__enter__()
    except OSError as error:
        report.error = f"cannot sync now: {_reason(error)}"
        return report
    try:
        _sync_locked(folder, device, store, reader or ChunkReader(), report)
    finally:
        lock.__exit__(None, None, None)
    return report


def _sync_locked(folder: Path, device: str, store: ProgressStore, reader: ChunkReader,
                 report: SyncReport) -> None:
    store.load()
    if store.read_only is not None:
        report.error = store.read_only
        return
    known = set(chunks_of(_own_body(store))[1])
    courses: dict[str, CourseProgress] = {}
    lessons: dict[tuple[str, str], LessonProgress] = {}
    reader.begin()
    for name in _device_files(folder, report):
        path = folder / name
        if is_conflict_copy(name):  # which of two devices it stands for cannot be told: left to the learner
            report.warnings.append(f"{path}: warning: a sync tool's conflict copy (two devices share a name?); "
                                   "skipped, and left for you to delete")
            continue
        try:
            data = _read_plain(path)
            found = reader.read(data, known)
        except NewerFormatError as error:
            report.warnings.append(f"{path}: warning: written by a newer alignlearn ({error}); skipped")
            continue
        except ProgressFileError as error:
            line = getattr(error, "line", None)
            where = f"{path}:{line}" if line else str(path)
            report.warnings.append(f"{where}: warning: cannot be read ({error}); skipped")
            continue
        except TooLargeError as error:
            report.warnings.append(f"{path}: warning: {error}; skipped")
            continue
        except OSError as error:
            report.warnings.append(f"{path}: warning: {_unreadable(error)}; skipped")
            continue
        report.read.append(name)
        said = read_header(data[:200].decode("utf-8", "replace"))
        if said is not None:
            who, when = said
            if who not in report.devices or report.devices[who] < when:
                report.devices[who] = when
        for course_id, course in found.courses.items():
            mine = courses.get(course_id)
            courses[course_id] = course if mine is None else max(mine, course, key=opened_order)
        for key, lesson in found.lessons.items():
            lessons[key] = merge_lesson(lessons.get(key), lesson)
    reader.end()
    report.lessons = _bring_in(store, courses, lessons)
    if store.saving_failed is not None:
        report.warnings.append(f"{store.path}: warning: {store.saving_failed}")
    now = utc_now()
    _write_own(folder, device, store, now, report)
    if report.wrote:
        report.devices[device] = now
    remember_syncs(store.path.parent, folder.absolute(), report.devices)


def _device_files(folder: Path, report: SyncReport) -> list[str]:
    """The names of the device files in ``folder``, sorted (hidden ones are temp files)."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError as error:
        report.warnings.append(f"{folder}: warning: cannot list it ({_reason(error)})")
        return []
    return sorted(name for name in names if name.endswith(SUFFIX) and not name.startswith("."))


def _read_plain(path: Path) -> bytes:
    """The file's bytes, if it is a plain file and not a link, within the size cap.
    Opened without following a link and without blocking (a named pipe)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat_module.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a plain file", str(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as file:
            size = os.fstat(fd).st_size
            if size > SIZE_CAP:
                raise TooLargeError(size, SIZE_CAP)
            data = file.read(SIZE_CAP + 1)
    finally:
        os.close(fd)
    if len(data) > SIZE_CAP:
        raise TooLargeError(len(data), SIZE_CAP)
    return data


def _unreadable(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a symbolic link, not followed"
    if error.strerror == "not a plain file":
        return "not a plain file"
    return f"cannot be read ({error.strerror or error})"


def _bring_in(store: ProgressStore, courses: dict[str, CourseProgress],
              lessons: dict[tuple[str, str], LessonProgress]) -> set[tuple[str, str]]:
    """Merge what the files hold into the store; the lessons that changed. Nothing is
    written when nothing is new (a sync of devices that have met costs no save)."""
    with store.held() as progress:  # the reader's workers change the same progress
        changed = set()
        for (course_id, lesson_id), lesson in lessons.items():
            course = progress.courses.get(course_id)
            mine = course.lessons.get(lesson_id) if course is not None else None
            if mine is None or merge_lesson(mine, lesson) != merge_lesson(mine, None):
                changed.add((course_id, lesson_id))
        newer = {course_id for course_id, course in courses.items()
                 if course_id not in progress.courses
                 or opened_order(course) > opened_order(progress.courses[course_id])}
        if not changed and not newer:
            return set()

        def merge_in(progress) -> None:
            for course_id in newer:
                mine = progress.course(course_id)
                theirs = courses[course_id]
                if opened_order(theirs) > opened_order(mine):
                    mine.last_lesson, mine.last_opened = theirs.last_lesson, theirs.last_opened
            added = set()
            for course_id, lesson_id in changed:
                course = progress.course(course_id)
                if lesson_id not in course.lessons:
                    added.add(course_id)
                course.lessons[lesson_id] = merge_lesson(course.lessons.get(lesson_id),
                                                          lessons[(course_id, lesson_id)])
            for course_id in added:  # the file keeps lessons in order
                course = progress.courses[course_id]
                course.lessons = dict(sorted(course.lessons.items()))

        store.update(merge_in, lessons=sorted(changed))
        return changed


def _own_body(store: ProgressStore) -> str:
    """This device's progress as the file's text, less its first line: a copy of the
    store's file when it holds all of it (no rendering), else rendered."""
    if store.saving_failed is None:
        try:
            data, _ = read_capped(store.path, SIZE_CAP)
            text = data.decode("utf-8")
            if text.startswith("#"):
                text = text.split("\n", 1)[1] if "\n" in text else ""
            return text
        except (OSError, TooLargeError, UnicodeDecodeError):
            pass  # no file yet (nothing done here), or not one to copy
    return dumps(store.progress, header="")


def _write_own(folder: Path, device: str, store: ProgressStore, now: datetime,
               report: SyncReport) -> None:
    """Replace this device's file in the folder, all at once. A link at its name is
    replaced, not followed."""
    data = (header(device, now) + _own_body(store)).encode("utf-8")
    target = report.own_file
    _sweep_temp_files(folder, target.name)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        report.error = f"cannot write {target}: {_reason(error)}"
        return
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except OSError as error:
        try:
            os.unlink(temp)
        except OSError:
            pass
        report.error = f"cannot write {target}: {_reason(error)}"
        return
    _fsync_folder(folder)
    report.wrote = True


def _sweep_temp_files(folder: Path, name: str) -> None:
    """Remove temp files of this device's file that a killed sync left (old ones only:
    another machine misnamed like this one may be writing one now)."""
    prefix = f".{name}."
    try:
        entries = [entry for entry in os.scandir(folder)
                   if entry.name.startswith(prefix) and entry.name.endswith(".tmp")]
        for entry in entries:
            if time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP:
                os.unlink(entry.path)
    except OSError:
        pass


def _reason(error: OSError) -> str:
    text = error.strerror or str(error)
    return f"{text} ({error.filename})" if error.filename else text
