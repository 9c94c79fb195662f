"""The learner's progress file: read, merged, and written so that nothing is lost.

Every change goes through :meth:`ProgressStore.update`: take the lock, bring in what
is on disk, apply the change, write the whole file atomically. So two readers open at
once both keep their progress (SPEC section 6), and a crash leaves the old file or the
new one.

The store never raises to the reader for a file problem. It says what happened in
:attr:`ProgressStore.notices` (and :attr:`saving_failed`, :attr:`read_only`), keeps
working in memory, and saves everything at the next write that succeeds.

What "bring in what is on disk" means:

- the file is the one we wrote last (same inode, size, mtime and per-write token):
  nothing to read, the usual case, which keeps a save fast on a big file;
- someone else wrote it: their file is the truth, plus, if our last save failed,
  merged with what we could not save;
- it is missing: we keep what we have (delete a progress file with
  ``alignlearn progress reset``, which writes an empty one, not with ``rm`` while a
  reader is open);
- it cannot be read as progress: moved aside, the learner told where, and we go on
  with what we have (empty at start-up);
- a newer ``format_version``: read-only, the file is never written.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from .codec import NewerFormatError, ProgressWriter, UnreadableProgressError, header_line, loads
from .files import FileLock, Stamp, TooLargeError, atomic_write, move_aside, read_capped
from .files import remove_stale_temp_files
from .merge import merge
from .snapshot import load_snapshot, save_snapshot
from .model import Answer, Attempt, LessonProgress, Position, Progress, QuizDraft, utc_now

__all__ = ["ProgressStore", "Notice", "SIZE_CAP"]

SIZE_CAP = 16 * 1024 * 1024
"""A progress file larger than this is not ours (a course of thousands of lessons, all
done, fits well under it); it is moved aside rather than parsed."""


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the learner should be told about their progress file.

    ``kind`` is ``"moved_aside"`` (``backup`` says where), ``"read_only"``,
    ``"saving_failed"`` or ``"saving_resumed"``.
    """

    kind: str
    message: str
    backup: Path | None = None


class ProgressStore:
    """The progress file at ``path`` (by default :func:`alignlearn.paths.progress_file`).

    Safe to call from a worker thread. Methods that change progress return quickly
    when the file is unchanged since our last write; the first :meth:`load` parses it.
    """

    def __init__(self, path: Path | str | None = None, *, size_cap: int = SIZE_CAP,
                 lock_timeout: float = 10.0) -> None:
        self.path = Path(path) if path is not None else paths.progress_file()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.size_cap = size_cap
        self.lock_timeout = lock_timeout
        self.notices: list[Notice] = []
        self.saving_failed: str | None = None
        """While saving fails: ``"progress is not being saved: REASON"``."""
        self.read_only: str | None = None
        """When the file is from a newer alignlearn: why it will not be written."""
        self._state = Progress()
        self._unsaved = False  # memory holds changes the file does not
        self._stamp: Stamp | None = None  # the file as we last wrote or read it
        self._writer = ProgressWriter()
        self._mutex = threading.RLock()
        self._taken = 0
        self._swept = False

    # ------------------------------------------------------------------ reading

    @property
    def progress(self) -> Progress:
        """The progress in memory. Read it; change it only through :meth:`update`."""
        return self._state

    def load(self) -> Progress:
        """Bring in the file (cheap if unchanged) and return the progress."""
        with self._mutex:
            try:
                with FileLock(self.lock_path, self.lock_timeout):
                    self._sync(locked=True)
            except OSError:
                # No lock (read-only folder, say): reading is still safe, since writers
                # replace the file whole; only moving a bad file aside must wait.
                self._sync(locked=False)
            return self._state

    @contextmanager
    def held(self) -> Iterator[Progress]:
        """The progress in memory, which no other thread changes until the block ends
        (the same thread may still call :meth:`update` inside it)."""
        with self._mutex:
            yield self._state

    def take_notices(self) -> list[Notice]:
        """The notices not taken before, for the UI to show once each."""
        with self._mutex:
            fresh = self.notices[self._taken:]
            self._taken = len(self.notices)
            return fresh

    # ------------------------------------------------------------------ changing

    def update(self, change: Callable[[Progress], object], *,
               lessons: Iterable[tuple[str, str]] | None = None) -> Progress:
        """Apply ``change`` to the progress and save it.

        Under the lock: bring in the file, call ``change(progress)`` (it changes the
        object in place), write atomically. ``lessons`` names the (course id, lesson id)
        pairs ``change`` touches, if known: only those are rendered again. A failed save
        is reported in :attr:`saving_failed`, never raised; exceptions from ``change``
        itself are the caller's and propagate.
        """
        with self._mutex:
            with self._locked() as blocked:
                self._apply(change, lessons)
                if blocked is not None:
                    self._failed(blocked)
                elif self.read_only is None:
                    self._write()
            return self._state

    def reset(self) -> bool:
        """Forget all progress, here and in the file. False if that could not be saved.

        A file that cannot be read is still moved aside first, and a newer file is not
        touched: reset never destroys what it could not show the learner.
        """
        with self._mutex:
            with self._locked() as blocked:
                self._state = Progress()
                self._writer.forget_all()
                self._unsaved = True
                if blocked is not None:
                    self._failed(blocked)
                elif self.read_only is None:
                    self._write()
            return not self._unsaved

    @contextmanager
    def _locked(self) -> Iterator[str | None]:
        """Hold the file lock with the file brought in; yields why we must not write."""
        try:
            self._ensure_folder()
            lock = FileLock(self.lock_path, self.lock_timeout).__enter__()
        except OSError as error:
            self._sync(locked=False)
            yield f"cannot lock {self.lock_path}: {_reason(error)}"
            return
        try:
            yield self._sync(locked=True)
        finally:
            lock.__exit__(None, None, None)

    def _apply(self, change: Callable[[Progress], object],
               lessons: Iterable[tuple[str, str]] | None) -> None:
        self._unsaved = True
        try:
            change(self._state)
        except BaseException:
            self._writer.forget_all()
            raise
        if lessons is None:
            self._writer.forget_all()
        else:
            for course_id, lesson_id in lessons:
                self._writer.forget(course_id, lesson_id)

    def import_progress(self, other: Progress) -> Progress:
        """Merge ``other`` (an export from another machine) in; nothing is replaced."""
        def bring_in(progress: Progress) -> None:
            merged = merge(progress, other)
            progress.courses = merged.courses
        return self.update(bring_in)

    # What the reader calls. Each one names the lesson it touches, so a save after a
    # quiz re-renders one lesson, not two thousand.

    def open_lesson(self, course_id: str, lesson_id: str) -> None:
        """Remember this lesson as the one to reopen the course at."""
        def opened(progress: Progress) -> None:
            course = progress.course(course_id)
            course.last_lesson, course.last_opened = lesson_id, utc_now()
        self.update(opened, lessons=())

    def mark_section_read(self, course_id: str, lesson_id: str, key: str) -> LessonProgress:
        """``key`` is the section's :func:`~alignlearn.progress.section_key`."""
        return self._lesson_update(course_id, lesson_id,
                                   lambda lesson: lesson.sections_read.add(key))

    def set_position(self, course_id: str, lesson_id: str, section_key: str,
                     line: int) -> LessonProgress:
        """Where the learner is reading; also makes this the course's last lesson."""
        def moved(progress: Progress) -> None:
            now = utc_now()
            course = progress.course(course_id)
            course.lesson(lesson_id).position = Position(section_key, max(0, line), now)
            course.last_lesson, course.last_opened = lesson_id, now
        self.update(moved, lessons=[(course_id, lesson_id)])
        return self._state.course(course_id).lesson(lesson_id)

    def add_attempt(self, course_id: str, lesson_id: str, attempt: Attempt) -> LessonProgress:
        """Record a finished quiz; the lesson's draft, now answered, goes."""
        def finished(lesson: LessonProgress) -> None:
            lesson.attempts.append(attempt)
            lesson.draft = None
        return self._lesson_update(course_id, lesson_id, finished)

    def save_draft(self, course_id: str, lesson_id: str,
                   answers: Mapping[str, Answer]) -> LessonProgress:
        """The answers so far of a quiz left half way, to offer to resume."""
        draft = QuizDraft(
            {k: (list(v) if isinstance(v, list) else v) for k, v in answers.items()},
            utc_now(),
        )
        return self._lesson_update(course_id, lesson_id,
                                   lambda lesson: setattr(lesson, "draft", draft))

    def clear_draft(self, course_id: str, lesson_id: str) -> LessonProgress:
        return self._lesson_update(course_id, lesson_id,
                                   lambda lesson: setattr(lesson, "draft", None))

    def _lesson_update(self, course_id: str, lesson_id: str,
                       change: Callable[[LessonProgress], object]) -> LessonProgress:
        self.update(lambda progress: change(progress.course(course_id).lesson(lesson_id)),
                    lessons=[(course_id, lesson_id)])
        return self._state.course(course_id).lesson(lesson_id)

    def checkpoint(self) -> None:
        """Keep a parsed copy of the file as we last wrote it (see :mod:`.snapshot`), so
        the next start does not parse a big file again. Call it when closing."""
        with self._mutex:
            if self._stamp is not None and not self._unsaved and self._stamp.still_matches(self.path):
                save_snapshot(self.path, self._stamp, self._state)

    # ------------------------------------------------------------------ the file

    def _ensure_folder(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)

    def _sync(self, *, locked: bool) -> str | None:
        """Bring the file's content into memory. Returns why we must not write, if so."""
        if self._stamp is not None and self._stamp.still_matches(self.path):
            return None
        try:
            data, stamp = read_capped(self.path, self.size_cap)
            first = self._stamp is None and not self._state.courses
            disk = load_snapshot(self.path, stamp) if first else None
            if disk is None:
                disk = loads(data)
                if first:  # a session's first read: the next session need not parse it
                    save_snapshot(self.path, stamp, disk)
        except FileNotFoundError:
            self._stamp = None
            return None
        except NewerFormatError as error:
            self._stamp = None
            if self.read_only is None:
                self.read_only = (
                    f"Your progress file {self.path} was written by a newer alignlearn "
                    f"({error}); it is left as it is and progress made now is not saved."
                )
                self.notices.append(Notice("read_only", self.read_only))
            return None
        except (UnreadableProgressError, TooLargeError) as error:
            self._stamp = None
            line = getattr(error, "line", None)
            why = str(error) if line is None else f"{self.path}:{line}: {error}"
            if not locked:
                return f"{self.path} cannot be read ({why})"
            return self._keep_aside(why)
        except OSError as error:
            self._stamp = None
            return f"cannot read {self.path}: {_reason(error)}"
        self.read_only = None
        self._state = merge(disk, self._state) if self._unsaved else disk
        self._stamp = stamp
        self._writer.forget_all()
        return None

    def _keep_aside(self, why: str) -> str | None:
        try:
            backup = move_aside(self.path)
        except OSError as error:
            return f"{self.path} cannot be read ({why}) nor moved aside: {_reason(error)}"
        message = (
            f"Your progress file could not be read ({why}); it was kept at {backup} "
            + ("and you are starting fresh." if not self._unsaved and not self._state.courses
               else "and the progress of this session is saved in a new file.")
        )
        self.notices.append(Notice("moved_aside", message, backup))
        if self._state.courses:
            self._unsaved = True
        return None

    def _write(self) -> None:
        token = os.urandom(8).hex()
        data = self._writer.render(self._state, header_line(token)).encode("utf-8")
        if len(data) > self.size_cap:
            self._failed(f"the progress file would be larger than "
                         f"{self.size_cap // (1024 * 1024)} MiB")
            return
        if not self._swept:
            remove_stale_temp_files(self.path)
            self._swept = True
        try:
            self._stamp = atomic_write(self.path, data)
        except OSError as error:
            self._failed(_reason(error))
            return
        self._unsaved = False
        if self.saving_failed is not None:
            self.saving_failed = None
            self.notices.append(Notice("saving_resumed", "Progress is being saved again."))

    def _failed(self, reason: str) -> None:
        self._unsaved = True
        message = f"progress is not being saved: {reason}"
        if self.saving_failed != message:
            self.saving_failed = message
            self.notices.append(Notice("saving_failed", message))


def _reason(error: OSError) -> str:
    text = error.strerror or str(error)
    return f"{text} ({error.filename})" if error.filename else text
