"""What the reader does with the learner's progress, without the reader: a copy to show,
changes queued and written together, and where to take a lesson back to.

No Textual: ``ui/reader_progress.py`` decides when (timers, workers) and shows the
result; everything here runs on whichever thread calls it, the writes under one lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from alignlearn.progress.model import Attempt, LessonProgress, Position, QuizDraft, section_key, utc_now

if TYPE_CHECKING:
    from alignlearn.course.lesson import Lesson
    from alignlearn.progress import Notice, ProgressStore

Change = Callable[["ProgressStore"], object]


def copy_of(lesson: LessonProgress) -> LessonProgress:
    """A copy one thread can read while another changes the store's."""
    return LessonProgress(set(lesson.sections_read), lesson.position, list(lesson.attempts), lesson.draft)


@dataclass(frozen=True)
class SavedPlace:
    """Where the learner left a lesson: a line of its file, or else a section's start."""

    line: int | None = None
    section: int | None = None


class ProgressSaver:
    """The learner's progress in one course, as the reader keeps and saves it."""

    def __init__(self, course_id: str) -> None:
        self.course_id = course_id
        self.loaded = False
        self.lessons: dict[str, LessonProgress] = {}  # what is shown: changed at once, saved later
        self.last_lesson: str | None = None
        self.sections: dict[str, set[str]] = {}  # each lesson's section keys, when known
        self.queue: list[tuple[str | None, Change]] = []
        self.here: tuple[str, str, int] | None = None  # (lesson, section key, line) not yet queued
        self._store: ProgressStore | None = None
        self._write_lock = threading.Lock()
        self._wrote = False  # changes were saved (then closing keeps a snapshot)

    @property
    def store(self) -> "ProgressStore":
        """The store, made on first use: by the worker that first reads the file, so its
        imports are not paid for before the first frame."""
        if self._store is None:
            from alignlearn.progress import ProgressStore

            self._store = ProgressStore()
        return self._store

    def lesson(self, lesson_id: str) -> LessonProgress:
        """What the learner has done in a lesson (empty if nothing, or not loaded yet)."""
        return self.lessons.get(lesson_id) or LessonProgress()

    # --- reading ------------------------------------------------------------------

    def read(self) -> tuple[dict[str, LessonProgress], str | None, list["Notice"]]:
        """The course's progress from the file (copies), the lesson read last, and notices."""
        try:
            progress = self.store.load()
        except Exception as error:  # a bug, not a file problem (those are notices): keep reading
            from alignlearn.progress import Notice

            return {}, None, [Notice("saving_failed", f"progress could not be read: {error}")]
        course = progress.courses.get(self.course_id)
        lessons = {key: copy_of(value) for key, value in course.lessons.items()} if course else {}
        return lessons, course.last_lesson if course else None, self.store.take_notices()

    def take_read(self, lessons: dict[str, LessonProgress], last: str | None) -> None:
        """What ``read`` found, with the changes made while it read kept."""
        for lesson_id, here in self.lessons.items():
            lessons[lesson_id] = lessons.get(lesson_id, here) if here.is_empty() else here
        self.lessons, self.last_lesson, self.loaded = lessons, last, True

    # --- changes --------------------------------------------------------------------

    def mark_read(self, lesson_id: str, key: str) -> bool:
        """Count a section as read; False if it already was."""
        if key in self.lesson(lesson_id).sections_read:
            return False
        self.lessons.setdefault(lesson_id, LessonProgress()).sections_read.add(key)
        self.queue.append((lesson_id, lambda store: store.mark_section_read(self.course_id, lesson_id, key)))
        return True

    def moved(self, lesson_id: str, key: str, line: int) -> bool:
        """The learner is at ``line`` of section ``key``; False if that is already saved."""
        saved = self.lesson(lesson_id).position
        if saved is not None and (saved.section, saved.line) == (key, line):
            return False
        self.here = (lesson_id, key, line)
        self.lessons.setdefault(lesson_id, LessonProgress()).position = Position(key, line, utc_now())
        return True

    def take_here(self) -> None:
        """Queue the last place moved to (a burst of scrolling is one write)."""
        if self.here is not None:
            lesson_id, key, line = self.here
            self.here = None
            self.queue.append((lesson_id, lambda store: store.set_position(self.course_id, lesson_id, key, line)))

    def opened(self, lesson_id: str) -> None:
        # The place moved to in the lesson left goes first: written after the opening, it
        # made that lesson the course's last one again (set_position says so too).
        self.take_here()
        self.queue.append((None, lambda store: store.open_lesson(self.course_id, lesson_id)))

    def save_draft(self, lesson_id: str, answers: dict) -> None:
        lesson = self.lessons.setdefault(lesson_id, LessonProgress())
        lesson.draft = QuizDraft(dict(answers), utc_now()) if answers else None
        if answers:
            self.queue.append((lesson_id, lambda store: store.save_draft(self.course_id, lesson_id, answers)))
        else:
            self.queue.append((lesson_id, lambda store: store.clear_draft(self.course_id, lesson_id)))

    def add_attempt(self, lesson_id: str, attempt: Attempt) -> None:
        lesson = self.lessons.setdefault(lesson_id, LessonProgress())
        lesson.attempts.append(attempt)
        lesson.draft = None
        self.queue.append((lesson_id, lambda store: store.add_attempt(self.course_id, lesson_id, attempt)))

    # --- writing ---------------------------------------------------------------------

    def drain(self) -> tuple[dict[str, LessonProgress], list["Notice"]]:
        """Apply every queued change, in order, one writer at a time; copies of the lessons touched."""
        touched: set[str] = set()
        with self._write_lock:
            self._wrote = self._wrote or bool(self.queue)
            while self.queue:
                lesson_id, change = self.queue.pop(0)
                try:
                    change(self.store)
                except Exception as error:  # a bug, not a file problem: say it, keep reading
                    from alignlearn.progress import Notice

                    self.store.notices.append(Notice("saving_failed", f"progress was not saved: {error}"))
                if lesson_id is not None:
                    touched.add(lesson_id)
            course = self.store.progress.courses.get(self.course_id)
            copies = {key: copy_of(course.lessons[key]) for key in touched
                      if course is not None and key in course.lessons}
            return copies, self.store.take_notices()

    def take_written(self, touched: dict[str, LessonProgress]) -> None:
        """The saved copies become what is shown, keeping what moved or was marked since."""
        for lesson_id, lesson in touched.items():
            mine = self.lessons.get(lesson_id)
            if mine is not None and self.here is not None and self.here[0] == lesson_id:
                lesson = replace(lesson, position=mine.position)  # moved again since: that is to be written next
            if mine is not None:
                lesson.sections_read |= mine.sections_read  # marks still queued stay shown
            self.lessons[lesson_id] = lesson

    def close(self) -> None:
        """Write what is still queued, now, and keep a snapshot of a big file."""
        self.take_here()
        if self.queue:
            self.drain()
        if self._store is not None and self._wrote:
            self._store.checkpoint()  # a big file is not parsed again next time
            self._wrote = False  # closed again (after a crash, then on unmount): nothing new to keep

    # --- what the reader shows ----------------------------------------------------------

    def saved_place(self, lesson: "Lesson") -> SavedPlace | None:
        """Where the learner left ``lesson``, if anywhere it still has (a renamed section: nowhere)."""
        position = self.lesson(lesson.id).position
        if position is None:
            return None
        if not position.section:
            return SavedPlace(line=position.line) if position.line else None
        section = next((s for s in lesson.sections if section_key(s.title) == position.section), None)
        if section is None:
            return None
        return SavedPlace(line=section.line + position.line) if position.line else SavedPlace(section=section.number)

    def lessons_done(self) -> set[str]:
        return {lesson_id for lesson_id, lesson in self.lessons.items()
                if lesson.is_done(self.sections.get(lesson_id, ()))}

    def how_done(self) -> dict[str, str]:
        """Each done lesson and which way it is done: "passed" (its quiz) or "read" (every section)."""
        return {lesson_id: "passed" if self.lessons[lesson_id].passed() else "read"
                for lesson_id in self.lessons_done()}

    def best_scores(self) -> dict[str, str]:
        """Each lesson's best quiz score so far, as "12/15"."""
        found = {}
        for lesson_id in self.lessons:
            best = self.best_score(lesson_id)
            if best is not None:
                found[lesson_id] = best
        return found

    def best_score(self, lesson_id: str) -> str | None:
        lesson = self.lessons.get(lesson_id)
        best = lesson.best_attempt() if lesson is not None else None
        return f"{best.score}/{best.total}" if best is not None else None

    def sections_read(self, lesson_id: str) -> set[str]:
        return set(self.lesson(lesson_id).sections_read)
