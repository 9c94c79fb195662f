"""The reader's side of the learner's progress: when to read and save it, and what to show.

The app owns one :class:`ReaderProgress`; what is kept and how it is saved is the core's
``progress/saver.py``. Every read and write of the file runs in a thread worker, so no
key ever waits for the disk. Changes are queued and written together: a burst of
scrolling or of ``n n n`` is one write a second later, not one a line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from alignlearn.progress.model import Attempt, LessonProgress, keys_to_read, section_key
from alignlearn.progress.saver import ProgressSaver, copy_of
from alignlearn.ui.reading_marks import ReadingMarks

if TYPE_CHECKING:
    from alignlearn.progress import Notice
    from alignlearn.ui.app import AlignlearnApp

SAVE_AFTER = 1.0  # seconds from a move (a scroll, a section reached) to its write

_SEVERITY = {"moved_aside": "warning", "read_only": "warning", "saving_failed": "error",
             "saving_resumed": "information"}


class ReaderProgress:
    """Loads the learner's progress for the course, saves what they do, and says
    what went wrong with the file (as notifications; the reader keeps working)."""

    def __init__(self, app: "AlignlearnApp", start_lesson: str | None, resume: bool = False) -> None:
        self.app = app
        self.saver = ProgressSaver(app.course.id)
        self.course_id = app.course.id
        self.resume = resume  # open the course at the last lesson once progress is loaded
        self._timer = None
        self._restore: str | None = None  # a lesson just opened, to take to its saved place
        self._start_lesson = start_lesson
        self._watching = False
        self._take_up_later = False  # a dialog was open when progress was read (``lesson_screen_back``)
        self._open: str | None = None  # the lesson the last LessonOpened named
        self.marks = ReadingMarks(app, self._mark_read)

    # What the lists and the quiz read, from the saver.
    lessons = property(lambda self: self.saver.lessons)
    loaded = property(lambda self: self.saver.loaded)
    sections = property(lambda self: self.saver.sections)
    store = property(lambda self: self.saver.store)

    @property
    def idle(self) -> bool:
        """Read, with nothing waiting to be written and no lesson waiting for its place."""
        return (self.saver.loaded and not self.saver.queue and self._timer is None and self.saver.here is None
                and self._restore is None)

    # --- loading -------------------------------------------------------------------

    def start(self) -> None:
        self.app.run_worker(self._load, thread=True, group="progress", description="read progress",
                            exit_on_error=False)

    def _load(self) -> None:
        lessons, last, notices = self.saver.read()
        self._call(self._loaded, dict(lessons), last, notices)
        # Then, to tell which lessons are done by reading, the sections of each lesson read
        # in and not passed, whatever the course's kind: from the lesson caches, a
        # millisecond or two each, then the lessons no cache holds (never opened on this
        # machine, or changed since) parsed, a few milliseconds each, and kept for next time.
        wanted = [info for lesson_id, lesson in lessons.items()
                  if lesson.sections_read and not lesson.passed() and lesson_id not in self.sections
                  and (info := self.app.course.info(lesson_id)) is not None]
        self._learn_sections(wanted)

    def _learn_sections(self, infos: list) -> None:
        from alignlearn.cache import reading
        from textual.worker import get_current_worker

        found: dict[str, set[str]] = {}
        missing = []
        for info in infos:
            cached = reading.kept_anywhere(self.app.course, info)
            if cached is None:
                missing.append(info)
            else:
                found[info.id] = keys_to_read(section_key(s.title) for s in cached.sections)
        if found:
            self._call(self._sections_known, found)
        worker = get_current_worker()  # the reader quits: stop, a long parse too
        for read in reading.read_in_batches(self.app.course, missing, lambda: worker.is_cancelled):
            found = {lesson_id: keys_to_read(section_key(s.title) for s in lesson.sections)
                     for lesson_id, lesson in read.items() if lesson is not None}
            if found:
                self._call(self._sections_known, found)

    def _sections_known(self, sections: dict[str, set[str]]) -> None:
        for lesson_id, keys in sections.items():
            self.sections.setdefault(lesson_id, keys)
        self._show_read()

    def _loaded(self, lessons: dict[str, LessonProgress], last: str | None, notices: list[Notice]) -> None:
        self.saver.take_read(lessons, last)
        self._tell(notices)
        if self._watching or self._start_lesson is None:
            self._take_up()

    def _take_up(self) -> None:
        """Progress is read and the first lesson opened: go back to the lesson and the
        place the learner left, and write what waited for the file to be read."""
        screen = self.app.lesson_screen
        last = self.saver.last_lesson
        if (self.resume and last and last != screen.lesson_id and self.app.course.info(last) is not None
                and screen.lesson_id == self._start_lesson and round(screen.view.scroll_y) == 0):
            if self.app.screen is not screen:  # "/quiz" typed at once: searched; taken back once it closes
                self._take_up_later = True
                return self._flush()
            self.app.open_lesson(last, remember=False)  # the learner has not moved yet: take them back
        else:
            if screen.lesson_id is not None:
                self.saver.opened(screen.lesson_id)
            self._show_read()
            self._go_to_saved_place()
        self._flush()

    def lesson_screen_back(self) -> None:
        """The lesson screen is on top again (a dialog closed): the learner who opened one before
        progress was read is taken back to the lesson left, unless they have moved since."""
        if self._take_up_later:
            self._take_up_later = False
            self._take_up()

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
            self.saver.opened(lesson_id)
            self._flush()
        self._show_read()
        # This message can come after the lesson is on screen (a busy machine, a lesson
        # from the cache): then its page was shown before we knew to take it back.
        self._go_to_saved_place()

    def page_shown(self, complete: bool) -> None:
        screen = self.app.lesson_screen
        if complete and screen.lesson is not None:
            self.sections[screen.lesson.id] = keys_to_read(section_key(s.title) for s in screen.lesson.sections)
            self._go_to_saved_place()
            self.marks.look()  # where a lesson opens (the introduction)

    def _go_to_saved_place(self) -> None:
        """Take a lesson just opened to where the learner left it, unless they were
        sent somewhere in it (a search hit, a link) or have moved since."""
        screen = self.app.lesson_screen
        view = screen.view
        if (not self.loaded or self._restore is None or screen.lesson is None or screen.lesson.id != self._restore
                or view.page is None or not view.page.complete):
            return
        self._restore = None
        place = self.saver.saved_place(screen.lesson)
        if place is not None and round(view.scroll_y) == 0:
            screen.go_to_place(place)

    def section_reached(self, lesson_id: str, section: int) -> None:
        """The learner reached a section: it counts as read once it has stayed in view
        a while (``ui/reading_marks.py``)."""
        self.marks.look()  # the section at the top is read from the screen

    def _mark_read(self, lesson_id: str, key: str) -> None:
        if self.saver.mark_read(lesson_id, key):
            self._queued(soon=True)
            self._show_read()

    def _scrolled(self) -> None:
        self.marks.look()  # a section wholly in view now counts as read, as the one at the top does
        here = self._where()
        if here is not None and self.saver.moved(*here):
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
        self.saver.save_draft(lesson_id, answers)
        self._queued()

    def add_attempt(self, lesson_id: str, attempt: Attempt) -> None:
        self.saver.add_attempt(lesson_id, attempt)
        self._queued()
        sync = getattr(self.app, "sync", None)
        if sync is not None:
            sync.after_attempt()  # the other devices see the attempt (ui/reader_sync.py)

    def _show_read(self) -> None:
        screen = self.app.lesson_screen
        if screen.lesson_map is not None:
            screen.lesson_map.refresh_read(screen.lesson_id)
        if screen.lesson_id is not None:
            screen.view.show_best(self.saver.best_score(screen.lesson_id))
        show_done = getattr(self.app.screen, "show_done", None)  # the lesson list, if it is up
        if show_done is not None:
            show_done(self.saver.how_done())

    # --- writing -----------------------------------------------------------------------------

    def _queued(self, soon: bool = False) -> None:
        """Write what was queued in a worker: now, or with the next save (``soon``)."""
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

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _flush(self) -> None:
        self._stop_timer()
        self.saver.take_here()
        if self.saver.queue:
            self.app.run_worker(self._write, thread=True, group="progress", description="save progress",
                                exit_on_error=False)

    def _write(self) -> None:
        touched, notices = self.saver.drain()
        if touched or notices:
            self._call(self._written, touched, notices)

    def write_now(self) -> None:
        """Write what is queued, in this (worker) thread: before a sync, so it goes out too."""
        self._write()

    def brought_in(self, lesson_ids: list[str]) -> None:
        """Lessons a sync changed in the store (from a worker): shown as a save's are."""
        course = self.store.progress.courses.get(self.course_id)
        if course is not None:
            copies = {key: copy_of(course.lessons[key]) for key in lesson_ids if key in course.lessons}
            self._call(self._written, copies, [])

    def _written(self, touched: dict[str, LessonProgress], notices: list[Notice]) -> None:
        self.saver.take_written(touched)
        self._tell(notices)
        self._show_read()

    def close(self) -> None:
        """Save what is still queued, now (the app is closing)."""
        self._stop_timer()
        self.saver.close()
