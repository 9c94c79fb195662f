"""When a section counts as read: once it has stayed in view ``READ_AFTER`` seconds.

Passing through a section with ``n`` is not reading it, and a dialog over the lesson
holds the count until it closes. The introduction is marked too (``INTRODUCTION``).
"""

from __future__ import annotations

from typing import Callable

from alignlearn.ui.screens.lesson import LessonScreen
from alignlearn.progress.model import INTRODUCTION, section_key

READ_AFTER = 3.0  # seconds a section stays in view before it counts as read


class ReadingMarks:
    def __init__(self, app, mark: Callable[[str, str], None]) -> None:
        """``mark(lesson_id, section_key)`` records a section read."""
        self.app = app
        self.mark = mark
        self._dwelling: tuple[str, int] | None = None  # (lesson, section) in view, not yet counted
        self._timer = None

    def in_view(self, lesson_id: str, section: int) -> None:
        """``section`` of ``lesson_id`` is the one in view now."""
        if self._dwelling == (lesson_id, section) and self._timer is not None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._dwelling = (lesson_id, section)
        self._start()

    def _start(self) -> None:
        # READ_AFTER looked up here, so tests may set it on this module
        self._timer = self.app.set_timer(READ_AFTER, self._dwelt, name="count a section read")

    def _dwelt(self) -> None:
        self._timer = None
        if self._dwelling is None:
            return
        lesson_id, section = self._dwelling
        if not any(isinstance(s, LessonScreen) for s in self.app.screen_stack):
            return  # the app is closing: its screens are gone before its timers
        screen = self.app.lesson_screen
        if screen.lesson is None or screen.lesson.id != lesson_id or screen.section != section:
            return  # moved on: the section now in view has its own timer
        if self.app.screen is not screen:  # a dialog over the lesson: count from when it is back
            self._start()
            return
        self._dwelling = None
        if section == 0:
            if screen.lesson.intro:
                self.mark(lesson_id, INTRODUCTION)
            return
        found = next((s for s in screen.lesson.sections if s.number == section), None)
        if found is not None:
            self.mark(lesson_id, section_key(found.title))
