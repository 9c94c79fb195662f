"""The reader's side of the progress store: what to save, when, and what to show.

The app owns one :class:`ReaderProgress`. Every read and write of the progress file
runs in a thread worker, so no key ever waits for the disk. Changes are queued and
written together: a burst of scrolling or of ``n n n`` is one write a second later,
not one a line. The UI thread reads only ``lessons``, a copy of the course's
progress that the workers refresh after each write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from alignlearn.progress.model import Attempt, LessonProgress, Position, QuizDraft, section_key, utc_now
from alignlearn.ui.reading_marks import ReadingMarks

if TYPE_CHECKING:
    from alignlearn.progress import Notice, ProgressStore
    from alignlearn.ui.app import AlignlearnApp

SAVE_AFTER = 1.0  # seconds from a move (a scroll, a section reached) to its write

Change = Callable[["ProgressStore"], object]

_SEVERITY = {"moved_aside": "warning", "read_only": "warning", "saving_failed": "error",
             "saving_resumed": "information"}


def _copy(lesson: LessonProgress) -> LessonProgress:
    """A copy the UI thread can read while a worker changes the store's."""
    return LessonProgress(set(lesson.sections_read), lesson.position, list(lesson.attempts), lesson.draft)


class ReaderProgress:
    """Loads the learner's progress for the course, saves what they do, and says
    what went wrong with the file (as notifications; the reader keeps working)."""

    def __init__(self, app: "AlignlearnApp", start_lesson: str | None, resume: bool = False) -> None:
        self.app = app
        self.course_id = app.course.id
        self.resume = resume  # open the course at the last lesson once progress is loaded
        self.loaded = False
        self.lessons: dict[str, LessonProgress] = {}
        self.last_lesson: str | None = None
        self.sections: dict[str, set[str]] = {}  # each lesson's section keys, when known
        self._store: ProgressStore | None = None
        self._queue: list[tuple[str | None, Change]] = []
        self._write_lock = threading.Lock()
        self._timer = None
        self._here: tuple[str, str, int] | None = None  # (lesson, section key, line) not yet queued
        self._restore: str | None = None  # a lesson just opened, to take to its saved place
        self._start_lesson = start_lesson
        self._watching = False
        self._wrote = False  # changes were saved this session (then close keeps a snapshot)
        self._open: str | None = None  # the lesson the last LessonOpened named
        self.marks = ReadingMarks(app, self._mark_read)

    @property
    def idle(self) -> bool:
        """Read, with nothing waiting to be written and no lesson waiting for its place."""
        return self.loaded and not self._queue and self._timer is None and self._here is None and self._restore is None

    @property
    def store(self) -> "ProgressStore":
        """The store, made on first use: in the worker that first reads the file, so
        its imports (the codec, 20 ms) are not paid for before the first frame."""
        if self._store is None:
            from alignlearn.progress import ProgressStore

            self._store = ProgressStore()
        return self._store

    def lesson(self, lesson_id: str) -> LessonProgress:
        """What the learner has done in a lesson (empty if nothing, or not loaded yet)."""
        return self.lessons.get(lesson_id) or LessonProgress()

    # --- loading -------------------------------------------------------------------

    def start(self) -> None:
        self.app.run_worker(self._load, thread=True, group="progress", description="read progress",
                            exit_on_error=False)

    def _load(self) -> None:
        from alignlearn.course import lesson_cache

        try:
            progress = self.store.load()
        except Exception as error:  # a bug, not a file problem (those are notices): keep reading
            from alignlearn.progress import Notice

            self._call(self._loaded, {}, None, {}, [Notice("saving_failed", f"progress could not be read: {error}")])
            return
        course = progress.courses.get(self.course_id)
        lessons = {key: _copy(value) for key, value in course.lessons.items()} if course else {}
        last = course.last_lesson if course else None
        self._call(self._loaded, lessons, last, {}, self.store.take_notices())
        # Then, to tell which lessons are done by reading, the sections of each lesson read
        # in and not passed: from the lesson cache, a millisecond or two each.
        sections: dict[str, set[str]] = {}
        for lesson_id, lesson in lessons.items():
            info = self.app.course.info(lesson_id)
            if lesson.sections_read and not lesson.passed() and info is not None and lesson_id not in self.sections:
                cached = lesson_cache.load(info.file)
                if cached is not None:
                    sections[lesson_id] = {section_key(s.title) for s in cached.sections}
        if sections:
            self._call(self._sections_known, sections)

    def _sections_known(self, sections: dict[str, set[str]]) -> None:
        for lesson_id, keys in sections.items():
            self.sections.setdefault(lesson_id, keys)

    def _loaded(self, lessons: dict[str, LessonProgress], last: str | None,
                sections: dict[str, set[str]], notices: list[Notice]) -> None:
        for lesson_id, here in self.lessons.items():  # changes made while loading stay
            lessons[lesson_id] = lessons.get(lesson_id, here) if here.is_empty() else here
        self.lessons, self.last_lesson, self.loaded = lessons, last, True
        for lesson_id, keys in sections.items():
            self.sections.setdefault(lesson_id, keys)
        self._tell(notices)
        if self._watching or self._start_lesson is None:
            self._take_up()

    def _take_up(self) -> None:
        """Progress is read and the first lesson opened: go back to the lesson and the
        place the learner left, and write what waited for the file to be read."""
        screen = self.app.lesson_screen
        last = self.last_lesson
        if (self.resume and last and last != screen.lesson_id and self.app.course.info(last) is not None
                and screen.lesson_id == self._start_lesson and round(screen.view.scroll_y) == 0):
            self.app.open_lesson(last, remember=False)  # the learner has not moved yet: take them back
        else:
            if screen.lesson_id is not None:
                lesson_id = screen.lesson_id
                self.queue(None, lambda store: store.open_lesson(self.course_id, lesson_id))
            self._show_read()
            self._go_to_saved_place()
        self._flush()

    def _call(self, callback: Callable, *args) -> None:
        """Run ``callback`` on the UI thread (from a worker); nothing if the app has gone."""
        try:
            self.app.call_from_thread(callback, *args)
        except Exception:  # the app is closing: what was written is written
            pass

    def _tell(self, notices: list[Notice]) -> None:
        for notice in notices:
            self.app.notify(notice.message, title="Progress", severity=_SEVERITY.get(notice.kind, "warning"),
                            timeout=12, markup=False)

    # --- what the reader reports -----------------------------------------------------

    def lesson_opened(self, lesson_id: str, placed: bool = False) -> None:
        """``placed``: the lesson was opened at a given place (a search hit, a link, a
        tutor's source), which wins over where the learner left it."""
        self._restore = None if placed else lesson_id
        self._open = lesson_id
        if not self._watching:  # the lesson screen's first lesson: it is composed by now
            self._watching = True
            self.app.watch(self.app.lesson_screen.view, "scroll_y", self._scrolled, init=False)
            if self.loaded:
                self._take_up()
            return
        if self.loaded:  # before, the file is still to say where the course was left
            self.queue(None, lambda store: store.open_lesson(self.course_id, lesson_id))
        self._show_read()
        # This message can come after the lesson is on screen (a busy machine, a lesson
        # from the cache): then its page was shown before we knew to take it back.
        self._go_to_saved_place()

    def page_shown(self, complete: bool) -> None:
        screen = self.app.lesson_screen
        if complete and screen.lesson is not None:
            self.sections[screen.lesson.id] = {section_key(s.title) for s in screen.lesson.sections}
            self._go_to_saved_place()
            self.marks.in_view(screen.lesson.id, screen.section)  # where a lesson opens (the introduction)

    def _go_to_saved_place(self) -> None:
        """Take a lesson just opened to where the learner left it, unless they were
        sent somewhere in it (a search hit, a link) or have moved since."""
        screen = self.app.lesson_screen
        view = screen.view
        if (not self.loaded or self._restore is None or screen.lesson is None or screen.lesson.id != self._restore
                or view.page is None or not view.page.complete):
            return
        self._restore = None
        position = self.lesson(screen.lesson.id).position
        if position is None or round(view.scroll_y) != 0:
            return
        if not position.section:
            if position.line:
                screen.go_to_line(position.line)
            return
        section = next((s for s in screen.lesson.sections if section_key(s.title) == position.section), None)
        if section is None:
            return  # renamed or gone: the lesson opens at the top
        if position.line:
            screen.go_to_line(section.line + position.line)
        else:
            screen.go_to_section(section.number)

    def section_reached(self, lesson_id: str, section: int) -> None:
        """The learner reached a section: it counts as read once it has stayed in view
        a while (``ui/reading_marks.py``)."""
        self.marks.in_view(lesson_id, section)

    def _mark_read(self, lesson_id: str, key: str) -> None:
        if key in self.lesson(lesson_id).sections_read:
            return
        self.lessons.setdefault(lesson_id, LessonProgress()).sections_read.add(key)
        self.queue(lesson_id, lambda store: store.mark_section_read(self.course_id, lesson_id, key), soon=True)
        self._show_read()

    def _scrolled(self) -> None:
        here = self._where()
        if here is None:
            return
        lesson_id, key, line = here
        saved = self.lesson(lesson_id).position
        if saved is not None and (saved.section, saved.line) == (key, line):
            return
        self._here = here
        self.lessons.setdefault(lesson_id, LessonProgress()).position = Position(key, line, utc_now())
        self._save_soon()

    def _where(self) -> tuple[str, str, int] | None:
        """(lesson, section key, line in the section) at the top of the view."""
        screen = self.app.lesson_screen
        view = screen.view
        if (screen.lesson is None or view.page is None or not view.page.complete
                or self._restore == screen.lesson.id or screen.lesson.id != self._open):
            return None  # not yet taken to its place, or its opening not yet heard of
        section = screen.current_section
        line = view.source_line
        if section is None:
            return screen.lesson.id, "", max(0, line)
        return screen.lesson.id, section_key(section.title), max(0, line - section.line)

    # --- the quiz ----------------------------------------------------------------------

    def save_draft(self, lesson_id: str, answers: dict) -> None:
        lesson = self.lessons.setdefault(lesson_id, LessonProgress())
        lesson.draft = QuizDraft(dict(answers), utc_now()) if answers else None
        if answers:
            self.queue(lesson_id, lambda store: store.save_draft(self.course_id, lesson_id, answers))
        else:
            self.queue(lesson_id, lambda store: store.clear_draft(self.course_id, lesson_id))

    def add_attempt(self, lesson_id: str, attempt: Attempt) -> None:
        lesson = self.lessons.setdefault(lesson_id, LessonProgress())
        lesson.attempts.append(attempt)
        lesson.draft = None
        self.queue(lesson_id, lambda store: store.add_attempt(self.course_id, lesson_id, attempt))
        sync = getattr(self.app, "sync", None)
        if sync is not None:
            sync.after_attempt()  # the other devices see the attempt (ui/reader_sync.py)

    # --- what the lists show ---------------------------------------------------------------

    def lessons_done(self) -> set[str]:
        return {lesson_id for lesson_id, lesson in self.lessons.items()
                if lesson.is_done(self.sections.get(lesson_id, ()))}

    def how_done(self) -> dict[str, str]:
        """Each done lesson and which way it is done: "passed" (its quiz) or "read" (every section)."""
        found = {}
        for lesson_id in self.lessons_done():
            found[lesson_id] = "passed" if self.lessons[lesson_id].passed() else "read"
        return found

    def best_scores(self) -> dict[str, str]:
        """Each lesson's best quiz score so far, as "12/15"."""
        found = {}
        for lesson_id, lesson in self.lessons.items():
            best = lesson.best_attempt()
            if best is not None:
                found[lesson_id] = f"{best.score}/{best.total}"
        return found

    def best_score(self, lesson_id: str) -> str | None:
        lesson = self.lessons.get(lesson_id)
        best = lesson.best_attempt() if lesson is not None else None
        return f"{best.score}/{best.total}" if best is not None else None

    def sections_read(self, lesson_id: str) -> set[str]:
        return set(self.lesson(lesson_id).sections_read)

    def _show_read(self) -> None:
        screen = self.app.lesson_screen
        if screen.lesson_map is not None:
            screen.lesson_map.refresh_read(screen.lesson_id)
        if screen.lesson_id is not None:
            screen.view.show_best(self.best_score(screen.lesson_id))

    # --- writing -----------------------------------------------------------------------------

    def queue(self, lesson_id: str | None, change: Change, soon: bool = False) -> None:
        """Write ``change`` in a worker: now, or with the next save (``soon``)."""
        self._queue.append((lesson_id, change))
        if not self.loaded:
            return  # written once the file is read: it says where to reopen the course
        if soon:
            self._save_soon()
        else:
            self._flush()

    def _save_soon(self) -> None:
        """Write in ``SAVE_AFTER`` seconds, with whatever has come in by then: at most
        one write a second however fast the learner scrolls, and never long unsaved."""
        if self._timer is None:
            self._timer = self.app.set_timer(SAVE_AFTER, self._flush, name="save progress")

    def _take_here(self) -> None:
        if self._here is not None:
            lesson_id, key, line = self._here
            self._here = None
            self._queue.append((lesson_id, lambda store: store.set_position(self.course_id, lesson_id, key, line)))

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._take_here()
        if self._queue:
            self.app.run_worker(self._write, thread=True, group="progress", description="save progress",
                                exit_on_error=False)

    def _write(self) -> None:
        touched, notices = self._drain()
        if touched or notices:
            self._call(self._written, touched, notices)

    def _drain(self) -> tuple[dict[str, LessonProgress], list[Notice]]:
        """Apply every queued change, in order (one worker at a time)."""
        touched: set[str] = set()
        with self._write_lock:
            self._wrote = self._wrote or bool(self._queue)
            while self._queue:
                lesson_id, change = self._queue.pop(0)
                try:
                    change(self.store)
                except Exception as error:  # a bug, not a file problem: say it, keep reading
                    from alignlearn.progress import Notice

                    self.store.notices.append(Notice("saving_failed", f"progress was not saved: {error}"))
                if lesson_id is not None:
                    touched.add(lesson_id)
            course = self.store.progress.courses.get(self.course_id)
            copies = {key: _copy(course.lessons[key]) for key in touched
                      if course is not None and key in course.lessons}
            return copies, self.store.take_notices()

    def _written(self, touched: dict[str, LessonProgress], notices: list[Notice]) -> None:
        for lesson_id, lesson in touched.items():
            mine = self.lessons.get(lesson_id)
            if mine is not None and self._here is not None and self._here[0] == lesson_id:
                lesson = replace(lesson, position=mine.position)  # moved again since: that is to be written next
            if mine is not None:
                lesson.sections_read |= mine.sections_read  # marks still queued stay shown
            self.lessons[lesson_id] = lesson
        self._tell(notices)
        self._show_read()

    def close(self) -> None:
        """Save what is still queued, now (the app is closing)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._take_here()
        if self._queue:
            self._drain()
        if self._store is not None and self._wrote:
            self._store.checkpoint()  # a big file is not parsed again next time
            self._wrote = False  # closed again (after a crash, then on unmount): nothing new to keep
